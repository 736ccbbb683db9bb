"""Chapters in course order with previous/next navigation, and pages for upcoming chapters.

Order comes from each chapter's number (an explicit `Chapter:` field, else the
digits in its slug), never from its date. Chapters announced in the
UPCOMING_CHAPTERS setting get a "coming soon" page until they are written, and
chapters with a future `Release:` day a "coming on" page until that day.
"""

from dataclasses import dataclass

from pelican import signals

from .generator import ChapterGenerator
from .term import hold_back_chapters


def add_generator(pelican) -> type:
    """Return the generator that builds the syllabus and writes upcoming pages."""
    return ChapterGenerator


@dataclass(frozen=True)
class NoCategory:
    """The category of a draft with none: Pelican writes drafts with `draft.category`
    (published articles with getattr), and its URL patterns read `category.slug`."""

    name: str = ""
    slug: str = ""


def give_drafts_a_category(generator) -> None:
    """Give a draft with no category an empty one, as published chapters have none.

    A draft placed by its path, which has no Category, ended the build with a traceback;
    so, when that category was None, did a draft with front matter and no Category, its
    address (`drafts/{slug}.html`) made from `category.slug`.
    """
    for draft in [*generator.drafts, *generator.drafts_translations]:
        if getattr(draft, "category", None) is None:
            draft.category = NoCategory()


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.article_generator_pretaxonomy.connect(hold_back_chapters)
    signals.article_generator_finalized.connect(give_drafts_a_category)
