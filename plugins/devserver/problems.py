"""The problems of one build, read from the lines it logged, as the overlay shows them.

The build runs as `make html` runs it, in a child process whose output is a pipe, so
the log_lines plugin writes each message as one plain `[12:00:00] WARNING  message`
line. The overlay shows the very message the terminal shows; reading it back from
those lines (rather than from a logging handler of our own) keeps the two the same.
"""

import re
from dataclasses import asdict, dataclass

LOGGED_LINE = re.compile(r"^\[\d\d:\d\d:\d\d\] (?P<level>WARNING|ERROR|CRITICAL) +(?P<message>.*)$")
# `content/chapter4.md:116:5: broken link ...`, `output/index.html:54:26: ...`,
# `content/chapter2.md: the file is empty ...`, `pelicanconf: SOURCE_URL must be ...`.
LOCATION = re.compile(r"^(?P<location>[^\s:][^:]*?(?::\d+){0,2}): (?=\S)")
# What staged_build prints after a failed build (not a logged line).
FAILED_BUILD = re.compile(r"^The build failed: ")
# At most this many lines of a build that failed with nothing logged (a traceback, say).
LAST_LINES = 30


@dataclass(frozen=True)
class Problem:
    """One logged problem: its level, where (`file:line:col`, or '') and the whole message."""

    level: str
    location: str
    message: str

    def as_json(self) -> dict:
        """Return the problem as the overlay's script reads it."""
        return asdict(self)


def problem_of(line: str) -> Problem | None:
    """Return the problem a logged line states, or None for any other line."""
    logged = LOGGED_LINE.match(line.rstrip("\r\n"))
    if logged is None:
        return None
    message = logged["message"].rstrip()
    where = LOCATION.match(message)
    location = where["location"] if where and looks_like_a_place(where["location"]) else ""
    return Problem(logged["level"], location, message)


def looks_like_a_place(location: str) -> bool:
    """True for a file (`content/x.md:3`, `output/`) or a settings file (`pelicanconf`)."""
    name = location.split(":", 1)[0]
    return "/" in name or "." in name or name.endswith("conf")


def build_problems(lines: list[str], exit_code: int) -> list[Problem]:
    """Return the problems of a build from everything it printed.

    A build that failed without logging a problem (our own bug: a traceback) shows its
    last lines, so the overlay never says nothing while the terminal says something.
    """
    problems = [problem for problem in map(problem_of, lines) if problem is not None]
    if exit_code != 0 and not problems:
        said = [line.rstrip() for line in lines if line.strip() and not FAILED_BUILD.match(line)]
        text = "\n".join(said[-LAST_LINES:]) or f"the build stopped with exit code {exit_code}"
        problems = [Problem("CRITICAL", "", text)]
    return problems
