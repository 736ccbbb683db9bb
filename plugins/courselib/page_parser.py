"""Which parser reads a page of content/: the one for GitHub's Markdown, or with MyST for
a Jupyter Book's pages (markdown.myst), or as Pandoc reads a Carpentries Workbench
lesson's pages (workbench). The chapter reader, the link gate's mapping of problems to
lines and the ids of other pages all read a page with the same one.
"""

import os
import posixpath

from markdown_it import MarkdownIt

from .markdown import course_parser
from .markdown.myst import is_myst_page
from .workbench import lesson_root, on_disk


def page_parser(source: str, content_root: str, front_matter: str) -> MarkdownIt:
    """Return the parser of content/`source`, whose front matter is `front_matter`."""
    return course_parser(**parser_options(source, content_root, front_matter))


def parser_options(source: str, content_root: str, front_matter: str) -> dict[str, bool]:
    """Return the options of `course_parser` that make the parser of content/`source`."""
    folder = posixpath.dirname(source)
    myst = is_myst_page(folder, on_disk(content_root, os.path.isfile), front_matter)
    return {"myst": myst, "pandoc": lesson_root(folder, content_root) is not None}
