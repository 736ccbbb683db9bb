"""Resolve a URL found in a page to the file of the site it means, or say why it is broken.

Pure functions over strings: no file is read here, so every rule can be tested
with a table of URLs in and verdicts out.
"""

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

# URL schemes that never name a file of the site.
NOT_FILES = frozenset({"mailto", "tel", "javascript", "data", "sms", "about", "blob"})
EXTERNAL_SCHEMES = frozenset({"http", "https"})
# Pelican's intra-site placeholders; left in the output they mean an unresolved link.
PLACEHOLDER = re.compile(
    r"^(?:\{|%7B)(filename|static|attach|index|tag|category|author)(?:\}|%7D)", re.I
)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


@dataclass(frozen=True)
class SiteAddress:
    """Where the site will be served: origin (`https://x.github.io`) and path (`/course/`)."""

    origin: str = ""
    path: str = "/"

    @classmethod
    def from_site_url(cls, site_url: str | None) -> "SiteAddress":
        """Return the address of a site published at `site_url` (empty: served at `/`)."""
        if not site_url:
            return cls()
        parts = urlsplit(site_url.strip())
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        origin = f"{parts.scheme}://{parts.netloc}".lower() if parts.netloc else ""
        return cls(origin=origin, path=path or "/")


class Resolution(NamedTuple):
    """The verdict on one URL: a site file (`path`, `fragment`), or an outcome word.

    `outcome` is "local" (check `path`), "external" (an http(s) URL off the
    site), "skip" (mailto:, data:, ...), or "broken" with `reason`. A named
    tuple, not a dataclass: one is made for every distinct URL of the site.
    """

    outcome: str
    path: str = ""
    fragment: str = ""
    reason: str = ""
    is_directory: bool = False


SKIP = Resolution("skip")
EXTERNAL = Resolution("external")


def page_folder(page: str) -> str:
    """Return the folder of a site-relative page path, as `a/b/` or `` for the root."""
    folder = posixpath.dirname(page)
    return folder + "/" if folder else ""


def resolve_url(
    url: str, page: str, site: SiteAddress = SiteAddress(), base: str = ""
) -> Resolution:
    """Resolve `url` found in the site-relative `page` (an optional `<base href>` applies)."""
    resolution = resolve_in_folder(url.strip(), page_folder(page), site, base.strip())
    if resolution.outcome == "local" and not resolution.path:
        return Resolution("local", path=page, fragment=resolution.fragment)
    return resolution


@lru_cache(maxsize=200_000)
def resolve_in_folder(url: str, folder: str, site: SiteAddress, base: str) -> Resolution:
    """Resolve a stripped `url` from a page in `folder` (`a/b/`); path "" means the page itself.

    Cached: each distinct URL is resolved once per folder, however many pages use it.
    """
    return _resolve(url, folder, site, base)


def _resolve(url: str, folder: str, site: SiteAddress, base: str) -> Resolution:
    if PLACEHOLDER.match(url):
        return Resolution(
            "broken", reason="Pelican placeholder left in the page (no such content?)"
        )
    based = resolve_in_folder(base, folder, site, "") if base else None
    if based is not None:
        if based.outcome == "local":
            folder = page_folder(based.path)
        elif based.outcome == "external" and not SCHEME.match(url) and not url.startswith("//"):
            return EXTERNAL
    scheme = SCHEME.match(url)
    if scheme:
        name = scheme.group(1).lower()
        if name in NOT_FILES:
            return SKIP
        if name not in EXTERNAL_SCHEMES:
            return SKIP
        return _absolute(url, folder, site)
    if url.startswith("//"):
        return _absolute("https:" + url, folder, site)
    without_fragment, _, fragment = url.partition("#")
    path = without_fragment.split("?", 1)[0]
    if path.startswith("/"):
        if not path.startswith(site.path) and path + "/" != site.path:
            return Resolution(
                "broken", reason=f"outside the site root (the site is served at {site.path})"
            )
        path = path[len(site.path) :] if path.startswith(site.path) else ""
        return _local(path, "", fragment)
    if not path:
        # `#fragment`, `?query` and `` all mean the page itself (or the base document).
        fragment = unquote(fragment) if "%" in fragment else fragment
        if based is not None and based.outcome == "local":
            return Resolution("local", path=based.path, fragment=fragment)
        return Resolution("local", path="", fragment=fragment)
    return _local(path, folder, fragment)


def _absolute(url: str, folder: str, site: SiteAddress) -> Resolution:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    if not site.origin or origin.replace("http://", "https://") != site.origin.replace(
        "http://", "https://"
    ):
        return EXTERNAL
    path = parts.path or "/"
    if not path.startswith(site.path) and path + "/" != site.path:
        return EXTERNAL
    return _local(path[len(site.path) :], "", parts.fragment)


def _local(path: str, folder: str, fragment: str) -> Resolution:
    decoded = unquote(path, errors="replace") if "%" in path else path
    is_directory = decoded == "" or decoded.endswith("/")
    if fragment and "%" in fragment:
        fragment = unquote(fragment)
    joined = _join(folder, decoded)
    if joined is None:
        return Resolution("broken", reason="outside the site root")
    if is_directory:
        joined = joined + "/index.html" if joined else "index.html"
    return Resolution("local", joined, fragment, "", is_directory)


def _join(folder: str, path: str) -> str | None:
    """Return `folder` + `path` with `.` and `..` applied, or None when it climbs out."""
    # The common cases, `x/y.html` and `../x/y.html`, need no segment-by-segment walk.
    ups = 0
    while path.startswith("../", ups * 3):
        ups += 1
    rest = path[ups * 3 :]
    if "/." not in "/" + rest and "//" not in rest and not rest.startswith("/"):
        if not ups:
            return (folder + rest).rstrip("/")
        folders = folder.rstrip("/").split("/") if folder else []
        if ups > len(folders):
            return None
        kept = "/".join(folders[: len(folders) - ups])
        return (kept + "/" + rest if kept else rest).rstrip("/")
    parts: list[str] = []
    for segment in (folder + path).split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not parts:
                return None
            parts.pop()
            continue
        parts.append(segment)
    return "/".join(parts)
