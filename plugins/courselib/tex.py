"""TeX formulas as MathML Core, made when the site is built: safe to put in a page, or refused.

The converter is math-core (Rust, MathML Core output, an error for every unknown
command); around it this module adds what a course site needs:

- one short message and the offset in the formula for every mistake (`TexError`);
- commands that would put links, styles, colours or HTML attributes into a page
  refused before conversion, and the output checked against an allow-list after it
  (`mathml_check`), so no author and no converter bug can inject markup;
- a guard against deep nesting: the converter recurses on the machine stack, and a
  formula nested some thousands deep overflows it and ends the whole process, so
  long formulas are converted on a thread with a stack sized for the longest allowed.

No `<math>` carries its TeX source (math-core's `<semantics>` + `<annotation
encoding="application/x-tex">`): browsers do not draw it, Chromium (156) gives
screen readers the MathML structure (MathMLFraction, MathMLSquareRoot, ...)
without it, and selecting and copying a formula copies the drawn characters, so
no reader used it, while it made a fifth of each formula's bytes (about 150 of
700 in a typical ML chapter: 3 KB for 20 display formulas). The TeX stays in the
chapter's source (the page's "Edit this page" link, with SOURCE_URL set). No `alttext`
either: Chromium does not expose it, and where a tool reads it, raw TeX would
replace the structure.
"""

import html
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from math_core import LatexToMathML

from .mathml_check import UnsafeMathML, checked_mathml

# Longer than any formula a course needs; with it, the deepest possible nesting fits BIG_STACK.
MAX_TEX_CHARS = 8000
# The converter needs at most about 1.6 KB of stack per character of TeX (measured: 8,000
# nested braces); formulas up to DIRECT_CHARS fit any thread's stack.
DIRECT_CHARS = 200
BIG_STACK = 64 * 1024 * 1024

UNSAFE_HINT = "a formula cannot change the page's links, styles or attributes"
NO_NUMBERS = "formulas have no numbers but their own \\tag{...}, as on GitHub; write it in the text"
REFUSED_COMMANDS = {
    **dict.fromkeys(["href", "url"], "links are not allowed in formulas"),
    **dict.fromkeys(
        ["style", "class", "cssId", "htmlStyle", "htmlClass", "htmlId", "htmlData"], UNSAFE_HINT
    ),
    **dict.fromkeys(
        ["colorbox", "fcolorbox", "pagecolor"],
        "coloured backgrounds are not supported; use \\boxed, or \\color for the text",
    ),
    "definecolor": "defining colours is not supported; use a colour's name, as \\color{blue}",
    **dict.fromkeys(
        ["def", "gdef", "edef", "xdef", "let", "global", "newcommand", "renewcommand"],
        "defining commands inside a formula is not supported; write the formula out",
    ),
    **dict.fromkeys(["providecommand", "DeclareMathOperator"], "write \\operatorname{...}"),
    **dict.fromkeys(["eqref", "ref"], NO_NUMBERS),
    **dict.fromkeys(
        ["cancel", "bcancel", "xcancel", "sout", "phase", "angl"],
        "strike-through and enclosures other than \\boxed are not supported",
    ),
}
# Inline styles the converter writes that the page cannot carry: the commands behind them.
STYLE_SOURCES = {
    "'margin-left:": (
        r"\\(?:hspace|kern|mkern|hskip|mskip|mspace)\b",
        "negative spaces other than \\!, \\negmedspace and \\negthickspace are not supported",
    ),
    "'font-size:": (
        r"\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)\b",
        "font sizes are not supported in formulas",
    ),
}
# Text commands of LaTeX (and MathJax, which GitHub uses) the converter does not know: each is
# written as \text, padded with spaces to its length so that an error's offset stays right.
TEXT_COMMANDS = {"mbox", "hbox", "textnormal"}
# Font sizes: a page cannot carry the inline style they need, and a formula takes the size
# of its text. Each is left out (blanked, so offsets stay right); the chapter reader warns.
FONT_SIZES = {"tiny", "scriptsize", "footnotesize", "small", "normalsize"}
FONT_SIZES |= {"large", "Large", "LARGE", "huge", "Huge"}
FONT_SIZE_COMMAND = re.compile(rf"\\(?:{'|'.join(sorted(FONT_SIZES))})(?![A-Za-z])")
REWRITTEN_COMMAND = re.compile(rf"\\(?:{'|'.join(sorted(TEXT_COMMANDS | FONT_SIZES))})(?![A-Za-z])")
# Commands of LaTeX and amsmath (which MathJax, and so GitHub, draws) that the converter
# does not know yet, with what to write instead where there is something: the hint to
# write \operatorname{...} would mislead.
UNSUPPORTED_LATEX = {
    "multicolumn": "",
    "textcircled": "a circled character, ① to ⑳, ⓐ to ⓩ, directly",
}
# LaTeX's other names for what the converter knows: the same drawing (a "poor man's bold"
# is bold, a \mathds letter a double-struck one; a wide accent over one letter, as it is
# mostly written, is its narrow one, and over more stays centred).
SYNONYMS = {
    "widetilde": "\\tilde",
    "widecheck": "\\check",
    "pmb": "\\boldsymbol",
    "mathds": "\\mathbb",
    "dotsc": "\\dots",
    "dotsb": "\\dots",
    "hdots": "\\cdots",
    "mit": "\\it",
    "mathnormal": "\\mathit",
    "cr": "\\\\",  # plain TeX's row end, as MathJax reads it (QuantEcon: 72 formulas)
    # The logos, MathJax's base macros (the Workbench's lesson template writes `$\LaTeX$`).
    "LaTeX": "\\text{LaTeX}",
    "TeX": "\\text{TeX}",
}
# What the converter does not read yet, as GitHub's MathJax does, written as what it reads:
# symbols written as Unicode (a transpose `x^⊤`, a prime after a script `L^′`; it reads
# most, ∑, ≤, ℝ, α...), `\textcircled{1}` as ① (pumpkin-book's steps), `\gamma*x`,
# which it took for a starred command `\gamma*` (LaTeX's starred ones are left as they are),
# SYNONYMS (`\pmb{x}`: 20 in pumpkin-book and d2l; MathJax's math-italic switch `\mit`,
# Python-100-Days), and an operator named in `\mathop`
# with its limits below (`\mathop{max}\limits_{a}`, `\mathop{\text{minimize}}\limits_x`:
# 15 in easy-rl), which it draws as `\operatorname*{max}\limits_{a}`, upright (and
# `\mathop{\inf}\limits` as `\inf\limits`, pumpkin-book); and
# amsmath's `\substack{i<n \\ j}`, which is `\begin{subarray}{c}...\end{subarray}`.
# And as GitHub's MathJax numbers no formula (its `tags: 'none'`), `equation`, `align`,
# `gather` and `multline` are drawn as their starred forms, with their `\label`,
# `\notag` and `\nonumber` left out (easy-rl's GAE paper notes write `align` 6 times);
# amsmath's other alignments are drawn as ENVIRONMENTS_READ_AS says, and `smallmatrix` as
# a matrix in a script's size. An old font switch starting text, `\text{\rm s.t.}`
# (pumpkin-book), is left out: text is upright.
# Math inside text, `\textrm{for any constant $C$}` (d2l), is text, math, text. A colour
# written `\color{#1f77b4}` or `\color{#F00}` is read as `\color[HTML]{1f77b4}`, and
# `\textcolor[rgb]{1,0,0}{x}` as `{\color[rgb]{1,0,0}x}`. A line break's extra space,
# `\\[2pt]`, is left out (the converter showed "[2pt]"), and so is the second rule of a
# double one, `\hline\hline` (the converter refused it). `\smash{x}` and `\mathclap{x}`
# (QuantEcon) are their argument, drawn taking its own room, where TeX lets it overlap.
ENVIRONMENTS_READ_AS = {
    "equation": "equation*",
    "align": "align*",
    "gather": "gather*",
    "multline": "multline*",
    "split": "aligned",  # inside an equation, as MathJax draws it
    "alignat": "align*",  # its pairs of columns spaced as align's; its count left out
    "alignat*": "align*",
    "alignedat": "aligned",
}
COLUMN_COUNTED = frozenset({"alignat", "alignat*", "alignedat"})
RENAMED_ENVIRONMENTS = "|".join(map(re.escape, [*ENVIRONMENTS_READ_AS, "smallmatrix"]))
UNICODE_COMMANDS = {
    "⊤": "{\\top}",
    "⊥": "{\\bot}",
    "′": "{\\prime}",
    "″": "{\\prime\\prime}",
    "‴": "{\\prime\\prime\\prime}",
}
CIRCLED = {
    **{str(number): chr(0x2460 + number - 1) for number in range(1, 21)},
    "0": "\u24ea",
    **{chr(ord("a") + index): chr(0x24D0 + index) for index in range(26)},
    **{chr(ord("A") + index): chr(0x24B6 + index) for index in range(26)},
}
NOT_ESCAPED = r"(?<!(?<!\\)\\)"  # no lone backslash before: `\\` is a command of its own
UNREAD = re.compile(
    r"(?P<symbol>[⊤⊥]|(?<=[\^_])[′″‴])"
    r"|\\textcircled\s*\{\s*(?P<circled>\d{1,2}|[A-Za-z])\s*\}"
    r"|\\(?P<starred>(?!(?:operatorname|hspace|vspace|tag)\*)[A-Za-z]+)\*"
    # Not after a lone backslash: `\\cr` is a row's end, then the letters c and r.
    rf"|{NOT_ESCAPED}(?P<overlap>\\(?:smash|mathclap|mathllap|mathrlap)(?![A-Za-z])\s*(?:\[[tb]\])?)"
    rf"|{NOT_ESCAPED}\\(?P<synonym>{'|'.join(SYNONYMS)})(?![A-Za-z])"
    r"|\\mathop\s*\{\s*(?:\\(?:mathrm|text|operatorname)\s*\{(?P<named>[A-Za-z ]+)\}"
    r"|(?P<letters>[A-Za-z]+)|(?P<operator>\\[A-Za-z]+))\s*\}(?=\s*\\limits(?![A-Za-z]))"
    r"|(?P<substack>\\substack\s*\{)"
    rf"|\\(?P<edge>begin|end)\s*\{{(?P<environment>{RENAMED_ENVIRONMENTS})\}}"
    r"(?P<columns>\s*\{\s*\d{1,2}\s*\})?"
    r"|(?P<unnumbered>\\label\s*\{[^{}]*\}|\\(?:notag|nonumber)(?![A-Za-z]))"
    r"|(?P<text_rm>\\text(?:rm)?\s*\{)\s*\\rm(?![A-Za-z])\s*"
    r"|\\(?P<text_with_math>text|textrm|textit|textbf|textsf|texttt)\s*\{(?=[^{}]*\$)"
    r"|\\color\s*\{\s*#(?P<hex>[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})\s*\}"
    r"|\\textcolor\s*\{\s*#(?P<text_hex>[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})\s*\}\s*\{"
    r"|\\textcolor\s*(?P<text_model>\[[A-Za-z]+\]\s*\{[^{}]*\})\s*\{"
    r"|(?P<row_space>\\\\)\s*\[\s*-?(?:\d+\.?\d*|\.\d+)\s*(?:pt|em|ex|mm|cm|in|mu|px|bp)\s*\]"
    r"|(?P<double_rule>\\hline)(?:\s*\\hline)+(?![A-Za-z])"
)
# A colour written with `#` (`\color{#1f77b4}`), and what follows a \textcolor's.
HASH_COLOUR = re.compile(
    r"\\(?P<command>color|textcolor)\s*\{(?P<colour>\s*#[^{}]*)\}(?P<braced>\s*\{)?"
)
HEX_DIGITS = re.compile(r"#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
# An environment's edge, `\begin{split}` or `\end{split}`.
BEGIN_OR_END = re.compile(r"\\(?P<edge>begin|end)\s*\{(?P<name>[^{}]*)\}")
EDGES = frozenset({"\\begin", "\\end"})
# A `$` that is not written `\$`: math inside `\text{...}`.
UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
# The row the converter makes of a table's trailing `\\`: one empty cell, perhaps ruled.
EMPTY_LAST_ROW = re.compile(r'<mtr><mtd(?: class="(?P<classes>[^"]*)")?></mtd></mtr>(?=</mtable>)')
ROW_TAG = re.compile(r"</?mtr>")
CELL_OR_TABLE_TAG = re.compile(r'<mtd(?: class="(?P<classes>[^"]*)")?>|(?P<table></?mtable)')
# An `\hline` (`\hdashline`) over that empty row: the bottom rule of each cell above it.
BOTTOM_RULES = {"tex-line-top": "tex-line-bottom", "tex-dash-top": "tex-dash-bottom"}
# A formula's own number: `\tag{2.1}` or, shown without parentheses, `\tag*{A}`.
TAG = re.compile(r"\\tag(?P<starred>\*?)\s*\{(?P<number>[^{}]{1,40})\}")

# A command (`\frac`, or one character: `\{`, `\\`), a comment, or a brace.
TOKEN = re.compile(r"\\(?:[A-Za-z]+|.)|%[^\n]*|[{}]", re.DOTALL)
# Invisible characters a page must not carry (a NUL, say); tabs and line breaks are fine.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A backslash before a line's end or a tab: a space to TeX.
CONTROL_SPACES = ("\\\n", "\\\r", "\\\t")
LIBRARY_ERROR = re.compile(r"(\d+): (.*)", re.DOTALL)
ARGUMENT_TAKERS = re.compile(r"\\[A-Za-z]+|[\^_]")
# The converter spells two invisible operators as named references of 15 and 16 bytes; the
# characters themselves take 3 bytes each and parse to the same text (the function
# application after every \log, \max or \operatorname).
INVISIBLE_OPERATORS = {"&ApplyFunction;": "\u2061", "&InvisibleTimes;": "\u2062"}

_converters = threading.local()
# One thread per process with a deep stack, started on the first long formula.
_big_stack_lock = threading.Lock()
_big_stack_pool: ThreadPoolExecutor | None = None
_big_stack_pid: int | None = None


class TexError(ValueError):
    """A formula that cannot be converted: `message` for the author, `offset` into the TeX."""

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def tex_to_mathml(tex: str, display: bool) -> str:
    """Return one `<math>` element for `tex` (`display="block"` if `display`; with its
    `\\tag` beside it, in a `<span>`), or raise TexError."""
    if not tex.strip():
        raise TexError("the formula is empty", 0)
    if len(tex) > MAX_TEX_CHARS:
        raise TexError(
            f"the formula is {len(tex):,} characters long; split it (at most {MAX_TEX_CHARS:,})", 0
        )
    control = CONTROL_CHARACTER.search(tex)
    if control:
        raise TexError(
            f"control character U+{ord(control.group()):04X} in the formula", control.start()
        )
    tex = _control_spaces(tex)
    tex, tag = _without_tag(tex, display)
    _refuse_unsupported(tex)
    _refuse_bad_colours(tex)
    written = tex
    as_text = _as_text_commands(tex)
    tex, origins = _as_read(as_text)
    # A rewritten formula may hold a renamed environment (split read as aligned): its
    # mistakes are found here, to name the environments as written.
    if origins is not None:
        _refuse_unmatched_environments(as_text)
    try:
        if len(tex) <= DIRECT_CHARS:
            mathml = _converter().convert_with_local_state(tex, displaystyle=display)
        else:
            mathml = _on_big_stack(
                lambda: _converter().convert_with_local_state(tex, displaystyle=display)
            )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: B036 - a Rust panic arrives as a BaseException
        problem = _author_error(tex, error)
        if origins and problem.offset is not None:  # an offset into what the author wrote
            problem.offset = origins[min(problem.offset, len(origins) - 1)]
        raise problem from None
    try:
        mathml = checked_mathml(mathml)
    except UnsafeMathML as unsafe:
        raise _unsafe_error(written, unsafe) from None
    for reference, character in INVISIBLE_OPERATORS.items():
        mathml = mathml.replace(reference, character)
    mathml = without_trailing_rows(mathml)
    return mathml if tag is None else _with_tag(mathml, tag)


def without_trailing_rows(mathml: str) -> str:
    """Return checked MathML without the empty last row the converter makes of a table's
    trailing `\\\\` (one empty cell), which TeX and MathJax draw as nothing; an `\\hline`
    after it (`c & d \\\\ \\hline`, AI-System's tables) is the bottom rule of the row above."""
    position = 0  # inner tables first: an outer table's row above holds them as they end
    while (found := EMPTY_LAST_ROW.search(mathml, position)) is not None:
        row = _row_before(mathml, found.start())
        if row is None:  # the table's only row: left as it is
            position = found.end()
            continue
        classes = (found["classes"] or "").split()
        above = mathml[row : found.start()]
        for name in classes:
            if name in BOTTOM_RULES:
                above = _with_class_on_cells(above, BOTTOM_RULES[name])
        mathml = mathml[:row] + above + mathml[found.end() :]
        position = row + len(above)
    return mathml


def _row_before(mathml: str, end: int) -> int | None:
    """Return where the `<mtr>` starts whose `</mtr>` ends right at `end`, or None."""
    depth = 0
    for tag in reversed(list(ROW_TAG.finditer(mathml, 0, end))):
        depth += 1 if tag.group() == "</mtr>" else -1
        if depth == 0:
            return tag.start()
    return None


def _with_class_on_cells(row: str, name: str) -> str:
    """Return a `<mtr>...</mtr>` with class `name` added to each of its own cells (not those
    of a table inside one)."""
    pieces, done, depth = [], 0, 0
    for tag in CELL_OR_TABLE_TAG.finditer(row):
        if tag["table"]:
            depth += -1 if tag.group().startswith("</") else 1
        elif depth == 0:
            classes = f"{tag['classes']} {name}" if tag["classes"] else name
            pieces += [row[done : tag.start()], f'<mtd class="{classes}">']
            done = tag.end()
    return "".join(pieces) + row[done:]


def _without_tag(tex: str, display: bool) -> tuple[str, str | None]:
    r"""Return `tex` with its `\tag{2.1}` blanked (offsets stay right), and the number as
    shown: "(2.1)", or as written for `\tag*{A}`; raise TexError for a tag that cannot be.

    An author's own number, which MathJax (GitHub) shows at the right of the formula: it
    cannot restart as LaTeX's automatic numbers would. One a formula, outside braces and
    environments (a row's own number would need a table of numbered rows), plain text.
    """
    if "\\tag" not in tex:
        return tex, None
    depth, environments, found = 0, 0, None
    for token in TOKEN.finditer(tex):
        text = token.group()
        depth += {"{": 1, "}": -1}.get(text, 0)
        environments += {"\\begin": 1, "\\end": -1}.get(text, 0)
        if text != "\\tag":
            continue
        if not display:
            raise TexError(
                r"\tag numbers a display formula ($$...$$), not one in a line", token.start()
            )
        if found is not None:
            raise TexError(r"one \tag a formula: give each its own $$...$$", token.start())
        if depth or environments:
            raise TexError(
                r"\tag inside braces or an environment is not supported: put it at the end",
                token.start(),
            )
        found = TAG.match(tex, token.start())
        if found is None or "\\" in found["number"] or "$" in found["number"]:
            raise TexError(r"\tag takes a number or plain text in braces: \tag{2.1}", token.start())
    number = " ".join(found["number"].split())
    shown = number if found["starred"] else f"({number})"
    blank = " " * (found.end() - found.start())
    return tex[: found.start()] + blank + tex[found.end() :], shown


def _with_tag(mathml: str, shown: str) -> str:
    """Return a display formula's MathML with its number beside it, at the right of the
    line: the formula scrolls in what is left when it is wider (on a phone), the number
    stays in sight (`math-tagged` in the site's math rules)."""
    number = html.escape(shown, quote=False)
    return f'<span class="math-tagged">{mathml}<span class="math-tag">{number}</span></span>'


def _unsafe_error(tex: str, unsafe: UnsafeMathML) -> TexError:
    """Return the TexError for output the page cannot carry, at the command that made it."""
    for declaration, (commands, message) in STYLE_SOURCES.items():
        if declaration in str(unsafe):
            found = re.search(commands, tex)
            return TexError(message, found.start() if found else None)
    return TexError(f"not supported in a page: {unsafe}")


def _converter() -> LatexToMathML:
    """Return this thread's converter (one converter is not meant to be shared by threads)."""
    converter = getattr(_converters, "converter", None)
    if converter is None:
        converter = LatexToMathML(annotation=False, fancy_error=False)
        _converters.converter = converter
    return converter


def _on_big_stack(work: Callable[[], str]) -> str:
    """Run `work` on this process's converter thread, whose stack fits the longest formula."""
    global _big_stack_pool, _big_stack_pid
    with _big_stack_lock:
        if _big_stack_pool is None or _big_stack_pid != os.getpid():  # a forked child starts anew
            previous = threading.stack_size(BIG_STACK)
            try:
                _big_stack_pool = ThreadPoolExecutor(1, thread_name_prefix="tex-to-mathml")
                _big_stack_pool.submit(int).result()  # its one thread starts now, with that stack
            finally:
                threading.stack_size(previous)
            _big_stack_pid = os.getpid()
        pool = _big_stack_pool
    return pool.submit(work).result()


def _refuse_unsupported(tex: str) -> None:
    """Raise TexError at the first command a page must not carry."""
    for token in TOKEN.finditer(tex):
        name = token.group()[1:]
        if name in REFUSED_COMMANDS:
            raise TexError(f"\\{name} is not supported: {REFUSED_COMMANDS[name]}", token.start())


def _refuse_bad_colours(tex: str) -> None:
    """Raise TexError at a colour written with `#` that is not `#RRGGBB` or `#RGB`, or at a
    `\\textcolor{#...}` whose text is not in braces (the converter's message says neither)."""
    for found in HASH_COLOUR.finditer(tex):
        if not HEX_DIGITS.fullmatch(found["colour"].strip()):
            raise TexError(
                f"'{found['colour'].strip()}' is not a colour: write #RRGGBB, #RGB or a name"
                " such as blue",
                tex.index("#", found.start("colour")),
            )
        if found["command"] == "textcolor" and not found["braced"]:
            raise TexError(
                "\\textcolor takes its text in braces: \\textcolor{#F00}{x}", found.start()
            )


def _refuse_unmatched_environments(tex: str) -> None:
    """Raise TexError at a \\begin never ended, or an \\end that ends nothing or another
    environment, as the converter would, but naming the environments as written."""
    opened: list[tuple[str, int]] = []
    for token in TOKEN.finditer(tex):
        edge = BEGIN_OR_END.match(tex, token.start()) if token.group() in EDGES else None
        if edge is None:
            continue
        name = edge["name"].strip()
        if edge["edge"] == "begin":
            opened.append((name, token.start()))
        elif not opened:
            raise TexError(f"\\end{{{name}}} ends nothing", token.start())
        elif opened[-1][0] != name:
            raise TexError(f"\\begin{{{opened[-1][0]}}} is ended by \\end{{{name}}}", token.start())
        else:
            opened.pop()
    if opened:
        raise TexError(f"\\begin{{{opened[-1][0]}}} is never ended", opened[-1][1])


def font_sizes(tex: str) -> list[tuple[int, str]]:
    r"""Return each font size command of `tex` (`\large`) with its offset: left out."""
    if not FONT_SIZE_COMMAND.search(tex):  # every formula is asked: most have none
        return []
    return [
        (token.start(), token.group())
        for token in TOKEN.finditer(tex)
        if token.group()[1:] in FONT_SIZES
    ]


def _as_text_commands(tex: str) -> str:
    r"""Return `tex` with `\mbox{...}` and the like written `\text   {...}`, and font sizes
    blanked, each as long as it was."""
    if not REWRITTEN_COMMAND.search(tex):  # most formulas: nothing to read token by token
        return tex

    def rewritten(token: re.Match) -> str:
        name = token.group()[1:]
        if name in TEXT_COMMANDS:
            return "\\text".ljust(len(token.group()))
        return " " * len(token.group()) if name in FONT_SIZES else token.group()

    return TOKEN.sub(rewritten, tex)


def _as_read(tex: str) -> tuple[str, list[int] | None]:
    """Return `tex` with what the converter does not read yet (UNREAD) written as what it
    reads, and for each of its characters (and its end) where it was in `tex`; None when
    nothing was rewritten, so that an error's offset stays the one in what was written."""
    if not UNREAD.search(tex):
        return tex, None
    rewrites: list[tuple[int, int, str]] = []  # (start, end, written instead), in order
    for found in UNREAD.finditer(tex):
        if found["substack"]:
            closing = _closing_brace(tex, found.end())
            if closing is None:
                raise TexError("unbalanced braces: this { is never closed", found.end() - 1)
            rewrites += [
                (found.start(), found.end(), "\\begin{subarray}{c}"),
                (closing, closing + 1, "\\end{subarray}"),
            ]
        elif found["text_with_math"]:
            rewrites += _math_in_text(tex, found)
        else:
            rewrites.append((found.start(), found.end(), _read_as(found)))
    pieces: list[str] = []
    origins: list[int] = []
    done = 0
    for start, end, written in sorted(rewrites):
        if start < done:  # inside what was rewritten already: left as written
            continue
        pieces += [tex[done:start], written]
        origins += [*range(done, start), *[start] * len(written)]
        done = end
    pieces.append(tex[done:])
    origins += range(done, len(tex) + 1)
    return "".join(pieces), origins


def _read_as(found: re.Match) -> str:
    """Return what the converter reads for an UNREAD match."""
    if found["symbol"]:
        return UNICODE_COMMANDS[found["symbol"]]
    if found["circled"]:
        return CIRCLED.get(found["circled"], found.group())
    if found["synonym"]:
        return SYNONYMS[found["synonym"]]
    if found["environment"]:
        return _environment_read_as(found)
    if found["text_rm"]:
        return found["text_rm"]
    if found["row_space"] or found["double_rule"]:  # its space, its second rule left out
        return found["row_space"] or found["double_rule"]
    if found["text_model"]:  # `\textcolor[rgb]{1,0,0}{x}` is `{\color[rgb]{1,0,0}x}`
        return f"{{\\color{found['text_model']}"
    if found["hex"] or found["text_hex"]:  # the converter reads only `\color[HTML]{FF0000}`
        written = found["hex"] or found["text_hex"]
        digits = written if len(written) == 6 else "".join(2 * digit for digit in written)
        # `\textcolor{#F00}{x}` is `{\color[HTML]{FF0000}x}`: its argument's brace closes it.
        return f"{{\\color[HTML]{{{digits}}}" if found["text_hex"] else f"\\color[HTML]{{{digits}}}"
    if found["unnumbered"]:
        return " " * len(found.group())
    if found["overlap"]:  # its argument, which then takes its own room
        return ""
    if found["operator"]:  # `\mathop{\inf}\limits`: the operator itself takes \limits
        return found["operator"]
    if found["named"] or found["letters"]:
        return f"\\operatorname*{{{(found['named'] or found['letters']).strip()}}}"
    return f"\\{found['starred']} *"


def _environment_read_as(found: re.Match) -> str:
    """Return what the converter reads for `\\begin{split}` and the like (ENVIRONMENTS_READ_AS)."""
    name, edge, columns = found["environment"], found["edge"], found["columns"] or ""
    if name == "smallmatrix":
        return "{\\scriptstyle\\begin{matrix}" if edge == "begin" else "\\end{matrix}}"
    kept = "" if edge == "begin" and name in COLUMN_COUNTED else columns
    return f"\\{edge}{{{ENVIRONMENTS_READ_AS[name]}}}{kept}"


def _math_in_text(tex: str, found: re.Match) -> list[tuple[int, int, str]]:
    """Return the rewrites that end `\\text{...}` before each `$x$` in it and start it again
    after: `\\text{for any $C$}` is read as `\\text{for any }C\\text{}`."""
    closing = _closing_brace(tex, found.end())
    if closing is None:
        return []
    dollars = [m.start() for m in UNESCAPED_DOLLAR.finditer(tex, found.end(), closing)]
    if not dollars or len(dollars) % 2:
        return []  # the converter says what is wrong
    again = f"\\{found['text_with_math']}{{"
    return [
        (dollar, dollar + 1, "}" if index % 2 == 0 else again)
        for index, dollar in enumerate(dollars)
    ]


def _closing_brace(tex: str, start: int) -> int | None:
    """Return the offset of the `}` that closes the group opened just before `start`."""
    depth = 1
    for token in TOKEN.finditer(tex, start):
        depth += {"{": 1, "}": -1}.get(token.group(), 0)
        if depth == 0:
            return token.start()
    return None


def _control_spaces(tex: str) -> str:
    """Return `tex` with a backslash before a tab or a line's end (or ending it) written
    `\\ `, the space TeX reads it as (the converter knew only `\\ `: "unknown command")."""
    if "\\" not in tex:
        return tex
    # Read token by token, as TeX reads: a backslash ending a `%` comment is the comment's.
    tex = TOKEN.sub(lambda token: "\\ " if token[0] in CONTROL_SPACES else token[0], tex)
    # One ending the formula, its line's end trimmed (`a \leq b \`, QuantEcon), likewise.
    return tex + " " if (len(tex) - len(tex.rstrip("\\"))) % 2 else tex


def _author_error(tex: str, error: BaseException) -> TexError:
    """Return the TexError for the converter's `error`: a message an author understands."""
    found = LIBRARY_ERROR.fullmatch(str(error).strip())
    if not found:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        return TexError(f"the formula could not be converted ({first_line})")
    offset, problem = min(int(found.group(1)), len(tex)), found.group(2).strip()
    if problem.startswith("Unknown command"):
        command = _quoted(problem)
        if command[1:] in UNSUPPORTED_LATEX:  # LaTeX, which the converter does not know yet
            instead = UNSUPPORTED_LATEX[command[1:]]
            return TexError(
                f"unknown command {command}: LaTeX that the converter does not support yet"
                + (f" (write {instead})" if instead else ""),
                offset,
            )
        if re.fullmatch(r"\\[a-z]{2,}", command):  # \softmax, \rank: not LaTeX, but meant well
            return TexError(
                f"unknown command {command} (if it names an operator, write "
                f"\\operatorname{{{command[1:]}}})",
                offset,
            )
        return TexError(f"unknown command {command}", offset)
    if problem.startswith("Unknown environment"):
        return TexError(f"unknown environment {{{_quoted(problem)}}}", _begin_before(tex, offset))
    if problem.startswith("Expected closing token"):
        return _never_closed(tex, _quoted(problem), offset)
    if problem.startswith("Unmatched closing token"):
        return _closes_nothing(tex, _quoted(problem), offset)
    if problem.startswith("Expected argument but reached end of input"):
        takers = ARGUMENT_TAKERS.findall(tex)
        what = takers[-1] if takers else "a command at the end"
        return TexError(f"{what} is missing its argument", offset)
    if problem.startswith('Found "&"'):
        return TexError(
            "& outside a matrix or aligned environment (write \\& for the sign)", offset
        )
    mismatch = re.match(r'Expected "\\end\{(.*)\}", but found "\\end\{(.*)\}"', problem)
    if mismatch:
        return TexError(
            f"\\begin{{{mismatch.group(1)}}} is ended by \\end{{{mismatch.group(2)}}}", offset
        )
    columns_of = re.search(r"\\begin\s*\{((?:sub)?array)\}\s*$", tex[:offset])
    if (
        problem.startswith(("Expected column specification", "Expected non-special"))
        and columns_of
        and not tex[offset:].startswith(("{", "["))  # `{x}`, `[t]{c}`: it has its columns
    ):
        # LeetCode-Py's `\begin{array} \ x, ...`: "expected non-special ASCII characters".
        name = columns_of.group(1)
        return TexError(
            f"\\begin{{{name}}} needs its columns first, one letter each: \\begin{{{name}}}{{ll}}",
            offset,
        )
    written = re.match(r"\\(?:[A-Za-z]+|.)|\S", tex[offset:])  # a command, or a sign
    if problem.startswith("Not valid in text mode") and written:
        # pumpkin-book's `\text{ {\rm s.t.} }`: "not valid in text mode" named nothing.
        return TexError(
            f"{written.group()} is not valid inside \\text{{...}}: write it outside the"
            " \\text, in the formula",
            offset,
        )
    # One full stop goes; the converter's cut lists end in "....", which stays whole.
    problem = problem[:-1] if problem.endswith(".") and not problem.endswith("..") else problem
    return TexError(problem[:1].lower() + problem[1:], offset)


def _quoted(problem: str) -> str:
    """Return what the converter's message quotes: `"\\foo"` gives `\\foo`."""
    quoted = re.search(r'"(.*)"', problem)
    return quoted.group(1) if quoted else problem


def _never_closed(tex: str, closer: str, offset: int) -> TexError:
    """Return the error for a group never closed, at the brace, \\begin or \\left that opened it."""
    kind = {"}": "{", "\\right": "\\left"}.get(closer, "\\begin")
    opener = _unclosed(tex, kind)
    at = offset if opener is None else opener
    if kind == "{":
        return TexError("unbalanced braces: this { is never closed", at)
    if kind == "\\left":
        return TexError("\\left is never closed by a \\right", at)
    return TexError(f"\\begin{{{_environment_at(tex, at)}}} is never ended", at)


def _closes_nothing(tex: str, closer: str, offset: int) -> TexError:
    """Return the error for a }, \\end or \\right that closes nothing."""
    if closer == "}":
        return TexError("unbalanced braces: this } closes nothing", offset)
    if closer == "\\right":
        return TexError("\\right has no \\left before it", offset)
    return TexError(f"\\end{{{_environment_at(tex, offset)}}} ends nothing", offset)


def _unclosed(tex: str, kind: str) -> int | None:
    """Return the offset of the innermost `{`, `\\left` or `\\begin` left open, or None."""
    open_groups: list[tuple[str, int]] = []
    closers = {"}": "{", "\\right": "\\left", "\\end": "\\begin"}
    for token in TOKEN.finditer(tex):
        text = token.group()
        if text in ("{", "\\left", "\\begin"):
            open_groups.append((text, token.start()))
        elif text in closers:
            for depth in range(len(open_groups) - 1, -1, -1):
                if open_groups[depth][0] == closers[text]:
                    del open_groups[depth]
                    break
    return next((start for opener, start in reversed(open_groups) if opener == kind), None)


def _environment_at(tex: str, offset: int) -> str:
    """Return the environment named by the \\begin or \\end at `offset`, or '...'."""
    found = BEGIN_OR_END.match(tex, offset)
    return found["name"] if found else "..."


def _begin_before(tex: str, offset: int) -> int:
    """Return the offset of the \\begin whose environment name is at or after `offset`."""
    start = tex.rfind("\\begin", 0, offset + 1)
    return start if start != -1 else offset
