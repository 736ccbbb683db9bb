"""Self-check quizzes (`!!! quiz`): the HTML students get, built into real sites, and each
malformed quiz reported at the line of its `!!!`."""

import re

import pytest
from conftest import chapter, search_records
from courselib.markdown import render_markdown
from hypothesis import given
from hypothesis import strategies as st

QUIZ = """Some text.

!!! quiz "Which model turns **noise** into images?"
    - [ ] GPT-4V
    - [x] A diffusion model
    - [ ] Whisper

    Diffusion models learn to remove noise step by step.
"""

TWO_RIGHT = """!!! quiz "Which of these see images?"
    - [x] GPT-4V
    - [ ] Whisper
    - [x] LLaVA
"""

MARK_ONE = "mark the right option(s) with '- [x]'"


def test_a_quiz_is_a_fieldset_of_radio_buttons_named_by_its_question():
    rendered = render_markdown(QUIZ).html
    assert '<div class="quiz" id="quiz-which-model-turns-noise-into-images" data-answer="1">' in (
        rendered
    )
    assert "<fieldset>\n<legend>Which model turns <strong>noise</strong> into images?</legend>" in (
        rendered
    )
    option = r'<label><input type="(\w+)" name="(\w+)"> ([^<]+)<'
    assert re.findall(option, rendered) == [
        ("radio", "q1", "GPT-4V"),
        ("radio", "q1", "A diffusion model"),
        ("radio", "q1", "Whisper"),
    ]
    assert '<button type="button">Check</button>' in rendered
    assert '<div class="quiz-feedback" role="status"></div>' in rendered
    # No task-list checkbox, no callout: a quiz is a form, not a to-do list.
    assert "task-list" not in rendered and "admonition" not in rendered


def test_the_answer_and_explanation_wait_in_a_closed_fold_outside_the_search_index():
    rendered = render_markdown(QUIZ).html
    fold = rendered[rendered.index("<details") :]
    assert fold.startswith('<details class="quiz-answer" data-pagefind-ignore>\n<summary>Answer')
    assert '<p class="quiz-key"><strong>Right:</strong> A diffusion model</p>' in fold
    assert "<p>Diffusion models learn to remove noise step by step.</p>" in fold
    # The answer is never in plain sight: before the fold, only the options name it.
    before = rendered[: rendered.index("<details")]
    assert "remove noise" not in before and "open" not in fold.split(">")[0]


def test_more_than_one_right_option_makes_checkboxes_and_a_key_naming_each():
    rendered = render_markdown(TWO_RIGHT).html
    assert rendered.count('type="checkbox"') == 3 and 'type="radio"' not in rendered
    assert 'data-answer="0 2"' in rendered
    assert "<strong>Right:</strong> GPT-4V; LLaVA</p>" in rendered
    assert "quiz-explanation" not in rendered


def test_quizzes_with_the_same_question_get_distinct_ids_and_radio_groups():
    rendered = render_markdown(QUIZ + "\n" + QUIZ).html
    assert re.findall(r'<div class="quiz" id="([\w-]+)"', rendered) == [
        "quiz-which-model-turns-noise-into-images",
        "quiz-which-model-turns-noise-into-images-2",
    ]
    assert rendered.count('name="q1"') == rendered.count('name="q2"') == 3


def test_a_quiz_id_is_never_a_heading_s_and_loose_options_hold_no_paragraph():
    markdown = '## Quiz: loose\n\n!!! quiz "Loose"\n    - [ ] a\n\n    - [x] b *c*\n'
    rendered = render_markdown(markdown).html
    assert '<h2 id="quiz-loose">' in rendered and 'id="quiz-loose-2"' in rendered
    assert '<li><label><input type="radio" name="q1"> b <em>c</em></label></li>' in rendered


def test_text_between_question_and_options_stays_in_the_fieldset_and_links_are_found_once():
    markdown = (
        '!!! quiz "What does this print?"\n'
        "    ```python\n    print(2 + 2)\n    ```\n\n"
        "    - [x] 4, see [the docs](docs.html)\n    - [ ] 22\n"
    )
    chapter_html = render_markdown(markdown)
    rendered = chapter_html.html
    assert rendered.index("<legend>") < rendered.index("highlight") < rendered.index("quiz-options")
    assert rendered.index('class="highlight"') < rendered.index("</fieldset>")
    # The key repeats the option's words, not its link: one link, reported once.
    assert '<p class="quiz-key"><strong>Right:</strong> 4, see the docs</p>' in rendered
    assert [(link.url, link.line) for link in chapter_html.links] == [("docs.html", 6)]


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        (
            '!!! quiz "Pick one"\n    - [ ] a\n    - [ ] b\n',
            (1, 1, "quiz 'Pick one' has no option marked right: " + MARK_ONE),
        ),
        (
            'Text.\n\n- item\n\n    !!! quiz "Nested"\n        - [ ] a\n',
            (5, 5, "quiz 'Nested' has no option marked right: " + MARK_ONE),
        ),
        (
            '!!! quiz "Q?"\n    - [x] a\n\n    - [ ] b\n        - [ ] nested\n',
            (
                4,
                5,
                "quiz 'Q?': an option holds more than a line of text (a list, code or"
                " a second paragraph): write each option on one line",
            ),
        ),
        (
            '!!! quiz "Q?"\n    - [x] a\n    - b\n',
            (
                3,
                5,
                "quiz 'Q?': an option has no '[ ]' or '[x]':"
                " write every option as '- [ ] ...' (wrong) or '- [x] ...' (right)",
            ),
        ),
        (
            '!!! quiz "Options?"\n    - a\n    - b\n',
            (
                1,
                1,
                "quiz 'Options?' has no options: write them as a task list,"
                " '- [ ]' for a wrong one and '- [x]' for a right one",
            ),
        ),
    ],
)
def test_a_malformed_quiz_is_a_problem_at_its_line(markdown, problem):
    assert render_markdown(markdown).problems == [problem]


# --- built into a real site -------------------------------------------------------------------


def test_a_built_quiz_page_has_its_quiz_and_its_answer_stays_out_of_search(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=QUIZ)})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    article = page[page.index("<article") : page.index("</article>")]
    assert "<legend>Which model turns <strong>noise</strong> into images?</legend>" in article
    assert article.count('type="radio"') == 3
    assert '<details class="quiz-answer" data-pagefind-ignore>' in article
    # The Content-Security-Policy forbids inline script and style: the quiz needs neither.
    assert "style=" not in article and "<script" not in article and " on" not in article
    indexed = "".join(record["content"] for record in search_records(build.output / "pagefind"))
    assert "Which model turns noise into images?" in indexed
    assert "remove noise step by step" not in indexed and "Right:" not in indexed
    assert "Check" not in indexed


def test_a_quiz_with_no_right_option_fails_the_build_at_its_line(build_site):
    body = 'Text.\n\n!!! quiz "Which is right?"\n    - [ ] this\n    - [ ] that\n'
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code != 0
    expected = (
        "content/chapter1.md:8:1: quiz 'Which is right?' has no option marked right:"
        " mark the right option(s) with '- [x]'"
    )
    assert expected in build.log, build.log
    assert "The build failed: fix the problems listed above." in build.log
    assert "Traceback" not in build.log


QUIZ_LINES = [
    '!!! quiz "Q?"',
    "!!! quiz",
    '!!! quiz ""',
    "    - [ ] wrong",
    "    - [x] right [a link](x.html)",
    "    * [X] right too",
    "    - not a task",
    "        - [x] nested",
    "    Explanation with `code` and $x^2$.",
    "    ```",
    "",
    "- [x] outside",
    '> !!! quiz "Quoted"',
    ">     - [x] a",
    '    !!! quiz "Inner"',
    "        - [ ] b",
]


@given(st.lists(st.sampled_from(QUIZ_LINES), max_size=14))
def test_any_arrangement_of_quiz_lines_makes_whole_quizzes_or_problems_where_written(lines):
    markdown = "\n".join(lines) + "\n"
    chapter_html = render_markdown(markdown)
    for quiz in chapter_html.html.split('<div class="quiz"')[1:]:
        fieldset = quiz[: quiz.index("</fieldset>")]
        assert re.match(r' id="quiz-[\w-]+" data-answer="\d+( \d+)*">', quiz)
        assert "<legend>" in fieldset and "task-list-item-checkbox" not in fieldset
        # A label holds text only: no list, code block or paragraph in an option.
        for label in re.findall(r"<label>(.*?)</label>", fieldset, re.DOTALL):
            assert not re.search(r"<(ul|ol|pre|div|p)[ >]", label), label
    for line, _column, text in chapter_html.problems:
        if text.startswith("quiz "):
            # At the quiz's `!!!`, or at the option that is wrong.
            assert re.search(r"!!! quiz|^[ >]*[-*] ", markdown.split("\n")[line - 1])
