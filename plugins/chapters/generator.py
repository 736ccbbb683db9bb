"""Pelican side of the outline: build the course tree once, write the home, upcoming and
listing pages."""

import dataclasses
import logging
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

import courselib.pages
from courselib.cached_products.page_rewrites import RewritesOfEachBuild, page_key
from courselib.chapter_numbers import OutlineError, parse_upcoming
from courselib.git_dates import last_commit_dates
from courselib.github_links import repository_url
from courselib.markdown.exercises import fill_exercise_numbers
from courselib.pages import (
    BY_PATH_FIELD,
    FILE_DATE_FIELD,
    HOME_FIELD,
    is_folder_page,
    is_markdown,
    name_number,
    name_numbers,
)
from courselib.paths import root_of_links, shown_path
from courselib.term import HELD_BACK_ATTRIBUTE, HELD_BACK_CONTEXT, HELD_BACK_IDS_ATTRIBUTE
from courselib.workbench import lessons_in
from markupsafe import Markup, escape
from pelican.generators import Generator

from . import outline
from .book import Summary
from .folders import lead_to_listings
from .jupyter_book import jupyter_book_contents
from .lessons import lessons_summary
from .outline import (
    BodyFacts,
    Chapter,
    WrittenChapter,
    body_facts,
    describe,
    syllabus_entry,
    title_number,
)
from .settings import course_settings
from .term import exercise_numbering, unlink_held_back_sections
from .tree import build_course, label, readme_order

logger = logging.getLogger(__name__)

# What the syllabus reads of each chapter's body (reading time, description, heading), kept
# between builds under a digest of the body: 0.4 ms a chapter of 3,000 words, 0.2 s of every
# build at 500 chapters. PageRewrites keeps any value by page; these are not rewrites.
_body_facts = RewritesOfEachBuild(
    "chapters", [Path(outline.__file__), Path(courselib.pages.__file__), Path(__file__)]
)


def is_body_facts(value: object) -> bool:
    """True for a body's facts as `ChapterGenerator.body_facts` keeps them."""
    return (
        isinstance(value, list)
        and len(value) == 3
        and type(value[0]) is int
        and isinstance(value[1], str)
        and type(value[2]) is bool
    )


# Where the outline's messages name content/ itself: not a folder of that name inside it
# (`course/content/x.md`), which is a path as the author sees it already.
CONTENT_FOLDER = re.compile(r"(?<![\w./-])content/")


def as_author_names(message: str, content_root: str) -> str:
    """Return an outline message with content/ named as the author sees that folder from
    the project (`course/` for `make html INPUTDIR=course`): the tree names it content/."""
    shown = shown_path(content_root, content_root)
    return CONTENT_FOLDER.sub(lambda _found: f"{shown}/", message)


class SidebarChapters:
    """The sidebar's syllabus tree, rendered once per SITEURL and reused on every page.

    Only the current page differs between pages; it is marked by adding
    aria-current to its link, which is unique in the tree.
    """

    def __init__(self, template, tree: list[Chapter]) -> None:
        self.template = template
        self.tree = tree
        self.rendered: dict[str, str] = {}

    def render(self, site_url: str, current: Chapter | None) -> Markup:
        """Return the syllabus tree as seen from a page, with `current` marked."""
        if site_url not in self.rendered:
            self.rendered[site_url] = self.template.render(
                syllabus_tree=self.tree, SITEURL=site_url
            )
        html = self.rendered[site_url]
        if current is not None:
            link = f'<a href="{escape(site_url)}/{escape(current.url)}">'
            html = html.replace(link, link[:-1] + ' aria-current="page">', 1)
        return Markup(html)


class ChapterGenerator(Generator):
    """Builds the course tree, links each page to its neighbours, writes home and upcoming pages.

    Runs after Pelican's articles generator (plugin generators come after the
    built-in ones), and before any page is written, so every template sees
    `syllabus` and `syllabus_tree`, and each article its `course_chapter`.
    """

    def written_chapter(self, article, commit_dates: dict) -> WrittenChapter:
        """Return what the outline needs of one article."""
        path = os.path.relpath(article.source_path, self.settings["PATH"]).replace(os.sep, "/")
        # A date Pelican only took from the file is no date: its last commit's, if any.
        dated_by_file = article.metadata.get(FILE_DATE_FIELD, False)
        date = commit_dates.get(path) if dated_by_file else getattr(article, "date", None)
        source_url = self.course.source_url
        held_back = hasattr(article, HELD_BACK_ATTRIBUTE)
        summary = article.metadata.get("summary")  # Pelican's, as HTML
        # Exercise numbers are not known yet: none in a description.
        body_html = fill_exercise_numbers(article._content or "", "")
        return WrittenChapter(
            source=shown_path(article.source_path, self.settings["PATH"]),
            title=article.title,
            slug=article.slug,
            url=article.url,
            save_as=article.save_as,
            chapter_field=article.metadata.get("chapter"),
            body_html=body_html,
            date=date,
            modified=getattr(article, "modified", None),
            # The Summary describes the page where no Description does.
            description_field=article.metadata.get("description")
            or (describe(summary) if summary else None),
            by_path=article.metadata.get(BY_PATH_FIELD, False),
            path=path,
            edit_url=f"{source_url}/{quote(path)}" if source_url else None,
            held_back=held_back,
            release=getattr(article, HELD_BACK_ATTRIBUTE, None),
            body_facts=self.body_facts(article.source_path, body_html),
        )

    def body_facts(self, source_path: str, body_html: str) -> BodyFacts:
        """Return what the syllabus reads of a chapter's body: kept by an earlier build for
        this very HTML, or found now (and kept for the next build)."""
        kept = _body_facts.of_build(self.settings)
        key = page_key(body_html)
        value = kept.earlier_value(source_path, key, is_body_facts)
        if value is not None:
            return BodyFacts(*value)
        facts = body_facts(body_html)
        kept.keep(source_path, key, [facts.reading_minutes, facts.description, facts.has_h1])
        return facts

    def content_path(self, article) -> str:
        """Return an article's Markdown file from content/, with `/` between folders."""
        return os.path.relpath(article.source_path, self.settings["PATH"]).replace(os.sep, "/")

    def held_back_sections(self, held_back: list, by_source: dict) -> dict[str, frozenset[str]]:
        """Return the ids each held-back chapter's page will have, under its URL and its file."""
        sections = {}
        for article in held_back:
            entry = by_source.get(shown_path(article.source_path, self.settings["PATH"]))
            numbering = exercise_numbering(entry)
            ids = getattr(article, HELD_BACK_IDS_ATTRIBUTE, frozenset())
            ids = frozenset(fill_exercise_numbers(found, numbering) for found in ids)
            for path in (article.url, article.save_as, self.content_path(article)):
                if path:
                    sections[path] = ids
        return sections

    def other_contents(self) -> tuple[Summary | None, list[str]]:
        """Return the table of contents content/ keeps for another tool, read as a book's
        SUMMARY.md (Carpentries Workbench lessons' config.yaml, a Jupyter Book's _toc.yml),
        or None, and the problems found reading it."""
        content_root = self.settings["PATH"]
        lessons, notice = lessons_in(content_root)
        if lessons:
            problems = [problem for lesson in lessons for problem in lesson.problems]
            return lessons_summary(lessons, content_root), problems
        contents, problems = jupyter_book_contents(content_root)
        return contents, [notice, *problems] if notice else problems

    def generate_context(self) -> None:
        _body_facts.forget()  # what an earlier build in this process opened
        self.course, setting_problems = course_settings(self.settings)
        for problem in setting_problems:
            logger.error("pelicanconf: %s", problem)
        articles = self.context.get("articles", [])
        # Two home pages (README.md and index.md) are reported by author_errors, which keeps one.
        self.home = next((a for a in articles if a.metadata.get(HOME_FIELD)), None)
        in_course = [article for article in articles if article is not self.home]
        self.commit_dates = commit_dates = last_commit_dates(self.settings["PATH"])
        written = [self.written_chapter(article, commit_dates) for article in in_course]
        # Chapters held back until their Release day: in the syllabus, never written.
        # (Drafts and hidden chapters held back have no place to keep: they simply wait.)
        held_back = self.context.get(HELD_BACK_CONTEXT, [])
        written_held_back = [
            self.written_chapter(article, commit_dates)
            for article in held_back
            if article.status == "published" and not article.metadata.get(HOME_FIELD)
        ]
        try:
            upcoming = parse_upcoming(self.settings.get("UPCOMING_CHAPTERS"))
        except OutlineError as problem:
            logger.error("pelicanconf: %s", problem)
            upcoming = []
        self.repository = repository_url(self.settings)[0]
        contents, problems = self.other_contents()
        for problem in problems:
            logger.warning("%s", problem)
        course = build_course(
            written + written_held_back,
            upcoming,
            self.settings["ARTICLE_URL"],
            self.settings["ARTICLE_SAVE_AS"],
            self.course.levels,
            home_html=self.home._content or "" if self.home else "",
            repository=self.repository,
            contents=contents,
        )
        for problem in course.problems:
            logger.warning("%s", as_author_names(problem, self.settings["PATH"]))
        if course.problems:
            logger.error(
                "The course outline has %d problem(s), listed above.",
                len(course.problems),
            )
        if course.notice:
            logger.warning("%s", as_author_names(course.notice, self.settings["PATH"]))
        hidden = hidden_markdown(self.settings["PATH"]) if not course.tree else []
        if hidden:
            notice = hidden_lessons_notice(hidden)
            logger.warning("%s", as_author_names(notice, self.settings["PATH"]))
        # A table of contents (a Jupyter Book's) counts the notebooks it names itself.
        syllabus = [entry.source for entry in course.order if entry.source]
        notebooks = notebook_folders(self.settings["PATH"], syllabus) if contents is None else []
        if notebooks:
            logger.warning("%s", notebook_folders_notice(notebooks))
        by_source = {entry.source: entry for entry in course.order + course.outside}
        for article, chapter in zip(in_course, written, strict=True):
            if chapter.source in by_source:
                article.course_chapter = by_source[chapter.source]
            else:  # left out of the tree by a problem reported above
                article.course_chapter, _problem = syllabus_entry(chapter)
        # Drafts, hidden chapters and translations are pages too, outside the syllabus.
        off_syllabus = [
            *self.context.get("drafts", []),
            *self.context.get("hidden_articles", []),
            *(translation for article in articles for translation in article.translations),
        ]
        for article in off_syllabus:
            entry, problem = syllabus_entry(self.written_chapter(article, commit_dates))
            if problem is None:  # a draft chapter is labelled as it will be when published
                label(entry, (), self.course.levels)
            article.course_chapter = entry
        _body_facts.save()  # every chapter's facts are found: kept for the next build
        self.sections = self.held_back_sections(held_back, by_source)
        self.listings = {
            entry.source.removeprefix("content/").strip("/"): entry.save_as
            for entry in course.order
            if entry.listing and not entry.part  # a folder's, not a book's part's
        }
        for article in [*in_course, *off_syllabus, *([self.home] if self.home else [])]:
            self.finish_body(article)
        for page in [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]:
            page._content = fill_exercise_numbers(page._content or "", "")
        self.syllabus = course.order
        self.context["syllabus"] = course.order
        self.context["syllabus_tree"] = course.tree
        self.context["sidebar_chapters"] = SidebarChapters(
            self.get_template("sidebar_chapters"), course.tree
        )

    def finish_body(self, article) -> None:
        """Number the exercises of an article's body and unlink sections held back."""
        numbering = exercise_numbering(getattr(article, "course_chapter", None))
        article._content = fill_exercise_numbers(article._content or "", numbering)
        if self.sections:
            article._content = unlink_held_back_sections(
                article._content, article.url, self.content_path(article), self.sections
            )
        if self.repository and self.listings:
            article._content = lead_to_listings(
                article._content,
                self.repository,
                self.listings,
                article.save_as or article.url,
                root_of_links(self.settings),
            )

    def refresh_content(self, old, new) -> str | None:
        """Give `new`, the chapter `old` read again, its place in the course (the dev server's
        quick update of one page); return why it cannot be done that way, or None.

        Only what the chapter's own page shows may have changed: its body, title,
        description and `Modified:`. The entry is updated in place, so the page's sidebar
        and neighbours' links show the new title; the other pages wait for the full build.
        """
        kept = getattr(old, "course_chapter", None)
        if kept is None or old is self.home or not kept.in_syllabus:
            return "not a chapter of the syllabus"
        if hasattr(old, HELD_BACK_ATTRIBUTE) or hasattr(new, HELD_BACK_ATTRIBUTE):
            return "held back until its Release day"
        before = self.written_chapter(old, self.commit_dates)
        after = self.written_chapter(new, self.commit_dates)
        if _place(before) != _place(after):
            return "its place in the course changed"
        if _links_placing(before, self.repository) != _links_placing(after, self.repository):
            return "its links, which order its folder's pages, changed"
        if title_number(before.title) != title_number(after.title):
            return "the number its title starts with, which its label and its neighbours' follow"
        entry, problem = syllabus_entry(after)
        if problem:
            return problem
        kept.title, kept.description = entry.title, entry.description
        kept.reading_minutes, kept.body_has_h1 = entry.reading_minutes, entry.body_has_h1
        kept.body_opens_with_title = entry.body_opens_with_title
        kept.updated = entry.updated
        self.context["sidebar_chapters"].rendered.clear()
        new.course_chapter = kept
        self.finish_body(new)
        return None

    def generate_output(self, writer) -> None:
        home = self.get_template("index")
        # The home page: the course's README (if it has one), then the syllabus. Pelican's
        # direct template may have written index.html already; this one replaces it.
        writer.write_file(
            self.settings["INDEX_SAVE_AS"],
            home,
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            override_output=True,
            course_home=self.home,
            home_edit_url=(
                f"{self.course.source_url}/{quote(self.content_path(self.home))}"
                if self.home is not None and self.course.source_url
                else None
            ),
            page_name="index",
            theme_template=home.name,
        )
        # Chapters announced, and numbered folders without a page (their lessons listed).
        upcoming, listing = self.get_template("upcoming"), self.get_template("listing")
        for chapter in self.syllabus:
            if not chapter.is_upcoming and not chapter.listing:
                continue
            template = listing if chapter.listing else upcoming
            writer.write_file(
                chapter.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=chapter.url,
                chapter=chapter,
                page_name=os.path.splitext(chapter.save_as)[0],
                theme_template=template.name,  # lets the link gate name it in its reports
            )


def _links_placing(chapter: WrittenChapter, repository: str | None) -> list[str]:
    """Return what of a folder's page its folder's syllabus follows: the names its links
    (to the course's `repository` too) lead into, in order (tree.readme_order); nothing
    for another page."""
    if not chapter.by_path or not is_folder_page(chapter.path):
        return []
    return readme_order(chapter.body_html, posixpath.dirname(chapter.path), repository)


def _place(chapter: WrittenChapter) -> WrittenChapter:
    """Return what places a chapter in the course: all but its body, title and dates."""
    return dataclasses.replace(
        chapter, body_html="", title="", description_field=None, modified=None, body_facts=None
    )


def hidden_markdown(content_root: str) -> list[tuple[str, int]]:
    """Return each folder of content/ that a name starting with `.` hides (`.github/steps`)
    and holds numbered Markdown files, lessons by their names (`1-create-a-branch.md`; not
    an issue template's `bug.md`), with how many Markdown files it holds, most first
    (`.git` is not the course's).
    """
    found = []
    for folder, subfolders, files in os.walk(content_root):
        subfolders[:] = sorted(name for name in subfolders if name != ".git")
        path = os.path.relpath(folder, content_root).replace(os.sep, "/")
        pages = [name for name in files if is_markdown(name)]
        numbered = any(name_number(name) is not None for name in pages)
        if numbered and path != "." and any(name.startswith(".") for name in path.split("/")):
            found.append((path, len(pages)))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def notebook_folders(content_root: str, syllabus: list[str]) -> list[tuple[str, int]]:
    """Return each folder of content/ placed as a lesson would be, that holds notebooks
    (`.ipynb`) and no Markdown page, in or below it, with how many notebooks: a lesson the
    syllabus cannot have, as notebooks are not read.

    Placed as a lesson: numbered (`02-numpy/`), beside a page of the syllabus (`syllabus`:
    their sources, `content/01-intro/README.md`) or a folder whose own page is one; at the top
    of content/ also when the syllabus is empty (a course of notebooks alone). A numbered
    folder inside a lesson (`02-numpy/exercises/01-arrays/`) or in a folder of other files
    (`notebooks/01-intro/`) holds the lessons' files. Hidden names (`.ipynb_checkpoints/`)
    are not walked, as Pelican reads none of them (IGNORE_FILES).
    """
    counts: dict[str, list[int]] = {}  # folder -> [Markdown files, notebooks] in it, then under
    for folder, subfolders, files in os.walk(content_root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        files = [name for name in files if not name.startswith(".")]
        path = os.path.relpath(folder, content_root).replace(os.sep, "/")
        notebooks = sum(1 for name in files if name.lower().endswith(".ipynb"))
        counts[path] = [sum(1 for name in files if is_markdown(name)), notebooks]
    for path in sorted(counts, key=lambda path: path.count("/"), reverse=True):
        if path != ".":  # deepest first: each folder's counts are whole before its parent's
            parent = posixpath.dirname(path) or "."
            counts[parent] = [
                mine + below for mine, below in zip(counts[parent], counts[path], strict=True)
            ]
    lessons_beside = {"."} if not syllabus else set()
    for source in syllabus:
        folder = posixpath.dirname(source.removeprefix("content/")) or "."
        lessons_beside.add(folder)
        if is_folder_page(source) and folder != ".":  # a unit's README: beside its folder
            lessons_beside.add(posixpath.dirname(folder) or ".")
    found = []
    for path, (pages, notebooks) in counts.items():
        parent = posixpath.dirname(path) or "."
        numbered = name_numbers(posixpath.basename(path)) is not None
        if path != "." and numbered and parent in lessons_beside and not pages and notebooks:
            found.append((path, notebooks))
    return sorted(found)


def notebook_folders_notice(folders: list[tuple[str, int]]) -> str:
    """Return the one line that names the numbered folders of notebooks left out of the syllabus."""
    named = ", ".join(
        f"content/{path}/ ({count} notebook{'s' if count > 1 else ''})"
        for path, count in folders[:3]
    )
    more = f" and {len(folders) - 3} more" if len(folders) > 3 else ""
    return (
        f"{named}{more}: numbered like lessons, but holding notebooks (.ipynb) and no Markdown"
        " page, which the build does not read: not in the syllabus; give each a README.md that"
        " introduces and links its notebooks"
    )


def hidden_lessons_notice(hidden: list[tuple[str, int]]) -> str:
    """Return what an empty syllabus says of the Markdown files hidden folders hold: a GitHub
    Skills course keeps its steps in `.github/steps/`."""
    (first, count), others = hidden[0], hidden[1:4]
    pages = "1 Markdown page" if count == 1 else f"{count} Markdown pages"
    more = ", ".join(f"content/{path}/ {number}" for path, number in others)
    moved = posixpath.basename(first).lstrip(".") or "lessons"
    return (
        f"content/: the syllabus is empty; content/{first}/ holds {pages}"
        + (f" ({more})" if more else "")
        + f" hidden by a name starting with '.': move them out ({moved}/) to build them"
    )
