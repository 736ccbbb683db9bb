"""Author-facing build failures: one clear line, no traceback.

Under `--fatal errors` Pelican turns the first logged error into a RuntimeError
and reports it with a full traceback. The error itself was already logged with
its file and line; the traceback only hides it. This plugin drops the traceback
from that one message (unless the build runs with DEBUG=1, i.e. `-D`).
Tracebacks of real bugs (any other exception) are left alone.
"""

import logging

PELICAN_LOGGER = logging.getLogger("pelican")
FATAL_MESSAGE = "Warning or error encountered"


class HideFatalTraceback(logging.Filter):
    """Rewrites Pelican's "RuntimeError: Warning or error encountered" into a plain summary."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.CRITICAL or not record.exc_info:
            return True
        error = record.exc_info[1]
        is_fatal_log = isinstance(error, RuntimeError) and str(error) == FATAL_MESSAGE
        if is_fatal_log and PELICAN_LOGGER.getEffectiveLevel() > logging.DEBUG:
            record.exc_info = None
            record.msg = "The build failed: fix the problems listed above."
            record.args = ()
        return True


def register() -> None:
    if not any(isinstance(existing, HideFatalTraceback) for existing in PELICAN_LOGGER.filters):
        PELICAN_LOGGER.addFilter(HideFatalTraceback())
