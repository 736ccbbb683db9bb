"""Chapters' Markdown as GitHub renders it: CommonMark 0.31.2 and GitHub's extras, plus math.

One parser (markdown-it-py, the parser under MyST and Jupyter Book) reads every chapter:
- CommonMark, passing every example of its spec (tests/test_commonmark_spec.py);
- GitHub's tables, strikethrough, task lists, footnotes, `https://`/`www.` autolinks and
  alerts (`> [!NOTE]`), and Python-Markdown's `!!! note` callouts and `{attributes}`;
- math (`$...$`, `$$...$$`, `\\(...\\)`, `\\[...\\]`) made MathML at build time;
- heading ids as GitHub makes them, and Pelican's `{filename}` links kept as written.

The same parse gives the line and column of every link, image, raw HTML tag and formula,
so each problem is reported where the author wrote it.
"""

import html
import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from selectolax.lexbor import LexborHTMLParser

from courselib.front_matter import split_front_matter
from courselib.pages import CHARACTERS_PER_WORD, UNSPACED_SCRIPT

from .bare_urls import add_bare_urls, text_stops_at_www_only
from .exercises import add_exercises
from .fenced_divs import add_fenced_divs, read_divs_as_pandoc
from .footnote_labels import add_footnote_labels
from .headings import add_heading_ids, github_slug, heading_text
from .html_rules import (
    add_collapsible_callouts,
    add_html_rules,
    empty_braces_as_text,
    keep_unicode_spaces,
    lazy_lines_in_lists,
    tables_end_as_cmark_ends_them,
    tag_lines_end_lazy_text,
    unindent_paragraph_lines,
)
from .includes import FILES_KEY, FOLDER_KEY, add_includes
from .liquid import add_liquid_warning
from .math_syntax import add_math
from .myst import add_myst
from .positions import track_positions
from .quiz import add_quizzes
from .shortcodes import add_emoji_shortcodes, emoji_in_html
from .written_links import WrittenLink, written_links

__all__ = [
    "PROBLEMS_FIELD",
    "WARNINGS_FIELD",
    "RenderedChapter",
    "WrittenLink",
    "chapter_links",
    "github_slug",
    "render_markdown",
]

# The metadata field the chapter reader sets: the problems found while reading a chapter
# (one line each, `content/x.md:12:5: ...`), reported by author_errors.
PROBLEMS_FIELD = "markdown_problems"
# Likewise what is worth a warning but does not fail the build (an image with no alt text).
WARNINGS_FIELD = "markdown_warnings"

# Pelican's links to other content (`{filename}ch5.md`, `|static|x.png`): kept as written,
# for Pelican to replace once it knows every page's URL.
PLACEHOLDER = re.compile(r"^(?:\{\w+\}|\|\w+\|)")
# Markdown refuses these schemes (script in a link); `file:` is let through so that
# the content checks can name the line that links outside the course.
REFUSED_SCHEME = re.compile(r"^(?:vbscript|javascript|data):", re.IGNORECASE)
SAFE_DATA = re.compile(r"^data:image/(?:gif|png|jpeg|webp);", re.IGNORECASE)


@dataclass
class RenderedChapter:
    """A chapter's HTML, the URLs written in it and the problems found while reading it."""

    html: str
    links: list[WrittenLink] = field(default_factory=list)
    problems: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, text)
    warnings: list[tuple[int, int, str]] = field(default_factory=list)  # the same, not fatal
    title: str | None = None  # the text of its first `# heading`, if it has one
    raw_html: bool = False  # it holds HTML as its author wrote it
    # The files its code blocks include, {path from content/: file_stamp when read}.
    included: dict[str, list[int]] = field(default_factory=dict)

    @property
    def page_html(self) -> str:
        """Its HTML as a page holds it: `balanced` where it would not stay inside the page."""
        return balanced(self.html) if self.raw_html and not stays_inside(self.html) else self.html


def normalize_link(url: str) -> str:
    """Percent-encode a link as CommonMark does, keeping a Pelican placeholder as written."""
    placeholder = PLACEHOLDER.match(url)
    if placeholder:
        return placeholder[0] + normalizeLink(url[placeholder.end() :])
    return normalizeLink(url)


def validate_link(url: str) -> bool:
    """True for a link Markdown may write: any but script and non-image data: URLs."""
    return not REFUSED_SCHEME.match(url) or bool(SAFE_DATA.match(url))


def link_text_as_written(url: str) -> str:
    """Return an autolink's text as its author wrote it, as GitHub shows it.

    markdown-it decodes it for display: `Capstone%20Project` became `Capstone Project`,
    a URL no one can copy back.
    """
    return url


@cache
def course_parser(myst: bool = False, pandoc: bool = False) -> MarkdownIt:
    """Return the parser chapters are read with; with `myst`, a Jupyter Book's pages; with
    `pandoc`, a Carpentries Workbench lesson's, as Pandoc reads them for the Workbench."""
    return make_parser(myst=myst, pandoc=pandoc)


def make_parser(
    bare_autolinks: bool = True, myst: bool = False, pandoc: bool = False
) -> MarkdownIt:
    """Return a parser with every extra; `bare_autolinks=False` leaves bare URLs as text;
    `myst` reads MyST's directives and roles as Jupyter Book does (myst.py); `pandoc` reads
    as Pandoc does for the Workbench: definition lists (`term` then `:   its definition`,
    a lesson's glossary; GitHub shows them as text), and fenced divs closed innermost
    first, a box's first heading its title (fenced_divs.py).

    GitHub makes links of bare `https://` and `www.` URLs (its autolink extension);
    CommonMark alone does not, and three of its spec examples say so.
    """
    md = MarkdownIt("commonmark", {"xhtmlOut": False})
    md.enable(["table", "strikethrough"])
    md.options.update(
        {
            "tasklists": True,
            "tasklists_editable": False,
            "alerts": True,
            "strikethrough_single_tilde": True,
        }
    )
    md.normalizeLink = normalize_link
    md.normalizeLinkText = link_text_as_written
    md.validateLink = validate_link
    if bare_autolinks:
        add_bare_urls(md)
    md.use(footnote_plugin, inline=False)
    add_footnote_labels(md)
    md.use(admon_plugin)
    # `[x](y){target=_blank}`, as Python-Markdown's attribute lists let authors write, and
    # Pandoc's spans: the Carpentries' glossaries name each term `[commit]{#commit}`. Not
    # after code: `` `x`{% endraw %} `` (OWASP/wstg) is text on GitHub.
    md.use(attrs_plugin, after=("image", "link_close", "span_close"), spans=True)
    empty_braces_as_text(md)
    add_math(md)
    add_includes(md)
    track_positions(md)
    add_heading_ids(md)
    add_html_rules(md)
    add_exercises(md)
    add_quizzes(md)
    add_fenced_divs(md)
    if myst:
        add_myst(md)  # after the fenced divs: `::: challenge` stays theirs
    if pandoc:
        md.use(deflist_plugin)
        read_divs_as_pandoc(md)
    add_emoji_shortcodes(md)
    add_collapsible_callouts(md)
    add_liquid_warning(md)
    tag_lines_end_lazy_text(md)
    tables_end_as_cmark_ends_them(md)
    keep_unicode_spaces(md)
    unindent_paragraph_lines(md)
    lazy_lines_in_lists(md)  # last: around every rule that may end a paragraph
    if bare_autolinks:
        text_stops_at_www_only(md)  # once every rule that ends text is added
    return md


def chapter_body(text: str) -> str:
    """Return a chapter's text with its front matter blanked, so lines keep their numbers."""
    lines = text.split("\n")
    body_start = split_front_matter(lines).body_start
    return "\n" * body_start + "\n".join(lines[body_start:])


def render_markdown(
    text: str, md: MarkdownIt | None = None, folders: tuple[str, str] | None = None
) -> RenderedChapter:
    """Return the HTML of a chapter's Markdown `text` (front matter blanked) and what it holds.

    `folders`, the chapter file's folder and content/, is where its code blocks' includes
    (mdBook's `{{#include file.rs}}`) are read from; without it they stay as written.
    """
    md = md or course_parser()
    env: dict = {} if folders is None else {FOLDER_KEY: folders}
    tokens = md.parse(text, env)
    links, problems = written_links(tokens, env["source_lines"])
    html = md.renderer.render(tokens, md.options, env)  # which finds the warnings
    return RenderedChapter(
        html=html,
        links=links,
        problems=sorted(env.get("problems", []) + problems),
        warnings=sorted(env.get("warnings", [])),
        title=first_heading(tokens),
        raw_html=any(token.type in RAW_HTML for token in iter_tokens(tokens)),
        included=env.get(FILES_KEY, {}),
    )


RAW_HTML = ("html_block", "html_inline")


def iter_tokens(tokens: list):
    """Yield every token, and every inline token's children."""
    for token in tokens:
        yield token
        yield from token.children or []


def stays_inside(body_html: str) -> bool:
    """True when a browser keeps a chapter's HTML to itself where the theme puts it: no stray
    `</div>` or `</article>` closes the page's elements around it, no unclosed `<b>` or
    `<details>` takes in what follows it (the theme's "Mark as done", its Next link), no
    unclosed `<table>` keeps the page's `</article>` from closing it (its footer)."""
    page = (
        '<!DOCTYPE html><main><div id="course-page"><article id="course-chapter">'
        f'{body_html}<p id="course-after">.</p></article><p id="course-end">.</p>'
    )
    tree = LexborHTMLParser(page)
    chapter, page_div = tree.css_first("#course-chapter"), tree.css_first("#course-page")
    after, end = tree.css_first("p#course-after"), tree.css_first("p#course-end")
    return (
        None not in (chapter, page_div, after, end)
        and after.parent is not None
        and after.parent.mem_id == chapter.mem_id
        and after.child is not None
        and after.child.tag == "-text"
        and end.parent is not None
        and end.parent.mem_id == page_div.mem_id
    )


def balanced(body_html: str) -> str:
    """Return a chapter's HTML as a browser reads it alone, as GitHub shows a README: a stray
    end tag left out, each element left open closed at its end. What even so would not stay
    inside (`<plaintext>`, which nothing ends) is shown as the text it is."""
    body = LexborHTMLParser(f"<!DOCTYPE html><body>{body_html}").body
    made = body.inner_html if body is not None else ""
    return made if stays_inside(made) else f"<pre>{html.escape(body_html)}</pre>"


def first_heading(tokens: list) -> str | None:
    """Return the text of the heading that titles a chapter, or None (it is named by its file).

    That is its first heading when it is a `# Heading`, wherever it comes (after a banner or
    a line of introduction); else an `<h1>` written in HTML (`<h1 align="center">`) before
    any heading and any prose; else a first `##` heading that no paragraph of
    prose (PROSE_WORDS) comes before: a banner, badges, a line of links, "Estimated time:
    30 minutes", a note or an alert may. A `## Learning objectives` after the lesson's
    first paragraph of text is a section, not the lesson's title (copilot-cli-for-beginners'
    8 lessons were titled so), even when a `#` comes later (zoomcamp homework opens with
    `## Week 1 Homework`, then has `# Prepare Postgres` among its questions). Of two `#`
    lines one right under the other, the second: the first is the book's name above each
    chapter (You-Don't-Know-JS titled its 38 chapters "You Don't Know JS Yet: ..."); after
    a blank line, a second `#` is a section (mlops-zoomcamp's `# Ingestion`). A `###` or
    deeper titles nothing: The Odin Project opens 461 lessons with `### Introduction`. Nor
    does a `##` that names the page's own index (CONTENTS_HEADINGS: free-programming-
    books opens its Chinese list with `## 目录`, its Tamil one with `## Index`), or a `#`
    that does above more `#` (TypeScript-Handbook's `# Table of contents`), nor one after
    such an index written as a list of links into the page (cs231n's notes open so), nor a
    first `#` of the page's sections (`# Introduction` above `# Classes`, SECTION_HEADINGS:
    12 of TypeScript-Handbook's lessons were titled "Introduction"; `## 引言` above
    `## Ollama`).
    """
    in_html, prose_before = "", False
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and token.tag in ("h1", "h2"):
            text = " ".join(heading_text(tokens[index + 1]).split())
            if token.tag == "h1":  # a Markdown `#` wins over a banner's HTML <h1>
                if is_h1_under(tokens[index + 3 : index + 4], token):  # the book's, the chapter's
                    text = " ".join(heading_text(tokens[index + 4]).split()) or text
                elif first_section(tokens, index, text, CONTENTS_HEADINGS | SECTION_HEADINGS):
                    return in_html or None  # the page's index, or the first of its sections
                return text or in_html or None
            # The page's own index, or the first of its sections: no title.
            no_title = text.casefold() in CONTENTS_HEADINGS or first_section(
                tokens, index, text, SECTION_HEADINGS
            )
            return in_html or (None if prose_before or no_title else text or None)
        if is_title_block(token) and not (in_html or prose_before):
            in_html = html_h1_text(token.content)
        prose_before = prose_before or is_prose(token) or is_page_index(tokens, index)
    return in_html or None


def is_page_index(tokens: list, index: int) -> bool:
    """True if tokens[index] opens a top-level list whose links all lead into the page."""
    if tokens[index].type not in ("bullet_list_open", "ordered_list_open") or tokens[index].level:
        return False
    links = []
    for token in tokens[index + 1 :]:
        if token.level == 0:  # its end
            break
        links += [
            child.attrGet("href") or ""
            for child in token.children or []
            if child.type == "link_open"
        ]
    return bool(links) and all(link.startswith("#") for link in links)


def is_h1_under(tokens: list, heading) -> bool:
    """True if `tokens` is one token: a top-level `# heading` on the line under `heading`."""
    return [(t.type, t.tag, t.level, t.map and t.map[0]) for t in tokens] == [
        ("heading_open", "h1", 0, heading.map and heading.map[1])
    ]


def is_title_block(token) -> bool:
    """True for a top-level HTML block that may hold a title: not a comment."""
    return (
        token.type == "html_block"
        and token.level == 0
        and not token.content.lstrip().startswith("<!--")
    )


# An <h1> written in HTML, as many READMEs centre their title; each match stops at the next
# `<h1`, so a block of unclosed ones is read once.
HTML_H1 = re.compile(r"<h1\b[^>]*>((?:(?!<h1\b).)*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"<[^>]*>")


def html_h1_text(block: str) -> str:
    """Return the text of the first `<h1>` in an HTML block, as a reader sees it, or ""."""
    found = HTML_H1.search(block)
    return (
        " ".join(html.unescape(HTML_TAG.sub("", emoji_in_html(found[1]))).split()) if found else ""
    )


# A first `##` heading with one of these texts (any case) is the page's own index, no title.
CONTENTS_HEADINGS = frozenset(
    ["contents", "table of contents", "index", "toc", "目录", "目錄", "目次", "목차"]
    + ["本章内容", "本章目录", "本节内容"]  # "this chapter's contents" (LeetCode-Py's 53 units)
    + ["inhalt", "inhaltsverzeichnis", "índice", "indice", "sommaire", "table des matières"]
    + ["содержание", "оглавление", "spis treści", "obsah", "innehåll", "inhoud", "indeks"]
)
# A first heading with one of these texts (any case), another of its level after it, is the
# first of the page's sections, no title.
SECTION_HEADINGS = frozenset(
    ["introduction", "intro", "overview", "background", "summary", "引言", "简介", "概述"]
)


def first_section(tokens: list, index: int, text: str, names: frozenset[str]) -> bool:
    """True if the heading opened at tokens[index], reading `text`, is one of `names` and
    another heading of its level comes after it at the top: the first of the page's parts,
    not its title (a page of one `# Index` is titled so)."""
    heading = tokens[index]
    return text.casefold() in names and any(
        token.type == "heading_open" and token.tag == heading.tag and token.level == 0
        for token in tokens[index + 3 :]
    )


# A paragraph of this many words of its own (not in links) is prose: a chapter's text begun.
# "Estimated time: 30 minutes" or "Author: Jane Doe, May 2024" is not.
PROSE_WORDS = 8


def is_prose(token) -> bool:
    """True for the text of a top-level paragraph of PROSE_WORDS words or more, links' apart."""
    if token.type != "inline" or token.level != 1:
        return False
    words, in_link = 0, 0
    for child in token.children or []:
        in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type == "text" and not in_link:
            text = child.content
            unspaced = len(UNSPACED_SCRIPT.findall(text))  # Chinese, Japanese: by the character
            text = UNSPACED_SCRIPT.sub(" ", text) if unspaced else text
            words += sum(any(c.isalnum() for c in word) for word in text.split())
            words += unspaced / CHARACTERS_PER_WORD
    return words >= PROSE_WORDS


def front_matter_of(text: str) -> str:
    """Return the front matter of a chapter file's whole text ("" where it has none)."""
    lines = text.split("\n")
    return "\n".join(lines[: split_front_matter(lines).body_start])


def chapter_links(text: str, md: MarkdownIt | None = None) -> list[WrittenLink]:
    """Return the URLs written in a chapter file's whole text, front matter included; read
    with `md`, the parser its page was read with (courselib.page_parser)."""
    md = md or course_parser()
    env: dict = {}
    tokens = md.parse(chapter_body(text), env)
    return written_links(tokens, env["source_lines"])[0]
