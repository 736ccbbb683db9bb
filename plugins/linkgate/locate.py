"""Where a URL stands in an output page: its line and column, for problems in theme markup.

URLs written in Markdown are located by the parser itself (courselib.markdown); an
output page is read for its attribute values, srcset candidates and CSS url()s, once
per page, so locating thousands of problems in one page stays linear.
"""

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from courselib.html_urls import unescape_attribute

# A value in output HTML: a tag's attribute (quoted or not), or a CSS url().
HTML_ATTRIBUTE = re.compile(r"""\s([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+))""")
CSS_URL = re.compile(r"""(url)\(\s*(?:"([^"]*)"|'([^']*)'|([^\s"')]+))""")


@dataclass
class PageUrls:
    """Every URL value of one page, by value, with the page's line starts."""

    offsets: dict[str, list[int]]
    line_starts: list[int]

    def position(self, url: str, occurrence: int = 0) -> tuple[int, int] | None:
        """Return (line, column) of the `occurrence`-th value `url`, or the last one, or None."""
        offsets = self.offsets.get(url)
        if not offsets:
            return None
        return self.line_and_column(offsets[min(occurrence, len(offsets) - 1)])

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of a character offset in the page."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


# Up to this many broken URLs in a page, only the tags where they are written are read.
NEAR_TARGETS = 32


def page_urls(text: str, targets: set[str] | None = None) -> PageUrls:
    """Return the URL values of an output page, indexed for `PageUrls.position`.

    Given the few `targets` looked for, only the tags they are written in are read: a
    long page may hold thousands of URLs and only a broken one or two.
    """
    values = values_near(text, targets) if targets and len(targets) <= NEAR_TARGETS else None
    offsets: dict[str, set[int]] = defaultdict(set)
    for offset, value in url_values(text) if values is None else values:
        offsets[value].add(offset)
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    return PageUrls({url: sorted(found) for url, found in offsets.items()}, line_starts)


def position_in_html(
    text: str, url: str, occurrence: int = 0, index: PageUrls | None = None
) -> tuple[int, int] | None:
    """Return (line, column) of the `occurrence`-th attribute or CSS url() value `url` in `text`.

    Only whole values count (or one candidate of a srcset), so a short URL such
    as `0` is not found inside another value, say a data: URL. Pass `index`
    (from `page_urls(text)`) to look up several URLs in one page.
    """
    return (index or page_urls(text)).position(url, occurrence)


def values_near(text: str, targets: set[str]) -> list[tuple[int, str]] | None:
    """Return `url_values` of only the tags where the `targets` are written, or None.

    None when a target is not in the page as it is (escaped, or empty): read it all.
    """
    spans = set()
    for target in targets:
        if not target.strip():
            return None
        start = text.find(target)
        if start < 0:
            return None
        while start >= 0:
            end = text.find(">", start + len(target))
            spans.add((text.rfind("<", 0, start) + 1, len(text) if end < 0 else end))
            start = text.find(target, start + 1)
    values = []
    for start, end in sorted(spans):
        # From just inside the tag: the attribute patterns need the space before a name.
        window = " " + text[start:end]
        values += [(start + offset - 1, value) for offset, value in url_values(window)]
    return values


def url_values(text: str) -> list[tuple[int, str]]:
    """Return (offset, unescaped value) of each attribute value, srcset candidate and url()."""
    values = []
    for pattern in (HTML_ATTRIBUTE, CSS_URL):
        for match in pattern.finditer(text):
            group = next(index for index in (2, 3, 4) if match.group(index) is not None)
            start, value = match.start(group), match.group(group)
            values.append((start, unescape_attribute(value).strip()))
            if match.group(1).lower().endswith("srcset"):  # its URLs one by one
                for part in re.finditer(r"[^,\s]+", value):
                    values.append((start + part.start(), unescape_attribute(part.group())))
    return values
