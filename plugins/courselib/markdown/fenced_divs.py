"""The Carpentries' fenced divs: `:::::: challenge` ... `::::::`, as the theme's callouts.

A Carpentries lesson (Pandoc's fenced divs, read by its Workbench) boxes its challenges,
callouts, objectives and key points this way, and folds each solution inside its
challenge; GitHub shows the colons as text. Each kind below becomes one of our callouts
with a visible title, and a solution, hint or spoiler a `<details>` fold like our own
solutions. An instructor's note is folded too: a student may open it, nothing is lost.
Other names stay text. Closing lines have at least as many colons as their opening.
"""

from markdown_it import MarkdownIt
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
FOLDS = {
    "solution": "Solution",
    "hint": "Hint",
    "spoiler": "Spoiler",
    "instructor": "Instructor note",
}


def add_fenced_divs(md: MarkdownIt) -> None:
    """Make `md` write the Carpentries' fenced divs as callouts and folds."""
    for name, (kind, title) in CALLOUTS.items():
        opening = f'<div class="admonition {kind}">\n<p class="admonition-title">{title}</p>\n'
        md.use(container_plugin, name, render=rendering(opening, "</div>\n"))
    for name, title in FOLDS.items():
        opening = f'<details class="solution">\n<summary>{title}</summary>\n'
        md.use(container_plugin, name, render=rendering(opening, "</details>\n"))


def rendering(opening: str, closing: str):
    """Return a container's render rule: `opening` for its opening token, else `closing`."""

    def render(self, tokens, index, options, env) -> str:
        return opening if tokens[index].nesting == 1 else closing

    return render
