"""Safe pages: a Content-Security-Policy on every page, no inline script, safe new-tab links."""

import re

import pytest
from conftest import chapter
from safe_pages.links import protect_new_tab_links

# base-uri: a <base> element cannot send every relative link elsewhere; form-action: a form
# cannot post a student's input to another site.
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';'
    " base-uri 'self'; form-action 'self';"
    " script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:\">"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="x" target="_blank">', '<a href="x" target="_blank" rel="noopener noreferrer">'),
        (
            "<a target='_blank' href='x'>",
            "<a target='_blank' href='x' rel=\"noopener noreferrer\">",
        ),
        ('<a href="x" target=_blank>', '<a href="x" target=_blank rel="noopener noreferrer">'),
        ('<A HREF="x" TARGET="_BLANK">', '<A HREF="x" TARGET="_BLANK" rel="noopener noreferrer">'),
        (
            '<a rel="external" href="x" target="_blank">',
            '<a rel="external noopener noreferrer" href="x" target="_blank">',
        ),
        (
            '<a rel="noopener" target="_blank">',
            '<a rel="noopener noreferrer" target="_blank">',
        ),
        ('<a href="x">', '<a href="x">'),
        ('<a href="x" target="_self">', '<a href="x" target="_self">'),
        ('<abbr title="target=_blank">', '<abbr title="target=_blank">'),
    ],
)
def test_new_tab_links_get_noopener_noreferrer(html, expected):
    assert protect_new_tab_links(html) == expected


def test_every_page_has_the_content_security_policy_and_no_inline_code(seed_site):
    for page in seed_site.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count(CSP) == 1, page
        head = html.split("</head>", 1)[0]
        assert head.index(CSP) < head.index("<title>"), page  # before anything it governs
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html, re.IGNORECASE), page


def test_links_a_chapter_opens_in_a_new_tab_cannot_reach_back(build_site):
    body = (
        'Read <a href="https://example.org/paper" target="_blank">the paper</a>'
        " or [the notes](https://example.org/notes){target=_blank}."
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    html = build.page("chapter1.html")
    new_tab_links = re.findall(r"<a\b[^>]*target=\"_blank\"[^>]*>", html)
    assert len(new_tab_links) == 2, html
    for link in new_tab_links:
        assert 'rel="noopener noreferrer"' in link, link


# --- in a browser ---------------------------------------------------------------------------
