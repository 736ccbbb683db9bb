"""The course as a tree: units, lessons and their pages, from the folders a course is kept in.

Pure functions over plain values (see outline.py for the entries). The rules, as a
course kept on GitHub is read:

- numbered folders and files (`1-`, `01_`, `2.`) form the tree, ordered by their
  number (`10-` after `9-`); a folder's index.md (else its README.md) is its page, and
  a numbered folder with neither gets a page the build writes, listing its lessons;
- in a numbered folder, its page comes first, then its numbered children in order,
  then its other pages (`assignment.md`) and the unnumbered folders its page links to
  or that hold numbered lessons, in the order its page links them, then by name;
- unnumbered files and folders elsewhere (`CONTRIBUTING.md`, a template folder) are
  built and linkable, outside the syllabus;
- when nothing at the top of content/ is numbered and no chapter has Pelican's front
  matter, the top of the syllabus is, in this order of preference: the numbered entries
  of the one folder that keeps them, with no page of its own or one the README's links
  lead into alone (`lessons/01-intro/`); what
  the course's README links to, in the order of its first link to each (its table of
  lessons, as on GitHub); the numbered entries of the one shallowest folder holding
  some; else a course with no number anywhere is read in name order, and the build
  says so once;
- a file named as a folder that has no README.md (`03-learning.md` beside `03-learning/`)
  is that folder's page;
- a book's SUMMARY.md, where one lists most pages, is the syllabus (book.py);
- chapters written with Pelican's front matter (numbered by `Chapter:` or their slug)
  and upcoming chapters take their place among the top-level entries.

Entries are labelled from COURSE_LEVELS: ["Unit", "Lesson"] gives "Unit 1" and
"Lesson 1.2"; levels deeper than the list repeat its last word.
"""

import posixpath
import re
from collections import Counter
from dataclasses import dataclass

from courselib.github_links import GithubPath
from courselib.pages import (
    PART_WORDS,
    is_folder_page,
    name_letter,
    name_number,
    name_numbers,
    name_range_end,
    numbered_by_word,
    page_save_as,
    page_url,
    stem,
    title_from_name,
)

from .book import Summary, book_entries, book_summary, readme_contents
from .folders import (
    LANGUAGE_CODE,
    TRANSLATION_FOLDER,
    Folder,
    first_links,
    folder_tree,
    folders_under,
    is_language,
    is_repository_file,
    is_repositorys_own,
    link_paths,
    page_links,
    pages_under,
    translations_among,
)
from .outline import (
    Chapter,
    WrittenChapter,
    build_syllabus,
    listed,
    outside_entry,
    page_entry,
    title_number,
)

DEFAULT_LEVELS = ("Chapter",)
# The units' word when lessons are numbered across them under the default levels (another
# language's one word, `["章"]`, is the author's to complete: `["部", "章"]`).
ACROSS_UNITS_WORD = "Part"
SOLUTION_WORDS = frozenset({"solution", "solutions", "answer", "answers"})
SOLUTION_WORD = re.compile(r"[-_. ]+")
# A course's numbering starts low (0, 1, or later where its first lessons are yet to be
# written); a number above this one, first among a folder's few, is a year or a count.
FIRST_NUMBERS = 100
# The names of a step's teaching page among its others (`lesson/` before `demo/`, `exercise/`).
LESSON_NAMES = frozenset({"lesson", "lessons", "lecture", "lectures", "overview"})


@dataclass
class Course:
    """The syllabus as a tree, the reading order, the pages outside it, and what is wrong."""

    tree: list[Chapter]  # the top-level entries, each with its children
    order: list[Chapter]  # every syllabus entry in reading order
    outside: list[Chapter]  # pages built but not in the syllabus
    problems: list[str]
    notice: str | None = None  # said once, not a failure: a course read in name order, say


def numbered_here(folder: Folder) -> bool:
    """True when a file or folder right inside `folder` is numbered by its name: one that
    starts with its number, or after a word (`Module01/`) two such names or every one.
    One such name among others (`day2-operations/` beside `getting-started/`) is a name,
    not a numbering; a course of one `week1/` so far is numbered."""
    names = [
        *(
            name
            for name in (posixpath.basename(page.path) for page in folder.files)
            if not is_repository_file(name)
        ),
        *(name for name, sub in folder.folders.items() if sub.holds_lessons),
    ]
    counts = counted_names(names)
    numbered = [name for name in names if name_numbers(name) is not None and name not in counts]
    by_word = [name for name in numbered if numbered_by_word(name)]
    every = bool(by_word) and len(by_word) == len(names)
    return len(numbered) > len(by_word) or len(by_word) >= 2 or every


def syllabus_folder(
    root: Folder, linked: list[str] | None = None
) -> tuple[Folder, list[Folder], str | None]:
    """Return the folder whose numbered entries top the syllabus, the parts of the course
    it holds instead, if any, and a notice.

    That is content/ itself, unless nothing in it is numbered: then it is the one
    shallowest folder that holds numbered entries: `lessons/` of `lessons/01-intro/`.
    Of two such folders at one depth, the one the README's links (`linked`, link_paths)
    lead into, if they lead into one only (PhiCookBook's `md/`, not its `code/`). Two or
    more with no page of their own in one folder are its parts, in their names' order, as
    a lab course keeps `Instructions/Demos/` and `Instructions/Labs/`, with a notice; other
    ones leave the syllabus to content/, with a notice.
    """
    level = [root]
    while level:
        level = [folder for folder in level if not is_solution(folder.name)]
        holding = linked_among([folder for folder in level if numbered_here(folder)], linked or [])
        if len(holding) == 1:
            return holding[0], [], None
        names = folders_named([f"content/{folder.path}/" for folder in holding])
        parent = parts_folder(root, holding)
        if parent is not None:
            return (
                parent,
                holding,
                (
                    f"{names} are the parts of the syllabus, in their names' order; number them"
                    " (1-name/, 2-name/) to give them another"
                ),
            )
        if holding:
            return (
                root,
                [],
                (
                    f"{names} hold numbered pages and content/ holds none: the syllabus is empty;"
                    " number those folders (1-name/, 2-name/) to make them its units"
                ),
            )
        level = [sub for folder in level for _name, sub in sorted(folder.folders.items())]
    return root, [], None


def folders_named(paths: list[str], shown: int = 3) -> str:
    """Return the first `shown` folders of `paths` and how many more: hasura/learn-graphql's
    notice named 208 folders on one line of 15,554 characters."""
    if len(paths) <= shown:
        return " and ".join(paths)
    rest = len(paths) - shown
    return f"{', '.join(paths[:shown])} and {rest} more folder{'s' if rest > 1 else ''}"


def parts_folder(root: Folder, holding: list[Folder]) -> Folder | None:
    """Return the one folder that holds all of `holding` (folders of numbered entries at one
    depth), when none has a page of its own; else None."""
    parents = {posixpath.dirname(folder.path) for folder in holding}
    if len(holding) < 2 or len(parents) != 1 or any(folder.page for folder in holding):
        return None
    parent = root
    for name in filter(None, parents.pop().split("/")):
        parent = parent.folders[name]
    return parent


def linked_among(folders: list[Folder], linked_paths: list[str]) -> list[Folder]:
    """Return the one of `folders` that `linked_paths` (the paths in content/ a page links
    to, link_paths) lead into or to, `md/` or `md` (as GitHub's folder view is addressed),
    when they lead into one only; else `folders`."""
    if len(folders) < 2:
        return folders
    chosen = [
        folder
        for folder in folders
        if any(f"{path}/".startswith(f"{folder.path}/") for path in linked_paths)
    ]
    return chosen if len(chosen) == 1 else folders


def readme_leads_past(root: Folder, found: Folder, paths: list[str]) -> bool:
    """True when the course README's links (`paths`, link_paths) never lead into `found`,
    a folder with no page, and lead to more of the course's pages than `found` holds:
    talent-plan's README lists its five courses in `courses/`, and `talent-plan-1.0/`,
    which it never links, holds two numbered pages of an old edition (they were the
    syllabus, the courses outside)."""
    if not found.path or found.page is not None:
        return False
    if any(path == found.path or path.startswith(found.path + "/") for path in paths):
        return False
    pages = {page.path for page in pages_under(root)}
    folder_pages = {f.path: f.page.path for f in folders_under(root) if f.page is not None}
    reached = {
        path if path in pages else folder_pages.get(path.rstrip("/"))
        for path in paths
        if not is_repositorys_own(posixpath.basename(path))
    }
    return len(reached - {None}) > len(pages_under(found))


def detached(root: Folder, folder: Folder) -> Folder:
    """Take `folder` out of the tree under `root`; return it."""
    parent = root
    for name in folder.path.split("/")[:-1]:
        parent = parent.folders[name]
    return parent.folders.pop(folder.path.rsplit("/", 1)[-1])


def links_only_into(root: Folder, linked: list[str], found: Folder) -> bool:
    """True when the only entry at the top of content/ the README links is the one that
    holds `found` (a folder deeper than content/)."""
    chosen, _others = split_by_links(root, linked)
    top = found.path.split("/", 1)[0]
    return bool(found.path) and [item for _place, item in chosen] == [root.folders.get(top)]


def readme_order(page_html: str, folder: str = "", repository: str | None = None) -> list[str]:
    """Return the names right inside content/`folder` that its page links to, in order
    (names_linked), its links to the course's `repository` (SOURCE_URL) among them."""
    return names_linked(page_links(page_html, folder, repository), folder)


def linked_at(linked: list[str], name: str, item: "Folder | WrittenChapter") -> int:
    """Return where a page's links (`linked`, readme_order) first name an entry, else after them."""
    found = first_link(linked, *link_names(name, item))
    return len(linked) if found is None else found


def names_linked(links: list[GithubPath], folder: str = "") -> list[str]:
    """Return the names right inside content/`folder` that `links` (page_links) lead to, in
    order: `1-intro/` for a link into that folder (`1-intro/README.md`), and the name
    itself for a link to it (`./1-intro`, `glossary.md`, or `glossary.html`, its page). Each
    is listed once; a repository's own files (CONTRIBUTING.md, LICENSE) are left out."""
    names: list[str] = []
    inside = f"{folder}/" if folder else ""
    for link in links:
        if not link.path.startswith(inside):
            continue
        first, into, _rest = link.path[len(inside) :].partition("/")
        if not first or (not into and is_repository_file(first)):  # `security/` is a unit
            continue
        if first + into not in names:
            names.append(first + into)
    return names


def folder_linked_into(root: Folder, links: list[GithubPath], linked: list[str]) -> Folder | None:
    """Return the folder under content/ with no page whose subfolders or files the course
    README's links (page_links; `linked`, names_linked) lead to, two or more, and more than
    it links entries at the top: bregman-arie/devops-exercises lists `topics/git/README.md`,
    `topics/aws/README.md`..., and links `faq.md` and `credits.md` in its text;
    Front-end-Developer-Interview-Questions lists `src/questions/general-questions.md`...
    Of several, the one nearest the top, then the one the README links most into
    (devops-exercises' 28 topics, not its 3 `certificates/`); None where two tie."""
    least = max(2, len(split_by_links(root, linked)[0]) + 1)
    found: list[tuple[int, int, Folder]] = []  # (its depth, minus its links, it)
    for folder in folders_under(root):
        if folder.page is not None:
            continue
        # Not a bar of links to translations (`i18n/zh-CN.md`, `i18n/es.md`, `docs/de-DE/`).
        files = {
            posixpath.basename(page.path)
            for page in folder.files
            if not is_language(stem(posixpath.basename(page.path)))
        }
        subfolders = set(folder.folders) - set(translation_folders(folder))
        names = names_linked(links, folder.path)
        count = sum(name.rstrip("/") in subfolders or name in files for name in names)
        if count >= least:
            found.append((folder.path.count("/"), -count, folder))
    best_rank = min(((depth, count) for depth, count, _folder in found), default=None)
    best = [folder for depth, count, folder in found if (depth, count) == best_rank]
    return best[0] if len(best) == 1 else None


def translation_folders(folder: Folder) -> list[str]:
    """Return the subfolders of `folder` named as a locale is written (`de-DE/`), or by a
    language alone where two or more each have a README and no numbered lessons:
    java-design-patterns' `localization/zh/`, `localization/ko/`..., which its README links
    as "read in another language", were the whole syllabus."""
    languages = [
        name
        for name, sub in folder.folders.items()
        if LANGUAGE_CODE.fullmatch(name) and sub.page is not None and not has_numbers(sub)
    ]
    locales = [name for name in folder.folders if TRANSLATION_FOLDER.fullmatch(name)]
    return locales + (languages if len(languages) >= 2 else [])


def is_translations(folder: Folder) -> bool:
    """True for a folder that holds only its translations' folders (`localization/zh/`...)."""
    return (
        not folder.files
        and bool(folder.folders)
        and set(folder.folders) == set(translation_folders(folder))
    )


def split_by_links(
    root: Folder,
    linked: list[str],
    folder_links: list[str] | None = None,
    paths: list[str] | None = None,
) -> tuple[list, list]:
    """Return the folders and files at the top of content/ that `linked` names, in its order,
    each with its first link's place; and the others, each with None.

    A folder is chosen with a page, or without one when `folder_links` (readme_folder_links)
    names it and it holds lessons: its page, made by the build, lists them (`step1-01/`,
    whose `lesson/` and `exercise/` have a README each, as microsoft/frontend-bootcamp is
    laid out). Of another folder with no page, the files `paths` (link_paths) lead to are
    chosen, each where the first link into the folder is, in their links' order
    (ml-engineering's `insights/ai-battlefield.md`); its other pages are among the others.
    """
    chosen, others = [], []
    for name, folder in sorted(root.folders.items()):
        linked_itself = bool({name, name + "/"} & set(folder_links or []))
        listed = folder.page is not None or (linked_itself and folder.holds_lessons)
        into = first_link(linked, *link_names(name, folder))
        found = into if listed else None
        pages = [] if listed or into is None else linked_pages(folder, paths or [])
        if pages:
            chosen += [(into, page) for page in pages]
            others += [(None, page) for page in pages_left(folder, pages)]
            continue
        (others if found is None else chosen).append((found, folder))
    for page in sorted(root.files, key=lambda page: page.path):
        name = posixpath.basename(page.path)
        found = first_link(linked, name, stem(name) + ".html")  # the file, or its page
        (others if found is None else chosen).append((found, page))
    chosen.sort(key=lambda pair: pair[0])
    return chosen, others


def is_translation(name: str, folder: Folder) -> bool:
    """True for a folder of a README's translation (`de-DE/`, TRANSLATION_FOLDER), unless it
    holds the course's numbered lessons (a course kept whole in `en-US/`)."""
    return TRANSLATION_FOLDER.fullmatch(name) is not None and not has_numbers(folder)


def translations_at_top(root: Folder) -> list[str]:
    """Return the folders at the top of content/ that are translations of the course: named
    as a locale is written (is_translation), or by a language alone (`en/`, `ja/`,
    `zh-hant/`, as krahets/hello-algo keeps its four beside the book in `docs/`) where
    two or more each have a README of its own, no numbered lessons and the course's own
    layout (`en/docs/` beside `docs/`), and another folder holds the course: a topic `cs/`
    (C#) with a `setup.md` of its own, as the course has, is one folder, and stays."""
    locales = [name for name, folder in root.folders.items() if is_translation(name, folder)]
    languages = [
        name
        for name, folder in root.folders.items()
        if name not in locales
        and LANGUAGE_CODE.fullmatch(name)
        and folder.page is not None
        and not has_numbers(folder)
        and same_layout(folder, root)
    ]
    course_beside = any(
        folder.holds_lessons
        for name, folder in root.folders.items()
        if name not in locales and name not in languages
    )
    return locales + (languages if course_beside and len(languages) >= 2 else [])


def listing_entry(folder: Folder, numbers: tuple[int, ...] | None) -> Chapter:
    """Return the entry of a folder with no page, numbered (`6-Other/`, as GitHub lists it)
    or a part of the course (syllabus_folder): its page, written by the build at
    `6-Other/index.html`, lists its lessons."""
    page = posixpath.join(folder.path, "README.md")
    save_as = page_save_as(page)
    return Chapter(
        number=numbers[0] if numbers else None,
        sub_numbers=numbers[1:] if numbers else (),
        source=f"content/{folder.path}/",  # as messages name it
        title=title_from_name(page),
        slug=save_as.removesuffix(".html"),
        url=page_url(save_as),
        save_as=save_as,
        listing=True,
    )


def lessons_kept_apart(folder: Folder, repository: str | None = None) -> list[Folder]:
    """Return the unnumbered folders with no page that keep a unit's numbered lessons, when
    the unit has none of its own: the one (`1-getting-started/lessons/1-introduction-to-iot/`,
    as IoT-For-Beginners is laid out), or none. Of two or more, the one the unit's page
    links into, if it links into one only (edgeai-for-beginners' `md/`, not its `code/`);
    all, if it links into each and no number is in two (AI-System's `Labs/BasicLabs/Lab1/`
    to `Lab5/` and `Labs/AdvancedLabs/Lab6/` to `Lab9/`).

    Its names may give two lessons one number (notes named `4_1_1_basics.md`, `4_1_2_dbt.md`,
    all number 4): then they are read as names (repeated_numbers).
    """
    if numbered_here(folder):
        return []
    holding = [
        sub
        for name, sub in folder.folders.items()
        if sub.page is None
        and name_numbers(name) is None
        and not is_solution(name)
        and numbered_here(sub)
    ]
    if len(holding) > 1 and folder.page is not None:  # the one its page links into, if one
        paths = link_paths(page_links(folder.page.body_html, folder.path, repository))
        linked = linked_among(holding, paths)
        into_each = all(
            any(f"{path}/".startswith(f"{sub.path}/") for path in paths) for sub in holding
        )
        names = [name for sub in holding for name in entry_names(sub)]
        numbers = [found for found in map(name_numbers, names) if found is not None]
        if len(linked) > 1 and into_each and len(numbers) == len(set(numbers)):
            return holding
        holding = linked
    return holding if len(holding) == 1 else []


def link_name(item: "WrittenChapter | Folder") -> str:
    """Return the name of a page's file, or of a folder."""
    return item.name if isinstance(item, Folder) else posixpath.basename(item.path)


def repeated_numbers(folder: Folder) -> set[str]:
    """Return the names in `folder` when two of them start with one number, else none:
    DataTalksClub's zoomcamp keeps its notes as `4_1_1_basics.md`, `4_1_2_dbt.md` (all
    number 4) and `06-core-01-projects.md`, `06-core-02-pipelines.md`. Read as names, in
    their order, they are lessons; their numbers made them a folder outside, unseen."""
    names = entry_names(folder)
    numbers = [numbers for numbers in map(name_numbers, names) if numbers is not None]
    return set(names) if len(numbers) != len(set(numbers)) else set()


def entry_names(folder: Folder) -> list[str]:
    """Return the names of the folders and files right inside `folder`."""
    return [*folder.folders, *(posixpath.basename(page.path) for page in folder.files)]


def linked_pages(
    folder: Folder, paths: list[str], deep: bool = False
) -> list["WrittenChapter | Folder"]:
    """Return the pages in `folder`, which has no page of its own, that `paths` (link_paths)
    lead to, and its folders with a page they lead to (ml-engineering's
    `insights/when-to-upgrade-gpus/README.md`), in the order they are first linked. `deep`,
    as a unit's page links them: in its folders with no page too (devops-exercises'
    `exercises/hello_function/exercise.md`), but for solutions (is_solution), which the
    lessons link."""
    if folder.page is not None:
        return []
    by_path: dict[str, WrittenChapter | Folder] = {}
    holding = [folder]
    while holding:
        here = holding.pop()
        by_path.update({page.path: page for page in here.files if not is_solution(link_name(page))})
        for name, sub in here.folders.items():
            if sub.page is not None:
                by_path.update({sub.page.path: sub, sub.path + "/": sub, sub.path: sub})
            elif deep and not is_solution(name):
                holding.append(sub)
    found = [by_path[path] for path in dict.fromkeys(paths) if path in by_path]
    return list({id(item): item for item in found}.values())


def pages_left(folder: Folder, chosen: list["WrittenChapter | Folder"]) -> list[WrittenChapter]:
    """Return the pages under `folder` that are not `chosen` (linked_pages) nor under them."""
    taken = {id(page) for item in chosen for page in pages_of(item)}
    return [page for page in pages_under(folder) if id(page) not in taken]


def pages_of(item: "WrittenChapter | Folder") -> list[WrittenChapter]:
    """Return a page, or every page under a folder."""
    return pages_under(item) if isinstance(item, Folder) else [item]


def among_numbered(
    numbered: list[Chapter],
    others: list[tuple[int | None, Chapter]],
    links_of: dict[int, int | None],
) -> list[Chapter]:
    """Return the numbered entries in their order with each of `others` (its first link, it)
    before the first numbered entry the README links after it; the rest at the end."""
    entries, waiting = [], list(others)
    for entry in numbered:
        link = links_of.get(id(entry))
        while waiting and link is not None and waiting[0][0] is not None and waiting[0][0] < link:
            entries.append(waiting.pop(0)[1])
        entries.append(entry)
    return entries + [entry for _link, entry in waiting]


def readme_folder_links(links: list[GithubPath], folder: str = "") -> list[str]:
    """Return the names at the top of content/ (or right inside content/`folder`) that a
    README's links (page_links) lead to themselves (`Workshop/` for `Workshop/` or
    `Workshop/README.md`, `Workshop` for `./Workshop`, `intro.md`), in order; not those
    leading deeper (`cohorts/2026/notes.md`)."""
    names: list[str] = []
    for name in (top_name(path, folder) for path in link_paths(links)):
        if name is not None and name not in names:
            names.append(name)
    return names


def top_name(path: str, folder: str = "") -> str | None:
    """Return the name at the top of content/ (or right inside content/`folder`) that a link
    to `path` (link_paths) leads to itself: `Workshop/` for `Workshop/README.md`; None for
    one leading deeper, or elsewhere."""
    if folder:
        inside = f"{folder}/"
        if not path.startswith(inside):
            return None
        path = path[len(inside) :]
    first, slash, rest = path.partition("/")
    if not first or (rest and ("/" in rest or not is_folder_page(rest))):
        return None
    return first + slash  # `Workshop/`; `Workshop` as `./Workshop` is written


def readme_lists(lists: dict[str, int], folder: str = "") -> dict[str, int]:
    """Return `lists` (first_links) by the names at the top of content/ (or right inside
    content/`folder`) their paths lead to."""
    by_name: dict[str, int] = {}
    for path, found in lists.items():
        name = top_name(path, folder)
        if name is not None:
            by_name.setdefault(name, found)
    return by_name


def readme_companions(linked: list[str], first_unit: int, lists: dict[str, int]) -> set[str]:
    """Return the names the README links (`linked`) in the same table or list (`lists`,
    readme_lists) as its first unit's (at `first_unit`); not a repository's own files
    (`CONTRIBUTING.md`, a README's translation), which a table of contents may list too."""
    unit_list = lists.get(linked[first_unit]) if first_unit < len(linked) else None
    return {
        name
        for name in linked
        if unit_list is not None
        and lists.get(name) == unit_list
        and not is_repository_file(name.rstrip("/"))
    }


def link_names(name: str, item: "Folder | WrittenChapter") -> list[str]:
    """Return the names a page's links give a folder or file (see readme_order): a folder's
    own, and its page's when that is a file beside it (`hello.md` for `hello/`, as mdBook
    and GitBook keep chapters); a file's name, or its page's (`glossary.html`)."""
    if not isinstance(item, Folder):
        return [name, f"{stem(name)}.html"]
    names = [name, name + "/"]
    if item.page is not None and not item.page.path.startswith(item.path + "/"):
        names += link_names(posixpath.basename(item.page.path), item.page)
    return names


def words_repeating_numbers(names: list[str]) -> set[str]:
    """Return the names numbered after a word (`Lab 1.md`, `lesson2.md`) of a folder whose
    names that start with a number (`01-intro.md`) take a number of theirs: there, those
    are names, ordered after the numbered lessons, not lessons that would share a number."""
    leading = {name_numbers(name) for name in names if not numbered_by_word(name)} - {None}
    by_word = [name for name in names if numbered_by_word(name)]
    return set(by_word) if any(name_numbers(name) in leading for name in by_word) else set()


def counted_names(names: list[str]) -> set[str]:
    """Return the names of a folder that start with a count or a year, not a place: those
    starting with a number, where they are fewer than half its names and two share a
    number, or none is a first one's (FIRST_NUMBERS), or one alone is not a first (0 or 1).

    system-design-101 keeps 400 guides in one folder, 32 named so (`10-books-for-
    developers.md`, `10-good-coding-principles.md`, `8-tips-for-api-design.md`): they are
    names, in their order, as GitHub lists them, not ten "Chapter 10"s. rust-lang/book
    keeps `2018-edition/` beside `src/`: no course's first unit is its 2018th.
    """
    leading = [name for name in names if name_numbers(name) and not numbered_by_word(name)]
    numbers = [name_numbers(name) for name in leading]
    few = 2 * len(leading) < len(names)
    counts = (
        len(set(numbers)) < len(numbers)
        or min(numbers, default=(0,))[0] > FIRST_NUMBERS
        or (len(numbers) == 1 and numbers[0][0] > 1)  # `3-parts-in-name.md` among names
    )
    return set(leading) if few and counts else set()


def is_solution(name: str) -> bool:
    """True for an unnumbered name a lesson's solution goes by, its last word solution or
    answers (`solution/`, `solutions.md`, `assignment-solution.md`, `quiz-answers.md`; not
    `solution-design.md`): a page the lesson links to, never a step of the reading order,
    where "Next" would show it before the exercise is done."""
    words = [word for word in SOLUTION_WORD.split(stem(name).lower()) if word]
    return name_numbers(name) is None and bool(words) and words[-1] in SOLUTION_WORDS


def first_link(linked: list[str], *names: str) -> int | None:
    """Return where the first of `names` comes in `linked` (readme_order), or None."""
    return min((linked.index(name) for name in names if name in linked), default=None)


def is_part(folder: Folder, numbers: tuple[int, ...] | None, link: int | None) -> bool:
    """True for an unnumbered folder inside a unit that is part of it, with a page: one the
    unit's page links to (`4-typing-game/typing-game/`), or one holding numbered lessons."""
    return numbers is None and folder.page is not None and (link is not None or has_numbers(folder))


def has_numbers(folder: Folder) -> bool:
    """True when any file or folder under `folder` is numbered by its name (counted_names
    are not)."""
    counts = counted_names(entry_names(folder))
    return any(
        name_number(name) is not None and name not in counts
        for name in (posixpath.basename(page.path) for page in folder.files)
    ) or any(
        sub.holds_lessons
        and ((name_number(name) is not None and name not in counts) or has_numbers(sub))
        for name, sub in folder.folders.items()
    )


def same_layout(folder: Folder, root: Folder) -> bool:
    """True when `folder` holds a folder, or a file but its page, named as one at the top."""
    own = {posixpath.basename(page.path) for page in root.files}
    files = {posixpath.basename(page.path) for page in folder.files}
    return bool(folder.folders.keys() & root.folders.keys() or files & own)


def left_out_notice(left_out: list[tuple[str, int]]) -> str:
    """Return what the name order's notice adds of the folders with no page it left outside,
    most pages first (The Odin Project keeps its 310 lessons in folders with no README)."""
    if not left_out:
        return ""
    ranked = sorted(left_out, key=lambda pair: (-pair[1], pair[0]))
    total = sum(count for _path, count in left_out)
    named = ", ".join(f"content/{path}/ {count}" for path, count in ranked[:3])
    rest = len(ranked) - 3
    more = f", and {rest} more folder{'s' if rest > 1 else ''}" if rest > 0 else ""
    pages = "1 page" if total == 1 else f"{total} pages"
    return (
        f"; it leaves out {pages} in folders with no README ({named}{more}):"
        " give each a README.md that links its lessons, or number them"
    )


def readme_alone(root: Folder) -> bool:
    """True for a course that is its README, and beside it only the repository's own files
    and translations (`README-es.md`, `CONTRIBUTING.md`; `de-DE/` is set aside before):
    nothing to number, as the-art-of-command-line is kept."""
    pages = [page for page in pages_under(root) if page is not root.page]
    return all(is_repository_file(posixpath.basename(page.path)) for page in pages)


def build_course(
    written: list[WrittenChapter],
    upcoming: list[dict],
    url_pattern: str,
    save_as_pattern: str,
    levels: tuple[str, ...] = DEFAULT_LEVELS,
    home_html: str = "",
    repository: str | None = None,
    contents: Summary | None = None,
) -> Course:
    """Return the course's syllabus tree, reading order and outside pages, with its problems.

    `home_html` is the course README's text as HTML (the home page's), for its links;
    `repository` is SOURCE_URL, where its links to folders with no page lead; `contents`
    the table of contents another tool keeps (a Carpentries Workbench lesson's config.yaml,
    a Jupyter Book's _toc.yml), read as a book's SUMMARY.md (a SUMMARY.md of its own comes first).
    """
    chapters = [chapter for chapter in written if not chapter.by_path]
    top, problems = build_syllabus(chapters, upcoming, url_pattern, save_as_pattern)
    root = folder_tree([chapter for chapter in written if chapter.by_path])
    name_order = not chapters and not has_numbers(root)
    reader = TreeReader(name_order, repository)
    # A README's languages (`de-DE/`, linked from it or not) are no part of the course.
    for name in translations_at_top(root):
        reader.set_outside(root.folders.pop(name))
    # Pelican chapters (front matter) are the top of the syllabus; upcoming ones are not.
    look_further = not chapters and not numbered_here(root)
    # A book's SUMMARY.md is its table of contents, its folders numbered or not
    # (yeasy/docker_practice numbers its chapters' folders and lists its appendix there).
    summary = book_summary(root) or contents if not chapters else None
    home_links = (
        page_links(summary.html, summary.folder, repository)
        if summary is not None
        else page_links(home_html, "", repository)
    )
    linked = names_linked(home_links) if look_further else []
    found, parts, notice = (
        syllabus_folder(root, link_paths(home_links)) if look_further else (root, [], None)
    )
    set_aside: list[str] = []
    while look_further and readme_leads_past(root, found, link_paths(home_links)):
        # An old edition the README never links is no part of the course (talent-plan-1.0/).
        set_aside.append(f"content/{found.path}/")
        reader.set_outside(detached(root, found))
        name_order = reader.name_order = not chapters and not has_numbers(root)
        found, parts, notice = syllabus_folder(root, link_paths(home_links))
    # A folder with a page of its own (`advanced/README.md`, `advanced/1-cli.md`) is more
    # likely a module of the course, which the README's links place; one without is not,
    # nor is one the README's links lead into alone (`lessons/`, in AI-For-Beginners).
    syllabus = found if found.page is None or links_only_into(root, linked, found) else root
    by_readme = look_further and syllabus is root
    texts, lists = first_links(home_html, repository)  # the README's, for its titles and tables
    listed = [path for path in link_paths(home_links) if path in lists]
    deeper = folder_linked_into(root, home_links, linked) if by_readme and not summary else None
    if summary is not None:
        syllabus, (units, outside) = root, book_entries(root, summary)
        reader.outside += outside
    elif deeper is not None:
        syllabus = deeper
        # Beside the folders it lists by their pages, the pages it lists in folders with none:
        # devops-exercises' `topics/node/node_questions_basic.md` beside `topics/git/README.md`.
        # Where it lists no folder's page, its lists are contents (readme_contents).
        linked_here = names_linked(home_links, deeper.path)
        units = reader.linked_children(
            deeper, linked_here, [], {}, listed if split_by_links(deeper, linked_here)[0] else []
        )
    else:
        units = (
            reader.linked_children(
                root,
                linked,
                readme_folder_links(home_links),
                texts,
                listed,
            )
            if by_readme
            else None
        )
    contents = readme_contents(root, home_html) if by_readme and units is None else None
    if contents is not None:  # lessons the README lists, kept in folders with no README
        syllabus, (units, outside) = root, book_entries(root, contents)
        reader.outside += outside
    if units is not None:
        notice, name_order = None, False  # the README's order, not the names'
    elif parts:
        syllabus = found
        units = [reader.part_of_course(part) for part in parts]
    else:
        syllabus = found
        top_links = readme_folder_links(home_links) if syllabus is root and not name_order else []
        top_lists = readme_lists(lists) if top_links else {}
        if syllabus is not root and syllabus.page is not None and not name_order:
            # A book kept in a folder of its own lists its parts on its page, as its table of
            # contents: Functional-Light-JS's `manuscript/README.md` (foreword, preface,
            # chapters, appendices), read as the course README is at the top.
            page_html, path = syllabus.page.body_html, syllabus.path
            top_links = readme_folder_links(page_links(page_html, path, repository), path)
            top_lists = readme_lists(first_links(page_html, repository, path)[1], path)
        units = reader.children(syllabus, top_level=True, readme_links=top_links, lists=top_lists)
    if syllabus is not root:
        reader.set_outside_around(root, syllabus)
    problems += reader.problems
    tree = merge_top_level(top, units, problems)
    repeats = lessons_repeat_units(tree)  # chapter2/chapter2_questions.md: not across units
    across = not repeats and lessons_numbered_across(tree)
    if across and levels == DEFAULT_LEVELS:  # "Chapter 2" a unit and a lesson: a book's parts
        levels = (ACROSS_UNITS_WORD, *levels)
    elif levels == DEFAULT_LEVELS:
        levels = levels_named(tree) or levels
    for entry in tree:
        label(entry, (), levels)
        for lesson in entry.children if across else []:  # labelled again, by their own numbers
            label(lesson, (), levels, deeper=1)
    if repeats:
        # A lesson with its unit's number alone is a page of the unit, not "Chapter 2.2":
        # easy-rl's `chapter2/chapter2_questions.md`.
        for unit in tree:
            for lesson in unit.children if not unit.part else []:
                if lesson.place == unit.place:
                    lesson.label = lesson.numbering = ""
    order = [entry for top_entry in tree for entry in reading_order(top_entry)]
    for entries in [tree, *(entry.children for entry in order)]:
        mark_shared_title_numbers(entries)
    for before, after in zip(order, order[1:], strict=False):
        before.next, after.previous = after, before
    if name_order and units:
        notice = (
            "content/: no file or folder name starts with a number (1-, 01_, 2.): the"
            " syllabus follows the names' order" + left_out_notice(reader.left_out)
        )
    elif not tree and reader.outside and notice is None and not readme_alone(root):
        notice = (
            f"content/: the syllabus is empty: none of the {len(reader.outside)} pages has a"
            " place in it; number the lessons (01-intro.md, 02-setup.md) or their folders"
        )
    if set_aside:
        told = (
            f"{', '.join(set_aside)}: numbered pages the course README never links, outside"
            " the syllabus, which follows the README's links to more pages; link them from"
            " the README to make them lessons"
        )
        notice = told if notice is None else f"{notice}. {told}"
    return Course(tree, order, reader.outside, problems, notice)


class TreeReader:
    """Reads folders into syllabus entries, collecting the pages outside and the problems."""

    def __init__(self, name_order: bool, repository: str | None = None) -> None:
        self.name_order = name_order
        self.repository = repository  # SOURCE_URL, where a unit's page may link its lessons
        self.outside: list[Chapter] = []
        self.problems: list[str] = []
        # Read in name order, the folders with no page, left outside, and their pages' count.
        self.left_out: list[tuple[str, int]] = []

    def numbers_of(
        self, name: str, position: int, names_only: set[str] | None = None
    ) -> tuple[int, ...] | None:
        """Return an entry's numbers: from its name, or its place when read in name order;
        none for one of `names_only`, numbered after a word but read as a name
        (words_repeating_numbers)."""
        if self.name_order:
            return (position + 1,)
        return None if names_only and name in names_only else name_numbers(name)

    def children(
        self,
        folder: Folder,
        top_level: bool = False,
        readme_links: list[str] | None = None,
        lists: dict[str, int] | None = None,
    ) -> list[Chapter]:
        """Return the entries in `folder`: its numbered children, then (inside a unit) the rest.

        At the top, `readme_links` (readme_folder_links) are the folders the course README
        links to: each with a page and no number is in the syllabus, unnumbered, where
        the README's order puts it among the numbered units (edgeai-for-beginners'
        `Workshop/` after its `Module08/`); other unnumbered entries are outside.
        """
        apart = [] if top_level or self.name_order else lessons_kept_apart(folder, self.repository)
        sources = [folder, *apart]  # their lessons, as its own
        named = sorted(
            [(name, sub) for source in sources for name, sub in source.folders.items()]
            + [
                (posixpath.basename(page.path), page) for source in sources for page in source.files
            ],
            key=lambda item: item[0],
        )
        named = [(name, item) for name, item in named if all(item is not sub for sub in apart)]
        # A lesson's translation beside it (`1-intro.french.md`) is its page in that language.
        pages = [name for name, item in named if not isinstance(item, Folder)]
        own = [posixpath.basename(folder.page.path)] if folder.page is not None else []
        translated = translations_among(pages + own)
        self.outside.extend(outside_entry(item) for name, item in named if name in translated)
        named = [(name, item) for name, item in named if name not in translated]
        # A unit with no page of its own has none to link its lesson first: it is first. Read
        # in name order, such a unit is a README's link (linked_children): its pages are its
        # parts, not numbered by their names' order.
        listing = folder.page is None and not top_level
        if listing:
            named.sort(key=lambda pair: stem(pair[0]).lower() not in LESSON_NAMES)
        # Solutions, code folders holding only a library's LICENSE.md, and a repository's own
        # files (a unit's CONTRIBUTING.md, docsify's _sidebar.md) are outside.
        aside = [
            (name, item)
            for name, item in named
            if is_solution(name)
            or (not item.holds_lessons if isinstance(item, Folder) else is_repositorys_own(name))
        ]
        for _name, item in aside:
            if isinstance(item, Folder):
                self.set_outside(item)
            else:
                self.outside.append(outside_entry(item))
        set_aside = {id(item) for _name, item in aside}
        named = [(name, item) for name, item in named if id(item) not in set_aside]
        names_only = words_repeating_numbers([name for name, _item in named])
        names_only |= counted_names([name for name, _item in named])
        names_only |= {name for sub in apart for name in repeated_numbers(sub)}
        # Inside a unit, the links of its page, for the pages it links in folders with no page.
        unit_links = (
            page_links(folder.page.body_html, folder.path, self.repository)
            if not top_level and folder.page is not None
            else []
        )
        linked_paths = link_paths(unit_links)
        folder_of: dict[int, str] = {}  # such a page's folder, as the unit's page links it
        if self.name_order:  # a folder with no page of its own has no place to be numbered
            kept = []
            for name, item in named:
                linked_here = (
                    linked_pages(item, linked_paths, deep=True) if isinstance(item, Folder) else []
                )
                if linked_here:  # but the pages its unit links in it: they are the unit's
                    kept += [(link_name(page), page) for page in linked_here]
                    folder_of.update({id(page): name + "/" for page in linked_here})
                    self.outside += map(outside_entry, pages_left(item, linked_here))
                elif isinstance(item, Folder) and item.page is None:
                    if not is_translations(item):  # not told to give `localization/` a README
                        self.left_out.append((item.path, len(pages_under(item))))
                    self.set_outside(item)
                elif top_level and isinstance(item, WrittenChapter) and is_repository_file(name):
                    self.outside.append(outside_entry(item))  # CONTRIBUTING.md: no chapter 1
                else:
                    kept.append((name, item))
            named = kept
        companions: set[str] = set()  # at the top, linked in the first unit's table or list
        first_unit = 0  # at the top, where the README first links a unit
        if top_level:
            linked = readme_links or []
            # What the README links before its first unit is its preamble (a template, code
            # samples), not a part of the syllabus (IoT- and .NET-For-Beginners link so).
            first_unit = min(
                (
                    found
                    for name, item in named
                    if self.numbers_of(name, 0, names_only) is not None
                    and (found := first_link(linked, *link_names(name, item))) is not None
                ),
                default=len(linked),
            )
            # But for what it lists in the table or list of its first unit (edgeai-for-
            # beginners' `introduction.md` and LLMs-from-scratch's `setup/` before it, a book's
            # `apA.md` after its chapters): `lists`, readme_lists, tells where each is linked.
            companions = readme_companions(linked, first_unit, lists or {})
            linked = [
                name if place >= first_unit or name in companions else ""
                for place, name in enumerate(linked)
            ]
        else:
            linked = names_linked(unit_links, folder.path)
        if self.name_order and not top_level and linked:
            # Read in name order, a unit's pages are in the order its page links them, then
            # the others by name: ossu's OSTEP unit links its reading order, then projects
            # 2A, 1B... in the order they are done; a page in a folder with no page, where
            # its folder is linked.
            named.sort(
                key=lambda pair: linked_at(linked, folder_of.get(id(pair[1]), pair[0]), pair[1])
            )
        numbered: list[Chapter] = []
        units: set[int] = set()  # the ids of numbered entries that are folders
        links_of: dict[int, int | None] = {}  # a numbered entry's first link, by its id()
        others: list[tuple[int | None, Chapter]] = []  # (its first link from the page, it)
        for position, (name, item) in enumerate(named):
            numbers = (
                None if listing and self.name_order else self.numbers_of(name, position, names_only)
            )
            link = first_link(linked, *link_names(name, item))
            # A unit with no page (its listing is made by the build) has nothing to link its
            # unnumbered folders: each with a page is a part of it (PhiCookBook's
            # `md/02.Application/01.TextAndChat/`... have no README above them).
            part = isinstance(item, Folder) and (
                is_part(item, numbers, link)
                or (folder.page is None and not top_level and numbers is None and bool(item.page))
            )
            pages = (
                linked_pages(item, linked_paths, deep=True)
                if isinstance(item, Folder) and not top_level and numbers is None and not part
                else []
            )
            if part and (not top_level or link is not None):
                others.append((link, self.part_entry(item)))
            elif pages:
                # A folder with no README whose pages the unit's page links, each where it is
                # linked (ml-engineering's `accelerator/nvidia/debug.md`); its others outside.
                others += [
                    (
                        link,
                        self.part_entry(page)
                        if isinstance(page, Folder)
                        else page_entry(page, None),
                    )
                    for page in pages
                ]
                self.outside += map(outside_entry, pages_left(item, pages))
            elif isinstance(item, Folder) or numbers is not None:
                entry = (
                    self.folder_entry(item, numbers)
                    if isinstance(item, Folder)
                    else page_entry(item, numbers)
                )
                if entry is not None:
                    entry.letter = "" if self.name_order else name_letter(name)
                    numbered.append(entry)
                    links_of[id(entry)] = link
                    if isinstance(item, Folder):
                        units.add(id(entry))
            elif top_level and link is not None and linked[link] in companions:
                others.append((link, page_entry(item, None)))
            elif top_level or (is_repositorys_own(name) and not is_folder_page(name)):
                # A module's own LICENSE.md too, named in capitals as GitHub's are: its
                # `agents.md` is a lesson, and a README.md beside its index.md a page of it.
                self.outside.append(outside_entry(item))
            else:
                others.append((link, page_entry(item, None)))
        numbered.sort(key=lambda entry: entry.rank)  # stable: one number's lessons by name
        self.report_same_numbers(folder, numbered, units)
        # The pages the folder's own page links to in its order, then the others by name,
        # each among the numbered entries where the page links it (a book's foreword before
        # its chapters, its appendix after them, as You-Don't-Know-JS's books list them).
        others.sort(key=lambda pair: len(linked) if pair[0] is None else pair[0])
        # What the README lists before its first unit comes first, before a unit it does not
        # link (LLMs-from-scratch's `setup/`, then its chapter 1, linked only by a notebook).
        leading = [
            pair
            for pair in others
            if pair[0] is not None and pair[0] < first_unit and linked[pair[0]] in companions
        ]
        others = [pair for pair in others if pair not in leading]
        return [entry for _link, entry in leading] + among_numbered(numbered, others, links_of)

    def linked_children(
        self,
        root: Folder,
        linked: list[str],
        folder_links: list[str],
        texts: dict[str, str],
        paths: list[str] | None = None,
    ) -> list[Chapter] | None:
        """Return the entries at the top of content/ in the order the README links them
        (`linked`, `folder_links`: split_by_links), then any folder with a page and numbered
        pages it does not link (the others are outside), or None when it links to none.

        A folder with no page is titled by the text of the README's link to it (`texts`,
        first_links), as the README names it: "Introduction to HTML" for `step1-01/`.
        `paths` (link_paths) are the README's links in its lists and tables, for the pages it
        lists in folders with no page (split_by_links)."""
        chosen, others = split_by_links(root, linked, folder_links, paths)
        if not chosen:
            return None
        for _place, item in others:
            if isinstance(item, Folder) and item.page and has_numbers(item):
                chosen.append((None, item))  # numbered lessons the README forgot: after it
            elif isinstance(item, Folder):
                self.set_outside(item)
            else:
                self.outside.append(outside_entry(item))
        entries = [
            self.folder_entry(item, (position,))
            if isinstance(item, Folder)
            else page_entry(item, (position,))
            for position, (_name, item) in enumerate(chosen, start=1)
        ]
        for entry, (_place, item) in zip(entries, chosen, strict=True):
            if entry is not None and entry.listing:
                entry.title = texts.get(item.path + "/") or texts.get(item.path) or entry.title
        return [entry for entry in entries if entry is not None]

    def part_entry(self, folder: Folder) -> Chapter:
        """Return the entry of an unnumbered folder inside a unit (`4-typing-game/typing-game/`),
        with its children: its page links to it, or it holds numbered lessons."""
        return self.with_children(page_entry(folder.page, None), folder)

    def with_children(self, entry: Chapter, folder: Folder) -> Chapter:
        """Return `entry` holding the entries in `folder` as its children."""
        entry.children = self.children(folder)
        for child in entry.children:
            child.parent = entry
        return entry

    def folder_entry(self, folder: Folder, numbers: tuple[int, ...] | None) -> Chapter | None:
        """Return a numbered folder's entry, with its children; an unnumbered one is outside."""
        if numbers is None:
            self.set_outside(folder)
            return None
        entry = self.with_children(
            listing_entry(folder, numbers)
            if folder.page is None
            else page_entry(folder.page, numbers),
            folder,
        )
        if entry.listing and not entry.children:  # nothing to list: no page to make
            self.problems.append(
                f"content/{folder.path}/: a numbered folder with no page and no lesson:"
                f" add content/{folder.path}/README.md"
            )
            self.set_outside(folder, with_page=False)
            return None
        return listed(entry) if entry.listing else entry

    def part_of_course(self, folder: Folder) -> Chapter:
        """Return the entry of a part of the course (syllabus_folder), listing its entries."""
        return listed(self.with_children(listing_entry(folder, None), folder))

    def set_outside(self, folder: Folder, with_page: bool = True) -> None:
        """Put every page under `folder` outside the syllabus."""
        if with_page and folder.page is not None:
            self.outside.append(outside_entry(folder.page))
        self.outside.extend(outside_entry(page) for page in folder.files)
        for sub in folder.folders.values():
            self.set_outside(sub)

    def set_outside_around(self, folder: Folder, syllabus: Folder) -> None:
        """Put every page under `folder` outside the syllabus, but those `syllabus` numbers."""
        self.outside.extend(outside_entry(page) for page in folder.files)
        for sub in folder.folders.values():
            if sub is syllabus or syllabus.path.startswith(sub.path + "/"):
                if sub.page is not None:
                    self.outside.append(outside_entry(sub.page))
                if sub is not syllabus:
                    self.set_outside_around(sub, syllabus)
            else:
                self.set_outside(sub)

    def report_same_numbers(self, folder: Folder, numbered: list[Chapter], units: set[int]) -> None:
        """Add a problem for two entries of one folder with the same number, one of them a
        folder (in `units`, by id) of numbered lessons: their numbers would be the other's.

        Lessons may share one: a lesson split in parts (Python-100-Days' `62.Fetch-1.md`,
        `62.Parse-2.md`) is in name order, as GitHub lists it, each part labelled 62; and so
        may folders with no numbered lessons (Practical_RL's `week04_[recap]_deep_learning/`
        and `week04_approx_rl/`, each a README)."""

        def with_lessons(entry: Chapter) -> bool:
            return id(entry) in units and any(map(is_numbered, entry.children))

        for first, second in zip(numbered, numbered[1:], strict=False):
            if first.rank == second.rank and (with_lessons(first) or with_lessons(second)):
                where = f"content/{folder.path}/" if folder.path else "content/"
                shown = ".".join(str(number) for number in first.place) + first.letter
                self.problems.append(
                    f"{first.source} and {second.source} are both number {shown}"
                    f" in {where}: give each its own number"
                )


def merge_top_level(top: list[Chapter], units: list[Chapter], problems: list[str]) -> list[Chapter]:
    """Return Pelican chapters and top-level units in number order, reporting shared numbers.

    A unit written with an upcoming chapter's number replaces the announcement.
    """
    written = {unit.number for unit in units}
    top = [entry for entry in top if not (entry.is_upcoming and entry.number in written)]
    by_place = {entry.rank: entry for entry in top if entry.number is not None}
    for unit in units:
        earlier = by_place.get(unit.rank)
        if earlier is not None and unit.number is not None and earlier.source:
            problems.append(
                f"{earlier.source} and {unit.source} are both number {unit.number}:"
                " give each its own number"
            )
    if not top:
        return units  # in their order already, unnumbered ones where the README lists them
    if all(entry.source is None for entry in top):  # chapters announced, none written
        return announced_among(top, units)
    numbered = [entry for entry in top + units if entry.number is not None and entry.number >= 0]
    unnumbered = [entry for entry in top + units if entry not in numbered]
    return sorted(numbered, key=lambda entry: entry.rank) + unnumbered


def announced_among(announced: list[Chapter], units: list[Chapter]) -> list[Chapter]:
    """Return the units in their order, each chapter announced (UPCOMING_CHAPTERS) placed by its
    number: after the last numbered entry before it, else before the first numbered one.

    The pages a README, SUMMARY.md or table of contents places without a number keep their
    places (an introduction stays first, a glossary last).
    """

    def numbered(entry: Chapter) -> bool:
        return entry.number is not None and entry.number >= 0

    tree = list(units)
    for entry in sorted(announced, key=lambda entry: entry.rank):
        before = [index for index, unit in enumerate(tree) if numbered(unit)]
        earlier = [index for index in before if tree[index].rank < entry.rank]
        place = earlier[-1] + 1 if earlier else (before[0] if before else len(tree))
        tree.insert(place, entry)
    return tree


# A unit's name numbered after one of these words: `unit0/`, `week_1_docker/`, `Module01/`.
WORD_NUMBERED = re.compile(rf"^({PART_WORDS})[-_ ]?\d", re.IGNORECASE)
LESSON_WORD = "Lesson"


def levels_named(tree: list[Chapter]) -> tuple[str, ...] | None:
    """Return the labels' words where the names of all the numbered units (two or more) are
    numbered after one word other than "chapter" (`unit0/` to `unit4/`): "Unit 0", and
    "Lesson 0.1" under it; else None.

    diffusion-models-class's `unit0/` was "Chapter 0" beside its units titled "Unit 1: ...",
    as a zoomcamp's `week_1_docker/` was "Chapter 1".
    """
    words = set()
    for entry in tree:
        if entry.part or entry.number is None or entry.source is None:
            continue  # a book's part, an unnumbered page, an upcoming chapter
        path = entry.source.removeprefix("content/").rstrip("/")
        name = posixpath.basename(path)
        if is_folder_page(path):
            name = posixpath.basename(posixpath.dirname(path))
        found = WORD_NUMBERED.match(name)
        if found is None:
            return None
        words.add(found[1].lower())
    if len(words) != 1 or sum(entry.number is not None for entry in tree) < 2:
        return None
    word = words.pop().capitalize()
    if word == DEFAULT_LEVELS[0]:
        return None
    return (word,) if word == LESSON_WORD else (word, LESSON_WORD)


def label(
    entry: Chapter, numbers: tuple[int, ...], levels: tuple[str, ...], deeper: int = 0
) -> None:
    """Label an entry and its children: "Unit 1", "Lesson 1.2"; no label without a number.

    `deeper` counts the levels above `numbers` that its labels leave out: a lesson of a
    course whose lessons are numbered across units is "Lesson 5", not "Lesson 2.5".
    """
    if entry.part:  # a book's part: its chapters carry the book's numbers
        for child in entry.children:
            label(child, numbers, levels, deeper)
        return
    # The unit's own numbers: the end of `numbers` (`2.1` is chapter 1 of a book numbered 2).
    unit = entry.parent.place if entry.parent is not None and entry.parent.place else numbers
    # Lessons numbered on their own (`01-`, `02-`) beside one with the unit's number make
    # that one a lesson, and `05.1-` its part: OWASP/wstg's unit 4.5 has `01-` to `05-`,
    # then `05.1-` and `05.2-`, its 4.5.5.1 and 4.5.5.2 (they were 4.5.1 and 4.5.2, twice).
    own_numbers = any(
        is_numbered(sibling) and len(sibling.place) == len(unit) and sibling.place != unit
        for sibling in siblings(entry)
    )
    preface = not own_numbers and any(
        len(sibling.place) > len(unit) and sibling.place[: len(unit)] == unit
        for sibling in siblings(entry)
    )
    if numbers and entry.place == unit and preface:
        # The unit's own number beside lessons numbered within it is its preface
        # (AI-System's `第2章/2-前言.md` beside `2.1-概念.md`), not a lesson "2.2".
        pass
    elif entry.number is not None and entry.number >= 0:
        # A dotted name that repeats its unit's number is whole: `3.0/` in `03-orchestration/`
        # is 3.0 (not 3.3.0), as Security-101's `1.2 Threats.md` is 1.2 at the top, and
        # `1.1-历史.md` in a book's `第1章/` is its 1.1.
        whole = (
            not own_numbers and len(entry.place) > len(unit) and entry.place[: len(unit)] == unit
        )
        above = numbers[: len(numbers) - len(unit)]
        numbers = (*above, *entry.place) if whole and numbers else (*numbers, *entry.place)
        entry.numbering = ".".join(str(number) for number in numbers) + entry.letter
        entry.label = f"{levels[min(len(numbers) + deeper, len(levels)) - 1]} {entry.numbering}"
    elif not numbers or any(
        is_numbered(sibling) or any(map(is_numbered, sibling.children))
        for sibling in siblings(entry)
    ):
        # The lessons of an unnumbered entry would take numbers others have: those of the
        # units beside it at the top ("Unit 1" under a workshop), of its unit's own
        # lessons (edgeai-for-beginners' Module08/samples/01/ was a second "8.1"), or of
        # another such entry's (the zoomcamp's 1-intro/docker/ and 1-intro/terraform/ both
        # had a lesson 1.1).
        return
    for child in entry.children:
        label(child, numbers, levels, deeper)


def mark_shared_title_numbers(entries: list[Chapter]) -> None:
    """Mark the entries side by side whose titles start with one number: it is no one's own."""
    numbers = [title_number(entry.title) for entry in entries]
    counted = Counter(numbers)
    for entry, number in zip(entries, numbers, strict=True):
        entry.title_number_shared = number is not None and counted[number] > 1


def is_numbered(entry: Chapter) -> bool:
    """True for an entry with a number of its own (not an unnumbered part or page)."""
    return entry.number is not None and entry.number >= 0


def siblings(entry: Chapter) -> list[Chapter]:
    """Return the entries beside `entry` in its unit (none for a top-level entry)."""
    return [] if entry.parent is None else [c for c in entry.parent.children if c is not entry]


def lessons_numbered_across(tree: list[Chapter]) -> bool:
    """True when units number their lessons on from one another, as Data-Science-For-
    Beginners does (unit 1's lessons are 1 to 4, unit 2's 5 to 8): each unit's first
    lesson comes right after the last of the unit before it (or after the end of its
    range: Python-100-Days' `Day31-35/` ends with `34-35.玩转Linux操作系统.md`). Asked only
    where lessons do not all repeat their units' numbers (lessons_repeat_units)."""
    numbered = [
        [child for child in unit.children if child.number is not None and child.number >= 0]
        for unit in tree
        if not unit.part  # a book's part holds chapters numbered as the book's, not lessons
    ]
    numbered = [lessons for lessons in numbered if lessons]
    every = [lesson.number for lessons in numbered for lesson in lessons]
    follows = all(
        later[0].number == (name_range_end(entry_name(sooner[-1])) or sooner[-1].number) + 1
        for sooner, later in zip(numbered, numbered[1:], strict=False)
    )
    return len(numbered) > 1 and follows and every == sorted(every)


def lessons_repeat_units(tree: list[Chapter]) -> bool:
    """True when two units or more have numbered lessons and every one's number is its
    unit's own (easy-rl's `chapter2/chapter2_questions.md`, AI-System's `第2章/2.1-概念.md`)."""
    lessons = [
        (lesson, unit)
        for unit in tree
        if not unit.part
        for lesson in unit.children
        if is_numbered(lesson)
    ]
    units = {id(unit) for _lesson, unit in lessons}
    return len(units) > 1 and all(lesson.number == unit.number for lesson, unit in lessons)


def entry_name(entry: Chapter) -> str:
    """Return the name of an entry's file, or of its folder for a folder's page."""
    folder, name = posixpath.split(entry.source or "")
    return posixpath.basename(folder) if is_folder_page(name) else name


def reading_order(entry: Chapter) -> list[Chapter]:
    """Return an entry and everything under it, in reading order."""
    return [entry, *(found for child in entry.children for found in reading_order(child))]
