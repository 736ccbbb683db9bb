"""The course tree from folders, as tables: addresses, numbers, order, labels and problems."""

import dataclasses
from unittest.mock import ANY

import pytest
from chapters.book import SUMMARY_DEPTH, summary_places
from chapters.folders import lead_to_listings
from chapters.outline import WrittenChapter
from chapters.tree import build_course
from conftest import run_in_child
from courselib.pages import (
    name_number,
    name_numbers,
    page_save_as,
    placed_by_path,
    title_from_name,
)


@pytest.mark.parametrize(
    ("source", "save_as"),
    [
        ("README.md", "index.html"),
        ("index.md", "index.html"),
        ("1-intro/README.md", "1-intro/index.html"),
        ("1-intro/readme.markdown", "1-intro/index.html"),
        ("1-intro/2-what/assignment.md", "1-intro/2-what/assignment.html"),
        ("CONTRIBUTING.md", "CONTRIBUTING.html"),
        ("Kapitel 2/Übung.md", "Kapitel 2/Übung.html"),
        # As Middleman keeps pages (ruby-for-beginners): they were `strings-3.html.html`.
        ("solutions/02-strings-3.html.md", "solutions/02-strings-3.html"),
        ("index.html.md", "index.html"),
    ],
)
def test_a_page_is_written_where_its_path_says(source, save_as):
    assert page_save_as(source) == save_as


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("1-introduction", 1),
        ("01_setup.md", 1),
        ("2.devices", 2),
        ("10-future", 10),
        ("3 spatial design", 3),
        ("4", 4),
        ("4.md", 4),
        # After a word for a part of a course, as edgeai-for-beginners (`Module01/`) and
        # AZD-for-beginners (`docs/chapter-01-foundation/`) name theirs.
        ("chapter4.md", 4),
        ("Module01", 1),
        ("chapter-01-foundation", 1),
        ("Session02-sdk", 2),
        ("week_1_docker_sql", 1),
        ("Lesson 3 - Vectors.md", 3),
        ("day-05", 5),
        ("python3-basics", None),
        # Lab courses, and so-large-lm's `docs/content/ch01.md`.
        ("LAB_01-Manage_Identities.md", 1),
        ("Demo 02.md", 2),
        ("AZ-204_lab_01.md", 1),  # after the course's code: lab 1, not 204
        ("DP-203_lab_10.md", 10),
        ("CS101_lecture_03.md", 3),
        ("ch01.md", 1),
        ("ch-12.md", 12),
        ("ch01-02-installation.md", None),  # an mdBook section, ordered by its SUMMARY.md
        ("ch01-exercises.md", None),
        ("CH4-methane.md", None),
        ("week12_lab_3.md", 12),  # a word of ours is no course code
        ("DAY01_Session_02", 1),
        ("lab01-part-2", 1),
        ("chrome.md", None),
        ("AZ-204.md", None),
        ("06a-dataflow.md", 6),  # a letter after the number: mslearn-fabric's labs
        ("module01a", 1),
        # One digit and a letter is a name, as it is in most courses.
        ("3d-printing", None),
        ("2d-arrays.md", None),
        ("module1a", None),
        ("2024b-x.md", 2024),
        ("notes-1.md", None),
        ("lessons", None),
        ("images", None),
        ("2024report.md", None),
        # Days are not numbers: Security-101's dotted numbers made this "Chapter 2024.1.15".
        ("2024.01.15-notes.md", None),
        ("2024-01-15-welcome.md", None),
        ("2023_9_30 recap", None),
        ("2024-13-01-not-a-day.md", 2024),
        ("2024.1.md", 2024),
    ],
)
def test_numbers_come_from_the_start_of_a_name(name, number):
    assert name_number(name) == number


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("1.1 The CIA triad.md", (1, 1)),
        ("1.10-logs.md", (1, 10)),
        ("2.3.1_detail.md", (2, 3, 1)),
        ("1.2.md", (1, 2)),
        ("6.4[WIP] 偏好对齐.md", (6, 4)),  # happy-llm: it was 6, "Chapter 1.6.6"
        ("2.devices", (2,)),
        ("01. Setup.md", (1,)),
        ("unit-2.1-threats.md", (2, 1)),
        ("notes4.md", None),
        # Chinese ordinals, as thorough-pytorch names its chapters' folders.
        ("第零章", (0,)),
        ("第十章", (10,)),
        ("第15题.三数之和.md", (15,)),
        ("第二十三节 注意力.md", (23,)),
        ("第一百零五回", (105,)),
        ("第 3 课.md", (3,)),
        ("第章", None),
    ],
)
def test_a_dotted_number_is_one_number_per_level(name, numbers):
    assert name_numbers(name) == numbers
    assert name_number(name) == (numbers[0] if numbers else None)


@pytest.mark.parametrize(
    ("source", "title"),
    [
        ("1-what-is-xr/README.md", "What is xr"),
        ("01_setup.md", "Setup"),
        ("1.2 Common threats.md", "Common threats"),
        ("for-teachers.md", "For teachers"),
        ("README.md", "README"),
        ("02-strings-3.html.md", "Strings 3"),  # not "Strings 3.html"
        # A folder named by a word and its number alone: hello-agents' "Chapter1".
        ("chapter1/README.md", "Chapter 1"),
        ("Module01/README.md", "Module 01"),
        # A word and its number before other words go as a number does (Dive-into-DL-
        # PyTorch's 10 chapters were "Chapter 2: Chapter02 prerequisite").
        ("Session02-sdk/README.md", "Sdk"),
        ("docs/chapter02_prerequisite/README.md", "Prerequisite"),
        ("LAB_01-Create-VM.md", "Create VM"),
    ],
)
def test_a_page_without_heading_or_title_is_named_after_its_file(source, title):
    assert title_from_name(source) == title


@pytest.mark.parametrize(
    ("source", "has_front_matter", "by_path"),
    [
        ("chapter4.md", True, False),  # the seed: Pelican's rules
        ("part2/chapter2.md", True, False),
        ("notes.md", False, True),
        ("1-intro/1-lesson/README.md", True, True),  # front matter inside a numbered folder
    ],
)
def test_which_pages_are_placed_by_their_path(source, has_front_matter, by_path):
    assert placed_by_path(source, has_front_matter) is by_path


def page(path: str, title: str | None = None) -> WrittenChapter:
    """A page placed by its path, as the reader would give it."""
    save_as = page_save_as(path)
    return WrittenChapter(
        source=f"content/{path}",
        title=title or title_from_name(path),
        slug=save_as.removesuffix(".html"),
        url=save_as,
        save_as=save_as,
        chapter_field=None,
        body_html="<p>Text.</p>",
        by_path=True,
        path=path,
    )


COURSE = [
    "1-introduction/README.md",
    "1-introduction/1-what-is-xr/README.md",
    "1-introduction/1-what-is-xr/assignment.md",
    "1-introduction/2-history/README.md",
    "1-introduction/assignment.md",
    "1-introduction/notes/README.md",  # an unnumbered folder inside a unit: outside
    "2-devices/README.md",
    "2-devices/10-future/README.md",
    "2-devices/9-phones/README.md",
    "CONTRIBUTING.md",
    "quiz-template/README.md",
]


def build(paths, levels=("Unit", "Lesson"), upcoming=()):
    return build_course(
        [page(path) for path in paths], list(upcoming), "{slug}.html", "{slug}.html", levels
    )


def readme_course(paths, home_html):
    """The course of pages at `paths` whose README's HTML is `home_html`."""
    return build_course(
        [page(path) for path in paths], [], "{slug}.html", "{slug}.html", home_html=home_html
    )


def labelled(course) -> list[tuple[str, str]]:
    """The course's reading order: each entry's label and path in content/."""
    return [(entry.label, entry.source.removeprefix("content/")) for entry in course.order]


def outside_of(course) -> list[str]:
    """The paths in content/ of the course's pages outside the syllabus, sorted."""
    return sorted(entry.source.removeprefix("content/") for entry in course.outside)


def test_the_reading_order_is_units_lessons_their_pages_then_the_next_unit():
    course = build(COURSE)
    assert [entry.source.removeprefix("content/") for entry in course.order] == [
        "1-introduction/README.md",
        "1-introduction/1-what-is-xr/README.md",
        "1-introduction/1-what-is-xr/assignment.md",
        "1-introduction/2-history/README.md",
        "1-introduction/assignment.md",
        "2-devices/README.md",
        "2-devices/9-phones/README.md",
        "2-devices/10-future/README.md",
    ]
    assert course.problems == [] and course.notice is None
    first, second = course.order[0], course.order[1]
    assert first.previous is None and first.next is second and second.previous is first


def test_levels_label_units_and_lessons_and_other_pages_have_no_label():
    course = build(COURSE)
    assert [(entry.label, entry.title) for entry in course.order] == [
        ("Unit 1", "Introduction"),
        ("Lesson 1.1", "What is xr"),
        ("", "Assignment"),
        ("Lesson 1.2", "History"),
        ("", "Assignment"),
        ("Unit 2", "Devices"),
        ("Lesson 2.9", "Phones"),
        ("Lesson 2.10", "Future"),
    ]
    unit = course.tree[0]
    assert [child.label for child in unit.children] == ["Lesson 1.1", "Lesson 1.2", ""]
    assert (
        unit.children[0].ancestors == [unit]
        and unit.children[0].heading == "Lesson 1.1: What is xr"
    )


def test_a_title_that_names_its_own_number_is_not_labelled_twice():
    # Microsoft's courses title lessons "Lesson 2: ...": the page was "Unit 2: Lesson 2: ...".
    course = build_course(
        [
            page("01-intro/README.md", "Lesson 1: Introduction"),
            page("02-app/README.md", "Lesson 2 - Your first app"),
            page("03-rag/README.md", "Lesson 30: not this one's number"),
            page("03-rag/1-vectors.md", "Part 3.1. Vectors"),
            page("04-tools/README.md", "Module 04: Tools"),  # LangChain4j-for-Beginners
            page("04-tools/01-call.md", "04.01 Calling a tool"),
        ],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Unit", "Part"),
    )
    assert [entry.heading for entry in course.order] == [
        "Lesson 1: Introduction",
        "Lesson 2 - Your first app",
        "Unit 3: Lesson 30: not this one's number",
        "Part 3.1. Vectors",
        "Module 04: Tools",
        "04.01 Calling a tool",
    ]
    assert [entry.label for entry in course.order] == [
        "Unit 1",
        "Unit 2",
        "Unit 3",
        "Part 3.1",
        "Unit 4",
        "Part 4.1",
    ]
    assert [entry.badge for entry in course.order] == ["", "", "Unit 3", "", "", ""]


def test_lessons_titled_with_one_number_are_each_labelled():
    # rasbt/LLMs-from-scratch titles ch02's lessons "Chapter 2: Working with Text Data", each:
    # lesson 2.2 lost its label as if its title named it, the others kept theirs.
    titled = {
        "ch02/README.md": "Chapter 2: Working with Text Data",
        "ch02/01_main/README.md": "Chapter 2: Working with Text Data",
        "ch02/02_bpe/README.md": "Chapter 2: Working with Text Data",
        "ch02/03_matmul/README.md": "Chapter 2: Working with Text Data",
        "ch03/README.md": "Chapter 3: Attention",
        "ch03/01_main/README.md": "Lesson 1: Main",  # names its own number, alone
    }
    course = build_course(
        [page(path, title) for path, title in titled.items()],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Chapter",),
    )
    assert [entry.heading for entry in course.order] == [
        "Chapter 2: Working with Text Data",
        "Chapter 2.1: Chapter 2: Working with Text Data",
        "Chapter 2.2: Chapter 2: Working with Text Data",
        "Chapter 2.3: Chapter 2: Working with Text Data",
        "Chapter 3: Attention",
        "Lesson 1: Main",
    ]


def test_deeper_levels_repeat_the_last_word():
    course = build(["1-a/README.md", "1-a/1-b/README.md", "1-a/1-b/2-c.md"], levels=("Part",))
    assert [entry.label for entry in course.order] == ["Part 1", "Part 1.1", "Part 1.1.2"]


def test_files_named_with_dotted_numbers_in_one_folder_follow_their_numbers():
    # Microsoft's Security-101 names its lessons so, in one folder: `1.1 The CIA triad.md`.
    course = build(
        ["2.1 IAM.md", "1.10 Logs.md", "1.2 Threats.md", "1.1 CIA triad.md", "README.md"],
        levels=("Chapter",),
    )
    assert course.problems == []
    assert [(entry.label, entry.title) for entry in course.order] == [
        ("Chapter 1.1", "CIA triad"),
        ("Chapter 1.2", "Threats"),
        ("Chapter 1.10", "Logs"),
        ("Chapter 2.1", "IAM"),
    ]
    assert course.order[1].numbering == "1.2" and course.order[1].number == 1


def test_a_dotted_name_that_repeats_its_units_number_is_not_numbered_twice():
    # DataTalksClub's mlops-zoomcamp: `03-orchestration/3.0/` was "Lesson 3.3.0".
    course = build(["03-orch/README.md", "03-orch/3.0/README.md", "03-orch/3.1/README.md"])
    assert [entry.label for entry in course.order] == ["Unit 3", "Lesson 3.0", "Lesson 3.1"]
    course = build(["2-b/README.md", "2-b/1.1-x.md"])  # not its unit's number: below it
    assert [entry.label for entry in course.order] == ["Unit 2", "Lesson 2.1.1"]


def test_a_units_lessons_kept_in_one_folder_without_a_page_are_its_lessons():
    # IoT-For-Beginners: `1-getting-started/lessons/1-introduction-to-iot/`; its 24 lessons
    # were outside the syllabus. Not where the unit numbers lessons of its own (an `R/`
    # beside them, in Data-Science-For-Beginners, keeps its own numbers apart).
    course = build(
        [
            "1-start/README.md",
            "1-start/lessons/1-intro/README.md",
            "1-start/lessons/2-deep/README.md",
        ]
        + ["2-viz/README.md", "2-viz/09-bars/README.md", "2-viz/R/09-bars/README.md"]
    )
    assert course.problems == []
    assert [(entry.label, entry.source.removeprefix("content/")) for entry in course.order] == [
        ("Unit 1", "1-start/README.md"),
        ("Lesson 1.1", "1-start/lessons/1-intro/README.md"),
        ("Lesson 1.2", "1-start/lessons/2-deep/README.md"),
        ("Unit 2", "2-viz/README.md"),
        ("Lesson 2.9", "2-viz/09-bars/README.md"),
    ]
    # Notes whose names give two of them one number (DataTalksClub's `4_1_1_basics.md`):
    # the build failed on them, "both number 4", then they were outside, unseen. They are
    # the unit's lessons, read as names, in their order.
    notes = build(
        ["4-ae/README.md", "4-ae/notes/4_2_1_core.md", "4-ae/notes/4_1_2_dbt.md"]
        + ["4-ae/notes/4_1_1_basics.md"]
    )
    assert notes.problems == [] and notes.outside == []
    assert [(entry.label, entry.source.removeprefix("content/")) for entry in notes.order] == [
        ("Unit 4", "4-ae/README.md"),
        ("", "4-ae/notes/4_1_1_basics.md"),
        ("", "4-ae/notes/4_1_2_dbt.md"),
        ("", "4-ae/notes/4_2_1_core.md"),
    ]


def test_lessons_numbered_across_units_keep_their_own_numbers():
    # Data-Science-For-Beginners numbers lessons 1 to 20 across its units: the first of
    # unit 2 was "Lesson 2.5", where the course calls it lesson 5.
    across = ["1-a/README.md", "1-a/01-x/README.md", "1-a/02-y/README.md", "2-b/README.md"]
    across += ["2-b/03-z/README.md", "2-b/04-w/README.md", "2-b/04-w/1-part.md"]
    assert [entry.label for entry in build(across).order] == [
        "Unit 1", "Lesson 1", "Lesson 2", "Unit 2", "Lesson 3", "Lesson 4", "Lesson 4.1"
    ]  # fmt: skip
    # With COURSE_LEVELS' default, unit 2 and lesson 2 were both "Chapter 2": the units are
    # parts of the book. An author's own single word is left as it is.
    assert [entry.label for entry in build(across, levels=("Chapter",)).order] == [
        "Part 1", "Chapter 1", "Chapter 2", "Part 2", "Chapter 3", "Chapter 4", "Chapter 4.1"
    ]  # fmt: skip
    assert [entry.label for entry in build(across, levels=("章",)).order][:2] == ["章 1", "章 1"]
    # Each unit counting from 1 again is the usual way: unchanged.
    again = ["1-a/README.md", "1-a/1-x/README.md", "2-b/README.md", "2-b/1-z/README.md"]
    assert [entry.label for entry in build(again).order] == [
        "Unit 1", "Lesson 1.1", "Unit 2", "Lesson 2.1"
    ]  # fmt: skip


def test_lessons_that_repeat_their_units_number_are_not_numbered_across_units():
    # datawhalechina/easy-rl: `chapter1/chapter1.md` and `chapter1/chapter1_questions.md`,
    # each unit's exercises numbered as the unit. They seemed numbered across units: the
    # units were "Part 1" to "Part 16", each exercise page a second "Chapter N". Where every
    # lesson has its unit's number alone, each is a page of its unit, unlabelled.
    paths = ["chapter1/chapter1.md", "chapter1/chapter1_questions.md", "chapter2/chapter2.md"]
    paths += ["chapter2/chapter2_questions.md", "chapter3/chapter3.md"]
    assert [entry.label for entry in build(paths, levels=("Chapter",)).order] == [
        "Chapter 1", "", "Chapter 2", "", "Chapter 3"
    ]  # fmt: skip


def test_a_dotted_lesson_beside_lessons_numbered_on_their_own_is_a_part_of_one():
    # OWASP/wstg's unit 4.5 holds `01-` to `05-`, then `05.1-` and `05.2-`: 05 was taken
    # for the unit's preface (no label) and 05.1, 05.2 labelled 4.5.1 and 4.5.2, twice over.
    paths = ["4-testing/README.md", "4-testing/05-authz/README.md"]
    paths += [f"4-testing/05-authz/{name}.md" for name in ("01-a", "02-b", "05-e", "05.1-f")]
    assert labelled(build(paths, levels=("Chapter",))) == [
        ("Chapter 4", "4-testing/README.md"),
        ("Chapter 4.5", "4-testing/05-authz/README.md"),
        ("Chapter 4.5.1", "4-testing/05-authz/01-a.md"),
        ("Chapter 4.5.2", "4-testing/05-authz/02-b.md"),
        ("Chapter 4.5.5", "4-testing/05-authz/05-e.md"),
        ("Chapter 4.5.5.1", "4-testing/05-authz/05.1-f.md"),
    ]


def test_a_page_with_its_units_number_beside_dotted_lessons_is_the_units_preface():
    # microsoft/AI-System: `第2章-基础/2-前言.md` (a preface) beside `2.1-概念.md` and
    # `2.2-训练.md`. The preface was "Chapter 2.2", before 2.1 and beside the real 2.2.
    paths = ["第1章-概述/1-前言.md", "第1章-概述/1.1-历史.md", "第2章-基础/2-前言.md"]
    paths += ["第2章-基础/2.1-概念.md", "第2章-基础/2.2-训练.md"]
    assert labelled(build(paths, levels=("Chapter",))) == [
        ("Chapter 1", "第1章-概述/"),
        ("", "第1章-概述/1-前言.md"),
        ("Chapter 1.1", "第1章-概述/1.1-历史.md"),
        ("Chapter 2", "第2章-基础/"),
        ("", "第2章-基础/2-前言.md"),
        ("Chapter 2.1", "第2章-基础/2.1-概念.md"),
        ("Chapter 2.2", "第2章-基础/2.2-训练.md"),
    ]
    # Inside a book that is itself numbered (AI-System's `Textbook/`, linked second from its
    # README), the preface was "Chapter 2.1.1" and 1.1 "Chapter 2.1.1.1", side by side.
    book = build([f"2-Textbook/{path}" for path in paths], levels=("Chapter",))
    assert [label for label, _path in labelled(book)][1:5] == [
        "Chapter 2.1", "", "Chapter 2.1.1", "Chapter 2.2"
    ]  # fmt: skip


def test_a_range_of_numbers_is_its_first_and_lessons_go_on_after_its_last():
    # jackfrued/Python-100-Days keeps days in `Day01-02/`..., and one lesson of two days,
    # `04-05.Linux.md`: units were titled "02" and "05", that lesson "05.Linux", and, day 5
    # seeming missing, lessons labelled "Lesson 6.6".
    paths = ["Day01-02/01.Intro.md", "Day01-02/02.Loops.md", "Day03-05/03.Files.md"]
    paths += ["Day03-05/04-05.Linux.md", "Day06-07/06.HTTP.md", "Day06-07/07.Web.md"]
    course = build(paths, levels=("Chapter",))
    assert course.problems == []
    assert [(entry.label, entry.title) for entry in course.order] == [
        ("Part 1", "Day 01–02"), ("Chapter 1", "Intro"), ("Chapter 2", "Loops"),
        ("Part 3", "Day 03–05"), ("Chapter 3", "Files"), ("Chapter 4", "Linux"),
        ("Part 6", "Day 06–07"), ("Chapter 6", "HTTP"), ("Chapter 7", "Web"),
    ]  # fmt: skip
    # A number after another is no range where words follow, nor where it is the smaller.
    assert [title_from_name(name) for name in ("1-10-things.md", "04-1.md", "Day01-15")] == [
        "10 things",
        "04 1",
        "Day 01–15",
    ]


def test_lessons_sharing_a_number_are_in_name_order_with_that_number():
    # jackfrued/Python-100-Days splits day 62 as `62.Fetch-1.md` and `62.Parse-2.md`, and
    # day 63 in four files: GitHub lists them by name. The build failed, "are both number
    # 62", and published nothing.
    paths = ["Day61-62/README.md", "Day61-62/61.Intro.md", "Day61-62/62.Parse-2.md"]
    paths += ["Day61-62/62.Fetch-1.md", "Day63-64/63.Threads-1.md", "Day63-64/63.Async-2.md"]
    paths += ["Day63-64/64.Scrapy.md", "Day63-64/63a.Crawler.md"]
    course = build(paths)
    assert course.problems == []
    assert labelled(course) == [
        ("Unit 61", "Day61-62/README.md"),
        ("Lesson 61", "Day61-62/61.Intro.md"),
        ("Lesson 62", "Day61-62/62.Fetch-1.md"),
        ("Lesson 62", "Day61-62/62.Parse-2.md"),
        ("Unit 63", "Day63-64/"),
        ("Lesson 63", "Day63-64/63.Async-2.md"),
        ("Lesson 63", "Day63-64/63.Threads-1.md"),
        ("Lesson 63a", "Day63-64/63a.Crawler.md"),
        ("Lesson 64", "Day63-64/64.Scrapy.md"),
    ]
    dotted = build(["1.1-a.md", "01.1 b.md", "1.2 c.md"])
    assert dotted.problems == []
    assert labelled(dotted) == [
        ("Lesson 1.1", "01.1 b.md"), ("Lesson 1.1", "1.1-a.md"), ("Lesson 1.2", "1.2 c.md")
    ]  # fmt: skip


def test_names_starting_with_a_count_among_many_are_names_not_numbers():
    # ByteByteGoHq/system-design-101 keeps 400 guides in `data/guides/`, 32 named with a
    # count (`10-books-for-developers.md`): the syllabus was those 32, "Chapter 10" six
    # times, "Chapter 8" six times, and the 368 others outside.
    counted = ["10-books.md", "10-tradeoffs.md", "8-tips.md", "8-concepts.md", "100x-pg.md"]
    named = ["api.md", "cache.md", "cdn.md", "dns.md", "kafka.md", "oauth.md", "redis.md"]
    guides = [f"data/guides/{name}" for name in [*counted, *named]]
    course = build(guides)
    assert course.order == []
    assert outside_of(course) == sorted(guides)
    assert course.notice.startswith("content/: the syllabus is empty: none of the 12 pages")
    # Inside a unit, they are its pages in their names' order, unlabelled.
    unit = ["1-design/README.md", *(f"1-design/{name}" for name in [*counted, *named])]
    course = build([*unit, "2-apis/README.md"])
    assert course.problems == []
    assert labelled(course) == [
        ("Unit 1", "1-design/README.md"),
        *(("", f"1-design/{name}") for name in sorted([*counted, *named])),
        ("Unit 2", "2-apis/README.md"),
    ]
    # Nor is a year, first among a folder's few numbers (rust-lang/book's `2018-edition/`).
    course = build(["2018-edition/README.md", "docs/README.md", "tools/README.md"])
    assert course.problems == [] and "Unit 2018" not in [label for label, _ in labelled(course)]
    # Nor is one number alone among names, not a first one (`3-parts-in-name.md`): the
    # syllabus was that page alone, "Unit 3", and the guide's other pages were left out.
    names = ["README.md", "3-parts-in-name.md", "alpha.md", "beta.md", "gamma.md"]
    course = build([f"guide/{name}" for name in names])
    assert course.problems == [] and outside_of(course) == []
    assert labelled(course) == [
        ("Unit 1", "guide/README.md"),
        *((f"Lesson 1.{n}", f"guide/{name}") for n, name in enumerate(names[1:], 1)),
    ]
    # Numbers none shares, or most names', are a numbering: lessons 1 and 2 and the rest;
    # and a first number alone (`1-setup.md`).
    for names in (
        ["1-setup.md", "2-tools.md"],
        ["1-a.md", "1-b.md", "2-c.md", "3-d.md"],
        ["1-setup.md"],
    ):
        course = build([*names, "faq.md", "glossary.md", "links.md", "notes.md"])
        assert course.problems == []
        assert [entry.label for entry in course.order][: len(names)] == [
            f"Unit {name[0]}" for name in names
        ]


def test_unnumbered_files_and_folders_elsewhere_are_outside_the_syllabus():
    course = build(COURSE)
    outside = sorted(entry.source.removeprefix("content/") for entry in course.outside)
    assert outside == [
        "1-introduction/notes/README.md",
        "CONTRIBUTING.md",
        "quiz-template/README.md",
    ]
    assert all(not entry.in_syllabus and entry.previous is None for entry in course.outside)


def test_unnumbered_folders_a_unit_links_to_are_its_parts_in_the_links_order():
    # Microsoft's mcp-for-beginners keeps module 5's lessons in unnumbered folders its
    # README lists in order; Web-Dev's unit 4, DataTalksClub's module 1 likewise. They
    # were all outside the syllabus, without a word.
    unit = dataclasses.replace(
        page("5-advanced/README.md", "Advanced"),
        body_html='<p><a href="{filename}/5-advanced/routing/README.md">Routing</a>'
        ' <a href="integration/">Integration</a> <a href="extra.md">Extra</a></p>',
    )
    others = ["integration/README.md", "routing/README.md", "extra.md", "notes/README.md"]
    others += ["labs/README.md", "labs/01-setup.md", "zzz.md"]
    course = build_course(
        [unit, *(page(f"5-advanced/{path}") for path in others)],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Unit", "Lesson"),
    )
    assert course.problems == []
    assert [
        (entry.label, entry.source.removeprefix("content/5-advanced/")) for entry in course.order
    ] == [
        ("Unit 5", "README.md"),
        ("", "routing/README.md"),
        ("", "integration/README.md"),
        ("", "extra.md"),
        ("", "labs/README.md"),  # not linked, but it holds numbered lessons
        ("Lesson 5.1", "labs/01-setup.md"),
        ("", "zzz.md"),
    ]
    assert [entry.source for entry in course.outside] == ["content/5-advanced/notes/README.md"]
    assert course.order[1].parent is course.order[0] and course.order[5].parent is course.order[4]


def test_pages_a_unit_links_in_folders_with_no_readme_are_its_parts_where_linked():
    # stas00/ml-engineering: `compute/accelerator/README.md` lists its benchmarks (a folder
    # with a README), then `nvidia/debug.md` and `amd/debug.md` (folders with none). Those
    # two were outside the syllabus, without a word.
    unit = dataclasses.replace(
        page("1-accelerator/README.md", "Accelerators"),
        body_html='<p><a href="benchmarks/">Benchmarks</a> <a href="nvidia/debug.md">NVIDIA</a>'
        ' <a href="amd/debug.md">AMD</a> <a href="amd/tools.md">AMD tools</a></p>',
    )
    others = ["benchmarks/README.md", "nvidia/debug.md", "nvidia/notes.md", "amd/tools.md"]
    others += ["amd/debug.md", "amd/old/README.md"]
    course = build_course(
        [unit, *(page(f"1-accelerator/{path}") for path in others)],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Unit", "Lesson"),
    )
    assert course.problems == []
    assert [entry.source.removeprefix("content/1-accelerator/") for entry in course.order] == [
        "README.md",
        "benchmarks/README.md",
        "nvidia/debug.md",
        "amd/debug.md",
        "amd/tools.md",
    ]
    assert outside_of(course) == [
        "1-accelerator/amd/old/README.md",
        "1-accelerator/nvidia/notes.md",
    ]
    # ml-engineering itself numbers nothing: its units are read in name order.
    unit = dataclasses.replace(
        unit, path="accelerator/README.md", source="content/accelerator/README.md"
    )
    named = build_course(
        [unit, *(page(f"accelerator/{path}") for path in others)],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Unit", "Lesson"),
    )
    assert [entry.source.removeprefix("content/accelerator/") for entry in named.order] == [
        "README.md",
        "benchmarks/README.md",
        "nvidia/debug.md",
        "amd/debug.md",
        "amd/tools.md",
    ]
    assert outside_of(named) == ["accelerator/amd/old/README.md", "accelerator/nvidia/notes.md"]


def test_pages_a_unit_links_deeper_in_folders_with_no_readme_are_its_parts_where_linked():
    # bregman-arie/devops-exercises: `topics/aws/README.md` links its 39 exercises as
    # `exercises/hello_function/exercise.md`, with their solutions beside; neither folder
    # has a README. They were outside the syllabus, without a word.
    links = ["exercises/s3/exercise.md", "one.md", "exercises/hello/exercise.md"]
    links += ["exercises/hello/solution.md", "exercises/s3/solution.md"]
    others = [*links, "exercises/hello/notes.md", "exercises/old/exercise.md"]
    for unit_path in ("1-aws/README.md", "aws/README.md"):  # numbered, and in name order
        unit = dataclasses.replace(
            page(unit_path, "AWS"),
            body_html="<p>" + " ".join(f'<a href="{link}">x</a>' for link in links) + "</p>",
        )
        folder = unit_path.removesuffix("README.md")
        course = build_course(
            [unit, *(page(folder + path) for path in others)],
            [],
            "{slug}.html",
            "{slug}.html",
            ("Unit", "Lesson"),
        )
        assert course.problems == []
        assert [entry.source.removeprefix("content/" + folder) for entry in course.order] == [
            "README.md",
            "exercises/s3/exercise.md",
            "exercises/hello/exercise.md",
            "one.md",
        ]
        assert outside_of(course) == [
            folder + path
            for path in (
                "exercises/hello/notes.md",
                "exercises/hello/solution.md",
                "exercises/old/exercise.md",
                "exercises/s3/solution.md",
            )
        ]


def test_lessons_a_unit_keeps_in_two_folders_with_no_readme_are_its_lessons():
    # microsoft/AI-System: `Labs/README.md` links `BasicLabs/Lab1/README.md` to `Lab5/` and
    # `AdvancedLabs/Lab6/README.md` to `Lab9/`; neither folder has a README. The labs were
    # outside the syllabus, without a word.
    unit = dataclasses.replace(
        page("2-labs/README.md", "Labs"),
        body_html='<p><a href="setup.md">Setup</a> <a href="./BasicLabs/Lab1/README.md">1</a>'
        ' <a href="BasicLabs/Lab2/">2</a> <a href="AdvancedLabs/Lab3/README.md">3</a>'
        ' <a href="AdvancedLabs/Lab4/README.md">4</a></p>',
    )
    labs = ["BasicLabs/Lab1/README.md", "BasicLabs/Lab1/notes.md", "BasicLabs/Lab2/README.md"]
    labs += ["AdvancedLabs/Lab3/README.md", "AdvancedLabs/Lab4/README.md"]

    def labelled_labs(paths):
        course = build_course(
            [unit, *(page(f"2-labs/{path}") for path in ["setup.md", *paths])],
            [],
            "{slug}.html",
            "{slug}.html",
            ("Unit", "Lesson"),
        )
        assert course.problems == []
        return [
            (entry.label, entry.source.removeprefix("content/2-labs/")) for entry in course.order
        ]

    assert labelled_labs(labs) == [
        ("Unit 2", "README.md"),
        ("Lesson 2.1", "BasicLabs/Lab1/README.md"),
        ("", "BasicLabs/Lab1/notes.md"),
        ("Lesson 2.2", "BasicLabs/Lab2/README.md"),
        ("Lesson 2.3", "AdvancedLabs/Lab3/README.md"),
        ("Lesson 2.4", "AdvancedLabs/Lab4/README.md"),
        ("", "setup.md"),
    ]
    # Numbered from 1 in each folder, neither folder's lessons are the unit's (they would
    # share numbers): the labs its page links are its pages, unlabelled, where linked.
    again = [path.replace("Lab3", "Lab1").replace("Lab4", "Lab2") for path in labs]
    assert labelled_labs(again) == [
        ("Unit 2", "README.md"),
        ("", "setup.md"),
        ("", "BasicLabs/Lab1/README.md"),
        ("", "BasicLabs/Lab1/notes.md"),
        ("", "BasicLabs/Lab2/README.md"),
    ]


@pytest.mark.parametrize("link", ["md/", "https://github.com/o/r/tree/main/1-unit/md"])
def test_of_two_folders_of_numbered_lessons_a_unit_holds_the_one_its_page_links(link):
    # edgeai-for-beginners' modules keep their lessons in `md/` and samples in `code/`, both
    # numbered, and link `md/`. With SOURCE_URL the link to that folder (it has no page)
    # leads to GitHub, and the unit had no lessons.
    unit = dataclasses.replace(page("1-unit/README.md"), body_html=f'<a href="{link}">Read</a>')
    lessons = ["1-unit/md/01-a.md", "1-unit/md/02-b.md", "1-unit/code/01-sample.md"]
    course = build_course(
        [unit, *map(page, lessons)],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Unit", "Lesson"),
        repository="https://github.com/o/r/blob/main",
    )
    assert labelled(course) == [
        ("Unit 1", "1-unit/README.md"),
        ("Lesson 1.1", "1-unit/md/01-a.md"),
        ("Lesson 1.2", "1-unit/md/02-b.md"),
    ]


def test_numbered_lessons_kept_in_one_unnumbered_folder_top_the_syllabus():
    # As Microsoft's generative-ai-with-javascript is laid out: lessons/01-intro-to-genai/.
    course = build(
        [
            "README.md",
            "glossary.md",
            "lessons/README.md",
            "lessons/02-first-app/README.md",
            "lessons/01-intro/README.md",
            "lessons/01-intro/solution/solution.md",
            "lessons/01-intro/quiz.md",
            "lessons/tips.md",
            "videos/sessions/01-llms.md",
            "docs/setup/README.md",
        ]
    )
    assert course.problems == [] and course.notice is None
    assert [(entry.label, entry.source) for entry in course.order] == [
        ("Unit 1", "content/lessons/01-intro/README.md"),
        ("", "content/lessons/01-intro/quiz.md"),
        ("Unit 2", "content/lessons/02-first-app/README.md"),
    ]
    outside = sorted(entry.source.removeprefix("content/") for entry in course.outside)
    assert outside == [
        "docs/setup/README.md",
        "glossary.md",
        "lessons/01-intro/solution/solution.md",
        "lessons/README.md",
        "lessons/tips.md",
        "videos/sessions/01-llms.md",
    ]


def test_with_nothing_numbered_at_the_top_the_readme_links_order_the_syllabus():
    # As Microsoft's Mastering-GitHub-Copilot is laid out: a table of its modules' folders.
    home = (
        '<table><tr><td><a href="./Getting-Started/">Start</a></td></tr>'
        '<tr><td><a href="%7Bfilename%7DCLI/README.md">CLI</a></td></tr>'
        '<tr><td><a href="glossary.html#terms">Terms</a></td></tr>'
        '<tr><td><a href="./Getting-Started/more.md">again</a></td></tr>'
        '<tr><td><a href="https://github.com/x/y">y</a> <a href="CONTRIBUTING.md">c</a>'
        '<a href="Missing/">m</a></td></tr></table>'
    )
    course = build_course(
        [
            page(path)
            for path in [
                "CLI/README.md",
                "CLI/2-tools.md",
                "CLI/1-install.md",
                "Getting-Started/README.md",
                "Getting-Started/more.md",
                "Agent/README.md",
                "Agent/1-assign.md",
                "glossary.md",
                "CONTRIBUTING.md",
            ]
        ],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Module", "Part"),
        home_html=home,
    )
    assert course.problems == [] and course.notice is None
    assert [(entry.label, entry.source.removeprefix("content/")) for entry in course.order] == [
        ("Module 1", "Getting-Started/README.md"),
        ("", "Getting-Started/more.md"),
        ("Module 2", "CLI/README.md"),
        ("Part 2.1", "CLI/1-install.md"),
        ("Part 2.2", "CLI/2-tools.md"),
        ("Module 3", "glossary.md"),
        ("Module 4", "Agent/README.md"),  # not linked, but numbered parts: after the rest
        ("Part 4.1", "Agent/1-assign.md"),
    ]
    outside = sorted(entry.source.removeprefix("content/") for entry in course.outside)
    assert outside == ["CONTRIBUTING.md"]


def test_units_numbered_after_a_word_in_their_names_are_labelled_with_it():
    # diffusion-models-class's `unit0/` was "Chapter 0" beside its units titled "Unit 1: ...",
    # and a zoomcamp's `week_1_docker/` "Chapter 1".
    course = build_default(["unit0/README.md", "unit1/README.md", "unit1/01-a.md", "unit2/b.md"])
    assert labelled(course) == [
        ("Unit 0", "unit0/README.md"),
        ("Unit 1", "unit1/README.md"),
        ("Lesson 1.1", "unit1/01-a.md"),
        ("Unit 2", "unit2/"),
        ("", "unit2/b.md"),
    ]
    course = build_default(["week_1_docker/README.md", "week_2_sql/README.md"])
    assert [label for label, _ in labelled(course)] == ["Week 1", "Week 2"]
    # Not where one unit's name is numbered otherwise, nor where the word is "chapter", nor
    # where the course names its levels (COURSE_LEVELS).
    for paths in (
        ["unit0/README.md", "2-more/README.md"],
        ["chapter-1/README.md", "chapter-2/README.md"],
    ):
        assert labelled(build_default(paths))[0][0].startswith("Chapter")
    course = build(["unit0/README.md", "unit1/README.md"], levels=("Part", "Step"))
    assert [label for label, _ in labelled(course)] == ["Part 0", "Part 1"]


def build_default(paths):
    return build_course([page(path) for path in paths], [], "{slug}.html", "{slug}.html")


def test_what_the_readme_lists_with_its_units_is_in_the_syllabus():
    # edgeai-for-beginners' table of modules starts with `introduction.md`, and
    # LLMs-from-scratch's with `setup/`: both were taken for a preamble (what .NET-For-
    # Beginners links before its table: samples, news) and left outside.
    home = (
        '<p><a href="samples/">Samples</a> <a href="news.md">News</a></p>'
        '<table><tr><td><a href="CONTRIBUTING.md">Contribute</a></td></tr>'  # GitHub's own
        '<tr><td><a href="README.zh-CN.md">中文</a></td></tr>'
        '<tr><td><a href="./introduction.md">00 Introduction</a></td></tr>'
        '<tr><td><a href="setup/">Setup</a></td></tr>'
        '<tr><td><a href="Module00/notebook.ipynb">00 Notebook</a></td></tr>'  # no link to it
        '<tr><td><a href="./Module01/README.md">01 Fundamentals</a></td></tr>'
        '<tr><td><a href="./Module02/">02 Models</a></td></tr>'
        # After the units in their list, as a book's table of contents ends with appendices.
        '<tr><td><a href="apA.md">Appendix A</a></td></tr></table>'
        '<p><a href="glossary.md">Glossary</a></p>'
    )
    paths = [
        *("introduction.md", "news.md", "glossary.md", "samples/README.md", "setup/README.md"),
        "apA.md",
        *("CONTRIBUTING.md", "README.zh-CN.md"),
        *("setup/01_conda.md", "Module01/README.md", "Module02/README.md", "Module02/01.Intro.md"),
        "Module00/README.md",
    ]
    course = readme_course(paths, home)
    assert course.problems == [] and course.notice is None
    assert labelled(course) == [
        ("", "introduction.md"),
        ("", "setup/README.md"),
        ("", "setup/01_conda.md"),
        ("Module 0", "Module00/README.md"),  # its units' word (test_units_numbered_after_...)
        ("Module 1", "Module01/README.md"),
        ("Module 2", "Module02/README.md"),
        ("Lesson 2.1", "Module02/01.Intro.md"),
        ("", "apA.md"),
    ]
    assert outside_of(course) == [
        *("CONTRIBUTING.md", "README.zh-CN.md", "glossary.md", "news.md", "samples/README.md"),
    ]


def test_pages_the_readme_links_in_a_folder_with_no_readme_are_in_its_order():
    # stas00/ml-engineering's README lists `insights/ai-battlefield.md` and
    # `insights/how-to-choose-cloud-provider.md` (insights/ has no README), then `compute/`
    # and `storage/`. Its first two chapters were outside the syllabus, without a word.
    home = (
        '<ol><li><a href="./insights/ai-battlefield.md">The AI Battlefield</a></li>'
        '<li><a href="insights/how-to-choose-cloud-provider.md">Cloud</a></li>'
        '<li><a href="./insights/gpus/README.md">GPUs</a></li>'
        '<li><a href="compute/">Compute</a></li><li><a href="storage/">Storage</a></li>'
        '<li><a href="network/">Network</a></li></ol>'
    )
    paths = ["insights/how-to-choose-cloud-provider.md", "insights/ai-battlefield.md"]
    paths += ["insights/draft.md", "insights/gpus/README.md", "insights/gpus/notes.md"]
    paths += ["insights/old/README.md", "compute/README.md", "storage/README.md"]
    paths += ["network/README.md"]
    course = readme_course(paths, home)
    assert course.problems == []
    assert labelled(course) == [
        ("Chapter 1", "insights/ai-battlefield.md"),
        ("Chapter 2", "insights/how-to-choose-cloud-provider.md"),
        ("Chapter 3", "insights/gpus/README.md"),  # a folder with a README, listed too
        ("Chapter 3.1", "insights/gpus/notes.md"),
        ("Chapter 4", "compute/README.md"),
        ("Chapter 5", "storage/README.md"),
        ("Chapter 6", "network/README.md"),
    ]
    assert outside_of(course) == ["insights/draft.md", "insights/old/README.md"]


def test_what_the_readme_lists_as_headings_with_its_units_is_in_the_syllabus():
    # DataTalksClub's llm-zoomcamp lists its modules as headings, `### [Module 1: ...](01-a/)`,
    # and last `### [Capstone Project](project.md)`, which was left outside: Module 7 had no
    # Next. A heading of another section, or of another level, is no part of that list.
    home = (
        '<h2>Syllabus</h2><h3><a href="01-a/">Module 1: A</a></h3><p>About <a href="faq.md">'
        'FAQ</a>.</p><h3><a href="02-b/">Module 2: B</a></h3><h4><a href="notes.md">Notes</a>'
        '</h4><h3><a href="project.md">Capstone Project</a></h3><h3>Capstone, <a href="about.md">'
        'about</a></h3><h2>Community</h2><h3><a href="slack.md">Slack</a></h3>'
    )
    paths = ["01-a/README.md", "02-b/README.md", "project.md", "faq.md", "notes.md", "about.md"]
    course = readme_course([*paths, "slack.md"], home)
    assert labelled(course) == [
        ("Chapter 1", "01-a/README.md"),
        ("Chapter 2", "02-b/README.md"),
        ("", "project.md"),
    ]
    assert outside_of(course) == ["about.md", "faq.md", "notes.md", "slack.md"]
    # A heading that links a page first leaves it to the list of contents that lists it too.
    home = (
        '<h3><a href="start.md">Start here</a></h3><h2>Contents</h2><ul><li><a href="start.md">'
        'Start</a></li><li><a href="01-a/">A</a></li><li><a href="02-b/">B</a></li></ul>'
    )
    course = readme_course(["start.md", "01-a/README.md", "02-b/README.md"], home)
    assert labelled(course)[0] == ("", "start.md")


def test_read_in_name_order_a_units_pages_follow_its_pages_links():
    # ossu's OSTEP unit links its reading order first, then projects 2A and 1B in the order
    # they are done: they were in name order, 1B first and the reading order third.
    unit_links = '<a href="Reading-order.md">Read</a> <a href="Project-2A.md">2A</a>'
    unit_links += ' <a href="Project-1B.md">1B</a>'
    unit = dataclasses.replace(page("ostep/README.md"), body_html=unit_links)
    pages = [unit, *(page(f"ostep/{name}.md") for name in ("Project-1B", "Project-2A"))]
    pages += [page("ostep/Reading-order.md"), page("ostep/vm-intro.md")]
    home = '<p><a href="ostep/README.md">OSTEP</a></p>'
    course = build_course(pages, [], "{slug}.html", "{slug}.html", home_html=home)
    assert [entry.source.removeprefix("content/ostep/") for entry in course.order] == [
        *("README.md", "Reading-order.md", "Project-2A.md", "Project-1B.md", "vm-intro.md"),
    ]


def test_a_paragraph_of_many_links_is_read_once():
    # Each link's paragraph was read whole to learn whether it was a heading: 8,000 links
    # in one paragraph took 30 s. 40,000 now take about a second; quadratic, many minutes.
    script = (
        "from chapters.folders import first_links\n"
        "first_links('<p>' + '<a href=\"a.md\">x</a> ' * 40_000 + '</p>')\nprint('read')"
    )
    finished = run_in_child(script, timeout=60)
    assert finished.stdout.strip() == "read", finished.stderr


def test_the_readmes_links_into_one_folders_subfolders_order_the_syllabus():
    # bregman-arie/devops-exercises lists its 28 topics as `topics/git/README.md`...: `topics/`
    # has no README, so the syllabus was "1 FAQ, 2 Credits", two links of its text.
    home = (
        '<p><a href="faq.md">FAQ</a></p><table><tr><td><a href="topics/git/README.md">Git</a>'
        '</td><td><a href="topics/aws/README.md">AWS</a></td><td><a href="topics/linux/">Linux'
        "</a></td></tr></table>"
        '<p><a href="credits.md">Credits</a></p>'
    )
    paths = [
        *("faq.md", "credits.md", "topics/aws/README.md", "topics/aws/exercises/s3.md"),
        *("topics/git/README.md", "topics/linux/README.md", "scripts/README.md"),
        "topics/k8s/README.md",
    ]
    course = readme_course(paths, home)
    assert course.problems == []
    assert labelled(course) == [
        ("Chapter 1", "topics/git/README.md"),
        ("Chapter 2", "topics/aws/README.md"),
        ("Chapter 3", "topics/linux/README.md"),
    ]
    assert outside_of(course) == [
        *("credits.md", "faq.md", "scripts/README.md", "topics/aws/exercises/s3.md"),
        "topics/k8s/README.md",  # not linked
    ]


def test_the_readmes_links_to_the_files_of_one_folder_deeper_order_the_syllabus():
    # h5bp/Front-end-Developer-Interview-Questions lists its nine pages of questions in
    # `src/questions/`, with no README there or in `src/`: the syllabus was empty.
    items = ["general", "html", "css"]
    home = "<ol>" + "".join(
        f'<li><a href="src/questions/{name}-questions.md">{name}</a></li>' for name in items
    )
    home += '</ol><p>By <a href="CONTRIBUTORS.md">all of us</a>.</p>'
    paths = [f"src/questions/{name}-questions.md" for name in sorted(items)]
    course = readme_course([*paths, "src/translations/ja/README.md", "CONTRIBUTORS.md"], home)
    assert course.problems == []
    assert labelled(course) == [
        ("Chapter 1", "src/questions/general-questions.md"),
        ("Chapter 2", "src/questions/html-questions.md"),
        ("Chapter 3", "src/questions/css-questions.md"),
    ]
    assert outside_of(course) == ["CONTRIBUTORS.md", "src/translations/ja/README.md"]


def test_a_page_the_readme_lists_in_a_topic_folder_with_no_readme_is_a_chapter():
    # bregman-arie/devops-exercises lists `topics/node/node_questions_basic.md` among its
    # topics' READMEs, and `node/` has no README: the NodeJs topic was outside, unseen.
    topics = ["topics/git/README.md", "topics/node/basics.md", "topics/aws/README.md"]
    home = "<ul>" + "".join(f'<li><a href="{path}">x</a></li>' for path in topics)
    home += '</ul><p>See <a href="topics/node/advanced.md">more</a>.</p>'
    course = readme_course([*topics, "topics/node/advanced.md", "topics/node/old.md"], home)
    assert course.problems == []
    assert labelled(course) == [
        ("Chapter 1", "topics/git/README.md"),
        ("Chapter 2", "topics/node/basics.md"),
        ("Chapter 3", "topics/aws/README.md"),
    ]
    assert outside_of(course) == ["topics/node/advanced.md", "topics/node/old.md"]


def test_a_readme_listing_lessons_deep_in_folders_with_no_readme_is_their_contents():
    # trekhleb/javascript-algorithms keeps each lesson in `src/<category>/<topic>/`, with no
    # README in `src/` or a category: the syllabus was one chapter, "Project Backers".
    # Its README lists them under headings, grouped under bold names, some nested, and
    # lists them again by another grouping.
    home = (
        '<h1>Algorithms</h1><p>In <a href="README.zh-CN.md">中文</a>.</p>'
        '<div class="section-heading"><h2 id="ds">Data Structures</h2></div>'
        '<ul><li><code>B</code> <a href="src/data-structures/stack">Stack</a></li>'
        '<li><a href="src/data-structures/tree/">Tree</a><ul>'
        '<li><a href="src/data-structures/tree/avl-tree">AVL Tree</a></li></ul></li></ul>'
        "<h2>Algorithms</h2><h3>By topic</h3>"
        "<ul><li><strong>Math</strong><ul>"
        '<li><a href="src/algorithms/math/bits">Bits</a> - bit tricks</li>'
        '<li><a href="{filename}/src/algorithms/math/gcd/README.md">GCD</a></li></ul></li>'
        "<li><p><b>Sorting</b> - in order</p><ul>"
        '<li><a href="src/algorithms/sorting/quick-sort">Quick sort</a></li></ul></li></ul>'
        "<h3>By paradigm</h3><ul><li><strong>Divide and conquer</strong><ul>"
        '<li><a href="src/algorithms/sorting/quick-sort">Quick sort</a></li></ul></li></ul>'
        '<p>Thanks to our <a href="BACKERS.md">backers</a>.</p>'
    )
    lessons = ["data-structures/stack", "data-structures/tree", "data-structures/tree/avl-tree"]
    lessons += ["algorithms/math/bits", "algorithms/math/gcd", "algorithms/sorting/quick-sort"]
    paths = [f"src/{lesson}/README.md" for lesson in lessons]
    others = ["BACKERS.md", "README.zh-CN.md", "src/algorithms/math/bits/README.zh-CN.md"]
    # Each page keeps its own title (its heading), not the README's shorter link text.
    titled = {"src/algorithms/math/gcd/README.md": "Greatest common divisor"}
    written = [page(path, titled.get(path)) for path in [*paths, *others]]
    course = build_course(written, [], "{slug}.html", "{slug}.html", home_html=home)
    assert course.problems == [] and course.notice is None
    parts = [(entry.title, entry.part, entry.source) for entry in course.tree]
    assert parts == [
        ("Data Structures", True, "content/README.md"),
        ("Math", True, "content/README.md"),
        ("Sorting", True, "content/README.md"),
    ]
    contents = [[(c.title, c.number, c.source) for c in part.children] for part in course.tree]
    assert contents == [
        [("Stack", 1, "content/src/data-structures/stack/README.md"), ("Tree", 2, ANY)],
        [("Bits", 3, ANY), ("Greatest common divisor", 4, ANY)],
        [("Quick sort", 5, "content/src/algorithms/sorting/quick-sort/README.md")],
    ]
    tree = course.tree[0].children[1]
    assert [(c.title, c.source) for c in tree.children] == [
        ("Avl tree", "content/src/data-structures/tree/avl-tree/README.md")
    ]
    assert outside_of(course) == sorted(others)
    # Files, not folders, under headings (h2 as Markdown writes them, with no wrapper).
    home = "<h1>Book</h1><h2>Basics</h2><ul>"
    home += '<li><a href="docs/basics/variables.md">Variables</a></li>'
    home += '<li><a href="docs/basics/loops.md">Loops</a></li></ul>'
    home += '<h2>Advanced</h2><ul><li><a href="docs/advanced/closures.md">Closures</a></li></ul>'
    paths = ["docs/basics/variables.md", "docs/basics/loops.md", "docs/advanced/closures.md"]
    course = readme_course(paths, home)
    assert [(entry.title, len(entry.children)) for entry in course.tree] == [
        ("Basics", 2),
        ("Advanced", 1),
    ]
    assert [entry.source for entry in course.order if not entry.part] == [
        f"content/{path}" for path in paths
    ]
    # A README listing fewer than half of them is no contents: the names' order stays.
    course = readme_course([*paths, "docs/a.md", "docs/b.md", "docs/c.md", "docs/d.md"], home)
    assert course.tree == [] or all(not entry.part for entry in course.tree)
    assert course.notice is not None


def test_a_book_in_a_folder_of_its_own_follows_its_table_of_contents():
    # getify/Functional-Light-JS keeps its book in `manuscript/`, whose README lists the
    # foreword, the preface, `ch1.md`... and `apA.md`...: only the chapters were read.
    contents = '<p>Typos? See <a href="notes.md">the notes</a>.</p>'  # in prose: not a part
    contents += '<ul><li><a href="foreword.md">Foreword</a></li><li><a href="ch1.md/#x">1</a>'
    contents += '</li><li><a href="ch2.md">2</a></li><li><a href="apA.md">A</a></li></ul>'
    book = dataclasses.replace(page("manuscript/README.md"), body_html=contents)
    others = ["foreword.md", "ch1.md", "ch2.md", "apA.md", "notes.md"]
    course = build_course(
        [book, *(page(f"manuscript/{name}") for name in others)],
        [],
        "{slug}.html",
        "{slug}.html",
        home_html='<p><a href="manuscript/README.md">Read the book</a></p>',
    )
    assert [entry.source.removeprefix("content/manuscript/") for entry in course.order] == [
        *("foreword.md", "ch1.md", "ch2.md", "apA.md")
    ]
    assert outside_of(course) == ["manuscript/README.md", "manuscript/notes.md"]


def test_of_folders_the_readmes_links_lead_into_the_one_nearest_the_top_is_chosen():
    # `topics/` (its subfolders linked) is the syllabus, not `topics/aws/labs/` below it.
    links = ["topics/git/README.md", "topics/aws/README.md"]
    links += [f"topics/aws/labs/{name}.md" for name in "abc"]
    home = "<ul>" + "".join(f'<li><a href="{link}">x</a></li>' for link in links) + "</ul>"
    course = readme_course(links, home)
    assert [source for _label, source in labelled(course)] == links[:2]
    # Of two at one depth, the one linked most: devops-exercises' 28 topics, not its three
    # certificates (the syllabus was "FAQ, Credits").
    topics = [f"topics/{name}/README.md" for name in ("git", "aws", "linux")]
    links = [*topics, "certificates/az-900.md", "certificates/ccp.md"]
    home = "<ul>" + "".join(f'<li><a href="{link}">x</a></li>' for link in links) + "</ul>"
    course = readme_course(links, home)
    assert [source for _label, source in labelled(course)] == topics
    # Two linked alike: no guess between them; the README's list is the syllabus.
    links = ["one/a.md", "one/b.md", "two/c.md", "two/d.md"]
    home = "<ul>" + "".join(f'<li><a href="{link}">x</a></li>' for link in links) + "</ul>"
    course = readme_course(links, home)
    assert labelled(course) == [(f"Chapter {n}", link) for n, link in enumerate(links, 1)]
    assert course.notice is None


def test_a_file_named_as_a_folder_without_readme_is_that_folders_page():
    # As rubymonsters/ruby-for-beginners is laid out: 03-learning.md, then 03-learning/.
    course = build(
        ["03-learning.md", "03-learning/01-modes.md", "03-learning/02-google.md", "04-tools.md"]
    )
    assert course.problems == []
    assert [(entry.label, entry.source) for entry in course.order] == [
        ("Unit 3", "content/03-learning.md"),
        ("Lesson 3.1", "content/03-learning/01-modes.md"),
        ("Lesson 3.2", "content/03-learning/02-google.md"),
        ("Unit 4", "content/04-tools.md"),
    ]


def test_a_readme_link_places_only_the_file_or_folder_it_names():
    home = '<a href="Other/">o</a> <a href="CLI/">c</a> <a href="slides.pdf">s</a>'
    course = build_course(
        [page(path) for path in ["CLI/README.md", "CLI.md", "Other/README.md", "slides.md"]],
        [],
        "{slug}.html",
        "{slug}.html",
        home_html=home,
    )
    assert [entry.source for entry in course.order] == [
        "content/Other/README.md",
        "content/CLI/README.md",
    ]
    assert sorted(entry.source for entry in course.outside) == [
        "content/CLI.md",
        "content/slides.md",
    ]


def test_numbered_lessons_the_readme_does_not_link_follow_what_it_links():
    course = build_course(
        [
            page(path)
            for path in ["docs/README.md", "lessons/README.md", "lessons/01-a.md", "notes.md"]
        ],
        [],
        "{slug}.html",
        "{slug}.html",
        home_html='<a href="docs/">Docs</a>',
    )
    assert [(entry.label, entry.source) for entry in course.order] == [
        ("Chapter 1", "content/docs/README.md"),
        ("Chapter 2", "content/lessons/README.md"),
        ("Chapter 2.1", "content/lessons/01-a.md"),
    ]
    assert [entry.source for entry in course.outside] == ["content/notes.md"]


def test_two_folders_of_numbered_lessons_in_one_folder_are_its_parts_in_name_order():
    # The 14 labs of a lab course (`Instructions/Labs/`, beside `Instructions/Demos/`) were
    # in no syllabus, linked from nowhere: an empty syllabus, or the demos alone.
    course = build(["lessons/01-a/README.md", "labs/01-b/README.md", "labs/02-c/README.md"])
    assert [(entry.label, entry.title) for entry in course.order] == [
        ("", "Labs"),
        ("", "B"),
        ("", "C"),
        ("", "Lessons"),
        ("", "A"),
    ]
    assert course.problems == []
    assert course.notice == (
        "content/labs/ and content/lessons/ are the parts of the syllabus, in their names'"
        " order; number them (1-name/, 2-name/) to give them another"
    )


def test_a_solutions_folder_beside_the_lessons_is_no_part_of_the_course():
    # A second read found `solutions/` made a part, "Next" on the last lesson leading there;
    # and a unit's `solution/01-setup.md` taken for the unit's lessons.
    course = build(
        [
            "lessons/01-intro/README.md",
            "lessons/02-project/README.md",
            "lessons/02-project/solution/01-setup.md",
            "solutions/01-intro/README.md",
        ]
    )
    assert [entry.source for entry in course.order] == [
        "content/lessons/01-intro/README.md",
        "content/lessons/02-project/README.md",
    ]
    assert course.notice is None and course.problems == []


def test_a_numbered_folder_of_code_holding_only_a_librarys_license_is_no_lesson():
    # AI-102 vendors jquery-validation's LICENSE.md in 22-.../wwwroot/lib/: "a numbered
    # folder with no page and no lesson" failed the build; AZ-204's in Allfiles/Labs/06/
    # made two folders of numbered lessons, and an empty syllabus.
    course = build(
        [
            "Instructions/Labs/LAB_01-thing.md",
            "Instructions/Labs/LAB_02-thing.md",
            "Allfiles/Labs/06/Solution/wwwroot/lib/jquery-validation/LICENSE.md",
            "05-code/wwwroot/lib/jquery-validation/LICENSE.md",
        ]
    )
    assert course.problems == [] and course.notice is None
    assert [entry.source for entry in course.order] == [
        "content/Instructions/Labs/LAB_01-thing.md",
        "content/Instructions/Labs/LAB_02-thing.md",
    ]
    assert "content/05-code/wwwroot/lib/jquery-validation/LICENSE.md" in [
        entry.source for entry in course.outside
    ]


def test_the_readme_in_another_language_is_a_page_outside_not_chapter_one():
    # so-large-lm keeps README-EN.md beside its README: read in name order, it was
    # "Chapter 1 Foundation of Large Models".
    # javascript-algorithms: `README.uz-UZ.md` was the course's one chapter.
    translated = ["README-EN.md", "README.ka-GE.md", "README.uz-UZ.md", "README_zh-CN.md"]
    # coding-interview-university: Marathi, Khmer as often written, pt-BR without its dash.
    translated += ["README-kh.md", "README-mr.md", "README-ptbr.md", "README-zhcn.md"]
    # nodebestpractices names its ten by the language: its syllabus was 23 of 85 pages.
    translated += ["README.french.md", "README.brazilian-portuguese.md", "README.chinese.md"]
    named = ["README-GL.md", "README-TA.md", "README-eu.md", "README-ml.md", "README-ui-ux.md"]
    named += ["README.setup.md"]
    # of OpenGL, for TAs, for the EU, of ML, of UI/UX
    course = build([*translated, *named, "intro.md", "setup.md"])
    assert [entry.source for entry in course.order] == [
        *(f"content/{name}" for name in named),  # a language only with its country, in capitals
        "content/intro.md",
        "content/setup.md",
    ]
    assert sorted(entry.source for entry in course.outside) == sorted(
        f"content/{name}" for name in translated
    )


def test_lessons_named_as_a_repositorys_files_in_lower_case_stay_lessons():
    # A second read: `02-agents/agents.md`, `03-security/security.md` and a lesson kept
    # as `README_en.md` left the syllabus without a word; `README-GPU.md` too.
    course = build(
        [
            "01-intro/README.md",
            "02-agents/agents.md",
            "03-security/security.md",
            "04-bilingual/README_en.md",
            "05-setup/README.md",
            "05-setup/README-GPU.md",
            "06-code/wwwroot/LICENSE.md",
        ]
    )
    assert [entry.source for entry in course.order] == [
        "content/01-intro/README.md",
        "content/02-agents/",
        "content/02-agents/agents.md",
        "content/03-security/",
        "content/03-security/security.md",
        "content/04-bilingual/",
        "content/04-bilingual/README_en.md",
        "content/05-setup/README.md",
        "content/05-setup/README-GPU.md",
    ]


def test_two_parts_of_a_unit_holding_numbered_lessons_label_neither():
    # DataTalksClub's data-engineering-zoomcamp: `docker-sql/` and `terraform/` in module 1
    # both had a "Lesson 1.1", in the syllabus, the titles and the Next links.
    course = build(
        [
            "1-intro/README.md",
            "1-intro/docker/README.md",
            "1-intro/docker/01-introduction.md",
            "1-intro/docker/02-compose.md",
            "1-intro/terraform/README.md",
            "1-intro/terraform/1_overview.md",
            "2-next/README.md",
            "2-next/notes/README.md",
            "2-next/notes/01-x.md",  # the one part of its unit: labelled as its lessons
        ]
    )
    assert [entry.label for entry in course.order] == [
        *("Unit 1", "", "", "", "", ""),
        *("Unit 2", "", "Lesson 2.1"),
    ]


def test_a_chapter_kept_in_its_folder_under_the_folders_name_is_its_page():
    # pumpkin-book and easy-rl keep docs/chapter16/chapter16.md: "Chapter 16.16".
    course = build(
        [
            "docs/chapter1/chapter1.md",
            "docs/chapter2/chapter2.md",
            "docs/chapter16/chapter16.md",
            "docs/chapter16/notes.md",
        ]
    )
    assert [(entry.label, entry.source) for entry in course.order] == [
        ("Unit 1", "content/docs/chapter1/chapter1.md"),
        ("Unit 2", "content/docs/chapter2/chapter2.md"),
        ("Unit 16", "content/docs/chapter16/chapter16.md"),
        ("", "content/docs/chapter16/notes.md"),
    ]


def test_the_one_chapter_of_a_numbered_folder_numbered_as_it_is_is_its_page():
    # Asabeneh's 30-Days-Of-Python keeps each day as `02_Day_Variables/02_variables.md`: each
    # was a page the build made, "Chapter 2: Day Variables", holding "Chapter 2.2".
    paths = [
        "02_Day_Variables/02_variables.md",
        "03_Day_Operators/03_operators.md",
        "14_Day_Errors/13_errors.md",  # another number: a lesson of its own, as written
        "15_Day_Classes/15_classes.md",
        "15_Day_Classes/notes.md",  # two chapters: the folder's page is the build's
    ]
    day16 = page("16_Day_Sets/16_sets.md", "📘 Day 16")
    course = build_course(
        [*map(page, paths), day16], [], "{slug}.html", "{slug}.html", ("Unit", "Lesson")
    )
    assert labelled(course) == [
        ("Unit 2", "02_Day_Variables/02_variables.md"),
        ("Unit 3", "03_Day_Operators/03_operators.md"),
        ("Unit 14", "14_Day_Errors/"),
        ("Lesson 14.13", "14_Day_Errors/13_errors.md"),
        ("Unit 15", "15_Day_Classes/"),
        ("Lesson 15.15", "15_Day_Classes/15_classes.md"),
        ("", "15_Day_Classes/notes.md"),
        ("Unit 16", "16_Day_Sets/"),  # its chapter's title is "📘 Day 16": the folder's name
        ("Lesson 16.16", "16_Day_Sets/16_sets.md"),  # tells its topic
    ]


def test_two_folders_of_numbered_lessons_with_pages_of_their_own_are_a_notice_not_a_guess():
    course = build(["lessons/README.md", "lessons/01-a/README.md", "labs/01-b/README.md"])
    assert course.order == [] and course.problems == []
    assert course.notice == (
        "content/labs/ and content/lessons/ hold numbered pages and content/ holds none:"
        " the syllabus is empty; number those folders (1-name/, 2-name/) to make them its units"
    )
    # Many are named three and counted (hasura/learn-graphql's line named 208 folders).
    names = ["a", "b", "c", "d", "e"]
    course = build([path for n in names for path in (f"{n}/README.md", f"{n}/01-x/README.md")])
    assert course.notice.startswith(
        "content/a/, content/b/, content/c/ and 2 more folders hold numbered pages"
    )


def test_a_course_with_no_numbers_is_read_in_name_order_and_says_so_once():
    # A repository's own files are no chapters (rust-by-example: "Chapter 1 Code of Conduct").
    paths = ["b-second/README.md", "a-first/README.md", "a-first/lesson.md", "c.md"]
    course = build([*paths, "CODE_OF_CONDUCT.md", "CONTRIBUTING.md"])
    assert [entry.title for entry in course.order] == ["A first", "Lesson", "B second", "C"]
    assert [entry.label for entry in course.order] == ["Unit 1", "Lesson 1.1", "Unit 2", "Unit 3"]
    assert sorted(entry.source for entry in course.outside) == [
        "content/CODE_OF_CONDUCT.md",
        "content/CONTRIBUTING.md",
    ]
    assert course.problems == []
    assert "no file or folder name starts with a number" in course.notice


def test_read_in_name_order_the_pages_in_folders_with_no_readme_are_told_left_out():
    # TheOdinProject/curriculum keeps its 310 lessons in folders with no README: the syllabus
    # was a style guide, the archive and the legal terms, and nothing said the lessons were out.
    lessons = ["foundations/intro/how.md", "foundations/intro/help.md", "foundations/html.md"]
    lessons += ["javascript/basics/variables.md", "git/a.md", "react/b.md"]
    course = build(["LAYOUT_STYLE_GUIDE.md", "archive/README.md", *lessons])
    assert [entry.source for entry in course.order] == [
        "content/LAYOUT_STYLE_GUIDE.md",
        "content/archive/README.md",
    ]
    assert course.notice == (
        "content/: no file or folder name starts with a number (1-, 01_, 2.): the syllabus"
        " follows the names' order; it leaves out 6 pages in folders with no README"
        " (content/foundations/ 3, content/git/ 1, content/javascript/ 1, and 1 more folder):"
        " give each a README.md that links its lessons, or number them"
    )


def test_a_repositorys_list_of_its_authors_is_no_chapter():
    # the-art-of-command-line is its README, which credits "[many authors](AUTHORS.md)": the
    # syllabus was "1 Authors".
    home = '<p>By <a href="AUTHORS.md">many authors</a>. <a href="/CONTRIBUTING.md">Help</a></p>'
    names = ["AUTHORS.md", "CONTRIBUTORS.md", "MAINTAINERS.md", "CONTRIBUTING.md"]
    course = readme_course(names, home)
    assert course.order == []
    assert outside_of(course) == sorted(names)
    # Nor of those who pay for it: trekhleb/javascript-algorithms' syllabus was "1 Project
    # Backers" (BACKERS.md).
    names = ["BACKERS.md", "SPONSORS.md", "intro.md", "setup.md"]
    course = readme_course(names, "<p>Welcome.</p>")
    assert [entry.source for entry in course.order] == ["content/intro.md", "content/setup.md"]
    assert outside_of(course) == ["BACKERS.md", "SPONSORS.md"]


def test_folders_of_translations_the_readme_links_are_outside():
    # lydiahallie/javascript-questions links its 22 translations (`de-DE/README.md`): the
    # eight whose file is a README were chapters 1 to 8, in German, Russian, Thai...
    home = '<p><a href="./de-DE/README.md">Deutsch</a> <a href="zh_CN/README.md">中文</a></p>'
    home += '<p><a href="setup.md">Setup</a></p>'
    course = readme_course(["de-DE/README.md", "zh_CN/README.md", "setup.md"], home)
    assert [entry.source for entry in course.order] == ["content/setup.md"]
    assert outside_of(course) == ["de-DE/README.md", "zh_CN/README.md"]
    # Nor in a course read in name order, or one of numbered units.
    for lessons in (["setup.md"], ["1-intro/README.md"]):
        course = readme_course(["de-DE/README.md", "zh_CN/README.md", *lessons], home)
        assert [entry.source for entry in course.order] == [f"content/{lessons[0]}"]
    course = readme_course(["de-DE/README.md", "zh_CN/README.md"], home)
    assert course.order == [] and course.notice is None  # the README alone: nothing to number
    # Topics named alike are no translations.
    topics = ["Linux", "CI-CD", "AI-ML", "ar-vr", "hi-fi"]
    home = "<ul>" + "".join(f'<li><a href="{name}/README.md">{name}</a></li>' for name in topics)
    course = readme_course([f"{name}/README.md" for name in topics], home + "</ul>")
    assert [entry.source for entry in course.order] == [
        f"content/{name}/README.md" for name in topics
    ]
    # Nor is a folder holding the course's numbered lessons, even beside its translation.
    home = '<p><a href="en-US/README.md">English</a> <a href="zh-CN/README.md">中文</a></p>'
    paths = [f"{language}/{name}" for language in ("en-US", "zh-CN") for name in LESSONS]
    course = readme_course(paths, home)
    assert [entry.source for entry in course.order][:3] == [
        *("content/en-US/README.md", "content/en-US/01-intro/README.md"),
        "content/en-US/02-next/README.md",
    ]


LESSONS = ["README.md", "01-intro/README.md", "02-next/README.md"]


def test_folders_of_translations_named_by_a_language_alone_are_outside():
    # krahets/hello-algo: the book in `docs/`, and `en/`, `ja/`, `zh-hant/`, each a README and
    # the book again: the translations were the units, and the book had no entry.
    book = ["docs/index.md", "docs/chapter_intro/index.md", "docs/chapter_intro/what.md"]
    translations = [f"{language}/{path}" for language in ("en", "ja", "zh-hant") for path in book]
    translations += ["en/README.md", "ja/README.md", "zh-hant/README.md", "en/CONTRIBUTING.md"]
    course = build(["README.md", *book, *translations])
    assert [entry.source.removeprefix("content/") for entry in course.order] == book
    assert sorted(outside_of(course)) == sorted(translations)
    # A topic named as a language is no translation (`cs/`, C#), with a layout of its own or
    # a `setup.md` as the course's; nor is a course kept in language folders alone.
    course = build(["README.md", "cs/README.md", "cs/algorithms.md", "web/README.md"])
    assert outside_of(course) == []
    course = build(["README.md", "setup.md", "cs/README.md", "cs/setup.md", "py/README.md"])
    assert outside_of(course) == []
    course = build(["README.md", "en/README.md", "en/intro.md", "ja/README.md", "ja/intro.md"])
    assert outside_of(course) == []


def test_a_readmes_links_to_its_translations_in_one_folder_are_no_syllabus():
    # A language bar (`i18n/zh-CN.md`, `i18n/es.md`...) above a list of three lessons: the
    # translations were the syllabus, the lessons outside.
    languages = ["zh-CN", "es", "fr", "de", "ja"]
    home = " ".join(f'<a href="i18n/{language}.md">{language}</a>' for language in languages)
    lessons = ["intro.md", "setup.md", "usage.md"]
    home = f"<p>{home}</p><ul>" + "".join(f'<li><a href="{name}">x</a></li>' for name in lessons)
    course = readme_course([*lessons, *(f"i18n/{name}.md" for name in languages)], home + "</ul>")
    assert [entry.source.removeprefix("content/") for entry in course.order] == lessons


def test_a_readmes_links_to_folders_of_its_translations_deeper_are_no_syllabus():
    # java-design-patterns links `localization/zh/README.md`, `localization/ko/README.md`...
    # as "read in another language": those 17 folders were the syllabus, its ~200
    # patterns outside.
    home = " ".join(f'<a href="localization/{code}/README.md">{code}</a>' for code in ("zh", "ko"))
    paths = ["adapter/README.md", "builder/README.md"]
    paths += [f"localization/{language}/{name}" for language in ("zh", "ko") for name in paths]
    paths += ["localization/zh/README.md", "localization/ko/README.md"]
    course = readme_course(paths, home)
    assert [entry.source.removeprefix("content/") for entry in course.order] == [
        "adapter/README.md",
        "builder/README.md",
    ]
    # Nor is the build to ask for a README in `localization/`, making them lessons again.
    assert "localization" not in (course.notice or "")


def test_numbered_pages_the_readme_never_links_give_way_to_the_pages_it_links():
    # pingcap/talent-plan's README lists its five courses in `courses/`; `talent-plan-1.0/`,
    # which it never links, holds two pages of an old edition numbered `1.0-`: they were
    # the whole syllabus, "Chapter 1.0" twice, and the courses outside, without a word.
    home = (
        '<ul><li><a href="courses/tp101-intro.md">TP 101</a></li>'
        '<li><a href="courses/rust/README.md">TP 201</a></li></ul>'
        '<p>See <a href="courses/README.md">all courses</a>.</p>'
    )
    paths = ["courses/README.md", "courses/tp101-intro.md", "courses/rust/README.md"]
    old = ["talent-plan-1.0/1.0-lp-tidb.md", "talent-plan-1.0/1.0-lp-tikv.md"]
    course = readme_course([*paths, *old], home)
    assert [entry.source.removeprefix("content/") for entry in course.order] == [
        "courses/README.md",
        "courses/rust/README.md",
        "courses/tp101-intro.md",
    ]
    assert set(old) <= set(outside_of(course))
    assert course.notice.startswith("content/talent-plan-1.0/: numbered pages the course")
    # Where the README links as many pages as the folder holds, or into it, it stays.
    lessons = ["lessons/1-a.md", "lessons/2-b.md", "lessons/3-c.md"]
    course = readme_course([*paths, *lessons], home)
    assert [entry.source.removeprefix("content/") for entry in course.order] == lessons


def test_a_units_readme_in_another_language_beside_it_is_outside():
    # system-design-primer keeps `README-zh-Hans.md` beside a solution's README: it was its
    # lesson 1.1, the Next page after the English one.
    paths = ["1-a/README.md", "1-a/README-zh-Hans.md", "1-a/README-ja.md", "1-a/1-basics.md"]
    course = build(paths)
    assert labelled(course) == [("Unit 1", "1-a/README.md"), ("Lesson 1.1", "1-a/1-basics.md")]
    assert outside_of(course) == ["1-a/README-ja.md", "1-a/README-zh-Hans.md"]


def test_a_list_of_the_repositorys_translations_is_no_chapter():
    # 33-js-concepts links TRANSLATIONS.md (links to translated forks) above its lessons,
    # which are all on other sites: its syllabus was "Chapter 1 Translations".
    home = '<p><a href="TRANSLATIONS.md">Translations</a> <a href="CONTRIBUTING.md">Help</a></p>'
    course = readme_course(["TRANSLATIONS.md", "CONTRIBUTING.md"], home)
    assert course.order == [] and course.notice is None
    assert outside_of(course) == ["CONTRIBUTING.md", "TRANSLATIONS.md"]
    # In small letters, a lesson of a course on localisation.
    home = '<p><a href="locales.md">L</a> <a href="translations.md">T</a></p>'
    course = readme_course(["locales.md", "translations.md"], home)
    assert [entry.source for entry in course.order] == [
        "content/locales.md",
        "content/translations.md",
    ]


def test_a_repositorys_instructions_to_coding_assistants_are_no_lessons():
    # TypeScript-Handbook keeps CLAUDE.md at its top: in a course of unnumbered names, read
    # in their order, it was a chapter. In small letters, a lesson on Claude.
    course = build(["CLAUDE.md", "GEMINI.md", "AGENTS.md", "basics.md", "claude.md"])
    assert [entry.source for entry in course.order] == ["content/basics.md", "content/claude.md"]
    assert outside_of(course) == ["AGENTS.md", "CLAUDE.md", "GEMINI.md"]


def test_a_readmes_translations_in_a_folder_of_their_own_are_no_syllabus():
    # coding-interview-university links `translations/README-mr.md`, `README-ptbr.md`... and
    # one page of the course: the translations were its syllabus, the page outside.
    languages = ["es", "mr", "ptbr", "kh"]
    home = " ".join(f'<a href="translations/README-{code}.md">{code}</a>' for code in languages)
    home = f'<p>{home}</p><p><a href="resources.md">Resources</a></p>'
    course = readme_course(
        ["resources.md", *(f"translations/README-{c}.md" for c in languages)], home
    )
    assert [entry.source for entry in course.order] == ["content/resources.md"]


def test_a_lessons_translations_beside_it_are_outside():
    # nodebestpractices keeps `3-parts.french.md`, `3-parts.basque.md`... beside
    # `3-parts.md`: the build failed, "both number 3".
    paths = ["1-a/README.md", "1-a/3-parts.md", "1-a/3-parts.french.md", "1-a/3-parts.fr.md"]
    paths += ["1-a/3-parts.brazilian-portuguese.md", "1-a/README.zh-CN.md", "1-a/4-b.v2.md"]
    # pumpkin-book's `chapter1_FR.md` beside `chapter1.md` was lesson "1.1" of its chapter.
    paths += ["1-a/3-parts_FR.md", "1-a/5-c-JA.md", "1-a/5-c.md", "1-a/6-setup-ml.md"]
    # In small letters after a `-` it is a name's word: a lesson on Azure (the sweep's).
    paths += ["1-a/7-deploy.md", "1-a/7-deploy-az.md"]
    course = build(paths)
    assert course.problems == []
    assert labelled(course) == [
        ("Unit 1", "1-a/README.md"),
        ("Lesson 1.3", "1-a/3-parts.md"),
        ("Lesson 1.4", "1-a/4-b.v2.md"),  # no language, and no `4-b.md` beside it
        ("Lesson 1.5", "1-a/5-c.md"),
        ("Lesson 1.6", "1-a/6-setup-ml.md"),  # no `6-setup.md` beside it
        ("Lesson 1.7", "1-a/7-deploy-az.md"),
        ("Lesson 1.7", "1-a/7-deploy.md"),
    ]
    assert outside_of(course) == [
        "1-a/3-parts.brazilian-portuguese.md",
        "1-a/3-parts.fr.md",
        "1-a/3-parts.french.md",
        "1-a/3-parts_FR.md",
        "1-a/5-c-JA.md",
        "1-a/README.zh-CN.md",
    ]


def test_a_syllabus_left_empty_says_so():
    # A Carpentries lesson with unnumbered episodes: "Nothing here yet", and no word why.
    course = build(["episodes/introduction.md", "episodes/data.md", "learners/setup.md"])
    assert course.tree == [] and len(course.outside) == 3
    assert course.notice == (
        "content/: the syllabus is empty: none of the 3 pages has a place in it; number the"
        " lessons (01-intro.md, 02-setup.md) or their folders"
    )


def test_a_course_that_is_its_readme_alone_is_told_nothing_to_number():
    # the-art-of-command-line: one README, its translations beside it; nothing to number.
    paths = ["README.md", "README-es.md", "README-zh.md", "CONTRIBUTING.md", "de-DE/README.md"]
    course = build(paths)
    assert course.tree == [] and len(course.outside) == 4
    assert course.notice is None


def test_a_chapter_file_beside_its_folder_is_placed_by_links_to_the_file():
    # rust-by-example (mdBook) links `hello.md`, whose sections are in `hello/`: only the
    # chapters without such a folder were in the syllabus.
    course = build_course(
        [page(path) for path in ["hello.md", "hello/comment.md", "expression.md", "zzz.md"]],
        [],
        "{slug}.html",
        "{slug}.html",
        ("Chapter",),
        home_html='<a href="hello.md">Hello</a> <a href="expression.md">Expressions</a>',
    )
    assert [(entry.label, entry.source) for entry in course.order] == [
        ("Chapter 1", "content/hello.md"),
        ("Chapter 1.1", "content/hello/comment.md"),
        ("Chapter 2", "content/expression.md"),
    ]


def test_folders_the_readme_links_with_no_page_are_units_listing_their_parts():
    # As microsoft/frontend-bootcamp is laid out: its README links `step1-01`, a folder with
    # no README whose lesson/, demo/ and exercise/ have one each: the syllabus was empty.
    home = (
        '<ol><li><a href="step1-01">Introduction to HTML</a></li>'
        '<li><a href="./step1-02/">Introduction <em>to</em>  CSS</a></li></ol>'
        '<p><a href="bonus-jest">Testing with Jest</a> <a href="notes/extra.md">notes</a></p>'
    )
    paths = [
        "step1-01/demo/README.md",
        "step1-01/exercise/README.md",
        "step1-01/lesson/README.md",
        "step1-02/final/README.md",
        "step1-02/lesson/README.md",
        "bonus-jest/demo/README.md",
        "notes/extra.md",  # linked into, not linked: no unit
    ]
    course = build_course(
        [page(path) for path in paths], [], "{slug}.html", "{slug}.html", home_html=home
    )
    assert course.problems == [] and course.notice is None
    assert [(entry.label, entry.title, entry.source) for entry in course.order] == [
        ("Chapter 1", "Introduction to HTML", "content/step1-01/"),
        ("", "Lesson", "content/step1-01/lesson/README.md"),  # the lesson before its demo
        ("", "Demo", "content/step1-01/demo/README.md"),
        ("", "Exercise", "content/step1-01/exercise/README.md"),
        ("Chapter 2", "Introduction to CSS", "content/step1-02/"),
        ("", "Lesson", "content/step1-02/lesson/README.md"),
        ("", "Final", "content/step1-02/final/README.md"),
        ("Chapter 3", "Testing with Jest", "content/bonus-jest/"),
        ("", "Demo", "content/bonus-jest/demo/README.md"),
    ]
    first = course.order[0]
    assert first.listing and first.save_as == "step1-01/index.html"
    assert first.description == "Lesson, Demo, Exercise"
    assert [entry.source for entry in course.outside] == ["content/notes/extra.md"]


@pytest.mark.parametrize(
    ("written", "page_path", "site_url", "led"),
    [
        ("tree/main/step1-01", "index.html", None, "step1-01/index.html"),
        ("tree/main/step1-01/", "2-a/x/index.html", None, "../../step1-01/index.html"),
        ("tree/main/step%201", "index.html", "https://me.example/c", "https://me.example/c/s%201/"),
        ("tree/main/step1-01?x=1", "index.html", None, None),  # not a folder's view alone
        ("tree/main/code", "index.html", None, None),  # a folder of code: GitHub's view
        ("blob/main/step1-01/lesson/README.md", "index.html", None, None),
    ],
)
def test_links_to_a_listed_folders_view_on_github_lead_to_its_page(
    written, page_path, site_url, led
):
    address = f"https://github.com/o/course/{written}"
    page_html = f'<p><a href="{address}">Step</a></p>'
    listings = {"step1-01": "step1-01/index.html", "step 1": "s 1/"}
    got = lead_to_listings(
        page_html, "https://github.com/o/course/blob/main", listings, page_path, site_url
    )
    assert got == f'<p><a href="{led or address}">Step</a></p>'


def test_a_numbered_folder_without_a_page_gets_one_that_lists_its_lessons():
    # Microsoft's AI-For-Beginners keeps lessons 21 to 23 in `lessons/6-Other/`, with no
    # README: the build failed, and the three lessons were outside the syllabus.
    course = build(["1-a/README.md", "2-other/21-genetic/README.md", "2-other/22-rl/README.md"])
    assert course.problems == []
    other = course.order[1]
    assert (other.label, other.title, other.save_as) == ("Unit 2", "Other", "2-other/index.html")
    assert other.listing and not other.is_upcoming and other.status == "Available"
    assert [child.label for child in other.children] == ["Lesson 2.21", "Lesson 2.22"]
    assert other.description == "Genetic, Rl"
    assert course.order[2].previous is other and other.previous is course.order[0]


def test_folders_with_no_numbered_lessons_may_share_a_number():
    # yandexdataschool/Practical_RL keeps `week04_[recap]_deep_learning/` beside
    # `week04_approx_rl/`, a README each: the build failed, "both number 4", though no
    # lesson's number could be the other's. They are week 4 both, in their names' order.
    course = build(["week04_[recap]_dl/README.md", "week04_approx_rl/README.md"])
    assert course.problems == []
    assert labelled(course) == [
        ("Unit 4", "week04_[recap]_dl/README.md"),
        ("Unit 4", "week04_approx_rl/README.md"),
    ]


@pytest.mark.parametrize(
    ("paths", "problem"),
    [
        (
            ["1-a/README.md", "1-b/README.md", "1-b/1-lesson.md"],
            "content/1-a/README.md and content/1-b/README.md are both number 1 in content/:"
            " give each its own number",
        ),
        # A numbered folder with no page has one made, listing its lessons: not with none.
        (
            ["1-a/README.md", "2-empty/assets/notes.md"],
            "content/2-empty/: a numbered folder with no page and no lesson:"
            " add content/2-empty/README.md",
        ),
        (["2-foo/1-a.md", "2-bar.md"], "content/2-bar.md and content/2-foo/ are both number 2"),
    ],
)
def test_bad_layouts_are_one_line_each_naming_the_files(paths, problem):
    course = build(paths)
    assert any(found.startswith(problem) for found in course.problems), course.problems


def test_upcoming_chapters_take_their_place_among_units():
    course = build(
        ["1-a/README.md", "3-c/README.md"], upcoming=[{"number": 2, "title": "Two", "slug": "two"}]
    )
    assert [(entry.label, entry.is_upcoming) for entry in course.order] == [
        ("Unit 1", False),
        ("Unit 2", True),
        ("Unit 3", False),
    ]


def test_a_unit_written_with_an_upcoming_chapters_number_replaces_it():
    course = build(
        ["1-a/README.md", "2-b/README.md"], upcoming=[{"number": 2, "title": "B", "slug": "b"}]
    )
    assert [(entry.label, entry.is_upcoming) for entry in course.order] == [
        ("Unit 1", False),
        ("Unit 2", False),
    ]
    assert course.problems == []


def test_an_upcoming_chapter_leaves_a_course_of_unnumbered_names_in_their_order():
    # pelicanconf.py's sample "Chapter 5: Agents", left in UPCOMING_CHAPTERS, made a course
    # of unnumbered folders a syllabus of that one chapter, its pages outside without a word.
    paths = ["guide/README.md", "guide/alpha.md", "guide/beta.md"]
    course = build(paths, upcoming=[{"number": 5, "title": "Agents", "slug": "chapter5"}])
    assert [(entry.label, entry.is_upcoming) for entry in course.order] == [
        ("Unit 1", False), ("Lesson 1.1", False), ("Lesson 1.2", False), ("Unit 5", True)
    ]  # fmt: skip
    assert outside_of(course) == []
    assert course.notice.startswith("content/: no file or folder name starts with a number")


def test_a_folder_without_a_page_in_a_course_with_no_numbers_is_outside_not_a_problem():
    course = build(["intro.md", "setup.md", "extras/tools/README.md"], levels=("Chapter",))
    assert course.problems == []
    assert [(entry.label, entry.title) for entry in course.order] == [
        ("Chapter 1", "Intro"),
        ("Chapter 2", "Setup"),
    ]
    assert [entry.source for entry in course.outside] == ["content/extras/tools/README.md"]


def test_a_summary_nested_without_end_is_read_to_a_depth():
    # Lists written in HTML into SUMMARY.md may nest as deep as their author likes: read
    # whole, they ended the build with a RecursionError.
    html = "".join(f'<ul><li><a href="ch{i}.md">{i}</a>' for i in range(3000))
    places = summary_places(html + "</li></ul>" * 3000)
    assert len(places) == SUMMARY_DEPTH + 1
    assert places["ch0.md"] == (None, True, "0", None, False)
    assert places["ch1.md"] == ("ch0.md", True, "1", None, False)


def test_a_repositorys_pull_request_template_is_no_chapter():
    # java-design-patterns, read in name order: `PULL_REQUEST_TEMPLATE.md` was "Chapter 1".
    course = build(["adapter/README.md", "bridge/README.md", "PULL_REQUEST_TEMPLATE.md"])
    assert [entry.source for entry in course.order] == [
        "content/adapter/README.md",
        "content/bridge/README.md",
    ]


def test_docsifys_menu_and_cover_are_no_lessons():
    # happy-llm keeps docsify's `docs/_sidebar.md` beside its chapters: it was a lesson,
    # "Sidebar", and the last chapter's Next led to it.
    # Nor is a unit's CONTRIBUTING.md, linked or not (talent-plan's "Chapter 1.4.3").
    course = build(
        ["1-intro/README.md", "1-intro/1-setup.md", "1-intro/notes.md"]
        + ["1-intro/CONTRIBUTING.md", "1-intro/_sidebar.md", "_sidebar.md", "_coverpage.md"]
    )
    assert labelled(course) == [
        ("Unit 1", "1-intro/README.md"),
        ("Lesson 1.1", "1-intro/1-setup.md"),
        ("", "1-intro/notes.md"),
    ]
    assert outside_of(course) == [
        "1-intro/CONTRIBUTING.md",
        "1-intro/_sidebar.md",
        "_coverpage.md",
        "_sidebar.md",
    ]
