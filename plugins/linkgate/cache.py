"""Records of unchanged pages and verdicts on unchanged images, kept between runs.

One pickle file in a cache folder (never in the site). A file whose size and
modification time are unchanged is not read again; any problem reading the
cache just means a full check.
"""

import contextlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 2
FILE_NAME = "linkgate-pages.pickle"


@dataclass
class GateCache:
    """Page records and image verdicts from the last run, for one site address."""

    key: str = ""
    records: dict = field(default_factory=dict)  # page -> PageRecord
    images: dict = field(default_factory=dict)  # path -> (stamp, problem or None)
    # (site path, fragment, kind) -> (site signature, target file stamp, Failure or None)
    verdicts: dict = field(default_factory=dict)


def load_cache(folder: Path | None, key: str) -> GateCache:
    """Return the cache kept in `folder` for `key` (the site address), or an empty one."""
    if folder is None:
        return GateCache(key=key)
    try:
        with open(Path(folder) / FILE_NAME, "rb") as stream:
            version, cache = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return GateCache(key=key)
    except Exception:  # noqa: BLE001 - a stale pickle from older code may fail anywhere
        return GateCache(key=key)
    if version != FORMAT or not isinstance(cache, GateCache) or cache.key != key:
        return GateCache(key=key)
    return cache


def save_cache(folder: Path | None, cache: GateCache) -> None:
    """Write `cache` into `folder` atomically; a failure to write is not a link problem."""
    if folder is None:
        return
    folder = Path(folder)
    temporary = folder / (FILE_NAME + f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as stream:
            pickle.dump((FORMAT, cache), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / FILE_NAME)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
