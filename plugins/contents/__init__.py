"""In-page contents for every chapter, and a permalink beside each of its headings.

Python-Markdown's toc extension gives headings stable ids; this plugin reads
them back from the chapter body once, so templates only loop over
`article.contents`, and adds a permalink that shows when hovered or focused.
"""

from pelican import signals

from .headings import add_permalinks, chapter_contents


def add_contents(content) -> None:
    """Give one article or page its `contents` and permalinked headings."""
    body = getattr(content, "_content", None)
    if not body:
        content.contents = []
        return
    content.contents = chapter_contents(body)
    content._content = add_permalinks(body)


def register() -> None:
    signals.content_object_init.connect(add_contents)
