"""A Jupyter Book's table of contents (`_toc.yml`, `myst.yml`) is the syllabus."""

import pytest
from test_github_course import SETTINGS, syllabus_entries

TOC = """format: jb-book
root: intro
parts:
- caption: Tools
  numbered: true
  chapters:
  - file: zeta_linear_algebra
    title: Linear algebra, briefly
    sections:
    - file: details/eigen.md
  - file: notebook_only
  - url: https://example.org/elsewhere
    title: Elsewhere
- caption: Statistics
  chapters:
  - file: alpha_probability
  - file: missing_lecture
  - glob: extra/*
"""

BOOK = {
    "README.md": "# Lectures\n",
    "lectures/_toc.yml": TOC,
    "lectures/intro.md": "# Introduction\n",
    "lectures/zeta_linear_algebra.md": "# Linear Algebra\n",
    "lectures/details/eigen.md": "# Eigenvalues\n",
    "lectures/notebook_only.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4}\n',
    "lectures/alpha_probability.md": "# Probability\n",
    "lectures/extra/b.md": "# Extra B\n",
    "lectures/extra/a.md": "# Extra A\n",
    "lectures/unlisted.md": "# Not in the table\n",
}

# The syllabus of BOOK as its table orders it.
SYLLABUS = [
    "Introduction",  # the book's landing page, unnumbered
    "Tools",
    "Unit 1",
    "Linear algebra, briefly",  # the table's title, not the page's heading
    "Lesson 1.1",
    "Eigenvalues",
    "Statistics",
    "Probability",  # a part not numbered
    "Extra A",
    "Extra B",
]


def test_the_syllabus_follows_a_jupyter_books_toc(build_site):
    # QuantEcon's 148 lectures were in the order of their names, with only a warning.
    build = build_site(BOOK, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == SYLLABUS
    assert (
        "content/lectures/_toc.yml:17:11: 'missing_lecture' names no file in content/lectures/:"
        " it has no place in the syllabus"
    ) in build.log
    assert (
        "content/lectures/_toc.yml: 1 of its chapters are notebooks (.ipynb), R Markdown,"
        " scripts or reStructuredText, which the build does not read: left out of the"
        " syllabus (content/lectures/notebook_only.ipynb)"
    ) in build.log
    assert "which the build does not read: the syllabus comes from" not in build.log
    assert (build.output / "lectures" / "unlisted.html").is_file()  # outside the syllabus


def test_myst_yml_toc_is_the_syllabus(build_site):
    myst = """version: 1
project:
  title: Lectures
  toc:
    - file: intro.md
    - title: Basics
      children:
        - file: zeta_linear_algebra.md
          children:
            - file: details/eigen.md
        - pattern: extra/*.md
"""
    files = {**BOOK, "lectures/myst.yml": myst}
    del files["lectures/_toc.yml"]
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Introduction",
        "Basics",
        "Linear Algebra",
        "Eigenvalues",
        "Extra A",
        "Extra B",
    ]


@pytest.mark.parametrize(
    ("toc", "told"),
    [
        ("format: jb-book\nroot: [intro\n", "content/lectures/_toc.yml:3:1: not YAML ("),
        (
            "format: jb-book\nchapters:\n- file: [a, b]\n",
            "_toc.yml:3:9: a chapter's file is a path",
        ),
        ("chapters:\n- file: ../../../etc/passwd\n", "'../../../etc/passwd' names no file"),
    ],
)
def test_a_toc_not_as_jupyter_book_writes_it_is_one_line(build_site, toc, told):
    build = build_site({**BOOK, "lectures/_toc.yml": toc}, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert told in build.log


# The table as Jupyter Book before 0.11 wrote it: a list, its first entry the landing page,
# parts as `- part:` entries (or, before 0.8, a `- header:` over the entries after it).
OLD_TOC = """- file: intro
- part: Tools
  numbered: true
  chapters:
  - file: zeta_linear_algebra
    title: Linear algebra, briefly
    sections:
    - file: details/eigen.md
- header: Statistics
- file: alpha_probability
- glob: extra/*
"""


def test_a_toc_in_the_list_form_of_older_jupyter_books_is_the_syllabus(build_site):
    # The list was read as no table at all, without a word: the folders' rules took over.
    build = build_site({**BOOK, "lectures/_toc.yml": OLD_TOC}, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == SYLLABUS


def test_an_older_toc_numbered_at_its_landing_page_numbers_every_chapter(build_site):
    toc = "- file: intro\n  numbered: true\n- file: alpha_probability\n- file: zeta_linear_algebra"
    listed = ("README.md", "intro.md", "alpha_probability.md", "zeta_linear_algebra.md")
    files = {path: text for path, text in BOOK.items() if path.split("/")[-1] in listed}
    build = build_site({**files, "lectures/_toc.yml": toc}, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Introduction",
        "Unit 1",
        "Probability",
        "Unit 2",
        "Linear Algebra",
    ]


def test_a_restructuredtext_file_is_not_read_and_fails_nothing(build_site):
    # Pelican's reader read it, and failed the build: "no Date: add 'Date: ...'".
    files = {**BOOK, "lectures/notes.rst": "Notes\n=====\n\nSome :ref:`text`.\n"}
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert not (build.output / "lectures" / "notes.html").exists()


@pytest.mark.parametrize(
    "numbering",
    ["options:\n  numbered: true\n", "defaults:\n  numbered: 2\n"],  # a depth numbers too
)
def test_a_toc_numbered_by_its_options_or_a_depth_is_numbered(build_site, numbering):
    toc = f"format: jb-book\nroot: intro\n{numbering}chapters:\n- file: alpha_probability\n"
    listed = ("README.md", "lectures/intro.md", "lectures/alpha_probability.md")
    files = {path: text for path, text in BOOK.items() if path in listed}
    build = build_site({**files, "lectures/_toc.yml": toc}, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == ["Introduction", "Unit 1", "Probability"]


def test_a_toc_two_folders_down_and_its_r_markdown(build_site):
    # The Turing Way keeps its book in `book/website/`: the syllabus was empty.
    files = {
        "README.md": "# The book\n",
        "book/website/_toc.yml": "root: welcome\nchapters:\n- file: guide\n- file: analysis\n",
        "book/website/welcome.md": "# Welcome\n",
        "book/website/guide.md": "# Guide\n",
        "book/website/analysis.Rmd": "# Analysis\n",
    }
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == ["Welcome", "Guide"]
    assert "(content/book/website/analysis.Rmd)" in build.log
    assert "names no file" not in build.log


def test_a_summary_md_comes_before_a_jupyter_books_table_of_contents(build_site):
    # A SUMMARY.md written for this site wins over the book's table.
    files = {
        "README.md": "# Lectures\n",
        "lectures/_toc.yml": "format: jb-book\nroot: intro\nchapters:\n- file: basics\n",
        "lectures/intro.md": "# Introduction\n",
        "lectures/basics.md": "# Basics\n",
    }
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == ["Introduction", "Basics"]
    summary = "# Summary\n\n- [Basics](lectures/basics.md)\n- [Introduction](lectures/intro.md)\n"
    build = build_site({**files, "SUMMARY.md": summary}, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == ["Unit 1", "Basics", "Unit 2", "Introduction"]
    assert "_toc.yml" not in build.log


def test_a_book_beside_the_course_leaves_the_syllabus_to_the_folders(build_site):
    # Notes kept as a small Jupyter Book in a unit's folder made the syllabus: the
    # course's three units vanished without a word.
    files = {
        "README.md": "# Course\n",
        "01-intro/README.md": "# Intro\n",
        "02-next/README.md": "# Next\n",
        "03-project/README.md": "# Project\n",
        "03-project/book/_toc.yml": "root: intro\nchapters:\n- file: part1\n",
        "03-project/book/intro.md": "# Project book\n",
        "03-project/book/part1.md": "# Part one\n",
    }
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build)[1::2][:3] == ["Intro", "Next", "Project"]
    assert (
        "content/03-project/book/_toc.yml: a Jupyter Book's table of contents listing 2 of"
        " the course's 6 pages: read as a book beside the course"
    ) in build.log


@pytest.mark.parametrize(
    "chapters",
    [
        "- file: alpha_probability\n  sections: *all\n",  # a traceback
        # Twice at every level: 2**20 entries, read for ever.
        "- file: alpha_probability\n  sections: *all\n- file: intro\n  sections: *all\n",
    ],
)
def test_a_toc_whose_sections_hold_themselves_is_one_line(build_site, chapters):
    # A YAML alias may make a list hold itself.
    toc = f"root: intro\nchapters: &all\n{chapters}"
    files = {path: text for path, text in BOOK.items() if "extra" not in path}
    build = build_site({**files, "lectures/_toc.yml": toc}, extra_settings=SETTINGS)
    assert "Traceback" not in build.log
    told = "content/lectures/_toc.yml: nested over 20 deep, or over 20,000 entries"
    assert build.log.count(told) == 1
