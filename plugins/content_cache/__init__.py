"""Pelican's content cache, made safe to leave on.

Rebuilds reuse Pelican's cache of parsed Markdown (CACHE_CONTENT and
LOAD_CONTENT_CACHE with the "reader" layer), which is what makes a rebuild
after editing one chapter cheap. Pelican keys that cache by file only: after a
change of settings (say, a Markdown extension) it would serve stale pages.
This plugin fingerprints the settings, the versions of the packages that render
Markdown and our plugins' code (the chapter reader is ours), and empties Pelican's
cache files when the fingerprint changes, or when they do not load. A cache folder
that cannot be written (read-only) is replaced, for this build, by an empty one: the
cache is never a reason to fail.
"""

import atexit
import gzip
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from pathlib import Path

from courselib.cached_products.cache_files import drop_damaged, shown, write_atomically
from courselib.fingerprint import folder_digest, settings_fingerprint
from courselib.pages import rival_folder_pages
from pelican import signals

logger = logging.getLogger(__name__)

FINGERPRINT_FILE = "settings-fingerprint"
# Pelican names its cache files after the generator classes: "ArticlesGenerator-Readers", ...
PELICAN_CACHE_GLOB = "*Generator*"


def read_fingerprint(stamp: Path) -> str | None:
    """Return the fingerprint the cache was made under, or None; a damaged stamp is dropped."""
    try:
        text = stamp.read_bytes()
    except OSError:
        return None
    fingerprint = text.strip()
    if len(fingerprint) != 64 or fingerprint.strip(b"0123456789abcdef"):
        drop_damaged(stamp, "not a settings fingerprint")
        return None
    return fingerprint.decode("ascii")


def forget_stale_cache(cache_dir: Path, fingerprint: str) -> bool:
    """Delete Pelican's cache files if they were made under other settings; True if deleted."""
    stamp = cache_dir / FINGERPRINT_FILE
    if read_fingerprint(stamp) == fingerprint:
        return False
    stale = list(cache_dir.glob(PELICAN_CACHE_GLOB)) if cache_dir.is_dir() else []
    for cache_file in stale:
        if cache_file.is_file():
            cache_file.unlink()
    write_atomically(stamp, (fingerprint + "\n").encode("ascii"))
    return bool(stale)


def pelican_cache_problem(path: Path, compressed: bool) -> str | None:
    """Return why Pelican could not load its cache file at `path`, or None if it can.

    Pelican reads its cache with pickle.load and catches only some errors: a file cut
    short (EOFError) or holding something else than its dict stops the build with a
    traceback. Loading it here once more costs a few milliseconds a hundred chapters.
    """
    try:
        with (gzip.open if compressed else open)(path, "rb") as cache_file:
            cache = pickle.load(cache_file)
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - a damaged pickle fails in many ways
        return str(error).splitlines()[0] if str(error) else type(error).__name__
    if not isinstance(cache, dict) or not all(
        isinstance(entry, tuple) and len(entry) == 2 for entry in cache.values()
    ):
        return "not a cache as Pelican writes it"
    return None


def forget_empty_cache_files(cache_dir: Path) -> list[Path]:
    """Delete Pelican cache files left empty by a save that failed; return them.

    Pelican opens its cache for writing before pickling into it, so a save that
    fails (a setting that cannot be pickled, such as a lambda in JINJA_FILTERS,
    reaches the cache through each category's settings) leaves an empty file, and
    the next build stops on it with "EOFError: Ran out of input" and a traceback.
    """
    empty = [
        path
        for path in (cache_dir.glob(PELICAN_CACHE_GLOB) if cache_dir.is_dir() else [])
        if path.is_file() and path.stat().st_size == 0
    ]
    for path in empty:
        path.unlink()
    return empty


def unwritable_reason(cache_dir: Path) -> str | None:
    """Return why nothing can be written into `cache_dir` (say, a read-only disk), or None."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        descriptor, probe = tempfile.mkstemp(prefix=".probe-", dir=cache_dir)
        os.close(descriptor)
        os.unlink(probe)
    except OSError as error:
        return error.strerror or str(error)
    return None


def build_without_cache(settings: dict, reason: str) -> None:
    """Point CACHE_PATH at an empty folder of this process's own, for every cache of the build.

    The one setting a plugin of ours changes: Pelican and every plugin read their caches
    from it, and none of them may fail on a cache folder that cannot be written.
    """
    logger.warning(
        "%s: the cache folder cannot be written (%s): this build reuses and keeps nothing",
        shown(settings["CACHE_PATH"]),
        reason,
    )
    replacement = tempfile.mkdtemp(prefix="course-cache-")
    atexit.register(shutil.rmtree, replacement, ignore_errors=True)
    settings["CACHE_PATH"] = replacement


def check_cache(pelican) -> None:
    """Make sure the build can use its cache folder, and empty Pelican's content cache
    when the settings changed since it was written, or it does not load."""
    settings = pelican.settings
    reason = unwritable_reason(Path(settings["CACHE_PATH"]))
    if reason is not None:
        build_without_cache(settings, reason)
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    cache_dir = Path(settings["CACHE_PATH"])
    for path in forget_empty_cache_files(cache_dir):
        logger.info("content_cache: %s was left empty by a failed save; removed", path)
    code = "".join(folder_digest(Path(folder)) for folder in settings.get("PLUGIN_PATHS", []))
    rivals = "\n".join(rival_folder_pages(settings["PATH"]))
    fingerprint = hashlib.sha256((settings_fingerprint(settings) + code + rivals).encode())
    fingerprint = fingerprint.hexdigest()
    if forget_stale_cache(cache_dir, fingerprint):
        logger.info("content_cache: settings changed since the last build; cache emptied")
    for path in sorted(cache_dir.glob(PELICAN_CACHE_GLOB)):
        problem = pelican_cache_problem(path, settings.get("GZIP_CACHE", True))
        if problem:
            drop_damaged(path, problem)


def register() -> None:
    signals.initialized.connect(check_cache)
