"""Template tags (`{% for lab in labs %}`, Jekyll's Liquid): shown as text, with a warning.

A course laid out for GitHub Pages may build its home page's list of labs with Liquid,
which only Jekyll runs; GitHub shows the tags as text, and so do we. The students' page
then shows `{% assign labs = ... %}` where the list should be, so the build says so, once
a file, at the first tag outside code (HTML `<pre>` and `<code>` too). Only tags count:
`{{ name }}` may be a lesson's words about any template language, and Hugo's `{{% %}}`
shortcodes are another thing.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

LIQUID = re.compile(r"(?<!\{)\{%-?\s*[a-z_]+\b[^%\n]{0,200}%\}(?!\})")
HTML_CODE = re.compile(r"<(pre|code)\b", re.IGNORECASE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # shows nothing, tags or not
SHOWN_LENGTH = 60


def add_liquid_warning(md: MarkdownIt) -> None:
    """Make `md` warn, once a file, of Liquid tags outside code."""
    md.core.ruler.push("liquid_warning", liquid_warning)


def liquid_warning(state: StateCore) -> None:
    """Add one warning for the Liquid in the text and HTML of a chapter, at its first tag."""
    found = []
    for token in state.tokens:
        first_line = token.map[0] + 1 if token.map else 1
        if token.type == "html_block" and not HTML_CODE.search(token.content):
            html = HTML_COMMENT.sub(blanked, token.content)
            found += [  # an HTML block is its lines as written: the tag's own line
                (first_line + html.count("\n", 0, tag.start()), tag.group())
                for tag in LIQUID.finditer(html)
            ]
        # A tag's `%` is in the text as written, or made by a character reference.
        elif token.type == "inline" and ("%" in token.content or "&" in token.content):
            found += [(first_line, tag) for tag in tags_outside_code(token)]
    if not found:
        return
    line, first = found[0]
    line, column = place_in_source(state.src, line, first)
    first = first if len(first) <= SHOWN_LENGTH else first[: SHOWN_LENGTH - 1] + "…"
    if len(found) > 1:
        told = (
            f"'{first}' and {len(found) - 1} more are template tags (Jekyll's Liquid, for one),"
            " which no Markdown runs: the page shows them as text; write what they make in"
            " Markdown, or put them in code"
        )
    else:
        told = (
            f"'{first}' is a template tag (Jekyll's Liquid, for one), which no Markdown runs:"
            " the page shows it as text; write what it makes in Markdown, or put it in code"
        )
    state.env.setdefault("warnings", []).append((line, column, told))


def place_in_source(source: str, line: int, tag: str) -> tuple[int, int]:
    """Return the line and column where `tag` is first written from `line` of `source` on
    (a paragraph's tag may be on a later line of it), else `line` and column 1."""
    start = 0
    for _ in range(line - 1):
        start = source.find("\n", start) + 1
        if start == 0:
            return line, 1
    found = source.find(tag, start)
    if found < 0:
        return line, 1
    line += source.count("\n", start, found)
    return line, found - source.rfind("\n", 0, found)


def blanked(comment: re.Match) -> str:
    """Return an HTML comment as spaces, keeping its line breaks: what it shows, where."""
    return re.sub(r"[^\n]", " ", comment.group())


def tags_outside_code(inline) -> list[str]:
    """Return the template tags in an inline token's text that start outside code (a code
    span, or `<code>` written in HTML); a tag may hold HTML itself:
    `{% details(summary="If <code>rustlings</code> fails") %}`, as rustlings' site writes."""
    text, code, in_code = "", [], False  # the text as written; where its code is
    for child in inline.children or []:
        start = len(text)
        if child.type == "html_inline":
            tag = child.content.lower()
            in_code = (in_code or tag.startswith("<code")) and not tag.startswith("</code")
            text += HTML_COMMENT.sub(blanked, child.content)
        elif child.type in ("text", "code_inline"):
            text += child.content
        elif child.type in ("softbreak", "hardbreak"):
            text += "\n"
        if in_code or child.type == "code_inline":
            code.append((start, len(text)))
    return [
        tag.group()
        for tag in LIQUID.finditer(text)
        if not any(start <= tag.start() < end for start, end in code)
    ]
