"""Footnote labels matched as GitHub matches them: `[^Note]` is the footnote `[^note]:`.

mdit-py-plugins compares labels as written, so a reference whose case differs from its
definition stayed literal text and the definition, referenced by nothing, was dropped
without a word. Here labels are compared as CommonMark compares link labels (case and
runs of spaces folded, `normalizeReference`), and every reference and definition takes
the label as first defined, which the footnote ids are made of. A footnote defined twice
is a problem at the second definition's line: GitHub shows the first, and the second
would be lost.
"""

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore

from .positions import block_position

DEFINED_TWICE = "footnote [^{label}] is defined twice (first at line {first}): remove or rename one"


class FoldedLabels(dict):
    """The footnote plugin's `refs` (`":label"` to its number), labels compared folded."""

    def __init__(self) -> None:
        super().__init__()
        self.first_written: dict[str, str] = {}  # folded key: the key as first defined

    @staticmethod
    def fold(key: str) -> str:
        return ":" + normalizeReference(key[1:])

    def __setitem__(self, key: str, value: int) -> None:
        self.first_written.setdefault(self.fold(key), key)
        super().__setitem__(self.fold(key), value)

    def __getitem__(self, key: str) -> int:
        return super().__getitem__(self.fold(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(self.fold(key))

    def get(self, key: str, default=None):
        return super().get(self.fold(key), default)

    def label(self, label: str) -> str:
        """Return a label as its footnote was first defined (as written, if undefined)."""
        return self.first_written.get(self.fold(":" + label), ":" + label)[1:]


def add_footnote_labels(md: MarkdownIt) -> None:
    """Make `md` (with the footnote plugin) match footnote labels as GitHub does."""
    md.core.ruler.before("block", "footnote_labels_folded", fold_labels)
    md.core.ruler.before("footnote_tail", "footnote_labels_as_defined", label_as_defined)


def fold_labels(state: StateCore) -> None:
    """Give the footnote plugin labels compared folded (it keeps a `refs` it finds)."""
    state.env.setdefault("footnotes", {})["refs"] = FoldedLabels()


def label_as_defined(state: StateCore) -> None:
    """Give each reference and definition its footnote's label as first defined; report a
    footnote defined twice (its second definition is dropped, as GitHub drops it)."""
    footnotes = state.env.get("footnotes", {})
    refs = footnotes.get("refs")
    if not isinstance(refs, FoldedLabels):
        return
    first_line: dict[str, int] = {}
    kept = []
    dropping = False
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            label = refs.label(token.meta["label"])
            line, column = block_position(state, token, "[^")
            dropping = label in first_line
            if dropping:
                problem = DEFINED_TWICE.format(label=label, first=first_line[label])
                state.env.setdefault("problems", []).append((line, column, problem))
            else:
                first_line[label] = line
            token.meta["label"] = label
        if not dropping:
            kept.append(token)
        if token.type == "footnote_reference_close":
            dropping = False
    state.tokens = kept
    for footnote in footnotes.get("list", {}).values():
        if "label" in footnote:
            footnote["label"] = refs.label(footnote["label"])
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "footnote_ref":
                child.meta["label"] = refs.label(child.meta["label"])
