"""GitHub's emoji shortcodes: `:tada:` is 🎉 in a chapter's text, as GitHub shows it.

The names are those of the `emoji` package (Unicode's data, with GitHub's aliases:
`:+1:`, `:movie_camera:`, `:dollar:`). A name it does not know stays text, as do
GitHub's own pictures (`:octocat:`), and nothing changes inside code, math or an HTML
tag. The rule runs after the heading ids are made: `## :movie_camera: SQL` keeps GitHub's
id, `movie_camera-sql`, while its text (and the page's title) shows 🎥. The text of an
HTML block (`<h2 align="center">:wave: Welcome</h2>`) changes as it is written out, so
the places of its links stay those the author wrote.
"""

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

# A name between colons, not inside a word or a time (`12:30:45`).
SHORTCODE = re.compile(r"(?<![\w:]):([a-z0-9_+-]+):(?![\w:])")
AUTOLINK_MARKUP = ("autolink", "linkify")
CODE_TAG = re.compile(r"</?(?:code|pre|tt|kbd|samp)\b", re.IGNORECASE)
# A comment or a tag of raw HTML, around the text between them.
HTML_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
# Elements whose text is code, or no text a reader sees.
CODE_OR_RAW_TAG = re.compile(
    r"<(?P<closing>/?)(?:code|pre|tt|kbd|samp|script|style|textarea)\b", re.IGNORECASE
)


def add_emoji_shortcodes(md: MarkdownIt) -> None:
    """Make `md` write GitHub's emoji shortcodes as the emoji (after the heading ids)."""
    md.core.ruler.push("emoji_shortcodes", emoji_shortcodes)
    md.add_render_rule("html_block", render_html_block)


def render_html_block(_renderer, tokens: list, index: int, _options, _env) -> str:
    """Write an HTML block as its author wrote it, its shortcodes as emoji."""
    return emoji_in_html(tokens[index].content)


def emoji_in_html(raw: str) -> str:
    """Return raw HTML with the known shortcodes in its text as emoji: not in a tag or a
    comment, nor inside `<code>`, `<pre>`, `<tt>` (nor a script, style or text area), as
    GitHub's emoji filter goes."""
    if ":" not in raw:
        return raw
    pieces = HTML_MARKUP.split(raw)  # text, markup, text...
    inside = 0  # how many code elements the text is in
    for index, piece in enumerate(pieces):
        if index % 2:
            tag = CODE_OR_RAW_TAG.match(piece)
            if tag:
                inside = max(inside - 1, 0) if tag["closing"] else inside + 1
        elif ":" in piece and not inside:
            pieces[index] = SHORTCODE.sub(emoji_for, piece)
    return "".join(pieces)


def emoji_shortcodes(state: StateCore) -> None:
    """Replace each known `:name:` in the text of every inline token by its emoji: not in
    an autolink (its text is the URL as written) nor between `<code>`, `<pre>` or `<tt>`
    tags written in the text, as GitHub leaves them."""
    for token in state.tokens:
        if token.type != "inline" or ":" not in token.content:
            continue
        in_autolink = in_code = False
        for child in token.children or []:
            if child.type in ("link_open", "link_close") and child.markup in AUTOLINK_MARKUP:
                in_autolink = child.type == "link_open"
            elif child.type == "html_inline" and CODE_TAG.match(child.content):
                in_code = not child.content.startswith("</")
            elif child.type == "text" and ":" in child.content and not (in_autolink or in_code):
                child.content = SHORTCODE.sub(emoji_for, child.content)


def emoji_for(shortcode: re.Match) -> str:
    """Return the emoji a shortcode names, or the shortcode as written."""
    return emoji_names().get(shortcode[1], shortcode[0])


@cache
def emoji_names() -> dict[str, str]:
    """Return each shortcode name and its emoji, GitHub's aliases first."""
    import emoji  # about 60 ms: only for a chapter whose text holds a shortcode

    names: dict[str, str] = {}
    for character, data in emoji.EMOJI_DATA.items():
        for name in data.get("alias", []):
            names.setdefault(name.strip(":"), character)
    for character, data in emoji.EMOJI_DATA.items():
        names.setdefault(data["en"].strip(":"), character)
    return names
