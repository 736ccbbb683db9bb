"""The syllabus of Carpentries Workbench lessons, as their config.yaml lists the episodes.

A Workbench lesson (courselib.workbench) keeps its episodes in `episodes/`, by names
that carry no number (`introduction.md`, `navigating-files.md`), and their order in
`config.yaml`. Read as a book's SUMMARY.md would list them (chapters.book): a lesson at
the top of content/ makes its episodes the chapters; a workshop of lessons, each in a
folder of its own, makes each lesson a chapter (its page the lesson's index.md) and
its episodes that chapter's sections. The learners' setup page comes first and the
other learners', instructors' and profile pages after the episodes, unnumbered; draft
episodes (in episodes/, not in the config) are outside the syllabus.
"""

import os
import posixpath

from courselib.pages import folder_page_among
from courselib.workbench import Lesson

from .book import Place, Summary

# The parts the Workbench's menus list its other pages under, after the episodes.
RESOURCES = {
    "learners": "Learner resources",
    "instructors": "Instructor resources",
    "profiles": "Learner profiles",
}
SETUP = "setup.md"


def lessons_summary(lessons: list[Lesson], content_root: str) -> Summary | None:
    """Return the Workbench lessons of content/ as a book's summary, or None where they
    list no episode.

    A lesson's setup page (`learners/setup.md`, which the Workbench shows on its home page)
    comes first, unnumbered; its episodes follow, numbered; its other learners',
    instructors' and profile pages after them, unnumbered, under the Workbench's menu
    names (at the top of content/, as parts; in a workshop, inside the lesson).
    """
    places: dict[str, Place] = {}
    for lesson in lessons:
        home = lesson_page(content_root, lesson.root)
        if home is not None:
            places[home] = Place(None, True, lesson.title)
        part = (lesson.title or posixpath.basename(lesson.root)) if home is None else None
        in_part = part if lesson.root else None
        learners = lesson.pages.get("learners", [])
        setup = [page for page in learners if posixpath.basename(page) == SETUP]
        for page in setup:
            places.setdefault(page, Place(home, False, "", in_part))
        for episode in lesson.episodes:
            places.setdefault(episode, Place(home, True, "", in_part))
        for folder, name in RESOURCES.items():
            for page in lesson.pages.get(folder, []):
                own_part = in_part if home is not None or lesson.root else name
                places.setdefault(page, Place(home, False, "", own_part))
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
