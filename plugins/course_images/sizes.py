"""Pixel sizes of content images, remembered between builds so unchanged images are not reopened."""

import json
import os
from pathlib import Path

from PIL import Image


class ImageSizes:
    """A size index kept in the cache folder, keyed by path and checked by mtime and byte size."""

    def __init__(self, index_file: Path) -> None:
        self.index_file = index_file
        try:
            self.known = json.loads(index_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.changed = False

    def size_of(self, path: Path) -> tuple[int, int] | None:
        """Return (width, height) of the image at `path`, or None if Pillow cannot read it."""
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = [stat.st_mtime_ns, stat.st_size]
        key = str(path)
        entry = self.known.get(key)
        if entry and entry[:2] == stamp:
            return entry[2], entry[3]
        try:
            with Image.open(path) as image:
                width, height = image.size
        except OSError:
            return None  # corrupt or not an image: the link gate reports it
        self.known[key] = [*stamp, width, height]
        self.changed = True
        return width, height

    def save(self) -> None:
        """Write the index back if this build learnt anything new."""
        if not self.changed:
            return
        self.index_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.index_file.with_name(self.index_file.name + ".partial")
        partial.write_text(json.dumps(self.known), encoding="utf-8")
        os.replace(partial, self.index_file)
        self.changed = False
