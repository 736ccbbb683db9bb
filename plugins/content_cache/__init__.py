"""Pelican's content cache, made safe to leave on.

Rebuilds reuse Pelican's cache of parsed Markdown (CACHE_CONTENT and
LOAD_CONTENT_CACHE with the "reader" layer), which is what makes a rebuild
after editing one chapter cheap. Pelican keys that cache by file only: after a
change of settings (say, a Markdown extension) it would serve stale pages.
This plugin fingerprints the settings, the versions of the packages that render
Markdown and our plugins' code (the chapter reader is ours), and empties Pelican's
cache files when the fingerprint changes.
"""

import hashlib
import json
import logging
import marshal
import types
from pathlib import Path

from courselib.fingerprint import folder_digest, rendering_versions
from pelican import signals

logger = logging.getLogger(__name__)

FINGERPRINT_FILE = "settings-fingerprint"
# Pelican names its cache files after the generator classes: "ArticlesGenerator-Readers", ...
PELICAN_CACHE_GLOB = "*Generator*"
# Settings that change between runs without changing what is read.
VOLATILE_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH", "BIND", "PORT"}


def describe(value) -> str:
    """Return what a setting that is not plain data stands for in the fingerprint.

    A function (say in JINJA_FILTERS) by a digest of its code, so that editing it
    counts as a change of settings; anything else by its type.
    """
    code = getattr(value, "__code__", None)
    if isinstance(code, types.CodeType):
        return "function " + hashlib.sha256(marshal.dumps(code)).hexdigest()
    return type(value).__name__


def settings_fingerprint(settings: dict) -> str:
    """Return a digest of every plain-valued setting and the versions that shape parsed content."""
    plain = {
        key: value
        for key, value in settings.items()
        if key.isupper() and key not in VOLATILE_SETTINGS
    }
    text = json.dumps(plain, sort_keys=True, default=describe)
    text += rendering_versions()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def forget_stale_cache(cache_dir: Path, fingerprint: str) -> bool:
    """Delete Pelican's cache files if they were made under other settings; True if deleted."""
    stamp = cache_dir / FINGERPRINT_FILE
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == fingerprint:
        return False
    stale = list(cache_dir.glob(PELICAN_CACHE_GLOB)) if cache_dir.is_dir() else []
    for cache_file in stale:
        if cache_file.is_file():
            cache_file.unlink()
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint + "\n", encoding="utf-8")
    return bool(stale)


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


def check_cache(pelican) -> None:
    """Empty Pelican's content cache when the settings changed since it was written."""
    settings = pelican.settings
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    for path in forget_empty_cache_files(Path(settings["CACHE_PATH"])):
        logger.info("content_cache: %s was left empty by a failed save; removed", path)
    fingerprint = settings_fingerprint(settings) + "".join(
        folder_digest(Path(folder)) for folder in settings.get("PLUGIN_PATHS", [])
    )
    if forget_stale_cache(Path(settings["CACHE_PATH"]), fingerprint):
        logger.info("content_cache: settings changed since the last build; cache emptied")


def register() -> None:
    signals.initialized.connect(check_cache)
