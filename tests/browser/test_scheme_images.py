"""A logo kept in two colour schemes on GitHub shows once, in the reader's scheme."""

import pytest
from test_scheme_images import LOGO_COURSE

from .conftest import open_reader, served_course


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory):
    """A course whose README shows its logo in each scheme, served on 127.0.0.1."""
    with served_course(tmp_path_factory, "schemes", LOGO_COURSE) as base_url:
        yield base_url


def shown_logos(page) -> list[str]:
    """Return the `src` of each logo the page shows (the sponsor's in a link)."""
    return page.evaluate(
        "[...document.querySelectorAll('main img')]"
        ".filter(image => image.checkVisibility())"
        ".map(image => image.getAttribute('src'))"
    )


@pytest.mark.parametrize(
    ("system", "toggled", "shown"),
    [
        ("light", False, "light"),
        ("dark", False, "dark"),
        ("light", True, "dark"),  # dark chosen with the toggle
        ("dark", True, "light"),
    ],
)
def test_the_logo_of_the_readers_scheme_shows_alone(chromium, logo_site, system, toggled, shown):
    reader = open_reader(chromium, color_scheme=system)
    page = reader.page
    page.goto(f"{logo_site}/index.html")
    if toggled:
        page.locator(".scheme-toggle").click()
        page.wait_for_function("document.documentElement.dataset.scheme !== undefined")
    assert shown_logos(page) == [
        f"./logo-{shown}.png#gh-{shown}-mode-only",
        f"./sponsor-{shown}.png",
    ]
    assert reader.console_errors == []
    page.context.close()
