"""Pelican's own messages about an author's file, rewritten as one line naming the file.

Pelican logs a file it cannot read as "Could not process ./x.md" (the reason only in a
traceback) and a file missing a field as "Skipping /abs/path/x.md: ...", each as an
error, so under `--fatal errors` the first one stops the build before others are seen.
"""

import logging
import os
import sys

from courselib.front_matter import STATUSES
from courselib.paths import shown_path

# Pelican's message templates (record.msg) that concern one source file.
COULD_NOT_PROCESS = "Could not process %s"
MISSING_FIELD = "Skipping %s: could not find information about '%s'"
OUTSIDE_OUTPUT = "Skipping %s: file %r would be written outside output path"
UNKNOWN_STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
# Multi-line warnings about two files with one slug; our own check names both files instead.
SAME_SLUG_PREFIX = "There are %s"
# An image with `alt=""`, named with the file's absolute path and no line. The chapter
# reader warns of a Markdown image with no alt text at its line; raw HTML `alt=""` is
# how an author marks an image as decoration, which a screen reader rightly skips.
EMPTY_ALT = "Empty alt attribute for image %s in %s"
EMPTY_ALT_MORE = "Other images have empty alt attributes"  # what Pelican says from the 5th on
# A link Pelican took for a placeholder it does not know (`{{ lecture.url }}`, Liquid), named
# with no file: the link gate tells the same link at its file and line.
UNKNOWN_PLACEHOLDER = "Replacement Indicator %r not recognized in %r, skipping replacement"
# A `{filename}` link to a file that made no page, named with no file: the link gate tells
# it at its file and line (and the file's own problem, where it could not be read).
NO_SUCH_CONTENT = "Unable to find '%s', skipping url replacement."

DROP = object()


def rewrite_pelican_message(template: str, args: tuple, content_root: str, error=None):
    """Return (source, problem) for a message about a file, DROP to hide it, None to keep it."""
    if template == COULD_NOT_PROCESS:
        source = shown_path(os.path.join(content_root, str(args[0])), content_root)
        reason = str(error).splitlines()[0] if error is not None and str(error) else ""
        reason = reason or (type(error).__name__ if error is not None else "unknown error")
        return source, f"{source}: could not be read: {reason}"
    if template == MISSING_FIELD:
        source = shown_path(str(args[0]), content_root)
        field = str(args[1]).capitalize()
        return source, f"{source}: no {field}: add '{field}: ...' at the top of the file"
    if template == OUTSIDE_OUTPUT:
        source = shown_path(str(args[0]), content_root)
        return source, (
            f"{source}: would be written outside the output folder ({args[1]!r}): change its Slug"
        )
    if template == UNKNOWN_STATUS:
        source = shown_path(str(args[1]), content_root)
        return source, (f"{source}: Status: {str(args[0])!r} is not one of {', '.join(STATUSES)}")
    if template.startswith(SAME_SLUG_PREFIX) or template in (
        EMPTY_ALT,
        EMPTY_ALT_MORE,
        UNKNOWN_PLACEHOLDER,
        NO_SUCH_CONTENT,
    ):
        return DROP
    return None


class PelicanMessages(logging.Filter):
    """A filter for Pelican's loggers that turns its per-file errors into our one-line problems."""

    def __init__(self) -> None:
        super().__init__()
        self.report = None  # the current build's ProblemReport, set when a build starts

    def filter(self, record: logging.LogRecord) -> bool:
        if self.report is None or not isinstance(record.msg, str):
            return True
        args = record.args if isinstance(record.args, tuple) else ()
        # Pelican logs "Could not process" inside its `except` block: the reason is here.
        error = sys.exc_info()[1]
        try:
            rewritten = rewrite_pelican_message(record.msg, args, self.report.content_root, error)
        except (IndexError, TypeError, ValueError):
            return True  # a message we do not know: let Pelican's own text through
        if rewritten is None:
            return True
        if rewritten is not DROP:
            source, problem = rewritten
            if source not in self.report.bad_sources:
                self.report.add(problem, source=source, error=error)
        return False  # dropped: under --fatal errors it must not stop the build here
