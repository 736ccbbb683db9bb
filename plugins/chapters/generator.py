"""Pelican side of the outline: build the syllabus once, write the upcoming-chapter pages."""

import logging
import os

from pelican.generators import Generator

from .outline import (
    Chapter,
    OutlineError,
    WrittenChapter,
    build_syllabus,
    chapter_number,
    has_h1,
    parse_upcoming,
    reading_minutes,
)

logger = logging.getLogger(__name__)


def source_for_authors(source_path: str, content_path: str) -> str:
    """Return a content file's path as an author sees it, e.g. `content/chapter4.md`."""
    return os.path.relpath(source_path, os.path.dirname(os.path.abspath(content_path)))


def unlisted_chapter(article, content_path: str) -> Chapter:
    """Return the chapter a draft or hidden article shows: out of the syllabus, no neighbours."""
    source = source_for_authors(article.source_path, content_path)
    try:
        number = chapter_number(article.metadata.get("chapter"), article.slug, source)
    except OutlineError:
        number = 0  # a draft may not have its number yet; only published chapters must
    return Chapter(
        number=number,
        title=article.title,
        slug=article.slug,
        url=article.url,
        save_as=article.save_as,
        source=source,
        reading_minutes=reading_minutes(article._content or ""),
        body_has_h1=has_h1(article._content or ""),
    )


class ChapterGenerator(Generator):
    """Orders the chapters, links each to its neighbours and writes the upcoming pages.

    Runs after Pelican's articles generator (plugin generators come after the
    built-in ones), and before any page is written, so every template sees
    `syllabus` and each article its `course_chapter`.
    """

    def generate_context(self) -> None:
        articles = self.context.get("articles", [])
        written = [
            WrittenChapter(
                source=source_for_authors(article.source_path, self.settings["PATH"]),
                title=article.title,
                slug=article.slug,
                url=article.url,
                save_as=article.save_as,
                chapter_field=article.metadata.get("chapter"),
                body_html=article._content or "",
            )
            for article in articles
        ]
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
        # Drafts and hidden chapters get a page too (drafts/...), rendered by the same template.
        for key in ("drafts", "hidden_articles"):
            for article in self.context.get(key, []):
                article.course_chapter = unlisted_chapter(article, self.settings["PATH"])
        self.syllabus = syllabus
        self.context["syllabus"] = syllabus

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
            )
