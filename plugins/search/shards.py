"""Which shard of the search index each chapter page belongs to.

Pagefind cannot update an index: a changed page means indexing again every page
indexed with it. Splitting the chapters into shards of a few dozen pages lets a
rebuild index only the shard of the chapter that changed; the browser merges
the shards when it searches. A page's shard is a hash of its path, so it stays
put while the number of shards stays, whatever else is added or removed.
"""

import hashlib
import re
from collections.abc import Iterable

# The theme marks written chapters' text with this attribute; Pagefind indexes only
# such elements. A page that merely mentions it (in a code sample) is no chapter.
BODY_ATTRIBUTE = re.compile(rb"\sdata-pagefind-body[\s/>=]")
# Characters Pagefind's --glob syntax reads as its own; a backslash escapes them.
GLOB_SYNTAX = re.compile(r"([*?\[\]{}<>:,$()])")


def is_chapter_page(html: bytes) -> bool:
    """Return True if the page has text for Pagefind to index (a data-pagefind-body element)."""
    start = html.find(b"data-pagefind-body") - 1
    while start >= 0:
        tag = html.rfind(b"<", 0, start)
        # An attribute inside a start tag: a tag name after the last '<', and no '>' since it.
        in_tag = tag >= 0 and html[tag + 1 : tag + 2].isalpha() and b">" not in html[tag:start]
        if in_tag and BODY_ATTRIBUTE.match(html, start):
            return True
        start = html.find(b"data-pagefind-body", start + 2) - 1
    return False


def shard_count(pages: int, shard_pages: int) -> int:
    """Return how many shards `pages` chapters need: one up to `shard_pages`, else a power of two.

    A power of two that leaves `shard_pages` or fewer a shard on average. Changing
    the count moves most pages, so it changes only when the course doubles or halves.
    """
    count = 1
    while count * shard_pages < pages:
        count *= 2
    return count


def shard_of(page: str, count: int) -> int:
    """Return the shard (0 to count - 1) of the page at the site-relative path `page`."""
    digest = hashlib.sha256(page.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count


def assign_shards(pages: Iterable[str], shard_pages: int) -> list[list[str]]:
    """Return the site-relative pages of each shard, sorted; shards may be empty."""
    chapters = sorted(pages)
    count = shard_count(len(chapters), shard_pages)
    shards: list[list[str]] = [[] for _ in range(count)]
    for page in chapters:
        shards[shard_of(page, count)].append(page)
    return shards


def pages_glob(pages: Iterable[str]) -> str:
    """Return a Pagefind --glob matching exactly these site-relative pages."""
    written = []
    for page in pages:
        # Pagefind refuses an escaped backslash; '?' (any one character) stands in for it.
        parts = page.split("\\")
        written.append("?".join(GLOB_SYNTAX.sub(r"\\\1", part) for part in parts))
    return "{" + ",".join(written) + "}"
