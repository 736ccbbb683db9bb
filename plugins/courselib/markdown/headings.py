"""Heading ids as GitHub makes them, so `#anchor` links written for GitHub work here too.

GitHub (github-slugger) lower-cases the heading's text, removes every character that
is not a letter, a mark, a digit, `-`, `_` or a space, and turns each space into `-`;
a second heading with the same id gets `-1`, a third `-2`. A heading may also name its
id itself, as Python-Markdown's attribute lists let authors do: `## Setup {#setup}`.
"""

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

EXPLICIT_ID = re.compile(r"\s*\{:?\s*#(?P<id>[A-Za-z][\w.:-]*)\s*\}\s*$")
KEPT_PUNCTUATION = "-_ "
# Letters in a circle or square (Unicode's Other_Alphabetic symbols): Ⓐ to ⓩ, 🄰 to 🆉.
ENCLOSED_LETTERS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))
# An id is never empty: a heading with no letter or digit gets this one.
EMPTY_HEADING_ID = "section"
# The ids the theme's templates give their own elements (tests/test_chapter_markdown.py
# keeps this list and themes/course/templates in step). Each has a capital letter, which no
# GitHub id has: a heading `## Content` or `## Syllabus` keeps `#content` or `#syllabus`,
# as links written for GitHub name it. An id an author writes (`{#mainContent}`) gets `-1`.
# The search box's: no link is meant for them, nor suggested for a broken one (linkgate).
WIDGET_IDS = ("searchInput", "searchResults", "searchStatus")
# What GitHub puts before every id and name in a README's HTML (`user-content-rubric`).
GITHUB_ID_PREFIX = "user-content-"
THEME_IDS = ("mainContent", "courseSyllabus", *WIDGET_IDS)


def github_slug(text: str) -> str:
    """Return the id GitHub gives a heading whose text is `text`, before de-duplication.

    As github-slugger's tests (made from pages GitHub rendered) have it: letters, marks,
    digits and letter numbers (Ⅻ) stay, and so does connector punctuation (`_`, `‿`) and a
    letter drawn in a circle or square (Ⓐ, as ⓐ); other numbers (², ½, ①) go, with other
    punctuation and symbols.
    """
    return "".join(filter(kept_in_slug, text.lower())).replace(" ", "-")


def kept_in_slug(character: str) -> bool:
    """True for a character GitHub keeps in a heading's id (github_slug)."""
    category = unicodedata.category(character)
    return (
        character in KEPT_PUNCTUATION
        or category[0] in "LM"
        or category in ("Nd", "Nl", "Pc")
        or any(start <= ord(character) <= end for start, end in ENCLOSED_LETTERS)
    )


def add_heading_ids(md: MarkdownIt) -> None:
    """Make `md` give every heading a unique id."""
    md.core.ruler.push("heading_ids", heading_ids)


def heading_ids(state: StateCore) -> None:
    """Set the id of each heading: the one its author wrote, else GitHub's slug, made unique."""
    taken = dict.fromkeys(THEME_IDS, 0)
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        explicit = take_explicit_id(inline)
        slug = explicit or github_slug(heading_text(inline, footnotes=True)) or EMPTY_HEADING_ID
        token.attrSet("id", unique(slug, taken))


def take_explicit_id(inline: Token) -> str | None:
    """Remove a trailing `{#id}` from a heading's text and return the id, or None."""
    children = inline.children or []
    if not children or children[-1].type != "text":
        return None
    match = EXPLICIT_ID.search(children[-1].content)
    if match is None:
        return None
    children[-1].content = children[-1].content[: match.start()]
    inline.content = EXPLICIT_ID.sub("", inline.content)
    return match["id"]


# The children of a heading whose text a reader sees.
SHOWN_TEXT = ("text", "code_inline", "math_inline", "math_inline_double")


def heading_text(inline: Token, footnotes: bool = False) -> str:
    """Return the text a reader sees in a heading: its words and code, without markup; with
    `footnotes`, a footnote's reference as the number it shows, which GitHub's id keeps
    (`## Why? [^b]` is `why-2` where `[^b]` is the second footnote), but a title does not."""
    return "".join(
        str(child.meta["id"] + 1) if child.type == "footnote_ref" else child.content
        for child in inline.children or []
        if child.type in SHOWN_TEXT or (footnotes and child.type == "footnote_ref")
    )


def unique(slug: str, taken: dict[str, int]) -> str:
    """Return `slug`, or `slug-N` for the first N not taken yet, and mark it taken."""
    result = slug
    while result in taken:
        taken[slug] += 1
        result = f"{slug}-{taken[slug]}"
    taken[result] = 0
    return result
