"""Nothing is lost: a build writes only its own folder; a failed build keeps the last site."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from conftest import (
    chapter,
    copy_project,
    mount,
    run_make,
    run_pelican,
    small_disk,
    start_make,
    wait_for,
)
from courselib.output_folders import unsafe_output_reason


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    """Return what builds left beside the output folder: temporary and previous sites."""
    return sorted(
        path.name
        for path in folder.iterdir()
        if path.name.startswith(".output") and path.name != ".output.lock"
    )


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "course")


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A project copy after one `make html`, built once for the module."""
    project = copy_project(tmp_path_factory.mktemp("built") / "course")
    first = run_make(project, "html")
    assert first.returncode == 0, first.stdout + first.stderr
    return project


@pytest.fixture
def built(built_once, tmp_path) -> Path:
    """A copy of the built project (its site, cache and all), for one test to change."""
    return Path(shutil.copytree(built_once, tmp_path / "course", symlinks=True))


@pytest.mark.parametrize(
    ("output", "unsafe"),
    [
        ("course/output", None),
        ("elsewhere/site", None),
        ("course", "the project folder"),
        ("course/content", "the content folder"),
        ("course/content/site", "a folder inside the content folder"),
        (".", "a parent of the project folder"),
        ("home", "your home folder"),
        ("/", "the root folder"),
    ],
)
def test_unsafe_output_folders(tmp_path, monkeypatch, output, unsafe):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    content = tmp_path / "course" / "content"
    content.mkdir(parents=True)
    assert unsafe_output_reason(tmp_path / output, content) == unsafe


def test_a_failed_build_leaves_the_last_good_site_byte_identical(built):
    project = built
    before = snapshot(project / "output")
    (project / "content" / "chapter9.md").write_text("Title: Nine\nDate: someday\n\nText.\n")
    failed = run_make(project, "html")
    log = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "content/chapter9.md:2: Date: 'someday' is not a date" in log
    assert (
        f"The build failed: {project / 'output'} was left as it was (the last good build)." in log
    )
    assert snapshot(project / "output") == before
    assert leftovers(project) == []


def test_a_check_failing_after_every_page_is_written_keeps_the_last_site(built):
    """The link gate runs in Pelican's `finalized`, when the new site is complete."""
    project = built
    before = snapshot(project / "output")
    gate = project / "plugins" / "planted_gate"
    gate.mkdir()
    (gate / "__init__.py").write_text(
        "import logging\n"
        "from pelican import signals\n"
        "logger = logging.getLogger(__name__)\n"
        "def check(pelican):\n"
        "    logger.error('content/chapter4.md:3: broken link (planted)')\n"
        "def register():\n"
        "    signals.finalized.connect(check)\n"
    )
    with (project / "pelicanconf.py").open("a") as settings:
        settings.write('\nPLUGINS = [*PLUGINS, "planted_gate"]\n')
    chapter4 = project / "content" / "chapter4.md"
    chapter4.write_text(chapter4.read_text().replace("Multimodal", "Changed"))
    failed = run_make(project, "publish")
    log = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "content/chapter4.md:3: broken link (planted)" in log
    assert "was left as it was (the last good build)" in log
    assert snapshot(project / "output") == before


def test_a_passing_build_replaces_the_site_and_leaves_no_temporary_folder(built):
    project = built
    (project / "output" / "stale.html").write_text("from an old build")
    chapter6 = chapter("Safety", "chapter6")
    (project / "content" / "chapter6.md").write_text(chapter6)
    rebuilt = run_make(project, "html", "RELATIVE=1")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert (project / "output" / "chapter6.html").is_file()
    assert not (project / "output" / "stale.html").exists()
    assert leftovers(project) == []


def test_two_builds_at_once_the_second_waits_for_the_first(project):
    first = start_make(project, "html")
    try:
        wait_for(lambda: list(project.glob(".output.building-*")), what="the first build to start")
        second = run_make(project, "html")
        first_log, _ = first.communicate(timeout=300)
    finally:
        first.kill()
    assert first.returncode == 0, first_log
    assert second.returncode == 0, second.stdout + second.stderr
    assert (
        f"Another build of {project / 'output'} is running: waiting for it to end" in second.stderr
    )
    assert "Traceback" not in first_log + second.stdout + second.stderr
    assert (project / "output" / "chapter4.html").is_file()
    assert leftovers(project) == []


def test_an_output_folder_that_is_a_symbolic_link_stays_one_and_its_folder_is_updated(
    project, tmp_path
):
    elsewhere = tmp_path / "served" / "course"
    elsewhere.mkdir(parents=True)
    (project / "output").symlink_to(elsewhere)
    for text in ("First", "Second"):
        (project / "content" / "chapter6.md").write_text(chapter(text, "chapter6"))
        built = run_make(project, "html")
        assert built.returncode == 0, built.stdout + built.stderr
        assert (project / "output").is_symlink()
        assert (project / "output").resolve() == elsewhere.resolve()
        assert f"<title>Chapter 6: {text}" in (elsewhere / "chapter6.html").read_text()
    assert leftovers(project) == [] and leftovers(elsewhere.parent) == []


def test_an_output_folder_that_is_a_mount_point_stops_the_build_in_one_line(project):
    mount(project / "output", "-t", "tmpfs", "-o", "size=16m", "tmpfs")
    try:
        built = run_make(project, "html")
        clean = run_make(project, "clean")
    finally:
        subprocess.run(["umount", "--lazy", str(project / "output")], check=False)
    assert built.returncode != 0
    assert built.stderr.splitlines()[0] == (
        f"Cannot build into {project / 'output'}: it is a mount point, which a build cannot"
        " replace. Set OUTPUTDIR to a folder inside it, such as output/site."
    ), built.stderr
    assert "Traceback" not in built.stdout + built.stderr
    assert clean.returncode != 0 and "it is a mount point" in clean.stderr


def test_an_output_folder_on_another_file_system_gets_copies_not_links(project, tmp_path):
    with small_disk(tmp_path / "other-disk", "64m") as disk:
        built = run_make(project, "html", f"OUTPUTDIR={disk / 'site'}")
        assert built.returncode == 0, built.stdout + built.stderr
        cover = disk / "site" / "images" / "c4.png"
        assert not cover.is_symlink()
        assert cover.read_bytes() == (project / "content" / "images" / "c4.png").read_bytes()
        assert [p for p in (disk / "site").rglob("*") if p.is_symlink()] == []


def interrupted_between_the_renames(project) -> Path:
    """Leave the state of a build killed between its two renames: no output/, the last good
    site in .output.previous-*; return that folder."""
    previous = project / ".output.previous-1700000000000000000"
    (project / "output").rename(previous)
    return previous


def test_a_build_after_one_killed_during_the_swap_restores_the_last_good_site(built):
    project = built
    before = snapshot(project / "output")
    previous = interrupted_between_the_renames(project)
    (project / "content" / "chapter9.md").write_text("Title: Nine\nDate: someday\n\nText.\n")
    failed = run_make(project, "html")
    assert failed.returncode != 0
    assert (
        f"Restored {project / 'output'} from {previous.name}: a build was stopped while"
        " replacing it." in failed.stderr
    )
    assert f"{project / 'output'} was left as it was (the last good build)." in failed.stderr
    assert snapshot(project / "output") == before
    assert leftovers(project) == []


def test_make_serve_after_a_build_killed_during_the_swap_serves_the_last_good_site(built):
    project = built
    interrupted_between_the_renames(project)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start_make(project, "serve", f"PORT={port}")
    try:

        def home_page() -> bytes | None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html") as page:
                    return page.read()
            except OSError:
                return None

        served = wait_for(home_page, what="make serve to answer")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        log, _ = server.communicate(timeout=30)
    assert b"LLM Course" in served
    assert "Restored" in log and leftovers(project) == []


def test_make_clean_after_a_build_killed_during_the_swap_removes_everything(built):
    project = built
    interrupted_between_the_renames(project)
    cleaned = run_make(project, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert not (project / "output").exists() and leftovers(project) == []


def test_make_refuses_to_build_into_the_project_folder(project):
    built = run_make(project, "html", f"OUTPUTDIR={project}")
    assert built.returncode != 0
    assert (
        f"Refusing to build into {project}: it is the project folder, and a build empties its"
        " output folder. Set OUTPUTDIR to a folder of its own, such as output/."
    ) in built.stderr
    assert (project / "content" / "chapter4.md").is_file()
    assert (project / "Makefile").is_file()


@pytest.mark.parametrize("name", ["contnet", "content/chapter4.md"])
def test_make_html_with_no_content_folder_fails_in_one_line(built, name):
    # Pelican's own word for a mistyped INPUTDIR was a 40-line traceback.
    site = snapshot(built / "output")
    result = run_make(built, "html", f"INPUTDIR={built / name}")
    assert result.returncode != 0
    what = "does not exist" if name == "contnet" else "is not a folder"
    assert (
        f"The build failed: the content folder {built / name} {what}: set INPUTDIR to the"
        " folder of the course's Markdown"
    ) in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(built / "output") == site


def test_make_clean_refuses_the_content_folder_and_keeps_it(project):
    cleaned = run_make(project, "clean", f"OUTPUTDIR={project / 'content'}")
    assert cleaned.returncode != 0
    assert f"Refusing to clean {project / 'content'}: it is the content folder" in cleaned.stderr
    assert (project / "content" / "chapter4.md").is_file()


def test_make_clean_removes_the_site_and_leftovers_of_interrupted_builds_only(built):
    project = built
    (project / ".output.building-abc123").mkdir()
    (project / "notes.txt").write_text("mine")
    assert run_make(project, "clean").returncode == 0
    assert not (project / "output").exists()
    assert not (project / ".output.building-abc123").exists()
    assert (project / "notes.txt").read_text() == "mine"
    assert (project / "content" / "chapter4.md").is_file()


@pytest.mark.parametrize("fatal", [True, False], ids=["make-html", "make-serve"])
def test_pelican_itself_refuses_to_write_into_content(tmp_path, fatal):
    content = tmp_path / "content"
    content.mkdir()
    (content / "chapter1.md").write_text(chapter("One", "chapter1"))
    build = run_pelican(content, content, fatal=fatal)
    assert build.exit_code != 0
    assert f"Refusing to build into {content}: it is the content folder" in build.log
    assert "Traceback" not in build.log
    assert sorted(path.name for path in content.iterdir()) == ["chapter1.md"]


# --- the staged build on its own, with a stand-in for Pelican ---------------------------------

# Writes index.html into the folder given after -o, then exits with the code given first.
STAND_IN = (
    "import sys, pathlib; out = pathlib.Path(sys.argv[sys.argv.index('-o') + 1]);"
    " (out / 'index.html').write_text('new site'); sys.exit(int(sys.argv[1]))"
)


@pytest.fixture
def site(tmp_path):
    (tmp_path / "content").mkdir()
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("last good site")
    return tmp_path


def test_staged_build_swaps_in_the_new_site_only_when_the_build_passes(site, capsys):
    from staged_build.build import staged_build

    assert (
        staged_build(site / "output", site / "content", [sys.executable, "-c", STAND_IN, "1"]) == 1
    )
    assert (site / "output" / "index.html").read_text() == "last good site"
    assert "was left as it was (the last good build)" in capsys.readouterr().err
    assert (
        staged_build(site / "output", site / "content", [sys.executable, "-c", STAND_IN, "0"]) == 0
    )
    assert (site / "output" / "index.html").read_text() == "new site"
    assert (site / "output").stat().st_mode & 0o055 == 0o055  # readable by a web server
    assert sorted(path.name for path in site.iterdir()) == [".output.lock", "content", "output"]


def test_staged_build_puts_the_last_site_back_if_the_swap_fails(site, monkeypatch):
    from staged_build import build

    real_rename = Path.rename

    def rename(self, target):
        if self.name.startswith(".output.building-"):
            raise OSError("disk full")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        build.staged_build(site / "output", site / "content", [sys.executable, "-c", STAND_IN, "0"])
    assert (site / "output" / "index.html").read_text() == "last good site"


# Runs a staged build of the stand-in that is killed (SIGKILL) right after output/ is renamed
# away, before the new site is renamed into its place.
KILLED_MID_SWAP = """
import os, signal, sys
from pathlib import Path
from staged_build import build

real_rename = Path.rename

def rename(self, target):
    moved = real_rename(self, target)
    if self.name == "output":
        os.kill(os.getpid(), signal.SIGKILL)
    return moved

Path.rename = rename
build.staged_build(Path(sys.argv[1]), Path(sys.argv[2]), [sys.executable, "-c", sys.argv[3], "0"])
"""


def test_a_build_killed_between_the_renames_is_undone_by_the_next(site, capsys):
    from staged_build.build import staged_build

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_SWAP, site / "output", site / "content", STAND_IN],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "plugins")},
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    assert not (site / "output").exists()
    (previous,) = site.glob(".output.previous-*")
    assert (previous / "index.html").read_text() == "last good site"
    failing = [sys.executable, "-c", STAND_IN, "1"]
    assert staged_build(site / "output", site / "content", failing) == 1
    assert (site / "output" / "index.html").read_text() == "last good site"
    assert f"Restored {site / 'output'} from {previous.name}" in capsys.readouterr().err
    assert leftovers(site) == []


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (
            OSError(
                28, "No space left on device", "/c/x.png", None, "/p/.output.building-ab1/x.png"
            ),
            "The disk is full: could not write /p/output/x.png (No space left on device)."
            " Free some space and build again.",
        ),
        (
            OSError(28, "No space left on device"),
            "The disk is full: could not write the site (No space left on device)."
            " Free some space and build again.",
        ),
        (
            OSError(30, "Read-only file system", "/p/output/index.html"),
            "Could not write /p/output/index.html (Read-only file system): make its folder"
            " writable and build again.",
        ),
        (OSError(2, "No such file or directory", "/p/x"), None),
    ],
)
def test_a_write_the_machine_refuses_is_one_line(error, line):
    from staged_build import write_error_line

    assert write_error_line(error) == line
