"""Find the content file an image URL in a chapter body points at."""

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cached_products.image_index import ImageIndex

# Formats worth making WebP variants of; SVG and GIF (often animated) are left as written.
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp"}
PELICAN_PLACEHOLDER = re.compile(r"^[{|](?P<what>static|attach|filename)[}|]")


@dataclass(frozen=True)
class ContentImage:
    """A raster image in content/: its file, its path in the site and its pixel size."""

    path: Path
    site_path: str
    width: int
    height: int
    digest: str = ""  # of the file's bytes


def site_path_of(src: str, source_dir_in_content: str, page_save_as: str) -> str | None:
    """Return the site-relative path an image URL means, or None if it is not a local file.

    `/x` is from the site root, `{static}x` from the chapter's own folder in
    content/, and a plain relative `x` from the folder the page is saved in.
    """
    placeholder = PELICAN_PLACEHOLDER.match(src)
    url = src[placeholder.end() :] if placeholder else src
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    elif placeholder:
        joined = posixpath.join(source_dir_in_content, path)
    else:
        joined = posixpath.join(posixpath.dirname(page_save_as), path)
    normalised = posixpath.normpath(joined)
    if normalised == ".." or normalised.startswith("../"):
        return None  # climbs out of the site
    return normalised


def locate_content_image(
    src: str, content_root: Path, source_path: Path, page_save_as: str, images: ImageIndex
) -> ContentImage | None:
    """Return the content image `src` points at, if it is a readable raster image in content/."""
    try:
        source_dir = os.path.relpath(source_path.resolve().parent, content_root)
    except ValueError:
        return None
    site_path = site_path_of(src, source_dir.replace(os.sep, "/"), page_save_as)
    if site_path is None or Path(site_path).suffix.lower() not in RASTER_SUFFIXES:
        return None
    path = content_root / site_path
    facts = images.facts(path)
    if facts is None or facts.problem:
        return None  # missing or damaged: reported by author_errors and the link gate
    return ContentImage(path, site_path, facts.width, facts.height, facts.digest)
