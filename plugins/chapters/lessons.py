"""The syllabus of Carpentries Workbench lessons, as their config.yaml lists the episodes.

A Workbench lesson (courselib.workbench) keeps its episodes in `episodes/`, by names
that carry no number (`introduction.md`, `navigating-files.md`), and their order in
`config.yaml`. Read as a book's SUMMARY.md would list them (chapters.book): a lesson at
the top of content/ makes its episodes the chapters; a workshop of lessons, each in a
folder of its own, makes each lesson a chapter (its page the lesson's index.md) and
its episodes that chapter's sections. The pages the config does not list (learners',
instructors', draft episodes) are outside the syllabus.
"""

import os
import posixpath

from courselib.pages import folder_page_among
from courselib.workbench import Lesson

from .book import Place, Summary


def lessons_summary(lessons: list[Lesson], content_root: str) -> Summary | None:
    """Return the Workbench lessons of content/ as a book's summary, or None where they
    list no episode."""
    places: dict[str, Place] = {}
    for lesson in lessons:
        home = lesson_page(content_root, lesson.root)
        if home is not None:
            places[home] = Place(None, True, lesson.title)
        part = lesson.title or posixpath.basename(lesson.root) if home is None else None
        for episode in lesson.episodes:
            if episode not in places:
                places[episode] = Place(home, True, "", part if lesson.root else None)
    if not any(lesson.episodes for lesson in lessons):
        return None
    return Summary("", lessons[0].config, places)


def lesson_page(content_root: str, path: str) -> str | None:
    """Return the page of the lesson in content/`path` (its index.md), or None: none for
    the lesson at the top of content/, whose index.md is the home page."""
    if not path:
        return None
    try:
        page = folder_page_among(os.listdir(os.path.join(content_root, path)))
    except OSError:
        return None
    return posixpath.join(path, page) if page is not None else None
