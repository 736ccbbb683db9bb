"""Formulas in Chromium: drawn with the site's math font, in the text's colour, accessible."""

import contextlib
import os

import pytest
from conftest import chapter
from math_pages import math_chapter

from .conftest import LOOPBACK, axe_violations, open_reader, served_course

# Where a screenshot of the math page goes, to look at (COURSE_MATH_SCREENSHOTS=folder).
SCREENSHOTS = os.environ.get("COURSE_MATH_SCREENSHOTS")


@pytest.fixture(scope="module")
def math_site(tmp_path_factory):
    """A course with a chapter of a dozen formulas and one without, served on 127.0.0.1."""
    files = {
        "chapter1.md": math_chapter("Attention", "chapter1"),
        "chapter2.md": chapter("Prose", "chapter2", body="No formula here."),
    }
    with served_course(tmp_path_factory, "math", files) as base_url:
        yield base_url


def rendering_fonts(page, selector: str) -> dict[str, int]:
    """Return {font family: glyphs} Chromium used to draw the text of every `selector` node."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
    used: dict[str, int] = {}
    for node in nodes["nodeIds"]:
        for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            used[font["familyName"]] = used.get(font["familyName"], 0) + font["glyphCount"]
    session.detach()
    return used


def open_strict(browser):
    """A tab that keeps the Content-Security-Policy, so a refused inline style is an error."""
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    seen = {"errors": [], "requests": []}
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("request", lambda request: seen["requests"].append(request.url))
    return page, seen


@contextlib.contextmanager
def loaded_with_fonts(browser, url: str):
    """Yield (page, what it logged and requested) for `url` in a strict tab, its fonts loaded."""
    page, seen = open_strict(browser)
    try:
        page.goto(url)
        page.wait_for_function("document.fonts.status === 'loaded'")
        yield page, seen
    finally:
        page.context.close()


def test_formulas_are_drawn_with_the_math_font(browser, math_site):
    with loaded_with_fonts(browser, f"{math_site}/chapter1.html") as (page, seen):
        faces = page.evaluate(
            "[...document.fonts].map(face => [face.family.replaceAll('\"', ''), face.status])"
        )
        assert faces == [["Course Math", "loaded"]]
        assert page.evaluate("document.fonts.check('16px \"Course Math\"', 'x∑√')")
        assert page.locator("math").count() == 13
        used = rendering_fonts(page, "math mi, math mo, math mn, math mtext")
        assert set(used) == {"STIX Two Math"}, used  # not one glyph from a fallback font
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/math-light.png", full_page=True)
            page.set_viewport_size({"width": 360, "height": 740})
            page.screenshot(path=f"{SCREENSHOTS}/math-phone.png", full_page=True)
    assert seen["errors"] == []
    assert all(url.startswith(f"http://{LOOPBACK}:") for url in seen["requests"])
    assert not any(url.endswith("/math.css") for url in seen["requests"])  # rules in course.css
    assert any("/theme/fonts/math-" in url for url in seen["requests"])


def test_a_page_without_formulas_loads_no_font(browser, math_site):
    with loaded_with_fonts(browser, f"{math_site}/chapter2.html") as (_page, seen):
        pass  # loaded: what it asked for is in `seen`
    assert seen["errors"] == []
    assert not [url for url in seen["requests"] if "math" in url]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_formulas_take_the_colour_of_the_text_and_axe_finds_nothing(browser, math_site, scheme):
    reader = open_reader(browser, color_scheme=scheme)
    page = reader.page
    try:
        page.goto(f"{math_site}/chapter1.html")
        colours = page.evaluate(
            "() => { const prose = document.querySelector('math').closest('p');"
            " return [getComputedStyle(prose).color,"
            " ...[...document.querySelectorAll('math mi, math mo, math mtext')]"
            "   .map(e => getComputedStyle(e).color)]; }"
        )
        violations = axe_violations(page)
        page.locator(".scheme-toggle").click()  # the reader switches scheme by hand
        switched = page.evaluate(
            "() => [getComputedStyle(document.querySelector('math').closest('p')).color,"
            " getComputedStyle(document.querySelector('math mi')).color]"
        )
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/math-{scheme}-switched.png")
    finally:
        page.context.close()
    assert violations == []
    assert set(colours) == {colours[0]}
    assert switched[0] != colours[0] and switched[1] == switched[0]
    assert reader.console_errors == [] and reader.external_requests == []


# A formula in each colour family, as authors stress a term; Python-100-Days writes
# `{\color {blue}k}a_{i1}`, and `\color{black}` is the text's colour.
COLOURED = r"\color{red}a + \color{orange}b + \color{Goldenrod}c + \color{OliveGreen}d"
COLOURED += r" + \color{teal}e + \color{blue}f + \color{violet}g + \color{magenta}h"
COLOURED += r" + \color{gray}i + \color{black}j"


@pytest.fixture(scope="module")
def colour_site(tmp_path_factory):
    """A chapter of one formula in every colour family, in a line and in a callout."""
    body = f"$$\n{COLOURED}\n$$\n\n> [!NOTE]\n> Stressed: ${{\\color{{blue}}k}}a_{{i1}}$.\n"
    files = {"chapter1.md": chapter("Colours", "chapter1", body=body)}
    with served_course(tmp_path_factory, "colours", files) as base_url:
        yield base_url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_coloured_terms_keep_their_colour_in_both_schemes_and_axe_finds_nothing(
    browser, colour_site, scheme
):
    reader = open_reader(browser, color_scheme=scheme)
    page = reader.page
    try:
        page.goto(f"{colour_site}/chapter1.html")
        read_colours = (
            "() => [getComputedStyle(document.querySelector('math').closest('main')).color,"
            " ...[...document.querySelectorAll('math[display] mi')]"
            "   .map(e => getComputedStyle(e).color)]"
        )
        text, *letters = page.evaluate(read_colours)
        violations = axe_violations(page)
        page.locator(".scheme-toggle").click()
        switched_text, *switched = page.evaluate(read_colours)
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/math-colours-{scheme}-switched.png")
    finally:
        page.context.close()
    assert violations == []
    # Nine families, each its own colour, none the text's; black is the text's.
    assert len(set(letters[:9])) == 9 and text not in letters[:9]
    assert letters[9] == text
    assert switched_text != text and all(
        a != b for a, b in zip(letters[:9], switched[:9], strict=True)
    )
    assert switched[9] == switched_text
    assert reader.console_errors == [] and reader.external_requests == []


def test_screen_readers_get_the_formula_not_its_tex(browser, math_site):
    page, _ = open_strict(browser)
    try:
        page.goto(f"{math_site}/chapter1.html")
        session = page.context.new_cdp_session(page)
        tree = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        page.context.close()
    roles = [node.get("role", {}).get("value") for node in tree]
    names = " ".join(str(node.get("name", {}).get("value", "")) for node in tree)
    # The structure is exposed (fractions, roots, scripts), and the TeX annotation is not.
    assert roles.count("MathMLMath") == 13
    assert {"MathMLFraction", "MathMLSquareRoot", "MathMLUnderOver", "MathMLTable"} <= set(roles)
    assert "\\frac" not in names and "\\operatorname" not in names


# Fences, roots and sums of every size a chapter may need, as the subset font must draw
# them: sizes the font has as single glyphs, and larger ones it builds from parts.
STRETCHY = {
    "paren, a size variant": r"\left( \frac{a}{b} \right)",
    "paren, assembled": r"\left( \begin{matrix} a \\ b \\ c \\ d \\ e \end{matrix} \right)",
    "bracket, a size variant": r"\left[ \frac{a}{b} \right]",
    "bracket, assembled": r"\begin{bmatrix} a \\ b \\ c \\ d \\ e \end{bmatrix}",
    "brace, a size variant": r"\left\{ \frac{a}{b} \right.",
    "brace, assembled": r"\left\{ \begin{matrix} a \\ b \\ c \\ d \\ e \\ f \\ g \end{matrix}"
    r" \right.",
    "root, a size variant": r"\sqrt{\frac{a}{b}}",
    "root, assembled": r"\sqrt{\begin{matrix} a \\ b \\ c \\ d \\ e \end{matrix}}",
    "sum": r"\sum_{i=1}^{n} x_i",
}


@pytest.fixture(scope="module")
def stretchy_site(tmp_path_factory):
    """A chapter of the fences, roots and sums of STRETCHY, served on 127.0.0.1."""
    body = "\n\n".join(f"{name}:\n\n$$\n{tex}\n$$" for name, tex in STRETCHY.items())
    files = {"chapter1.md": chapter("Stretchy", "chapter1", body=body)}
    with served_course(tmp_path_factory, "stretchy", files) as base_url:
        yield base_url


def test_fences_roots_and_sums_grow_with_what_they_hold(browser, stretchy_site):
    with loaded_with_fonts(browser, f"{stretchy_site}/chapter1.html") as (page, seen):
        # Each formula: the height of its tallest fence or root sign, and of what it holds.
        heights = page.evaluate(
            """[...document.querySelectorAll('math')].map(math => {
                 const held = math.querySelector('mtable, mfrac');
                 const sign = math.querySelector('msqrt');
                 const fence = [...math.querySelectorAll('mo')].filter(
                   mo => '([{'.includes(mo.textContent));
                 const sum = [...math.querySelectorAll('mo')].find(mo => mo.textContent == '∑');
                 const letter = math.querySelector('msub > mi');
                 const height = element => element.getBoundingClientRect().height;
                 if (sum) return [height(sum), height(letter)];
                 if (sign) return [height(sign), height(held)];
                 return [Math.max(...fence.map(height)), height(held)];
               })"""
        )
        used = rendering_fonts(page, "math mo")
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/math-stretchy.png", full_page=True)
    assert seen["errors"] == []
    assert set(used) == {"STIX Two Math"}, used
    for name, (drawn, held) in zip(STRETCHY, heights, strict=True):
        assert drawn >= held, f"{name}: {drawn:.1f} px drawn for {held:.1f} px of content"
        if name == "sum":
            assert drawn >= 1.8 * held, f"a display sum is {drawn:.1f} px, x is {held:.1f}"


@pytest.fixture(scope="module")
def tagged_site(tmp_path_factory):
    """A chapter of formulas with their own numbers (`\\tag`), one wider than a phone."""
    wide = r"\sum_{i=1}^{n} \frac{e^{x_i}}{\sum_j e^{x_j}} + " * 6 + "1"
    body = f"$$\nV(s) = r + \\gamma V(s') \\tag{{6.1}}\n$$\n\n$$\n{wide} \\tag{{6.2}}\n$$\n"
    files = {"chapter1.md": chapter("Numbers", "chapter1", body=body)}
    with served_course(tmp_path_factory, "tagged", files) as base_url:
        yield base_url


@pytest.mark.parametrize("width", [412, 1000])
def test_a_formulas_number_stays_at_the_right_of_its_line_in_sight(browser, tagged_site, width):
    page, seen = open_strict(browser)
    try:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{tagged_site}/chapter1.html")
        page.wait_for_function("document.fonts.status === 'loaded'")
        boxes = page.evaluate(
            """[...document.querySelectorAll('.math-tagged')].map(line => {
                 const box = element => element.getBoundingClientRect();
                 const math = line.querySelector('math'), tag = line.querySelector('.math-tag');
                 return {line: box(line).right, math: box(math).right, tag: box(tag).left,
                         tagRight: box(tag).right, text: tag.textContent,
                         scrolls: math.scrollWidth > math.clientWidth};
               })"""
        )
    finally:
        page.context.close()
    assert seen["errors"] == []
    assert [box["text"] for box in boxes] == ["(6.1)", "(6.2)"]
    for box in boxes:
        # Beside the formula, never over it, and at the right edge of the column.
        assert box["math"] <= box["tag"] and abs(box["tagRight"] - box["line"]) < 1, box
        assert box["tagRight"] <= width, box
    assert boxes[1]["scrolls"] == (width == 412)  # the wide one scrolls on a phone
