"""The outline's rules as tables: chapter numbers, order, upcoming entries, reading time."""

import pytest
from chapters.outline import (
    WrittenChapter,
    build_syllabus,
    describe,
    has_h1,
    names_number,
    opens_with,
    reading_minutes,
)
from conftest import run_in_child
from courselib.chapter_numbers import OutlineError, chapter_number, parse_upcoming


@pytest.mark.parametrize(
    ("chapter_field", "slug", "number"),
    [
        (None, "chapter4", 4),
        (None, "chapter10", 10),
        (None, "04-tokens", 4),
        ("7", "intro", 7),
        (" 12 ", "chapter3", 12),  # the explicit field wins over the slug
        ("", "chapter2", 2),
    ],
)
def test_chapter_number(chapter_field, slug, number):
    assert chapter_number(chapter_field, slug, "content/x.md") == number


@pytest.mark.parametrize(
    ("chapter_field", "slug", "message"),
    [
        (None, "welcome", "content/x.md: no chapter number"),
        ("four", "chapter4", "content/x.md: Chapter: 'four' is not a whole number"),
        ("-1", "chapter4", "content/x.md: Chapter: '-1' is not a whole number"),
        ("2.5", "chapter4", "content/x.md: Chapter: '2.5' is not a whole number"),
    ],
)
def test_chapter_number_problems(chapter_field, slug, message):
    with pytest.raises(OutlineError, match="^" + message.replace(".", r"\.")):
        chapter_number(chapter_field, slug, "content/x.md")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("Agents", "UPCOMING_CHAPTERS must be a list"),
        (["Agents"], r"UPCOMING_CHAPTERS\[0\] must be a dict"),
        ([{"number": 5}], r"UPCOMING_CHAPTERS\[0\]: 'title' must be a non-empty string"),
        ([{"number": True, "title": "x"}], r"'number' must be a whole number"),
        ([{"number": 5, "title": "x", "colour": "red"}], r"unknown key 'colour'"),
        ([{"number": 5, "title": "x", "slug": "../up"}], r"'slug' must be a simple name"),
        (
            [{"number": 5, "title": "x"}, {"number": 5, "title": "y"}],
            r"\[1\]: chapter 5 is announced twice",
        ),
    ],
)
def test_upcoming_setting_problems_name_the_key(setting, message):
    with pytest.raises(OutlineError, match=message):
        parse_upcoming(setting)


def test_upcoming_slug_defaults_to_chapter_number():
    assert parse_upcoming([{"number": 5, "title": " Agents "}]) == [
        {"number": 5, "title": "Agents", "slug": "chapter5"}
    ]


def written(
    slug: str, source: str | None = None, chapter_field: str | None = None
) -> WrittenChapter:
    return WrittenChapter(
        source=source or f"content/{slug}.md",
        title=slug.title(),
        slug=slug,
        url=f"{slug}.html",
        save_as=f"{slug}.html",
        chapter_field=chapter_field,
        body_html="<p>words</p>",
    )


def test_syllabus_orders_numerically_and_slots_upcoming_chapters():
    chapters = [
        written("chapter10"),
        written("chapter9"),
        written("chapter2"),
        written("intro", chapter_field="1"),
    ]
    syllabus, problems = build_syllabus(
        chapters,
        [{"number": 5, "title": "Agents", "slug": "chapter5"}],
        "{slug}.html",
        "{slug}.html",
    )
    assert problems == []
    assert [entry.number for entry in syllabus] == [1, 2, 5, 9, 10]
    assert [entry.is_upcoming for entry in syllabus] == [False, False, True, False, False]
    assert syllabus[2].previous.slug == "chapter2" and syllabus[2].next.slug == "chapter9"
    assert syllabus[0].previous is None and syllabus[-1].next is None


def test_written_chapter_replaces_the_upcoming_one():
    syllabus, _ = build_syllabus(
        [written("chapter5")],
        [{"number": 5, "title": "Agents", "slug": "chapter5"}],
        "{slug}.html",
        "{slug}.html",
    )
    assert len(syllabus) == 1 and not syllabus[0].is_upcoming


def test_duplicate_numbers_are_reported_naming_both_files():
    _, problems = build_syllabus(
        [written("chapter3", "content/a.md"), written("three", "content/b.md", "3")],
        [],
        "{slug}.html",
        "{slug}.html",
    )
    assert problems == [
        "content/a.md and content/b.md are both chapter 3: give each chapter its own number"
    ]


@pytest.mark.parametrize(("words", "minutes"), [(1, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_minutes(words, minutes):
    assert reading_minutes("<p>" + "word " * words + "</p>") == minutes


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        # Chinese and Japanese write no spaces: a clause was one word, and a chapter of
        # 4,006 characters "2 min read" (read at about 400 characters a minute).
        ("大语言模型与智能体。" * 400, 9),  # 3,600 characters
        ("これは日本語の文です。" * 200, 5),
        ("한국어는 단어 사이에 띄어쓰기를 합니다. " * 50, 2),  # Korean spaces its words
    ],
)
def test_reading_minutes_of_text_written_without_spaces(text, minutes):
    assert reading_minutes(f"<p>{text}</p>") == minutes


@pytest.mark.parametrize(
    ("title", "numbering", "expected"),
    [
        ("Lesson 2: Your first app", "2", True),
        ("第1章 引言", "1", True),  # so-large-lm: "Chapter 1: 第1章 引言" named it twice
        ("第 12 节 注意力", "12", True),
        # leetcode-master's problems, "第15题. 三数之和", were "Chapter 15: 第15题. ..."; days
        # and weeks are written so too.
        ("第15题. 三数之和", "15", True),
        ("第3天：循环", "3", True),
        ("第2周 数据", "2", True),
        ("第1章 引言", "2", False),
        # A book's chapter numbered within its part (You-Don't-Know-JS): not "2.1: Chapter 1".
        ("Chapter 1: Alpha", "2.1", True),
        ("Chapter 2: Beta", "2.1", False),
        # A count is not a number within a part (comprehensive-rust's 76.3 lost its number).
        ("3 Shapes of Sound Rust", "76.3", False),
        ("3 Shapes of Sound Rust", "3", True),
        ("第3章 引言", "2.3", True),
        # edgeai-for-beginners' `Module06/02.FunctionCalling.md`: "6.2 Section02 : Function..."
        ("Section02 : Function Calling", "6.2", True),
        ("Step1.2 - CSS", "1.2", True),
        ("GPT2 in depth", "6.2", False),  # a name with a number, not a word for a part
        # After an emoji (30-Days-Of-Python: "1 📘 Day 1" beside "Day 2", unlabelled).
        ("📘 Day 1", "1", True),
        ("💻 Day 3: Loops", "3", True),
        ("🚀 1. Setup", "2.1", False),  # no word: not a number within a part
        ("① Intro", "1", False),
        ("Python 🐍 3 basics", "3", False),  # an emoji inside a title is no start
    ],
)
def test_a_title_naming_its_own_number(title, numbering, expected):
    assert names_number(title, numbering) is expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h1 id='a'>T</h1>", True),
        ("<p><img alt='Banner'></p><h1>T</h1><h2>S</h2>", True),
        ("<h2>T</h2>", False),
        ("<h10>", False),
        # missing-semester: sections, then `# Exercises`; the page's title is its own.
        ("<p>Text.</p><h2>Regular expressions</h2><h1>Exercises</h1>", False),
    ],
)
def test_has_h1(html, expected):
    assert has_h1(html) is expected


@pytest.mark.parametrize(
    ("body", "description"),
    [
        # rust-by-example's descriptions read "through casting , if / else ." (29 of 160).
        (
            "<p>Through <a href='x.html'>casting</a>, <code>if</code>/<code>else</code>.</p>",
            "Through casting, if/else.",
        ),
        (
            '<p>A claim.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>',
            "A claim.",
        ),
        ("<p>E = mc<sup>2</sup>, one<br>line</p>", "E = mc2, one line"),
        ("<p><img alt='x' src='x.png'></p><p>Then text.</p>", "Then text."),
        # A callout's title is no description: a Carpentries episode's was "Objectives".
        (
            '<div class="admonition note">\n<p class="admonition-title">Objectives</p>\n<ul>'
            "<li>Git.</li></ul></div><p>Git is a tool.</p>",
            "Git is a tool.",
        ),  # fmt: skip
        # llm-zoomcamp opens 48 lessons so: each had "Video: Watch this lesson".
        (
            "<p>Video: <a href='v'>Watch this lesson</a></p><p>RAG adds documents.</p>",
            "RAG adds documents.",
        ),  # fmt: skip
        ("<p><a href='a'>Home</a> | <a href='b'>Next</a></p>", "Home | Next"),  # nothing else
        (
            "<h2>Setup</h2><ul><li>Install <a href='d'>Docker</a> first.</li></ul>",
            "Install Docker first.",
        ),  # fmt: skip
        ("<h2>Setup</h2>", ""),
        # An item's own text, before the list inside it.
        (
            "<ul><li>Set up the toolchain.<ul><li><a href='i'>Install</a></li></ul></li></ul>",
            "Set up the toolchain.",
        ),
        # A quote under the lesson's sketchnote or video is its caption (ML- and Web-Dev-For-
        # Beginners, 16 lessons: "Sketchnote by Tomomi Imura").
        (
            "<p><img alt='x' src='x.png'></p><blockquote><p>Sketchnote by <a href='t'>Tomomi</a>"
            "</p><blockquote><p>Deeper.</p></blockquote><p>More.</p></blockquote>"
            "<p>This lesson covers regression.</p>",
            "This lesson covers regression.",
        ),
        ("<blockquote><p>Only a quote.</p></blockquote>", "Only a quote."),
        # A sentence in a quote comes before a line of links outside it.
        (
            "<blockquote><p>In this lesson you learn Git.</p></blockquote>"
            "<ul><li><a href='#a'>Introduction</a></li></ul>",
            "In this lesson you learn Git.",
        ),
        # A fold is never it (instructor-training's note to trainers: "The host key is in
        # the email", shown by search engines and link previews), nor an answer.
        (
            '<details class="solution"><summary>Instructor note</summary><p>The host key is in'
            " the email.</p><details><p>Deeper.</p></details></details><p>Lesson text.</p>",
            "Lesson text.",
        ),
        ("<details><summary>Answer</summary><p>42</p></details>", ""),
    ],
)
def test_a_description_is_the_first_paragraphs_text_as_read(body, description):
    assert describe(body) == description


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<!-- BEGIN BLOCK -->\n<h2>Setup</h2>", True),
        ("<!-- a -->\n<!-- b -->\n<h2>Setup</h2>", True),
        # A paragraph between two comments: the page does not open with its title.
        ("<!-- banner -->\n<p>Intro.</p>\n<!-- toc -->\n<h2>Setup</h2>", False),
    ],
)
def test_a_body_opens_with_its_title_after_comments_only(body, expected):
    assert opens_with(body, "Setup") is expected


def test_a_run_of_comments_before_no_heading_is_read_in_linear_time():
    # 24 comments then prose took 7 s (each more doubled it): the pattern's comment could
    # run past its own end. Run in a child process with a time limit, as it could hang.
    script = (
        "import sys; from chapters.outline import opens_with;"
        " print(opens_with(sys.stdin.read(), 'Setup'))"
    )
    body = "<!-- draft line -->\n" * 30 + "<p>No heading here.</p>"
    finished = run_in_child(script, stdin=body, timeout=20)
    assert finished.stdout.strip() == "False", finished.stderr
