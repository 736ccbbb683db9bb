"""Shared helpers: build a real site from real Markdown into a temporary folder."""

import contextlib
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# CI explores the same examples on every run, so a red CI is a regression, never luck;
# local runs keep exploring new ones (that is how `[x](0 )` was found).
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).parent / "pelican"
SEED_CHAPTER = PROJECT_ROOT / "content" / "chapter4.md"


@dataclass
class Build:
    """The outcome of one build: where the site went, the exit code and everything logged."""

    output: Path
    exit_code: int
    log: str

    def page(self, relative_path: str) -> str:
        """Return the text of one output file."""
        return (self.output / relative_path).read_text(encoding="utf-8")


def run_pelican(
    content: Path,
    output: Path,
    settings_file: Path = PROJECT_ROOT / "pelicanconf.py",
    extra_settings: dict | None = None,
    fatal: bool = True,
    environment: dict | None = None,
) -> Build:
    """Build `content` into `output` with the project's settings, theme and plugins."""
    settings = {
        "THEME": str(PROJECT_ROOT / "themes" / "course"),
        "PLUGIN_PATHS": [str(PROJECT_ROOT / "plugins")],
        "CACHE_PATH": str(output.parent / "cache"),
    }
    settings.update(extra_settings or {})
    command = [str(PELICAN), str(content), "-o", str(output), "-s", str(settings_file)]
    if fatal:
        command += ["--fatal", "errors"]
    # One -e for all: Pelican keeps only the last -e given.
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    # A wide console keeps each logged problem on one line.
    environment = {**os.environ, "COLUMNS": "250", "TERM": "dumb", **(environment or {})}
    finished = subprocess.run(
        command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=environment, timeout=300
    )
    return Build(
        output=output, exit_code=finished.returncode, log=finished.stdout + finished.stderr
    )


def run_staged_build(
    project: Path,
    settings: dict | None = None,
    environment: dict | None = None,
    settings_file: Path = PROJECT_ROOT / "pelicanconf.py",
    output: Path | None = None,
) -> tuple[int, str]:
    """Run `make html`'s command: a staged build of project/content into project/output
    (or `output`).

    Returns the exit code and everything logged.
    """
    overrides = {
        "THEME": str(PROJECT_ROOT / "themes" / "course"),
        "PLUGIN_PATHS": [str(PROJECT_ROOT / "plugins")],
        "CACHE_PATH": str(project / "cache"),
        **(settings or {}),
    }
    pelican = [str(PELICAN), str(project / "content"), "-s", str(settings_file)]
    pelican += ["--fatal", "errors", "-e", *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
    command = [sys.executable, "-m", "staged_build", "build", str(output or project / "output")]
    command += ["--content", str(project / "content"), "--", *pelican]
    environment = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT / "plugins"),
        "COLUMNS": "250",
        "TERM": "dumb",
        **(environment or {}),
    }
    finished = subprocess.run(
        command, capture_output=True, text=True, cwd=PROJECT_ROOT, env=environment, timeout=300
    )
    return finished.returncode, finished.stdout + finished.stderr


def run_in_child(script: str, stdin: str = "", timeout: int = 60) -> subprocess.CompletedProcess:
    """Run a Python script in a child process with the plugins importable: a regression
    to exponential or endless work fails the test instead of hanging the suite."""
    return subprocess.run(
        [sys.executable, "-c", script],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "plugins")},
    )


def write_content(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write a content folder from {relative path: text or bytes}; return the folder."""
    for relative_path, body in files.items():
        target = folder / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            target.write_bytes(body)
        else:
            target.write_text(body, encoding="utf-8")
    return folder


def chapter(title: str, slug: str, date: str = "2024-01-01", body: str = "", **fields: str) -> str:
    """Return the Markdown of a chapter with Pelican front matter."""
    header = [f"Title: {title}", f"Slug: {slug}", f"Date: {date}", "Category: chapters"]
    header += [f"{key.capitalize()}: {value}" for key, value in fields.items()]
    return "\n".join(header) + "\n\n" + (body or f"Some text about {title}.") + "\n"


@pytest.fixture
def build_site(tmp_path):
    """Build a site from {path: text} content files; return the Build."""

    def build(files: dict[str, str | bytes], **options) -> Build:
        content = write_content(tmp_path / "content", files)
        return run_pelican(content, tmp_path / "output", **options)

    return build


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Build:
    """The project's own content/ built with the local settings, once per test session."""
    output = tmp_path_factory.mktemp("seed") / "output"
    return run_pelican(PROJECT_ROOT / "content", output)


@pytest.fixture(scope="session")
def published_seed_site(tmp_path_factory) -> Build:
    """The project's own content/ built with publishconf.py, once per test session."""
    output = tmp_path_factory.mktemp("published") / "output"
    build = run_pelican(PROJECT_ROOT / "content", output, PROJECT_ROOT / "publishconf.py")
    assert build.exit_code == 0, build.log
    return build


def copy_project(destination: Path) -> Path:
    """Copy the project (without venv, output or caches) to `destination` for `make` runs.

    `make` there uses this test run's environment (`run_make`), which it must never
    install again: from a copy, `pip install -e` would point the environment's plugins
    at the copy, gone after the test. The copy's pyproject.toml is made older than any
    environment's stamp, so make never finds the environment out of date.
    """
    ignored = shutil.ignore_patterns(
        ".venv", "output", "cache", ".git", "__pycache__", ".pytest_cache", "*.egg-info"
    )
    shutil.copytree(PROJECT_ROOT, destination, ignore=ignored)
    os.utime(destination / "pyproject.toml", (0, 0))
    return destination


def run_make(project: Path, *targets: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `make` in a project copy, reusing this test run's virtual environment."""
    venv = Path(sys.executable).parent.parent
    environment = {**os.environ, "COLUMNS": "250", "TERM": "dumb"}
    return subprocess.run(
        ["make", *targets, f"VENV={venv}"],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
    )


def start_make(project: Path, *targets: str) -> subprocess.Popen:
    """Start `make` in a project copy, in a session of its own; its output merged, as text."""
    venv = Path(sys.executable).parent.parent
    return subprocess.Popen(
        ["make", *targets, f"VENV={venv}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "250", "TERM": "dumb"},
        start_new_session=True,
    )


def wait_for(condition: Callable[[], object], timeout: float = 120, what: str = "") -> object:
    """Return the first true value of `condition()`, asked every 50 ms; fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"waited {timeout} s for {what or condition}")


def mount(folder: Path, *options: str) -> None:
    """Mount something at `folder` (`mount options... folder`); skip the test, saying why, if
    this machine cannot (mounting needs root)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to mount a file system for the test")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", *options, str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {mounted.stderr.strip()}")


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """Make `folder` a file system of its own, `size` big (a tmpfs), for the test's length."""
    mount(folder, "-t", "tmpfs", "-o", f"size={size}", "tmpfs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)


class OutputReader:
    """Collects a running process's output in the background, to wait on what it says."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def text(self) -> str:
        """Everything the process has said so far."""
        return "".join(self.lines)

    def stop(self) -> str:
        """End the process (its whole session) and return everything it said."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        return self.text


def save_until_seen(
    save: Callable[[], None], log_text: Callable[[], str], patience: float = 1, timeout: float = 120
) -> None:
    """Call `save` until `pelican -r` says it is re-generating (`log_text` is its output).

    Pelican starts watching only once a build has ended: a change made before that is
    never seen, so the save is repeated, `patience` seconds apart, until one is.
    """
    deadline = time.monotonic() + timeout
    seen = log_text().count("-> Modified")
    while log_text().count("-> Modified") == seen:
        if time.monotonic() > deadline:
            pytest.fail(f"pelican -r never saw a change:\n{log_text()}")
        save()
        wait_for_seconds = time.monotonic() + patience
        while time.monotonic() < wait_for_seconds and log_text().count("-> Modified") == seen:
            time.sleep(0.05)


def rebuild_until_seen(source: Path, log: OutputReader, timeout: float = 120) -> None:
    """Append a line to `source` until `pelican -r` says it is re-generating."""

    def append() -> None:
        with source.open("a", encoding="utf-8") as text:
            text.write("\nMore text.\n")

    save_until_seen(append, lambda: log.text, timeout=timeout)


# Who commits, and when: fixed, so that a test can assert the date git gives.
INSTRUCTOR_COMMIT = {
    "GIT_AUTHOR_DATE": "2025-03-14T12:00:00Z",
    "GIT_COMMITTER_DATE": "2025-03-14T12:00:00Z",
    "GIT_AUTHOR_NAME": "Instructor",
    "GIT_AUTHOR_EMAIL": "instructor@example.org",
    "GIT_COMMITTER_NAME": "Instructor",
    "GIT_COMMITTER_EMAIL": "instructor@example.org",
}


def commit_all(folder: Path) -> None:
    """Make `folder` a git repository of one commit holding all its files (14 March 2025)."""
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Course"]):
        subprocess.run(["git", *command], cwd=folder, env=INSTRUCTOR_COMMIT, check=True)


def search_records(bundle: Path) -> list[dict]:
    """Return the record (url, content, ...) of every page a Pagefind bundle holds."""
    return [
        json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd") :])
        for fragment in (bundle / "fragment").glob("*.pf_fragment")
    ]
