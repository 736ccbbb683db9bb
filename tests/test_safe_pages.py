"""Safe pages: a Content-Security-Policy on every page, no inline script, safe new-tab links."""

import re

import pytest
from conftest import chapter
from safe_pages.links import protect_new_tab_links
from safe_pages.styles import without_inline_styles
from selectolax.lexbor import LexborHTMLParser

# base-uri: a <base> element cannot send every relative link elsewhere; form-action: a form
# cannot post a student's input to another site.
CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';'
    " base-uri 'self'; form-action 'self';"
    " script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:\">"
)


def as_a_browser_sees_it(body: str) -> LexborHTMLParser:
    """Return the DOM a browser builds for a chapter body placed in a page, before more markup."""
    return LexborHTMLParser(
        f'<!DOCTYPE html><html><head></head><body><main>{body}</main><nav><a href="n.html">Next'
        "</a></nav></body></html>"
    )


NEW_TAB_LINKS = [
    '<a href="x" target="_blank">t</a>',
    "<a target='_blank' href='x'>t</a>",
    '<a href="x" target=_blank>t</a>',
    '<A HREF="x" TARGET="_BLANK">t</A>',
    '<a rel="external" href="x" target="_blank">t</a>',
    '<a rel="noopener" target="_blank">t</a>',
    # Each of these got past the pattern matching this replaced.
    '<a href="x" target=_blank rel=opener>t</a>',
    '<a href="x" target=" _blank">t</a>',
    '<a href="x" target="slides">t</a>',
    '<a href="x" target="&#95;blank">t</a>',
    '<a title="a>b" href="x" target="_blank">t</a>',
    '<a href="x" rel="opener" rel="nofollow" target="_blank">t</a>',
    "<a/target=_blank/href=x>t</a>",
    '<map name="m"><area href="x" target="_blank" alt="x"></map>',
    '<svg><a href="x" target="_blank"><text>t</text></a></svg>',
    '<!--> <a href="x" target="_blank">t</a> -->',
    '<p>An unfinished tag takes in what follows it on the page:</p><a href="x" target="_blank"',
]


@pytest.mark.parametrize("body", NEW_TAB_LINKS)
def test_every_link_with_a_target_gets_noopener_noreferrer_in_its_one_rel(body):
    protected = protect_new_tab_links(body)
    page = as_a_browser_sees_it(protected)
    for link in page.css("a[target], area[target]"):
        words = (link.attrs.get("rel") or "").lower().split()
        assert {"noopener", "noreferrer"} <= set(words), (protected, link.html)
        assert "opener" not in words, (protected, link.html)
    # A browser keeps the first of two rel attributes: there must be one only.
    assert len(re.findall(r"\srel\s*=", protected)) == len(page.css("[rel]")), protected


@pytest.mark.parametrize(
    "body",
    [
        '<a href="x">t</a>',
        '<abbr title="target=_blank">x</abbr>',
        "<p>Who is the target reader? <code>&lt;a target=_blank&gt;</code></p>",
    ],
)
def test_a_body_without_a_link_with_a_target_is_left_as_it_is(body):
    assert protect_new_tab_links(body) == body


def test_a_protected_link_keeps_its_address_text_and_other_attributes():
    protected = protect_new_tab_links(
        '<p>See <a class="ext" href="https://example.org/?a=1&amp;b=2" target=_blank>it</a>.</p>'
    )
    assert protected == (
        '<p>See <a class="ext" href="https://example.org/?a=1&amp;b=2" target="_blank"'
        ' rel="noopener noreferrer">it</a>.</p>'
    )


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
        " or [the notes](https://example.org/notes){target=_blank}, the"
        ' <a href="https://example.org/slides" target="slides" rel=opener>slides</a> and the'
        ' <a title="1 > 0" href="https://example.org/proof" target="&#95;blank">proof</a>.'
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    html = build.page("chapter1.html")
    new_tab_links = LexborHTMLParser(html).css("a[target]")
    assert len(new_tab_links) == 4, html
    for link in new_tab_links:
        assert link.attrs["rel"] == "noopener noreferrer", link.html
        assert len(re.findall(r"\srel=", link.html)) == 1, link.html


def test_inline_styles_are_left_out_as_github_leaves_them_out(build_site):
    # LangChain4j-for-Beginners sizes an image so; the policy refused it, with a console error.
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    body = (
        f'<img src="{pixel}" alt="A diagram" style="width: 50%">\n\n'
        '<p align="center" STYLE="color: red">Centred</p>\n\n'
        "<style>p { color: red }</style>\n\nText about a style guide."
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    html = build.page("chapter1.html")
    assert not re.search(r"<style\b|\sstyle=", html, re.IGNORECASE)
    assert f'<img src="{pixel}" alt="A diagram">' in html
    assert '<p align="center">Centred</p>' in html
    assert "Text about a style guide." in html


@pytest.mark.parametrize(
    "body",
    ["<p>A style guide, in <code>style=</code> and <code>&lt;style&gt;</code>.</p>", "<p>x</p>"],
)
def test_a_body_without_inline_styles_is_left_as_it_is(body):
    assert without_inline_styles(body) == body


# --- in a browser ---------------------------------------------------------------------------
