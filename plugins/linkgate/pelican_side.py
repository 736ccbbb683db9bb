"""Pelican side of the gate: note which Markdown wrote each page, check the site once written.

Every problem is logged as its own warning, then one error sums them up, so
`pelican --fatal errors` (make html) fails after showing them all, and
`pelican -r` (which must never see an exception) just logs.
"""

import contextlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from courselib.github_links import ContentFiles, repository_url
from courselib.html_urls import read_html
from courselib.open_problems import also_failing
from courselib.output_folders import shown_output_name
from courselib.paths import shown_path

from .address import SiteAddress
from .blocked import combined_advice
from .check import GateOptions, check_site
from .content_links import ContentLinks
from .problems import Problem
from .report import as_github, as_text, summary
from .settings import SettingsError, read_settings
from .sources import map_to_markdown

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSource:
    """What wrote one output page: a Markdown file (if any) and a template."""

    source_path: str | None  # absolute path of the Markdown file
    template: str | None  # e.g. "article.html"


# Output path -> what wrote it, for the build in progress; emptied at each build's start.
written_pages: dict[str, PageSource] = {}
# Static file's path from content/ -> its path in the site, for the build in progress.
static_files: dict[str, str] = {}


def start_build(*_arguments, **_keywords) -> None:
    """Forget the previous build's pages (the dev server rebuilds in one process)."""
    written_pages.clear()


def start_static_files(*_arguments, **_keywords) -> None:
    """Forget the previous build's static files."""
    static_files.clear()


def note_static_files(generator) -> None:
    """Remember where each file of content/ Pelican publishes as it is goes in the site."""
    for static in getattr(generator, "staticfiles", []):
        # relative_source_path is kept by Pelican; asking again would resolve the path anew.
        static_files[static.relative_source_path] = static.save_as.replace(os.sep, "/")


def note_written_page(path: str, context: dict) -> None:
    """Remember which Markdown file and template produced the output file `path`."""
    content = context.get("article") or context.get("page")
    template = f"{content.template}.html" if hasattr(content, "template") else None
    if content is None and context.get("course_home") is not None:
        # The home page shows the course's README (the chapters plugin writes it).
        content, template = context["course_home"], context.get("theme_template")
    source_path = getattr(content, "source_path", None)
    if not (source_path and template):
        source_path = None
        # A generator of ours passes `theme_template`; Pelican's direct templates have page_name.
        template = context.get("theme_template") or _direct_template(context)
    written_pages[os.path.abspath(path)] = PageSource(source_path, template)


def _direct_template(context: dict) -> str | None:
    """Return the template of a page Pelican wrote from `page_name` (index, 404), if it exists."""
    page_name = context.get("page_name")
    theme = context.get("THEME")
    if not isinstance(page_name, str) or not page_name or not theme:
        return None
    template = f"{page_name}.html"
    return template if (Path(theme) / "templates" / template).is_file() else None


def check_written_site(pelican) -> None:
    """Check the output folder once everything is written; log problems, never raise."""
    settings = pelican.settings
    try:
        gate = read_settings(settings)
    except SettingsError as problem:
        logger.error("pelicanconf: %s", problem)
        return
    if not gate.enabled:
        return
    output = Path(pelican.output_path)
    options = GateOptions(
        site=SiteAddress.from_site_url(
            "" if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")
        ),
        ignore=gate.ignore,
        strict=gate.strict,
        external=gate.external,
        external_options=gate.external_options,
        generated_folders=gate.generated_folders,
        cache_dir=Path(settings.get("CACHE_PATH") or "cache") / "linkgate",
    )
    try:
        problems = check_site(output, options)
        problems = point_at_sources(problems, output, settings)
        # An author writes ignore patterns for URLs as written in Markdown, too.
        ignore = [re.compile(pattern) for pattern in gate.ignore]
        problems = [p for p in problems if not any(rule.search(p.written or "") for rule in ignore)]
    except Exception:  # noqa: BLE001 - our bug must not crash `pelican -r` into a rebuild loop
        logger.error("link gate: internal error while checking %s", output, exc_info=True)
        return
    # Each on one whole line, even in a CI log: the log_lines plugin sees to it.
    for problem in problems:
        line = as_text(problem)
        logger.warning("%s", line)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            # A workflow command: the problem shows on the pull request, at its Markdown line.
            print(as_github(problem), flush=True)
    advice = combined_advice([(problem.target, problem.reason) for problem in problems])
    if advice is not None:
        logger.warning("%s", advice)
    if any(problem.is_error for problem in problems):
        also = "".join(f" {sentence}." for sentence in also_failing())  # content/'s problems
        logger.error("%s; each is listed above.%s", summary(problems), also)


def point_at_sources(problems: list[Problem], output: Path, settings: dict) -> list[Problem]:
    """Point problems at the Markdown they were written in, at the file of content/ a page
    published as it is came from (its lines are that file's), else at `output/page`."""
    content_root = os.path.abspath(settings.get("PATH") or "content")
    # A staged build writes into `.output.building-x1`; the author knows it as `output`.
    output_shown = shown_output_name(output)
    content_to_site = dict(static_files)
    page_ids: dict[str, frozenset[str] | None] = {}

    def ids_of(content_path: str) -> frozenset[str] | None:
        site_path = content_to_site.get(content_path)
        if site_path is not None and site_path not in page_ids:
            try:
                page_ids[site_path] = read_html((output / site_path).read_text("utf-8")).ids
            except (OSError, UnicodeDecodeError):
                page_ids[site_path] = None
        return page_ids.get(site_path)

    content_links = ContentLinks(
        ContentFiles(content_root),
        shown_path(content_root, content_root),
        repository_url(settings)[0],
        ids_of,
    )
    for path, source in written_pages.items():
        if source.source_path:
            relative_source = os.path.relpath(source.source_path, content_root).replace(os.sep, "/")
            content_to_site[relative_source] = os.path.relpath(path, output).replace(os.sep, "/")
    by_page: dict[str, list[Problem]] = {}
    for problem in problems:
        shown = f"{output_shown}/{problem.page}"
        by_page.setdefault(problem.page, []).append(
            problem.located(shown, problem.line, problem.column)
        )
    published_from = {site: source for source, site in static_files.items()}
    mapped = []
    for page, page_problems in by_page.items():
        source = written_pages.get(os.path.abspath(output / page))
        if source is None:
            if page in published_from:
                shown = shown_path(os.path.join(content_root, published_from[page]), content_root)
                page_problems = [p.located(shown, p.line, p.column) for p in page_problems]
            mapped += page_problems
            continue
        markdown = ""
        if source.source_path:
            with contextlib.suppress(OSError):
                markdown = Path(source.source_path).read_text(encoding="utf-8")
        mapped += sorted_by_place(
            without_table_anchors(
                map_to_markdown(
                    page_problems,
                    markdown,
                    shown_source=shown_path(source.source_path, content_root)
                    if source.source_path
                    else "",
                    source=os.path.relpath(source.source_path, content_root).replace(os.sep, "/")
                    if source.source_path
                    else "",
                    site=SiteAddress.from_site_url(
                        "" if settings.get("RELATIVE_URLS") else settings.get("SITEURL", "")
                    ),
                    content_to_site=content_to_site,
                    template=source.template,
                    content_links=content_links,
                ),
                markdown,
            )
        )
    return mapped


# The table the all-contributors bot keeps in a README: "Do not remove or modify this section".
BOT_TABLE = re.compile(
    r"<!--\s*ALL-CONTRIBUTORS-LIST:START.*?ALL-CONTRIBUTORS-LIST:END\s*-->", re.DOTALL
)


def without_table_anchors(problems: list[Problem], markdown: str) -> list[Problem]:
    """Return `problems` without the anchors of the all-contributors table's emoji
    (`#content-jack89roberts`), which lead nowhere on GitHub either, by the bot's design, in a
    section the bot asks no one to edit: rds-course's table made 119 of its 149 problems."""
    tables = [
        (markdown.count("\n", 0, found.start()) + 1, markdown.count("\n", 0, found.end()) + 1)
        for found in BOT_TABLE.finditer(markdown)
    ]
    return [
        problem
        for problem in problems
        if not (
            problem.kind == "anchor"
            and (problem.written or problem.target).startswith("#")
            and problem.line is not None
            and any(first <= problem.line <= last for first, last in tables)
        )
    ]


def sorted_by_place(problems: list[Problem]) -> list[Problem]:
    """Return problems in the order an author reads them: by file, line and column."""
    return sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))
