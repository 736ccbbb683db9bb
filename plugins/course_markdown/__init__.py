"""Chapters read by our CommonMark parser (courselib.markdown) instead of Python-Markdown.

Every `.md` file goes through CourseMarkdownReader: GitHub's Markdown, math made
MathML at build time, and each problem found while reading carried to author_errors
at its file:line:column (see reader.py).
"""

from pelican import signals

from .reader import CourseMarkdownReader


def use_course_reader(readers) -> None:
    """Read Markdown files with our reader, in place of Pelican's."""
    for extension in CourseMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CourseMarkdownReader


def register() -> None:
    signals.readers_init.connect(use_course_reader)
