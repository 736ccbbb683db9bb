"""Self-check quizzes and progress kept in the browser, in a real Chromium.

The quiz chapter is tests/fixtures/reader_course/chapter20.md: a one-answer quiz with an
explanation, then a quiz with two right options. Every test's tab fails it if the page
logged an error or asked anything of a host other than 127.0.0.1 (the `reader` fixture).
"""

import json

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, open_reader
from .test_content_security import opened_chapter

QUIZ = "#quiz-which-model-turns-noise-into-images"
TWO_RIGHT = "#quiz-which-of-these-models-read-images"


def feedback(page, quiz: str = QUIZ):
    return page.locator(f"{quiz} .quiz-feedback")


def verdict(page, quiz: str = QUIZ):
    """The first line of a quiz's live region, once quiz.js has answered."""
    return page.locator(f"{quiz} .quiz-feedback > p")


def choose_and_check(page, option: str, quiz: str = QUIZ) -> None:
    page.locator(quiz).get_by_label(option, exact=False).check()
    page.locator(quiz).get_by_role("button", name="Check").click()


def answer_and_mark_done(page) -> None:
    choose_and_check(page, "A diffusion model")
    # quiz.js is fetched at the first touch: on a busy machine "Mark as done" and the next
    # page came before it had checked and kept the answer (a full run lost it once).
    expect(verdict(page)).to_have_text("Right!")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_function("document.querySelector('.mark-done button').ariaPressed === 'true'")


def test_a_quiz_answered_wrong_then_right_says_each_in_its_live_region(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    assert feedback(page).get_attribute("role") == "status"  # a polite live region
    page.wait_for_load_state("load")
    # The quiz code is fetched only once a quiz is touched, so it costs a reader nothing before.
    assert [url for url in reader.requests if url.endswith("/quiz.js")] == []
    choose_and_check(page, "GPT-4V")
    expect(verdict(page)).to_have_text("Not right: 1 wrong. Try again.")
    expect(page.locator(f"{QUIZ} label").first).to_have_text("GPT-4V Wrong")
    # The explanation is shown with the verdict; the answer fold stays closed.
    assert "remove noise step by step" in feedback(page).inner_text()
    assert not page.locator(f"{QUIZ} details").evaluate("d => d.open")
    choose_and_check(page, "A diffusion model")
    expect(verdict(page)).to_have_text("Right!")
    expect(page.locator(f"{QUIZ} .quiz-mark")).to_have_text(["Right"])


def test_a_quiz_with_two_right_options_wants_both(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    assert page.locator(f"{TWO_RIGHT} input[type=checkbox]").count() == 3
    choose_and_check(page, "LLaVA", TWO_RIGHT)
    expect(feedback(page, TWO_RIGHT)).to_have_text("Right so far: choose 1 more.")
    choose_and_check(page, "GPT-4V", TWO_RIGHT)
    expect(feedback(page, TWO_RIGHT)).to_have_text("Right!")


def test_checking_with_nothing_chosen_asks_for_an_answer(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    page.locator(QUIZ).get_by_role("button", name="Check").click()
    expect(feedback(page)).to_have_text("Choose an answer first.")


def test_a_quiz_is_answered_with_the_keyboard_alone(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.quiz')?.id") == QUIZ[1:]:
            break
    else:
        pytest.fail("Tab never reached the quiz's options")
    # The first option takes the focus; an arrow moves to the next, choosing it.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    expect(verdict(page)).to_have_text("Right!")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the answer fold opens from the keyboard too
    assert page.locator(f"{QUIZ} details").evaluate("d => d.open")


def test_answers_and_done_are_kept_after_a_reload(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    answer_and_mark_done(page)
    page.reload()
    # Back, chosen and marked, but quietly: the live region does not speak as the page opens.
    expect(page.locator(f"{QUIZ} .quiz-mark")).to_have_text(["Right"])
    expect(page.locator(QUIZ).get_by_label("A diffusion model")).to_be_checked()
    expect(feedback(page)).to_have_text("")
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "true"
    stored = page.evaluate("Object.values(localStorage).join(' ')")
    assert '"done":true' in stored and '"chosen":[1]' in stored


def test_mark_as_done_pressed_first_is_pressed_once_and_kept(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    page.wait_for_load_state("load")
    # Nothing kept yet: no progress code is fetched until the reader makes some.
    assert [url for url in reader.requests if url.endswith(("/progress.js", "/quiz.js"))] == []
    # Its name stays "Mark as done" (the tick is drawn, not read); pressed says it is done.
    button = page.get_by_role("button", name="Mark as done", exact=True)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")


def test_two_tabs_keep_each_others_progress(reader, served_site):
    first = reader.page
    first.goto(served_site.url("chapter4.html"))
    second = first.context.new_page()
    second.goto(served_site.url("chapter20.html"))
    first.get_by_role("button", name="Mark as done").click()
    # The other tab hears of it, and its own change keeps it.
    expect(
        second.locator('.sidebar-chapters a[href$="chapter4.html"] .progress-mark')
    ).to_have_text("Done")
    second.get_by_role("button", name="Mark as done").click()
    first.goto(served_site.url("index.html"))
    expect(syllabus_mark(first, "chapter4")).to_have_text("Done")
    # Chapter 20 has two quizzes, none checked.
    expect(syllabus_mark(first, "chapter20")).to_have_text("Done · Quizzes 0/2")


def syllabus_mark(page, slug: str):
    return page.locator(f'.syllabus-entry > a[href$="{slug}.html"] .progress-mark')


def test_mark_as_done_and_quiz_scores_show_in_the_syllabus_and_sidebar(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    answer_and_mark_done(page)
    sidebar = page.locator('.sidebar-chapters a[href$="chapter20.html"] .progress-mark')
    expect(sidebar).to_have_text("Done · Quizzes 1/2")
    page.goto(served_site.url("index.html"))
    assert syllabus_mark(page, "chapter20").inner_text() == "Done · Quizzes 1/2"
    assert syllabus_mark(page, "chapter4").inner_text() == ""
    page.goto(served_site.url("chapter4.html"))
    page.get_by_role("button", name="Mark as done").click()
    page.goto(served_site.url("index.html"))
    assert syllabus_mark(page, "chapter4").inner_text() == "Done"
    assert "2 pages marked done." in page.locator(".your-progress [role=status]").inner_text()


def test_quizzes_answered_after_progress_kept_elsewhere_are_counted(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_function("document.querySelector('.mark-done button').ariaPressed === 'true'")
    page.goto(served_site.url("chapter20.html"))
    choose_and_check(page, "A diffusion model")
    expect(verdict(page)).to_have_text("Right!")
    sidebar = page.locator('.sidebar-chapters a[href$="chapter20.html"] .progress-mark')
    expect(sidebar).to_have_text("Quizzes 1/2")


@pytest.mark.parametrize("kept_before", [False, True], ids=["nothing kept", "progress kept"])
def test_a_quiz_chapter_marked_done_before_any_check_shows_its_quiz_score(
    reader, served_site, kept_before
):
    page = reader.page
    if kept_before:
        page.goto(served_site.url("chapter4.html"))
        page.get_by_role("button", name="Mark as done").click()
        page.wait_for_function("document.querySelector('.mark-done button').ariaPressed === 'true'")
    page.goto(served_site.url("chapter20.html"))
    if kept_before:
        # A quiz touched, never checked: its code comes, and only notes the page's quizzes.
        page.locator(f"{QUIZ} input").first.focus()
        page.wait_for_function("window.courseQuizzes === true")
    page.get_by_role("button", name="Mark as done").click()
    sidebar = page.locator('.sidebar-chapters a[href$="chapter20.html"] .progress-mark')
    expect(sidebar).to_have_text("Done · Quizzes 0/2")
    page.goto(served_site.url("index.html"))
    expect(syllabus_mark(page, "chapter20")).to_have_text("Done · Quizzes 0/2")


def test_progress_saved_to_a_file_forgotten_and_loaded_back(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    answer_and_mark_done(page)
    page.goto(served_site.url("index.html"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Save to a file").click()
    saved = download.value.path().read_bytes()
    assert download.value.suggested_filename == "course-progress.json"
    chapter = json.loads(saved)["chapters"]["chapter20.html"]
    assert chapter["done"] is True
    assert chapter["quizzes"][QUIZ[1:]] == {"chosen": [1], "right": True}

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget").click()
    assert syllabus_mark(page, "chapter20").inner_text() == ""
    assert page.evaluate("Object.values(localStorage).join()") == (
        '{"format":"course-progress","version":1,"chapters":{}}'
    )

    page.get_by_label("Load a saved file").set_input_files(
        files=[{"name": "mine.json", "mimeType": "application/json", "buffer": saved}]
    )
    page.wait_for_function(
        "document.querySelector('.your-progress [role=status]').textContent.startsWith('Loaded.')"
    )
    assert syllabus_mark(page, "chapter20").inner_text() == "Done · Quizzes 1/2"
    page.goto(served_site.url("chapter20.html"))
    expect(page.locator(QUIZ).get_by_label("A diffusion model")).to_be_checked()


HOSTILE = {
    "format": "course-progress",
    "chapters": {
        "chapter20.html": {
            "done": "yes",
            "quizCount": "<img src=x onerror=alert(1)>",
            "quizzes": {
                "__proto__": {"chosen": [0], "right": True},
                "quiz-which-model-turns-noise-into-images": {"chosen": ["<b>", 99], "right": 1},
                "<img src=x>": {"chosen": [0], "right": True},
            },
        },
        '<img src=x onerror="alert(1)">.html': {"done": True},
        "chapter4.html": {"done": True, "quizzes": None},
    },
}


@pytest.mark.parametrize(
    ("file_text", "is_progress"),
    [
        (b"{not json", False),
        (b"[]", False),
        (b'{"chapters": {}}', False),
        (b"\xff\xfe", False),
        (json.dumps(HOSTILE).encode(), True),
    ],
    ids=["not JSON", "a list", "no format", "not UTF-8", "hostile values"],
)
def test_a_malformed_or_hostile_progress_file_breaks_nothing(
    reader, served_site, file_text, is_progress
):
    page = reader.page
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served_site.url("index.html"))
    status = page.locator(".your-progress [role=status]")
    before = status.inner_text()
    page.get_by_label("Load a saved file").set_input_files(
        files=[{"name": "x.json", "mimeType": "application/json", "buffer": file_text}]
    )
    page.wait_for_function(
        "t => document.querySelector('.your-progress [role=status]').textContent !== t",
        arg=before,
    )
    assert page.locator("main img, .sidebar img").count() == 0 and dialogs == []
    if is_progress:
        # Only what has the right shape is kept: chapter 4 is done, chapter 20 is not.
        assert status.inner_text().startswith("Loaded. 1 page marked done.")
        assert syllabus_mark(page, "chapter4").inner_text() == "Done"
        assert page.evaluate("Object.prototype.chosen") is None
    else:
        assert status.inner_text() == "That file is not saved course progress: nothing was changed."
    # The page still works: a quiz can be answered and saved.
    page.goto(served_site.url("chapter20.html"))
    choose_and_check(page, "A diffusion model")
    expect(verdict(page)).to_have_text("Right!")


BLOCKED_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); }
});
"""


def test_without_storage_quizzes_work_and_the_home_page_says_nothing_is_kept(browser, served_site):
    reader = open_reader(browser)
    reader.page.context.add_init_script(BLOCKED_STORAGE)
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    choose_and_check(page, "A diffusion model")
    expect(verdict(page)).to_have_text("Right!")
    page.get_by_role("button", name="Mark as done").click()
    assert page.get_by_role("button", name="Mark as done").get_attribute("aria-pressed") == "true"
    page.goto(served_site.url("index.html"))
    assert (
        "This browser keeps nothing for this site"
        in page.locator(".your-progress [role=status]").inner_text()
    )
    page.context.close()
    assert reader.console_errors == [] and reader.external_requests == []


def test_without_javascript_a_quiz_reads_as_options_then_a_closed_answer(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site.url("chapter20.html"))
    quiz = page.locator(QUIZ)
    assert quiz.locator("legend").inner_text() == "Which model turns noise into images?"
    labels = [text.strip() for text in quiz.locator("label").all_inner_texts()]
    assert labels == ["GPT-4V", "A diffusion model", "Whisper"]
    assert not quiz.get_by_role("button", name="Check").is_visible()
    assert not page.get_by_role("button", name="Mark as done").is_visible()
    assert not quiz.locator(".quiz-key").is_visible()
    quiz.locator("summary").click()
    assert quiz.locator(".quiz-key").inner_text() == "Right: A diffusion model"
    page.goto(served_site.url("index.html"))
    assert not page.locator(".your-progress").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_a_checked_quiz_and_a_done_chapter(browser, served_site, scheme):
    reader = open_reader(browser, color_scheme=scheme)
    page = reader.page
    page.goto(served_site.url("chapter20.html"))
    choose_and_check(page, "GPT-4V")
    choose_and_check(page, "LLaVA", TWO_RIGHT)
    page.get_by_role("button", name="Mark as done").click()
    page.locator(f"{QUIZ} summary").click()
    violations = axe_violations(page)
    page.context.close()
    assert violations == []
    assert reader.console_errors == [] and reader.external_requests == []


CSP_QUIZ = """!!! quiz "Which model turns noise into images?"
    - [ ] GPT-4V
    - [x] A diffusion model

    Diffusion models learn to remove noise step by step.
"""


def test_quizzes_progress_and_search_work_under_the_pages_own_policy(browser, build_site):
    # Every other test here bypasses the policy (to inject axe); this one keeps it.
    with opened_chapter(browser, build_site, CSP_QUIZ) as opened:
        page = opened.page
        choose_and_check(page, "A diffusion model")
        expect(verdict(page)).to_have_text("Right!")
        page.get_by_role("button", name="Mark as done").click()
        # Search's code now comes when the box is used: it still finds the chapter.
        page.locator("#searchInput").fill("noise")
        expect(page.locator("#searchResults a").first).to_have_text("One")
        page.goto(f"{opened.base_url}/index.html")
        expect(page.locator(".your-progress [role=status]")).to_have_text("1 page marked done.")
        expect(syllabus_mark(page, "chapter1")).to_have_text("Done · Quizzes 1/1")
        assert opened.violations == []
        fetched = [url.rsplit("/", 1)[1] for url in opened.requested if "/theme/js/" in url]
        assert {"quiz.js", "progress.js", "search.js"} <= set(fetched)
