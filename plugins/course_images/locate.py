"""Find the content file an image URL in a chapter body points at."""

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from courselib.cached_products.image_index import ImageIndex
from courselib.cached_products.page_rewrites import file_stamp

# Raster formats, sized in the page; all but GIF (often animated) and any animated image
# (a PNG or WebP of several frames: a WebP made of its first frame would stop it) get WebP
# variants. SVG is left as written.
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
VARIANT_SUFFIXES = RASTER_SUFFIXES - {".gif"}
PELICAN_PLACEHOLDER = re.compile(r"^[{|](?P<what>static|attach|filename)[}|]")


@dataclass(frozen=True)
class ContentImage:
    """A raster image in content/: its file, its path in the site and its pixel size."""

    path: Path
    site_path: str
    width: int
    height: int
    digest: str = ""  # of the file's bytes
    frames: int = 1

    @property
    def has_variants(self) -> bool:
        """True for an image the build makes smaller WebP copies of (not a GIF, nor animated)."""
        return Path(self.site_path).suffix.lower() in VARIANT_SUFFIXES and self.frames == 1


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


def source_folder(
    content_root: Path, source_path: Path, real_folders: dict[str, str] | None = None
) -> str | None:
    """Return the folder of a chapter's file (links resolved) from content/ (resolved), or
    None when it is on another drive.

    `real_folders`, kept by the caller for a build, remembers each folder's real path:
    a file that is not a link is in its folder's real path, found once for all its files.
    """
    if real_folders is None or os.path.islink(source_path):
        real_folder = str(source_path.resolve().parent)
    else:
        folder = os.path.dirname(source_path)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        real_folder = real_folders[folder]
    try:
        return os.path.relpath(real_folder, content_root).replace(os.sep, "/")
    except ValueError:
        return None


class PageImages:
    """Finds the content images one page's `src` URLs point at: made once per page.

    What every image of a page shares (the page's folder in content/, the real path
    of each image folder) is resolved once, not once per image.
    """

    def __init__(
        self,
        content_root: Path,
        source_path: Path,
        page_save_as: str,
        images: ImageIndex,
        real_folders: dict[str, str] | None = None,
    ) -> None:
        self.content_root = content_root  # resolved
        self.page_save_as = page_save_as
        self.images = images
        self.source_dir = source_folder(content_root, source_path, real_folders)
        self.real_folders: dict[Path, str] = {}
        # Each image file this page's URLs led to, and its stamp (None: no such file) as
        # it was looked at: what the page's rewrite depends on besides its HTML.
        self.consulted: dict[str, list[int] | None] = {}

    def locate(self, src: str) -> ContentImage | None:
        """Return the content image `src` points at, if it is a readable raster image."""
        if self.source_dir is None:
            return None
        site_path = site_path_of(src, self.source_dir, self.page_save_as)
        if site_path is None or Path(site_path).suffix.lower() not in RASTER_SUFFIXES:
            return None
        path = self.content_root / site_path
        if path.parent not in self.real_folders:
            self.real_folders[path.parent] = os.path.realpath(path.parent)
        self.consulted[str(path)] = file_stamp(path)
        facts = self.images.facts(path, self.real_folders[path.parent])
        if facts is None or facts.problem:
            return None  # missing or damaged: reported by author_errors and the link gate
        return ContentImage(path, site_path, facts.width, facts.height, facts.digest, facts.frames)
