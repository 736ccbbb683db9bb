"""The course's own settings, read once with defaults; a wrong one is named, never guessed at."""

from dataclasses import dataclass

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
    source_url = settings.get("SOURCE_URL")
    if source_url is not None and (
        not isinstance(source_url, str) or not source_url.startswith(("https://", "http://"))
    ):
        problems.append(
            "SOURCE_URL must be the web address of content/ in the course's repository,"
            " like 'https://github.com/you/course/blob/main/content'"
        )
        source_url = None
    return (
        CourseSettings(
            tuple(word.strip() for word in levels), source_url.rstrip("/") if source_url else None
        ),
        problems,
    )
