"""Rewrite root-absolute URLs in an HTML fragment, relative to a page or against SITEURL."""

import re
from collections.abc import Callable

from courselib.cached_products.page_rewrites import Edits, apply_edits
from courselib.paths import rewrite_url

# A URL-valued attribute as Python-Markdown (or an author's raw HTML) writes it.
URL_ATTRIBUTE = re.compile(
    r"""(?P<before>\s(?:href|src|poster|data)\s*=\s*)(?P<quote>["'])(?P<url>/(?!/).*?)(?P=quote)""",
    re.IGNORECASE,
)
SRCSET_ATTRIBUTE = re.compile(
    r"""(?P<before>\ssrcset\s*=\s*)(?P<quote>["'])(?P<url>.*?)(?P=quote)""",
    re.IGNORECASE,
)
# Where each pattern's `=` and opening quote can be: a search led by a literal `=` is fast,
# where the patterns themselves, led by `\s`, are tried at every space of a chapter's prose.
URL_VALUE = re.compile(r"""=\s*["']/(?!/)""")
ANY_VALUE = re.compile(r"""=\s*["']""")
URL_NAME_LENGTHS = (3, 4, 6)  # src; href and data; poster
SRCSET_NAME_LENGTHS = (6,)


def substitutions(
    pattern: re.Pattern,
    replace: Callable[[re.Match], str],
    html: str,
    values: re.Pattern,
    name_lengths: tuple[int, ...],
) -> Edits:
    """Return the spans `pattern.sub(replace, html)` changes, and their new text, in order,
    for a `\\s<name>\\s*=...` pattern, found faster.

    Every match holds an `=` that `values` finds; the match starts at the space before
    the attribute name, which ends where the spaces before that `=` begin. Trying the
    pattern only at those places, in order and never inside an earlier match, gives
    exactly what `sub` gives.
    """
    starts = set()
    for value in values.finditer(html):
        name_end = value.start()
        while name_end > 0 and html[name_end - 1].isspace():
            name_end -= 1
        starts.update(name_end - length - 1 for length in name_lengths if name_end > length)
    edits: Edits = []
    position = 0
    for start in sorted(starts):
        if start < position:
            continue
        match = pattern.match(html, start)
        if match:
            edits.append((start, match.end(), replace(match)))
            position = match.end()
    return edits


def root_link_edits(html: str, page_path: str, site_url: str | None) -> tuple[Edits, Edits, str]:
    """Return what `rewrite_root_links` changes: the edits of URL attributes in `html`,
    then those of srcset candidates in the HTML the first made (see `apply_edits`), and
    the HTML both made."""

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

    url_edits = substitutions(URL_ATTRIBUTE, one_url, html, URL_VALUE, URL_NAME_LENGTHS)
    html = apply_edits(html, url_edits)
    srcset_edits = substitutions(SRCSET_ATTRIBUTE, srcset, html, ANY_VALUE, SRCSET_NAME_LENGTHS)
    return url_edits, srcset_edits, apply_edits(html, srcset_edits)


def rewrite_root_links(html: str, page_path: str, site_url: str | None) -> str:
    """Return `html` with every root-absolute URL attribute (and srcset candidate) rewritten."""
    return root_link_edits(html, page_path, site_url)[2]
