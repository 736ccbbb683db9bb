"""A plugin's rewrite of each page's HTML, kept between builds while what it read is the same.

Our plugins rewrite every chapter's HTML on every build (images sized, root links made
relative), though Pelican reads an unchanged chapter from its own cache: at 500 chapters
that is most of what a rebuild with one edit costs. A plugin keeps what it did to each
page here, as edits (where, and what was written there) rather than the whole page, in
CACHE_PATH/<plugin>/page-rewrites.json, and does it again only when the page's key
changed: the key digests all the rewrite read (the page's HTML, where it is served, and
whatever else the plugin names). The file as a whole is stamped with the settings
fingerprint and the rewriting code's digest: a change to either starts from an empty
file. Each build keeps only the entries of the pages it rewrote, so deleted pages go.

A damaged file or entry is a miss, said once in one line, never a failure.
"""

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from courselib.fingerprint import product_key, settings_fingerprint

from .cache_files import load_json, report_damaged, write_atomically

logger = logging.getLogger(__name__)

CACHE_NAME = "page-rewrites.json"
# What a page's HTML became: (start, end, text) spans of the HTML the rewrite read, in order.
Edits = list[tuple[int, int, str]]


def file_stamp(path: str | os.PathLike) -> list[int] | None:
    """Return what tells one file's bytes from another's at `path` (device, inode, size,
    modification time; links followed), or None if there is no file there."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns]


def page_key(page_html: str, *inputs: str) -> str:
    """Return a digest of a page's HTML and the other inputs of its rewrite."""
    digest = hashlib.sha256(page_html.encode("utf-8", "surrogatepass"))
    for one in inputs:
        digest.update(b"\0" + one.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def apply_edits(page_html: str, edits: Edits) -> str:
    """Return `page_html` with each (start, end, text) span replaced by its text."""
    if not edits:
        return page_html
    pieces, position = [], 0
    for start, end, text in edits:
        pieces += [page_html[position:start], text]
        position = end
    pieces.append(page_html[position:])
    return "".join(pieces)


def are_edits(value: object, length: int) -> bool:
    """True for edits as `apply_edits` takes them, in order, within a text of `length`."""
    if not isinstance(value, list):
        return False
    position = 0
    for edit in value:
        if not (
            isinstance(edit, list)
            and len(edit) == 3
            and type(edit[0]) is int
            and type(edit[1]) is int
            and isinstance(edit[2], str)
            and position <= edit[0] <= edit[1] <= length
        ):
            return False
        position = edit[1]
    return True


def is_rewrites_file(saved: object) -> bool:
    """True for a file as `PageRewrites.save` writes it: a stamp and entries by page."""
    return (
        isinstance(saved, dict)
        and isinstance(saved.get("stamp"), str)
        and isinstance(saved.get("pages"), dict)
    )


class PageRewrites:
    """What one plugin did to each page in an earlier build, and what it does in this one."""

    def __init__(self, cache_file: Path, stamp: str) -> None:
        self.cache_file = cache_file
        self.stamp = stamp
        self.damage_reported = False
        saved = load_json(cache_file, is_rewrites_file, "page rewrites as a build writes them")
        self.earlier: dict = saved["pages"] if saved and saved["stamp"] == stamp else {}
        self.now: dict[str, list] = {}

    def earlier_value(self, page: str, key: str, is_value: Callable[[object], bool]) -> object:
        """Return what an earlier build kept for `page` under `key`, or None (a miss).

        An entry that `is_value` rejects is damaged: a miss, said once for the file.
        """
        entry = self.earlier.get(page)
        if entry is None:
            return None
        if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)):
            self._report_damaged(page)
            return None
        if entry[0] != key:
            return None
        if not is_value(entry[1]):
            self._report_damaged(page)
            return None
        self.now[page] = entry
        return entry[1]

    def keep(self, page: str, key: str, value: object) -> None:
        """Remember what this build did to `page` (JSON-able), for the next build."""
        self.now[page] = [key, value]

    def save(self) -> None:
        """Write this build's entries if any changed; a cache that cannot be written is skipped."""
        if self.now == self.earlier:
            return
        # ASCII: a lone surrogate (a file name not in UTF-8) is kept as an escape.
        text = json.dumps({"stamp": self.stamp, "pages": self.now})
        try:
            write_atomically(self.cache_file, text.encode("ascii"))
        except OSError as error:  # the next build only rewrites every page again
            logger.warning("%s: could not be saved: %s", self.cache_file, error)

    def _report_damaged(self, page: str) -> None:
        if not self.damage_reported:
            report_damaged(self.cache_file, f"the entry of {page} is not as a build writes it")
            self.damage_reported = True


def page_rewrites_for(settings: dict, plugin: str, code: Iterable[Path]) -> PageRewrites:
    """Return a plugin's page rewrites for this build: in its cache folder, stamped with the
    settings and the code that rewrites (`code`: files or folders, this module added)."""
    stamp = product_key(settings_fingerprint(settings), code=(*code, Path(__file__)))
    cache_file = Path(settings.get("CACHE_PATH", "cache")) / plugin / CACHE_NAME
    return PageRewrites(cache_file, stamp)


def is_file_stamp(value: object) -> bool:
    """True for what `file_stamp` returns, as a kept rewrite holds it (a list, or None)."""
    return value is None or (isinstance(value, list) and all(type(n) is int for n in value))


def are_file_stamps(value: object) -> bool:
    """True for the files a kept rewrite read, as `same_files` takes them: stamps by path."""
    return isinstance(value, dict) and all(is_file_stamp(stamp) for stamp in value.values())


def same_files(stamps: dict[str, list[int] | None], folder: str = "") -> bool:
    """True while every file a kept rewrite read (by path, under `folder`) is the very file
    it read: an edited, replaced, added or removed file makes the rewrite stale."""
    return all(file_stamp(os.path.join(folder, path)) == stamp for path, stamp in stamps.items())


class RewritesOfEachBuild:
    """One plugin's PageRewrites for the build under way: opened on first use, saved and
    forgotten once every page is made (the dev server builds in one process after another).
    """

    def __init__(self, plugin: str, code: Iterable[Path]) -> None:
        self.plugin = plugin
        self.code = tuple(code)
        self.current: PageRewrites | None = None

    def of_build(self, settings: dict) -> PageRewrites:
        """Return this build's rewrites, stamped for its settings and the plugin's code."""
        if self.current is None:
            self.current = page_rewrites_for(settings, self.plugin, self.code)
        return self.current

    def forget(self, *_signal_arguments) -> None:
        """Drop what an earlier build opened (its cache folder may differ)."""
        self.current = None

    def save(self, *_signal_arguments) -> None:
        """Keep this build's rewrites for the next, once every page is made."""
        if self.current is not None:
            self.current.save()
        self.current = None
