"""Math in chapters: `$...$`, `$$...$$`, `\\(...\\)`, `\\[...\\]`, GitHub's $`...`$ and
```` ```math ```` blocks, made MathML at build time.

Dollars follow pandoc's rule, as GitHub's does in practice: `$` opens only before a
non-space and closes only after one, never right before a digit, so `$5 or $10` stays
text; `\\$` is a dollar sign. As on GitHub, no `$` right after a letter or digit opens a
formula and none right before one closes it (`r'end$'`, `a$x$`). Each formula becomes
MathML while the chapter is parsed (`meta["mathml"]`), and a TeX error becomes a problem
at its file:line:column.
"""

import re
from bisect import bisect_left, bisect_right

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from courselib.tex import TexError, font_sizes, tex_to_mathml

from .positions import position_in_lines, source_lines

# What only a formula holds, for `\\[...\\]` inside a paragraph (`inline_formula`): a
# command (`\\frac`; `\\_` is an escaped underscore), braces, a script, or a sign between
# two terms (`x + 1`, `a<b`; a lone `\\[+\\]` is a button's name in brackets, `\\[2-3\\]`
# a citation).
TEX_SIGN = re.compile(r"\\[A-Za-z|{}]|[{}]|(?<!\\)[\^_]|[\w)}\]'|.]\s*[=+<>]\s*[\w(\\{|.\-\u2212]")
UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
ASCII_LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
BACKTICK_RUN = re.compile(r"`+")
BACKSLASH_PAIR = re.compile(r"\\.", re.DOTALL)
# A number or a Roman numeral alone: what `\\(...\\)` holds when it is escaped parentheses.
NUMBER_ONLY = re.compile(r"\d+|[IVXLC]{2,}")  # not `\(I\)` or `\(x\)`: a matrix, a variable
# A word of prose (`pixelated`, `TDD`), and two side by side (`learn best`), in what
# `\\(...\\)` holds; and a TeX command.
PROSE_WORD = re.compile(r"(?<![A-Za-z\\])[A-Za-z]{3,}")
PROSE_PHRASE = re.compile(r"(?<![A-Za-z\\])[A-Za-z]{3,}\s+[A-Za-z]{3,}")
TEX_COMMAND = re.compile(r"\\[A-Za-z]")
MATH_TOKENS = {"math_inline": False, "math_inline_double": True, "math_block": True}


def add_math(md: MarkdownIt) -> None:
    """Make `md` read the four kinds of math and turn each formula into MathML."""
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,
        allow_digits=False,
        allow_blank_lines=False,
        double_inline=True,
    )
    dollars = md.inline.ruler.__rules__[md.inline.ruler.__find__("math_inline")].fn
    md.inline.ruler.at("math_inline", as_github_reads(dollars))
    md.inline.ruler.before("math_inline", "math_backticks", backtick_dollars)
    md.inline.ruler.before("escape", "math_bracket_inline", bracket_inline)
    md.block.ruler.before(
        "fence", "math_bracket_block", bracket_block, {"alt": ["paragraph", "reference"]}
    )
    md.core.ruler.push("math_to_mathml", math_to_mathml)
    md.core.ruler.before("math_to_mathml", "math_fences", math_fences)
    md.core.ruler.before("math_to_mathml", "double_dollars_in_text", double_dollars_in_text)
    for token_type in MATH_TOKENS:
        md.add_render_rule(token_type, render_math)


def double_dollars_in_text(state: StateCore) -> None:
    """Make each `$$...$$` inline math where GitHub shows it inline: display math only in a
    paragraph of nothing but such formulas, outside a list item; in a sentence, a list item,
    a heading or a table it is part of the line (ml-interviews-book writes `$$X$$` so).
    A formula between `$$` lines of their own, as a display block is written, is display
    math in a paragraph's text too: easy-rl writes 39 numbered formulas (`\\tag`, which
    only a display formula has) so, between two lines of text with no blank line."""
    in_list_item = 0
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_list_item += 1
        elif token.type == "list_item_close":
            in_list_item -= 1
        elif token.type == "inline" and token.children:
            doubles = [
                child
                for child in token.children
                if child.type == "math_inline_double" and child.markup == "$$"
            ]
            in_paragraph = index > 0 and tokens[index - 1].type == "paragraph_open"
            alone = (
                not in_list_item
                and in_paragraph
                and all(child in doubles or is_blank(child) for child in token.children)
            )
            for child in doubles if not alone else []:
                if in_list_item or not in_paragraph or not on_own_lines(child, token.content):
                    child.type = "math_inline"


def on_own_lines(formula: Token, text: str) -> bool:
    """True if `formula` (`$$...$$`, in its paragraph's `text`) is written as a display block:
    each `$$` on a line of its own."""
    start = formula.meta.get("offset")
    lines = formula.content.split("\n")
    if start is None or len(lines) < 3 or lines[0].strip() or lines[-1].strip():
        return False
    end = start + len(formula.content) + 4
    before, after = text[:start].rstrip(" \t"), text[end:].lstrip(" \t")
    return before[-1:] in ("", "\n") and after[:1] in ("", "\n")


def is_blank(token: Token) -> bool:
    """True for what a paragraph of display formulas may hold besides them: spaces, breaks."""
    return token.type in ("softbreak", "hardbreak") or (
        token.type == "text" and not token.content.strip()
    )


def as_github_reads(dollars):
    """Return the `$...$` rule `dollars`, refusing the formulas GitHub does not draw.

    - One whose closing `$` lies in code. A code span is read before anything else in its
      text, so a `$` in it closes nothing: "*$HOME/.cargo/bin*. Ensure that this directory
      is in your `$PATH`" (rust-lang/book) was one formula from `$HOME` to `$PATH`, its
      spaces lost. A backtick between the two dollars is the sign: no formula an author
      writes holds one.
    - One right after or before a letter or a digit (github/markup#1742): `r'substring$' eg
      r'love$'` in 30-Days-Of-Python was one formula; `a$x$` and `$x$a` stay text. Letters
      outside ASCII are not counted: Chinese books write `其中$x$是` and GitHub draws those.

    The formula is read once to find its end, checked, and read again to be taken.
    """

    def dollars_read(state: StateInline, silent: bool) -> bool:
        if state.pos or not state.src[-1:].isdigit():
            return dollars(state, silent)
        # At a paragraph's start the rule looks at the character before it as `src[-1]`,
        # the paragraph's last: "$x$ equals 5" lost its formula (pumpkin-book), as if the
        # `$` followed a digit. Read with a space after the paragraph, never reached.
        written = state.src
        state.src = written + " "
        try:
            return dollars(state, silent)
        finally:
            state.src = written

    def dollars_as_github_reads(state: StateInline, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != "$":
            return False  # as the dollars' rule returns, having changed nothing
        if start and ASCII_LETTER_OR_DIGIT.match(state.src[start - 1]):
            return False
        if not dollars_read(state, True):
            return False
        end, state.pos = state.pos, start
        if "`" in state.src[start:end] or ASCII_LETTER_OR_DIGIT.match(state.src[end : end + 1]):
            return False
        return dollars_read(state, silent)

    return dollars_as_github_reads


def backtick_dollars(state: StateInline, silent: bool) -> bool:
    """Read GitHub's other way to write inline math, $`...`$: a code span between dollars.

    As a code span, it ends at the first run of as many backticks as it opens with; a `$`
    right after that run makes it math (`$`a` and `b`$` is two code spans). The runs of
    backticks in a paragraph are found once, for all its openings and its links' texts.
    """
    start, text = state.pos, state.src
    if not text.startswith("$`", start):
        return False
    opening_end = start + 1
    while opening_end < state.posMax and text[opening_end] == "`":
        opening_end += 1
    ticks = opening_end - start - 1
    runs = state.env.setdefault("backtick_runs", {})
    if text not in runs:
        runs[text] = {}
        for run in BACKTICK_RUN.finditer(text):
            runs[text].setdefault(len(run[0]), []).append(run.start())
    same = runs[text].get(ticks, [])
    after = bisect_left(same, opening_end)
    closing = same[after] if after < len(same) else -1
    end = closing + ticks  # where its `$` is
    if closing < 0 or end >= state.posMax or text[end] != "$":
        return False
    if not text[opening_end:closing].strip():
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = text[opening_end:closing]
        token.markup = text[start:opening_end]
    state.pos = end + 1
    return True


def bracket_inline(state: StateInline, silent: bool) -> bool:
    """Read `\\(...\\)` (inline) or `\\[...\\]` (display) within a paragraph."""
    start = state.pos
    if state.src[start] != "\\" or start + 1 >= state.posMax:
        return False
    opening = state.src[start + 1]
    if opening not in "([":
        return False
    bracket = ")" if opening == "(" else "]"
    # The paragraph's brackets, found once: a paragraph of thousands of `\[` before one far
    # `\]` took quadratic time, each searched again, and each formula as long as the rest.
    # No formula holds an opening of its own kind: only the last before a close is one.
    brackets = state.env.setdefault("math_brackets", {})
    key = (state.src, state.posMax)
    if key not in brackets:
        brackets[key] = escaped_brackets(state.src, state.posMax)
    closings, openings = brackets[key][bracket], brackets[key][opening]
    after = bisect_left(closings, start + 2)
    end = closings[after] if after < len(closings) else -1
    later_opening = bisect_right(openings, start)
    if end >= 0 and later_opening < len(openings) and openings[later_opening] < end:
        return False
    tex = state.src[start + 2 : end] if end >= 0 else ""
    if not is_formula(tex):
        return False  # `\(` alone, or `\(\)`, is an escaped parenthesis
    if start > 0 and ASCII_LETTER_OR_DIGIT.match(state.src[start - 1]):
        return False  # a call or an index: `querySelector\(_selector_\)`, `a\[i+1\]`
    if not inline_formula(tex, opening):
        return False
    if not silent:
        token = state.push("math_inline" if opening == "(" else "math_inline_double", "math", 0)
        token.content = tex
        token.markup = "\\" + opening
    state.pos = end + 2
    return True


def escaped_brackets(text: str, end: int) -> dict[str, list[int]]:
    """Return where `\\(`, `\\)`, `\\[` and `\\]` are in `text[:end]`, by bracket, in order.

    A backslash and the character after it are read as one, from the start, as Markdown
    reads escapes and TeX its commands: the `\\]` in `\\\\]` (a line break, then `]`)
    closes nothing.
    """
    found: dict[str, list[int]] = {"(": [], ")": [], "[": [], "]": []}
    for pair in BACKSLASH_PAIR.finditer(text, 0, end):
        if pair[0][1] in found:
            found[pair[0][1]].append(pair.start())
    return found


def inline_formula(tex: str, opening: str) -> bool:
    """True when `\\(tex\\)` or `\\[tex\\]` within a paragraph is a formula, not escaped brackets.

    GitHub reads neither as math: there `\\[1\\]` is an escaped citation and `\\( $x$ \\)` a
    formula in parentheses. So inside a paragraph `\\[...\\]` is a formula only when it holds
    something TeX typesets (a command, a script, a relation, braces), `\\(...\\)` when it holds
    more than a number (`\\(1\\)`, `\\(II\\)`: a step) and is not prose: with no command,
    two words side by side (`\\(learn best by _doing_\\)`, `\\(see [the docs](x)\\)`), or a word
    and nothing of math (`\\(pixelated\\)`, `\\(e.g., 960px wide\\)`), as The Odin Project
    escapes its asides; `\\(d_{model} = 512\\)` and `\\(ReLU(x)\\)` are formulas. Neither
    holds `$` or a code span.
    """
    if UNESCAPED_DOLLAR.search(tex) or "`" in tex:
        return False
    if opening == "(":  # `\(1\)`, `\(II\)`: a numbered step in escaped parentheses
        math = TEX_SIGN.search(tex) is not None or "(" in tex
        prose = TEX_COMMAND.search(tex) is None and (
            PROSE_PHRASE.search(tex) is not None or (PROSE_WORD.search(tex) and not math)
        )
        return NUMBER_ONLY.fullmatch(tex.strip()) is None and not prose
    return TEX_SIGN.search(tex) is not None


def is_formula(tex: str) -> bool:
    """True when `tex` holds more than spaces and backslashes: something to typeset."""
    return bool(tex.replace("\\", "").strip())


def bracket_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Read display math that starts a block with `\\[` and ends a line with `\\]`."""
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin : state.eMarks[start_line]]
    if not first.startswith("\\["):
        return False
    # Where a search for the closing line found none: none is found from a later line of
    # that paragraph either, so thousands of lines opening with `\[` are read once each.
    unclosed = state.env.setdefault("unclosed_math_blocks", {})
    searched = unclosed.get((state.src, end_line))
    if searched is not None and searched[0] <= start_line < searched[1]:
        return False
    line, text = start_line, first[2:]
    while not text.rstrip().endswith("\\]"):
        line += 1
        if line >= end_line or state.isEmpty(line):
            unclosed[(state.src, end_line)] = (start_line, line)
            return False
        text += "\n" + state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
    if not is_formula(text.rstrip()[:-2]):
        return False
    if not silent:
        token = state.push("math_block", "math", 0)
        token.block = True
        token.content = text.rstrip()[:-2]
        token.markup = "\\["
        token.map = [start_line, line + 1]
    state.line = line + 1
    return True


def math_fences(state: StateCore) -> None:
    """Make each fenced block of language `math` (GitHub's other way to write display math,
    ```` ```math ````) a math block, its text starting after the opening fence's line."""
    for token in state.tokens:
        if token.type == "fence" and token.info.strip() == "math":
            token.type, token.content = "math_block", "\n" + token.content


def math_to_mathml(state: StateCore) -> None:
    """Convert every formula of the chapter to MathML; note each TeX error where it was written.

    A math block's text starts right after its opening `$$` or `\\[`, on the block's
    first line, so its lines are the ends of the block's source lines.
    """
    for token in state.tokens:
        if token.type == "math_block":
            convert(state, token, token.map[0], token.content, 0)
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type in MATH_TOKENS and "offset" in child.meta:
                    start = child.meta["offset"] + len(child.markup)
                    convert(state, child, token.map[0], token.content, start)


def convert(state: StateCore, token: Token, first_line: int, text: str, start: int) -> None:
    """Set `token.meta["mathml"]`, or note the TeX error at its place: `start` in `text`."""
    tex = token.content.strip()  # the newlines after `$$` and before the closing one
    lead = len(token.content) - len(token.content.lstrip())
    for offset, command in font_sizes(tex):
        line, column = position_in_lines(
            source_lines(state), first_line, text, start + lead + offset
        )
        state.env.setdefault("warnings", []).append(
            (line, column, f"TeX: {command} is left out: a formula takes the size of its text")
        )
    try:
        token.meta["mathml"] = tex_to_mathml(tex, display=MATH_TOKENS[token.type])
    except TexError as error:
        offset = start + lead + (error.offset or 0)
        line, column = position_in_lines(source_lines(state), first_line, text, offset)
        state.env.setdefault("problems", []).append((line, column, f"TeX: {error.message}"))


def render_math(self, tokens: list[Token], index: int, options, env) -> str:
    """Write a formula's MathML, or its TeX as code when it could not be converted."""
    token = tokens[index]
    if "mathml" in token.meta:
        return token.meta["mathml"] + ("\n" if token.type == "math_block" else "")
    return f'<code class="math-error">{escapeHtml(token.content)}</code>'
