"""Rebuilds on request, one at a time, and what the open pages are told after each.

A save asks for a build (`request`); the builder runs one staged build at a time
(`make html`'s: the site replaces output/ only when it passed). Requests are counted,
not flagged: a save made while a build runs raises the count past the one that build
started from, so another build follows when it ends, and a burst of saves made
during one build is one more build, not many.

A full build that only checks saves quick updates have shown is stopped by a newer save
of chapters: that save is shown at once by a quick update, and the full build starts
again once saves pause, instead of the save waiting for a build whose site is already
out of date.
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from courselib.pages import is_markdown
from staged_build.build import site_folder

from .changes import (
    SiteSnapshot,
    changed_paths,
    file_stamp,
    note_file,
    take_snapshot,
    walk_files,
)
from .problems import Problem, build_problems
from .warm import BUILD_STOPPED

# After a quick update, the full build starts once this long passes with no save.
QUIET_SECONDS = 1.0
# Builds whose changed files are kept, for a page that connects late (it names the build
# it was served from). An older page reloads whole.
HISTORY = 64


@dataclass
class BuildOutcome:
    """What one build said and did: its exit code, problems and changed files."""

    exit_code: int
    problems: list[Problem]
    changed: set[str]
    seconds: float


@dataclass
class SiteState:
    """What the server tells pages: the last build, its problems, and what changed when.

    Shared by the builder and every request thread; `changed` wakes the event streams.
    """

    number: int = 0  # builds that replaced the site, so far
    attempts: int = 0  # builds finished, passed or failed
    building: bool = False
    failed: bool = False  # the last build failed: the site is an older one
    problems: list[Problem] = field(default_factory=list)
    # Pages a quick update showed since the last build ended: no build checked them yet.
    unchecked: set[str] = field(default_factory=set)
    history: list[tuple[int, set[str]]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def changes_since(self, number: int) -> set[str] | None:
        """Return the URL paths changed by the builds after `number`; None if not all known."""
        with self.changed:
            if number >= self.number:
                return set()
            kept = [build for build in self.history if build[0] > number]
            if not kept or kept[0][0] != number + 1:
                return None
            return set().union(*(paths for _, paths in kept))

    def record(self, outcome: BuildOutcome) -> None:
        """Publish a finished build to every open page."""
        with self.changed:
            self.attempts += 1
            self.building = False
            self.unchecked = set()
            self.problems = outcome.problems
            self.failed = outcome.exit_code != 0
            if outcome.exit_code == 0:
                self.number += 1
                self.history = [*self.history, (self.number, outcome.changed)][-HISTORY:]
            self.changed.notify_all()

    def record_pages(self, changed: set[str], unchecked: bool = False) -> None:
        """Publish pages replaced between builds (`unchecked`: shown by a quick update; else
        put back after a failed build); the problems stay as the last build said."""
        with self.changed:
            if unchecked:
                self.unchecked = self.unchecked | changed
            self.number += 1
            self.history = [*self.history, (self.number, changed)][-HISTORY:]
            self.changed.notify_all()

    def start(self) -> None:
        """Say a build has begun."""
        with self.changed:
            self.building = True
            self.changed.notify_all()


class Builder:
    """Runs `make html`'s staged build whenever asked, never two at once, never losing a save."""

    def __init__(
        self, runner: "BuildRunner", output: Path, state: SiteState, echo, content: Path
    ) -> None:
        self.runner = runner
        self.output = output
        self.state = state
        self.echo = echo
        self.content = content
        self.requested = 0  # saves (bursts of them) so far
        self.started_from = 0  # the value of `requested` when the last build began
        self.saved: set[str] = set()  # files saved since the last build began
        self.whole = True  # something not a file asked for a build (the first one)
        self.wake = threading.Condition()
        self.snapshot: SiteSnapshot | None = None
        # Pages quick updates replaced since the last good build, as that build wrote them.
        self.originals = Path(tempfile.mkdtemp(prefix="devserver-originals-"))
        self.shown_early: dict[str, tuple | None] = {}  # URL path: stamp the quick update left
        # A save since the last good build that no quick update showed: the full build
        # under way is then needed for it, and no newer save stops it.
        self.unshown_since_good = True
        self.full_build_running = False
        self.stop_told = False  # the terminal was told the running build is asked to stop

    def request(self, saved: set[str] | None = None) -> None:
        """Ask for a build (from the watcher, naming the files saved); one that is running
        finishes first."""
        with self.wake:
            self.requested += 1
            if saved is None:
                self.whole = True
            else:
                self.saved |= saved
                self.stop_outdated_build(saved)
            self.wake.notify_all()

    def stop_outdated_build(self, saved: set[str]) -> None:
        """Stop the full build under way when it checks only saves quick updates showed and
        a newer save is of chapters only, which a quick update can show (holding `wake`).

        Asked again at each such save: a stop that came as the build was starting, before
        its process was there, is lost, and the next save asks again."""
        if (
            self.full_build_running
            and not self.unshown_since_good
            and all(self.is_chapter_file(path) for path in saved)
            and self.runner.stop_build()
            and not self.stop_told
        ):
            self.echo("devserver: a newer save: stopping the full build")
            self.stop_told = True

    def run(self, stop: threading.Event) -> None:
        """Build once, then once more each time a build was asked for since the last began."""
        self.snapshot = take_snapshot(self.output) if self.output.is_dir() else SiteSnapshot()
        try:
            while not stop.is_set():
                with self.wake:
                    self.wake.wait_for(lambda: self.requested > self.started_from or stop.is_set())
                    if stop.is_set():
                        return
                    # Saves from now on ask for the build after this one.
                    self.started_from = self.requested
                    saved, self.saved = self.saved, set()
                    whole, self.whole = self.whole, False
                self.state.start()
                if whole or not saved or not self.quick_update(sorted(saved)):
                    self.unshown_since_good = True
                else:
                    # The page is shown: the full build waits for a moment with no save, so
                    # that saves made one after another are each shown as quickly.
                    with self.wake:
                        if self.wake.wait_for(
                            lambda: self.requested > self.started_from or stop.is_set(),
                            timeout=QUIET_SECONDS,
                        ):
                            continue
                self.build_once(stop)
        finally:
            # Stopped: pages shown early that no full build checked go back (output/ stays
            # what `make html` last wrote).
            self.put_back_originals()
            self.forget_originals()

    def build_once(self, stop: threading.Event) -> BuildOutcome | None:
        """Run one staged build and publish what it changed and what it reported (nothing
        when the server stopped meanwhile: Ctrl-C stops the build too)."""
        self.state.start()
        began = time.monotonic()
        with self.wake:
            self.full_build_running, self.stop_told = True, False
        try:
            lines, exit_code = self.runner.build(self.echo)
        finally:
            with self.wake:
                self.full_build_running = False
        if stop.is_set():
            return None
        if exit_code == BUILD_STOPPED:
            # The pages shown early stay, unchecked; the loop shows the newer save next.
            self.echo("devserver: full build stopped")
            return None
        if exit_code == 0:
            self.unshown_since_good = False
        changed: set[str] = set()
        put_back = self.put_back_originals() if exit_code != 0 else set()
        self.forget_originals()
        if exit_code == 0 or put_back:
            after = take_snapshot(self.output, self.snapshot)
            changed = changed_paths(self.snapshot, after) if self.snapshot else set()
            self.snapshot = after
        problems = build_problems(lines, exit_code)
        outcome = BuildOutcome(exit_code, problems, changed, time.monotonic() - began)
        self.state.record(outcome)
        if put_back:  # pages showing a quick update go back to the last good site
            self.state.record_pages(changed)
        self.echo(self.summary(outcome))
        return outcome

    def is_chapter_file(self, path: str) -> bool:
        """True for a Markdown file in content/ (which a quick update may show)."""
        return (
            is_markdown(path) and Path(path).is_relative_to(self.content) and os.path.isfile(path)
        )

    def quick_update(self, sources: list[str]) -> bool:
        """Ask the process holding the last good build to render the saved chapters' pages
        again, and publish them; return whether it did (the full build follows anyway)."""
        if not all(self.is_chapter_file(path) for path in sources):
            return False
        began = time.monotonic()
        answer = self.runner.quick(sources, site_folder(self.output), self.originals, self.echo)
        if answer is None:
            return False
        if "not" in answer:
            self.echo(f"devserver: a full build for this save: {answer['not']}")
            return False
        changed = {"/" + page for page in answer["pages"]}
        for url_path in changed:  # the full build's pages are compared with these
            note_file(self.snapshot, self.output, url_path)
            self.shown_early[url_path] = file_stamp(site_folder(self.output) / url_path.lstrip("/"))
        self.state.record_pages(changed, unchecked=True)
        pages = ", ".join(answer["pages"])
        self.echo(
            f"devserver: {pages} shown in {time.monotonic() - began:.2f} s;"
            " the whole site is built next"
        )
        return True

    def close(self) -> None:
        """Remove what the builder kept on disk (the server has stopped)."""
        shutil.rmtree(self.originals, ignore_errors=True)

    def forget_originals(self) -> None:
        """Drop the pages kept for putting back: a good build replaced them all."""
        shutil.rmtree(self.originals, ignore_errors=True)
        self.originals.mkdir(exist_ok=True)
        self.shown_early.clear()

    def put_back_originals(self) -> set[str]:
        """Put back the last good build's pages that quick updates replaced; return them."""
        site = site_folder(self.output)
        put_back = set()
        for original, _ in walk_files(self.originals):
            page = os.path.relpath(original, self.originals)
            url_path = "/" + page.replace(os.sep, "/")
            if self.shown_early.get(url_path) != file_stamp(site / page):
                continue  # not the page the quick update wrote: a build replaced it since
            staging = site / (page + ".devserver-original")
            try:
                shutil.copy2(original, staging)
                os.replace(staging, site / page)
            except OSError as error:  # the site's folder changed by hand, say: the next build
                self.echo(f"devserver: cannot put back {site / page}: {error.strerror}")
                continue
            put_back.add(url_path)
        return put_back

    @staticmethod
    def summary(outcome: BuildOutcome) -> str:
        """Return the line the terminal shows after a build."""
        if outcome.exit_code != 0:
            return (
                f"devserver: build failed in {outcome.seconds:.2f} s: still serving the last"
                " good site; its problems are shown in the open pages"
            )
        pages = sum(path.endswith(".html") for path in outcome.changed)
        return f"devserver: built in {outcome.seconds:.2f} s ({pages} page(s) changed)"


@dataclass
class BuildRunner:
    """Runs one staged build, as `make html` would, echoing each line as it comes.

    With `warm` (where the system can fork), builds are forked from a process that has
    imported Pelican and the plugins already (`warm.py`); else each is a new process.
    """

    output: Path
    content: Path
    pelican_command: list[str]
    plugin_folders: list[Path]
    environment: dict[str, str]
    warm: bool = hasattr(os, "fork")
    _warm_process: subprocess.Popen | None = None
    # Held to signal the warm process or to end it: a process ended and waited for may
    # give its number to another, which a stop must never reach.
    _process_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        # The warm process calls Pelican's main() with the command's arguments: only a
        # command that is Pelican itself (`.venv/bin/pelican CONTENT ...`) can run that way.
        self.warm = self.warm and Path(self.pelican_command[0]).name == "pelican"

    def build(self, echo: Callable[[str], None]) -> tuple[list[str], int]:
        """Run one build; return the lines it printed and its exit code."""
        if not self.warm:
            return self._build_in_new_process(echo)
        for _ in range(2):  # a warm process whose code is stale asks to be started anew
            answer = self._build_warm(echo)
            if answer is not None:
                return answer
        return self._build_in_new_process(echo)

    def quick(self, sources: list[str], site: Path, originals: Path, echo) -> dict | None:
        """Ask the warm process for a quick update of the saved chapters' pages; return its
        answer (`{"pages": [...]}` or `{"not": why}`), or None without a warm process."""
        from .warm import END_OF_QUICK

        process = self._warm_process
        if not self.warm or process is None or process.poll() is not None:
            return None
        request = {"sources": sources, "site": str(site), "originals": str(originals)}
        answer = self._ask_warm(process, request, echo, until=(END_OF_QUICK,))
        if answer is None or not answer[1].startswith(END_OF_QUICK):
            self.stop()  # the warm process ended: the build starts a new one
            return None
        return json.loads(answer[1][len(END_OF_QUICK) :])

    @staticmethod
    def _ask_warm(process, request: dict, echo, until: tuple[str, ...]):
        """Send the warm process one request; return the lines it printed and its last line
        (one starting with `until`, if it did not end first), or None if it cannot be asked."""
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError:
            return None
        lines = _echoed(process.stdout, echo, until=until)
        return lines, (lines.pop() if lines else "")

    def _build_in_new_process(self, echo) -> tuple[list[str], int]:
        command = staged_build_command(self.output, self.content, self.pelican_command)
        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            env=self.environment,
        ) as process:
            lines = _echoed(process.stdout, echo, until=None)
        return lines, process.returncode

    def _build_warm(self, echo) -> tuple[list[str], int] | None:
        from .warm import END_OF_BUILD, RESTART

        process = self._warm_process
        if process is None or process.poll() is not None:
            process = self._warm_process = self.start_warm_process()
        request = {
            "output": str(self.output),
            "content": str(self.content),
            "command": self.pelican_command,
        }
        answer = self._ask_warm(process, request, echo, until=(END_OF_BUILD, RESTART))
        if answer is None:
            self.stop()
            return None
        lines, last = answer
        if last.startswith(END_OF_BUILD):
            return lines, int(last.split()[-1])
        self.stop()  # RESTART, or the warm process ended: the next build starts a new one
        if last.startswith(RESTART):
            return None
        return [*lines, last], 1

    def stop_build(self) -> bool:
        """Ask the warm process to stop the build it runs; return whether it was asked (a
        build in a new process is left to end)."""
        with self._process_lock:
            process = self._warm_process
            if not self.warm or process is None or process.poll() is not None:
                return False
            try:
                os.kill(process.pid, signal.SIGUSR1)
            except OSError:
                return False
            return True

    def start(self) -> None:
        """Start the warm process now, if builds use one, so that it imports meanwhile."""
        if self.warm and self._warm_process is None:
            self._warm_process = self.start_warm_process()

    def start_warm_process(self) -> subprocess.Popen:
        """Start the process builds are forked from (an exec'd program: one thread)."""
        command = [sys.executable, "-m", "devserver.warm", *map(str, self.plugin_folders)]
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            env=self.environment,
        )

    def stop(self) -> None:
        """End the warm process, if any."""
        with self._process_lock:
            process, self._warm_process = self._warm_process, None
            if process is not None:
                with contextlib.suppress(OSError):
                    process.stdin.close()
                process.kill()
                process.wait()


def _echoed(stream, echo, until: tuple[str, ...] | None) -> list[str]:
    """Echo and return the lines of `stream`, to its end or to a line starting with `until`
    (returned last)."""
    lines = []
    for line in stream:
        if until is not None and line.startswith(until):
            lines.append(line.rstrip("\n"))
            break
        echo(line.rstrip("\n"))
        lines.append(line)
    return lines


def staged_build_command(output: Path, content: Path, pelican_command: list[str]) -> list[str]:
    """Return `make html`'s command: a staged build of `content` into `output`."""
    staged = [sys.executable, "-m", "staged_build", "build", str(output), "--content"]
    return [*staged, str(content), "--", *pelican_command]


def build_environment(plugin_folder: Path) -> dict[str, str]:
    """Return the environment of a build: staged_build importable, lines never wrapped."""
    paths = [str(plugin_folder), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "COLUMNS": "1000"}
