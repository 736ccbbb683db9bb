"""Chapters read by our CommonMark parser (courselib.markdown) instead of Python-Markdown.

Every `.md` file goes through CourseMarkdownReader: GitHub's Markdown, math made
MathML at build time, and each problem found while reading carried to author_errors
at its file:line:column (see reader.py). Links and images written as on GitHub
(`../2-devices/README.md`, `images/robot.png` beside the lesson) then lead to the
course's pages and files (see github_links.py); this must run before the plugins that
read a chapter's image URLs (course_images, rootlinks), as PLUGINS orders it.

Before that, each chapter is cut to what today publishes (see release.py): solutions
held back are taken out, and a chapter held back keeps no text at all, for the chapters
plugin to list as upcoming. No plugin after this one (in PLUGINS) sees a held-back text.
"""

import itertools
import logging
import os
import sys
from datetime import date
from pathlib import Path
from urllib.parse import quote

import courselib
from courselib.cached_products.page_rewrites import (
    RewritesOfEachBuild,
    apply_edits,
    are_edits,
    are_file_stamps,
    page_key,
    same_files,
)
from courselib.github_links import GithubPath, placeholder, repository_url
from courselib.pages import is_markdown
from courselib.paths import shown_path
from courselib.term import HELD_BACK_ATTRIBUTE, HELD_BACK_IDS_ATTRIBUTE, course_today
from pelican import signals

from .github_links import CourseLinks, page_ids
from .prerender import forget_parses, parse_ahead
from .reader import INCLUDED_FIELD, CourseMarkdownReader
from .release import held_back_lines, release_chapter

logger = logging.getLogger(__name__)

# This build's resolver of GitHub links: made when the build starts reading.
_build: CourseLinks | None = None
# Each build's rewrites of each page, kept for the next; the library's code is part of
# their stamp (the GitHub paths, the ids a page's Markdown gives).
_rewrites = RewritesOfEachBuild(
    "course_markdown", (Path(__file__).parent, Path(courselib.__file__).parent)
)
# The day this build publishes the course as (COURSE_TODAY, else today in TIMEZONE).
_today: date | None = None


def use_course_reader(readers) -> None:
    """Read Markdown files with our reader, in place of Pelican's.

    Whatever the case of their suffix: Pelican matches it exactly, and `README.MD` (as
    saved on Windows) is Markdown to GitHub, to our links and to our checks.
    """
    for extension in CourseMarkdownReader.file_extensions:
        for letters in itertools.product(*({letter, letter.upper()} for letter in extension)):
            readers.reader_classes["".join(letters)] = CourseMarkdownReader


def keep_quiet_about_pelicans_reader(generator) -> None:
    """Forget that Pelican's own Markdown reader cannot run (Python-Markdown is not
    installed, and not needed): it warned so for every chapter that ours reads."""
    readers = generator.readers
    for extension in [ext for ext in readers.disabled_readers if ext in readers.readers]:
        del readers.disabled_readers[extension]


def forget_stale_includes(generator) -> None:
    """Forget Pelican's cached reading of a chapter whose included files (mdBook's
    `{{#include}}` in its code blocks) changed since: its own file did not, and Pelican
    would show the old listing. A cached entry not as the reader leaves it is forgotten too.
    """
    cache = getattr(generator.readers, "_cache", None)
    if not isinstance(cache, dict):
        return
    for path, entry in list(cache.items()):
        try:
            _, (_, metadata) = entry
            included = metadata.get(INCLUDED_FIELD, {})
        except (TypeError, ValueError, AttributeError):
            continue  # Pelican's own entry, as Pelican checks it
        if not are_file_stamps(included) or not same_files(included, generator.settings["PATH"]):
            del cache[path]


def start_build(generator) -> None:
    """Forget the last build's files and ids (the dev server rebuilds in one process)."""
    global _build, _today
    _rewrites.forget()
    repository, problem = repository_url(generator.settings)
    if problem:
        logger.error("%s", problem)
    _build = CourseLinks.from_settings(generator.settings, repository)
    _today, problem = course_today(generator.settings)
    if problem:
        logger.error("%s", problem)


def course_links(settings: dict) -> CourseLinks:
    """Return this build's resolver of GitHub links."""
    global _build
    if _build is None or _build.content_root != settings["PATH"]:
        _build = CourseLinks.from_settings(settings, repository_url(settings)[0])
    return _build


def release_today(content) -> None:
    """Publish of one chapter what today allows: cut held-back solutions, mark it held back.

    Runs first of all on a new chapter, so no plugin after it reads a held-back text.
    """
    body = getattr(content, "_content", None)
    source_path = getattr(content, "source_path", None)
    if not source_path or not is_markdown(source_path):
        return
    today = _today if _today is not None else course_today(content.settings)[0]
    release = release_chapter(body or "", content.metadata, today)
    if body:
        content._content = release.body
    if release.chapter_held_back:
        # Nothing of its text is kept: no plugin can publish it, nor the files it links to.
        setattr(content, HELD_BACK_IDS_ATTRIBUTE, page_ids(content._content or ""))
        content._content = ""
        setattr(content, HELD_BACK_ATTRIBUTE, release.chapter_day)
    shown = shown_path(source_path, content.settings["PATH"])
    for line in held_back_lines(shown, release, content.metadata):
        logger.warning("%s", line)
    if release.solutions_held_back and content.settings.get("OUTPUT_SOURCES"):
        # Pelican would copy the Markdown file, held-back solutions and all, into the site.
        logger.error(
            "pelicanconf: OUTPUT_SOURCES = True would publish %s whole, its held-back"
            " solutions too: set OUTPUT_SOURCES = False",
            shown,
        )


def is_kept_rewrite(value: object) -> bool:
    """True for a page's rewrite as `resolve_github_links` keeps it."""
    return (
        isinstance(value, dict)
        and are_edits(value.get("edits"), sys.maxsize)
        and isinstance(value.get("linked"), list)
        and all(isinstance(path, str) for path in value["linked"])
        and are_file_stamps(value.get("ids_read"))
    )


def resolve_github_links(content) -> None:
    """Make the GitHub links of one chapter (read by our reader) lead to pages and files.

    An earlier build's rewrite of the same HTML, served at the same place, is used again
    while content/ holds the same names and every other Markdown file whose ids it read
    is the very same file (kept in `_rewrites`).
    """
    body = getattr(content, "_content", None)
    source_path = getattr(content, "source_path", None)
    if not body or not source_path or not is_markdown(source_path):
        return
    # Properties Pelican formats on every read. A text shown on another page (a course's
    # README on its home page) has a URL but no file of its own.
    save_as = getattr(content, "save_as", None) or ""
    url = getattr(content, "url", None) or ""
    links = course_links(content.settings)
    source = os.path.relpath(os.path.abspath(source_path), os.path.abspath(links.content_root))
    source = source.replace(os.sep, "/")
    rewrites = _rewrites.of_build(content.settings)
    key = page_key(body, source, save_as, url, links.listing_digest)
    kept = rewrites.earlier_value(source_path, key, is_kept_rewrite)
    if (
        isinstance(kept, dict)
        and are_edits(kept["edits"], len(body))  # of this very HTML, as its key says
        and same_files(kept["ids_read"], links.content_root)
    ):
        links.linked_files.update(kept["linked"])
        content._content = apply_edits(body, kept["edits"])
        return
    edits, linked, ids_read = links.page_edits(body, source, save_as, url)
    content._content = apply_edits(body, edits)
    rewrites.keep(
        source_path,
        key,
        {
            "edits": [list(edit) for edit in edits],
            "linked": sorted(linked),
            "ids_read": {path: links.id_stamps[path] for path in sorted(ids_read)},
        },
    )


def publish_linked_files(generator) -> None:
    """Have Pelican publish every file a chapter links to, at its path, whatever its name,
    and the files a linked HTML page or stylesheet uses.

    Pelican would publish only the files of STATIC_PATHS and those a `{static}` link
    names; and it reads a `{static}` path as written, decoding only `%20`, so for a
    name with `&` or `#` (percent-encoded in the link) it would look for a file that
    does not exist: that one is taken out.
    """
    static_links = generator.context.get("static_links")
    if _build is None or static_links is None:
        return
    for path in _build.with_files_they_use(_build.linked_files):
        static_links.add(path)
        as_pelican_reads_it = placeholder("static", path, GithubPath(path))[len("{static}/") :]
        if as_pelican_reads_it != path and not _build.files.is_file(as_pelican_reads_it):
            static_links.discard(as_pelican_reads_it)


# How Pelican 4.12 begins its warning that an `{attach}` link cannot move its file, and
# the group it logs it in: from the fifth, its LimitFilter says this group's message instead.
ATTACH_WARNING = "The {attach} link in %s cannot relocate "
ATTACH_WARNINGS_GROUP = "More {attach} warnings silenced."


class AttachAsStatic(logging.Filter):
    """Drops Pelican's warning that an `{attach}` link "cannot relocate" its file.

    Pelican moves a file an `{attach}` link names beside the page, unless a link read its
    address first. The course's plugins read every file's address as soon as the files
    are found (to check it, to give it a URL that names it, for the link gate), so every
    `{attach}` falls back to `{static}` (the file stays where it is in content/), and
    Pelican warned so at each one: a warning no author could act on.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "limit_msg", None) == ATTACH_WARNINGS_GROUP:
            return False
        return not (isinstance(record.msg, str) and record.msg.startswith(ATTACH_WARNING))


_attach_as_static = AttachAsStatic()


def quote_static_urls(generator) -> None:
    """Give each static file a URL that names it, percent-encoded where its name needs it.

    Pelican writes a `{static}` link (the course README's, on the home page) with the
    file's path as it is: `./1-intro/C# basics.pdf` leads to `C`, `50%.pdf` to nothing.
    """
    for static in generator.staticfiles:
        url = static.url
        quoted = quote(url, safe="/", errors="surrogateescape")
        if quoted != url:
            static.override_url = quoted


def register() -> None:
    logging.getLogger("pelican.contents").addFilter(_attach_as_static)  # once, if registered again
    signals.readers_init.connect(use_course_reader)
    signals.generator_init.connect(keep_quiet_about_pelicans_reader)
    signals.generator_init.connect(forget_stale_includes)
    signals.article_generator_init.connect(start_build)
    signals.article_generator_preread.connect(parse_ahead)
    signals.page_generator_preread.connect(parse_ahead)
    signals.article_generator_finalized.connect(forget_parses)
    signals.page_generator_finalized.connect(forget_parses)
    signals.content_object_init.connect(release_today)  # first: before any plugin reads text
    signals.content_object_init.connect(resolve_github_links)
    signals.page_generator_finalized.connect(publish_linked_files)
    signals.static_generator_finalized.connect(quote_static_urls)
    signals.all_generators_finalized.connect(_rewrites.save)
