"""Nothing is lost: a build writes only its own folder; a failed build keeps the last site."""

import sys
from pathlib import Path

import pytest
from conftest import chapter, copy_project, run_make, run_pelican
from staged_build.paths import unsafe_output_reason


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "course")


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


def test_a_failed_build_leaves_the_last_good_site_byte_identical(project):
    first = run_make(project, "html")
    assert first.returncode == 0, first.stdout + first.stderr
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
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".output")) == []


def test_a_check_failing_after_every_page_is_written_keeps_the_last_site(project):
    """The link gate runs in Pelican's `finalized`, when the new site is complete."""
    assert run_make(project, "html").returncode == 0
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


def test_a_passing_build_replaces_the_site_and_leaves_no_temporary_folder(project):
    assert run_make(project, "html").returncode == 0
    (project / "output" / "stale.html").write_text("from an old build")
    chapter6 = chapter("Safety", "chapter6")
    (project / "content" / "chapter6.md").write_text(chapter6)
    built = run_make(project, "html", "RELATIVE=1")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "output" / "chapter6.html").is_file()
    assert not (project / "output" / "stale.html").exists()
    assert [path.name for path in project.iterdir() if path.name.startswith(".output")] == []


def test_make_refuses_to_build_into_the_project_folder(project):
    built = run_make(project, "html", f"OUTPUTDIR={project}")
    assert built.returncode != 0
    assert (
        f"Refusing to build into {project}: it is the project folder, and a build empties its"
        " output folder. Set OUTPUTDIR to a folder of its own, such as output/."
    ) in built.stderr
    assert (project / "content" / "chapter4.md").is_file()
    assert (project / "Makefile").is_file()


def test_make_clean_refuses_the_content_folder_and_keeps_it(project):
    cleaned = run_make(project, "clean", f"OUTPUTDIR={project / 'content'}")
    assert cleaned.returncode != 0
    assert f"Refusing to clean {project / 'content'}: it is the content folder" in cleaned.stderr
    assert (project / "content" / "chapter4.md").is_file()


def test_make_clean_removes_the_site_and_leftovers_of_interrupted_builds_only(project):
    assert run_make(project, "html").returncode == 0
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
    assert sorted(path.name for path in site.iterdir()) == ["content", "output"]


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
