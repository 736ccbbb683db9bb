"""The chapter reader: Markdown files read by our CommonMark parser instead of Python-Markdown.

Front matter is read as Pelican's own Markdown reader reads it (the `meta` format:
`Title: ...` lines at the top), so every field means what it meant. The body goes
through courselib.markdown; what the parse found wrong (a TeX error, a link leaving
content/, a tag that would take over the page) travels with the chapter as the
metadata field `markdown_problems`, one line each naming the file, line and column,
for the author_errors plugin to report. It is metadata so that Pelican's content cache
keeps it with the chapter: an unchanged file is not read again, and its problems must
still fail the build.
"""

import os
import posixpath
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from courselib.front_matter import KNOWN_FIELDS, FrontMatter, split_front_matter
from courselib.github_links import beyond_content_on_github, relative_parts, repository_url
from courselib.markdown import (
    PROBLEMS_FIELD,
    WARNINGS_FIELD,
    RenderedChapter,
    course_parser,
    render_markdown,
)
from courselib.page_parser import parser_options
from courselib.pages import (
    BY_PATH_FIELD,
    FILE_DATE_FIELD,
    HOME_FIELD,
    is_folder_page,
    is_home_page,
    page_save_as,
    page_url,
    placed_by_path,
    title_from_name,
)
from courselib.paths import leaves_content, shown_path
from courselib.workbench import (
    LINKS,
    CommonLinks,
    flat_paths,
    lesson_root,
    page_links,
    read_lesson,
)
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, BaseReader
from pelican.utils import pelican_open

from .prerender import rendered_before

# The metadata field of the files a chapter's code blocks include, {path from content/:
# file_stamp}: Pelican's cache keeps a chapter while its own file is unchanged, so
# course_markdown forgets it where one of these changed.
INCLUDED_FIELD = "markdown_included"


class CourseMarkdownReader(BaseReader):
    """Reads `.md` chapters: CommonMark with GitHub's extras, math and callouts."""

    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mdown"]

    def read(self, source_path: str) -> tuple[str, dict]:
        """Return a chapter's HTML and its metadata, with the problems found reading it."""
        content_root = self.settings["PATH"]
        page = chapter_source(source_path, content_root)
        if page is None:
            return "", {"status": "skip"}
        front, source, lesson = page.front, page.source, page.lesson
        common_links = page.common_links
        shown = shown_path(source_path, content_root)
        # A README.md beside an index.md is not its folder's page: the reader looks.
        beside = os.listdir(os.path.dirname(source_path)) if is_folder_page(source) else None
        chapter = rendered_before(source_path, page.parse_key) or render_markdown(
            page.body, course_parser(**page.parser_options), folders=page.folders
        )
        metadata = self.front_matter_metadata(front.pelican_fields)
        metadata[PROBLEMS_FIELD] = chapter_problems(
            chapter,
            shown,
            folder_parts(source_path, content_root),
            repository_url(self.settings)[0],
            content_root,
        )
        included = dict(chapter.included)
        if common_links is not None:
            included[common_links.path] = common_links.stamp
            metadata[PROBLEMS_FIELD] = common_links.placed(metadata[PROBLEMS_FIELD], shown)
        if included:  # for the next build to read the chapter again if one changed
            metadata[INCLUDED_FIELD] = included
        if chapter.warnings:
            warnings = [f"{shown}:{ln}:{col}: {text}" for ln, col, text in chapter.warnings]
            placed = common_links.placed(warnings, shown) if common_links else warnings
            metadata[WARNINGS_FIELD] = placed
        lesson_page = lesson and posixpath.dirname(source) == lesson
        if lesson_page and is_folder_page(source, beside) and not metadata.get("title"):
            # A workshop's lesson: its page is titled as its config, as the Workbench titles it.
            metadata["title"] = lesson_title(content_root, lesson) or None
        metadata.update(
            missing_fields(source, metadata, chapter.title, front.makes_pelican_chapter, beside)
        )
        if "date" not in metadata:
            # Pelican needs a date to sort and to write feeds; it is never shown as one the
            # author gave ("Last updated" comes from the file's last commit, or is left out).
            metadata["date"] = datetime.fromtimestamp(os.stat(source_path).st_mtime)
            metadata[FILE_DATE_FIELD] = True
        return chapter.page_html.rstrip("\n"), metadata

    def front_matter_metadata(self, fields: dict) -> dict:
        """Return Pelican's metadata for the front-matter fields, as its Markdown reader would."""
        metadata = {}
        for name, field in fields.items():
            values = field.value.split("\n")
            if name in self.settings["FORMATTED_FIELDS"]:
                html = render_markdown("\n".join(values)).html
                metadata[name] = self.process_metadata(name, html)
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(values) == 1:
                metadata[name] = self.process_metadata(name, values[0])
            elif name in KNOWN_FIELDS:  # a title or description over several lines: one text
                text = " ".join(value.strip() for value in values if value.strip())
                metadata[name] = self.process_metadata(name, text)
            else:
                metadata[name] = self.process_metadata(name, values)
        return metadata


@dataclass
class ChapterSource:
    """A chapter's file as the reader reads it, up to what it gives the parser."""

    front: FrontMatter
    source: str  # its path from content/
    lesson: str | None  # the Carpentries Workbench lesson it is in, if any
    common_links: CommonLinks | None  # the lesson's links.md, appended to it
    body: str  # what the parser reads: front matter blanked, common links appended
    parser_options: dict[str, bool]  # of course_parser: MyST, Pandoc's fenced divs
    folders: tuple[str, str]  # its folder and content/, where its includes are read from

    @property
    def parse_key(self) -> tuple:
        """Everything the parse of this chapter depends on but the included files."""
        return self.body, tuple(sorted(self.parser_options.items())), self.folders


def chapter_source(source_path: str, content_root: str) -> ChapterSource | None:
    """Return a chapter's file read up to the parse; None for a file that is no page (a
    Workbench lesson's links.md, the Workbench's own output)."""
    with pelican_open(source_path) as text:
        lines = text.split("\n")
    front = split_front_matter(lines)
    body = "\n" * front.body_start + "\n".join(lines[front.body_start :])
    source = content_relative(source_path, content_root)
    lesson = lesson_root(posixpath.dirname(source), content_root)
    if lesson is not None and source == posixpath.join(lesson, LINKS):
        return None  # the links every page of the lesson has
    if in_workbench_build(source, content_root):
        return None  # the Workbench's own output ("do not edit")
    common_links = page_links(source, content_root, body)
    if common_links is not None:
        body = common_links.appended_to(body)
    front_text = "\n".join(lines[: front.body_start])
    return ChapterSource(
        front=front,
        source=source,
        lesson=lesson,
        common_links=common_links,
        body=body,
        parser_options=parser_options(source, content_root, front_text),
        folders=(os.path.dirname(source_path), content_root),
    )


def chapter_problems(
    chapter: RenderedChapter,
    shown: str,
    folder: tuple[str, ...],
    repository: str | None = None,
    content_root: str | None = None,
) -> list[str]:
    """Return the problems of a chapter read from `shown`, in content/<folder>, one line each.

    A link out of content/ into the course's repository (`../../actions`, its Actions tab)
    is one only without `repository` (SOURCE_URL), which it leads to with it; one a
    Carpentries Workbench lesson's flat site reads inside the lesson (`../learners/setup.md`
    from the lesson's index.md, at the top of content/) is none: the gate judges it.
    """
    problems = [f"{shown}:{line}:{column}: {text}" for line, column, text in chapter.problems]
    for link in chapter.links:
        if not leaves_content(link.url, folder):
            continue
        if content_root is not None and in_workbench_site(link.url, "/".join(folder), content_root):
            continue
        if repository and beyond_content_on_github(repository, link.url, "/".join(folder)):
            continue
        # A relative link may lead into the repository (`../../actions`); one from the
        # root (`/../x`), a placeholder or a `file:` URL never does.
        relative = relative_parts(link.url) is not None and not link.url.lstrip().startswith("/")
        hint = (
            ", or set SOURCE_URL to link it to the course's repository"
            if relative and not repository
            else ""
        )
        written = link.written or link.url
        decoded = unquote(written)  # `%2e%2e/` is `../` to a browser: said so
        read_as = f" ({decoded!r})" if decoded != written else ""
        problems.append(
            f"{shown}:{link.line}: {written!r}{read_as} points outside content/:"
            f" link only to files inside content/{hint}"
        )
    return problems


def in_workbench_build(source: str, content_root: str) -> bool:
    """True for a file in a Workbench lesson's `site/`, where the Workbench builds the
    lesson (its README says the files there are made, not written)."""
    parts = source.split("/")
    if "site" not in parts[:-1]:
        return False
    lesson = "/".join(parts[: parts.index("site")])
    return lesson_root(lesson, content_root) == lesson


def lesson_title(content_root: str, lesson: str) -> str:
    """Return the title a Workbench lesson's config.yaml gives it ("" if none)."""
    read = read_lesson(content_root, lesson)
    return read.title if read is not None else ""


def in_workbench_site(url: str, folder: str, content_root: str) -> bool:
    """True when a Workbench lesson's flat site reads `url`, written in a page of the lesson
    in content/`folder`, inside the lesson (the link gate tells if no file is there)."""
    written = relative_parts(url)
    root = lesson_root(folder, content_root)
    return written is not None and root is not None and bool(flat_paths(written[0], root))


def missing_fields(
    source: str,
    metadata: dict,
    heading: str | None,
    pelican_title: bool,
    names_beside: list[str] | None = None,
) -> dict:
    """Return the title, and for a page placed by its path its address, that front matter lacks.

    The title is the first `# heading`, else the file's name. A page placed by its
    path (courselib.pages) without a Slug is written where its path says; the home
    page's README is not written on its own (the home page shows it). `names_beside`,
    the names of the files in a README's or index's folder, tell whether it is the
    folder's page.
    """
    fields = {}
    if not str(metadata.get("title") or "").strip():
        fields["title"] = heading or title_from_name(source)
    if placed_by_path(source, pelican_title) and "slug" not in metadata:
        save_as = page_save_as(source, names_beside)
        home = is_home_page(source, names_beside)
        fields["slug"] = save_as.removesuffix(".html")
        fields["url"] = page_url(save_as)
        fields["save_as"] = "" if home else save_as
        fields[HOME_FIELD] = home
        fields[BY_PATH_FIELD] = True
    return fields


def content_relative(path: str, content_root: str) -> str:
    """Return a file's path relative to content/, with `/` between folders."""
    return os.path.relpath(os.path.abspath(path), os.path.abspath(content_root)).replace(
        os.sep, "/"
    )


def folder_parts(path: str, content_root: str) -> tuple[str, ...]:
    """Return the folders between content/ and the file at `path`."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(content_root))
    return tuple(part for part in os.path.dirname(relative).split(os.sep) if part)
