"""What each content image is: its size as shown, its frames, or why Pillow cannot decode it.

Fully decoding an image takes milliseconds, and a big course has thousands; the
verdicts are kept in the cache folder between builds, keyed by path and checked
against the file's size and modification time, so only new or changed images
are decoded. The index file names the code and the Pillow that decoded its images
(`index_format`): another one starts from an empty index. One index per cache folder per
process (the dev server rebuilds in one process; every lookup is checked against the
file, so it stays correct).
"""

import contextlib
import hashlib
import json
import os
import re
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from courselib.fingerprint import product_key

from .cache_files import load_json, report_damaged, write_atomically

INDEX_FILE = "image-index.json"
# Formats a browser shows that Pillow does not decode: checked for being non-empty only.
NOT_DECODED = frozenset({".svg", ".svgz", ".avif", ".heic", ".jxl"})
EMPTY = "the image is empty (0 bytes)"
# What Pillow refuses to decode as a possible decompression bomb: twice MAX_IMAGE_PIXELS.
TOO_BIG = "too big to decode"
BOMB_SIZE = re.compile(r"Image size \((\d+) pixels\) exceeds limit of (\d+) pixels")
# EXIF orientations that turn the image a quarter (or mirror it across a diagonal): a
# browser shows it with width and height swapped (CSS image-orientation: from-image).
ORIENTATION_TAG = 0x0112
QUARTER_TURNS = frozenset({5, 6, 7, 8})
# Formats whose frames are an animation; a JPEG of two (MPO: a camera's large preview, a
# gain map) is shown as its first, a still photo.
ANIMATED_FORMATS = frozenset({"GIF", "PNG", "WEBP"})


@dataclass(frozen=True)
class ImageFacts:
    """An image's size as a browser shows it, or the reason it cannot be decoded (then the
    size is 0 x 0)."""

    width: int
    height: int
    problem: str | None = None
    digest: str = ""  # of the file's bytes: names the cached products made from it
    frames: int = 1  # more than one: an animation (an animated GIF, PNG or WebP)


def too_big(error: Exception) -> str:
    """Return the problem of an image Pillow refused as a possible decompression bomb."""
    found = BOMB_SIZE.search(str(error))
    if found is None:
        return f"{TOO_BIG} (more pixels than Pillow decodes)"
    pixels, limit = (int(number) for number in found.groups())
    if round(pixels / 1e6) == round(limit / 1e6):  # never "179 megapixels; 179 at most"
        return f"{TOO_BIG} ({pixels:,} pixels; a build decodes {limit:,} at most)"
    return f"{TOO_BIG} ({pixels / 1e6:.0f} megapixels; a build decodes {limit / 1e6:.0f} at most)"


def exif_orientation(image) -> int:
    """Return the orientation the image's EXIF gives (1 to 8), or 1 (as stored).

    EXIF that does not read (garbage in a PNG's eXIf chunk) says nothing: the pixels are
    still an image. The image index sizes an image by it, and its WebP copies are turned
    by it (course_images), so the two always agree.
    """
    try:
        orientation = image.getexif().get(ORIENTATION_TAG)
    except Exception:  # noqa: BLE001 - Pillow raises several types for EXIF it cannot read
        return 1
    return orientation if orientation in range(1, 9) else 1


def decoded_facts(path: Path) -> tuple[int, int, str | None, int]:
    """Decode the whole image at `path`; return its width and height as a browser shows it
    (its EXIF orientation applied), None and its number of frames; or 0, 0, why not and 0.

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
                frames = getattr(image, "n_frames", 1) if image.format in ANIMATED_FORMATS else 1
                if exif_orientation(image) in QUARTER_TURNS:
                    width, height = height, width
    except Image.UnidentifiedImageError:
        return 0, 0, "not an image Pillow can read", 0
    except Image.DecompressionBombError as error:
        return 0, 0, too_big(error), 0
    except Exception as error:  # noqa: BLE001 - Pillow raises many types for a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return 0, 0, f"a damaged image ({reason})", 0
    return width, height, None, frames


def decode(path: Path) -> ImageFacts:
    """Decode the whole image at `path` and return its facts."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return ImageFacts(0, 0, f"cannot be read ({error.strerror})", frames=0)
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        return ImageFacts(0, 0, EMPTY, digest, 0)
    width, height, problem, frames = decoded_facts(path)
    return ImageFacts(width, height, problem, digest, frames)


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
    return problem if judged else decoded_facts(path)[2]


def is_facts_entry(entry: object) -> bool:
    """True for an index entry as `ImageIndex` writes it: stamp, size, problem, digest, frames."""
    return (
        isinstance(entry, list)
        and len(entry) == 7
        and all(type(number) is int for number in entry[:4])
        and (entry[4] is None or isinstance(entry[4], str))
        and isinstance(entry[5], str)
        and type(entry[6]) is int
    )


@cache
def index_format() -> str:
    """Return what names the way this index's facts were found: this code and Pillow's version."""
    return product_key(code=[Path(__file__)], packages=["pillow"])


def is_index_file(saved: object) -> bool:
    """True for an index as `ImageIndex.save` writes it (its entries are checked one by one)."""
    return (
        isinstance(saved, dict)
        and isinstance(saved.get("format"), str)
        and isinstance(saved.get("images"), dict)
    )


class ImageIndex:
    """Image facts remembered in a JSON file, re-decoded only when an image changes.

    A damaged file, or entry, is dropped with a warning: its images are decoded again.
    """

    def __init__(self, index_file: Path) -> None:
        self.index_file = index_file
        saved = load_json(index_file, lambda value: isinstance(value, dict), "a JSON object")
        # An index written by other code or another Pillow (or before indexes named theirs)
        # is no damage: it is not used, and this build writes its own.
        same = is_index_file(saved) and saved["format"] == index_format()
        self.known: dict = saved["images"] if same else {}
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
        self.known[key] = [*stamp, *self._entry(facts)]
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
        self.known[key] = [status.st_mtime_ns, status.st_size, *self._entry(facts)]
        self.changed = True
        self._by_file = None

    @staticmethod
    def _entry(facts: ImageFacts) -> list:
        """Return an image's facts as an entry keeps them, after its stamp."""
        return [facts.width, facts.height, facts.problem, facts.digest, facts.frames]

    def save(self) -> None:
        """Write the index back if this build learnt anything new."""
        if not self.changed:
            return
        saved = {"format": index_format(), "images": self.known}
        write_atomically(self.index_file, json.dumps(saved).encode("utf-8"))
        self.changed = False


_indexes: dict[Path, ImageIndex] = {}


def image_index_for(settings: dict) -> ImageIndex:
    """Return this process's image index for the build's cache folder."""
    index_file = Path(settings.get("CACHE_PATH", "cache")).resolve() / INDEX_FILE
    if index_file not in _indexes:
        _indexes[index_file] = ImageIndex(index_file)
    return _indexes[index_file]
