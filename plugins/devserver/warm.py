"""A build process kept warm: Pelican and the plugins imported once, each build forked from it.

Starting Python and importing Pelican, our plugins and what they use (Pillow, selectolax,
markdown-it, Pygments, Jinja) took about a second of every rebuild at 500 chapters, as
much as some builds' real work. This process imports them once, then forks a child for
each build: the child runs `make html`'s staged build with Pelican called in place, and
exits. Nothing a build does outlives its child, so no state is carried from one build to
the next (STYLE.md): every build starts from modules as freshly imported.

It is one thread (forking a process with threads can copy a held lock), started by the
dev server before its own threads exist, and reads one JSON request a line on stdin:
`{"output": ..., "content": ..., "command": [pelican, ...]}`. The build's lines go to
stdout as they come, then `END_OF_BUILD <exit code>`. When our plugins' code changed
since it was imported, it answers `RESTART` instead and exits: the dev server starts a
new one, which imports the new code.
"""

import contextlib
import importlib
import json
import os
import pkgutil
import sys
import traceback
from pathlib import Path

END_OF_BUILD = "\0devserver: end of build"
RESTART = "\0devserver: restart"
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


def build_in_child(request: dict) -> int:
    """Fork; the child runs the staged build and exits; return its exit code."""
    from staged_build.build import staged_build

    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        exit_code = 1
        try:
            exit_code = staged_build(
                Path(request["output"]),
                Path(request["content"]),
                request["command"],
                run=run_pelican_here,
            )
        except SystemExit as stop:
            exit_code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:  # our own bug: its traceback, as a build in a process shows it
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(exit_code)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


def main(argv: list[str]) -> int:
    """Serve build requests from stdin until it closes or the plugins' code changes."""
    plugin_folders = [Path(folder) for folder in argv]
    # As Pelican puts PLUGIN_PATHS on sys.path to load the plugins, so as to import them here.
    sys.path[:0] = [str(folder) for folder in plugin_folders if str(folder) not in sys.path]
    imported = code_stamp(plugin_folders)
    warm_up(plugin_folders)
    try:
        for line in sys.stdin:
            if code_stamp(plugin_folders) != imported:
                print(RESTART, flush=True)
                return 0
            exit_code = build_in_child(json.loads(line))
            print(f"{END_OF_BUILD} {exit_code}", flush=True)
    except KeyboardInterrupt:  # Ctrl-C in the dev server's terminal reaches us too
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
