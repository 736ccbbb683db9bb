"""What of a chapter is published today: held-back chapters are marked, held-back solutions cut.

The reader's HTML holds every solution, between markers (courselib.markdown.exercises),
since it is cached and read again on later days. Each build then decides, as soon as a
chapter is made from it and before any other plugin reads it: a solution whose
`Solutions:` day has not come is cut out, its place saying when it comes; a chapter
whose `Release:` day has not come is marked held back, and the chapters plugin serves
its "coming on" page instead.
"""

from dataclasses import dataclass
from datetime import date
from html import escape

from courselib.markdown.exercises import count_solutions, release_solutions
from courselib.term import RELEASE_FIELD, SOLUTIONS_FIELD, is_held_back, spoken_day


@dataclass(frozen=True)
class Release:
    """A chapter's body as published today, and what is held back of it."""

    body: str
    chapter_day: date | None = None  # set when the whole chapter is held back
    chapter_held_back: bool = False
    solutions_day: date | None = None
    solutions_held_back: int = 0  # how many solutions were cut out


def solution_notice(day: date | None) -> str:
    """Return the HTML said in a held-back solution's place."""
    when = f"on {spoken_day(day)}" if day else "later"
    return f'<p class="solution-later">Solution available {escape(when)}</p>\n'


def release_chapter(body: str, metadata: dict, today: date) -> Release:
    """Return a chapter's body as published on `today`, and what of it is held back."""
    chapter_held_back, chapter_day = is_held_back(metadata.get(RELEASE_FIELD), today)
    solutions_held_back, solutions_day = is_held_back(metadata.get(SOLUTIONS_FIELD), today)
    count = count_solutions(body) if solutions_held_back else 0
    body = release_solutions(body, not solutions_held_back, solution_notice(solutions_day))
    return Release(body, chapter_day, chapter_held_back, solutions_day, count)


def held_back_lines(shown: str, release: Release, metadata: dict) -> list[str]:
    """Return the lines a build prints for what of a chapter (shown as `shown`) is held back.

    A day that is not a date has its own line, the problem that fails the build.
    """
    if release.chapter_held_back:
        if release.chapter_day is None:
            return []
        field = str(metadata.get(RELEASE_FIELD)).strip()
        when = spoken_day(release.chapter_day)
        return [f"{shown}: chapter held back until {when} (Release: {field})"]
    if release.solutions_held_back and release.solutions_day is not None:
        field = str(metadata.get(SOLUTIONS_FIELD)).strip()
        count = release.solutions_held_back
        solutions = "solution" if count == 1 else "solutions"
        when = spoken_day(release.solutions_day)
        return [f"{shown}: {count} {solutions} held back until {when} (Solutions: {field})"]
    return []
