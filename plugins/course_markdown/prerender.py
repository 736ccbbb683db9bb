"""Chapters parsed on every core: many to read, their Markdown is parsed in worker processes first.

Pelican reads its chapters one by one, on one core: 500 chapters' Markdown took 4 s
of a 9 s full build. Before the first chapter Pelican reads in a build (the first
`article_generator_preread` or `page_generator_preread`), each Markdown file its
cache does not hold is read up to the parse as the reader reads it
(`reader.chapter_source`) and, when there are PARALLEL_FROM or more and more than one
core, parsed on every core (`courselib.parallel`). The reader then takes a chapter's
parse only if what it would give the parser is the very same (`parse_key`: the text,
the parser's options, the folders); otherwise, and where parsing it raised, it
parses the chapter itself, as without this. Nothing else moves out of the reader.
"""

import logging
import os
import weakref

import blinker
from courselib.markdown import RenderedChapter, course_parser, render_markdown
from courselib.parallel import map_chunks
from pelican.generators import ArticlesGenerator

logger = logging.getLogger(__name__)

# Sent in this process after each chunk of chapters parsed ahead: at 500 chapters parsing
# takes seconds in which Pelican sends none of its signals, where the dev server stops a
# build that a newer save made useless (devserver/warm.py). A named signal: a listener
# need not import this plugin.
chapters_parsed = blinker.signal("course_chapters_parsed_ahead")

# Chapters, at about 10 ms each: fewer are parsed sooner here than by starting workers.
PARALLEL_FROM = 24

# Parses made ahead, by the chapter's path as Pelican gives it to the reader, with the
# parse_key they were made from; each is taken once. Emptied when its generator is done.
_parsed: dict[str, tuple[tuple, RenderedChapter]] = {}
# The generators whose chapters were looked at this build (each once).
_looked_at: weakref.WeakSet = weakref.WeakSet()


def rendered_before(source_path: str, parse_key: tuple) -> RenderedChapter | None:
    """Return the chapter parsed ahead from the very inputs `parse_key`, or None."""
    made = _parsed.pop(source_path, None)
    return made[1] if made is not None and made[0] == parse_key else None


def parse_ahead(generator) -> None:
    """Parse on every core the Markdown chapters `generator` is about to read."""
    if generator in _looked_at:
        return
    _looked_at.add(generator)
    _parsed.clear()  # left by a build stopped while reading (pelican -r goes on)
    if (os.cpu_count() or 1) < 2:
        return
    from .reader import CourseMarkdownReader

    settings = generator.settings
    kind = "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"
    extensions = tuple(CourseMarkdownReader.file_extensions)
    found = generator.get_files(
        settings[f"{kind}_PATHS"], exclude=settings[f"{kind}_EXCLUDES"], extensions=extensions
    )
    paths = []
    for path in found:
        full = os.path.abspath(os.path.join(generator.path, path))  # as read_file names it
        if to_be_read(generator, path, full):
            paths.append(full)
    if len(paths) < PARALLEL_FROM:
        return
    try:
        parsed = map_chunks(
            parse_chunk, paths, settings["PATH"], parallel_from=0, between=chapters_parsed.send
        )
    except Exception as error:  # noqa: BLE001 - a worker killed, no process started
        # Raised here, it would cost Pelican the chapter it is about to read.
        logger.warning("Chapters are read one by one: parsing them ahead failed (%s)", error)
        return
    for path, parse_key, chapter in parsed:
        _parsed[path] = (parse_key, chapter)


def to_be_read(generator, path: str, full: str) -> bool:
    """True when Pelican will read the chapter at `path` (from content/; `full`, as its
    reader gets it): neither of its caches (of the generator's chapters, or of the
    reader's output, as CONTENT_CACHING_LAYER says) holds it for the file as it is."""
    if generator.get_cached_data(path, None) is not None:
        return False
    return generator.readers.get_cached_data(full, (None, None))[0] is None


def parse_chunk(paths: list[str], content_root: str) -> list[tuple[str, tuple, RenderedChapter]]:
    """Read each chapter of `paths` up to the parse, as the reader does, and parse it; one
    that makes no page, or whose reading or parsing raised, is left out (the reader reads
    it again, and says what went wrong)."""
    from .reader import chapter_source

    parsed = []
    for path in paths:
        try:
            page = chapter_source(path, content_root)
            if page is None:
                continue
            options = page.parser_options
            chapter = render_markdown(page.body, course_parser(**options), folders=page.folders)
        except Exception:  # noqa: BLE001 - told by the reader, which reads it again
            continue
        parsed.append((path, page.parse_key, chapter))
    return parsed


def forget_parses(generator, *_arguments) -> None:
    """Drop the parses no chapter took (a chapter Pelican found cached meanwhile)."""
    _parsed.clear()
