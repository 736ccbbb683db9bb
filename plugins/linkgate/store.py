"""What the last check learnt, kept in one SQLite file so a re-check loads only what it needs.

Per page: its stamp, its record (ids and resolved URLs) and its problems; per
image: its verdict; and which pages use which file, so a changed file leads
straight to the pages whose verdicts it can change. Any trouble with the file
just means a full check: one that cannot be opened, or read back (its pages
overwritten: "database disk image is malformed"), is dropped with a warning and
started again; one that is busy or cannot be written is left alone.

Only what the site's files decide is kept: problems found over the network
(`--external`) depend on the day and are never stored.
"""

import contextlib
import functools
import pickle
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path

import courselib.cached_products.image_index
import courselib.csp
import courselib.css_urls
import courselib.html_urls
from courselib.cached_products.cache_files import drop_damaged
from courselib.fingerprint import product_key

from .pages import PageRecord
from .problems import Problem

FILE_NAME = "linkgate.sqlite"
IN_CHUNK = 500
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pages (page TEXT PRIMARY KEY, size INT, mtime INT,
                                  digest TEXT, ids BLOB, record BLOB, problems BLOB);
CREATE TABLE IF NOT EXISTS images (path TEXT PRIMARY KEY, size INT, mtime INT, problem TEXT);
CREATE TABLE IF NOT EXISTS uses (path TEXT, page TEXT);
CREATE INDEX IF NOT EXISTS uses_by_path ON uses (path);
CREATE INDEX IF NOT EXISTS uses_by_page ON uses (page);
"""


@cache
def store_format() -> str:
    """Return the digest of the code whose findings the store keeps (and of its layout).

    The gate's own modules, and the image decoder, page policy and URL reading it shares:
    a changed check or message must not meet verdicts stored by the code before it.
    """
    return product_key(
        code=[
            Path(__file__).parent,
            Path(courselib.cached_products.image_index.__file__),
            Path(courselib.csp.__file__),
            Path(courselib.html_urls.__file__),
            Path(courselib.css_urls.__file__),
        ]
    )


class StoreUnreadable(Exception):
    """The store's file did not read back: damaged (then it is started again) or busy."""

    def __init__(self, reason: str, damaged: bool) -> None:
        super().__init__(reason)
        self.damaged = damaged


def is_damage(error: Exception) -> bool:
    """True when `error`, met reading the store, means its file is damaged.

    A busy or read-only file (sqlite3.OperationalError) is not: another build is using
    it, or the cache cannot be written; the check then goes on without it.
    """
    return not isinstance(error, sqlite3.OperationalError | OSError)


def reading(method: Callable) -> Callable:
    """Turn any failure to read back what the store holds into StoreUnreadable.

    A damaged file can fail anywhere: SQLite's own checks, text that is not UTF-8, a
    pickled record cut short.
    """

    @functools.wraps(method)
    def read(self, *arguments, **keywords):
        try:
            return method(self, *arguments, **keywords)
        except Exception as error:  # noqa: BLE001 - see above
            raise StoreUnreadable(describe(error), is_damage(error)) from error

    return read


def describe(error: Exception) -> str:
    """Return the first line of an error's message, or its type when it has none."""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


class PageStore:
    """The last check's records, verdicts and problems for one site and one set of options."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, folder: Path | None, key: str) -> "PageStore | None":
        """Open (or start) the store in `folder` for `key`; None without a folder or on trouble.

        A file that is not a store (or not one SQLite can read) is dropped and started again.
        """
        if folder is None:
            return None
        path = Path(folder) / FILE_NAME
        try:
            return cls._open(path, key)
        except (sqlite3.Error, OSError) as error:
            if not is_damage(error) or not path.exists():
                return None
            drop_damaged(path, describe(error))
        try:
            return cls._open(path, key)
        except (sqlite3.Error, OSError):
            return None

    @classmethod
    def _open(cls, path: Path, key: str) -> "PageStore":
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path)
        try:
            connection.executescript(SCHEMA)
            store = cls(connection, path)
            if store._meta("format") != store_format() or store._meta("key") != key:
                store._clear()
                store._set_meta("format", store_format())
                store._set_meta("key", key)
                connection.commit()
        except BaseException:
            connection.close()
            raise
        return store

    def start_again(self, key: str, problem: StoreUnreadable) -> "PageStore | None":
        """Close this store; return a new, empty one in place of a damaged file (or None).

        A damaged file is dropped with a warning; a busy one is left to its other user.
        """
        self.close()
        if not problem.damaged:
            return None
        drop_damaged(self.path, str(problem))
        try:
            return self._open(self.path, key)
        except (sqlite3.Error, OSError):
            return None

    def close(self) -> None:
        """Close the file."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    @property
    @reading
    def signature(self) -> str | None:
        """The digest of the site's file names at the last check."""
        return self._meta("signature")

    @reading
    def page_stamps(self) -> dict[str, tuple[int, int]]:
        """Return {page: (size, mtime)} as last checked."""
        rows = self._db.execute("SELECT page, size, mtime FROM pages")
        return {page: (size, mtime) for page, size, mtime in rows}

    @reading
    def records(self, pages: list[str] | None = None) -> dict[str, PageRecord]:
        """Return the stored records of `pages` (all pages when None)."""
        if pages is None:
            rows = self._db.execute("SELECT page, record FROM pages")
            return {page: pickle.loads(blob) for page, blob in rows}
        rows = self._in("SELECT page, record FROM pages WHERE page IN ({})", pages)
        return {page: pickle.loads(blob) for page, blob in rows}

    @reading
    def digests(self, pages: list[str]) -> dict[str, str]:
        """Return the digest each of `pages` had when last read."""
        return dict(self._in("SELECT page, digest FROM pages WHERE page IN ({})", pages))

    def restamp(self, stamps: dict[str, tuple[int, int]]) -> None:
        """Record new stamps for pages rewritten with the same bytes."""
        if not stamps:
            return
        try:
            with self._db:
                self._db.executemany(
                    "UPDATE pages SET size = ?, mtime = ? WHERE page = ?",
                    [(size, mtime, page) for page, (size, mtime) in stamps.items()],
                )
        except sqlite3.Error:
            pass

    @reading
    def ids(self, pages: list[str]) -> dict[str, frozenset[str]]:
        """Return the ids of `pages` (cheaper than their whole records)."""
        rows = self._in("SELECT page, ids FROM pages WHERE page IN ({})", pages)
        return {page: pickle.loads(blob) for page, blob in rows}

    @reading
    def image_verdicts(self) -> dict[str, tuple[tuple[int, int], str | None]]:
        """Return {image path: ((size, mtime), problem or None)}."""
        rows = self._db.execute("SELECT path, size, mtime, problem FROM images")
        return {path: ((size, mtime), problem) for path, size, mtime, problem in rows}

    @reading
    def problems(self, except_pages: set[str] = frozenset()) -> list[Problem]:
        """Return the stored problems of every page not in `except_pages`."""
        rows = self._db.execute("SELECT page, problems FROM pages WHERE problems IS NOT NULL")
        found = []
        for page, blob in rows:
            if page not in except_pages:
                found.extend(pickle.loads(blob))
        return found

    @reading
    def pages_using(self, paths: list[str]) -> set[str]:
        """Return the pages that use any of the site files `paths`."""
        return {page for (page,) in self._in("SELECT page FROM uses WHERE path IN ({})", paths)}

    def save(
        self,
        signature: str,
        records: dict[str, PageRecord],
        problems: dict[str, list[Problem]],
        images: dict[str, tuple[tuple[int, int], str | None]],
        replace_all: bool,
    ) -> None:
        """Store `records` and the `problems` of their pages (replacing all, or only those)."""
        try:
            with self._db:
                if replace_all:
                    self._clear(keep_meta=True)
                else:
                    # Only pages read again get their uses anew: a page merely judged again
                    # keeps its own, or the next edit of what it links to would miss it.
                    self._in("DELETE FROM uses WHERE page IN ({})", list(records))
                for page, record in records.items():
                    page_problems = problems.get(page)
                    self._db.execute(
                        "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            page,
                            *record.stamp,
                            record.digest,
                            pickle.dumps(record.ids, protocol=5),
                            pickle.dumps(record, protocol=5),
                            pickle.dumps(page_problems, protocol=5) if page_problems else None,
                        ),
                    )
                    self._db.executemany(
                        "INSERT INTO uses VALUES (?, ?)",
                        [(path, page) for path in {target[0] for target in record.targets}],
                    )
                for page, page_problems in problems.items():
                    if page not in records:
                        self._db.execute(
                            "UPDATE pages SET problems = ? WHERE page = ?",
                            (
                                pickle.dumps(page_problems, protocol=5) if page_problems else None,
                                page,
                            ),
                        )
                self._db.executemany(
                    "INSERT OR REPLACE INTO images VALUES (?, ?, ?, ?)",
                    [(path, *stamp, problem) for path, (stamp, problem) in images.items()],
                )
                self._set_meta("signature", signature)
        except sqlite3.Error:
            pass

    def _in(self, statement: str, keys: list[str]) -> list[tuple]:
        """Run `statement` with its `IN ({})` filled with `keys`, 500 at a time; return all rows.

        SQLite limits the variables of one statement; 500 is under every build's limit.
        """
        rows: list[tuple] = []
        for start in range(0, len(keys), IN_CHUNK):
            chunk = keys[start : start + IN_CHUNK]
            rows += self._db.execute(statement.format(",".join("?" * len(chunk))), chunk)
        return rows

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def _clear(self, keep_meta: bool = False) -> None:
        for table in ("pages", "images", "uses") + (() if keep_meta else ("meta",)):
            self._db.execute(f"DELETE FROM {table}")
