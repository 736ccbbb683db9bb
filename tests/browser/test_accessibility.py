"""axe-core finds no violation on any page type, in the light and the dark scheme."""

import pytest

from .conftest import axe_violations, open_reader

PAGE_TYPES = {
    "home": "index.html",
    "chapter": "chapter4.html",
    "chapter with code": "chapter7.html",
    "chapter with tables, tasks, alerts and math": "chapter8.html",
    "chapter with quizzes": "chapter20.html",
    "upcoming chapter": "chapter5.html",
    "chapter with exercises and solutions": "chapter11.html",
    "chapter with solutions held back": "chapter12.html",
    "not found": "404.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations(browser, served_site, page_type, scheme):
    reader = open_reader(browser, color_scheme=scheme)
    page = reader.page
    page.goto(served_site.url(PAGE_TYPES[page_type]))
    violations = axe_violations(page)
    page.context.close()
    assert violations == []
