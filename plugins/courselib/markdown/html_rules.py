"""How our Markdown tokens become the theme's HTML, where markdown-it's defaults do not fit.

- Code: Pygments colours (the theme's `.highlight` styles and Copy button), never a guess
  at an unnamed language.
- Tables: column alignment as a class, since our Content-Security-Policy ignores `style=`;
  each in a region that scrolls sideways on a phone, reachable and named for the keyboard.
- GitHub's alerts (`> [!NOTE]`): our callouts, `div.admonition.note` with a visible title;
  inside a list item or a quote, a quote as GitHub shows it ("alerts cannot be nested").
- Footnotes: Python-Markdown's ids (`#fn:1`, `#fnref:1`), which links may already use.
- Images: `alt` first, as Python-Markdown wrote them.
- Attributes written after a link or image (`{target=_blank}`), but no event handler
  and no script URL.
- MkDocs' collapsible callouts (`??? note`, open with `???+`): a `<details>` fold with the
  title as its summary, which opens with no script.
"""

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS, escapeHtml, unescapeAll
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.html_block import HTML_SEQUENCES
from markdown_it.rules_block.table import escapedSplit, getLine
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# Pygments' wrapper, kept for code without colours too: the theme styles and copies it.
CODE_START = '<div class="highlight"><pre><span></span><code{language}>'
CODE_END = "</code></pre></div>\n"
# A fence's language, before the options some tools write after it (`rust,no_run`, `{r}`).
LANGUAGE_NAME = re.compile(r"\{?([^,{}\s]+)")
CODEHILITE_LANGUAGE = re.compile(r":::(?P<language>[\w+#.-]+)[ \t]*\n")
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript):", re.IGNORECASE)
# A table's delimiter row, `| --- | :-: |`: what makes the line above it a table's head.
DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
# How a formula that opens with `\\(` or `\\[` closes; `$` and `$$` close as they open.
CLOSING_MATH = {"\\(": "\\)", "\\[": "\\]"}
# Pandoc's attributes after an image, as R Markdown and Carpentries lessons write them:
# `![](fig/x.png){alt='A line chart'}`. The attrs plugin reads double quotes only.
# A quoted value may hold its quote escaped: `{alt='the repository\'s URL'}`.
PANDOC_ATTRIBUTE = (
    r"""(?:#[\w-]+|\.[\w-]+|[A-Za-z_:][\w:.-]*="""
    r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s"'{}]+))"""
)
# Spaces between them, as Pandoc asks: without, `x=aa=aa=...` could be split a way per
# letter, and a brace never closed took the regular expression exponential time.
PANDOC_ATTRIBUTES = re.compile(rf"\{{\s*{PANDOC_ATTRIBUTE}(?:\s+{PANDOC_ATTRIBUTE})*\s*\}}")
ONE_PANDOC_ATTRIBUTE = re.compile(
    r"""\s*(?:#(?P<id>[\w-]+)|\.(?P<class>[\w-]+)|(?P<key>[A-Za-z_:][\w:.-]*)="""
    r"""(?:"(?P<double>(?:[^"\\\n]|\\.)*)"|'(?P<single>(?:[^'\\\n]|\\.)*)'|(?P<bare>[^\s"'{}]+)))"""
)
BACKSLASH_ESCAPE = re.compile(r"\\(.)")
EMPTY_BRACES = re.compile(r"\{\s*\}")
# Where the reader keeps, in markdown-it's `env`, how many lists and quotes it is inside.
NESTING_KEY = "course_nesting"
ALIGNMENT_STYLES = {f"text-align:{side}": f"align-{side}" for side in ("left", "center", "right")}


def add_html_rules(md: MarkdownIt) -> None:
    """Make `md` write code, tables, alerts, footnotes and task lists as the theme expects."""
    md.add_render_rule("fence", render_fence)
    md.add_render_rule("code_block", render_code_block)
    md.add_render_rule("footnote_ref", render_footnote_ref)
    md.add_render_rule("footnote_block_open", render_footnote_block_open)
    md.add_render_rule("footnote_block_close", render_footnote_block_close)
    md.add_render_rule("footnote_open", render_footnote_open)
    md.add_render_rule("footnote_anchor", render_footnote_anchor)
    md.add_render_rule("list_item_open", render_list_item_open)
    md.add_render_rule("image", render_image)
    md.add_render_rule("table_open", render_table_open)
    md.add_render_rule("table_close", lambda *_arguments: "</table>\n</div>\n")
    # GitHub writes ~~struck~~ text as deleted text, which screen readers can announce.
    md.add_render_rule("s_open", lambda *_arguments: "<del>")
    md.add_render_rule("s_close", lambda *_arguments: "</del>")
    alerts_at_top_only(md)
    md.core.ruler.push("course_classes", course_classes)
    md.inline.ruler.before("attr", "pandoc_attributes", pandoc_attributes)
    md.core.ruler.before("source_positions", "credited_images", credited_images)


def empty_braces_as_text(md: MarkdownIt) -> None:
    """Make `{}` after a bracket, a link, an image or code text, as GitHub shows it: holding
    no attribute, it is no Pandoc span or attribute list (JavaGuide's `"()[]{}"`, a string
    of brackets, was `"()"` and an empty <span>)."""
    rules = {rule.name: rule for rule in md.inline.ruler.__rules__}
    span, attributes = rules["span"].fn, rules["attr"].fn

    def read_span(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "[":
            return False
        end = state.md.helpers.parseLinkLabel(state, state.pos, False)
        if end < 0 or EMPTY_BRACES.match(state.src, end + 1):
            return False
        count = len(state.tokens)
        if not span(state, silent):
            return False
        opening = next((t for t in state.tokens[count:] if t.type == "span_open"), None)
        if not silent and opening is not None and not safe_attributes(opening.attrs):
            # Only a style or a handler, both dropped (pumpkin-book's
            # `[see errata]{style="..."}`): text, as GitHub shows it, not a bare <span>.
            braces = state.src[end + 1 : state.pos]
            as_text(opening, "[")
            as_text(state.tokens[-1], "]" + braces)
        return True

    def read_attributes(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != "{":
            return False  # as the attributes' rule returns, having changed nothing
        return not EMPTY_BRACES.match(state.src, state.pos) and attributes(state, silent)

    md.inline.ruler.at("span", read_span)
    md.inline.ruler.at("attr", read_attributes)


def add_collapsible_callouts(md: MarkdownIt) -> None:
    """Make `md` write `??? note` callouts as folds; after the rules that take callouts for
    exercises and quizzes, which keep their own HTML."""
    md.core.ruler.push("collapsible_callouts", collapsible_callouts)


def pandoc_attributes(state: StateInline, silent: bool) -> bool:
    """Give an image the attributes Pandoc reads after it when one is single-quoted, or
    holds an escaped double quote.

    `{alt='A chart' width=300}`: the attrs plugin (djot's syntax) reads the ones
    without single quotes, and kept `\\"` in `{alt="the \\"Expert\\""}` (instructor-
    training: a screen reader read the backslashes). Unsafe attributes are dropped later,
    as for the others.
    """
    if state.pending or not state.tokens or state.tokens[-1].type != "image":
        return False
    if state.src[state.pos] != "{":
        return False
    found = PANDOC_ATTRIBUTES.match(state.src, state.pos)
    if found is None or ("'" not in found[0] and '\\"' not in found[0]):
        return False  # the attrs plugin's, which leaves a quote's backslash in
    if not silent:
        image = state.tokens[-1]
        for attribute in ONE_PANDOC_ATTRIBUTE.finditer(found[0], 1, len(found[0]) - 1):
            if attribute["id"]:
                image.attrSet("id", attribute["id"])
            elif attribute["class"]:
                classes = image.attrGet("class")
                image.attrSet(
                    "class", f"{classes} {attribute['class']}" if classes else attribute["class"]
                )
            else:
                value = next(
                    v for v in attribute.group("double", "single", "bare") if v is not None
                )
                value = BACKSLASH_ESCAPE.sub(r"\1", value)
                if attribute["key"] in ("width", "height") and not value.isdigit():
                    continue  # `width=50%` needs an inline style, which no page carries
                image.attrSet(attribute["key"], value)
    state.pos = found.end()
    return True


@cache
def lexer_for(language: str):
    """Return the Pygments lexer for a fence's language name, or None when there is none."""
    try:
        return get_lexer_by_name(language, stripnl=False)  # GitHub keeps blank lines
    except ClassNotFound:
        return None


FORMATTER = HtmlFormatter(cssclass="highlight", wrapcode=True)


def code_html(code: str, language: str) -> str:
    """Return a code block: coloured by Pygments when its language is known, else escaped.

    The language is named before any options: `rust,editable` (mdBook, rustdoc) and
    `{r, echo=FALSE}` (R Markdown, Quarto) are Rust and R, as GitHub colours them.
    """
    name = LANGUAGE_NAME.match(language)
    lexer = lexer_for(name[1].lower()) if name else None
    attribute = f' class="language-{html.escape(language)}"' if language else ""
    if lexer is None:
        return CODE_START.format(language=attribute) + escapeHtml(code) + CODE_END
    coloured = highlight(code, lexer, FORMATTER)
    # Pygments writes `<code>`; name the language on it, as GitHub and CommonMark do.
    return coloured.replace("<code>", f"<code{attribute}>", 1)


def render_fence(self, tokens: list[Token], index: int, options, env) -> str:
    """Render a fenced code block, named by the first word of its info string."""
    info = unescapeAll(tokens[index].info).strip()
    language = info.split(maxsplit=1)[0] if info else ""
    return code_html(tokens[index].content, language)


def render_code_block(self, tokens: list[Token], index: int, options, env) -> str:
    """Render an indented code block; a first line `:::python` names its language.

    That line is Python-Markdown's way (codehilite) to name an indented block's language.
    """
    code = tokens[index].content
    named = CODEHILITE_LANGUAGE.match(code)
    if named:
        return code_html(code[named.end() :], named["language"])
    return code_html(code, "")


def collapsible_callouts(state: StateCore) -> None:
    """Make each `???` callout a `<details>` (open for `???+`) with its title as summary.

    mdit_py_plugins gives them classes (`is-collapsible collapsible-closed`) that nothing
    in the theme acts on: a box always open, under a title that may say "click to expand".
    """
    opened: list[Token] = []
    for token in state.tokens:
        if token.type == "admonition_open":
            opened.append(token)
            if not token.markup.startswith("???"):
                continue
            token.tag = "details"
            classes = str(token.attrs.get("class", "")).split()
            token.attrs["class"] = " ".join(c for c in classes if "collapsible" not in c)
            if token.markup.startswith("???+"):
                token.attrs["open"] = ""
        elif token.type in ("admonition_title_open", "admonition_title_close") and opened:
            if opened[-1].tag == "details":
                token.tag = "summary"
        elif token.type == "admonition_close" and opened:
            token.tag = opened.pop().tag


def alerts_at_top_only(md: MarkdownIt) -> None:
    """Make `md` read alerts only where GitHub does: not in a list item or a quote, where
    GitHub shows the `[!NOTE]` line as text ("alerts cannot be nested").

    How deep the reader is in lists and quotes is counted around their rules: markdown-it's
    `state.parentType` cannot tell, as a setext heading's rule that finds no underline
    leaves it at "paragraph".
    """
    rules = {rule.name: rule for rule in md.block.ruler.__rules__}
    read_list, read_quote = rules["list"].fn, rules["blockquote"].fn

    def list_counted(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if first_character(state, start) not in LIST_MARKERS:
            return False  # as the list rule returns, having changed nothing
        with nested(state):
            return read_list(state, start, end, silent)

    def quote_counted(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if first_character(state, start) != ">":
            return False  # as the quote rule returns, having changed nothing
        options = state.md.options
        alerts = options.get("alerts", False)
        if state.env.get(NESTING_KEY):
            options["alerts"] = False
        try:
            with nested(state):
                return read_quote(state, start, end, silent)
        finally:
            options["alerts"] = alerts

    md.block.ruler.at("list", list_counted, {"alt": rules["list"].alt})
    md.block.ruler.at("blockquote", quote_counted, {"alt": rules["blockquote"].alt})


# What a list item's line starts with: a bullet, or an ordered item's first digit.
LIST_MARKERS = frozenset("*-+0123456789")


def first_character(state: StateBlock, line: int) -> str:
    """Return the first character of a line after its indent ("" for a blank line)."""
    start = state.bMarks[line] + state.tShift[line]
    return state.src[start] if start < state.eMarks[line] else ""


# The spaces and tabs a paragraph's next line starts with.
LINE_INDENT = re.compile(r"\n[ \t]+")


def unindent_paragraph_lines(md: MarkdownIt) -> None:
    """Make `md` take off the spaces a paragraph's lines start with, as CommonMark forms its
    text: markdown-it kept them, and a code span over lines showed them
    (data-engineering-zoomcamp's fence indented after a paragraph's line, a code span on
    GitHub: `<code>    docker-compose down --volumes    </code>`)."""
    md.core.ruler.after("block", "unindent_paragraph_lines", unindented_paragraph_lines)


def unindented_paragraph_lines(state: StateCore) -> None:
    """Take off the indent of each line after the first of every paragraph and heading."""
    for before, token in zip(state.tokens, state.tokens[1:], strict=False):
        paragraph = before.type in ("paragraph_open", "heading_open")
        if paragraph and token.type == "inline" and "\n" in token.content:
            token.content = LINE_INDENT.sub("\n", token.content)


CMARK_SPACES = " \t\n\v\f\r"  # what cmark-gfm trims off a table's row and cells


def is_unicode_space(character: str) -> bool:
    """True for a space CommonMark keeps at a paragraph's ends (a no-break or ideographic
    space) and JavaScript's trim(), which markdown-it follows, takes off."""
    return character.isspace() and character not in " \t\n"


def keep_unicode_spaces(md: MarkdownIt) -> None:
    """Make paragraphs and headings keep the Unicode spaces they start or end with, as
    CommonMark trims only spaces and tabs: a Chinese paragraph's indent of two ideographic
    spaces (`\u3000\u3000正文`) was lost, and a line of one no-break space was an empty
    paragraph."""

    def kept(rule, last_line, text):
        def read(state: StateBlock, start: int, end: int, silent: bool) -> bool:
            count = len(state.tokens)
            matched = rule(state, start, end, silent)
            if not matched or silent:
                return matched
            last = last_line(state, start)
            if is_unicode_space(first_shown(state, start)) or is_unicode_space(
                last_shown(state, last)
            ):
                inline = next((t for t in state.tokens[count:] if t.type == "inline"), None)
                if inline is not None:
                    inline.content = text(state, start, last, inline.content)
            return True

        return read

    def lines_text(state: StateBlock, start: int, last: int, content: str) -> str:
        return state.getLines(start, last + 1, state.blkIndent, False).strip(" \t\n")

    def heading_text(state: StateBlock, start: int, last: int, content: str) -> str:
        return widened(
            content, state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
        )

    def cells_kept(rule):
        def read(state: StateBlock, start: int, end: int, silent: bool) -> bool:
            if not may_start_table(state, start, end):
                return False
            if not counted_alike(getLine(state, start)):
                return False  # `\u3000| a |` has a cell more than its delimiter row
            count = len(state.tokens)
            matched = rule(state, start, end, silent)
            if matched and not silent:
                keep_cell_spaces(state, state.tokens[count:])
            return matched

        return read

    rules = {rule.name: rule for rule in md.block.ruler.__rules__}
    for name, last_line, text in (
        ("paragraph", lambda state, start: state.line - 1, lines_text),
        ("lheading", lambda state, start: state.line - 2, lines_text),  # above its `===`
        ("heading", lambda state, start: start, heading_text),
    ):
        md.block.ruler.at(name, kept(rules[name].fn, last_line, text), {"alt": rules[name].alt})
    md.block.ruler.at("table", cells_kept(rules["table"].fn), {"alt": rules["table"].alt})


def first_shown(state: StateBlock, line: int) -> str:
    """Return a paragraph's or heading's first character after its indent, `#`s and spaces."""
    src, position, end = state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line]
    while position < end and src[position] == "#":
        position += 1
    while position < end and src[position] in " \t":
        position += 1
    return src[position] if position < end else ""


def last_shown(state: StateBlock, line: int) -> str:
    """Return a line's last character before the spaces and tabs it ends with."""
    src, start, position = state.src, state.bMarks[line], state.eMarks[line]
    while position > start and src[position - 1] in " \t":
        position -= 1
    return src[position - 1] if position > start else ""


def may_start_table(state: StateBlock, start: int, end: int) -> bool:
    """False where markdown-it's table rule finds no table at once: no next line, or one
    that does not start with `|`, `-` or `:` (a delimiter row's first character)."""
    return start + 2 <= end and first_character(state, start + 1) in ("|", "-", ":")


def keep_cell_spaces(state: StateBlock, tokens: list[Token]) -> None:
    """Give a table's cells back the Unicode spaces at their ends (`| \u3000\u3000x |`),
    which markdown-it trims as JavaScript does, and cmark-gfm keeps: each cell's text is
    read again from its row, trimmed as cmark-gfm trims it."""
    cells: list[str] = []
    cell = 0
    for token in tokens:
        if token.type == "tr_open" and token.map:
            cells, cell = split_row(getLine(state, token.map[0]).strip(CMARK_SPACES)), 0
        elif token.type == "inline":
            token.content = cells[cell].strip(CMARK_SPACES) if cell < len(cells) else ""
            cell += 1


def counted_alike(row: str) -> bool:
    """True where a row has as many cells trimmed as cmark-gfm trims and as JavaScript does."""
    cmark, javascript = row.strip(CMARK_SPACES), row.strip(MD_TRIM_CHARS)
    return cmark == javascript or len(split_row(cmark)) == len(split_row(javascript))


def split_row(text: str) -> list[str]:
    """Split a table row at its unescaped `|`, without the empty cells outside its end pipes."""
    cells = escapedSplit(text)
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def widened(content: str, line: str) -> str:
    """Return a `# heading`'s text with the Unicode spaces around it in its `line` put back."""
    level = len(line) - len(line.lstrip("#"))
    if not content:  # `## \u00a0`: the space alone is the heading's text, as in cmark-gfm
        rest = line[level:].strip(" \t")
        return rest if rest and all(map(is_unicode_space, rest)) else content
    start = line.find(content, level)
    if start < 0:
        return content
    end = start + len(content)
    while start > level and is_unicode_space(line[start - 1]):
        start -= 1
    while end < len(line) and is_unicode_space(line[end]):
        end += 1
    return line[start:end]


def lazy_lines_in_lists(md: MarkdownIt) -> None:
    """Make a line left of a list item's text, and four columns or more right of its list's
    own indent, continue the item's paragraph, as GitHub reads it: no block starts there.

    DataTalksClub's zoomcamp indents its items by two spaces (`  1. Stop:`) and their fences
    by four, a column short of the items' text: the list was cut in two, and the fence shown
    as a code block of backticks. markdown-it's list rule makes such a line a continuation;
    its other rules that may end a paragraph (fence, quote, heading, rule, HTML) did not.
    """

    def lazy(rule):
        def read(state: StateBlock, start: int, end: int, silent: bool) -> bool:
            column = state.sCount[start]
            if (
                silent
                and state.listIndent >= 0
                and state.listIndent + 4 <= column < state.blkIndent
            ):
                return False
            return rule(state, start, end, silent)

        return read

    for rule in md.block.ruler.__rules__:
        if "paragraph" in rule.alt and rule.name != "list":
            md.block.ruler.at(rule.name, lazy(rule.fn), {"alt": rule.alt})


def tag_lines_end_lazy_text(md: MarkdownIt) -> None:
    """Make a line of one HTML tag (`<img src="robot.png">`, `<br/>`) start an HTML block
    where it would be lazy text of a quote, or of a list item from left of the item's text,
    as GitHub reads it: cmark ends the quote or the item there, and the tag follows them.

    CommonMark lets such a tag (an HTML block of type 7) start no block where a paragraph
    goes on; cmark applies that only to a paragraph in the tag's own container, while
    markdown-it also to the quote's text it would continue lazily: nodebestpractices'
    screenshots, each on the line after a quote, were drawn inside the quote's box.
    (A line four columns or more right of its list's indent stays text: lazy_lines_in_lists.)
    """
    rules = {rule.name: rule for rule in md.block.ruler.__rules__}
    html_block = rules["html_block"].fn
    one_tag = HTML_SEQUENCES[-1][0]  # type 7, the only one that may not end a paragraph

    def read(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not silent:  # reading the block itself
            return html_block(state, start, end, silent)
        if html_block(state, start, end, silent):  # a block that may end a paragraph
            return True
        lazy = not state.is_code_block(start) and (
            state.parentType in ("blockquote", "table")
            or (state.parentType == "paragraph" and 0 <= state.sCount[start] < state.blkIndent)
        )
        line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
        return lazy and bool(md.options.get("html")) and bool(one_tag.search(line))

    md.block.ruler.at("html_block", read, {"alt": rules["html_block"].alt})


def tables_end_as_cmark_ends_them(md: MarkdownIt) -> None:
    """Make a table end, as cmark-gfm ends it, at a line of one HTML tag (CS-Notes puts a
    `<br>` under a table: it was an empty row) and at a line of one `|`, a row of no cells
    (the Rust book's appendix B: GitHub shows the lines after it as text).

    The tag is ended on as after a quote (tag_lines_end_lazy_text); markdown-it reads each
    row with the quote's rules for what ends it, so the table is named its parent meanwhile.
    """
    rules = {rule.name: rule for rule in md.block.ruler.__rules__}
    table = rules["table"].fn

    def read(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if not may_start_table(state, start, end):
            return False
        kept, state.parentType = state.parentType, "table"
        try:
            return table(state, start, rows_end(state, start, end), silent)
        finally:
            state.parentType = kept

    md.block.ruler.at("table", read, {"alt": rules["table"].alt})


def rows_end(state: StateBlock, start: int, end: int) -> int:
    """Return the line a table starting at `start` ends at, at the latest: its first line
    of one `|` after its delimiter row (`|---|`), if it has one; else `end`."""
    line = start + 2
    if line > end or not DELIMITER_ROW.match(state.getLines(start + 1, start + 2, 0, False)):
        return end
    while line < end and not state.isEmpty(line):
        if state.getLines(line, line + 1, 0, False).strip() == "|":
            return line
        line += 1
    return end


@contextmanager
def nested(state: StateBlock) -> Iterator[None]:
    """Count one more list or quote around the reader while it reads one."""
    depth = state.env.get(NESTING_KEY, 0)
    state.env[NESTING_KEY] = depth + 1
    try:
        yield
    finally:
        state.env[NESTING_KEY] = depth


def course_classes(state: StateCore) -> None:
    """Give table alignment and GitHub's alerts the theme's classes; drop unsafe attributes."""
    for token in state.tokens:
        if token.children:
            for child in token.children:
                if child.attrs:
                    drop_unsafe_attributes(child)
        if token.type in ("th_open", "td_open"):
            style = token.attrGet("style")
            if style in ALIGNMENT_STYLES:
                del token.attrs["style"]
                token.attrSet("class", ALIGNMENT_STYLES[style])
        elif token.type == "alert_open":
            token.attrSet("class", f"admonition {token.meta['kind'].lower()}")
        elif token.type == "alert_title_open":
            token.attrSet("class", "admonition-title")


def credited_images(state: StateCore) -> None:
    """Show the text between the brackets of an image alone in its paragraph, when its alt
    text is given as an attribute, under the image as its credit (`<small>`, HTML's element
    for attribution: no style to ship).

    `![Comic by Jorge Cham](fig/x.png){alt='A comic strip...'}`, as the Carpentries and
    Pandoc write a credited figure: the brackets' text was shown nowhere.
    """
    tokens = state.tokens
    for index in range(1, len(tokens) - 1):
        opening, inline, closing = tokens[index - 1], tokens[index], tokens[index + 1]
        children = inline.children or []
        if opening.type != "paragraph_open" or closing.type != "paragraph_close":
            continue
        if len(children) != 1 or children[0].type != "image" or not children[0].attrGet("alt"):
            continue
        image = children[0]
        if not "".join(child.content for child in image.children or []).strip():
            continue
        # The credit's tokens move out of the image, whose alt is the attribute's; their
        # offsets, from the start of the brackets' text, become the paragraph's (`![` + 2).
        if "offset" in image.meta:
            for child in image.children:
                if "offset" in child.meta:
                    child.meta["offset"] += image.meta["offset"] + 2
        credit_open = Token("html_inline", "", 0, content="<br><small>")
        credit_close = Token("html_inline", "", 0, content="</small>")
        inline.children = [image, credit_open, *image.children, credit_close]
        image.children = []


def as_text(token: Token, text: str) -> None:
    """Make `token` (a tag's) the text `text`."""
    token.type, token.tag, token.nesting, token.attrs, token.content = "text", "", 0, {}, text


def drop_unsafe_attributes(token: Token) -> None:
    """Remove event handlers, script URLs and inline styles an author gave a link or image
    as `{...}` (the Content-Security-Policy would refuse a style, with an error in the
    browser's console). Kramdown's `{:target="_blank"}`, as Jekyll sites write it, is
    `target="_blank"` (it was an attribute named `:target`)."""
    token.attrs = safe_attributes(token.attrs)


def safe_attributes(attributes: dict) -> dict:
    """Return the attributes drop_unsafe_attributes keeps of `attributes`, in their order."""
    kept = {}
    for name, value in attributes.items():
        name = name.lstrip(":")
        unsafe = name.lower().startswith("on") or name.lower() == "style"
        if name and not unsafe and not SCRIPT_URL.match(str(value)):
            kept[name] = value
    return kept


def render_table_open(self, tokens: list[Token], index: int, options, env) -> str:
    """Open a table inside its scrolling region, named "Table N" (landmarks need unique names)."""
    env["tables"] = env.get("tables", 0) + 1
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="Table {env["tables"]}">'
        "\n<table>\n"
    )


def render_image(self, tokens: list[Token], index: int, options, env) -> str:
    """Render an image with its alt text first: `{alt="..."}` after it, else its brackets'.

    An image left with no alt text (`![](x.png)`) is a warning, at its line, in
    `env["warnings"]`: a screen reader passes over it as decoration. Raw HTML `<img
    alt="">` is not rendered here: that is how an author says an image is decoration.
    """
    token = tokens[index]
    # The parser's own alt is empty until rendered: one already there came from `{alt=...}`.
    alt = str(token.attrs.get("alt") or "") or "".join(
        # A formula is read out as its TeX (markdown-it's text would leave it out).
        child.markup + child.content + CLOSING_MATH.get(child.markup, child.markup)
        if child.type.startswith("math_inline")
        else self.renderInlineAsText([child], options, env)
        for child in token.children or []
    )
    token.attrs = {"alt": alt, **{k: v for k, v in token.attrs.items() if k != "alt"}}
    if not alt.strip() and "line" in token.meta:
        src = token.attrs.get("src")
        env.setdefault("warnings", []).append(
            (
                token.meta["line"],
                token.meta["column"],
                f"image '{src}' has no alt text: describe it between the brackets, ![...]({src})",
            )
        )
    return self.renderToken(tokens, index, options, env)


def footnote_label(token: Token) -> str:
    """Return the name in a footnote's ids: its label as written, spaces made dashes."""
    label = token.meta.get("label")
    return "-".join(label.split()) if label else str(token.meta["id"] + 1)


def footnote_name(token: Token) -> str:
    """Return a footnote's name as an attribute value holds it."""
    return html.escape(footnote_label(token))


def reference_id(token: Token) -> str:
    """Return the id of one reference to a footnote: `fnref:x`, then `fnref2:x`, ..."""
    sub_id = token.meta.get("subId", 0)
    return f"fnref{sub_id + 1 if sub_id > 0 else ''}:{footnote_name(token)}"


def render_footnote_ref(self, tokens: list[Token], index: int, options, env) -> str:
    token = tokens[index]
    number = token.meta["id"] + 1
    return (
        f'<sup id="{reference_id(token)}"><a class="footnote-ref"'
        f' href="#fn:{footnote_name(token)}">{number}</a></sup>'
    )


def render_footnote_block_open(self, tokens: list[Token], index: int, options, env) -> str:
    return '<section class="footnote" aria-label="Footnotes">\n<hr>\n<ol>\n'


def render_footnote_block_close(self, tokens: list[Token], index: int, options, env) -> str:
    return "</ol>\n</section>\n"


def render_footnote_open(self, tokens: list[Token], index: int, options, env) -> str:
    return f'<li id="fn:{footnote_name(tokens[index])}">'


def render_footnote_anchor(self, tokens: list[Token], index: int, options, env) -> str:
    """Render a footnote's link back to its reference; to its second reference as GitHub
    does: "↩2", named "Back to reference 1-2" (two links read alike were told apart by none)."""
    token = tokens[index]
    number = token.meta["id"] + 1
    reference = token.meta.get("subId", 0) + 1
    named = f"{number}-{reference}" if reference > 1 else f"{number}"
    mark = f"<sup>{reference}</sup>" if reference > 1 else ""
    return (
        f'&#160;<a class="footnote-backref" href="#{reference_id(token)}"'
        f' aria-label="Back to reference {named}">&#8617;&#xFE0E;{mark}</a>'
    )


def render_list_item_open(self, tokens: list[Token], index: int, options, env) -> str:
    """Render a list item, with its task checkbox (disabled, and named) if it has one."""
    token = tokens[index]
    result = self.renderToken(tokens, index, options, env)
    if token.meta and "checked" in token.meta:
        checked = " checked" if token.meta["checked"] else ""
        # Every form control needs a name; its state (done or not) is the checkbox's own.
        result += (
            f'<input class="task-list-item-checkbox" type="checkbox" disabled{checked}'
            ' aria-label="Task"> '
        )
    return result
