"""Exercises and their solutions: `!!! exercise "Caption an image"`, then `!!! solution`.

Both are Python-Markdown callouts (parsed by mdit_py_plugins' admon plugin); this module
gives them their own tokens and HTML:

- an exercise is a callout with a title "Exercise 4.1: Caption an image", an anchor
  (`#exercise-4-1`) and a permalink, as headings have;
- a solution is a `<details>` fold shown inside the exercise just before it (or after
  another solution of it); a solution with nothing of the kind before it is a problem
  at its line.

A chapter's number is known only once the whole course is read (the chapters plugin
builds the tree), and a chapter's HTML is cached as the reader wrote it. So the reader
writes each exercise's number as the exercise's place in its page behind a marker,
which `fill_exercise_numbers` replaces with the chapter's numbering ("4." or "1.2.");
and it writes each solution between markers, which `release_solutions` either removes
(the solution is shown) or cuts out with what they hold (held back until its date).
The markers are characters of Unicode's private use area, which no text means.
"""

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .positions import block_position, closing_index

# Where the chapter's numbering goes: in an id ("4-" or "1-2-"), in a label ("4." or "1.2.").
ID_NUMBERING = "\ue000exercise-id\ue001"
LABEL_NUMBERING = "\ue000exercise-label\ue001"
SOLUTION_START = "\ue000solution\ue001"
SOLUTION_END = "\ue000/solution\ue001"
SOLUTION_WITHOUT_EXERCISE = (
    "a solution with no exercise before it: put '!!! solution' right after"
    " the '!!! exercise' it answers"
)


def add_exercises(md: MarkdownIt) -> None:
    """Make `md` write `!!! exercise` and `!!! solution` callouts as numbered exercises."""
    md.core.ruler.push("exercises", mark_exercises)
    md.add_render_rule("exercise_open", render_exercise_open)
    md.add_render_rule("exercise_title_open", render_exercise_title_open)
    md.add_render_rule("exercise_title_close", render_exercise_title_close)
    md.add_render_rule("exercise_close", render_exercise_close)
    md.add_render_rule("solution_open", render_solution_open)
    md.add_render_rule("solution_title_open", lambda *_arguments: "<summary>")
    md.add_render_rule("solution_title_close", lambda *_arguments: "</summary>\n")
    md.add_render_rule("solution_close", render_solution_close)


def has_written_title(token: Token) -> bool:
    """True when a callout's first line gives a title in quotes (`!!! exercise "..."`)."""
    return '"' in token.info


def mark_exercises(state: StateCore) -> None:
    """Give exercises and solutions their tokens, numbers and owners; note misplaced solutions."""
    tokens = state.tokens
    number = 0
    for index, token in enumerate(tokens):
        if token.type != "admonition_open" or token.meta.get("tag") not in ("exercise", "solution"):
            continue
        kind = token.meta["tag"]
        close = tokens[closing_index(tokens, index)]
        token.type, close.type = f"{kind}_open", f"{kind}_close"
        titled = index + 1 < len(tokens) and tokens[index + 1].type == "admonition_title_open"
        if titled:
            tokens[index + 1].type = f"{kind}_title_open"
            tokens[index + 3].type = f"{kind}_title_close"
        token.meta["titled"] = titled
        if kind == "exercise":
            number += 1
            token.meta["number"] = close.meta["number"] = number
            if titled and not has_written_title(token):
                tokens[index + 2].children = []  # "Exercise 4.1", not "Exercise 4.1: Exercise"
            token.meta["named"] = titled and has_written_title(token)
            continue
        before = tokens[index - 1] if index else None
        if before is not None and before.level == token.level and before.type == "exercise_close":
            before.meta["closed_by_solution"] = True
            close.meta["closes_exercise"] = True
        elif (
            before is not None
            and before.level == token.level
            and before.meta.get("closes_exercise")
        ):
            before.meta["closes_exercise"] = False
            close.meta["closes_exercise"] = True
        else:
            line, column = block_position(state, token, "!!!")
            state.env.setdefault("problems", []).append((line, column, SOLUTION_WITHOUT_EXERCISE))


def exercise_id(number: int) -> str:
    """Return an exercise's id, its chapter's numbering still a marker."""
    return f"exercise-{ID_NUMBERING}{number}"


def render_exercise_open(self, tokens: list[Token], index: int, options, env) -> str:
    """Open an exercise: a callout with its id; without a title, its label stands alone."""
    token = tokens[index]
    html = f'<div class="admonition exercise" id="{exercise_id(token.meta["number"])}">\n'
    if not token.meta["titled"]:
        html += exercise_title(token.meta["number"], named=False) + exercise_permalink(
            token.meta["number"]
        )
    return html


def exercise_title(number: int, named: bool) -> str:
    """Return the start of an exercise's title line: "Exercise 4.1" (then ": " and its name)."""
    label = f"Exercise {LABEL_NUMBERING}{number}" + (": " if named else "")
    return (
        f'<div class="section-heading"><p class="admonition-title"'
        f' id="{exercise_id(number)}-title">{label}'
    )


def exercise_permalink(number: int) -> str:
    """Return the end of an exercise's title line and its permalink, named by the title."""
    anchor = exercise_id(number)
    return (
        f'</p><a class="permalink" href="#{anchor}" aria-labelledby="{anchor}-title"'
        " data-pagefind-ignore>#</a></div>\n"
    )


def render_exercise_title_open(self, tokens: list[Token], index: int, options, env) -> str:
    """Start an exercise's title: its label, then the title its author wrote."""
    opening = tokens[index - 1]
    return exercise_title(opening.meta["number"], named=opening.meta["named"])


def render_exercise_title_close(self, tokens: list[Token], index: int, options, env) -> str:
    """End an exercise's title, with its permalink."""
    return exercise_permalink(tokens[index - 3].meta["number"])


def render_exercise_close(self, tokens: list[Token], index: int, options, env) -> str:
    """Close an exercise, unless its solutions, which follow, are to be shown inside it."""
    return "" if tokens[index].meta.get("closed_by_solution") else "</div>\n"


def render_solution_open(self, tokens: list[Token], index: int, options, env) -> str:
    """Open a solution's fold, named by its title ("Solution" unless the author wrote one)."""
    summary = "" if tokens[index].meta["titled"] else "<summary>Solution</summary>\n"
    return f'{SOLUTION_START}<details class="solution">\n{summary}'


def render_solution_close(self, tokens: list[Token], index: int, options, env) -> str:
    """Close a solution's fold, and its exercise after its last solution."""
    closes = "</div>\n" if tokens[index].meta.get("closes_exercise") else ""
    return f"</details>\n{SOLUTION_END}{closes}"


def fill_exercise_numbers(html: str, numbering: str) -> str:
    """Return a page's HTML with its exercises numbered within `numbering` ("4", "1.2", "").

    A page with no number (outside the syllabus) numbers its exercises 1, 2, ...
    """
    if LABEL_NUMBERING not in html and ID_NUMBERING not in html:
        return html
    id_part = numbering.replace(".", "-") + "-" if numbering else ""
    label_part = numbering + "." if numbering else ""
    return html.replace(ID_NUMBERING, id_part).replace(LABEL_NUMBERING, label_part)


def count_solutions(html: str) -> int:
    """Return how many solutions a page's HTML holds."""
    return html.count(SOLUTION_START)


def release_solutions(html: str, shown: bool, notice: str = "") -> str:
    """Return a page's HTML with its solutions shown, or each replaced by `notice` (HTML).

    A solution held back is cut out whole, whatever it holds (another fold, an exercise
    with its own solution): nothing of it stays in the page.
    """
    if SOLUTION_START not in html and SOLUTION_END not in html:
        return html
    if shown:
        return html.replace(SOLUTION_START, "").replace(SOLUTION_END, "")
    kept: list[str] = []
    depth = 0
    position = 0
    while True:
        start = html.find(SOLUTION_START, position)
        end = html.find(SOLUTION_END, position)
        if start < 0 and end < 0:
            break
        if start >= 0 and (end < 0 or start < end):
            if depth == 0:
                between = html[position:start]
                # An exercise's second solution follows its first: one notice says it for both.
                just_cut = kept and kept[-1].endswith(notice) and not between.strip()
                kept.append(between if just_cut else between + notice)
            depth += 1
            position = start + len(SOLUTION_START)
        else:
            if depth == 0:  # an end with no start: drop the marker alone
                kept.append(html[position:end])
            depth = max(depth - 1, 0)
            position = end + len(SOLUTION_END)
    if depth == 0:
        kept.append(html[position:])
    return "".join(kept)
