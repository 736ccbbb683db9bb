"""The README commands and Makefile targets, run as an instructor would, on a project copy."""

import os
import subprocess
import sys

import pytest
from conftest import (
    OutputReader,
    chapter,
    copy_project,
    rebuild_until_seen,
    run_make,
    start_make,
    wait_for,
)


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "course")


def test_make_in_a_copy_never_installs_the_environment_again(project, tmp_path):
    """Tests run `make` in copies with their own environment: an install from a copy would
    point that environment's plugins at the copy, gone after the test."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    stamp = venv / ".installed"
    stamp.touch()
    os.utime(stamp, (1000, 1000))  # installed long before pyproject.toml was last edited
    planned = subprocess.run(
        ["make", "-n", "html", f"VENV={venv}"], cwd=project, capture_output=True, text=True
    )
    assert planned.returncode == 0, planned.stderr
    assert "pip install" not in planned.stdout


def test_make_html_builds_the_course_and_make_clean_removes_only_the_output(project):
    built = run_make(project, "html")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "output" / "chapter4.html").is_file()
    assert (project / "output" / "chapter5.html").is_file()
    assert (project / "output" / "images" / "c4.png").is_file()
    cleaned = run_make(project, "clean")
    assert cleaned.returncode == 0
    assert not (project / "output").exists()
    assert (project / "content" / "chapter4.md").is_file()
    assert (project / "content" / "images" / "c4.png").is_file()


def test_make_html_fails_on_a_numbering_error_without_a_traceback(project):
    (project / "content" / "chapter4-again.md").write_text(chapter("Again", "again", Chapter="4"))
    built = run_make(project, "html")
    log = built.stdout + built.stderr
    assert built.returncode != 0
    assert "content/chapter4-again.md and content/chapter4.md are both chapter 4" in log
    assert "Traceback" not in log


def test_make_html_debug_shows_the_traceback(project):
    (project / "content" / "chapter4-again.md").write_text(chapter("Again", "again", Chapter="4"))
    built = run_make(project, "html", "DEBUG=1")
    assert built.returncode != 0
    assert "Traceback" in built.stdout + built.stderr


def test_make_publish_builds_for_the_sub_path(project):
    built = run_make(project, "publish")
    assert built.returncode == 0, built.stdout + built.stderr
    html = (project / "output" / "chapter4.html").read_text()
    assert 'src="https://example.github.io/llm-course/images/c4.png"' in html


def test_make_publish_builds_for_the_address_given_in_siteurl(project):
    """The publishing workflow passes the GitHub Pages address as SITEURL."""
    built = run_make(project, "publish", "SITEURL=https://teacher.github.io/ml-2027/")
    assert built.returncode == 0, built.stdout + built.stderr
    html = (project / "output" / "chapter4.html").read_text()
    assert 'src="https://teacher.github.io/ml-2027/images/c4.png"' in html
    assert "example.github.io" not in html
    feed = (project / "output" / "feeds" / "all.atom.xml").read_text()
    assert "https://teacher.github.io/ml-2027/chapter4.html" in feed


def test_make_publish_refuses_an_empty_siteurl(project):
    built = run_make(project, "publish", "SITEURL=")
    log = built.stdout + built.stderr
    assert built.returncode != 0
    assert "publishconf.py: SITEURL is empty" in log
    assert "Traceback" not in log


def test_make_covers_keeps_the_seed_cover_and_the_chapter(project):
    before = (project / "content" / "chapter4.md").read_bytes()
    made = run_make(project, "covers")
    assert made.returncode == 0, made.stdout + made.stderr
    assert "content/images/c4.png" in made.stdout
    assert (project / "content" / "chapter4.md").read_bytes() == before


def test_regenerate_does_not_rebuild_in_a_loop_when_the_build_fails(project):
    """A failing build under `make regenerate` is reported once, then waits for a change."""
    (project / "content" / "chapter4-again.md").write_text(chapter("Again", "again", Chapter="4"))
    log = OutputReader(start_make(project, "regenerate"))
    problem = "are both chapter 4"
    try:
        wait_for(lambda: problem in log.text, what="the first build's report")
        # In a loop, Pelican would report again at once, and never wait for a change.
        rebuild_until_seen(project / "content" / "chapter4-again.md", log)
        wait_for(lambda: log.text.count(problem) >= 2, what="the rebuild's report")
    finally:
        text = log.stop()
    before_the_change = text.split("-> Modified")[0]
    assert before_the_change.count(problem) == 1, text
