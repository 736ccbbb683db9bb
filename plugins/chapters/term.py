"""The term in the outline: chapters held back until their Release day, exercises numbered.

The chapter reader's plugin marks a chapter held back today (courselib.term) and keeps
none of its text. Here, before Pelican lists articles for feeds and archives, such a
chapter leaves the articles (it is never written) for the syllabus alone, where it
is upcoming until its day. Once the tree is built, each page's exercises are numbered
within its own number ("Exercise 4.1", "Exercise 1.2.1"), and a link into a section of
a held-back chapter leads to its "coming on" page, which has no sections yet.
"""

import posixpath
import re
from urllib.parse import unquote

from courselib.html_urls import unescape_attribute
from courselib.term import HELD_BACK_ATTRIBUTE, HELD_BACK_CONTEXT

from .outline import Chapter

# Pelican's lists of articles a held-back chapter may be in: its syllabus place is kept,
# its page is not written.
ARTICLE_LISTS = ("articles", "hidden_articles", "drafts")
# A link with a fragment, as our Markdown writes it (double quotes).
HREF_WITH_FRAGMENT = re.compile(
    r'(?P<start>\shref=")(?P<address>[^"#]*)#(?P<fragment>[^"]*)"', re.IGNORECASE
)
NOT_IN_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def hold_back_chapters(generator) -> None:
    """Take the chapters held back today out of Pelican's articles, into HELD_BACK_CONTEXT."""
    held_back = []
    for name in ARTICLE_LISTS:
        articles = getattr(generator, name, None) or []
        held_back += [article for article in articles if hasattr(article, HELD_BACK_ATTRIBUTE)]
        articles[:] = [article for article in articles if not hasattr(article, HELD_BACK_ATTRIBUTE)]
    generator.context[HELD_BACK_CONTEXT] = held_back


def exercise_numbering(entry: Chapter | None) -> str:
    """Return the numbering a page's exercises are numbered within: its own, else its unit's.

    A page with no number of its own in a lesson (an assignment) numbers within the
    lesson; a page outside the syllabus within nothing ("Exercise 1").
    """
    while entry is not None:
        if entry.numbering:
            return entry.numbering
        entry = entry.parent
    return ""


def linked_path(address: str, page_url: str, source: str) -> str | None:
    """Return the path a page's link leads to: from the site's root for a URL, from content/
    for a `{filename}` placeholder; None for a link out of the site or to the page itself.

    `page_url` is the page's URL in the site, `source` its Markdown file from content/.
    """
    if address.startswith("{filename}"):
        written = address[len("{filename}") :]
        base = "" if written.startswith("/") else posixpath.dirname(source)
    elif not address or NOT_IN_SITE.match(address):
        return None
    else:
        written = address
        base = "" if written.startswith("/") else posixpath.dirname(page_url)
    path = posixpath.normpath(posixpath.join(base, unquote(written).lstrip("/")))
    return None if path.startswith("..") else path


def unlink_held_back_sections(
    page_html: str, page_url: str, source: str, sections: dict[str, frozenset[str]]
) -> str:
    """Return a page's HTML with each link into a held-back chapter's section made a link to it.

    `sections` holds the ids of each held-back chapter's page, under its URL and its
    Markdown file's path. A fragment that names none of them is left as written, for
    the link gate to report as the broken anchor it will be on the chapter's day.
    """

    def unlinked(match: re.Match) -> str:
        path = linked_path(unescape_attribute(match["address"]), page_url, source)
        ids = None
        if path is not None:  # a folder's URL is its index.html
            ids = sections.get(path) or sections.get(posixpath.join(path, "index.html"))
        if ids is None or unquote(unescape_attribute(match["fragment"])) not in ids:
            return match[0]
        return f'{match["start"]}{match["address"]}"'

    return HREF_WITH_FRAGMENT.sub(unlinked, page_html)
