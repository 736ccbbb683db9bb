"""What each content image is: its pixel size, or why Pillow cannot decode it.

Fully decoding an image takes milliseconds, and a big course has thousands; the
verdicts are kept in the cache folder between builds, keyed by path and checked
against the file's size and modification time, so only new or changed images
are decoded. One index per cache folder per process (the dev server rebuilds in
one process; every lookup is checked against the file, so it stays correct).
"""

import contextlib
import hashlib
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from .cache_files import load_json, report_damaged, write_atomically

INDEX_FILE = "image-index.json"
# Formats a browser shows that Pillow does not decode: checked for being non-empty only.
NOT_DECODED = frozenset({".svg", ".svgz", ".avif", ".heic", ".jxl"})
EMPTY = "the image is empty (0 bytes)"


@dataclass(frozen=True)
class ImageFacts:
    """An image's pixel size, or the reason it cannot be decoded (then the size is 0 x 0)."""

    width: int
    height: int
    problem: str | None = None
    digest: str = ""  # of the file's bytes: names the cached products made from it


def decoded_size(path: Path) -> tuple[int, int, str | None]:
    """Decode the whole image at `path`; return its width, height and None, or 0, 0 and why not.

    The one decoder of the project: the content checks, the image index and the link
    gate all judge an image by it, so they never disagree (`verify()` alone passes a
    JPEG cut short; decoding every pixel does not).
    """
    from PIL import Image  # here: the link gate's command judges most sites' pages only

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a big image is still an image
            with Image.open(path) as image:
                image.verify()
            with Image.open(path) as image:  # verify() leaves the image unusable: reopen it
                image.load()
                width, height = image.size
    except Image.UnidentifiedImageError:
        return 0, 0, "not an image Pillow can read"
    except Exception as error:  # noqa: BLE001 - Pillow raises many types for a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return 0, 0, f"a damaged image ({reason})"
    return width, height, None


def decode(path: Path) -> ImageFacts:
    """Decode the whole image at `path` and return its facts."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return ImageFacts(0, 0, f"cannot be read ({error.strerror})")
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        return ImageFacts(0, 0, EMPTY, digest)
    width, height, problem = decoded_size(path)
    return ImageFacts(width, height, problem, digest)


def judged_in_this_process(path: Path) -> tuple[bool, str | None]:
    """Return (True, its problem or None) if an image index of this process has judged the
    very file at `path` (see ImageIndex.judged), else (False, None)."""
    for index in _indexes.values():
        judged, problem = index.judged(path)
        if judged:
            return True, problem
    return False, None


def image_problem(path: Path) -> str | None:
    """Return why the image at `path` cannot be shown, or None when it decodes whole.

    An image this process has already judged (a content image or a cached product,
    linked into the site) is not decoded again.
    """
    try:
        size = path.stat().st_size
    except OSError:
        return "no such file"
    if size == 0:
        return EMPTY
    suffix = path.suffix.lower()
    if suffix in NOT_DECODED:
        if suffix == ".svg":
            head = path.read_bytes()[:4096].lower()
            if b"<svg" not in head and b"<?xml" not in head:
                return "not an SVG image"
        return None
    judged, problem = judged_in_this_process(path)
    return problem if judged else decoded_size(path)[2]


def is_facts_entry(entry: object) -> bool:
    """True for an index entry as `ImageIndex` writes it: stamp, size, problem, digest."""
    return (
        isinstance(entry, list)
        and len(entry) == 6
        and all(type(number) is int for number in entry[:4])
        and (entry[4] is None or isinstance(entry[4], str))
        and isinstance(entry[5], str)
    )


class ImageIndex:
    """Image facts remembered in a JSON file, re-decoded only when an image changes.

    A damaged file, or entry, is dropped with a warning: its images are decoded again.
    """

    def __init__(self, index_file: Path) -> None:
        self.index_file = index_file
        known = load_json(index_file, lambda value: isinstance(value, dict), "a JSON object")
        self.known: dict = known if isinstance(known, dict) else {}
        self.changed = False
        self._by_file: dict | None = None  # see `judged`; None when to be made again

    def facts(self, path: Path, real_folder: str | None = None) -> ImageFacts | None:
        """Return the facts of the image at `path`, or None if there is no such file.

        `real_folder`, the real path (links resolved) of the folder holding `path`, spares
        resolving every image's path when the caller knows it: with thousands of images,
        `realpath` is most of the cost of an unchanged image.
        """
        try:
            status = os.stat(path)
        except OSError:
            return None
        stamp = [status.st_mtime_ns, status.st_size]
        if real_folder is None or os.path.islink(path):
            key = os.path.realpath(path)
        else:
            key = os.path.join(real_folder, os.path.basename(path))
        entry = self.known.get(key)
        if entry is not None and not is_facts_entry(entry):
            self._drop_damaged_entries()
        elif entry is not None and entry[:2] == stamp:
            return ImageFacts(*entry[2:])
        facts = decode(Path(path))
        self.known[key] = [*stamp, facts.width, facts.height, facts.problem, facts.digest]
        self.changed = True
        self._by_file = None
        return facts

    def judged(self, path: str | os.PathLike) -> tuple[bool, str | None]:
        """Return (True, its problem or None) if this index has judged the very file at `path`.

        The very file: the same inode, unchanged since, such as the hard link of a content
        image or a cached product in the site. The link gate then need not decode it again
        (a cold build of a big course has thousands). Else (False, None).
        """
        try:
            status = os.stat(path)
        except OSError:
            return False, None
        if self._by_file is None:
            self._by_file = {}
            for key, entry in self.known.items():
                with contextlib.suppress(OSError):
                    known = os.stat(key)
                    self._by_file[(known.st_dev, known.st_ino)] = entry
        entry = self._by_file.get((status.st_dev, status.st_ino))
        if is_facts_entry(entry) and entry[:2] == [status.st_mtime_ns, status.st_size]:
            return True, entry[4]
        return False, None

    def _drop_damaged_entries(self) -> None:
        """Forget every entry not as this index writes them, saying so once."""
        damaged = [key for key, entry in self.known.items() if not is_facts_entry(entry)]
        for key in damaged:
            del self.known[key]
        self._by_file = None
        report_damaged(self.index_file, f"the facts of {len(damaged)} image(s) are not as written")
        self.changed = True

    def remember(self, path: Path, facts: ImageFacts) -> None:
        """Record the facts of an image this build has just written, without decoding it."""
        status = os.stat(path)
        key = os.path.join(os.path.realpath(path.parent), path.name)
        entry = [status.st_mtime_ns, status.st_size, facts.width, facts.height, facts.problem]
        self.known[key] = [*entry, facts.digest]
        self.changed = True
        self._by_file = None

    def save(self) -> None:
        """Write the index back if this build learnt anything new."""
        if not self.changed:
            return
        write_atomically(self.index_file, json.dumps(self.known).encode("utf-8"))
        self.changed = False


_indexes: dict[Path, ImageIndex] = {}


def image_index_for(settings: dict) -> ImageIndex:
    """Return this process's image index for the build's cache folder."""
    index_file = Path(settings.get("CACHE_PATH", "cache")).resolve() / INDEX_FILE
    if index_file not in _indexes:
        _indexes[index_file] = ImageIndex(index_file)
    return _indexes[index_file]
