"""A build process kept warm: Pelican and the plugins imported once, each build forked from it.

Starting Python and importing Pelican, our plugins and what they use (Pillow, selectolax,
markdown-it, Pygments, Jinja) took about a second of every rebuild at 500 chapters, as
much as some builds' real work. This process imports them once, then forks a child for
each build: the child runs `make html`'s staged build with Pelican called in place. No
state is carried from one build to the next (STYLE.md): every build starts from modules
as freshly imported.

The child whose build passed last stays alive, holding its build, until the next build
passes: it answers quick updates (`quick.py`), the page of a saved chapter rendered
again in a fraction of a second, while the full build that follows is made.

It is one thread (forking a process with threads can copy a held lock), started by the
dev server before its own threads exist, and reads one JSON request a line on stdin:
`{"output": ..., "content": ..., "command": [pelican, ...]}` for a build, whose lines go
to stdout as they come, then `END_OF_BUILD <exit code>`; `{"sources": [...], "site": ...,
"originals": ...}` for a quick update, answered by `END_OF_QUICK <JSON>`. When our
plugins' code changed since it was imported, it answers a build with `RESTART` instead
and exits: the dev server starts a new one, which imports the new code.

SIGUSR1 stops the build under way (the dev server sends it when a newer save can be shown
by a quick update). The signal only takes note; the build stops at its next safe point,
where Pelican reads a file or is about to write a chapter (`STOP_POINTS`), or between two
chunks of chapters parsed ahead (`PARSED_AHEAD`): never inside a plugin's or a library's
code, so no cache is left half written and no formula half converted is taken for an
author's error. The child then ends with BUILD_STOPPED, its staging folder deleted. Once the
chapters are written (the search index starts on them), the build goes on to its end and
replaces the site as usual.
"""

import contextlib
import importlib
import json
import os
import pkgutil
import signal
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

END_OF_BUILD = "\0devserver: end of build"
RESTART = "\0devserver: restart"
END_OF_QUICK = "\0devserver: end of quick update"
# The exit code of a build stopped by SIGUSR1 (Pelican's own failures are 1, refusals 2).
BUILD_STOPPED = 75
# Libraries Pelican and the plugins import, some only inside functions.
LIBRARIES = ["pelican", "pelican.generators", "pelican.readers", "pelican.writers", "jinja2"]


def code_stamp(plugin_folders: list[Path]) -> frozenset:
    """Return what identifies the plugins' code: every .py file's path, size and time."""
    stamp = set()
    for folder in plugin_folders:
        for path in folder.rglob("*.py"):
            if "__pycache__" in path.parts:
                continue
            with contextlib.suppress(OSError):
                status = path.stat()
                stamp.add((str(path), status.st_size, status.st_mtime_ns))
    return frozenset(stamp)


def warm_up(plugin_folders: list[Path]) -> None:
    """Import Pelican and every module of every plugin (a module that fails is left out:
    the build itself says why)."""
    for name in LIBRARIES:
        importlib.import_module(name)
    for folder in plugin_folders:
        for module in pkgutil.walk_packages([str(folder)], onerror=lambda name: None):
            if module.name.endswith("__main__") or module.name.split(".")[0] == "devserver":
                continue
            with contextlib.suppress(Exception):
                importlib.import_module(module.name)


def run_pelican_here(command: list[str], environment: dict[str, str]) -> int:
    """Run the Pelican command in this (forked) process; return its exit code."""
    from pelican import main

    os.environ.clear()
    os.environ.update(environment)
    try:
        main(command[1:])
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


class BuildStopped(BaseException):
    """Raised in a build's child at a stop point once SIGUSR1 came: a newer save is shown,
    this build is not needed. Not an Exception: no `except Exception` in Pelican or a
    plugin takes it for a failure."""


# Pelican's signals at which a build may stop: it is between two files read, or about to
# write a chapter, and has saved nothing of what it is doing.
STOP_POINTS = ("content_object_init", "article_generator_write_article")
# And between two chunks of chapters parsed ahead (course_markdown/prerender.py), where
# nothing is written either: by its name, as this plugin does not import that one.
PARSED_AHEAD = "course_chapters_parsed_ahead"
# The child whose build runs now (set in this process, not in the children).
_building_child: int | None = None
# In a build's child: SIGUSR1 came; Pelican is at a stage the build may stop; it stopped.
_stop_asked = False
_stoppable = False
_stopped = False


def pass_stop_on(signal_number, frame) -> None:
    """In this process: pass a stop on to the build under way, if any."""
    if _building_child is not None:
        with contextlib.suppress(OSError):
            os.kill(_building_child, signal.SIGUSR1)


def note_stop(signal_number, frame) -> None:
    """In a build's child: the build stops at its next stop point."""
    global _stop_asked
    _stop_asked = True


def stop_here(*_arguments, **_keywords) -> None:
    """Connected to the STOP_POINTS: raise BuildStopped if a stop was asked for."""
    global _stopped
    if _stop_asked and _stoppable:
        _stopped = True
        raise BuildStopped


def no_more_stops(*_arguments, **_keywords) -> None:
    """Connected to `article_writer_finalized`: from here on the build goes to its end."""
    global _stoppable
    _stoppable = False


def run_stoppable(command: list[str], environment: dict[str, str]) -> int:
    """Run Pelican here, stoppable at its stop points until its chapters are written."""
    global _stoppable
    import blinker
    from pelican.plugins import signals

    _stoppable = True
    for name in STOP_POINTS:
        getattr(signals, name).connect(stop_here)
    blinker.signal(PARSED_AHEAD).connect(stop_here)
    signals.article_writer_finalized.connect(no_more_stops)
    try:
        return run_pelican_here(command, environment)
    finally:
        _stoppable = False


@dataclass
class KeptChild:
    """The child whose build passed last, kept alive with that build for quick updates.

    It reads one quick-update request a line from `requests` and answers on stdout,
    then says `done` on `replies`. Closing `requests` ends it.
    """

    pid: int
    requests: int
    replies: int

    def ask(self, line: str) -> bool:
        """Pass a quick-update request on and wait for its answer; False if the child is gone."""
        try:
            os.write(self.requests, (line.rstrip("\n") + "\n").encode())
        except OSError:
            return False
        return read_line(self.replies) == "done"

    def end(self) -> None:
        """Let the child go (it exits when its requests end) and wait for it."""
        for fd in (self.requests, self.replies):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def read_line(fd: int) -> str | None:
    """Return one line read from a pipe, without its newline; None at its end."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            return None
        data += chunk
    return data.decode().rstrip("\n")


def build_in_child(request: dict, kept: KeptChild | None) -> tuple[int, KeptChild | None]:
    """Fork; the child runs the staged build; return its exit code, and the child when its
    build passed (it stays, holding the build, for quick updates)."""
    global _building_child
    to_child, from_child = os.pipe(), os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        signal.signal(signal.SIGUSR1, note_stop)
        os.close(to_child[1])
        os.close(from_child[0])
        if kept is not None:  # its pipes belong to this process's parent only
            os.close(kept.requests)
            os.close(kept.replies)
        run_child(request, to_child[0], from_child[1])
    os.close(to_child[0])
    os.close(from_child[1])
    built = KeptChild(child, to_child[1], from_child[0])
    _building_child = child
    try:
        answer = read_line(built.replies)
    finally:
        _building_child = None
    if answer == "0":
        return 0, built
    built.end()
    if answer is None:  # it died before it could say (a signal, or our own bug)
        return 1, None
    return int(answer), None


def run_child(request: dict, requests: int, replies: int) -> None:
    """In the child: run the staged build, say its exit code; if it passed, answer quick
    updates until the parent lets go. Never returns."""
    from staged_build.build import staged_build

    from .quick import KeptBuild

    kept = KeptBuild()
    kept.connect()
    exit_code = 1
    try:
        exit_code = staged_build(
            Path(request["output"]),
            Path(request["content"]),
            request["command"],
            run=run_stoppable,
        )
    except BuildStopped:
        pass
    except SystemExit as stop:
        exit_code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # our own bug: its traceback, as a build in a process shows it
        traceback.print_exc()
    if _stopped and exit_code != 0:
        # Stopped, even where code that turns any error into a problem caught the stop.
        exit_code = BUILD_STOPPED
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(replies, f"{exit_code}\n".encode())
        if exit_code == 0:
            answer_quick_updates(kept, requests, replies)
    except BaseException:  # noqa: BLE001 - Ctrl-C, or the parent gone: nothing to tell
        pass
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exit_code)


def answer_quick_updates(kept, requests: int, replies: int) -> None:
    """Answer each quick-update request on stdout (`END_OF_QUICK` and a JSON answer)."""
    from .quick import NotQuick, update_pages

    while (line := read_line(requests)) is not None:
        request = json.loads(line)
        try:
            pages = update_pages(
                kept, request["sources"], Path(request["site"]), Path(request["originals"])
            )
            answer = {"pages": pages}
        except NotQuick as reason:
            answer = {"not": str(reason)}
        except Exception:  # our own bug: shown, and the full build answers the save
            traceback.print_exc()
            answer = {"not": "the quick update failed (the traceback is above)"}
        print(f"{END_OF_QUICK} {json.dumps(answer)}", flush=True)
        os.write(replies, b"done\n")


def main(argv: list[str]) -> int:
    """Serve build requests from stdin until it closes or the plugins' code changes."""
    plugin_folders = [Path(folder) for folder in argv]
    # As Pelican puts PLUGIN_PATHS on sys.path to load the plugins, so as to import them here.
    sys.path[:0] = [str(folder) for folder in plugin_folders if str(folder) not in sys.path]
    # First: a stop that came while this process imports must not end it.
    signal.signal(signal.SIGUSR1, pass_stop_on)
    imported = code_stamp(plugin_folders)
    warm_up(plugin_folders)
    kept: KeptChild | None = None
    try:
        for line in sys.stdin:
            request = json.loads(line)
            stale = code_stamp(plugin_folders) != imported
            if "sources" in request:  # a quick update, by the child that made the site
                if stale or kept is None or not kept.ask(line):
                    if kept is not None and not stale:
                        kept.end()
                        kept = None
                    why = "the plugins' code changed" if stale else "no build is kept"
                    print(f"{END_OF_QUICK} {json.dumps({'not': why})}", flush=True)
                continue
            if stale:
                print(RESTART, flush=True)
                return 0
            exit_code, built = build_in_child(request, kept)
            if built is not None:
                if kept is not None:
                    kept.end()
                kept = built
            print(f"{END_OF_BUILD} {exit_code}", flush=True)
    except KeyboardInterrupt:  # Ctrl-C in the dev server's terminal reaches us too
        pass
    finally:
        if kept is not None:
            kept.end()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
