"""Files kept in cache/ so that the cache is never a reason to fail a build.

A cache entry that does not load (cut short, garbage, the wrong shape) is a miss:
it is dropped with one warning naming it, and made again. Files are written
under a unique temporary name and renamed into place, so two builds at once
never share a half-written file, and a reader never sees one.
"""

import contextlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)


def shown(path: str | os.PathLike) -> str:
    """Return `path` as an author finds it: relative to the working folder when inside it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative


def report_damaged(path: str | os.PathLike, reason: str) -> None:
    """Say, in one line, that a cache entry does not load and is made again."""
    logger.warning("%s: damaged cache entry (%s): dropped, made again", shown(path), reason)


def drop_damaged(path: str | os.PathLike, reason: str) -> None:
    """Remove a cache entry (file or folder) that does not load, saying so in one line."""
    report_damaged(path, reason)
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def load_json(path: Path, is_valid: Callable[[object], bool], shape: str) -> object | None:
    """Return what the JSON cache file `path` holds, or None if there is none.

    A file that is not JSON, or whose value `is_valid` rejects (it is not `shape`),
    is dropped with a warning, and None returned.
    """
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        logger.warning("%s: cannot be read (%s): building without it", shown(path), error.strerror)
        return None
    try:
        value = json.loads(text)
    except ValueError:
        drop_damaged(path, "not JSON")
        return None
    if not is_valid(value):
        drop_damaged(path, f"not {shape}")
        return None
    return value


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader never sees a half-written file.

    The data goes to a temporary file of a name no other build uses, beside `path`,
    which is then renamed over it. The file gets the usual permissions (the umask's),
    as it may be linked into the site.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(partial, 0o666 & ~current_umask())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


@cache
def current_umask() -> int:
    """Return the process's umask, read once (reading it means setting it, then back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask
