"""What each content image is: its pixel size, or why Pillow cannot decode it.

Fully decoding an image takes milliseconds, and a big course has thousands; the
verdicts are kept in the cache folder between builds, keyed by path and checked
against the file's size and modification time, so only new or changed images
are decoded. One index per cache folder per process (the dev server rebuilds in
one process; every lookup is checked against the file, so it stays correct).
"""

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

INDEX_FILE = "image-index.json"


@dataclass(frozen=True)
class ImageFacts:
    """An image's pixel size, or the reason it cannot be decoded (then the size is 0 x 0)."""

    width: int
    height: int
    problem: str | None = None
    digest: str = ""  # of the file's bytes: names the cached products made from it


def decode(path: Path) -> ImageFacts:
    """Decode the whole image at `path` and return its facts."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        return ImageFacts(0, 0, f"cannot be read ({error.strerror})")
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:  # verify() leaves the image unusable: reopen to decode
            image.load()
            width, height = image.size
    except Image.UnidentifiedImageError:
        return ImageFacts(0, 0, "not an image Pillow can read", digest)
    except Exception as error:  # Pillow raises many types for a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return ImageFacts(0, 0, f"a damaged image ({reason})", digest)
    return ImageFacts(width, height, None, digest)


class ImageIndex:
    """Image facts remembered in a JSON file, re-decoded only when an image changes."""

    def __init__(self, index_file: Path) -> None:
        self.index_file = index_file
        try:
            self.known = json.loads(index_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

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
        if entry and entry[:2] == stamp and len(entry) == 6:
            return ImageFacts(*entry[2:])
        facts = decode(Path(path))
        self.known[key] = [*stamp, facts.width, facts.height, facts.problem, facts.digest]
        self.changed = True
        return facts

    def save(self) -> None:
        """Write the index back if this build learnt anything new."""
        if not self.changed:
            return
        self.index_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.index_file.with_name(self.index_file.name + ".partial")
        partial.write_text(json.dumps(self.known), encoding="utf-8")
        os.replace(partial, self.index_file)
        self.changed = False


_indexes: dict[Path, ImageIndex] = {}


def image_index_for(settings: dict) -> ImageIndex:
    """Return this process's image index for the build's cache folder."""
    index_file = Path(settings.get("CACHE_PATH", "cache")).resolve() / INDEX_FILE
    if index_file not in _indexes:
        _indexes[index_file] = ImageIndex(index_file)
    return _indexes[index_file]
