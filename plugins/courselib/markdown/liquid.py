"""Jekyll's Liquid tags (`{% for lab in labs %}`): shown as text, with a warning.

A course laid out for GitHub Pages may build its home page's list of labs with Liquid,
which only Jekyll runs; GitHub shows the tags as text, and so do we. The students' page
then shows `{% assign labs = ... %}` where the list should be, so the build says so, once
a file, at the first tag outside code. Only tags count: `{{ name }}` may be a lesson's
words about any template language.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

LIQUID = re.compile(r"\{%-?\s*[a-z_]+\b[^%\n]{0,200}%\}")
SHOWN_LENGTH = 60


def add_liquid_warning(md: MarkdownIt) -> None:
    """Make `md` warn, once a file, of Liquid tags outside code."""
    md.core.ruler.push("liquid_warning", liquid_warning)


def liquid_warning(state: StateCore) -> None:
    """Add one warning for the Liquid in the text and HTML of a chapter, at its first tag."""
    found = []
    for token in state.tokens:
        if token.type == "html_block":
            found += [(token.map, tag) for tag in LIQUID.findall(token.content)]
        elif token.type == "inline":
            texts = [c.content for c in token.children or [] if c.type in ("text", "html_inline")]
            found += [(token.map, tag) for text in texts for tag in LIQUID.findall(text)]
    if not found:
        return
    block, first = found[0]
    first = first if len(first) <= SHOWN_LENGTH else first[: SHOWN_LENGTH - 1] + "…"
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    state.env.setdefault("warnings", []).append(
        (
            block[0] + 1 if block else 1,
            1,
            f"'{first}'{more} is Jekyll's Liquid, which only Jekyll runs: the page shows it as"
            " text; write it out in Markdown (or, for a home page, keep README.md and rename"
            " index.md)",
        )
    )
