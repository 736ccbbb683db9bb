"""Paths as an author knows them, and the links that would leave the course's folder."""

import os
import posixpath
import re
from urllib.parse import unquote

PLACEHOLDER = re.compile(r"^(?:\{(?:static|filename|attach)\}|\|(?:static|filename|attach)\|)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
QUERY_OR_FRAGMENT = re.compile(r"[?#]")
# The longest file or folder name most file systems hold, in bytes (NAME_MAX).
NAME_BYTES = 255


def shown_path(path: str, content_root: str) -> str:
    """Return a path as an author sees it from the project folder, e.g. `content/chapter4.md`."""
    project = os.path.dirname(os.path.abspath(content_root))
    return os.path.relpath(os.path.abspath(path), project).replace(os.sep, "/")


def fits_file_system(save_as: str) -> bool:
    """True when each name in `save_as` is one a file system holds."""
    return all(
        len(name.encode("utf-8", "surrogateescape")) <= NAME_BYTES for name in save_as.split("/")
    )


def leaves_content(url: str, folder_parts: tuple[str, ...]) -> bool:
    """True when `url`, written in a file in content/<folder_parts>, resolves outside content/."""
    url = unquote(url.strip())
    if url.lower().startswith("file:"):
        return True
    placeholder = PLACEHOLDER.match(url)
    path = url[placeholder.end() :] if placeholder else url
    if not path or path.startswith(("#", "//")) or (not placeholder and SCHEME.match(path)):
        return False
    path = QUERY_OR_FRAGMENT.split(path, maxsplit=1)[0].replace("\\", "/")
    return path_parts(path, folder_parts) is None


def path_parts(path: str, folder_parts: tuple[str, ...] | list[str]) -> list[str] | None:
    """Return the parts of `path` read from the folder `folder_parts` (`/x` from the root),
    with `.` and `..` applied; None when it climbs above the root."""
    parts = [] if path.startswith("/") else list(folder_parts)
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(segment)
    return parts


def is_root_absolute(url: str) -> bool:
    """True for `/path` URLs; false for `//host/path`, `http:`, relative and fragment URLs."""
    return url.startswith("/") and not url.startswith("//")


def root_of_links(settings: dict) -> str | None:
    """Return what `rewrite_url` makes root-absolute links from: None for a build of relative
    links (RELATIVE_URLS), else SITEURL."""
    return None if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")


def rewrite_url(url: str, page_path: str, site_url: str | None) -> str:
    """Return `url` made to work from the page saved at `page_path`.

    With `site_url` None (relative builds) the result is relative to the page's
    folder; otherwise it is `site_url` + the path, so it also works in feeds.
    """
    if not is_root_absolute(url):
        return url
    if site_url is not None:
        return site_url.rstrip("/") + url
    # A backslash in a folder's name (self-llm's `qwen3.5\3.6/`) is no separator but on Windows.
    page_folder = "/" + posixpath.dirname(page_path.replace(os.sep, "/"))
    path, separator, rest = _split_path(url)
    relative = posixpath.relpath(path, page_folder)
    if path.endswith("/"):
        # relpath drops the slash that makes `/guide/` a folder URL; "." is the root itself.
        relative = "./" if relative == "." else relative + "/"
    return relative + separator + rest


def _split_path(url: str) -> tuple[str, str, str]:
    """Split a URL into its path and the `?query#fragment` that follows it."""
    match = QUERY_OR_FRAGMENT.search(url)
    if not match:
        return url, "", ""
    return url[: match.start()], url[match.start()], url[match.start() + 1 :]
