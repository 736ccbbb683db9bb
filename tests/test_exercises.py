"""Exercises, solutions and the days a term releases them: the pure rules, from tables."""

from datetime import UTC, date, datetime

import pytest
from chapters.term import unlink_held_back_sections
from courselib.markdown import render_markdown
from courselib.markdown.exercises import (
    SOLUTION_WITHOUT_EXERCISE,
    count_solutions,
    fill_exercise_numbers,
    release_solutions,
)
from courselib.term import course_today, is_held_back, parse_day, spoken_day

TWO_EXERCISES = """\
# Vision

!!! exercise "Caption an *image*"
    Use a vision-language model.

!!! solution
    Ask the model.

!!! solution "Another way"
    Ask a person.

!!! exercise
    Count the objects.
"""


def chapter_html(markdown: str, numbering: str = "4") -> str:
    return fill_exercise_numbers(render_markdown(markdown).html, numbering)


@pytest.mark.parametrize(
    ("numbering", "anchor", "label"),
    [
        ("4", "exercise-4-1", "Exercise 4.1"),
        ("1.2", "exercise-1-2-1", "Exercise 1.2.1"),
        ("", "exercise-1", "Exercise 1"),
    ],
)
def test_an_exercise_is_numbered_within_its_page(numbering, anchor, label):
    html = release_solutions(chapter_html(TWO_EXERCISES, numbering), shown=True)
    assert f'<div class="admonition exercise" id="{anchor}">' in html
    assert f'id="{anchor}-title">{label}: Caption an <em>image</em></p>' in html
    assert f'<a class="permalink" href="#{anchor}" aria-labelledby="{anchor}-title"' in html
    second = anchor[:-1] + "2"
    # Without a title of its own an exercise is its label alone, not "Exercise 4.2: Exercise".
    assert f'id="{second}-title">{label[:-1]}2</p>' in html
    assert "\ue000" not in html and "\ue001" not in html


def test_solutions_fold_inside_the_exercise_before_them():
    html = release_solutions(chapter_html(TWO_EXERCISES), shown=True)
    first = html[html.index('id="exercise-4-1"') : html.index('id="exercise-4-2"')]
    assert first.count('<details class="solution">') == 2
    assert "<summary>Solution</summary>" in first
    assert "<summary>Another way</summary>" in first
    # The exercise closes after its last solution: both folds are inside it.
    assert first.rstrip().endswith('</details>\n</div>\n<div class="admonition exercise"')
    assert render_markdown(TWO_EXERCISES).problems == []


@pytest.mark.parametrize(
    ("markdown", "line", "column"),
    [
        ("Intro.\n\n!!! solution\n    Alone.\n", 3, 1),
        # Something between the exercise and its solution parts them.
        ("!!! exercise\n    Do.\n\nA paragraph.\n\n!!! solution\n    Done.\n", 6, 1),
        # Inside a list item, the exercise outside it is not just before it.
        ("!!! exercise\n    Do.\n\n- item\n\n  !!! solution\n      Done.\n", 6, 3),
        # A solution written inside its exercise has no exercise before it in there.
        ("!!! exercise\n    Do.\n\n    !!! solution\n        Done.\n", 4, 5),
    ],
)
def test_a_solution_with_no_exercise_before_it_is_a_problem_at_its_line(markdown, line, column):
    assert render_markdown(markdown).problems == [(line, column, SOLUTION_WITHOUT_EXERCISE)]


def test_a_held_back_solution_is_cut_out_whole_and_one_notice_says_when():
    html = chapter_html(TWO_EXERCISES + "\n!!! solution\n    <details>Nested</details>\n")
    assert count_solutions(html) == 3
    held = release_solutions(html, shown=False, notice="<p>LATER</p>")
    for text in ("Ask the model", "Ask a person", "Another way", "Nested", "<details"):
        assert text not in held
    # Two solutions of one exercise: one notice for both.
    assert held.count("<p>LATER</p>") == 2
    assert "Count the objects." in held


def test_a_solution_holding_an_exercise_and_its_solution_is_cut_whole():
    markdown = (
        "!!! exercise\n    Do.\n\n!!! solution\n    Outer.\n\n"
        "    !!! exercise\n        Inner.\n\n    !!! solution\n        Deep.\n\nAfter.\n"
    )
    held = release_solutions(chapter_html(markdown), shown=False, notice="<p>LATER</p>")
    assert "Outer" not in held and "Deep" not in held and "Inner" not in held
    assert held.count("<p>LATER</p>") == 1 and "<p>After.</p>" in held


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-20", date(2026, 12, 20)),
        (" 2026-12-20 ", date(2026, 12, 20)),
        ("2026-13-01", None),
        ("2026-02-30", None),
        ("20/12/2026", None),
        ("2026-12-20 10:00", None),
        ("next week", None),
        ("", None),
    ],
)
def test_a_day_is_written_one_way(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize(
    ("field", "held", "day"),
    [
        (None, False, None),
        ("2026-12-20", True, date(2026, 12, 20)),
        ("2026-12-15", False, date(2026, 12, 15)),  # on its day it is out
        ("2026-12-01", False, date(2026, 12, 1)),
        ("soon", True, None),  # not a date: kept back while the build fails
    ],
)
def test_a_text_is_held_back_until_its_day(field, held, day):
    assert is_held_back(field, date(2026, 12, 15)) == (held, day)


def test_today_is_course_today_or_the_date_in_the_course_timezone():
    assert course_today({}, {"COURSE_TODAY": "2026-12-15"}) == (date(2026, 12, 15), None)
    late = datetime(2026, 12, 15, 23, 30, tzinfo=UTC)
    assert course_today({"TIMEZONE": "Asia/Tokyo"}, {}, late) == (date(2026, 12, 16), None)
    assert course_today({"TIMEZONE": "UTC"}, {}, late) == (date(2026, 12, 15), None)
    day, problem = course_today({"TIMEZONE": "UTC"}, {"COURSE_TODAY": "15/12/2026"}, late)
    assert day == date(2026, 12, 15)
    assert problem == (
        "COURSE_TODAY='15/12/2026' is not a date: write it as COURSE_TODAY=2026-12-15"
    )


def test_a_day_reads_the_same_in_every_locale():
    assert spoken_day(date(2026, 12, 5)) == "5 December 2026"


HELD_BACK = {
    "chapter5.html": frozenset({"setup", "exercise-5-1"}),
    "chapter5.md": frozenset({"setup", "exercise-5-1"}),
    "2-devices/index.html": frozenset({"headsets"}),
    "2-devices/README.md": frozenset({"headsets"}),
}


@pytest.mark.parametrize(
    ("href", "page_url", "source", "kept"),
    [
        ("chapter5.html#setup", "chapter3.html", "chapter3.md", "chapter5.html"),
        ("./chapter5.html#exercise-5-1", "chapter3.html", "chapter3.md", "./chapter5.html"),
        ("{filename}/chapter5.md#setup", "chapter3.html", "chapter3.md", "{filename}/chapter5.md"),
        ("../2-devices/#headsets", "1-intro/index.html", "1-intro/README.md", "../2-devices/"),
        (
            "{filename}../2-devices/README.md#headsets",
            "1-intro/index.html",
            "1-intro/README.md",
            "{filename}../2-devices/README.md",
        ),
        # A section the chapter will not have stays, for the link gate to report.
        ("chapter5.html#setpu", "chapter3.html", "chapter3.md", "chapter5.html#setpu"),
        ("chapter4.html#setup", "chapter3.html", "chapter3.md", "chapter4.html#setup"),
        ("https://x.org/chapter5.html#setup", "chapter3.html", "chapter3.md", None),
        ("#setup", "chapter3.html", "chapter3.md", None),
    ],
)
def test_a_link_into_a_held_back_section_leads_to_the_chapter(href, page_url, source, kept):
    page = f'<a href="{href}">x</a>'
    assert unlink_held_back_sections(page, page_url, source, HELD_BACK) == (
        f'<a href="{kept if kept is not None else href}">x</a>'
    )
