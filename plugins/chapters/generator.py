"""Pelican side of the outline: build the syllabus once, write the upcoming-chapter pages."""

import logging
import os

from courselib.paths import shown_path
from markupsafe import Markup, escape
from pelican.generators import Generator

from .outline import (
    Chapter,
    OutlineError,
    WrittenChapter,
    build_syllabus,
    parse_upcoming,
    syllabus_entry,
)

logger = logging.getLogger(__name__)


class SidebarChapters:
    """The sidebar's chapter list, rendered once per SITEURL and reused on every page.

    Only the current chapter differs between pages; it is marked by adding
    aria-current to its link, which is unique in the list.
    """

    def __init__(self, template, syllabus: list[Chapter]) -> None:
        self.template = template
        self.syllabus = syllabus
        self.rendered: dict[str, str] = {}

    def render(self, site_url: str, current: Chapter | None) -> Markup:
        """Return the chapter list as seen from a page, with `current` marked."""
        if site_url not in self.rendered:
            self.rendered[site_url] = self.template.render(syllabus=self.syllabus, SITEURL=site_url)
        html = self.rendered[site_url]
        if current is not None:
            link = f'<a href="{escape(site_url)}/{escape(current.url)}">'
            html = html.replace(link, link[:-1] + ' aria-current="page">', 1)
        return Markup(html)


class ChapterGenerator(Generator):
    """Orders the chapters, links each to its neighbours and writes the upcoming pages.

    Runs after Pelican's articles generator (plugin generators come after the
    built-in ones), and before any page is written, so every template sees
    `syllabus` and each article its `course_chapter`.
    """

    def written_chapter(self, article) -> WrittenChapter:
        """Return what the outline needs of one article."""
        return WrittenChapter(
            source=shown_path(article.source_path, self.settings["PATH"]),
            title=article.title,
            slug=article.slug,
            url=article.url,
            save_as=article.save_as,
            chapter_field=article.metadata.get("chapter"),
            body_html=article._content or "",
            date=getattr(article, "date", None),
            modified=getattr(article, "modified", None),
            description_field=article.metadata.get("description"),
        )

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        written = [self.written_chapter(article) for article in articles]
        try:
            upcoming = parse_upcoming(self.settings.get("UPCOMING_CHAPTERS"))
        except OutlineError as problem:
            logger.error("pelicanconf: %s", problem)
            upcoming = []
        syllabus, problems = build_syllabus(
            written, upcoming, self.settings["ARTICLE_URL"], self.settings["ARTICLE_SAVE_AS"]
        )
        for problem in problems:
            logger.warning("%s", problem)
        if problems:
            logger.error(
                "The course outline has %d problem(s), listed above.",
                len(problems),
            )
        by_source = {chapter.source: chapter for chapter in syllabus if chapter.source}
        for article, chapter in zip(articles, written, strict=True):
            article.course_chapter = by_source[chapter.source]
        # Drafts, hidden chapters and translations are pages too, outside the syllabus.
        off_syllabus = [
            *self.context.get("drafts", []),
            *self.context.get("hidden_articles", []),
            *(translation for article in articles for translation in article.translations),
        ]
        for article in off_syllabus:
            article.course_chapter, _problem = syllabus_entry(self.written_chapter(article))
        self.syllabus = syllabus
        self.context["syllabus"] = syllabus
        self.context["sidebar_chapters"] = SidebarChapters(
            self.get_template("sidebar_chapters"), syllabus
        )

    def generate_output(self, writer) -> None:
        template = self.get_template("upcoming")
        for chapter in self.syllabus:
            if not chapter.is_upcoming:
                continue
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
