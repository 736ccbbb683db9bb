"""The term in the outline: chapters held back until their Release day, exercises numbered.

The chapter reader's plugin marks a chapter held back today (courselib.term) and keeps
none of its text. Here, before Pelican lists articles for feeds and archives, such a
chapter leaves the articles (it is never written) for the syllabus alone, where it
is upcoming until its day. Once the tree is built, each page's exercises are numbered
within its own number ("Exercise 4.1", "Exercise 1.2.1").
"""

from courselib.term import HELD_BACK_ATTRIBUTE, HELD_BACK_CONTEXT

from .outline import Chapter

# Pelican's lists of articles a held-back chapter may be in: its syllabus place is kept,
# its page is not written.
ARTICLE_LISTS = ("articles", "hidden_articles", "drafts")


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
