"""`make devserver` seen from Chromium: open pages reload themselves and show the problems of
the last build, under the site's own Content-Security-Policy (never bypassed here)."""

import pytest
from conftest import chapter, wait_for
from devserver_process import CHAPTERS, make_project, start_devserver, start_held_devserver
from playwright.sync_api import expect

from .conftest import axe_violations, open_reader

LONG_BODY = "\n\n".join(f"Paragraph {number} about byte pairs." for number in range(120))


@pytest.fixture
def devserver(tmp_path):
    chapters = {
        **CHAPTERS,
        "chapter1.md": chapter("Tokens", "chapter1", Chapter="1", body=LONG_BODY),
    }
    server = start_devserver(make_project(tmp_path, chapters))
    yield server
    server.log.stop()


@pytest.fixture
def tab(chromium):
    """Open a tab; the test fails if a page logged an error (a refused script, say)."""
    context = chromium.new_context(viewport={"width": 1200, "height": 800})
    errors: list[str] = []

    def open_page(url: str):
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        # Connected: the script has heard from the server.
        page.wait_for_selector("html[data-devserver-build]", state="attached")
        return page

    yield open_page
    context.close()
    assert errors == []


def build_heard(page) -> int:
    return int(page.evaluate("document.documentElement.dataset.devserverBuild"))


def test_the_open_page_reloads_itself_where_it_was_and_other_pages_only_if_they_changed(
    devserver, tab
):
    chapter1 = tab(devserver.url("chapter1.html"))
    chapter2 = tab(devserver.url("chapter2.html"))
    built = build_heard(chapter2)
    chapter1.evaluate("window.scrollTo(0, 1500)")
    chapter1.wait_for_function("() => window.scrollY > 1400")
    chapter2.evaluate("window.notReloaded = true")
    devserver.write(
        {
            "chapter1.md": chapter(
                "Tokens", "chapter1", Chapter="1", body=LONG_BODY + "\n\nA new paragraph."
            )
        }
    )
    expect(chapter1.get_by_text("A new paragraph.")).to_be_attached(timeout=60_000)
    chapter1.wait_for_function("() => Math.abs(window.scrollY - 1500) < 50")
    # chapter2 heard of the build and stayed as it was: its files did not change.
    chapter2.wait_for_function(
        f"() => Number(document.documentElement.dataset.devserverBuild) > {built}"
    )
    assert chapter2.evaluate("window.notReloaded") is True


def test_a_stylesheet_change_reloads_the_pages_that_use_it(devserver, tab):
    page = tab(devserver.url("chapter2.html"))
    page.evaluate("window.notReloaded = true")
    stylesheet = devserver.project / "theme" / "static" / "css" / "course.css"
    stylesheet.write_text(stylesheet.read_text() + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
    page.wait_for_function(
        "() => getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'", timeout=60_000
    )
    assert page.evaluate("window.notReloaded === undefined")


def test_the_overlay_shows_the_builds_problems_escaped_and_clears_when_they_are_fixed(
    devserver, tab
):
    page = tab(devserver.url("chapter2.html"))
    broken = chapter(
        "Embeddings", "chapter2", Chapter="2", body="Vectors.\n\n[next](chapter9.html)"
    )
    devserver.write({"chapter2.md": broken.replace("Date: 2024-01-01", "Date: <b>soon</b>")})
    problems = page.locator("#devserver-problems li")
    expect(problems.first).to_be_visible(timeout=60_000)
    text = page.locator("#devserver-problems").inner_text()
    assert "content/chapter2.md:3: Date: '<b>soon</b>' is not a date" in text
    assert page.locator("#devserver-problems b").count() == 0  # shown as text, never as markup
    assert page.get_by_text("Vectors.").is_visible()  # the last good page stays
    devserver.write({"chapter2.md": broken.replace("chapter9.html", "chapter3.html")})
    expect(page.locator("#devserver-problems")).to_have_count(0, timeout=60_000)


def test_a_broken_link_is_shown_at_its_line_and_column(devserver, tab):
    page = tab(devserver.url("chapter3.html"))
    devserver.write({"chapter3.md": CHAPTERS["chapter3.md"] + "\nSee [the next](chapter9.html).\n"})
    where = page.locator("#devserver-problems .where")
    expect(where.first).to_have_text("content/chapter3.md:9:5", timeout=60_000)
    item = page.locator("#devserver-problems li").first
    assert "broken link 'chapter9.html'" in item.inner_text()


def test_a_save_shown_over_a_failed_build_is_not_called_the_last_good_page(devserver, tab):
    page = tab(devserver.url("chapter1.html"))
    devserver.write({"chapter3.md": CHAPTERS["chapter3.md"] + "\nSee [the next](chapter9.html).\n"})
    heading = page.locator("#devserver-problems h2")
    expect(heading).to_contain_text("this is the last good page", timeout=60_000)
    devserver.write({"chapter1.md": CHAPTERS["chapter1.md"] + "\nA save over a failed build.\n"})
    expect(page.get_by_text("A save over a failed build.")).to_be_attached(timeout=60_000)
    expect(heading).to_contain_text("shows your latest save, not built yet")
    # The full build fails again (chapter3): the last good page comes back, and says so.
    expect(heading).to_contain_text("this is the last good page", timeout=60_000)
    expect(page.get_by_text("A save over a failed build.")).to_have_count(0)


def set_hidden(page, hidden: bool) -> None:
    """Make the page hidden or shown again, as switching tabs does."""
    page.evaluate(
        """(hidden) => {
            Object.defineProperty(document, "hidden", { value: hidden, configurable: true });
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_a_hidden_page_lets_go_of_its_connection_and_catches_up_when_shown(devserver, tab):
    page = tab(devserver.url("chapter2.html"))
    assert devserver.state()["listeners"] == 1
    set_hidden(page, True)
    wait_for(lambda: devserver.state()["listeners"] == 0, 30, "the page to close its stream")
    page.evaluate("window.notReloaded = true")
    attempts = devserver.state()["attempts"]
    devserver.write({"chapter2.md": CHAPTERS["chapter2.md"] + "\nSeen once shown.\n"})
    devserver.wait_for_build(attempts)
    assert page.evaluate("window.notReloaded") is True  # not listening while hidden
    set_hidden(page, False)
    expect(page.get_by_text("Seen once shown.")).to_be_visible(timeout=60_000)


def test_the_page_says_when_a_build_is_running(tmp_path, tab):
    server, hold = start_held_devserver(tmp_path)
    try:
        page = tab(server.url("chapter1.html"))
        hold.touch()
        server.write({"chapter3.md": CHAPTERS["chapter3.md"] + "\nValues.\n"})
        expect(page.locator("#devserver-building")).to_have_text("Building…")
        hold.unlink()
        expect(page.locator("#devserver-building")).to_have_count(0, timeout=60_000)
    finally:
        server.log.stop()


def overlaps(first: dict, second: dict) -> bool:
    """Whether two bounding boxes (Playwright's x, y, width, height) share any area."""
    return (
        first["x"] < second["x"] + second["width"]
        and second["x"] < first["x"] + first["width"]
        and first["y"] < second["y"] + second["height"]
        and second["y"] < first["y"] + first["height"]
    )


# Whether the element is what the page shows at its own centre, looking into a shadow root.
SHOWN_AT_ITS_CENTRE = """(element) => {
    const box = element.getBoundingClientRect();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const shown = document.elementFromPoint(x, y);
    return element.contains(shown.shadowRoot?.elementFromPoint(x, y) ?? shown);
}"""


def test_the_building_badge_and_the_problem_panel_are_both_seen_together(tmp_path, chromium):
    server, hold = start_held_devserver(tmp_path)
    # The one tab here that bypasses the page's policy: axe is injected as an inline script.
    reader = open_reader(chromium, viewport={"width": 1200, "height": 800})
    try:
        page = reader.page
        page.goto(server.url("chapter1.html"))
        page.wait_for_selector("html[data-devserver-build]", state="attached")
        broken = CHAPTERS["chapter3.md"] + "\nSee [the next](chapter9.html).\n"
        server.write({"chapter3.md": broken})
        panel = page.get_by_role("alert")
        expect(panel).to_contain_text("broken link", timeout=60_000)
        hold.touch()
        server.write({"chapter3.md": broken + "\nStill broken.\n"})
        badge = page.get_by_role("status").filter(has_text="Building…")
        expect(badge).to_be_visible(timeout=60_000)
        expect(panel).to_be_visible()
        panel_box, badge_box = panel.bounding_box(), badge.bounding_box()
        assert not overlaps(panel_box, badge_box), (panel_box, badge_box)
        assert badge.evaluate(SHOWN_AT_ITS_CENTRE)
        assert panel.evaluate(SHOWN_AT_ITS_CENTRE)
        assert axe_violations(page) == []
        hold.unlink()
        expect(badge).to_have_count(0, timeout=60_000)
        expect(panel).to_be_visible()  # the build failed again
        panel.get_by_role("button", name="Hide").click()  # the dock lets clicks through to it
        expect(panel).to_have_count(0)
    finally:
        reader.page.context.close()
        server.log.stop()
    assert reader.console_errors == [] and reader.external_requests == []


def test_a_save_shows_in_the_open_page_before_the_whole_site_is_built(tmp_path, tab):
    server, hold = start_held_devserver(tmp_path)
    try:
        page = tab(server.url("chapter2.html"))
        hold.touch()  # the full build, once it starts, waits before replacing the site
        server.write({"chapter2.md": CHAPTERS["chapter2.md"] + "\nShown at once.\n"})
        expect(page.get_by_text("Shown at once.")).to_be_attached(timeout=60_000)
        assert server.state()["attempts"] == 1  # the first build only
        page.evaluate("window.notReloaded = true")
        wait_for(lambda: "hold_build: holding" in server.log.text, 60, "the full build")
        hold.unlink()
        state = server.wait_for_build(1)
        # The page heard of the full build and stayed: the quick update had made its page.
        page.wait_for_function(
            f"() => Number(document.documentElement.dataset.devserverBuild) >= {state['build']}"
        )
        # The full build made the page the quick update showed: nothing to reload.
        assert page.evaluate("window.notReloaded") is True
    finally:
        server.log.stop()
