"""sitemap.xml: every published page of the course, each URL escaped, for search engines.

This replaces pelican-sitemap, which wrote each URL into the XML as it was: a page saved
as `a&b<x>.html` made the whole sitemap ill-formed. Here a URL is percent-encoded where
a URL may not hold a character (a space, `<`, `"`, non-ASCII letters, a `%` that starts
no escape; escapes already there are kept), then XML-escaped (`&` is `&amp;`).
Drafts, hidden pages and the 404 page are left out; `lastmod` is a chapter's
`Modified:`, else its `Date:` (pages without one, such as the home page, have none).
"""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from courselib.pages import FILE_DATE_FIELD

# What a URL path may hold as it is (RFC 3986): unreserved, sub-delims, ":", "@", "/".
URL_PATH_SAFE = "/:@!$&'()*+,;=-._~"
BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
ESCAPE = re.compile(r"(%[0-9A-Fa-f]{2})")
FOLDER_INDEX = re.compile(r"(?:^|(?<=/))index\.html$")


@dataclass(frozen=True)
class SitemapEntry:
    """One page of the sitemap: its URL relative to the site, and when it last changed."""

    url: str
    lastmod: datetime | None = None


def encoded_url(url: str) -> str:
    """Return `url` percent-encoded where a URL may not hold a character as it is."""
    url = BARE_PERCENT.sub("%25", url)
    # Escapes already written stay as they are; everything between them is encoded.
    return "".join(
        part if ESCAPE.fullmatch(part) else quote(part, safe=URL_PATH_SAFE)
        for part in ESCAPE.split(url)
    )


def sitemap_xml(site_url: str, entries: list[SitemapEntry]) -> str:
    """Return the sitemap of `entries` under `site_url`: one <url> a location, sorted."""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    located = {f"{site_url}/{encoded_url(FOLDER_INDEX.sub('', e.url))}": e for e in entries}
    for location, entry in sorted(located.items()):
        lastmod = "" if entry.lastmod is None else entry.lastmod.date().isoformat()
        lastmod = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(location)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_entry(relative_path: str, context: dict) -> SitemapEntry | None:
    """Return the sitemap entry of a page Pelican wrote, or None when it is left out."""
    if context.get("page_name") == "404":
        return None
    content = context.get("article") or context.get("page")
    if content is None:
        return SitemapEntry(relative_path)
    if getattr(content, "status", "published") != "published":
        return None
    updated = getattr(content, "modified", None)
    if not content.metadata.get(FILE_DATE_FIELD):  # else the date is only the file's time
        updated = updated or getattr(content, "date", None)
    return SitemapEntry(content.url, updated)
