"""End to end: planted mistakes in content/chapter4.md fail `make html` at the Markdown line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project, run_make, run_pelican, write_content

# Appended to the seed chapter; each line holds one mistake an author makes.
PLANTED = [
    "See [the next chapter](chapter6.html) for agents.",
    "Back to [diffusion](chapter4.html#diffusion-model) and [takeaways](#key-takeways).",
    "![A missing figure](/images/c9.png)",
    "![A corrupt figure](/images/broken.png)",
    "Read [the root](../../etc/passwd).",
]


def planted_lines(project: Path) -> int:
    """Append the planted mistakes to chapter4.md; return the line number of the first."""
    chapter = project / "content" / "chapter4.md"
    text = chapter.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    first = text.count("\n") + 1
    chapter.write_text(text + "\n\n".join(PLANTED) + "\n", encoding="utf-8")
    (project / "content" / "images" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot an image")
    return first


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory):
    """`make html` of a project copy with every planted mistake, once for the module."""
    project = copy_project(tmp_path_factory.mktemp("planted") / "project")
    first = planted_lines(project)
    return project, first, run_make(project, "html")


def problem_lines(log: str) -> list[str]:
    """Return the log lines that report a link gate problem."""
    return [line for line in log.splitlines() if ": broken " in line or "no alt text" in line]


def test_planted_mistakes_fail_make_html_at_the_markdown_line(planted_build):
    project, first, finished = planted_build
    log = finished.stdout + finished.stderr
    expected = [
        f"content/chapter4.md:{first}:5: broken link 'chapter6.html': no such page"
        " (did you mean 'chapter5.html'?)",
        f"content/chapter4.md:{first + 2}:9: broken anchor 'chapter4.html#diffusion-model':"
        " no id 'diffusion-model' in chapter4.html"
        " (did you mean '#diffusion-models-for-image-generation'?)",
        # The page's own heading is named in its Markdown (52-technologies-in-2016's author
        # was sent to 02-sbt/index.html, which the repository has not).
        f"content/chapter4.md:{first + 2}:56: broken anchor '#key-takeways':"
        " no heading or id 'key-takeways' in content/chapter4.md"
        " (did you mean '#key-takeaways'?)",
        f"content/chapter4.md:{first + 4}:1: broken image '/images/c9.png': no such file"
        " (did you mean '/images/c4.png'?)",
        f"content/chapter4.md:{first + 6}:1: broken image '/images/broken.png':"
        " not an image Pillow can read",
        f"content/chapter4.md:{first + 8}:6: broken link '../../etc/passwd': outside the site root",
    ]
    reported = problem_lines(log)
    assert len(reported) == len(expected), log
    for line, message in zip(reported, expected, strict=True):
        assert message in line, log
    assert finished.returncode != 0
    assert "link gate: 6 broken link(s), anchor(s) or image(s)" in log
    # The content checks run before reading and name the files themselves, in the same run.
    assert "content/images/broken.png: not an image Pillow can read: export it again" in log
    assert f"content/chapter4.md:{first + 8}: '../../etc/passwd' points outside content/" in log
    assert "Traceback" not in log
    # A staged build: the failed site never replaced output/.
    assert not (project / "output").exists()


def test_make_check_reports_the_problems_at_the_output_page(planted_build):
    project, _first, _finished = planted_build
    # `make html` kept the broken site out of output/; write it there without the gate failing.
    run_pelican(project / "content", project / "output", project / "pelicanconf.py", fatal=False)
    checked = run_make(project, "check")
    assert checked.returncode != 0
    assert "check] Error 1" in checked.stderr  # linkgate's own exit code: something is broken
    assert (
        "output/chapter4.html:" in checked.stdout
        and "broken link 'chapter6.html': no such page (did you mean 'chapter5.html'?)"
        in checked.stdout
    )
    assert len([line for line in checked.stdout.splitlines() if ": broken " in line]) == 6


def test_the_seed_site_passes(tmp_path):
    project = copy_project(tmp_path / "project")
    finished = run_make(project, "html")
    log = finished.stdout + finished.stderr
    assert finished.returncode == 0, log
    assert problem_lines(log) == []
    assert (project / "output" / "chapter4.html").exists()
    checked = run_make(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "--cache-dir " + str(project / "cache" / "linkgate") in checked.stdout


def test_the_published_site_under_a_sub_path_passes(tmp_path):
    project = copy_project(tmp_path / "project")
    finished = run_make(project, "publish")
    assert finished.returncode == 0, finished.stdout + finished.stderr


def test_each_problem_stays_on_one_line_without_a_terminal(tmp_path):
    """CI has no TTY and no COLUMNS: rich would wrap at 80 columns."""
    project = copy_project(tmp_path / "project")
    long_name = "a-rather-long-chapter-name-that-does-not-exist-" * 3 + "x.html"
    chapter = project / "content" / "chapter4.md"
    chapter.write_text(chapter.read_text() + f"\nSee [it]({long_name}).\n")
    environment = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    venv = Path(sys.executable).parent.parent
    finished = subprocess.run(
        ["make", "html", f"VENV={venv}"],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    log = finished.stdout + finished.stderr
    [line] = [line for line in log.splitlines() if long_name in line]
    assert f"content/chapter4.md:116:5: broken link '{long_name}': no such page" in line
    assert finished.returncode != 0


def test_theme_markup_problems_point_at_the_output_page_and_template(tmp_path):
    project = copy_project(tmp_path / "project")
    base = project / "themes" / "course" / "templates" / "base.html"
    base.write_text(
        base.read_text().replace(
            "<footer", '<a class="about" href="{{ SITEURL }}/about.html">About</a>\n  <footer'
        )
    )
    finished = run_make(project, "html")
    log = finished.stdout + finished.stderr
    lines = [line for line in problem_lines(log) if "about.html" in line]
    assert any(
        "output/chapter4.html:" in line
        and "broken link './about.html': no such page [in theme markup, page template article.html]"
        in line
        for line in lines
    ), log
    assert any(
        "output/index.html:" in line and "page template index.html" in line for line in lines
    )
    assert any(
        "output/chapter5.html:" in line and "page template upcoming.html" in line for line in lines
    ), log
    assert finished.returncode != 0


def test_filename_links_map_back_to_their_markdown(tmp_path):
    files = {
        "one.md": "Title: One\nSlug: chapter1\nDate: 2024-01-01\n\n"
        "Go to [two]({filename}two.md#no-such-part).\n",
        "two.md": "Title: Two\nSlug: chapter2\nDate: 2024-01-02\n\n## A part\n",
    }
    build = run_pelican(
        write_content(tmp_path / "content", files),
        tmp_path / "output",
        extra_settings={"UPCOMING_CHAPTERS": []},
    )
    assert "content/one.md:5:7: broken anchor '{filename}two.md#no-such-part'" in build.log
    assert build.exit_code != 0


def test_without_fatal_errors_the_gate_logs_and_never_raises(tmp_path):
    """As under `make regenerate`/`devserver`: an exception would make pelican -r loop."""
    files = {"one.md": "Title: One\nSlug: chapter1\nDate: 2024-01-01\n\n[gone](gone.html)\n"}
    build = run_pelican(
        write_content(tmp_path / "content", files),
        tmp_path / "output",
        extra_settings={"UPCOMING_CHAPTERS": []},
        fatal=False,
    )
    assert build.exit_code == 0
    assert "content/one.md:5:1: broken link 'gone.html': no such page" in build.log
    assert "Traceback" not in build.log


def test_a_bad_setting_is_named(tmp_path):
    files = {"one.md": "Title: One\nSlug: chapter1\nDate: 2024-01-01\n\nText.\n"}
    build = run_pelican(
        write_content(tmp_path / "content", files),
        tmp_path / "output",
        extra_settings={"UPCOMING_CHAPTERS": [], "LINKGATE_STRICT": "yes"},
    )
    assert "LINKGATE_STRICT must be True or False" in build.log
    assert build.exit_code != 0


def test_ignore_patterns_match_urls_as_written_in_markdown(tmp_path):
    files = {
        "one.md": "Title: One\nSlug: chapter1\nDate: 2024-01-01\n\n"
        "![Draft](/images/draft.png) and [gone](gone.html)\n",
    }
    build = run_pelican(
        write_content(tmp_path / "content", files),
        tmp_path / "output",
        extra_settings={"UPCOMING_CHAPTERS": [], "LINKGATE_IGNORE": ["^/images/draft"]},
    )
    assert "draft.png" not in build.log
    assert "content/one.md:5:33: broken link 'gone.html': no such page" in build.log
