"""mdBook's includes in code blocks: `{{#include ../listings/main.rs:here}}` shows that code.

A book kept for mdBook (rust-lang/book, async-book, comprehensive-rust) writes its listings
as files beside the text and includes them in its code blocks, whole, by lines (`file:2`,
`file::10`, `file:2:`, `file:2:10`) or between the comment lines `ANCHOR: name` and
`ANCHOR_END: name` (`file:name`), as mdBook reads them. `{{#rustdoc_include}}` shows the
same lines (mdBook keeps the rest of the file hidden, for the playground; a static page has
none). `\\{{#include ...}}` is the text `{{#include ...}}`.

Only code blocks are filled in: there the file's lines replace the directive and no line of
the Markdown moves, so every other problem keeps its line. Elsewhere (mdBook would insert
the file as Markdown) the directive stays text, with a warning. A file that is missing,
outside content/, too large or not text, and an anchor the file does not hold, are each a
problem at the directive's line and column. Included files are not searched for includes.

The chapter reader passes the Markdown file's folder and content/ in the parse's env; a
text read without them (front matter, tests) keeps its directives as written.
"""

import os
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from courselib.cached_products.page_rewrites import file_stamp
from courselib.paths import shown_path

from .liquid import place_in_source

# env keys: where the chapter is (set by the reader), and the files its includes read.
FOLDER_KEY = "include_folder"  # (the chapter's folder, content/), as absolute paths
FILES_KEY = "included_files"  # {path from content/: its file_stamp when read}

# Its argument a path, as mdBook's are: a template's `{{#include "header"}}` (Handlebars) is not.
DIRECTIVE = re.compile(r"\\?\{\{#(include|rustdoc_include)[ \t]+([^{}\s\"'`]+)[ \t]*\}\}")
ANCHOR_START = re.compile(r"ANCHOR:\s*([\w_-]+)")
ANCHOR_END = re.compile(r"ANCHOR_END:\s*([\w_-]+)")
RANGE = re.compile(r"(\d*)(?::(\d*))?")
LARGEST = 1_000_000  # bytes: a listing, not a data file
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True)
class Include:
    """A directive's file and part of it: `lines` (first, last; None: open) or `anchor`."""

    path: str
    lines: tuple[int | None, int | None] = (None, None)
    anchor: str | None = None


def add_includes(md: MarkdownIt) -> None:
    """Make `md` fill code blocks' includes in, once the blocks are read."""
    md.core.ruler.after("block", "mdbook_includes", fill_in_includes)


def fill_in_includes(state: StateCore) -> None:
    """Replace the includes in code blocks by the lines they name; warn of those elsewhere."""
    folders = state.env.get(FOLDER_KEY)
    if folders is None or "{{#" not in state.src:
        return
    for token in state.tokens:
        if not token.map or "{{#" not in token.content:
            continue
        if token.type in ("fence", "code_block"):
            first = token.map[0] + (1 if token.type == "fence" else 0)
            token.content = "\n".join(
                DIRECTIVE.sub(lambda found, at=first + index: included(found, state, at), line)
                for index, line in enumerate(token.content.split("\n"))
            )
        elif token.type in ("inline", "html_block"):
            warn_outside_code(token, state)


def included(found: re.Match, state: StateCore, at: int) -> str:
    """Return the text that replaces one directive found on line `at` (from 0)."""
    if found.group().startswith("\\"):
        return found.group()[1:]
    problem, text = read_include(parse(found.group(2)), *state.env[FOLDER_KEY], state.env)
    if problem is not None:
        line, column = place_in_source(state.src, at + 1, found.group())
        state.env.setdefault("problems", []).append((line, column, f"{found.group()}: {problem}"))
        return found.group()
    return text


def parse(argument: str) -> Include:
    """Read a directive's argument as mdBook does: a path, then `:` and lines or an anchor."""
    path, _, part = argument.partition(":")
    if not part:
        return Include(path)
    lines = RANGE.fullmatch(part)
    if lines is None or not any(lines.groups()):
        return Include(path, anchor=part.strip())
    first = int(lines[1]) if lines[1] else None
    if lines[2] is None:  # `file:2` is that line alone
        return Include(path, (first, first))
    return Include(path, (first, int(lines[2]) if lines[2] else None))


def read_include(include: Include, folder: str, content: str, env: dict) -> tuple[str | None, str]:
    """Return (a problem, or None; the lines) of `include`, read from the chapter's `folder`."""
    target = os.path.normpath(
        os.path.join(content, include.path.lstrip("/"))
        if include.path.startswith("/")
        else os.path.join(folder, include.path)
    )
    shown = shown_path(target, content)
    if not include.path or os.path.isdir(target):
        return "name a file to include", ""
    real = os.path.realpath(target)
    if os.path.commonpath([real, os.path.realpath(content)]) != os.path.realpath(content):
        return "the file is outside content/: keep the listings in the course", ""
    stamp = file_stamp(target)  # before reading: a file saved meanwhile is read again
    if stamp is None:
        return f"{shown} does not exist", ""
    if stamp[2] > LARGEST:
        return f"{shown} is {stamp[2]:,} bytes: include a part of it (file:10:20)", ""
    try:
        with open(target, encoding="utf-8") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        return f"{shown} is not UTF-8 text", ""
    except OSError as error:
        return f"{shown} cannot be read ({error.strerror})", ""
    path = os.path.relpath(target, content).replace(os.sep, "/")
    env.setdefault(FILES_KEY, {})[path] = stamp
    file_lines = text.splitlines()
    if include.anchor is None:
        first, last = include.lines
        return None, "\n".join(file_lines[(first or 1) - 1 : last])
    part = anchored(file_lines, include.anchor)
    if part is None:
        return f"{shown} has no line 'ANCHOR: {include.anchor}'", ""
    return None, "\n".join(part)


def anchored(lines: list[str], anchor: str) -> list[str] | None:
    """Return the lines between `ANCHOR: anchor` and its ANCHOR_END (or the file's end),
    without the anchor lines among them; None where the file has no such anchor."""
    inside, found, kept = False, False, []
    for line in lines:
        start, end = ANCHOR_START.search(line), ANCHOR_END.search(line)
        if not inside:
            if start is not None and start[1] == anchor and end is None:
                inside = found = True
        elif end is not None and end[1] == anchor:
            inside = False
        elif start is None and end is None:
            kept.append(line)
    return kept if found else None


def warn_outside_code(token, state: StateCore) -> None:
    """Warn once a block of a directive outside code, which stays text (in a code span, as
    a page about mdBook writes one, it is the code's)."""
    text = CODE_SPAN.sub(lambda span: " " * len(span[0]), token.content)
    found = next((d for d in DIRECTIVE.finditer(text) if d[0][0] != "\\"), None)
    if found is None:
        return
    at = token.map[0] + token.content.count("\n", 0, found.start())
    line, column = place_in_source(state.src, at + 1, found.group())
    state.env.setdefault("warnings", []).append(
        (
            line,
            column,
            f"{found.group()} is mdBook's, and filled in only inside a code block: the page"
            " shows it as text; put it between ``` lines, or copy the file's text here",
        )
    )
