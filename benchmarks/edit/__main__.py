"""`make bench-edit`: the instructor's edit loop, timed in Chromium against `make devserver`.

On the synthetic course of `make bench` (500 chapters by default, kept in
benchmarks/.sites/edit/ so that only the first run is cold), it starts `make devserver`,
opens one chapter in Chromium through Playwright, and makes 11 saves: body text, a heading,
a title, a broken link and its fix, a template, each made as soon as the one before shows
(so most come within the quiet second before a full build), and one body save made once a
full build has begun, its staging folder beside output/ there ("during build"). For each it
prints the time from writing the file to the new text (or the overlay) in the open page,
observed by asking the page every 20 ms. Text edits (body, heading, title, during build) are
the ones with targets: median at most 1.0 s, worst at most 2.0 s. Beside them, plain
Pelican's `pelican -r` (default theme, no plugins, the same content): the time from a save
to the new text in its output file (no browser: it reloads nothing). The load average is
printed with the figures: the machine is shared, and a busy one moves every figure.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from courselib.output_folders import staging_prefix

from benchmarks.scale.bench import PLAIN_SETTINGS
from benchmarks.scale.generate import generate_course, heading_slug

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SITES = PROJECT_ROOT / "benchmarks" / ".sites" / "edit"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 120
TEXT_EDITS = {"body", "heading", "title", "during build"}


@dataclass
class Save:
    """One save: what kind, the file and how it changes, and what the page shows after."""

    kind: str
    path: Path
    change: Callable[[str], str]
    shown: str  # a JavaScript expression, true once the page shows the save
    made_when: Callable[[], bool] = lambda: True  # the save waits until this is true


def workdir_for(chapters: int) -> Path:
    """Return the bench's project folder for `chapters`, made on first use."""
    project = SITES / f"course-{chapters}"
    if not (project / "content").is_dir():
        generate_course(project / "content", chapters)
    theme = project / "theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(PROJECT_ROOT / "themes" / "course", theme)  # the template save edits it
    return project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_devserver(project: Path, port: int) -> subprocess.Popen:
    """Start `make devserver` on the bench's project; its output is kept in devserver.log."""
    log = (project / "devserver.log").open("w")
    options = f"--cache-path {project / 'cache'} -t {project / 'theme'}"
    return subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(PROJECT_ROOT),
            "devserver",
            f"INPUTDIR={project / 'content'}",
            f"OUTPUTDIR={project / 'output'}",
            f"PORT={port}",
            f"PELICANOPTS={options}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for_text(path: Path, text: str, timeout: float = 900) -> None:
    """Wait until the file at `path` holds `text`."""
    if not holds_text_within(path, text, timeout):
        raise SystemExit(f"bench-edit: waited {timeout} s for {text!r} in {path}")


def file_text(path: Path) -> str:
    """The text of `path`, or "" while it cannot be read."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def within(condition: Callable[[], bool], timeout: float) -> bool:
    """True once `condition()` is, asked every POLL_SECONDS; False after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(POLL_SECONDS)
    return False


def holds_text_within(path: Path, text: str, timeout: float) -> bool:
    """True once the file at `path` holds `text`; False if it did not within `timeout` s."""
    return within(lambda: text in file_text(path), timeout)


def shows(page, expression: str) -> bool:
    """True when the page (maybe reloading) shows what `expression` asks for."""
    try:
        return bool(page.evaluate(expression))
    except Exception:  # noqa: BLE001 - a page being reloaded answers with an error
        return False


def timed_save(page, save: Save) -> float | None:
    """Write the save, return the seconds until the open page shows it (None: never)."""
    if not within(save.made_when, TIMEOUT_SECONDS):
        raise SystemExit(
            f"bench-edit: the {save.kind!r} save waited {TIMEOUT_SECONDS} s to be made"
        )
    text = save.path.read_text(encoding="utf-8")
    start = time.perf_counter()
    save.path.write_text(save.change(text), encoding="utf-8")
    while time.perf_counter() - start < TIMEOUT_SECONDS:
        if shows(page, save.shown):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    return None


def saves(project: Path, chapter: int) -> list[Save]:
    """Return the 11 saves, on chapter `chapter` and the theme's base template."""
    markdown = project / "content" / f"chapter{chapter}.md"
    base = project / "theme" / "templates" / "base.html"

    def body(marker: str) -> Save:
        return Save(
            "body",
            markdown,
            lambda text: text + f"\n{marker} was written by bench-edit.\n",
            f"document.body.innerText.includes('{marker} was written')",
        )

    def heading(marker: str, section: int) -> Save:
        # The heading keeps its id ({#...}): other chapters link to it.
        written = f"## Section {section} of chapter {chapter}"
        anchor = heading_slug(chapter, section)
        return Save(
            "heading",
            markdown,
            lambda text: re.sub(
                rf"^{written}\b.*$", f"{written} {marker} {{#{anchor}}}", text, count=1, flags=re.M
            ),
            f"[...document.querySelectorAll('h2')].some(h => h.textContent.includes('{marker}'))",
        )

    def title(marker: str) -> Save:
        return Save(
            "title",
            markdown,
            lambda text: re.sub(
                r"^Title: (.*)$", rf"Title: \1 {marker}", text, count=1, flags=re.M
            ),
            f"document.title.includes('{marker}')",
        )

    def full_build_running() -> bool:
        # A full build writes the new site into a folder beside output/ (a quick update does not).
        return any(project.glob(staging_prefix(project / "output") + "*"))

    stamp = time.strftime("%H%M%S")
    broken = f"chapter9999-{stamp}.html"
    panel = (
        "document.querySelector('#devserver-overlay')?.shadowRoot"
        "?.querySelector('#devserver-problems')"
    )
    return [
        body(f"Body-{stamp}-1"),
        heading(f"Heading-{stamp}-1", 2),
        title(f"Title-{stamp}-1"),
        body(f"Body-{stamp}-2"),
        heading(f"Heading-{stamp}-2", 4),
        title(f"Title-{stamp}-2"),
        # After a title edit the full build renders every page: about 10 s at 500 chapters.
        replace(body(f"Body-{stamp}-during"), kind="during build", made_when=full_build_running),
        Save(
            "broken link",
            markdown,
            lambda text: text + f"\n[a link to fix]({broken})\n",
            f"({panel}?.textContent || '').includes('{broken}')",
        ),
        Save(
            "its fix",
            markdown,
            lambda text: text.replace(f"[a link to fix]({broken})", "[a link](index.html)"),
            # Heard from the server (a page reloaded has not yet) and no problem shown.
            f"document.documentElement.dataset.devserverBuild && !{panel}"
            " && document.body.innerText.includes('a link')",
        ),
        body(f"Body-{stamp}-3"),
        Save(
            "template",
            base,
            lambda text: text.replace("</body>", f"<p>Template-{stamp}</p></body>", 1),
            f"document.body.innerText.includes('Template-{stamp}')",
        ),
    ]


def plain_rebuild_seconds(course: Path, chapter: int, runs: int) -> list[float]:
    """Time plain Pelican's `pelican -r`: from a save to the new text in its output file.

    On a copy of the course in a temporary folder: `pelican -r` ignores every change under
    a folder whose name starts with a dot (its IGNORE_FILES, `.*`, is matched against the
    whole path), as benchmarks/.sites/ is.
    """
    temporary = tempfile.TemporaryDirectory(prefix="bench-edit-plain-", ignore_cleanup_errors=True)
    with temporary as folder:
        project = Path(folder)
        shutil.copytree(course / "content", project / "content")
        return plain_rebuild_in(project, chapter, runs)


def plain_rebuild_in(project: Path, chapter: int, runs: int) -> list[float]:
    """Time `pelican -r` on the course in `project`."""
    (project / "plain.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    output = project / "out-plain"
    shutil.rmtree(output, ignore_errors=True)
    log = project / "plain.log"
    pelican = str(Path(sys.executable).parent / "pelican")
    command = [pelican, "-r", "content", "-o", str(output), "-s", "plain.py"]
    with log.open("w") as written:
        process = subprocess.Popen(
            command,
            cwd=project,
            stdout=written,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "COLUMNS": "1000", "PYTHONUNBUFFERED": "1"},
        )
    markdown = project / "content" / f"chapter{chapter}.md"
    page = output / f"chapter{chapter}.html"
    seconds = []
    try:
        wait_for_text(log, "Done: Processed")
        # pelican -r watches only once its first build has ended: save until it sees one.
        for _ in range(TIMEOUT_SECONDS // 3):
            with markdown.open("a", encoding="utf-8") as text:
                text.write("\nA save to wake pelican -r.\n")
            if holds_text_within(log, "-> Modified", 3):
                break
        else:
            raise SystemExit(f"bench-edit: pelican -r never saw {markdown} change")
        for run in range(runs):
            if not within(lambda: every_build_ended(log), TIMEOUT_SECONDS):
                raise SystemExit(f"bench-edit: pelican -r still building after {TIMEOUT_SECONDS} s")
            marker = f"Plain-{time.strftime('%H%M%S')}-{run}"
            start = time.perf_counter()
            with markdown.open("a", encoding="utf-8") as text:
                text.write(f"\n{marker} was written by bench-edit.\n")
            if not holds_text_within(page, marker, TIMEOUT_SECONDS):
                # pelican -r can miss a save made as its last build ends: counted, not waited.
                print(f"  plain Pelican -r: save {run + 1} not built in {TIMEOUT_SECONDS} s")
                seconds.append(float(TIMEOUT_SECONDS))
                continue
            seconds.append(time.perf_counter() - start)
    finally:
        os.killpg(process.pid, 15)
        process.wait()
    return seconds


def every_build_ended(log: Path) -> bool:
    """True when each build `pelican -r` started (its first, one a change) has ended."""
    said = log.read_text(errors="replace")
    return said.count("Done: Processed") >= said.count("-> Modified") + 1


def load_average() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def devserver_saves(project: Path, chapter: int) -> list[tuple[str, float]]:
    """Make the 11 saves against `make devserver`; return each kind with its seconds."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_devserver(project, port)
    results: list[tuple[str, float]] = []
    try:
        wait_for_text(project / "devserver.log", "devserver: built")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/chapter{chapter}.html")
            page.wait_for_selector("html[data-devserver-build]", state="attached")
            for save in saves(project, chapter):
                seconds = timed_save(page, save)
                if seconds is None:
                    print(f"  {save.kind:<12} not shown in {TIMEOUT_SECONDS} s", flush=True)
                    seconds = float(TIMEOUT_SECONDS)
                else:
                    print(f"  {save.kind:<12} {seconds:6.2f} s", flush=True)
                results.append((save.kind, seconds))
            browser.close()
    finally:
        os.killpg(server.pid, 15)
        server.wait()
    text = [seconds for kind, seconds in results if kind in TEXT_EDITS]
    every = [seconds for _, seconds in results]
    print(
        f"text edits: median {statistics.median(text):.2f} s, worst {max(text):.2f} s"
        " (targets: 1.0 s, 2.0 s)"
    )
    median, worst = statistics.median(every), max(every)
    print(f"all {len(every)} saves: median {median:.2f} s, worst {worst:.2f} s")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=500)
    parser.add_argument("--plain-runs", type=int, default=3, help="0: no pelican -r")
    parser.add_argument("--no-devserver", action="store_true", help="time pelican -r only")
    options = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"bench-edit: no Chromium at {CHROMIUM} (set COURSE_CHROMIUM)")
    # Stopped (kill), it still stops the servers it started, in `finally`.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    project = workdir_for(options.chapters)
    chapter = options.chapters // 2
    print(f"bench-edit: {options.chapters} chapters in {project}; load average {load_average()}")
    if not options.no_devserver:
        devserver_saves(project, chapter)
    if options.plain_runs:
        plain = plain_rebuild_seconds(project, chapter, options.plain_runs)
        print(
            f"plain Pelican -r, save to written page: median {statistics.median(plain):.2f} s"
            f" ({', '.join(f'{s:.2f}' for s in plain)})"
        )
    print(f"load average at the end: {load_average()}")


if __name__ == "__main__":
    main()
