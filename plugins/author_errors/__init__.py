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

import contextlib
import glob
import logging
import os
import re

from courselib.cached_products.image_index import image_index_for
from courselib.chapter_numbers import OutlineError, chapter_number, parse_upcoming
from courselib.front_matter import read_front_matter
from courselib.markdown import PROBLEMS_FIELD, WARNINGS_FIELD
from courselib.open_problems import fail_if_waiting
from courselib.pages import BY_PATH_FIELD, HOME_FIELD, unit_number
from courselib.paths import fits_file_system, shown_path
from courselib.term import HELD_BACK_CONTEXT
from pelican import signals
from pelican.log import LimitFilter

from .addresses import PageAddress, address_clashes, compared, owners_of, site_addresses
from .check_cache import check_cache_for
from .content_checks import (
    duplicate_slugs,
    hidden_pages,
    scan_content,
    too_long_names,
)
from .pelican_messages import PelicanMessages
from .report import ProblemReport

PELICAN_LOGGER = logging.getLogger("pelican")
logger = logging.getLogger(__name__)
FATAL_MESSAGE = "Warning or error encountered"
DEFAULT_KNOWN_CATEGORIES = ["chapters"]
# The loggers of Pelican's modules that report problems with one source file.
PELICAN_FILE_LOGGERS = (
    "pelican.generators",
    "pelican.contents",
    "pelican.readers",
    "pelican.utils",
)

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
        static_paths=generator.settings.get("STATIC_PATHS", []),
    )
    checks.save()
    if scan.not_utf8_names:
        # Without --fatal (the dev server) the build goes on: Pelican must not read a file
        # whose name it would write into pages and logs as bytes that are not text.
        ignored = generator.settings.get("IGNORE_FILES", [])
        escaped = [glob.escape(name) for name in sorted(scan.not_utf8_names)]
        generator.settings["IGNORE_FILES"] = [*ignored, *escaped]
    report.bad_sources |= scan.bad_sources
    report.image_problems = scan.image_problems  # told where published (check_published_files)
    for problem in scan.problems:
        report.add(problem)
    if scan.stop_before_reading:
        report.fail_if_any()  # before Pelican follows the link or opens the pipe


# Pelican's lists of pages, and the chapters held back until their Release day (whose
# problems are the author's to fix today, and whose address their "coming on" page takes).
WRITTEN_LISTS = (
    "articles",
    "hidden_articles",
    "drafts",
    "pages",
    "hidden_pages",
    "draft_pages",
    HELD_BACK_CONTEXT,
)


def report_markdown_problems(generator) -> None:
    """Report what the chapter reader found wrong in each Markdown file, and its warnings.

    The reader carries them in each chapter's metadata, so a chapter that Pelican's
    cache did not read again still has them.
    """
    report = pelican_messages.report
    if report is None:
        return
    for key in WRITTEN_LISTS:
        for content in generator.context.get(key, []):
            report_file_problems(report, content)
            for translation in getattr(content, "translations", None) or []:
                report_file_problems(report, translation)  # in no list of the context


def report_file_problems(report: ProblemReport, content) -> None:
    """Report the problems and warnings the chapter reader found in one file."""
    problems = content.metadata.get(PROBLEMS_FIELD) or []
    shown = shown_path(content.source_path, report.content_root) if problems else None
    for problem in problems:
        report.add(problem, source=shown)
    for warning in content.metadata.get(WARNINGS_FIELD) or []:
        report.warn(warning)


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
    by_path = frozenset(
        shown[id(content)]
        for key in WRITTEN_LISTS
        for content in generator.context.get(key, [])
        if content.metadata.get(BY_PATH_FIELD)
    )
    for problem in duplicate_slugs(written, by_path):
        report.add(problem)
        report.stops_writing = True
    for problem in hidden_pages(written) + too_long_names(written, by_path):
        report.add(problem)
    first_source: dict[str, str] = {}
    for source, _slug, save_as in sorted(written):
        first_source.setdefault(save_as, source)
    for key in WRITTEN_LISTS:
        contents = generator.context.get(key)
        if contents:
            # In place: Pelican's generators hold these very lists. A page whose address holds
            # a NUL (a Slug reported above) or is too long cannot be written: it is left out.
            contents[:] = [
                c
                for c in contents
                if first_source[c.save_as] == shown[id(c)]
                and "\x00" not in (c.save_as or "")
                and fits_file_system(c.save_as or "")
            ]
    check_addresses(generator.context, generator.settings, report)


def page_address(content, shown: str) -> PageAddress:
    """Return where a chapter or page would be written and served, and which field said so."""
    metadata = content.metadata
    if metadata.get(BY_PATH_FIELD):  # written where its path says (courselib.pages)
        return PageAddress(shown, content.save_as, content.url, "path", "path")
    fallback = "Slug" if "slug" in metadata else "Title"
    return PageAddress(
        source=shown,
        save_as=content.save_as,
        url=content.url,
        save_as_field="Save_as" if "save_as" in metadata else fallback,
        url_field="URL" if "url" in metadata else fallback,
    )


def announced_chapters(context: dict, settings: dict) -> list[tuple[int, str, str]]:
    """Return (number, title, save_as) of each upcoming chapter no published chapter replaces."""
    try:
        upcoming = parse_upcoming(settings.get("UPCOMING_CHAPTERS"))
    except OutlineError:
        return []  # the chapters plugin names the bad setting
    written = set()
    for article in [*context.get("articles", []), *context.get(HELD_BACK_CONTEXT, [])]:
        if article.metadata.get(BY_PATH_FIELD):  # numbered by its folder, as the syllabus does
            written.add(unit_number(article.relative_source_path))
            continue
        with contextlib.suppress(OutlineError):
            source = article.source_path
            written.add(chapter_number(article.metadata.get("chapter"), article.slug, source))
    save_as = settings.get("ARTICLE_SAVE_AS", "{slug}.html")
    return [
        (entry["number"], entry["title"], save_as.format(slug=entry["slug"]))
        for entry in upcoming
        if entry["number"] not in written
    ]


def check_addresses(context: dict, settings: dict, report: ProblemReport) -> None:
    """Report each page that takes an address the site (or another page) uses, and drop it.

    The site's own page or folder stays; the page is left out of this build, which fails.
    """
    contents = [content for key in WRITTEN_LISTS for content in context.get(key, [])]
    contents += [t for content in contents for t in getattr(content, "translations", [])]
    # The course's README is the home page's text, not a page of its own; a second one
    # (README.md and index.md) would take the home page's address.
    homes = sorted((c for c in contents if c.metadata.get(HOME_FIELD)), key=lambda c: c.source_path)
    contents = [content for content in contents if not homes or content is not homes[0]]
    by_source = {shown_path(c.source_path, report.content_root): c for c in contents}
    pages = [page_address(content, shown) for shown, content in by_source.items()]

    def line_of(source: str, field: str) -> int | None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            with open(by_source[source].source_path, encoding="utf-8-sig") as markdown:
                found = read_front_matter(markdown.read()).get(field.lower())
            return found.line if found else None
        return None

    taken = site_addresses(settings, announced_chapters(context, settings))
    dropped = set()
    for page, problem in address_clashes(pages, taken, line_of):
        report.add(problem, source=page.source)
        dropped.add(id(by_source[page.source]))
    if not dropped:
        return
    for key in WRITTEN_LISTS:
        if context.get(key):
            context[key][:] = [c for c in context[key] if id(c) not in dropped]
    for content in contents:
        if getattr(content, "translations", None):
            content.translations[:] = [t for t in content.translations if id(t) not in dropped]


# Pelican's own metadata in an HTML page: its HTML reader, now off, read such a page as one.
PELICAN_HTML_METADATA = re.compile(
    rb"""<meta\s+name\s*=\s*["']?(?:date|slug|category|tags)["'\s>]""", re.IGNORECASE
)


def check_published_files(generator) -> None:
    """Report each file published as it is at an address a page or the site has, and leave
    it out: a `chapter2.html` in content/ that a chapter links to would replace the page
    chapter2.html without a word (a file of STATIC_PATHS that clashes drops the page
    instead, in `check_addresses`). And report each image published that does not decode:
    one no page uses and the site does not publish is no problem of the course's."""
    report = pelican_messages.report
    if report is None:
        return
    context, settings = generator.context, generator.settings
    owners = owners_of(
        site_addresses(settings, announced_chapters(context, settings), static=False)
    )
    for content in (c for key in WRITTEN_LISTS for c in context.get(key, [])):
        shown = shown_path(content.source_path, report.content_root)
        page = page_address(content, shown)
        for address in {page.save_as, page.url} - {"", None}:
            owners.add_file(compared(address), shown)
    kept = []
    for static in generator.staticfiles:
        owner = owners.owner_of(compared(static.save_as))
        if owner is None:
            kept.append(static)
            if report.image_problems:  # an image the site publishes, undecodable
                shown = shown_path(static.source_path, report.content_root)
                if shown in report.image_problems:
                    report.add(report.image_problems[shown], shown)
            continue
        shown = shown_path(static.source_path, report.content_root)
        report.add(f"{shown}: its address {static.save_as!r} is taken by {owner}: rename it", shown)
    generator.staticfiles[:] = kept  # Pelican's context holds this very list


def report_pelican_html_pages(generator) -> None:
    """Report an HTML page written for Pelican's HTML reader that nothing publishes: with
    that reader off, it would be left out without a word."""
    report = pelican_messages.report
    if report is None:
        return
    html_files = {
        os.path.normpath(path) for path in generator.get_files([""], extensions=("html", "htm"))
    }
    if not html_files:
        return
    published = {os.path.normpath(static.relative_source_path) for static in generator.staticfiles}
    for path in sorted(html_files - published):
        with contextlib.suppress(OSError), open(os.path.join(generator.path, path), "rb") as page:
            if PELICAN_HTML_METADATA.search(page.read(65536)):
                shown = shown_path(os.path.join(generator.path, path), report.content_root)
                report.add(
                    f"{shown}: an HTML page with Pelican's metadata is no chapter here (chapters"
                    " are Markdown): write it in Markdown, or link to it from a chapter to"
                    " publish it as it is",
                    shown,
                )


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
    """Log the one error that fails the build if content/ had problems, naming any other
    check still waiting to fail it (a search index not built)."""
    fail_if_waiting(logger)


def register() -> None:
    if not any(isinstance(existing, HideFatalTraceback) for existing in PELICAN_LOGGER.filters):
        PELICAN_LOGGER.addFilter(HideFatalTraceback())
    for name in PELICAN_FILE_LOGGERS:
        file_logger = logging.getLogger(name)
        if pelican_messages not in file_logger.filters:
            file_logger.addFilter(pelican_messages)
    signals.article_generator_init.connect(start_build)
    signals.page_generator_finalized.connect(report_markdown_problems)
    signals.page_generator_finalized.connect(check_duplicate_slugs)
    signals.page_generator_finalized.connect(drop_missing_static_links)
    signals.static_generator_finalized.connect(check_published_files)
    signals.static_generator_finalized.connect(report_pelican_html_pages)
    signals.all_generators_finalized.connect(finish_build)
