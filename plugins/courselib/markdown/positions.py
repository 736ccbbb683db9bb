"""Where each link, image, raw HTML tag and formula starts in the Markdown an author wrote.

markdown-it gives block tokens their lines (`token.map`) but inline tokens none. The
inline rules that make the tokens we locate are wrapped to note where in their block's
text they started (`meta["offset"]`); a core rule then turns that offset into the line
and column an author's editor shows (`meta["line"]`, `meta["column"]`, 1-based).

A block's text is its source lines with what belongs to enclosing blocks (`> `, a list
item's indent, a table's pipes) taken off the front, so each line of it is the end of a
source line: its column is found by looking for that end in the source line.
"""

from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

# The inline rules whose tokens are located, where the parser has them.
LOCATED_RULES = (
    "link",
    "image",
    "autolink",
    "html_inline",
    "footnote_ref",
    "gfm_autolink_www",
    "gfm_autolink_protocol",
    "gfm_autolink_email",
    "math_inline",
    "math_inline_double",
    "math_bracket_inline",
    "math_backticks",
)
LOCATED_TOKENS = frozenset(
    {
        "link_open",
        "image",
        "html_inline",
        "footnote_ref",
        "math_inline",
        "math_inline_double",
        "myst_role",
    }
)


def track_positions(md: MarkdownIt) -> None:
    """Make `md` note the source line and column of every located inline token."""
    for name in LOCATED_RULES:
        index = md.inline.ruler.__find__(name)
        if index >= 0:
            md.inline.ruler.at(name, noting_offsets(md.inline.ruler.__rules__[index].fn))
    md.core.ruler.push("source_positions", add_source_positions)


def noting_offsets(rule: Callable[[StateInline, bool], bool]) -> Callable:
    """Return `rule`, noting in each located token it makes where in the block's text it began."""

    def located(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            tokens = state.tokens
            for index in range(count, len(tokens)):
                # Tokens made inside (a link's text) were noted by their own rule first.
                token = tokens[index]
                if token.type in LOCATED_TOKENS and "offset" not in token.meta:
                    token.meta["offset"] = start
        return True

    return located


def add_source_positions(state: StateCore) -> None:
    """Give each located inline token its 1-based source line and column.

    The cells of a table row are blocks on one line: each is looked for after the cell
    before it, so that two cells written alike are told apart.
    """
    lines = source_lines(state)
    row_line, cell_from = -1, 0
    for index, block in enumerate(state.tokens):
        if block.type != "inline" or block.map is None:
            continue
        cell_start = None
        if index and state.tokens[index - 1].type in ("th_open", "td_open"):
            if block.map[0] != row_line:
                row_line, cell_from = block.map[0], 0
            source = lines[row_line] if row_line < len(lines) else ""
            written = block.content.strip()
            found = source.find(written, cell_from) if written else -1
            if found >= 0:
                cell_start, cell_from = cell_from, found + len(written)
        if not block.children:
            continue
        for token in block.children:
            offset = token.meta.get("offset") if token.meta else None
            if offset is not None:
                token.meta["line"], token.meta["column"] = position_in_lines(
                    lines, block.map[0], block.content, offset, cell_start
                )
                token.meta["block"] = block


def source_lines(state: StateCore) -> list[str]:
    """Return the source split in lines, once per parse."""
    if "source_lines" not in state.env:
        state.env["source_lines"] = state.src.split("\n")
    return state.env["source_lines"]


def block_position(state: StateCore, token: Token, marker: str) -> tuple[int, int]:
    """Return the 1-based line and column where a block token starts, at the first `marker`
    (`!!!`, a list item's `-`, `[^`) on its first line (column 1 if it is not there)."""
    lines = source_lines(state)
    line = lines[token.map[0]] if token.map and token.map[0] < len(lines) else ""
    return (token.map[0] + 1 if token.map else 1), max(line.find(marker), 0) + 1


def closing_index(tokens: list[Token], start: int) -> int:
    """Return the index of the token closing the block opened at tokens[start]."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


@lru_cache(maxsize=8)
def newlines_in(text: str) -> list[int]:
    """Return where the newlines of a block's text are: found once for all its tokens.

    Counting them again for each token took time in the square of a paragraph's length.
    """
    found, index = [], text.find("\n")
    while index >= 0:
        found.append(index)
        index = text.find("\n", index + 1)
    return found


def position_in_lines(
    lines: list[str], first_line: int, text: str, offset: int, cell_start: int | None = None
) -> tuple[int, int]:
    """Return the 1-based (line, column) of `offset` in `text`, a block starting on `first_line`.

    Each line of `text` is the end of its source line, less any space or tab
    expanded differently: it is looked for, stripped, at the end of that line; a table
    cell's text (`cell_start`: where its cell begins in the row) from there.
    """
    offset = max(0, min(offset, len(text)))
    newlines = newlines_in(text)
    above = bisect_left(newlines, offset)  # the lines of `text` before the offset's
    line_start = newlines[above - 1] + 1 if above else 0
    written = text[line_start : newlines[above] if above < len(newlines) else len(text)]
    index = min(first_line + above, max(len(lines) - 1, 0))
    source = lines[index].rstrip() if lines else ""
    stripped = written.strip()
    # Most often the line ends as written: checked first, as finding it in a long line
    # (thousands of links on one) would take as long for each of its tokens.
    in_cell = source.find(stripped, cell_start) if cell_start is not None and stripped else -1
    if in_cell >= 0:
        found = in_cell
    elif stripped and source.endswith(stripped):
        found = len(source) - len(stripped)
    else:
        found = source.rfind(stripped) if stripped else -1
    if found < 0:  # the end of the line is not there as written: count from its first letter
        found = len(source) - len(source.lstrip())
    lead = len(written) - len(written.lstrip())
    return index + 1, found + max(offset - line_start - lead, 0) + 1


def walk(tokens: list[Token]):
    """Yield every token, block and inline, in source order."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)
