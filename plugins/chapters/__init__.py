"""Chapters in course order with previous/next navigation, and pages for upcoming chapters.

Order comes from each chapter's number (an explicit `Chapter:` field, else the
digits in its slug), never from its date. Chapters announced in the
UPCOMING_CHAPTERS setting get a "coming soon" page until they are written, and
chapters with a future `Release:` day a "coming on" page until that day.
"""

import os
from dataclasses import dataclass

from courselib.front_matter import split_front_matter
from courselib.pages import is_markdown
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


def course_folders_are_not_pelicans_pages(pelican) -> None:
    """Read a folder of PAGE_PATHS (Pelican's `pages/`) as the course's where its Markdown
    files are not all Pelican pages (each with a `Title:`).

    microsoft/TypeScript-Handbook keeps its 84 lessons in `pages/`: Pelican read them as
    pages beside the course, with no place in the syllabus, no next link and no search.
    """
    settings = pelican.settings
    freed = [
        folder
        for folder in settings["PAGE_PATHS"]
        if not holds_pelican_pages(os.path.join(settings["PATH"], folder))
    ]
    if freed:
        settings["PAGE_PATHS"] = [f for f in settings["PAGE_PATHS"] if f not in freed]
        settings["ARTICLE_EXCLUDES"] = [f for f in settings["ARTICLE_EXCLUDES"] if f not in freed]


def holds_pelican_pages(folder: str) -> bool:
    """True unless `folder` holds a Markdown file (hidden ones aside) with no Pelican title."""
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith(".") or not is_markdown(name):
                continue
            try:
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as file:
                    head = file.read(20_000).split("\n")
            except OSError:
                continue  # author_errors tells
            if not split_front_matter(head).makes_pelican_chapter:
                return False
    return True


def register() -> None:
    signals.initialized.connect(course_folders_are_not_pelicans_pages)
    signals.get_generators.connect(add_generator)
    signals.article_generator_pretaxonomy.connect(hold_back_chapters)
    signals.article_generator_finalized.connect(give_drafts_a_category)
