"""Lessons kept for the Carpentries' Workbench (sandpaper), read as the Workbench builds them.

A Workbench lesson keeps `config.yaml` beside `episodes/` (and `learners/`,
`instructors/`, `profiles/`, an `index.md` and a `links.md`). The config lists the
episodes (and the other folders' pages) in their order; where it lists none, the
Workbench takes them in the order of their names. It builds one flat site: every page
of those folders and the lesson's `index.md` at its top, their `fig/`, `data/` and
`files/` merged, and `links.md` (reference links: `[setup]: ../learners/setup.md`)
appended to every page.

Its authors write links for that site, and its filter (`flatten_links` in sandpaper's
lesson.lua) reads them so: a first `../` and a first page folder are dropped, what is
left is looked up at the top (`fig/x.png` from `learners/` is `episodes/fig/x.png`;
`icebreakers.md` from `episodes/` is `instructors/icebreakers.md`). On GitHub those
links name no file; here a link that names none is read as the Workbench reads it.
GitHub Pages serves the site, where `17-live` is the page `17-live.html`: such a link
leads to `17-live.md` too.
"""

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .cached_products.page_rewrites import file_stamp
from .pages import is_markdown
from .paths import shown_path
from .yaml_files import fields, items, place, read_yaml, text

CONFIG = "config.yaml"
LINKS = "links.md"
EPISODES = "episodes"
# The folders of pages the Workbench publishes at the top of its site, in the order it
# copies them (their fig/, data/ and files/ are merged into one of each).
PAGE_FOLDERS = (EPISODES, "learners", "instructors", "profiles")
SITE_PAGE_SUFFIXES = (".html", ".htm")
# What is read of a config.yaml to tell whether it is a Workbench lesson's (they are 2 KB).
MOST_CONFIG_CHARACTERS = 100_000
# A links.md larger than this is no lesson's list of links (they are 5 KB): not appended.
MOST_LINKS_CHARACTERS = 1_000_000
# R Markdown episodes, run by knitr before the Workbench renders them.
R_MARKDOWN = (".rmd",)


def lesson_root(folder: str, content_root: str) -> str | None:
    """Return the Workbench lesson (its folder, from content/) whose page a Markdown file in
    content/`folder` is: the lesson's own folder or one of its PAGE_FOLDERS; None if none."""
    roots = [folder]
    parent, name = posixpath.split(folder)
    if name in PAGE_FOLDERS:
        roots.append(parent)
    return next((root for root in roots if is_lesson(os.path.join(content_root, root))), None)


def is_lesson(folder: str) -> bool:
    """True for a Workbench lesson's folder: an episodes/ folder beside a config.yaml that
    is the Workbench's (it names the `carpentry` or lists `episodes`; another tool's
    config.yaml beside a folder of that name makes no lesson)."""
    config = os.path.join(folder, CONFIG)
    if not os.path.isdir(os.path.join(folder, EPISODES)):
        return False
    try:
        status = os.stat(config)
    except OSError:
        return False
    return is_workbench_config(config, status.st_mtime_ns, status.st_size)


# The keys only a Workbench lesson's config.yaml has at its top.
WORKBENCH_KEYS = re.compile(r"^(?:carpentry|episodes|learners|instructors|profiles):", re.M)


@lru_cache(maxsize=64)
def is_workbench_config(path: str, modified: int, size: int) -> bool:
    """True when the config.yaml at `path` (as of its stamp) is a Workbench lesson's."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as file:
            return WORKBENCH_KEYS.search(file.read(MOST_CONFIG_CHARACTERS)) is not None
    except OSError:
        return False


def flat_paths(written: str, root: str) -> list[str]:
    """Return the paths from content/ the Workbench's site may find at a relative path
    written in a page of the lesson at content/`root`, first found first; [] for a path
    that leaves the lesson's site."""
    path = written.removeprefix("../")
    first, _, rest = path.partition("/")
    if first in PAGE_FOLDERS and rest:
        path = rest
    path = posixpath.normpath(path)
    if path.startswith("../") or path in ("..", ".") or path.startswith("/"):
        return []
    names = [path]
    stem, suffix = posixpath.splitext(path)
    if not suffix:
        names.append(f"{path}.md")  # `17-live`, served by GitHub Pages as 17-live.html
    elif suffix.lower() in SITE_PAGE_SUFFIXES:
        names.append(f"{stem}.md")
    return [
        posixpath.normpath(posixpath.join(root, folder, name))
        for name in names
        for folder in (*PAGE_FOLDERS, "")
    ]


def flat_target(
    written: str, folder: str, content_root: str, is_file: Callable[[str], bool]
) -> str | None:
    """Return the file (from content/) the Workbench's site finds at a relative path written
    in a Markdown file of content/`folder`; None where the file is no lesson's page, or
    the site has no such file."""
    root = lesson_root(folder, content_root)
    if root is None or written.startswith("/"):
        return None
    return next((path for path in flat_paths(written, root) if is_file(path)), None)


@dataclass
class Lesson:
    """A Workbench lesson: its folder from content/, its title and its pages in order."""

    root: str
    title: str = ""
    # Each folder of pages (PAGE_FOLDERS) -> its Markdown files from content/, in order.
    pages: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, at config.yaml's line

    @property
    def config(self) -> str:
        return posixpath.join(self.root, CONFIG)

    @property
    def episodes(self) -> list[str]:
        return self.pages.get(EPISODES, [])


# How a problem names a page of each folder.
PAGE_WORDS = {
    EPISODES: "episode",
    "learners": "learners' page",
    "instructors": "instructors' page",
    "profiles": "profile",
}


def read_lesson(content_root: str, root: str) -> Lesson | None:
    """Return the Workbench lesson at content/`root`, or None where it is none (no
    config.yaml beside an episodes/ folder).

    Its episodes (and learners', instructors' and profile pages) are those config.yaml
    lists (`episodes: [intro.md, ...]`) that are Markdown files in their folder, else,
    where it lists none, every Markdown file there in the order of their names, as the
    Workbench takes them. A config that cannot be read, or a page it lists that is
    missing or in R Markdown, is a problem at its line.
    """
    folder = os.path.join(content_root, root)
    config_path = os.path.join(folder, CONFIG)
    if not is_lesson(folder):
        return None
    lesson = Lesson(root)
    shown = f"content/{lesson.config}"
    otherwise = "the pages are taken in the order of their names"
    config = fields(read_yaml(config_path, shown, lesson.problems, otherwise))
    lesson.title = text(config.get("title")) or ""
    for name in PAGE_FOLDERS:
        lesson.pages[name] = listed_pages(lesson, name, config.get(name), content_root)
    return lesson


def listed_pages(lesson: Lesson, folder: str, listing, content_root: str) -> list[str]:
    """Return the pages of one folder of a lesson (from content/) in the order its config's
    `listing` gives, else in the order of their names; problems go to the lesson's."""
    shown, word = f"content/{lesson.config}", PAGE_WORDS[folder]
    try:
        path = os.path.join(content_root, lesson.root, folder)
        present = sorted(name for name in os.listdir(path) if is_markdown(name))
    except OSError:
        present = []
    listed = [(text(item), item) for item in items(listing)]
    unnamed = [item for name, item in listed if name is None]
    if unnamed:
        more = f" (and {len(unnamed) - 1} more)" if len(unnamed) > 1 else ""
        lesson.problems.append(f"{place(shown, unnamed[0])}: a page is a file's name{more}")
    listed = [(name, item) for name, item in listed if name is not None]
    if not listed:
        return [posixpath.join(lesson.root, folder, name) for name in present]
    pages, r_markdown = [], []
    for name, item in listed:
        if name in present:
            pages.append(posixpath.join(lesson.root, folder, name))
        elif posixpath.splitext(name)[1].lower() in R_MARKDOWN:
            r_markdown.append((name, item))
        else:
            lesson.problems.append(
                f"{place(shown, item)}: {word} {name!r} is not a Markdown file in"
                f" content/{posixpath.join(lesson.root, folder)}/: it has no place in the syllabus"
            )
    if r_markdown:
        (name, item), more = r_markdown[0], len(r_markdown) - 1
        lesson.problems.append(
            f"{place(shown, item)}: {word} {name!r}{f' and {more} more' if more else ''} in"
            " R Markdown, which the build does not read (knitr runs its R code first): left"
            f" out of the syllabus; keep the Markdown it makes (.md) in {folder}/ to build it"
        )
    return pages


def lessons_in(content_root: str) -> tuple[list[Lesson], str | None]:
    """Return the Workbench lessons of content/: itself, or else each folder at its top that
    is one (a workshop of lessons), in the order of their names; and a notice where such
    lessons stand among other folders of pages, whose lessons then follow the folders'
    rules (a syllabus of the lessons alone dropped the other units without a word)."""
    top = read_lesson(content_root, "")
    if top is not None:
        return [top], None
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(content_root)
            if entry.is_dir() and not entry.name.startswith(".")
        )
    except OSError:
        return [], None
    lessons, others = [], []
    for name in names:
        lesson = read_lesson(content_root, name)
        if lesson is not None:
            lessons.append(lesson)
        elif holds_markdown(os.path.join(content_root, name)):
            others.append(name)
    if not lessons or not others:
        return lessons, None
    shown = ", ".join(f"content/{lesson.root}/" for lesson in lessons[:3])
    return [], (
        f"{shown}: a Carpentries Workbench lesson beside folders of pages that are not"
        f" lessons (content/{others[0]}/): the syllabus follows the folders' rules, not the"
        " lesson's config.yaml, which orders it only where every folder at the top is a lesson"
    )


def holds_markdown(folder: str) -> bool:
    """True when a Markdown file is in `folder` or under it (hidden folders aside)."""
    for _root, subfolders, files in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        if any(is_markdown(name) for name in files):
            return True
    return False


class CommonLinks:
    """A Workbench lesson's links.md, which the Workbench appends to each of its pages: the
    reference links they share (`[lesson-setup]: ../learners/setup.md`)."""

    def __init__(self, lesson: str, content_root: str, body: str) -> None:
        self.path = posixpath.join(lesson, LINKS)
        full_path = os.path.join(content_root, self.path)
        self.stamp = file_stamp(full_path)
        self.shown = shown_path(full_path, content_root)
        self.page_lines = body.count("\n") + 2  # the page, then an empty line
        try:
            with open(full_path, encoding="utf-8-sig") as file:
                self.text = file.read(MOST_LINKS_CHARACTERS + 1)
        except (OSError, UnicodeDecodeError):
            self.text = ""  # none, or reported as any Markdown file is
        if len(self.text) > MOST_LINKS_CHARACTERS:
            self.text = ""  # no lesson's list of links
        self.text = self.text.replace("\r\n", "\n").replace("\r", "\n")

    def appended_to(self, body: str) -> str:
        """Return a page's Markdown with the links after it, on lines of their own."""
        return f"{body}\n\n{self.text}" if self.text else body

    def placed(self, problems: list[str], shown: str) -> list[str]:
        """Return problems told at the page's lines past its end at links.md's lines."""
        placed = []
        prefix = f"{shown}:"
        for problem in problems:
            line, _, rest = problem.removeprefix(prefix).partition(":")
            if problem.startswith(prefix) and line.isdigit() and int(line) > self.page_lines:
                problem = f"{self.shown}:{int(line) - self.page_lines}:{rest}"
            placed.append(problem)
        return placed


def page_links(source: str, content_root: str, text: str) -> "CommonLinks | None":
    """Return the links.md appended to content/`source` if it is a Workbench lesson's page
    (the page's `text` as read), else None."""
    lesson = lesson_root(posixpath.dirname(source), content_root)
    if lesson is None or source == posixpath.join(lesson, LINKS):
        return None
    return CommonLinks(lesson, content_root, text)


def on_disk(content_root: str, test: Callable[[str], bool]) -> Callable[[str], bool]:
    """Return `test` (os.path.isfile, say) of a path from content/."""
    return lambda path: test(os.path.join(content_root, path))
