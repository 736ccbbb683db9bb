"""Author-facing build failures: one clear line per problem, naming the file; no traceback.

Every build first walks content/ and reports each mistake it finds (no Title, a Date
that is not a date, an unknown Category, a file that is empty or not UTF-8, a damaged
image, a link leaving content/, a symbolic-link loop...) as its own warning. Pelican's
own per-file errors are rewritten the same way, and two files with one slug are
reported once their pages are known. One summary error then fails the build
(`--fatal errors`), so an author sees everything wrong in one run. A Markdown file whose
bytes are unchanged since the last build is not checked again: its problems come from
the cache folder (check_cache.py) and are reported exactly as before.

Under `--fatal errors` Pelican also reports that summary with a full traceback; this
plugin drops the traceback from that one message (unless the build runs with DEBUG=1,
i.e. `-D`). Tracebacks of real bugs (any other exception) are left alone.
"""

import glob
import logging
import os

from cached_products.image_index import image_index_for
from pelican import signals
from pelican.log import LimitFilter

from .check_cache import check_cache_for
from .content_checks import duplicate_slugs, hidden_pages, scan_content, shown_path
from .pelican_messages import PelicanMessages
from .report import ProblemReport

PELICAN_LOGGER = logging.getLogger("pelican")
FATAL_MESSAGE = "Warning or error encountered"
DEFAULT_KNOWN_CATEGORIES = ["chapters"]
# The loggers of Pelican's modules that report problems with one source file.
PELICAN_FILE_LOGGERS = ("pelican.generators", "pelican.contents", "pelican.utils")

pelican_messages = PelicanMessages()


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


def known_categories(settings: dict) -> tuple[list[str], str | None]:
    """Return the KNOWN_CATEGORIES setting (default ["chapters"]) and a problem if it is bad."""
    value = settings.get("KNOWN_CATEGORIES", DEFAULT_KNOWN_CATEGORIES)
    if (
        not isinstance(value, list | tuple)
        or not value
        or not all(isinstance(name, str) and name.strip() for name in value)
    ):
        return DEFAULT_KNOWN_CATEGORIES, (
            "pelicanconf: KNOWN_CATEGORIES must be a list of category names like ['chapters']"
        )
    return list(value), None


def start_build(generator) -> None:
    """Reset the problem report and check every file in content/ before Pelican reads it."""
    # Pelican drops a warning it has already shown in this process, so under `make
    # regenerate` a rebuild would list no problem but still fail: forget earlier builds'.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    report = ProblemReport(generator.path)
    pelican_messages.report = report
    categories, setting_problem = known_categories(generator.settings)
    if setting_problem:
        report.add(setting_problem)
    checks = check_cache_for(generator.settings)
    scan = scan_content(
        generator.path,
        page_folders=generator.settings.get("PAGE_PATHS", ["pages"]),
        known_categories=categories,
        ignored_names=generator.settings.get("IGNORE_FILES", []),
        images=image_index_for(generator.settings),
        checks=checks,
    )
    checks.save()
    if scan.not_utf8_names:
        # Without --fatal (the dev server) the build goes on: Pelican must not read a file
        # whose name it would write into pages and logs as bytes that are not text.
        ignored = generator.settings.get("IGNORE_FILES", [])
        escaped = [glob.escape(name) for name in sorted(scan.not_utf8_names)]
        generator.settings["IGNORE_FILES"] = [*ignored, *escaped]
    report.bad_sources |= scan.bad_sources
    for problem in scan.problems:
        report.add(problem)
    if scan.stop_before_reading:
        report.fail_if_any()  # before Pelican follows the link or opens the pipe


WRITTEN_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")


def check_duplicate_slugs(generator) -> None:
    """Report two chapters or pages that would be written to one file, and keep only the first.

    Pelican raises when it writes one file twice; under `make devserver` (no --fatal)
    that would stop every rebuild, so the later page is dropped from this build.
    """
    report = pelican_messages.report
    if report is None:
        return
    shown = {
        id(content): shown_path(content.source_path, report.content_root)
        for key in WRITTEN_LISTS
        for content in generator.context.get(key, [])
    }
    written = [
        (shown[id(content)], content.slug, content.save_as)
        for key in WRITTEN_LISTS
        for content in generator.context.get(key, [])
    ]
    for problem in duplicate_slugs(written):
        report.add(problem)
        report.stops_writing = True
    for problem in hidden_pages(written):
        report.add(problem)
    first_source: dict[str, str] = {}
    for source, _slug, save_as in sorted(written):
        first_source.setdefault(save_as, source)
    for key in WRITTEN_LISTS:
        contents = generator.context.get(key)
        if contents:
            # In place: Pelican's generators hold these very lists.
            contents[:] = [c for c in contents if first_source[c.save_as] == shown[id(c)]]


def drop_missing_static_links(generator) -> None:
    """Forget `{static}` targets that do not exist, before Pelican tries to copy or link them.

    Pelican would raise (with STATIC_CREATE_LINKS) on such a file and stop the build
    with a traceback, or, under the dev server, rebuild in a loop. The broken link
    itself is reported, at its Markdown line, by the link gate.
    """
    static_links = generator.context.get("static_links")
    if not static_links:
        return
    content_root = generator.settings["PATH"]
    missing = {
        path for path in static_links if not os.path.isfile(os.path.join(content_root, path))
    }
    static_links.difference_update(missing)


def finish_build(generators) -> None:
    """Arrange for the build to fail once, at its very end, if content/ has problems.

    The failure waits for `finalized`, after the link gate: under --fatal errors the
    first error ends the build, and the author should see every broken link too.
    Connected now, after every plugin registered, this receiver runs last. A
    problem Pelican cannot write past (two pages into one file) fails at once.
    """
    report = pelican_messages.report
    if report is not None and report.stops_writing:
        report.fail_if_any()
    signals.finalized.connect(fail_at_end)


def fail_at_end(pelican) -> None:
    """Log the one error that fails the build if content/ had problems."""
    if pelican_messages.report is not None:
        pelican_messages.report.fail_if_any()


def register() -> None:
    if not any(isinstance(existing, HideFatalTraceback) for existing in PELICAN_LOGGER.filters):
        PELICAN_LOGGER.addFilter(HideFatalTraceback())
    for name in PELICAN_FILE_LOGGERS:
        file_logger = logging.getLogger(name)
        if pelican_messages not in file_logger.filters:
            file_logger.addFilter(pelican_messages)
    signals.article_generator_init.connect(start_build)
    signals.page_generator_finalized.connect(check_duplicate_slugs)
    signals.page_generator_finalized.connect(drop_missing_static_links)
    signals.all_generators_finalized.connect(finish_build)
