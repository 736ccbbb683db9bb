"""A book's syllabus, as its SUMMARY.md lists it (mdBook, GitBook).

A book kept for mdBook (rust-lang/book's `src/`) or GitBook lists its chapters in
SUMMARY.md: in their order, nested as sections, named by the links' text, and grouped
under its parts' titles. Where its pages are kept plays no part.
"""

import posixpath
from typing import NamedTuple

from courselib.markdown.headings import github_slug
from courselib.pages import page_url
from selectolax.lexbor import LexborHTMLParser

from .folders import (
    Folder,
    content_link,
    folders_under,
    is_repository_file,
    is_repositorys_own,
    pages_under,
    shown_text,
)
from .outline import Chapter, listed, outside_entry, page_entry, title_number

# Where a book's SUMMARY.md is kept: at the top of content/ (rust-lang/book's `src/` built
# as content/, a GitBook), or in `src/`, as mdBook keeps it beside `book.toml` in a
# repository built whole (google/comprehensive-rust).
SUMMARY_PATHS = ("SUMMARY.md", "src/SUMMARY.md")


class Summary(NamedTuple):
    """A book's SUMMARY.md: its HTML, its path in content/, and where it lists each page."""

    html: str
    path: str
    places: dict[str, "Place"]

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.path)


def book_summary(root: Folder) -> Summary | None:
    """Return the book's SUMMARY.md (the first of SUMMARY_PATHS that is one) and where it
    lists each page (summary_places), or None.

    A book kept for mdBook (rust-lang/book's `src/`) or GitBook (a README beside it) lists
    its chapters in SUMMARY.md, in their order and nested as sections: the syllabus is
    that list (`book_entries`), and SUMMARY.md a page outside. One that links fewer
    than half the other pages of its folder is no such list (a course's recap, say).
    """
    pages = {page.path: page for page in pages_under(root)}
    for path in (path for path in SUMMARY_PATHS if path in pages):  # not `summary.md`
        summary, book = pages[path], posixpath.dirname(path)
        places = summary_places(summary.body_html, book)
        # The book's pages: in src/, beside which rust-lang/book keeps older editions and
        # a print copy, outside it.
        others = [
            other
            for other in pages.values()
            if other is not summary and (not book or other.path.startswith(book + "/"))
        ]
        listed = sum(other.path in places for other in others)
        if others and listed * 2 >= len(others):
            return Summary(summary.body_html, path, places)
    return None


def readme_contents(root: Folder, home_html: str) -> Summary | None:
    """Return the course README (`home_html`) read as a book's SUMMARY.md, where its lists
    link half or more of the pages (the repository's own files and translations aside),
    else None.

    trekhleb/javascript-algorithms keeps each lesson in a folder of its own three levels
    down (`src/algorithms/math/bits/README.md`), in folders with no README: its README's
    lists are the course's contents, grouped under headings and bold names (`**Math**`).
    """
    # A link to a folder (`src/algorithms/math/bits`) lists the folder's page.
    folder_pages = {folder.path: folder.page.path for folder in folders_under(root) if folder.page}
    own_pages = set(folder_pages.values())

    def page_path(path: str | None) -> str | None:
        return folder_pages.get(path.rstrip("/"), path) if path else path

    def counts(path: str) -> bool:  # a folder's README, or no file the repository keeps
        return path in own_pages or not is_repository_file(posixpath.basename(path))

    others = [page for page in pages_under(root) if counts(page.path)]
    places = {  # each page keeps its own title: a README's link text is shorter
        page_path(path): place._replace(parent=page_path(place.parent), name="")
        for path, place in summary_places(home_html, readme=True).items()
        if counts(page_path(path))
    }
    listed = sum(page.path in places for page in others)
    if listed < 2 or listed * 2 < len(others):
        return None
    return Summary(home_html, "README.md", places)


# How deep a SUMMARY.md's lists are read: deeper sections are left out of its nesting.
SUMMARY_DEPTH = 20


# The longest name from a title of a page the build writes (most file systems hold 255 bytes).
PAGE_NAME_CHARS = 80

# Where summary_places keeps a draft chapter: a key no page's path has.
DRAFT_KEY = "#draft-"


class Place(NamedTuple):
    """Where a SUMMARY.md lists a page."""

    parent: str | None  # the page whose item it is listed in; None at the top
    numbered: bool  # in a list, not a plain link
    name: str  # the link's text: the book's name for the chapter
    part: str | None = None  # the title of the part it is in (`# Day 1: Morning`), at the top
    draft: bool = False  # listed with no page (`- [Traits]()`): a chapter not written yet


def summary_places(summary_html: str, folder: str = "", readme: bool = False) -> dict[str, Place]:
    """Return, for each page a SUMMARY.md in content/`folder` links, in its order, where it
    lists the page (by its path in content/).

    A list item that links nothing but holds a list (`**Math**`) names a part, as a heading
    does. Read as a `readme` (readme_contents), only the lists count, not the links in its
    text, and every heading below the title names a part.
    """
    places: dict[str, Place] = {}
    part = None  # a heading after the first link is a part's title; the one before, the book's

    def path_of(link_node) -> str | None:
        link = content_link(link_node.attributes.get("href") or "", folder)
        return link.path if link is not None else None

    def walk(list_node, parent: str | None, part: str | None, depth: int = 0) -> None:
        if depth > SUMMARY_DEPTH:  # HTML written into SUMMARY.md may nest lists without end
            return
        for item in list_node.iter():
            if item.tag != "li":
                continue
            own = next((c for c in item.iter() if c.tag == "a"), None)
            own = own or next(
                (c.css_first("a") for c in item.iter() if c.tag == "p" and c.css_first("a")),
                None,
            )
            path = path_of(own) if own is not None else None
            in_part = part if parent is None else None
            draft = own is not None and not own.attributes.get("href") and shown_text(own)
            if draft and not readme:
                path = f"{DRAFT_KEY}{len(places)}"  # mdBook's draft: numbered, not linked
                places[path] = Place(parent, True, shown_text(own), in_part, draft=True)
            elif path and path not in places:
                places[path] = Place(parent, True, shown_text(own), in_part)
            if own is None and parent is None:
                in_part = group_name(item) or in_part
            for inner in item.iter():
                if inner.tag in ("ul", "ol"):
                    walk(inner, path or parent, in_part, depth + 1)

    body = LexborHTMLParser(summary_html).body
    for node in body.iter() if body is not None else []:
        heading = heading_in(node)
        if node.tag in ("ul", "ol"):
            walk(node, None, part)
        elif heading is not None and (places or readme and heading.tag != "h1"):
            part = shown_text(heading) or None
        elif not readme:
            for link_node in node.css("a"):
                path = path_of(link_node)
                if path and path not in places:
                    places[path] = Place(None, False, shown_text(link_node), part)
    return places


HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def heading_in(node):
    """Return `node` if it is a heading, the heading it holds if it is the theme's wrapper
    around one (`<div class="section-heading">`, with its permalink), else None."""
    if node.tag == "div" and node.attributes.get("class") == "section-heading":
        node = node.child
    return node if node is not None and node.tag in HEADINGS else None


def group_name(item) -> str:
    """Return the name a list item that links nothing gives the list it holds: its text
    before that list, or the words it starts with in bold (`**Brute Force** - look at...`)."""
    before = []
    for child in item.iter(include_text=True):
        if child.tag in ("ul", "ol"):
            break
        before.append(child)
    if len(before) == 1 and before[0].tag == "p":  # a loose list's item
        before = list(before[0].iter(include_text=True))
    words = [child for child in before if child.tag != "-text" or child.text().strip()]
    if words and words[0].tag in ("strong", "b"):
        return shown_text(words[0])
    return " ".join(" ".join(child.text(deep=True) for child in before).split())


def book_parts(
    top: list[Chapter], part_of: dict[int, str | None], taken: set[str], summary_path: str
) -> list[Chapter]:
    """Return a book's top-level entries with those under a part's title in its SUMMARY
    (`# Day 1: Morning`, as comprehensive-rust divides its days) as that part's chapters.

    A part is an entry whose page the build writes, listing its chapters; they keep the
    book's numbers, which go on from one part to the next, as mdBook numbers them. Its page
    is named after its title, unless a page of the book (`taken`) has that name.
    """
    grouped: list[Chapter] = []
    for entry in top:
        title = part_of.get(id(entry))
        if title is None:
            grouped.append(entry)
            continue
        if not grouped or not grouped[-1].part or grouped[-1].title != title:
            grouped.append(part_entry_named(title, taken, summary_path))
        part = grouped[-1]
        part.children.append(entry)
        entry.parent = part
    return [listed(entry) if entry.part else entry for entry in grouped]


def part_entry_named(title: str, taken: set[str], summary_path: str) -> Chapter:
    """Return the entry of a book's part titled `title` in the SUMMARY.md at `summary_path`,
    its page at the top of the site under a name no other page has (`day-1-morning.html`)."""
    save_as = page_named(title, taken)
    return Chapter(
        number=None,
        source=f"content/{summary_path}",
        title=title,
        slug=save_as.removesuffix(".html"),
        url=page_url(save_as),
        save_as=save_as,
        listing=True,
        part=True,
    )


def draft_entry(title: str, taken: set[str]) -> Chapter:
    """Return the entry of a book's draft chapter titled `title`, announced as coming, as
    an upcoming chapter is, on a page under a name no other page has."""
    save_as = page_named(title, taken)
    return Chapter(
        number=None,
        title=title,
        slug=save_as.removesuffix(".html"),
        url=page_url(save_as),
        save_as=save_as,
        description=f"{title}: coming soon.",
    )


# The pages every site has at its top: a draft `- [404]()` was a traceback (its page and the
# theme's 404 page both 404.html).
SITE_PAGES = frozenset({"index.html", "404.html"})


def page_named(title: str, taken: set[str]) -> str:
    """Return the name of a page the build writes for `title` at the top of the site
    (`day-1-morning.html`), one no other page has (adding it to `taken`)."""
    slug = github_slug(title).strip("-")
    if len(slug) > PAGE_NAME_CHARS:  # cut at a word, within what a file system holds
        cut = slug[:PAGE_NAME_CHARS]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut
    slug = slug.strip("-") or "part"
    save_as, count = f"{slug}.html", 1
    while save_as in taken or save_as in SITE_PAGES:
        count += 1
        save_as = f"{slug}-{count}.html"
    taken.add(save_as)
    return save_as


def book_entries(root: Folder, summary: Summary) -> tuple[list[Chapter], list[Chapter]]:
    """Return the entries of a book in its SUMMARY's order, nested as it nests them and
    named as it names them (as mdBook's table of contents; a page keeps its heading), and
    the pages outside it.

    Wherever its pages are kept (rust-by-example's `hello/print/print_debug.md`, a
    GitBook's `contents/1.1-roles.md`), the folders' names and numbers play no part;
    the pages it does not link are outside, and the home page its list holds (the
    README, as GitBook's "Introduction") leaves its sections one level up. Numbered as
    mdBook numbers: a chapter listed inside another's item is its section (1.1), a plain
    link outside the lists (a foreword) has no number; a book whose titles half or more
    number themselves ("Chapter 1. Jobs", "1.1 Roles", as GitBooks are written) is not
    numbered again ("Chapter 2.1.1: 1.1 Roles").
    """
    pages = {page.path: page for page in pages_under(root)}
    taken = {page.save_as for page in pages.values()}
    entries: dict[str, Chapter] = {}
    in_list: dict[int, bool] = {}
    top: list[Chapter] = []
    places = summary.places
    for path, place in places.items():
        own = is_repositorys_own(posixpath.basename(path))  # CHANGELOG.md: outside
        if not place.draft and (path not in pages or path in entries or own):
            continue
        parent_path = place.parent
        while parent_path is not None and parent_path not in entries:  # the home page
            parent_path = places[parent_path].parent if parent_path in places else None
        if place.draft:
            entry = entries[path] = draft_entry(place.name, taken)
        else:
            entry = entries[path] = page_entry(pages[path], None)
            entry.title = place.name or entry.title
        in_list[id(entry)] = place.numbered
        parent = entries.get(parent_path) if parent_path else None
        (parent.children if parent else top).append(entry)
        entry.parent = parent
    outside = [outside_entry(p) for path, p in pages.items() if path not in entries]
    self_numbered = sum(title_number(e.title) is not None for e in entries.values())
    numbered = self_numbered * 2 < len(entries)

    def number(siblings: list[Chapter]) -> None:
        count = 0
        for entry in siblings:
            counted = numbered and in_list[id(entry)]
            count += counted
            entry.number = count if counted else None
            number(entry.children)

    number(top)
    part_of = {id(entry): places[path].part for path, entry in entries.items()}
    return book_parts(top, part_of, taken, summary.path), outside
