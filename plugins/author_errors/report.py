"""One build's content problems: each logged as its own warning, then one summary error."""

import logging

from courselib.open_problems import wait_to_fail
from courselib.paths import shown_path

logger = logging.getLogger(__name__)


class ProblemReport:
    """Collects the problems found in content/ during one build and fails it once at the end."""

    def __init__(self, content_root: str) -> None:
        self.content_root = content_root
        self.problems: list[str] = []
        self.bad_sources: set[str] = set()  # files already reported, as content/x.md
        self.image_problems: dict[str, str] = {}  # by image: told where the site publishes it
        # Set by a problem Pelican cannot write past (two pages into one file).
        self.stops_writing = False
        wait_to_fail("content", None)

    def add(self, problem: str, source: str | None = None, error: BaseException | None = None):
        """Log one problem as a warning (with its traceback only under DEBUG) and count it."""
        if source is not None:
            self.bad_sources.add(source)
        debug = logging.getLogger("pelican").getEffectiveLevel() <= logging.DEBUG
        exc_info = (type(error), error, error.__traceback__) if error and debug else None
        logger.warning("%s", problem, exc_info=exc_info)
        self.problems.append(problem)
        wait_to_fail("content", self.summary())

    def warn(self, warning: str) -> None:
        """Log a warning that does not fail the build."""
        logger.warning("%s", warning)

    def summary(self) -> str:
        """Return the sentence that fails the build: `content/ has 2 problem(s), listed above`."""
        root = shown_path(self.content_root, self.content_root)
        return f"{root}/ has {len(self.problems)} problem(s), listed above"

    def fail_if_any(self) -> None:
        """Log the one error that fails the build (under --fatal errors) if there are problems."""
        if self.problems:
            wait_to_fail("content", None)
            logger.error("%s.", self.summary())
            self.problems = []
