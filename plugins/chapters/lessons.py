"""The syllabus of Carpentries Workbench lessons, as their config.yaml lists the episodes.

A Workbench lesson (courselib.workbench) keeps its episodes in `episodes/`, by names
that carry no number (`introduction.md`, `navigating-files.md`), and their order in
`config.yaml`. Read as a book's SUMMARY.md would list them (chapters.book): a lesson at
the top of content/ makes its episodes the chapters; a workshop of lessons, each in a
folder of its own, makes each lesson a chapter (its page the lesson's index.md) and
its episodes that chapter's sections. The pages the config does not list (learners',
instructors', draft episodes) are outside the syllabus.
"""

import posixpath

from courselib.workbench import Lesson

from .book import Place, Summary
from .folders import Folder, pages_under


def lessons_summary(root: Folder, lessons: list[Lesson]) -> Summary | None:
    """Return the Workbench lessons of content/ (`root`) as a book's summary, or None
    where they list no episode that is a page here."""
    pages = {page.path for page in pages_under(root)}
    places: dict[str, Place] = {}
    episodes = 0
    for lesson in lessons:
        home = lesson_page(root, lesson.root)
        if home is not None:
            places[home] = Place(None, True, lesson.title)
        part = lesson.title or posixpath.basename(lesson.root) if home is None else None
        for episode in lesson.episodes:
            if episode in pages and episode not in places:
                places[episode] = Place(home, True, "", part if lesson.root else None)
                episodes += 1
    if not episodes:
        return None
    return Summary("", lessons[0].config, places)


def lesson_page(root: Folder, path: str) -> str | None:
    """Return the page of the lesson in content/`path` (its index.md), or None: none for
    the lesson at the top of content/, whose index.md is the home page."""
    if not path:
        return None
    folder = root
    for name in path.split("/"):
        folder = folder.folders.get(name)
        if folder is None:
            return None
    return folder.page.path if folder.page is not None else None
