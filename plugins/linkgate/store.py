"""What the last check learnt, kept in one SQLite file so a re-check loads only what it needs.

Per page: its stamp, its record (ids and resolved URLs) and its problems; per
image: its verdict; and which pages use which file, so a changed file leads
straight to the pages whose verdicts it can change. Any trouble with the file
just means a full check: a read that fails raises StoreDamaged, and the
checker then starts the store anew.

Only what the site's files decide is kept: problems found over the network
(`--external`) depend on the day and are never stored.
"""

import contextlib
import pickle
import sqlite3
from pathlib import Path

from .pages import PageRecord
from .problems import Problem

FORMAT = "6"
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


class StoreDamaged(Exception):
    """The store could not be read back: a full check must replace it."""


def _load(blob: bytes):
    """Unpickle one stored value; a damaged one raises StoreDamaged."""
    try:
        return pickle.loads(blob)
    except Exception as error:  # noqa: BLE001 - damaged bytes fail in any unpickling step
        raise StoreDamaged(f"a stored value does not load ({type(error).__name__})") from None


class PageStore:
    """The last check's records, verdicts and problems for one site and one set of options."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, folder: Path | None, key: str) -> "PageStore | None":
        """Open (or start) the store in `folder` for `key`; None without a folder or on trouble."""
        if folder is None:
            return None
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(Path(folder) / FILE_NAME)
            connection.executescript(SCHEMA)
            store = cls(connection)
            if store._meta("format") != FORMAT or store._meta("key") != key:
                store._clear()
                store._set_meta("format", FORMAT)
                store._set_meta("key", key)
                connection.commit()
            return store
        except (sqlite3.Error, OSError, StoreDamaged):
            return None

    @staticmethod
    def discard(folder: Path) -> None:
        """Remove a damaged store file, so the next `open` starts an empty one."""
        for name in (FILE_NAME, FILE_NAME + "-journal"):
            with contextlib.suppress(OSError):
                (Path(folder) / name).unlink()

    def close(self) -> None:
        """Close the file."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    @property
    def signature(self) -> str | None:
        """The digest of the site's file names at the last check."""
        return self._meta("signature")

    def page_stamps(self) -> dict[str, tuple[int, int]]:
        """Return {page: (size, mtime)} as last checked."""
        rows = self._all("SELECT page, size, mtime FROM pages")
        return {page: (size, mtime) for page, size, mtime in rows}

    def records(self, pages: list[str] | None = None) -> dict[str, PageRecord]:
        """Return the stored records of `pages` (all pages when None)."""
        if pages is None:
            rows = self._all("SELECT page, record FROM pages")
        else:
            rows = self._in("SELECT page, record FROM pages WHERE page IN ({})", pages)
        records = {page: _load(blob) for page, blob in rows}
        if not all(isinstance(record, PageRecord) for record in records.values()):
            raise StoreDamaged("a stored record is not a page record")
        return records

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

    def ids(self, pages: list[str]) -> dict[str, frozenset[str]]:
        """Return the ids of `pages` (cheaper than their whole records)."""
        rows = self._in("SELECT page, ids FROM pages WHERE page IN ({})", pages)
        return {page: _load(blob) for page, blob in rows}

    def image_verdicts(self) -> dict[str, tuple[tuple[int, int], str | None]]:
        """Return {image path: ((size, mtime), problem or None)}."""
        rows = self._all("SELECT path, size, mtime, problem FROM images")
        return {path: ((size, mtime), problem) for path, size, mtime, problem in rows}

    def problems(self, except_pages: set[str] = frozenset()) -> list[Problem]:
        """Return the stored problems of every page not in `except_pages`."""
        rows = self._all("SELECT page, problems FROM pages WHERE problems IS NOT NULL")
        found = []
        for page, blob in rows:
            if page not in except_pages:
                found.extend(_load(blob))
        if not all(isinstance(problem, Problem) for problem in found):
            raise StoreDamaged("a stored problem is not a problem")
        return found

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
            rows += self._all(statement.format(",".join("?" * len(chunk))), chunk)
        return rows

    def _all(self, statement: str, parameters: tuple | list = ()) -> list[tuple]:
        """Return every row of `statement`; a file that cannot answer raises StoreDamaged."""
        try:
            return self._db.execute(statement, parameters).fetchall()
        except sqlite3.Error as error:
            raise StoreDamaged(str(error)) from None

    def _meta(self, name: str) -> str | None:
        rows = self._all("SELECT value FROM meta WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def _set_meta(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def _clear(self, keep_meta: bool = False) -> None:
        for table in ("pages", "images", "uses") + (() if keep_meta else ("meta",)):
            self._db.execute(f"DELETE FROM {table}")
