"""Every URL an author wrote in a chapter, at the line and column the parser read it.

Links and images come from the parser's own tokens (inline, reference-style, autolinks,
bare `https://` and `www.` URLs, footnote references), so a link is found wherever
Markdown makes one (lists, tables, alerts, footnotes) and nowhere it does not (code).
Raw HTML, which Markdown passes through as it is, is read for the attributes a browser
follows or loads. `<base href>` and `<meta http-equiv="refresh">`, which would take over
the whole page, are problems at their line.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote

from markdown_it.common.normalize_url import normalizeLinkText
from markdown_it.token import Token

from courselib.html_urls import unescape_attribute

from .html_rules import footnote_label
from .positions import position_in_lines, walk

# A start tag; an attribute right after a quoted value needs no space before it, and an
# unquoted value runs to a space or `>`, as a browser reads them (all-contributors writes
# `alt="Kevin Rambaud"style="..."`; an HTML block `src=a'b.png` or `href=x.md?plain=1`).
TAG = re.compile(
    r"""<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>(?:(?:\s+|(?<=["']))[^\s"'>/=<]+"""
    r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?)*)\s*/?>"""
)
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>][^\s>]*)))?""")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "poster", "data", "action", "formaction", "cite"}
)
IMAGE_ATTRIBUTES = frozenset({"src", "srcset", "poster"})
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


@dataclass(frozen=True)
class WrittenLink:
    """One URL in a Markdown file, where an author wrote it (1-based line and column).

    `url` is the address as the page will hold it (Markdown percent-encodes some
    characters); `written` is how the author wrote it, for messages.
    """

    url: str
    line: int
    column: int
    is_image: bool
    lacks_alt: bool = False  # a raw HTML <img> written with no alt attribute
    written: str = ""


# A reference definition's line, `[n]: <my notes.md>` or `[n]: my%20notes.md "Title"`.
DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*(?:<(?P<angled>[^>\n]*)>|(?P<bare>\S+))")
# How far after a link's start its URL is looked for: a link's text is rarely longer, or
# goes on over more lines.
URL_WINDOW = 2000
NEAR_LINES = 4


def as_written(
    url: str, lines: list[str], line: int, column: int, definitions: Callable[[], set[str]]
) -> str:
    """Return a Markdown link's URL as its author wrote it, for messages: percent-encoded
    as the page holds it (`Copilot%20Adventure`), unless the text after the link's start
    (its `line` and `column`; a link's text may go on to the next lines) or, for a
    reference, the chapter's `definitions()` (`[n]: <my notes.md>`) has it decoded (`<my
    pic.png>`, `übung.md`, `#올드-스타일-%-연산자`, which Markdown encodes). Looked for near
    the link alone, so a line of thousands of links is read once a link, not whole."""
    spellings = dict.fromkeys((url, normalizeLinkText(url), unquote(url)))
    if len(spellings) == 1:  # written so, whatever the text around it (most links)
        return url
    width = URL_WINDOW + 3 * len(url)
    start = max(0, column - 1)
    own = lines[line - 1][start : start + width] if 0 < line <= len(lines) else ""
    near = "\n".join([own, *(text[:width] for text in lines[max(line, 0) : line + NEAR_LINES])])
    for written in spellings:
        if written in near or (written in definitions() and url not in definitions()):
            return written
    return url


def reference_definitions(lines: list[str]) -> set[str]:
    """Return the URLs a chapter's reference definitions give, as written."""
    found = set()
    for line in lines:
        match = DEFINITION.match(line) if "]:" in line else None
        if match:
            found.add(match["angled"] if match["angled"] is not None else match["bare"])
    return found


def written_links(tokens: list[Token], lines: list[str]) -> tuple[list, list]:
    """Return the chapter's links in source order, and (line, column, message) problems."""
    links: list[WrittenLink] = []
    problems: list[tuple[int, int, str]] = []
    definitions = cache(lambda: reference_definitions(lines))  # read if a link needs it
    for token in walk(tokens):
        if token.type in ("link_open", "image", "footnote_ref") and "line" in token.meta:
            url = footnote_url(token) if token.type == "footnote_ref" else link_url(token)
            links.append(
                WrittenLink(
                    url=url,
                    line=token.meta["line"],
                    column=token.meta["column"],
                    is_image=token.type == "image",
                    written=as_written(
                        url, lines, token.meta["line"], token.meta["column"], definitions
                    ),
                )
            )
        elif token.type == "html_inline" and "line" in token.meta:
            block = token.meta["block"]
            found = html_links(token.content, lines, block.map[0], block.content, token.meta)
            links += found[0]
            problems += found[1]
        elif token.type == "html_block" and token.map is not None:
            found = html_links(token.content, lines, token.map[0], token.content, None)
            links += found[0]
            problems += found[1]
    links.sort(key=lambda link: (link.line, link.column))
    return links, problems


def link_url(token: Token) -> str:
    """Return the address of a link or image token."""
    return str(token.attrGet("href") or token.attrGet("src") or "")


def footnote_url(token: Token) -> str:
    """Return where a footnote reference points, as the renderer names the footnote."""
    return "#fn:" + footnote_label(token)


def html_links(
    raw: str, lines: list[str], first_line: int, text: str, inline_meta: dict | None
) -> tuple[list[WrittenLink], list[tuple[int, int, str]]]:
    """Return the URLs in the raw HTML `raw` and the problems of its tags.

    `raw` is a whole HTML block (`inline_meta` None) or one inline tag, which starts at
    `inline_meta["offset"]` in its paragraph's `text`.
    """
    base = inline_meta["offset"] if inline_meta else 0
    links, problems = [], []
    # A commented-out tag is not in the page; blanked, so later offsets stay as they were.
    raw = COMMENT.sub(lambda comment: " " * len(comment[0]), raw) if "<!--" in raw else raw
    for tag in TAG.finditer(raw):
        name = tag["name"].lower()
        line, column = position_in_lines(lines, first_line, text, base + tag.start())
        attributes = {}
        for attribute in ATTRIBUTE.finditer(tag["attributes"]):
            value = next((v for v in attribute.groups()[1:] if v is not None), "")
            attributes.setdefault(attribute[1].lower(), unescape_attribute(value))
        problem = page_takeover(name, attributes)
        if problem:
            problems.append((line, column, problem))
        for key, value in attributes.items():
            if key not in URL_ATTRIBUTES:
                continue
            urls = srcset_urls(value) if key == "srcset" else [value.strip()]
            for url in urls:
                links.append(
                    WrittenLink(
                        url=url,
                        line=line,
                        column=column,
                        is_image=key in IMAGE_ATTRIBUTES,
                        lacks_alt=name == "img" and "alt" not in attributes,
                        written=url,
                    )
                )
    return links, problems


def srcset_urls(srcset: str) -> list[str]:
    """Return the URLs of a srcset's candidates."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def page_takeover(name: str, attributes: dict[str, str]) -> str | None:
    """Return the problem with a tag that would take over the whole page, or None."""
    if name == "base":
        return (
            "a <base> tag would send every link of the page elsewhere (the sidebar and"
            " navigation too): remove it"
        )
    if name == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh":
        return (
            'a <meta http-equiv="refresh"> tag would take students away from the page:'
            " write a link instead"
        )
    return None
