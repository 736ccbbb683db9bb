"""The Carpentries' fenced divs: `:::::: challenge` ... `::::::`, as the theme's callouts.

A Carpentries lesson (Pandoc's fenced divs, read by its Workbench) boxes its challenges,
callouts, objectives and key points this way, and folds each solution inside its
challenge; GitHub shows the colons as text. Each kind below becomes one of our callouts
with a visible title, and a solution, hint or spoiler a `<details>` fold like our own
solutions. An instructor's note is folded too: a student may open it, nothing is lost.
The Workbench's tabs show their text under their headings. Other names stay text.
Closing lines have at least as many colons as their opening, as markdown-it reads them;
in a Workbench lesson's pages (read_divs_as_pandoc) a closing line closes the innermost
div, as Pandoc reads them, and a box's first heading is its title.
"""

import html
import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from mdit_py_plugins.container import container_plugin

# name: (callout class, title shown)
CALLOUTS = {
    "challenge": ("exercise", "Challenge"),
    "callout": ("note", "Callout"),
    "objectives": ("note", "Objectives"),
    "questions": ("note", "Questions"),
    "keypoints": ("tip", "Key points"),
    "prereq": ("important", "Prerequisites"),
    "discussion": ("note", "Discussion"),
    "checklist": ("note", "Checklist"),
    "testimonial": ("note", "Testimonial"),
    "caution": ("caution", "Caution"),
}
# The Workbench's tabs (`::: tab`, `::: group-tab`: one tab per heading, Windows, macOS,
# Linux): their text with its headings, one after another, as a page without scripts
# shows them; the colon lines were shown as text.
TABS = ("tab", "group-tab")
FOLDS = {
    "solution": "Solution",
    "hint": "Hint",
    "spoiler": "Spoiler",
    "instructor": "Instructor note",
}


def add_fenced_divs(md: MarkdownIt) -> None:
    """Make `md` write the Carpentries' fenced divs as callouts and folds."""
    for name, (kind, title) in CALLOUTS.items():
        frame = f'<div class="admonition {kind}">\n'
        titled = f'<p class="admonition-title">{html.escape(title)}</p>\n'
        render = rendering(frame, titled, "</div>\n")
        md.use(container_plugin, name, validate=named(name), render=render)
    for name, title in FOLDS.items():
        titled = f"<summary>{html.escape(title)}</summary>\n"
        render = rendering('<details class="solution">\n', titled, "</details>\n")
        md.use(container_plugin, name, validate=named(name), render=render)
    for name in TABS:
        md.use(container_plugin, name, validate=named(name), render=tab_set)
    one_rule_for_the_divs(md)


def one_rule_for_the_divs(md: MarkdownIt) -> None:
    """Make the divs' rules (one a name) one rule, tried once a line: markdown-it tried each
    at the start of every line of every page, 16 rules for the lines that start with no
    colon (3% of the time a chapter took to read)."""
    ruler = md.block.ruler
    names = [rule.name for rule in ruler.__rules__ if rule.name.startswith("container_")]
    divs = [ruler.__rules__[ruler.__find__(name)] for name in names]
    reads = [div.fn for div in divs]

    def read(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        first = state.bMarks[start] + state.tShift[start]
        if first >= state.eMarks[start] or state.src[first] != ":":
            return False  # as each div's rule returns, having changed nothing
        return any(div(state, start, end, silent) for div in reads)

    ruler.disable(names)
    ruler.before("fence", "fenced_divs", read, {"alt": list(divs[0].alt)})


def read_divs_as_pandoc(md: MarkdownIt) -> None:
    """Make `md` read fenced divs as Pandoc does for the Workbench: the innermost closed
    first, a box's first heading its title. Only a Workbench lesson's pages are read so:
    elsewhere (VitePress's `::: tip`, Docusaurus' `:::caution`) colons and headings stay."""
    md.core.ruler.after("block", "fenced_div_titles", headings_as_titles)
    md.core.ruler.before("block", "fenced_div_nesting", innermost_closes)


# A code fence, also after a list item's marker (`1. ```md`), at any indent.
CODE_FENCE = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})")
# A div's fence: colons, then for an opening Pandoc's one word or `{attributes}` (with
# colons after them, as some write it); any other words make it no fence, but text.
DIV_FENCE = re.compile(r"^( {0,3})(:{3,})([ \t]*)((?:[\w-]+|\{[^{}]*\})(?:[ \t]*:*)?|)[ \t]*$")
# MyST's colon directive (`:::{note}`), closed by the CommonMark rule: left as written.
MYST_DIRECTIVE = re.compile(r"^ {0,3}:{3,}[ \t]*\{[^.\s]", re.MULTILINE)


def innermost_closes(state: StateCore) -> None:
    """Make each closing fence close the innermost open div, as Pandoc (and so the
    Workbench) closes them, whatever the colons' count: markdown-it closes a div at the
    first fence at least as long as its opening, so `::: solution` inside `::: challenge`
    closed both at the solution's `:::`, and the rest of the answer showed unfolded.
    The fences are written again, each div's longer than those inside it; lines and
    everything else stay as they were."""
    if ":::" not in state.src or MYST_DIRECTIVE.search(state.src):
        return
    lines = state.src.split("\n")
    code_fence, in_pre = None, False
    # Each open div: [its opening line, the longest fence its closing one must pass].
    stack: list[list[int]] = []
    length: dict[int, tuple[int, int]] = {}  # opening line -> (closing line, colons)
    for index, line in enumerate(lines):
        fence = CODE_FENCE.match(line)
        if code_fence is not None:
            closes = fence and fence.group(1)[0] == code_fence[0]
            if closes and len(fence.group(1)) >= len(code_fence):
                code_fence = None
            elif stack and (div := DIV_FENCE.match(line)) is not None and not div.group(4):
                stack[-1][1] = max(stack[-1][1], len(div.group(2)))  # colons that are code
            continue
        if fence:
            code_fence = fence.group(1)
            continue
        if in_pre or "<pre" in line.lower():  # preformatted HTML: its colons are its text
            in_pre = "</pre>" not in line.lower()
            continue
        div = DIV_FENCE.match(line)
        if div is None:
            continue
        if div.group(4):
            stack.append([index, 0])
        elif stack:
            opening, inside = stack.pop()
            colons = max(3, inside + 1)  # longer than every fence inside it
            length[opening] = (index, colons)
            if stack:
                stack[-1][1] = max(stack[-1][1], colons)
    for opening, (closing, colons) in length.items():
        for index in (opening, closing):
            indent, _old, space, rest = DIV_FENCE.match(lines[index]).groups()
            lines[index] = f"{indent}{':' * colons}{space}{rest}"
    state.src = "\n".join(lines)


def named(name: str):
    """Return a container's test of its opening line: `::: challenge`, or Pandoc's
    attribute form `::: {.challenge}` (as some incubator lessons write it)."""
    attribute = re.compile(r"^\{\s*\." + re.escape(name) + r"(?:\s[^}]*)?\}$")

    def validate(params: str, *_markup) -> bool:
        written = params.strip()
        return written.split(" ", 1)[0] == name or attribute.match(written) is not None

    return validate


def headings_as_titles(state: StateCore) -> None:
    """Make a box's first heading its title, as the Workbench shows it (`## Solution` on
    a solution's button): it was shown twice, and listed in the page's contents though
    hidden in a closed fold. The heading's own tokens write the title (a fold's
    `<summary>`, a callout's title paragraph), so its text and its id (`{#dependencies}`,
    which links name) are what they were."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-2]):
        name = token.type.removeprefix("container_").removesuffix("_open")
        box = token.type == f"container_{name}_open" and name not in TABS
        heading = tokens[index + 1]
        if box and heading.type == "heading_open" and tokens[index + 2].type == "inline":
            closing = next(t for t in tokens[index + 2 :] if t.type == "heading_close")
            tag = "summary" if name in FOLDS else "p"
            heading.tag = closing.tag = tag
            if tag == "p":
                heading.attrJoin("class", "admonition-title")
            token.meta["titled"] = True


def tab_set(self, tokens, index, options, env) -> str:
    """Write a tab set as a plain division: its headings name the tabs."""
    return '<div class="tab-set">\n' if tokens[index].nesting == 1 else "</div>\n"


def rendering(frame: str, title: str, closing: str):
    """Return a container's render rule: for its opening token `frame` and its `title`
    (unless its first heading is its title: headings_as_titles), else `closing`."""

    def render(self, tokens, index, options, env) -> str:
        if tokens[index].nesting != 1:
            return closing
        return frame if tokens[index].meta.get("titled") else frame + title

    return render
