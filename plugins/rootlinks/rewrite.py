"""Rewrite root-absolute URLs in an HTML fragment, relative to a page or against SITEURL."""

import posixpath
import re

# A URL-valued attribute as Python-Markdown (or an author's raw HTML) writes it.
URL_ATTRIBUTE = re.compile(
    r"""(?P<before>\s(?:href|src|poster|data)\s*=\s*)(?P<quote>["'])(?P<url>/(?!/).*?)(?P=quote)""",
    re.IGNORECASE,
)
SRCSET_ATTRIBUTE = re.compile(
    r"""(?P<before>\ssrcset\s*=\s*)(?P<quote>["'])(?P<url>.*?)(?P=quote)""",
    re.IGNORECASE,
)


def is_root_absolute(url: str) -> bool:
    """True for `/path` URLs; false for `//host/path`, `http:`, relative and fragment URLs."""
    return url.startswith("/") and not url.startswith("//")


def rewrite_url(url: str, page_path: str, site_url: str | None) -> str:
    """Return `url` made to work from the page saved at `page_path`.

    With `site_url` None (relative builds) the result is relative to the page's
    folder; otherwise it is `site_url` + the path, so it also works in feeds.
    """
    if not is_root_absolute(url):
        return url
    if site_url is not None:
        return site_url.rstrip("/") + url
    page_folder = "/" + posixpath.dirname(page_path.replace("\\", "/"))
    path, separator, rest = _split_path(url)
    relative = posixpath.relpath(path, page_folder)
    if path.endswith("/"):
        # relpath drops the slash that makes `/guide/` a folder URL; "." is the root itself.
        relative = "./" if relative == "." else relative + "/"
    return relative + separator + rest


def _split_path(url: str) -> tuple[str, str, str]:
    """Split a URL into its path and the `?query#fragment` that follows it."""
    match = re.search(r"[?#]", url)
    if not match:
        return url, "", ""
    return url[: match.start()], url[match.start()], url[match.start() + 1 :]


def rewrite_root_links(html: str, page_path: str, site_url: str | None) -> str:
    """Return `html` with every root-absolute URL attribute (and srcset candidate) rewritten."""

    def one_url(match: re.Match) -> str:
        url = rewrite_url(match.group("url"), page_path, site_url)
        return f"{match.group('before')}{match.group('quote')}{url}{match.group('quote')}"

    def srcset(match: re.Match) -> str:
        candidates = []
        for candidate in match.group("url").split(","):
            parts = candidate.strip().split(None, 1)
            if parts:
                parts[0] = rewrite_url(parts[0], page_path, site_url)
            candidates.append(" ".join(parts))
        quote = match.group("quote")
        return f"{match.group('before')}{quote}{', '.join(candidates)}{quote}"

    return SRCSET_ATTRIBUTE.sub(srcset, URL_ATTRIBUTE.sub(one_url, html))
