"""Whether an image file of the site can be shown: it exists, is not empty and decodes."""

import warnings
from pathlib import Path

# Formats a browser shows that Pillow does not decode: checked for being non-empty only.
NOT_DECODED = frozenset({".svg", ".svgz", ".avif", ".heic", ".jxl"})


def image_problem(path: Path) -> str | None:
    """Return why the image at `path` cannot be shown, or None when it decodes."""
    from PIL import Image, UnidentifiedImageError  # here: most checks judge no image at all

    try:
        size = path.stat().st_size
    except OSError:
        return "no such file"
    if size == 0:
        return "empty file (0 bytes)"
    suffix = path.suffix.lower()
    if suffix in NOT_DECODED:
        if suffix == ".svg":
            head = path.read_bytes()[:4096].lower()
            if b"<svg" not in head and b"<?xml" not in head:
                return "not an SVG image"
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        return f"not a readable image ({_short(error)})"
    except Exception as error:  # noqa: BLE001 - a corrupt file may fail anywhere in a decoder
        return f"not a readable image ({type(error).__name__})"
    return None


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    # Pillow quotes the full path; the author only needs the reason.
    return text.split(" '")[0] if "cannot identify image file" in text else text
