"""Resolve a URL found in a page to the file of the site it means, or say why it is broken.

Pure functions over strings: no file is read here, so every rule can be tested
with a table of URLs in and verdicts out. URLs are read as a browser reads them
(`weburl`): a malformed one is a verdict, never an exception.
"""

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urljoin

from .weburl import clean, parse_web_url

# URL schemes that never name a file of the site.
NOT_FILES = frozenset({"mailto", "tel", "javascript", "data", "sms", "about", "blob"})
EXTERNAL_SCHEMES = frozenset({"http", "https"})
# Pelican's intra-site placeholders; left in the output they mean an unresolved link.
PLACEHOLDER = re.compile(
    r"^(?:\{|%7B)(filename|static|attach|index|tag|category|author)(?:\}|%7D)", re.I
)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# A relative path with nothing to decode, split off or look up: no scheme, query, fragment,
# backslash or placeholder, not root-absolute.
PLAIN_PATH = re.compile(r"[^/\\:?#{%][^\\:?#]*\Z")
WINDOWS_PATH = re.compile(r"^[a-zA-Z]:[\\/]")
OUTSIDE = "outside the site root"
FILE_URL = "a file: URL names a file on one computer, not a page of the site"
WINDOWS_FILE = "a Windows file path, not a URL (link to the file's place in the site)"


class SiteURLError(ValueError):
    """A site URL (SITEURL, --site-url) that cannot be where a site is served."""


@dataclass(frozen=True)
class SiteAddress:
    """Where the site will be served: origin (`https://x.github.io`) and path (`/course/`)."""

    origin: str = ""
    path: str = "/"

    @classmethod
    def from_site_url(cls, site_url: str | None) -> "SiteAddress":
        """Return the address of a site published at `site_url` (empty: served at `/`).

        Raises SiteURLError, phrased to follow the URL, when it is no http(s) URL.
        """
        site_url = clean(site_url or "")
        if not site_url:
            return cls()
        scheme = SCHEME.match(site_url)
        if not scheme or scheme.group(1).lower() not in EXTERNAL_SCHEMES:
            raise SiteURLError("is not an http(s) URL (write it as https://host/path)")
        parts = parse_web_url(site_url)
        if isinstance(parts, str):
            raise SiteURLError(f"is not a valid URL: {parts}")
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(origin=parts.origin, path=path)

    @property
    def scheme(self) -> str:
        """The scheme pages are served with: a protocol-relative `//host/x` gets it."""
        return self.origin.partition(":")[0] or "https"


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


def page_folder(page: str) -> str:
    """Return the folder of a site-relative page path, as `a/b/` or `` for the root."""
    folder = posixpath.dirname(page)
    return folder + "/" if folder else ""


def resolve_url(
    url: str, page: str, site: SiteAddress = SiteAddress(), base: str = ""
) -> Resolution:
    """Resolve `url` found in the site-relative `page` (an optional `<base href>` applies)."""
    resolution = resolve_in_folder(clean(url), page_folder(page), site, clean(base))
    if resolution.outcome == "local" and not resolution.path:
        return Resolution("local", path=page, fragment=resolution.fragment)
    return resolution


@lru_cache(maxsize=200_000)
def resolve_in_folder(url: str, folder: str, site: SiteAddress, base: str) -> Resolution:
    """Resolve a cleaned `url` (`weburl.clean`) from a page in `folder` (`a/b/`).

    Path "" means the page itself. A "skip" names the URL's scheme in `path`; an
    "external" gives the URL a browser would request in `path`. Cached: each
    distinct URL is resolved once per folder, however many pages use it.
    """
    return _resolve(url, folder, site, base)


def _resolve(url: str, folder: str, site: SiteAddress, base: str) -> Resolution:
    if not base and PLAIN_PATH.match(url):
        return resolve_path(url, folder)  # the common case: a plain relative path
    if PLACEHOLDER.match(url):
        return Resolution(
            "broken", reason="Pelican placeholder left in the page (no such content?)"
        )
    scheme = SCHEME.match(url)
    # A base that is no valid URL is ignored, as browsers do.
    based = resolve_in_folder(base, folder, site, "") if base else None
    if based is not None and not scheme:
        if based.outcome == "local":
            folder = page_folder(based.path)
        elif based.outcome == "external":
            return _external_relative(url, based.path)
    if scheme:
        name = scheme.group(1).lower()
        if name in EXTERNAL_SCHEMES:
            return _absolute(url, site)
        if name == "file":
            return Resolution("broken", reason=FILE_URL)
        if WINDOWS_PATH.match(url):
            return Resolution("broken", reason=WINDOWS_FILE)
        return Resolution("skip", path=name)
    if url.startswith(("//", "\\\\", "/\\", "\\/")):
        return _absolute(f"{site.scheme}:{url}", site)
    without_fragment, _, fragment = url.partition("#")
    # http(s) URLs read a backslash as a slash (the URL standard's "special" schemes).
    path = without_fragment.split("?", 1)[0].replace("\\", "/")
    if path.startswith("/"):
        if not path.startswith(site.path) and path + "/" != site.path:
            return Resolution(
                "broken", reason=f"outside the site root (the site is served at {site.path})"
            )
        path = path[len(site.path) :] if path.startswith(site.path) else ""
        return resolve_path(path, "", fragment)
    if not path:
        # `#fragment`, `?query` and `` all mean the page itself (or the base document).
        fragment = unquote(fragment) if "%" in fragment else fragment
        if based is not None and based.outcome == "local":
            return Resolution("local", path=based.path, fragment=fragment)
        return Resolution("local", path="", fragment=fragment)
    return resolve_path(path, folder, fragment)


def _absolute(url: str, site: SiteAddress) -> Resolution:
    parts = parse_web_url(url)
    if isinstance(parts, str):
        return Resolution("broken", reason=f"not a valid URL: {parts}")
    if not site.origin or parts.origin.replace("http://", "https://") != site.origin.replace(
        "http://", "https://"
    ):
        return Resolution("external", parts.without_fragment(), parts.fragment)
    path = parts.path
    if not path.startswith(site.path) and path + "/" != site.path:
        return Resolution("external", parts.without_fragment(), parts.fragment)
    return resolve_path(path[len(site.path) :], "", parts.fragment)


def _external_relative(url: str, base: str) -> Resolution:
    """Resolve a relative `url` against a `<base href>` off the site."""
    try:
        joined = urljoin(base, url)
    except ValueError:  # urljoin raises where a browser would keep the base's host
        joined = ""
    parts = parse_web_url(joined) if joined.startswith(("http:", "https:")) else "it names no host"
    if isinstance(parts, str):
        return Resolution("broken", reason=f"not a valid URL: {parts}")
    return Resolution("external", parts.without_fragment(), parts.fragment)


def resolve_path(path: str, folder: str, fragment: str = "") -> Resolution:
    """Resolve a relative `path` (no scheme, query or fragment) from a page in `folder`."""
    if fragment and "%" in fragment:
        fragment = unquote(fragment)
    joined = plain_path(path, folder)
    if joined is None:
        return Resolution("broken", reason=OUTSIDE)
    return Resolution("local", joined, fragment, "", joined.endswith("/index.html"))


def plain_path(path: str, folder: str) -> str | None:
    """Return the site file a relative `path` means from a page in `folder`, None when it
    climbs out of the site; `a/` means `a/index.html`. (No Resolution is made: this is the
    path most URLs of a site take.)"""
    decoded = unquote(path, errors="replace") if "%" in path else path
    joined = _join(folder, decoded)
    if joined is None or (decoded and not decoded.endswith("/")):
        return joined
    return joined + "/index.html" if joined else "index.html"


def _join(folder: str, path: str) -> str | None:
    """Return `folder` + `path` with `.` and `..` applied, or None when it climbs out."""
    if not folder and not path:
        return ""
    joined = posixpath.normpath(folder + path)  # written in C since Python 3.11
    if joined == ".":
        return ""
    if joined == ".." or joined.startswith("../"):
        return None
    return joined.lstrip("/")
