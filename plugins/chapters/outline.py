"""The course outline: chapter numbers, order, upcoming chapters and prev/next links.

Pure functions over plain values, so the rules can be tested without Pelican.
"""

import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import datetime
from itertools import chain

from courselib.chapter_numbers import OutlineError, chapter_number
from courselib.pages import (
    CHARACTERS_PER_WORD,
    CJK_NUMERALS,
    CJK_PART_WORDS,
    PART_WORDS,
    UNSPACED_SCRIPT,
    cjk_number,
)
from courselib.term import spoken_day

WORDS_PER_MINUTE = 200
DESCRIPTION_LENGTH = 160
TAG = re.compile(r"<[^>]+>")
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
FOOTNOTE_REFERENCE = re.compile(r'<sup id="fnref:[^"]*">.*?</sup>', re.DOTALL)
WORD = re.compile(r"\w+")
# Each of these two stops at the next opening of its tag: an unclosed `<li>` or `<a>`
# repeated thousands of times would otherwise be searched to the end from each one. A list
# item's own text ends where it ends or where a list inside it begins.
LIST_ITEM = re.compile(
    r"<li\b[^>]*>((?:(?!<li\b|<[ou]l\b).)*?)(?:</li>|<[ou]l\b)", re.IGNORECASE | re.DOTALL
)
LINK_TEXT = re.compile(r"<a\b[^>]*>((?:(?!<a\b).)*?)</a>", re.IGNORECASE | re.DOTALL)
# A quote's opening or closing tag, for the text outside quotes (`outside`).
QUOTE_TAG = re.compile(r"<(/?)blockquote\b[^>]*>", re.IGNORECASE)
# A fold: a solution, a hint, an instructor's note, which students do not see at first.
FOLD_TAG = re.compile(r"<(/?)details\b[^>]*>", re.IGNORECASE)
# A paragraph of the text: not a callout's title ("Objectives", "Note").
PARAGRAPH = re.compile(r"<p(?![^>]*admonition-title)\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
FIRST_HEADING = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)
# The heading a body opens with (in the permalink's wrapper, once the contents plugin ran),
# after any comment, which GitHub does not show (`<!-- BEGIN MICROSOFT SECURITY.MD ... -->`).
# A comment's text cannot run past its own `-->`: one `.*?` could, and then a run of
# comments would be matched in exponentially many ways before the match fails.
OPENING_HEADING = re.compile(
    r"\s*(?:<!--(?:(?!-->).)*-->\s*)*"
    r'(?:<div class="section-heading">)?<h([1-6])\b[^>]*>(.*?)</h\1>',
    re.IGNORECASE | re.DOTALL,
)
# In ASCII text, \w is [A-Za-z0-9_]: every other character becomes a space, and the words
# are what split() finds, without a regular expression making a string of each. As bytes,
# which split in half the time a str takes (0.19 ms a chapter of 3,000 words, was 0.36).
ASCII_NOT_WORD = bytes(
    code if code < 128 and (chr(code).isalnum() or chr(code) == "_") else ord(" ")
    for code in range(256)
)


@dataclass(eq=False)
class Chapter:
    """One entry of the syllabus: a written chapter, unit or lesson, or one announced as upcoming.

    Entries form a tree (a unit's lessons are its `children`); `previous` and `next`
    follow the reading order. A page outside the syllabus is an entry too, with no
    number, label or neighbours.
    """

    number: int | None
    title: str
    slug: str
    url: str
    save_as: str
    # The Markdown file, as shown to authors (a listing's folder: `content/6-Other/`);
    # None when upcoming.
    source: str | None = None
    reading_minutes: int | None = None
    body_has_h1: bool = False
    # Its body opens with a heading that reads its title (`## 1.2 Data prep`, as many
    # lessons on GitHub start): the page's own <h1> is then for screen readers only.
    body_opens_with_title: bool = False
    updated: datetime | None = None  # `Modified:`, else `Date:`
    description: str = ""  # for search engines and link previews
    card: str | None = None  # site path of its social card, set by course_sharing
    label: str = ""  # "Chapter 4", "Unit 1", "Lesson 1.2"; "" for a page without a number
    numbering: str = ""  # the numbers of its label: "4", "1.2"
    # The numbers after the first of a dotted name: `1.2 Threats.md` is number 1, (2,).
    sub_numbers: tuple[int, ...] = ()
    letter: str = ""  # after its number: `06a-dataflow.md` is 6a, after 6 and before 7
    edit_url: str | None = None  # its source file on the course's repository (SOURCE_URL)
    previous: "Chapter | None" = field(default=None, repr=False)
    next: "Chapter | None" = field(default=None, repr=False)
    parent: "Chapter | None" = field(default=None, repr=False)
    children: list["Chapter"] = field(default_factory=list, repr=False)
    in_syllabus: bool = True
    held_back: bool = False  # written, but its Release day has not come
    release: Day | None = None  # that day
    # A numbered folder with no page of its own: the build makes its page, a list of its lessons.
    listing: bool = False
    part: bool = False  # a book's part (its SUMMARY's `# Day 1`): its chapters keep their numbers
    # Its title starts with a number another's beside it starts with: rasbt's lessons 2.1 to
    # 2.4 are each "Chapter 2: Working with Text Data", which names no lesson's own number.
    title_number_shared: bool = False

    @property
    def heading(self) -> str:
        """The entry as a heading or link names it: "Unit 1: Introduction", or its title.

        A title that names its own number ("Lesson 2: Your first app" for entry 2, as
        many courses on GitHub title their lessons) is the heading as it is.
        """
        return f"{self.badge}: {self.title}" if self.badge else self.title

    @property
    def badge(self) -> str:
        """The label the syllabus shows beside the title: none for a title naming its number,
        unless a title beside it starts with that number too (title_number_shared)."""
        own = names_number(self.title, self.numbering) and not self.title_number_shared
        return "" if own else self.label

    @property
    def place(self) -> tuple[int, ...]:
        """Its numbers: (4,) for chapter 4, (1, 2) for `1.2 Threats.md`, (6,) for `06a-...`."""
        return () if self.number is None else (self.number, *self.sub_numbers)

    @property
    def rank(self) -> tuple[tuple[int, ...], str]:
        """What entries are ordered by: their numbers, then their letter (6, 6a, 6b, 7)."""
        return self.place, self.letter

    @property
    def ancestors(self) -> list["Chapter"]:
        """The entries above this one, outermost first (a lesson's unit)."""
        found, entry = [], self.parent
        while entry is not None:
            found.insert(0, entry)
            entry = entry.parent
        return found

    @property
    def is_upcoming(self) -> bool:
        """True for a chapter announced but not written yet, or held back until its day."""
        return self.source is None or self.held_back

    @property
    def release_text(self) -> str:
        """The day a held-back chapter comes, as students read it: "10 December 2026"."""
        return spoken_day(self.release) if self.release else ""

    @property
    def status(self) -> str:
        """The word the syllabus shows for this chapter."""
        if self.release_text:
            return f"Coming on {self.release_text}"
        return "Coming soon" if self.is_upcoming else "Available"


@dataclass(frozen=True)
class BodyFacts:
    """What the syllabus reads of a chapter's body: a function of its HTML alone."""

    reading_minutes: int
    description: str  # its first paragraph, cut (`describe`)
    has_h1: bool


def body_facts(body_html: str) -> BodyFacts:
    """Return what the syllabus reads of a chapter body (kept between builds by its digest)."""
    return BodyFacts(reading_minutes(body_html), describe(body_html), has_h1(body_html))


@dataclass(frozen=True)
class WrittenChapter:
    """What the outline needs to know of one chapter read from content/."""

    source: str
    title: str
    slug: str
    url: str
    save_as: str
    chapter_field: str | None  # the `Chapter:` front-matter value, if any
    body_html: str
    date: datetime | None = None  # the `Date:` its author wrote (or its last commit), if any
    modified: datetime | None = None
    description_field: str | None = None  # the `Description:` front-matter value, if any
    by_path: bool = False  # placed in the course by its path (courselib.pages)
    path: str = ""  # relative to content/, for a page placed by its path
    edit_url: str | None = None
    held_back: bool = False  # its Release day has not come: none of its text is published
    release: Day | None = None
    body_facts: BodyFacts | None = None  # those of body_html, when an earlier build kept them


def reading_minutes(body_html: str) -> int:
    """Return the reading time of a chapter body in whole minutes (at least 1)."""
    text = TAG.sub(" ", body_html)
    if text.isascii():
        words = len(text.encode("ascii").translate(ASCII_NOT_WORD).split())
    else:
        characters = len(UNSPACED_SCRIPT.findall(text))
        if characters:
            text = UNSPACED_SCRIPT.sub(" ", text)
        words = len(WORD.findall(text)) + characters / CHARACTERS_PER_WORD
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def describe(body_html: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Return the first paragraph of a chapter as plain text (inline_text), cut at a word
    within `limit`: the first that is not mostly links, outside quotes if one is, else
    the first item of a list.

    A line such as "Video: [Watch this lesson](...)" opens 48 lessons of llm-zoomcamp,
    which all had it for description; a page of lists and headings had none. Mostly links
    and nothing else, the first such line is the description. A quote under a lesson's
    sketchnote is its caption ("Sketchnote by ..."), not its description. Nor is a fold's
    text: instructor-training opened 4 episodes with a note to trainers ("The host key is
    in the email"), which search engines and link previews showed.
    """
    shown = outside(FOLD_TAG, body_html)  # a trainer's note or an answer is never it
    prose = first_prose(outside(QUOTE_TAG, shown)) or first_prose(shown)
    if prose:
        return cut_at_word(prose, limit)
    return cut_at_word(next(paragraph_texts(shown), ("", False))[0], limit)


def first_prose(body_html: str) -> str:
    """Return the text of the first paragraph or list item that is not mostly links, or ""."""
    return next((text for text, mostly_links in paragraph_texts(body_html) if not mostly_links), "")


def paragraph_texts(body_html: str) -> Iterator[tuple[str, bool]]:
    """Yield the text of each paragraph, then each list item, and whether it is mostly links."""
    for found in chain(PARAGRAPH.finditer(body_html), LIST_ITEM.finditer(body_html)):
        text = inline_text(found.group(1))
        if text:
            linked = sum(len(inline_text(link)) for link in LINK_TEXT.findall(found.group(1)))
            yield text, 2 * linked >= len(text)


def outside(tags: re.Pattern, body_html: str) -> str:
    """Return a chapter's HTML without the elements whose tags `tags` finds (quotes, folds),
    nested ones too, read once through."""
    kept, depth, start = [], 0, 0
    for tag in tags.finditer(body_html):
        if depth == 0:
            kept.append(body_html[start : tag.start()])
        depth = max(depth - 1, 0) if tag[1] else depth + 1
        start = tag.end()
    return "".join(kept) + (body_html[start:] if depth == 0 else "")


def cut_at_word(text: str, limit: int) -> str:
    """Return `text`, or its words within `limit` characters and an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def inline_text(inline_html: str) -> str:
    """Return a paragraph's or heading's HTML as the text a reader sees, spaces collapsed.

    Its tags go without a trace ("if `x`, then" is "if x, then", not "if x , then"), but
    for a line break, a space, and a footnote's number, left out.
    """
    inline = LINE_BREAK.sub(" ", FOOTNOTE_REFERENCE.sub("", inline_html))
    return " ".join(html.unescape(TAG.sub("", inline)).split())


def has_h1(body_html: str) -> bool:
    """True when the chapter body's first heading is a top-level one: its own title.

    Not a `# Exercises` after `## sections` (missing-semester's lectures, titled in their
    front matter, showed no title at all).
    """
    first = FIRST_HEADING.search(body_html)
    return first is not None and first[1] == "1"


def opens_with(body_html: str, title: str) -> bool:
    """True when the chapter body opens with a heading whose text is `title`."""
    found = OPENING_HEADING.match(body_html)
    return found is not None and inline_text(found[2]) == " ".join(title.split())


def syllabus_entry(chapter: WrittenChapter) -> tuple[Chapter, str | None]:
    """Return the syllabus entry of a written chapter, and the problem with its number if any.

    A chapter without a valid number gets number -1.
    """
    try:
        number, problem = chapter_number(chapter.chapter_field, chapter.slug, chapter.source), None
    except OutlineError as error:
        number, problem = -1, str(error)
    facts = chapter.body_facts or body_facts(chapter.body_html)
    entry = Chapter(
        number=number,
        title=chapter.title,
        slug=chapter.slug,
        url=chapter.url,
        save_as=chapter.save_as,
        source=chapter.source,
        reading_minutes=facts.reading_minutes,
        body_has_h1=facts.has_h1,
        body_opens_with_title=opens_with(chapter.body_html, chapter.title),
        updated=chapter.modified or chapter.date,
        description=(chapter.description_field or "").strip() or facts.description,
        edit_url=chapter.edit_url,
    )
    if chapter.held_back:
        when = f"on {spoken_day(chapter.release)}" if chapter.release else "soon"
        entry.held_back, entry.release = True, chapter.release
        entry.reading_minutes, entry.edit_url = None, None
        entry.description = f"{chapter.title}: coming {when}."
    return entry, problem


# A title that starts with a number, or a word and a number: "Lesson 2: ...", "3.1 Churn",
# a word for a part and its number written as one ("Section02 : ..."), or a Chinese or
# Japanese ordinal: "第1章 引言" (chapter 1), "第 12 节" (section 12).
NUMBERED_TITLE = re.compile(
    rf"(?:[^\W\d_]+\s+|(?i:{PART_WORDS}|section|step))?(\d+(?:\.\d+)*[a-z]?)\.?(?!\w)"
    rf"|第\s*(\d+(?:\.\d+)*|[{CJK_NUMERALS}]+)\s*[{CJK_PART_WORDS}]"
)
# Emoji a title may start with before its number ("📘 Day 1", "💻 Day 3: Loops", as
# Asabeneh's 30-Days-Of courses title their days): arrows, symbols, dingbats, pictographs.
LEADING_EMOJI = re.compile(
    r"^[\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+\s*"
)


def names_number(title: str, numbering: str) -> bool:
    """True when `title` starts with `numbering`, after a word or not: "Lesson 2: ..." for "2",
    "Module 00: ..." for "0"; or after a word with its last number, as a book numbers its
    chapters within its part: "Chapter 1: ..." for "2.1" (it was "Chapter 2.1: Chapter 1:
    ..."), not "3 Shapes of Sound Rust" for "1.3" (a count, which lost the entry its number).
    """
    found = numbered_start(title)
    number = matched_number(found)
    if not numbering or not number:
        return False
    after_word = bool(found[2]) or found.start(1) > 0
    last = numbers_of(numbering)[-1:] if after_word else None
    return number in (numbers_of(numbering), last)


def names_only_its_number(title: str) -> bool:
    """True for a title that is a number and nothing more: "📘 Day 2", "Lesson 3.", "4"."""
    found = numbered_start(title)
    return found is not None and not found.string[found.end() :].strip(" .:-–—")


def title_number(title: str) -> tuple[str, ...] | None:
    """Return the numbers a title starts with (NUMBERED_TITLE), after any emoji, as
    numbers_of gives them."""
    return matched_number(numbered_start(title))


def numbered_start(title: str) -> re.Match | None:
    """Return the number a title starts with after any emoji (NUMBERED_TITLE), or None."""
    return NUMBERED_TITLE.match(LEADING_EMOJI.sub("", title, count=1))


def matched_number(found: re.Match | None) -> tuple[str, ...] | None:
    """Return the numbers NUMBERED_TITLE `found`, as numbers_of gives them."""
    number = found and (found[1] or found[2])
    if number and not number[0].isdigit():  # in Chinese numerals: 第十章 is chapter 10
        number = str(cjk_number(number))
    return numbers_of(number) if number else None


def numbers_of(numbering: str) -> tuple[str, ...]:
    """Return the numbers of a dotted numbering, as digits without leading zeros: ("1", "2")
    for "01.2" (not as ints: a title may hold more digits than Python converts)."""
    return tuple(number.lstrip("0") or "0" for number in numbering.split("."))


def page_entry(chapter: WrittenChapter, numbers: tuple[int, ...] | None) -> Chapter:
    """Return the syllabus entry of a page placed by its path, numbered `numbers` (or not)."""
    entry, _problem = syllabus_entry(chapter)
    entry.number, entry.sub_numbers = (numbers[0], numbers[1:]) if numbers else (None, ())
    return entry


def outside_entry(chapter: WrittenChapter) -> Chapter:
    """Return the entry of a page outside the syllabus: no number, no neighbours."""
    entry, _problem = syllabus_entry(chapter)
    entry.number = None
    entry.in_syllabus = False
    return entry


def build_syllabus(
    written: list[WrittenChapter], upcoming: list[dict], url_pattern: str, save_as_pattern: str
) -> tuple[list[Chapter], list[str]]:
    """Return the syllabus in chapter order, and every numbering problem found.

    A written chapter replaces an upcoming one with the same number. Chapters
    whose number is missing still appear, after the numbered ones, so that a
    non-fatal build (the dev server) still shows them.
    """
    problems: list[str] = []
    chapters: list[Chapter] = []
    unnumbered: list[Chapter] = []
    by_number: dict[int, Chapter] = {}
    for chapter in sorted(written, key=lambda c: c.source):
        entry, problem = syllabus_entry(chapter)
        if problem:
            problems.append(problem)
            unnumbered.append(entry)
            continue
        number = entry.number
        if number in by_number:
            first = by_number[number]
            problems.append(
                f"{first.source} and {chapter.source} are both chapter {number}:"
                " give each chapter its own number"
            )
        else:
            by_number[number] = entry
        chapters.append(entry)
    for announced in upcoming:
        if announced["number"] in by_number:
            continue
        entry = Chapter(
            number=announced["number"],
            title=announced["title"],
            slug=announced["slug"],
            url=url_pattern.format(slug=announced["slug"]),
            save_as=save_as_pattern.format(slug=announced["slug"]),
            description=f"Chapter {announced['number']}, {announced['title']}: coming soon.",
        )
        by_number[entry.number] = entry
        chapters.append(entry)
    chapters.sort(key=lambda c: (c.number, c.source or ""))
    chapters.extend(unnumbered)
    link_neighbours(chapters)
    return chapters, problems


def link_neighbours(chapters: list[Chapter]) -> None:
    """Set each chapter's previous and next chapter, in syllabus order."""
    for before, after in zip(chapters, chapters[1:], strict=False):
        before.next = after
        after.previous = before


def listed(entry: Chapter) -> Chapter:
    """Return a listing's entry described by what it lists, for search engines and link
    previews."""
    titles = ", ".join(child.title for child in entry.children)
    entry.description = describe(f"<p>{html.escape(titles)}</p>")
    return entry
