"""The Carpentries' fenced divs: `:::::: challenge` ... `::::::`, as the theme's callouts.

A Carpentries lesson (Pandoc's fenced divs, read by its Workbench) boxes its challenges,
callouts, objectives and key points this way, and folds each solution inside its
challenge; GitHub shows the colons as text. Each kind below becomes one of our callouts
with a visible title, and a solution, hint or spoiler a `<details>` fold like our own
solutions. An instructor's note is folded too: a student may open it, nothing is lost.
Other names stay text. Closing lines have at least as many colons as their opening.
"""

import html
import re

from markdown_it import MarkdownIt
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
        opening = '<div class="admonition ' + kind + '">\n<p class="admonition-title">{}</p>\n'
        md.use(
            container_plugin,
            name,
            validate=named(name),
            render=rendering(opening, title, "</div>\n"),
        )
    for name, title in FOLDS.items():
        opening = '<details class="solution">\n<summary>{}</summary>\n'
        md.use(
            container_plugin,
            name,
            validate=named(name),
            render=rendering(opening, title, "</details>\n"),
        )
    for name in TABS:
        md.use(container_plugin, name, validate=named(name), render=tab_set)
    md.core.ruler.after("block", "fenced_div_titles", headings_as_titles)
    md.core.ruler.before("block", "fenced_div_nesting", innermost_closes)


CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
DIV_FENCE = re.compile(r"^( {0,3})(:{3,})([ \t]*)(.*)$")
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
    code_fence, stack = None, []
    pairs: list[tuple[int, int]] = []  # (opening line, closing line), innermost first
    in_code: list[tuple[int, int]] = []  # (line, colons) of colon lines inside code
    for index, line in enumerate(lines):
        fence = CODE_FENCE.match(line)
        if code_fence is not None:
            closes = fence and fence.group(1)[0] == code_fence[0]
            if closes and len(fence.group(1)) >= len(code_fence):
                code_fence = None
            elif (div := DIV_FENCE.match(line)) is not None:
                in_code.append((index, len(div.group(2))))
            continue
        if fence:
            code_fence = fence.group(1)
            continue
        div = DIV_FENCE.match(line)
        if div is None:
            continue
        if div.group(4).strip():
            stack.append(index)
        elif stack:
            pairs.append((stack.pop(), index))
    # Each div's fence longer than those inside it, and than colons in code inside it.
    length: dict[int, int] = {}
    for opening, closing in pairs:  # inner ones are closed, so listed, first
        inner = [length[o] for o, c in pairs if opening < o and c < closing and o in length]
        code = [colons for line, colons in in_code if opening < line < closing]
        length[opening] = max([3, *(n + 1 for n in inner), *(n + 1 for n in code)])
    for opening, closing in pairs:
        for index in (opening, closing):
            indent, _old, space, rest = DIV_FENCE.match(lines[index]).groups()
            lines[index] = f"{indent}{':' * length[opening]}{space}{rest}"
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
    a solution's button), taken out of the box's text: it was shown twice, and listed in
    the page's contents though hidden in a closed fold."""
    tokens, index = state.tokens, 0
    while index < len(tokens) - 3:
        token, heading, inline = tokens[index : index + 3]
        box = token.type.startswith("container_") and token.type.endswith("_open")
        box = box and token.type.removeprefix("container_").removesuffix("_open") not in TABS
        if box and heading.type == "heading_open" and inline.type == "inline":
            token.meta["title"] = MARKUP.sub("", inline.content).strip()
            del tokens[index + 1 : index + 4]
        index += 1


# What a heading's text shows besides its words, left out of a title.
MARKUP = re.compile(r"[*_`]+")


def tab_set(self, tokens, index, options, env) -> str:
    """Write a tab set as a plain division: its headings name the tabs."""
    return '<div class="tab-set">\n' if tokens[index].nesting == 1 else "</div>\n"


def rendering(opening: str, title: str, closing: str):
    """Return a container's render rule: `opening` with its title (its first heading's, else
    `title`) for its opening token, else `closing`."""

    def render(self, tokens, index, options, env) -> str:
        if tokens[index].nesting != 1:
            return closing
        return opening.format(html.escape(tokens[index].meta.get("title") or title))

    return render
