"""A Jupyter Book's table of contents, read as a book's SUMMARY.md (chapters.book).

A Jupyter Book (QuantEcon's lectures, the Turing Way) lists its chapters in `_toc.yml`
(Jupyter Book 1: `root: intro`, then `chapters:`, or `parts:` each with a `caption:`
and its `chapters:`; a chapter's `sections:` below it; before 0.11, a list whose first
entry is the landing page) or in `myst.yml`'s
`project: toc:` (Jupyter Book 2 and MyST: `file:`, or a `title:` over `children:`).
Files are named from the table's folder, with or without their suffix; `glob:` and
`pattern:` name several, in the order of their names. The syllabus follows it: its
order, its nesting, its parts' captions, and its titles where it gives one. Numbered
only where it asks (`numbered: true`), as Jupyter Book numbers.

Notebooks (`.ipynb`) and reStructuredText are not read: said in one line, with their
count. A file it names that is not there is a problem at its line.
"""

import fnmatch
import os
import posixpath

from courselib.pages import is_markdown
from courselib.yaml_files import fields, items, place, read_yaml, text

from .book import SUMMARY_PATHS, Place, Summary
from .folders import is_repositorys_own

TOC_NAMES = ("_toc.yml", "myst.yml")
# What a Jupyter Book's chapter may be written in, looked for in this order where its
# name has no suffix; only Markdown is read.
SOURCE_SUFFIXES = (".md", ".ipynb", ".rst", ".myst.md", ".markdown", ".Rmd", ".py")
TRUE = frozenset({"true", "yes", "on"})
# Sections in sections, and entries in all: no book has more.
MOST_NESTED = 20
MOST_ENTRIES = 20_000


def jupyter_book_toc(content_root: str) -> str | None:
    """Return where content/ keeps a Jupyter Book's table of contents, `_toc.yml` (or its
    `myst.yml` with a `toc:`), at its top or up to two folders down, as a path from content/; None
    where it has none, or has a SUMMARY.md (SUMMARY_PATHS), which the syllabus follows."""
    if any(os.path.isfile(os.path.join(content_root, path)) for path in SUMMARY_PATHS):
        return None
    try:
        folders = sorted(entry.name for entry in os.scandir(content_root) if entry.is_dir())
    except OSError:
        return None
    folders = [name for name in folders if not name.startswith(".")]
    # Two folders down too: the Turing Way keeps its book in `book/website/`.
    deeper = [
        posixpath.join(folder, name)
        for folder in folders
        for name in subfolders(content_root, folder)
    ]
    for folder in ["", *folders, *deeper]:
        if os.path.isfile(os.path.join(content_root, folder, "_toc.yml")):
            return posixpath.join(folder, "_toc.yml")
        myst = os.path.join(content_root, folder, "myst.yml")
        try:
            with open(myst, encoding="utf-8", errors="replace") as file:
                if any(line.strip() == "toc:" for line in file):
                    return posixpath.join(folder, "myst.yml")
        except OSError:
            continue
    return None


def subfolders(content_root: str, folder: str) -> list[str]:
    """Return the names of a folder's subfolders (hidden ones aside), in order."""
    try:
        found = os.scandir(os.path.join(content_root, folder))
        return sorted(e.name for e in found if e.is_dir() and not e.name.startswith("."))
    except OSError:
        return []


class TocReader:
    """Reads one table of contents into a SUMMARY's places, with the problems it finds."""

    def __init__(self, content_root: str, toc: str) -> None:
        self.content_root = content_root
        self.toc = toc
        self.shown = f"content/{toc}"
        self.book = posixpath.dirname(toc)
        self.places: dict[str, Place] = {}
        self.problems: list[str] = []
        self.not_read: list[str] = []  # notebooks and reStructuredText, by path
        self.entries_read = 0
        self.cut_short = False  # and said so

    def read(self) -> Summary | None:
        """Return the table as a book's summary, or None where it lists no Markdown page."""
        otherwise = "the syllabus comes from the files' names and the README's links"
        top_node = read_yaml(self.full(self.toc), self.shown, self.problems, otherwise)
        top = fields(top_node)
        if posixpath.basename(self.toc) == "_toc.yml" and items(top_node):
            self.list_form(items(top_node))
        elif posixpath.basename(self.toc) == "myst.yml":
            project = fields(top.get("project"))
            numbered = text(project.get("numbering")) in TRUE
            self.entries(items(project.get("toc")), None, None, numbered)
        else:
            # `defaults:` or `options:` (a book without parts) may number every chapter.
            numbered = any(
                is_true(fields(top.get(key)).get("numbered")) for key in ("defaults", "options")
            )
            landing = top.get("root")
            if text(landing):
                self.add_file(landing, None, None, False, "")
            for part in items(top.get("parts")):
                part_fields = fields(part)
                caption = text(part_fields.get("caption"))
                options = fields(part_fields.get("options"))
                in_numbers = numbered or is_true(
                    part_fields.get("numbered") or options.get("numbered")
                )
                self.entries(items(part_fields.get("chapters")), None, caption, in_numbers)
            chapters = items(top.get("chapters")) or items(top.get("sections"))
            self.entries(chapters, None, None, numbered)
        if self.not_read:
            count = len(self.not_read)
            self.problems.append(
                f"{self.shown}: {count} of its chapters are notebooks (.ipynb), R Markdown,"
                " scripts or reStructuredText, which the build does not read: left out of"
                " the syllabus"
                f" ({', '.join(f'content/{path}' for path in self.not_read[:3])}"
                f"{' ...' if count > 3 else ''})"
            )
        if not self.places:
            return None
        return Summary("", self.toc, self.places)

    def list_form(self, nodes: list) -> None:
        """Place the entries of a table as Jupyter Book wrote it before 0.11: a list, its
        first entry the landing page (`numbered: true` there numbers the whole book), each
        `- part:` a caption over its `chapters:`, and before 0.8 each `- header:` a caption
        over the entries after it."""
        landing = fields(nodes[0])
        numbered = is_true(landing.get("numbered"))
        if "file" in landing:
            self.add_file(landing["file"], None, None, False, text(landing.get("title")) or "")
            nodes = nodes[1:]
        caption = None
        for node in nodes:
            entry = fields(node)
            if "part" in entry:
                own = numbered or is_true(entry.get("numbered"))
                self.entries(items(entry.get("chapters")), None, text(entry["part"]), own)
            elif "header" in entry:
                caption = text(entry["header"])
            else:
                self.entries([node], None, caption, numbered)

    def entries(
        self, nodes: list, parent: str | None, part: str | None, numbered: bool, depth: int = 0
    ) -> None:
        """Place the entries of one list of the table, under `parent` (a page) or a part.

        No deeper than MOST_NESTED, and no more than MOST_ENTRIES in all: YAML's aliases
        may make a list hold itself, once or twice at every level."""
        if depth > MOST_NESTED or self.entries_read > MOST_ENTRIES:
            if not self.cut_short:
                self.problems.append(
                    f"{self.shown}: nested over {MOST_NESTED} deep, or over"
                    f" {MOST_ENTRIES:,} entries: not read further"
                )
            self.cut_short = True
            return
        for node in nodes:
            self.entries_read += 1
            entry = fields(node)
            title = text(entry.get("title")) or ""
            children = items(entry.get("sections")) or items(entry.get("children"))
            own = numbered or is_true(entry.get("numbered"))
            if "file" in entry:
                path = self.add_file(entry["file"], parent, part, own, title)
                self.entries(children, path or parent, part, own, depth + 1)
            elif "glob" in entry or "pattern" in entry:
                for path in self.matching(entry.get("glob") or entry.get("pattern")):
                    self.place(path, parent, part, own, "")
            elif children and parent is None:  # MyST's part: a title over its chapters
                self.entries(children, None, title or part, own, depth + 1)
            elif children:
                self.entries(children, parent, part, own, depth + 1)
            # `url:` is a link to another site: no page of the book.

    def add_file(self, node, parent: str | None, part: str | None, numbered: bool, title: str):
        """Place the file a `file:` names; return its path from content/, or None."""
        written = text(node)
        if written is None:
            self.problems.append(f"{place(self.shown, node)}: a chapter's file is a path")
            return None
        path = posixpath.normpath(posixpath.join(self.book, written.lstrip("/")))
        found = self.source_of(path)
        if found is None:
            self.problems.append(
                f"{place(self.shown, node)}: {written!r} names no file in"
                f" content/{self.book + '/' if self.book else ''}: it has no place in the syllabus"
            )
        elif not is_markdown(found):
            self.not_read.append(found)
            return None
        else:
            self.place(found, parent, part, numbered, title)
        return found

    def place(self, path: str, parent: str | None, part: str | None, numbered: bool, title: str):
        if path not in self.places:
            self.places[path] = Place(parent, numbered, title, part if parent is None else None)

    def source_of(self, path: str) -> str | None:
        """Return the file a chapter's path names (its suffix given or not), or None."""
        if path.startswith("../") or path == "..":
            return None
        suffixes = ("",) if posixpath.splitext(path)[1] in SOURCE_SUFFIXES else SOURCE_SUFFIXES
        return next(
            (path + suffix for suffix in suffixes if os.path.isfile(self.full(path + suffix))),
            None,
        )

    def matching(self, node) -> list[str]:
        """Return the Markdown files a `glob:` pattern names, from the table's folder."""
        pattern = text(node)
        if pattern is None:
            return []
        pattern = posixpath.normpath(posixpath.join(self.book, pattern))
        found = []
        for folder, subfolders, files in os.walk(self.full(self.book)):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            relative = os.path.relpath(folder, self.content_root).replace(os.sep, "/")
            for name in filter(is_markdown, files):
                path = posixpath.normpath(posixpath.join(relative, name))
                without_suffix = posixpath.splitext(path)[0]  # as Jupyter Book writes them
                if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(
                    without_suffix, pattern
                ):
                    found.append(path)
        return sorted(found)

    def full(self, path: str) -> str:
        return os.path.join(self.content_root, path)


def is_true(node) -> bool:
    """True for a YAML `true` (or yes, on), or a depth to number to (`numbered: 2`)."""
    written = (text(node) or "").lower()
    return written in TRUE or (written.isdigit() and int(written) > 0)


def jupyter_book_contents(content_root: str) -> tuple[Summary | None, list[str]]:
    """Return the Jupyter Book's table of contents in content/ as a book's summary (None
    where there is none, or it lists no Markdown page), and the problems reading it.

    A table that lists fewer than half the course's pages is a book kept beside the course
    (notes in `extras/notes/`), not its syllabus: the folders' rules then apply, as said."""
    toc = jupyter_book_toc(content_root)
    if toc is None:
        return None, []
    reader = TocReader(content_root, toc)
    summary = reader.read()
    pages = course_pages(content_root)
    if summary is not None and len(summary.places) * 2 < pages:
        reader.problems.append(
            f"content/{toc}: a Jupyter Book's table of contents listing {len(summary.places)}"
            f" of the course's {pages} pages: read as a book beside the course, not as its"
            " syllabus, which follows the folders"
        )
        summary = None
    return summary, reader.problems


def course_pages(content_root: str) -> int:
    """Return how many Markdown pages content/ holds, the repository's own files (LICENSE.md)
    and hidden folders aside."""
    count = 0
    for _folder, subfolders, files in os.walk(content_root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        count += sum(is_markdown(name) and not is_repositorys_own(name) for name in files)
    return count
