"""The problems of each Markdown file, kept between builds while the file's bytes are unchanged.

Checking front matter and links is most of what this plugin costs a rebuild of a big
course; reading and hashing the files, which a check needs anyway, is a small part
of that. Each file's problems are kept in
CACHE_PATH/author_errors/chapter-checks.json under a digest of all a check reads: the
file's bytes, where it is in content/, whether it is a page and the known categories.
The file as a whole is stamped with the settings fingerprint content_cache keeps for
Pelican's own cache (every setting, the versions of what renders) and the source of
the checks and of this cache's own layout: any change to those starts from an empty
cache. A missing or damaged cache file is ignored and rewritten.
"""

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from courselib import front_matter, term
from courselib.cached_products import write_atomically
from courselib.cached_products.cache_files import load_json, report_damaged
from courselib.fingerprint import product_key, settings_fingerprint

logger = logging.getLogger(__name__)

CACHE_FILE = Path("author_errors") / "chapter-checks.json"  # under CACHE_PATH
# The code whose findings are kept (and this file's layout): an edited check or message
# must not meet old results.
CHECK_SOURCES = (
    Path(__file__),
    Path(__file__).parent / "content_checks.py",
    Path(front_matter.__file__),
    Path(term.__file__),
)


def chapter_key(raw: bytes, is_page: bool, known_categories: Iterable[str]) -> str:
    """Return a digest of everything the problems of a Markdown file depend on, but its path."""
    context = json.dumps([is_page, list(known_categories)])
    return hashlib.sha256(context.encode("utf-8") + b"\0" + raw).hexdigest()


def is_checks_file(saved: object) -> bool:
    """True for a cache file as `CheckCache.save` writes it: a stamp and files by name."""
    return (
        isinstance(saved, dict)
        and isinstance(saved.get("stamp"), str)
        and isinstance(saved.get("files"), dict)
    )


def is_checks_entry(entry: object) -> bool:
    """True for one file's entry as `CheckCache` writes it: its key and its problems."""
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], list)
        and all(isinstance(problem, str) for problem in entry[1])
    )


class CheckCache:
    """The problems an earlier build found in each Markdown file, and those of this build."""

    def __init__(self, cache_file: Path, stamp: str) -> None:
        self.cache_file = cache_file
        self.stamp = stamp
        self.damage_reported = False
        self.earlier = self._load()
        self.now: dict[str, list] = {}

    def _load(self) -> dict:
        saved = load_json(self.cache_file, is_checks_file, "the checks as this build writes them")
        if not isinstance(saved, dict) or saved["stamp"] != self.stamp:
            return {}
        return saved["files"]

    def problems(self, shown: str, key: str, check: Callable[[], list[str]]) -> list[str]:
        """Return the problems of the file `shown`: an earlier build's if `key` is the same."""
        entry = self.earlier.get(shown)
        if entry is not None and not is_checks_entry(entry):
            if not self.damage_reported:
                report_damaged(
                    self.cache_file, f"the problems of {shown} are not as it writes them"
                )
                self.damage_reported = True
            entry = None
        problems = entry[1] if entry is not None and entry[0] == key else check()
        self.now[shown] = [key, problems]
        return list(problems)

    def save(self) -> None:
        """Write this build's findings (and forget deleted files) if anything changed."""
        if self.now == self.earlier:
            return
        text = json.dumps({"stamp": self.stamp, "files": self.now}, ensure_ascii=False)
        try:
            write_atomically(self.cache_file, text.encode("utf-8"))
        except OSError as error:  # the next build only checks every file again
            logger.warning("author_errors: could not save %s: %s", self.cache_file, error)


def check_cache_for(settings: dict) -> CheckCache:
    """Return this build's check cache, in its cache folder, stamped for its settings."""
    stamp = product_key(settings_fingerprint(settings), code=CHECK_SOURCES)
    return CheckCache(Path(settings.get("CACHE_PATH", "cache")) / CACHE_FILE, stamp)
