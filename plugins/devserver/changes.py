"""Which files of the built site changed from one good build to the next.

An open page reloads only when it, or a file it loads, changed. Pelican writes every
file again on each build, mostly with the same bytes, so a new modification time says
little: a file whose stamp (inode, size, modification time) changed is hashed and
compared with its last digest. Files linked unchanged from the last build (pages by
unchanged_pages, images from content/) keep their stamp and are not read again.
"""

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

# Files a page is made of, hashed even the first time they are seen; anything else
# (images, fonts, the search index) is hashed only once its stamp changes.
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"}


@dataclass(frozen=True)
class FileState:
    """One file of the site: its stamp, and its digest when it was read."""

    stamp: tuple[int, int, int]
    digest: str | None


@dataclass
class SiteSnapshot:
    """Every file of a built site, by its URL path (`/chapter4.html`, `/theme/css/x.css`)."""

    files: dict[str, FileState] = field(default_factory=dict)


def stamp_of(status: os.stat_result) -> tuple[int, int, int]:
    """Return what tells one file's bytes from another's: inode, size, modification time."""
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def file_stamp(path: str | os.PathLike) -> tuple[int, int, int] | None:
    """Return the stamp of the file at `path`, or None if there is none."""
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def take_snapshot(output: Path, last: SiteSnapshot | None = None) -> SiteSnapshot:
    """Return the state of every file in `output`, reading only those `last` cannot vouch for."""
    known = last.files if last is not None else {}
    snapshot = SiteSnapshot()
    for path, status in walk_files(output):
        url_path = "/" + os.path.relpath(path, output).replace(os.sep, "/")
        stamp = stamp_of(status)
        before = known.get(url_path)
        if before is not None and before.stamp == stamp:
            snapshot.files[url_path] = before
            continue
        read_now = before is not None or Path(path).suffix.lower() in TEXT_SUFFIXES
        snapshot.files[url_path] = FileState(stamp, file_digest(path) if read_now else None)
    return snapshot


def note_file(snapshot: SiteSnapshot, output: Path, url_path: str) -> None:
    """Note in `snapshot` the file at `url_path` as it is now (replaced between builds)."""
    path = os.path.join(output, url_path.lstrip("/"))
    stamp = file_stamp(path)
    if stamp is None:
        snapshot.files.pop(url_path, None)
        return
    snapshot.files[url_path] = FileState(stamp, file_digest(path))


def changed_paths(before: SiteSnapshot, after: SiteSnapshot) -> set[str]:
    """Return the URL paths added, removed or changed between two snapshots."""
    changed = set(before.files) ^ set(after.files)
    for url_path, state in after.files.items():
        old = before.files.get(url_path)
        if old is None or old.stamp == state.stamp:
            continue
        if old.digest is None or state.digest is None or old.digest != state.digest:
            changed.add(url_path)
    return changed


def walk_files(folder: Path):
    """Yield (path, stat) of every regular file under `folder`, following no folder link."""
    pending = [str(folder)]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # a folder replaced while it is read: the next build's snapshot sees it
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.is_file():
                    yield entry.path, entry.stat()
            except OSError:
                continue


def file_digest(path: str) -> str | None:
    """Return the SHA-256 of a file's bytes, or None when it cannot be read."""
    try:
        with open(path, "rb") as opened:
            return hashlib.file_digest(opened, "sha256").hexdigest()
    except OSError:
        return None
