"""When each file of a course was last committed, for "Last updated" on pages with no Date.

One `git log` for the whole folder, read once per build. Outside a repository, without
git, or with output we cannot read, there are no dates: a page then shows none rather
than one we would have to invent.
"""

import logging
import os
import subprocess
from datetime import UTC, datetime

logger = logging.getLogger(__name__)

# Each commit as "\x01<unix time>", then the files it touched; with -z, each ends with a NUL
# and paths are written as they are (else git quotes a name with `"`, `\\` or a tab).
LOG_FORMAT = "--format=\x01%ct"
GIT_TIMEOUT_SECONDS = 60


def last_commit_dates(folder: str) -> dict[str, datetime]:
    """Return {path relative to `folder`: its last commit's time} for the files git tracks there.

    Files with uncommitted changes keep the date of their last commit: the page says
    when the published text was last committed, which is what a reader can look up.
    """
    try:
        top = run_git(folder, "rev-parse", "--show-toplevel").strip()
        log = run_git(folder, "log", "-z", LOG_FORMAT, "--name-only", "--no-renames", "--", ".")
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError) as problem:
        logger.debug("git_dates: no dates for %s: %s", folder, problem)
        return {}
    prefix = os.path.relpath(os.path.realpath(folder), os.path.realpath(top)).replace(os.sep, "/")
    prefix = "" if prefix == "." else prefix + "/"
    return parse_log(log, prefix)


def parse_log(log: str, prefix: str = "") -> dict[str, datetime]:
    """Return the newest commit time of each file in `git log -z --name-only` output.

    Paths are relative to the repository; only those under `prefix` are kept, without it.
    Newest commits come first, so a file's first mention is its last commit.
    """
    dates: dict[str, datetime] = {}
    when = None
    first_path = False
    for entry in log.split("\0"):
        if entry.startswith("\x01"):
            try:
                when = datetime.fromtimestamp(int(entry[1:]), tz=UTC)
            except (ValueError, OverflowError, OSError):
                when = None
            first_path = True
            continue
        path = entry[1:] if first_path and entry.startswith("\n") else entry
        first_path = False
        if path and when is not None and path.startswith(prefix):
            dates.setdefault(path[len(prefix) :], when)
    return dates


def run_git(folder: str, *arguments: str) -> str:
    """Return what a git command run in `folder` prints; raise if it fails."""
    finished = subprocess.run(
        ["git", "-c", "core.quotepath=off", *arguments],
        cwd=folder,
        capture_output=True,
        timeout=GIT_TIMEOUT_SECONDS,
        check=True,
    )
    return finished.stdout.decode("utf-8")
