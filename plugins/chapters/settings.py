"""The course's own settings, read once with defaults; a wrong one is named, never guessed at."""

from dataclasses import dataclass

from courselib.github_links import repository_url

from .tree import DEFAULT_LEVELS


@dataclass(frozen=True)
class CourseSettings:
    """COURSE_LEVELS (the word for each level: "Unit", "Lesson") and SOURCE_URL."""

    levels: tuple[str, ...] = DEFAULT_LEVELS
    source_url: str | None = None  # a repository's `blob/main/content` address, no trailing /


def course_settings(settings: dict) -> tuple[CourseSettings, list[str]]:
    """Return the course settings, and a problem for each that is wrong (its default is used)."""
    problems = []
    levels = settings.get("COURSE_LEVELS", list(DEFAULT_LEVELS))
    if (
        not isinstance(levels, list | tuple)
        or not levels
        or not all(isinstance(word, str) and word.strip() for word in levels)
    ):
        problems.append('COURSE_LEVELS must be a list of words like ["Unit", "Lesson"]')
        levels = DEFAULT_LEVELS
    # A wrong SOURCE_URL is reported by course_markdown, which links folders there too.
    source_url, _problem = repository_url(settings)
    return CourseSettings(tuple(word.strip() for word in levels), source_url), problems
