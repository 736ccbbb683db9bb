"""Lessons kept for the Carpentries' Workbench (sandpaper), read as the Workbench builds them.

A Workbench lesson keeps `config.yaml` beside `episodes/` (and `learners/`,
`instructors/`, `profiles/`, an `index.md` and a `links.md`). The config lists the
episodes in their order; a lesson lists none where they are in the order of their
names. The Workbench builds one flat site: every page of those folders and the
lesson's `index.md` at its top, their `fig/`, `data/` and `files/` merged, and
`links.md` (reference links: `[setup]: ../learners/setup.md`) appended to every page.

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
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from .pages import is_markdown

CONFIG = "config.yaml"
LINKS = "links.md"
EPISODES = "episodes"
# The folders of pages the Workbench publishes at the top of its site, in the order it
# copies them (their fig/, data/ and files/ are merged into one of each).
PAGE_FOLDERS = (EPISODES, "learners", "instructors", "profiles")
SITE_PAGE_SUFFIXES = (".html", ".htm")
# A config larger than this is no lesson's (they are 2 KB): not read.
MOST_CONFIG_BYTES = 1_000_000
# R Markdown episodes, run by knitr before the Workbench renders them.
R_MARKDOWN = (".rmd",)


def lesson_root(
    folder: str, is_file: Callable[[str], bool], is_folder: Callable[[str], bool]
) -> str | None:
    """Return the Workbench lesson (its folder, from content/) whose page a Markdown file in
    content/`folder` is: the lesson's own folder or one of its PAGE_FOLDERS; None if none."""
    roots = [folder]
    parent, name = posixpath.split(folder)
    if name in PAGE_FOLDERS:
        roots.append(parent)
    for root in roots:
        if is_file(posixpath.join(root, CONFIG)) and is_folder(posixpath.join(root, EPISODES)):
            return root
    return None


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
    written: str, folder: str, is_file: Callable[[str], bool], is_folder: Callable[[str], bool]
) -> str | None:
    """Return the file (from content/) the Workbench's site finds at a relative path written
    in a Markdown file of content/`folder`; None where the file is no lesson's page, or
    the site has no such file."""
    root = lesson_root(folder, is_file, is_folder)
    if root is None or written.startswith("/"):
        return None
    return next((path for path in flat_paths(written, root) if is_file(path)), None)


@dataclass
class Lesson:
    """A Workbench lesson: its folder from content/, its title and its episodes in order."""

    root: str
    title: str = ""
    # Each episode's Markdown file from content/, in the syllabus's order.
    episodes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each, at config.yaml's line

    @property
    def config(self) -> str:
        return posixpath.join(self.root, CONFIG)


def read_lesson(content_root: str, root: str) -> Lesson | None:
    """Return the Workbench lesson at content/`root`, or None where it is none (no
    config.yaml beside an episodes/ folder).

    Its episodes are those config.yaml lists (`episodes: [intro.md, ...]`) that are
    Markdown files in episodes/, else, where it lists none, every Markdown file there in
    the order of their names, as the Workbench takes them. A config that cannot be read,
    or an episode it lists that is missing or in R Markdown, is a problem at its line.
    """
    folder = os.path.join(content_root, root)
    episodes_folder = os.path.join(folder, EPISODES)
    config_path = os.path.join(folder, CONFIG)
    if not os.path.isfile(config_path) or not os.path.isdir(episodes_folder):
        return None
    lesson = Lesson(root)
    shown = f"content/{lesson.config}"
    config = read_config(config_path, shown, lesson.problems)
    title = config.get("title")
    lesson.title = title[0].strip() if title and isinstance(title[0], str) else ""
    try:
        present = sorted(name for name in os.listdir(episodes_folder) if is_markdown(name))
    except OSError:
        present = []
    listed = config.get(EPISODES)
    if not listed or not isinstance(listed[0], list) or not listed[0]:
        lesson.episodes = [posixpath.join(root, EPISODES, name) for name in present]
        return lesson
    r_markdown = []
    for name, line, column in listed[0]:
        path = posixpath.join(root, EPISODES, name)
        if name in present:
            lesson.episodes.append(path)
        elif posixpath.splitext(name)[1].lower() in R_MARKDOWN:
            r_markdown.append((name, line, column))
        else:
            lesson.problems.append(
                f"{shown}:{line}:{column}: episode {name!r} is not a Markdown file in"
                f" content/{posixpath.join(root, EPISODES)}/: it has no place in the syllabus"
            )
    if r_markdown:
        name, line, column = r_markdown[0]
        more = f" and {len(r_markdown) - 1} more" if len(r_markdown) > 1 else ""
        lesson.problems.append(
            f"{shown}:{line}:{column}: episode {name!r}{more} in R Markdown, which the build"
            " does not read (knitr runs its R code first): left out of the syllabus; keep"
            " the Markdown it makes (.md) in episodes/ to build it"
        )
    return lesson


def read_config(path: str, shown: str, problems: list[str]) -> dict[str, tuple]:
    """Return what a lesson's config.yaml gives of its title and episodes: {"title": (text,
    line, column)}, {"episodes": ([(name, line, column), ...], line, column)}.

    Read as YAML nodes (safe: no object is made, an alias is the node it names), for each
    episode's line; what is not as the Workbench writes it is a problem, or left aside.
    """
    try:
        if os.path.getsize(path) > MOST_CONFIG_BYTES:
            problems.append(f"{shown}: over 1 MB, not read as a lesson's config")
            return {}
        with open(path, "rb") as file:
            text = file.read().decode("utf-8-sig")
        top = yaml.compose(text, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{shown}: cannot be read ({error}): the syllabus follows the names")
        return {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).split("\n")[0]
        problems.append(f"{shown}{where}: not YAML ({reason}): the syllabus follows the names")
        return {}
    except RecursionError:
        problems.append(f"{shown}: nested too deep to read: the syllabus follows the names")
        return {}
    found: dict[str, tuple] = {}
    if not isinstance(top, yaml.MappingNode):
        return found
    for key, value in top.value:
        at = (value.start_mark.line + 1, value.start_mark.column + 1)
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.value == "title" and isinstance(value, yaml.ScalarNode):
            found["title"] = (value.value, *at)
        elif key.value == EPISODES and isinstance(value, yaml.SequenceNode):
            names = []
            for item in value.value:
                line, column = item.start_mark.line + 1, item.start_mark.column + 1
                if isinstance(item, yaml.ScalarNode) and item.value.strip():
                    names.append((item.value.strip(), line, column))
                else:
                    problems.append(f"{shown}:{line}:{column}: an episode is a file's name")
            found[EPISODES] = (names, *at)
    return found


def lessons_in(content_root: str) -> list[Lesson]:
    """Return the Workbench lessons of content/: itself, or else each folder at its top that
    is one (a workshop of lessons), in the order of their names."""
    top = read_lesson(content_root, "")
    if top is not None:
        return [top]
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(content_root)
            if entry.is_dir() and not entry.name.startswith(".")
        )
    except OSError:
        return []
    return [lesson for name in names if (lesson := read_lesson(content_root, name)) is not None]
