"""What a student does on the built course, in a real Chromium: move, search, read, print."""

import re

import pytest

from .conftest import open_reader

PAGE_TYPES = ["index.html", "chapter4.html", "chapter5.html", "404.html"]


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


# --- moving between chapters ----------------------------------------------------------------


def test_next_and_previous_links_walk_the_chapters(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    page.locator(".chapter-nav-next").first.click()
    page.wait_for_url("**/chapter5.html")
    page.locator(".chapter-nav-previous").first.click()
    page.wait_for_url("**/chapter4.html")


def test_arrow_keys_go_to_the_neighbouring_chapters(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter5.html"))
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/chapter6.html")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/chapter5.html")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/chapter4.html")


@pytest.mark.parametrize("keys", ["Shift+ArrowRight", "Control+ArrowRight", "Meta+ArrowRight"])
def test_arrow_keys_with_a_modifier_stay_on_the_page(reader, served_site, keys):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    page.keyboard.press(keys)
    page.wait_for_timeout(300)
    assert page.url.endswith("/chapter4.html")


def test_arrow_keys_while_typing_in_search_stay_on_the_page(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    page.keyboard.press("/")
    page.keyboard.type("diffusion")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.url.endswith("/chapter4.html")


def test_keyboard_reaches_the_search_toggle_and_chapter_links_and_leaves_them(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    focused = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("document.activeElement.classList[0] || document.activeElement.tagName")
        )
    assert focused[0] == "skip-link"
    assert "scheme-toggle" in focused
    # No trap: tabbing goes on past search and the toggle into the syllabus.
    assert focused.index("scheme-toggle") < len(focused) - 1
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


# --- search ---------------------------------------------------------------------------------


def pagefind_requests(reader) -> list[str]:
    return [url for url in reader.requests if "/pagefind/" in url]


def search(page, query: str):
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "searchInput"
    page.keyboard.type(query)
    results = page.locator("#searchResults a")
    results.first.wait_for(timeout=10_000)
    return results


def test_search_loads_only_when_opened_and_whisper_finds_chapter4_at_its_heading(
    reader, served_site
):
    page = reader.page
    page.goto(served_site.url("index.html"))
    page.wait_for_load_state("networkidle")
    assert pagefind_requests(reader) == []
    results = search(page, "Whisper")
    assert pagefind_requests(reader) != []
    href = results.first.get_attribute("href")
    assert re.search(r"/site/chapter4\.html#[\w-]+$", href), href
    results.first.click()
    page.wait_for_url(re.compile(r"chapter4\.html#"))
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_search_works_under_a_sub_path_siteurl(reader, served_site):
    page = reader.page
    page.goto(served_site.sub_path_url("chapter5.html"))
    href = search(page, "Whisper").first.get_attribute("href")
    assert href.startswith("/llm-course/chapter4.html#"), href


def test_search_finds_greek_text(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    results = search(page, "μετασχηματιστές")
    assert "chapter6.html" in results.first.get_attribute("href")


def test_escape_closes_the_search_results(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    search(page, "diffusion")
    page.keyboard.press("Escape")
    assert page.locator("#searchResults").is_hidden()


# --- contents and headings ------------------------------------------------------------------


def test_contents_link_scrolls_to_its_heading(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    assert page.locator(".contents").is_visible()
    page.locator(".contents a", has_text="Diffusion Models for Image Generation").click()
    page.wait_for_url("**/chapter4.html#diffusion-models-for-image-generation")
    top = page.locator("#diffusion-models-for-image-generation").evaluate(
        "heading => heading.getBoundingClientRect().top"
    )
    assert 0 <= top < 100


def test_contents_fold_on_a_phone(browser, served_site):
    reader = open_reader(browser, viewport={"width": 390, "height": 800}, is_mobile=True)
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    link = page.locator(".contents a").first
    assert link.is_hidden()
    page.locator(".contents summary").click()
    assert link.is_visible()
    page.context.close()


def test_permalink_shows_when_focused(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    permalink = page.locator('.permalink[href="#diffusion-models-for-image-generation"]')
    assert permalink.evaluate("link => getComputedStyle(link).opacity") == "0"
    permalink.focus()
    page.wait_for_timeout(50)
    assert permalink.evaluate("link => getComputedStyle(link).opacity") == "1"


def test_syllabus_works_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served_site.url("chapter4.html"))
    assert page.locator(".search").is_hidden()  # useless without JavaScript, so not shown
    page.locator(".sidebar summary").click()
    page.locator(".sidebar a", has_text="Agents").click()
    page.wait_for_url("**/chapter5.html")
    context.close()


# --- colour schemes, code -------------------------------------------------------------------


def test_dark_scheme_follows_the_system(browser, served_site):
    reader = open_reader(browser, color_scheme="dark")
    reader.page.goto(served_site.url("chapter4.html"))
    assert background(reader.page) == "rgb(20, 23, 26)"
    assert reader.page.locator(".scheme-toggle").get_attribute("aria-pressed") == "true"
    reader.page.context.close()


def test_dark_toggle_persists_across_pages(browser, served_site):
    reader = open_reader(browser, color_scheme="light")
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    assert background(page) == "rgb(255, 255, 255)"
    page.locator(".scheme-toggle").click()
    assert background(page) == "rgb(20, 23, 26)"
    page.locator(".chapter-nav-next").first.click()
    page.wait_for_url("**/chapter5.html")
    assert page.evaluate("document.documentElement.dataset.scheme") == "dark"
    assert background(page) == "rgb(20, 23, 26)"
    assert page.locator(".scheme-toggle").get_attribute("aria-pressed") == "true"
    page.locator(".scheme-toggle").click()
    page.reload()
    assert background(page) == "rgb(255, 255, 255)"
    assert reader.console_errors == []
    page.context.close()


def test_toggling_back_to_the_system_scheme_follows_the_system_again(browser, served_site):
    reader = open_reader(browser, color_scheme="light")
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    page.locator(".scheme-toggle").click()  # dark, chosen
    page.locator(".scheme-toggle").click()  # light, which is what the system shows
    assert page.evaluate("localStorage.getItem('course-scheme')") is None
    assert page.evaluate("document.documentElement.dataset.scheme") is None
    page.emulate_media(color_scheme="dark")  # the reader's system turns dark at night
    page.reload()
    assert background(page) == "rgb(20, 23, 26)"
    assert page.locator(".scheme-toggle").get_attribute("aria-pressed") == "true"
    page.context.close()


def test_copy_button_copies_the_code(browser, served_site):
    reader = open_reader(browser)
    page = reader.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served_site.url("chapter7.html"))
    page.locator(".copy-code").first.click()
    page.wait_for_function("document.querySelector('.copy-code').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("def greet(name: str) -> str:")
    page.context.close()


def test_code_is_highlighted_differently_in_each_scheme(browser, served_site):
    colours = {}
    for scheme in ("light", "dark"):
        reader = open_reader(browser, color_scheme=scheme)
        reader.page.goto(served_site.url("chapter7.html"))
        keyword = reader.page.locator(".highlight .k").first
        colours[scheme] = keyword.evaluate("k => getComputedStyle(k).color")
        reader.page.context.close()
    assert colours == {"light": "rgb(169, 13, 145)", "dark": "rgb(255, 173, 102)"}


# --- print ----------------------------------------------------------------------------------


def test_print_hides_navigation_and_shows_link_addresses(reader, served_site):
    page = reader.page
    page.goto(served_site.url("chapter7.html"))
    page.emulate_media(media="print")
    for hidden in (".sidebar", ".chapter-nav", ".search", ".contents", ".scheme-toggle"):
        assert page.locator(hidden).first.is_hidden(), hidden
    after = page.locator(".chapter a", has_text="Python documentation").evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert "https://docs.python.org/3/" in after


# --- every page type ------------------------------------------------------------------------


@pytest.mark.parametrize("page_path", PAGE_TYPES)
def test_page_makes_no_console_error_nor_outside_request(reader, served_site, page_path):
    reader.page.goto(served_site.url(page_path))
    reader.page.wait_for_load_state("networkidle")
    assert reader.requests  # the guard saw the page's own requests


def test_an_image_given_a_height_alone_is_drawn_that_high(reader, served_site):
    # machine-learning-zoomcamp's leaderboard draws 135 icons from other sites with
    # `height="16"` alone, as GitHub honours it: the theme's `height: auto` drew each as
    # wide as the column.
    page = reader.page
    page.goto(served_site.url("chapter4.html"))
    size = page.evaluate(
        """() => new Promise(resolve => {
            const image = new Image();
            image.setAttribute("height", "16");
            image.onload = () => {
                const box = image.getBoundingClientRect();
                resolve([box.width, box.height, image.naturalWidth, image.naturalHeight]);
            };
            document.querySelector("article").append(image);
            image.src = "images/c4.png";
        })"""
    )
    width, height, natural_width, natural_height = size
    assert height == 16
    assert abs(width - 16 * natural_width / natural_height) < 1
