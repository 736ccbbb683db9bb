"""What a save can change, and watching it: content/, the theme, settings and plugins.

watchfiles (Pelican's own dependency, which `pelican -r` uses) reports a burst of
changes as one set: it waits until 50 ms pass with no new change (at most 1.6 s).
"""

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import watchfiles

# Wait this long with no new change before a burst of saves counts as one.
QUIET_MILLISECONDS = 50


@dataclass(frozen=True)
class WatchedPaths:
    """Folders watched with everything inside, and files watched alone (the settings)."""

    folders: tuple[Path, ...]
    files: tuple[Path, ...]


def watched_paths(settings: dict, settings_file: Path | None) -> WatchedPaths:
    """Return what a build reads that an instructor edits, from the build's own settings.

    The settings file's folder is watched for its `.py` files only (publishconf.py
    imports pelicanconf.py beside it); the rest of that folder holds output/ and cache/.
    """
    folders = [settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]
    folders += settings.get("THEME_TEMPLATES_OVERRIDES", [])
    existing = [Path(os.path.abspath(folder)) for folder in folders if os.path.isdir(folder)]
    files = []
    if settings_file is not None:
        folder = Path(os.path.abspath(settings_file)).parent
        files = sorted(folder.glob("*.py"))
    return WatchedPaths(tuple(dict.fromkeys(existing)), tuple(files))


def watch(
    paths: WatchedPaths, on_change: Callable[[set[str]], None], stop: threading.Event
) -> list[threading.Thread]:
    """Call `on_change(changed paths)` once for each burst of changes (but for one that only
    made and removed files); return the threads."""
    threads = []
    if paths.folders:
        threads.append(_watcher(paths.folders, on_change, stop, recursive=True))
    if paths.files:
        settings_files = {str(file) for file in paths.files}
        folders = tuple(dict.fromkeys(file.parent for file in paths.files))

        def settings_only(change: watchfiles.Change, path: str) -> bool:
            return path in settings_files or (path.endswith(".py") and "__pycache__" not in path)

        threads.append(_watcher(folders, on_change, stop, recursive=False, only=settings_only))
    return threads


def _watcher(folders, on_change, stop, recursive: bool, only=None) -> threading.Thread:
    watch_filter = watchfiles.DefaultFilter() if only is None else only

    def run() -> None:
        for changes in watchfiles.watch(
            *folders,
            watch_filter=watch_filter,
            step=QUIET_MILLISECONDS,
            stop_event=stop,
            recursive=recursive,
            raise_interrupt=False,
        ):
            saved = lasting_changes(changes)
            if saved:
                on_change(saved)

    thread = threading.Thread(target=run, name="devserver-watch", daemon=True)
    thread.start()
    return thread


def lasting_changes(changes: set[tuple[watchfiles.Change, str]]) -> set[str]:
    """Return the paths a burst changed, less the files it made and removed again (the
    temporary files of `sed -i` and of editors that save by renaming)."""
    added = {path for change, path in changes if change == watchfiles.Change.added}
    deleted = {path for change, path in changes if change == watchfiles.Change.deleted}
    passing = {path for path in added & deleted if not os.path.lexists(path)}
    return {path for _, path in changes} - passing
