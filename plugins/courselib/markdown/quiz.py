"""Self-check quizzes: a `!!! quiz "Question?"` callout holding a task list of options.

    !!! quiz "Which model turns noise into images?"
        - [ ] GPT-4V
        - [x] A diffusion model

        Diffusion models learn to remove noise step by step.

becomes a `<fieldset>` whose `<legend>` is the question, one radio button an option
(checkboxes where more than one is marked `[x]`), a Check button for the theme's quiz.js,
and a closed "Answer" fold holding the right option(s) and the explanation (what follows
the options). Without JavaScript the quiz still reads: the options, then the fold. The
key is in the page (a self-check needs no server) but never in plain sight: the fold is
closed and left out of the search index, and quiz.js reads which options are right from
`data-answer`, the positions of the right options.

What comes between the question and the options (a code listing, say) stays in the
fieldset. A quiz with no option marked right, or no options at all, is a problem at the
line of its `!!!`; an option that is no task (`- b`) or holds more than a line of text (a
label holds text only), at the option's line. Such a quiz is left a plain callout.
"""

import copy

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .headings import github_slug, heading_text
from .positions import block_position, closing_index

# An option's text, repeated in the answer fold, keeps its formatting but not its links:
# each link is then written once, where the author wrote it, and reported once.
NOT_REPEATED = frozenset({"link_open", "link_close", "image", "footnote_ref", "html_inline"})
# Where the located tokens keep their place in the source (courselib.markdown.positions).
LOCATION_KEYS = ("offset", "line", "column", "block")
QUIZ_ID_LENGTH = 48
PARAGRAPH_TOKENS = ("paragraph_open", "paragraph_close")


def add_quizzes(md: MarkdownIt) -> None:
    """Make `md` write `!!! quiz` callouts as self-check quizzes."""
    md.core.ruler.push("quizzes", make_quizzes)
    for kind, render in RENDERERS.items():
        md.add_render_rule(kind, render)


def make_quizzes(state: StateCore) -> None:
    """Turn each quiz callout's tokens into a quiz's; note each malformed quiz as a problem."""
    tokens = state.tokens
    # A quiz's id is an anchor too: never one a heading of the chapter has (heading_ids ran).
    taken = {str(token.attrGet("id")) for token in tokens if token.type == "heading_open"}
    index = quizzes = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "admonition_open" and token.meta.get("tag") == "quiz":
            end = closing_index(tokens, index)
            problem = quiz_problem(tokens, index, end)
            if problem:
                at, message = problem  # a callout's `!!!`, or an option's `-`
                mark = "!!!" if at.type == "admonition_open" else at.markup
                line, column = block_position(state, at, mark)
                state.env.setdefault("problems", []).append((line, column, message))
            else:
                quizzes += 1
                quiz = quiz_tokens(tokens[index : end + 1], taken, quizzes)
                tokens[index : end + 1] = quiz
                end = index + len(quiz) - 1
            index = end
        index += 1


def options_list(tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
    """Return where the quiz's options (its first list with a task) open and close, or None."""
    level = tokens[start].level + 1
    for index in range(start + 1, end):
        token = tokens[index]
        if token.type == "bullet_list_open" and token.level == level:
            items = [
                item
                for item in tokens[index:end]
                if item.type == "list_item_open" and item.level == level + 1
            ]
            if any("checked" in (item.meta or {}) for item in items):
                return index, closing_index(tokens, index)
    return None


def quiz_problem(tokens: list[Token], start: int, end: int) -> tuple[Token, str] | None:
    """Return what is wrong with the quiz callout tokens[start:end + 1] and the token whose
    line it is at, or None."""
    question = quiz_question(tokens, start)
    found = options_list(tokens, start, end)
    if found is None:
        return tokens[start], (
            f"quiz {question!r} has no options: write them as a task list,"
            " '- [ ]' for a wrong one and '- [x]' for a right one"
        )
    options = tokens[found[0] : found[1] + 1]
    items = option_items(options)
    if not any(item.meta.get("checked") for item in items):
        return tokens[start], (
            f"quiz {question!r} has no option marked right: mark the right option(s) with '- [x]'"
        )
    for item in items:
        first = options.index(item)
        if "checked" not in item.meta:
            return item, (
                f"quiz {question!r}: an option has no '[ ]' or '[x]':"
                " write every option as '- [ ] ...' (wrong) or '- [x] ...' (right)"
            )
        inside = options[first + 1 : closing_index(options, first)]
        # An option is a label's text: a list, code or second paragraph cannot be in one.
        kinds = [token.type for token in inside if token.type not in PARAGRAPH_TOKENS]
        if kinds not in ([], ["inline"]):
            return item, (
                f"quiz {question!r}: an option holds more than a line of text (a list, code or"
                " a second paragraph): write each option on one line"
            )
    return None


def quiz_question(tokens: list[Token], start: int) -> str:
    """Return the question's text, as written in the callout's title."""
    title = tokens[start + 2] if tokens[start + 1].type == "admonition_title_open" else None
    return " ".join(heading_text(title).split()) if title is not None else ""


def option_items(list_tokens: list[Token]) -> list[Token]:
    """Return the opening token of each option of an options list (its first token first)."""
    level = list_tokens[0].level + 1
    return [t for t in list_tokens if t.type == "list_item_open" and t.level == level]


def quiz_tokens(callout: list[Token], taken: set[str], quiz_number: int) -> list[Token]:
    """Return the tokens of the page's `quiz_number`th quiz, made of a well-formed callout's."""
    list_start, list_end = options_list(callout, 0, len(callout) - 1)
    options = callout[list_start : list_end + 1]
    items = option_items(options)
    right = [position for position, item in enumerate(items) if item.meta["checked"]]
    quiz_id = unique_id(quiz_question(callout, 0), taken)
    kind = "checkbox" if len(right) > 1 else "radio"
    opening = Token("quiz_open", "div", 0)
    opening.meta = {"id": quiz_id, "answer": " ".join(map(str, right))}
    # `!!! quiz` alone has the title "Quiz"; only `!!! quiz ""` has none.
    if callout[1].type == "admonition_title_open":
        callout[1].type, callout[3].type = "quiz_legend_open", "quiz_legend_close"
        legend, body_start = callout[1:4], 4
    else:
        legend, body_start = [marker("quiz_legend_open"), text_inline("Quiz")], 1
        legend.append(marker("quiz_legend_close"))
    for item in items:
        item.type = "quiz_option_open"
        item.meta.update({"name": f"q{quiz_number}", "kind": kind})
    item_level = items[0].level
    for token in options:
        if token.type == "list_item_close" and token.level == item_level:
            token.type = "quiz_option_close"
        elif token.type in PARAGRAPH_TOKENS and token.level == item_level + 1:
            token.hidden = True  # an option is a label's text: no paragraph inside
    options[0].type, options[-1].type = "quiz_options_open", "quiz_options_close"
    explanation = callout[list_end + 1 : -1]
    if explanation:
        explanation = [marker("quiz_explanation_open"), *explanation]
        explanation.append(marker("quiz_explanation_close"))
    return [
        opening,
        *legend,
        *callout[body_start:list_start],
        *options,
        marker("quiz_actions"),
        *answer_key(options, items, right),
        *explanation,
        marker("quiz_close"),
    ]


def unique_id(question: str, taken: set[str]) -> str:
    """Return the quiz's id: `quiz-` and the question's slug, numbered if already taken.

    Derived from the question, not from the quiz's place, so answers a student saved
    stay with their quiz when another quiz is added before it.
    """
    base = "quiz-" + (github_slug(question)[:QUIZ_ID_LENGTH].strip("-") or "question")
    quiz_id, number = base, 1
    while quiz_id in taken:
        number += 1
        quiz_id = f"{base}-{number}"
    taken.add(quiz_id)
    return quiz_id


def answer_key(options: list[Token], items: list[Token], right: list[int]) -> list[Token]:
    """Return the tokens of the fold's first line: "Right: " and the right options' text."""
    inlines = [next_inline(options, options.index(items[position])) for position in right]
    key = [marker("quiz_key_open")]
    for number, inline in enumerate(inlines):
        if number:
            key.append(text_inline("; "))
        if inline is not None:
            key.append(repeated(inline))
    return key + [marker("quiz_key_close")]


def next_inline(tokens: list[Token], start: int) -> Token | None:
    """Return the first inline token after tokens[start] (an option's text), or None."""
    return next((token for token in tokens[start:] if token.type == "inline"), None)


def repeated(inline: Token) -> Token:
    """Return a copy of an option's inline token to write again, without links or places."""
    copied = copy.copy(inline)
    copied.map = None
    copied.children = []
    for child in inline.children or []:
        if child.type not in NOT_REPEATED:
            child_copy = copy.copy(child)
            child_copy.meta = {k: v for k, v in child.meta.items() if k not in LOCATION_KEYS}
            copied.children.append(child_copy)
    return copied


def text_inline(text: str) -> Token:
    """Return an inline token holding plain `text`."""
    inline = Token("inline", "", 0)
    child = Token("text", "", 0)
    child.content = text
    inline.content, inline.children = text, [child]
    return inline


def marker(kind: str) -> Token:
    """Return a token that stands for a fixed piece of the quiz's HTML."""
    return Token(kind, "", 0)


def render_quiz_open(self, tokens: list[Token], index: int, options, env) -> str:
    meta = tokens[index].meta
    return (
        f'<div class="quiz" id="{escapeHtml(meta["id"])}" data-answer="{meta["answer"]}">\n'
        "<fieldset>\n"
    )


def render_option_open(self, tokens: list[Token], index: int, options, env) -> str:
    meta = tokens[index].meta
    return f'<li><label><input type="{meta["kind"]}" name="{meta["name"]}"> '


# The Check button and the feedback need reader.js: hidden without it (`needs-js`).
# The fold is left out of the search index, so no excerpt shows the answer.
QUIZ_ACTIONS = (
    '<p class="quiz-actions needs-js" data-pagefind-ignore>'
    '<button type="button">Check</button></p>\n'
    '<div class="quiz-feedback" role="status"></div>\n'
    "</fieldset>\n"
    '<details class="quiz-answer" data-pagefind-ignore>\n<summary>Answer</summary>\n'
)

RENDERERS = {
    "quiz_open": render_quiz_open,
    "quiz_legend_open": lambda *_arguments: "<legend>",
    "quiz_legend_close": lambda *_arguments: "</legend>\n",
    "quiz_options_open": lambda *_arguments: '<ul class="quiz-options">\n',
    "quiz_options_close": lambda *_arguments: "</ul>\n",
    "quiz_option_open": render_option_open,
    "quiz_option_close": lambda *_arguments: "</label></li>\n",
    "quiz_actions": lambda *_arguments: QUIZ_ACTIONS,
    "quiz_key_open": lambda *_arguments: '<p class="quiz-key"><strong>Right:</strong> ',
    "quiz_key_close": lambda *_arguments: "</p>\n",
    "quiz_explanation_open": lambda *_arguments: '<div class="quiz-explanation">\n',
    "quiz_explanation_close": lambda *_arguments: "</div>\n",
    "quiz_close": lambda *_arguments: "</details>\n</div>\n",
}
