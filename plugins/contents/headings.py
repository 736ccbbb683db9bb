"""Headings of a chapter body: the nested contents list, and permalinks beside them.

Pure functions over HTML as Python-Markdown's toc extension writes it
(`<h2 id="omni-models">Omni Models</h2>`), testable without Pelican.
"""

import html
import re
from dataclasses import dataclass, field

# h2 sections and their h3 subsections: deeper levels would crowd a phone's screen.
CONTENTS_LEVELS = (2, 3)
PERMALINK_LEVELS = (2, 3, 4)
HEADING = re.compile(
    r'<h(?P<level>[1-6])(?P<before>[^>]*?)\sid="(?P<id>[^"]+)"(?P<after>[^>]*)>'
    r"(?P<inner>.*?)</h(?P=level)>",
    re.IGNORECASE | re.DOTALL,
)
TAG = re.compile(r"<[^>]+>")


@dataclass
class Section:
    """One entry of a chapter's contents: a heading's id and text, and its subsections."""

    id: str
    title: str
    level: int
    subsections: list["Section"] = field(default_factory=list)


def heading_text(inner_html: str) -> str:
    """Return the plain text of a heading's inner HTML."""
    return " ".join(html.unescape(TAG.sub("", inner_html)).split())


def chapter_contents(body_html: str) -> list[Section]:
    """Return the h2 sections of a chapter body, each with its h3 subsections."""
    sections: list[Section] = []
    for match in HEADING.finditer(body_html):
        level = int(match["level"])
        if level not in CONTENTS_LEVELS:
            continue
        section = Section(
            id=html.unescape(match["id"]), title=heading_text(match["inner"]), level=level
        )
        if level == CONTENTS_LEVELS[0] or not sections:
            sections.append(section)
        else:
            sections[-1].subsections.append(section)
    return sections


def add_permalinks(body_html: str) -> str:
    """Return the body with a permalink after every h2-h4 that has an id.

    The link sits beside the heading, not inside it, so the heading's name (in a
    screen reader's list of headings, in search results) stays its own text.
    """

    def with_permalink(match: re.Match) -> str:
        if int(match["level"]) not in PERMALINK_LEVELS:
            return match[0]
        # Named by its heading, so a screen reader announces where the link points.
        return (
            f'<div class="section-heading">{match[0]}'
            f'<a class="permalink" href="#{match["id"]}" aria-labelledby="{match["id"]}"'
            " data-pagefind-ignore>#</a></div>"
        )

    return HEADING.sub(with_permalink, body_html)
