"""The log handler side: a filter that makes each message one safe line, and plain lines."""

import logging
from typing import TextIO

from courselib.log_text import one_line

PLAIN_FORMAT = "%(asctime)s %(levelname)-8s %(message)s"
TIME_FORMAT = "[%H:%M:%S]"  # as Pelican's rich handler shows it


class OneLine(logging.Filter):
    """Rewrites a record's message as `one_line` of it (the arguments merged in)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True  # logging reports a bad format itself
        safe = one_line(message)
        if safe != message:
            record.msg, record.args = safe, ()
        return True


class PlainLines(logging.StreamHandler):
    """Writes each record as one `[time] LEVEL message` line, never wrapped."""


def is_terminal(stream: TextIO) -> bool:
    """True when `stream` is a terminal (not a pipe, a file or a CI log)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def use_one_line_handler(
    root: logging.Logger, rich_handler: logging.Handler, stream: TextIO
) -> None:
    """Filter every message into one safe line; without a terminal, write plain lines.

    Safe to call again (the dev server loads plugins on each settings change).
    """
    if any(isinstance(handler, PlainLines) for handler in root.handlers):
        return
    if not any(isinstance(existing, OneLine) for existing in rich_handler.filters):
        rich_handler.addFilter(OneLine())
    if is_terminal(stream) or rich_handler not in root.handlers:
        return
    plain = PlainLines(stream)
    plain.setLevel(rich_handler.level)
    plain.setFormatter(logging.Formatter(PLAIN_FORMAT, TIME_FORMAT))
    plain.addFilter(OneLine())
    root.removeHandler(rich_handler)
    root.addHandler(plain)
