"""Where a Markdown file of a course laid out for GitHub is published, and how it is numbered.

A course kept on GitHub is folders of Markdown: a `README.md` (or `index.md`) per
unit and lesson, other pages beside them (`assignment.md`), and names that start
with a number (`1-introduction/`, `01_setup.md`, `2.devices/`) to give the order.
GitHub shows a folder's README as the folder's page; so do we:

- `content/README.md` (or `index.md`) is the course's home page, `index.html`;
- `unit/README.md` is `unit/index.html`, and `unit/x.md` is `unit/x.html`.

A chapter written with Pelican's front matter (a `Title:`) outside numbered folders
keeps Pelican's rules instead: `{slug}.html` beside the home page, numbered by its
`Chapter:` field or the digits of its slug.
"""

import os
import posixpath
import re
from collections.abc import Iterable

# Metadata the chapter reader sets, for the outline and the templates: the page is placed by
# its path; it is the home page's text; its `date` is only the file's modification time.
BY_PATH_FIELD = "placed_by_path"
HOME_FIELD = "course_home"
FILE_DATE_FIELD = "dated_by_file"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown")
# A folder's page, first found first: its index.md, else its README.md (whatever their case).
# GitHub shows a folder's README; a folder with both is laid out for a site generator
# (Jekyll, MkDocs, the Carpentries' Workbench), whose page for it is index.md.
FOLDER_PAGE_NAMES = ("index", "readme")
# `1-intro`, `01_setup`, `2.devices`, `3 spatial design`, or a bare `4`; a letter may follow
# a number of two digits or more, as lab courses number the labs between two (`06a-dataflow`,
# `06b-pipeline`): `3d-printing` and `2d-arrays` are names. A range, ending the name or
# before a `.`, is its first number (Python-100-Days' `Day01-15/` and
# `34-35.玩转Linux操作系统.md`, days 34 to 35; not `1-10-things.md`, nor `04-1.md`). A `[`
# may follow at once: happy-llm's `6.4[WIP] 偏好对齐.md` is 6.4.
NUMBER = (
    r"(?:(?P<numbers>\d+)-(?P<through>\d+)(?=\.|$)"
    r"|(?P<dotted>\d+(?:\.\d+)*)|(?P<lettered>\d{2,})(?P<letter>[a-z]))(?:[-_. ]+|$|(?=\[))"
)
NUMBERED = re.compile(rf"^{NUMBER}")
# The same after a word that names a part of a course: `Module01`, `chapter-01-foundation`,
# `Session02-sdk`, `week_1_docker`, `Lesson 3`, and lab courses' `LAB_01-...`, `Demo02`.
# Other words stay names (`python3-basics`).
# A course's code, in capitals, may come first, as lab courses name their files
# (`AZ-204_lab_01.md`, `CS101_lecture_03.md`): the number is the lab's; not a word of
# ours with its number (`week12_lab_3` is week 12). `ch` is short for chapter in a name
# that is `ch` and a number alone (`ch01.md`; not `ch01-02-installation.md`, an mdBook
# section, nor `CH4-methane.md`).
PART_WORDS = "chapter|module|lesson|unit|week|session|part|lecture|episode|day|lab|demo"
NAMED_NUMBER = re.compile(
    rf"^(?:(?!(?:{PART_WORDS})[-_ ]?\d)(?-i:[A-Z]{{2,5}})-?\d{{2,4}}[-_ ])?"
    rf"(?:{PART_WORDS}|ch(?=[-_ ]?\d+$))[-_ ]?{NUMBER}",
    re.IGNORECASE,
)
# A Chinese or Japanese ordinal: `第一章` (chapter one), `第10节` (section 10), `第三课`, as
# Chinese courses name their chapters' folders (thorough-pytorch's `第零章/` to `第十章/`).
CJK_NUMERALS = "零〇一二两三四五六七八九十百"
# Chapter, section, lesson, lecture, part, episode; problem, day, week.
CJK_PART_WORDS = "章节節课課讲講部篇回题題天周週"
CJK_ORDINAL = re.compile(rf"^第\s*(?P<ordinal>\d+|[{CJK_NUMERALS}]+)\s*[{CJK_PART_WORDS}]")
# Chinese and Japanese, written without spaces: read by the character, about two to a word.
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CHARACTERS_PER_WORD = 2
CJK_DIGITS = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
# A name that starts with a day (`2024-01-15-notes.md`, `2024.01.15 meetup.md`): no number.
DATED = re.compile(r"^(?:19|20)\d\d(?P<separator>[-_.])(?:0?[1-9]|1[0-2])(?P=separator)\d\d?(?!\d)")
# What a file's name may hold that a URL may not hold as it is (`#` would start a fragment,
# `?` a query, `%` an escape, a space or `"` end an attribute), nor `&` in an HTML attribute.
NOT_IN_URL = re.compile(r"[\x00-\x20\x7f\"#%&<>?\[\\\]^`{|}]")


def is_markdown(name: str) -> bool:
    """True for a file name the chapter reader reads."""
    return name.lower().endswith(MARKDOWN_SUFFIXES)


def stem(name: str) -> str:
    """Return a file name without its Markdown suffix, and without the `.html` a page kept for
    Middleman names before it (`strings.html.md` is the page `strings.html`)."""
    base = posixpath.splitext(name)[0]
    return base[:-5] if is_markdown(name) and base.lower().endswith(".html") else base


def is_folder_page(source: str, names_beside: Iterable[str] | None = None) -> bool:
    """True for a folder's own page: its README.md or index.md (any case).

    Given the names of the files in its folder, a README.md beside an index.md is not:
    it is a page of its own, `README.html`.
    """
    name = posixpath.basename(source)
    if names_beside is None:
        return stem(name).lower() in FOLDER_PAGE_NAMES
    return name == folder_page_among([*names_beside, name])


def folder_page_among(names: Iterable[str]) -> str | None:
    """Return which of a folder's file names is its page: index.md, else README.md, or None."""
    for page_name in FOLDER_PAGE_NAMES:
        found = sorted(
            name for name in names if is_markdown(name) and stem(name).lower() == page_name
        )
        if found:
            return found[0]
    return None


def rival_folder_pages(content_root: str) -> list[str]:
    """Return each folder of content/ with two files that could be its page, and their names.

    Which one is the folder's page depends on the other being there (`is_folder_page`):
    the chapter reader's cached results hold while this list is the same (content_cache).
    """
    found, seen = [], set()
    # As Pelican reads content/: into linked folders too, each real folder once (a link
    # that loops is reported by author_errors; here it is walked no further).
    for folder, subfolders, files in os.walk(content_root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            subfolders[:] = []
            continue
        seen.add(real)
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        rivals = sorted(name for name in files if is_markdown(name) and is_folder_page(name))
        if len(rivals) > 1:
            found.append(f"{os.path.relpath(folder, content_root)}: {' '.join(rivals)}")
    return found


def is_home_page(source: str, names_beside: Iterable[str] | None = None) -> bool:
    """True for content/README.md or content/index.md: the course's home page."""
    return "/" not in source and is_folder_page(source, names_beside)


def name_numbers(name: str) -> tuple[int, ...] | None:
    """Return the numbers a file or folder name starts with, or None.

    `01_setup.md` -> (1,); a dotted number, as in a flat folder of lessons named
    `1.1 Key concepts.md`, `1.2 Threats.md`, is one number per level: (1, 1). A word
    for a part of a course may come first: `Module01/` -> (1,), and a Chinese ordinal is
    one: `第十章/` -> (10,). A name starting with a day, `2024-01-15-notes.md`, has none.
    """
    name = stem(name) if is_markdown(name) else name
    found = None if DATED.match(name) else NUMBERED.match(name) or NAMED_NUMBER.match(name)
    if found is None:
        ordinal = CJK_ORDINAL.match(name)
        return (cjk_number(ordinal["ordinal"]),) if ordinal else None
    return tuple(
        int(part) for part in (found["numbers"] or found["dotted"] or found["lettered"]).split(".")
    )


def cjk_number(written: str) -> int:
    """Return the number written in digits or in Chinese numerals: 十二 -> 12, 一百零五 -> 105."""
    if written.isdigit():
        return int(written)
    total, digit = 0, 0
    for character in written:
        if character in CJK_DIGITS:
            digit = CJK_DIGITS[character]
        else:  # 十 (ten) or 百 (hundred), after the digit it multiplies, if any
            total += (digit or 1) * (10 if character == "十" else 100)
            digit = 0
    return total + digit


def name_range_end(name: str) -> int | None:
    """Return the last number of a range a name starts with (`34-35.Linux.md` -> 35), or None."""
    name = stem(name) if is_markdown(name) else name
    found = None if DATED.match(name) else NUMBERED.match(name) or NAMED_NUMBER.match(name)
    if found is None or not found["through"] or int(found["through"]) <= int(found["numbers"]):
        return None  # `04-1.md`: no range
    return int(found["through"])


def name_letter(name: str) -> str:
    """Return the letter after a name's number (`06a-dataflow.md` -> "a"), or ""."""
    name = stem(name) if is_markdown(name) else name
    found = None if DATED.match(name) else NUMBERED.match(name) or NAMED_NUMBER.match(name)
    return (found["letter"] or "").lower() if found else ""


def numbered_by_word(name: str) -> bool:
    """True for a name numbered after a word (`Module01`), not by its first characters."""
    name = stem(name) if is_markdown(name) else name
    return not NUMBERED.match(name) and name_numbers(name) is not None


def name_number(name: str) -> int | None:
    """Return the first number a file or folder name starts with (`1.2 Threats.md` -> 1)."""
    numbers = name_numbers(name)
    return numbers[0] if numbers else None


def unit_number(source: str) -> int | None:
    """Return the number of the top-level entry a file placed by its path is in, or None.

    `2-devices/1-headsets/README.md` is in unit 2 and `03_setup.md` is entry 3; the
    syllabus gives that number to no upcoming chapter. `notes/week3.md` is in none.
    """
    return name_number(source.split("/", 1)[0])


def in_numbered_folder(source: str) -> bool:
    """True when a file in content/ lies inside a folder whose name starts with a number
    (`week3/` does not count: a Pelican chapter kept there keeps Pelican's rules)."""
    return any(NUMBERED.match(folder) for folder in source.split("/")[:-1])


def placed_by_path(source: str, has_title: bool) -> bool:
    """True when a file's place in the course comes from its path, not Pelican's rules.

    That is the course's README, every file without a `Title:` in its front matter (a
    Pelican chapter has one), and every file inside a numbered folder.
    """
    return is_home_page(source) or not has_title or in_numbered_folder(source)


def page_save_as(source: str, names_beside: Iterable[str] | None = None) -> str:
    """Return where a file placed by its path is written: `unit/README.md` -> `unit/index.html`."""
    folder, name = posixpath.split(source)
    page = "index" if is_folder_page(name, names_beside) else stem(name)
    return posixpath.join(folder, f"{page}.html")


def page_url(save_as: str) -> str:
    """Return the URL of a page written at `save_as`: `it's #1.html` -> `it's%20%231.html`."""
    return NOT_IN_URL.sub(lambda character: f"%{ord(character[0]):02X}", save_as)


def title_from_name(source: str) -> str:
    """Return a page title made from its file name (a folder page's: from its folder's name).

    The number and the separators go: `1-what-is-xr/README.md` -> "What is xr", and so
    do a word and its number before other words: `chapter02_prerequisite/` ->
    "Prerequisite" (it was "Chapter 2: Chapter02 prerequisite"); a word and its number
    alone stay, apart: `chapter1/README.md` -> "Chapter 1".
    """
    folder, name = posixpath.split(source)
    base = posixpath.basename(folder) if is_folder_page(name) and folder else stem(name)
    numbered = NUMBERED.match(base)
    found = numbered or NAMED_NUMBER.match(base)
    words = base[found.end() :] if found and found.end() < len(base) else base
    if found and not numbered and found.end() == len(base):  # `chapter1/`: not "Chapter1"
        if found["through"]:  # `Day01-15/`: "Day 01–15"
            number = f"{found['numbers']}-{found['through']}"
            shown = f"{found['numbers']}\u2013{found['through']}"
        else:
            number = shown = found["dotted"] or found["lettered"] + found["letter"]
        words = f"{base[: base.rindex(number)].rstrip('-_ ')} {shown}"
    words = " ".join(re.split(r"[-_ ]+", words)).strip() or base
    return words[:1].upper() + words[1:]
