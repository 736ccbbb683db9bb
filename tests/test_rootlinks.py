"""Root-absolute links written by authors, rewritten for relative builds and sub-path SITEURLs."""

import pytest
from rootlinks.rewrite import rewrite_root_links, rewrite_url

SITE = "https://example.github.io/llm-course"


@pytest.mark.parametrize(
    ("url", "page", "relative", "absolute"),
    [
        ("/images/c4.png", "chapter4.html", "images/c4.png", f"{SITE}/images/c4.png"),
        (
            "/images/c4.png",
            "guide/setup/index.html",
            "../../images/c4.png",
            f"{SITE}/images/c4.png",
        ),
        ("/", "chapter4.html", "./", f"{SITE}/"),
        ("/", "guide/index.html", "../", f"{SITE}/"),
        ("/guide/", "chapter4.html", "guide/", f"{SITE}/guide/"),
        (
            "/chapter5.html#tools",
            "chapter4.html",
            "chapter5.html#tools",
            f"{SITE}/chapter5.html#tools",
        ),
        ("/c.html?x=1#a", "a/b.html", "../c.html?x=1#a", f"{SITE}/c.html?x=1#a"),
        ("/chapter4.html", "chapter4.html", "chapter4.html", f"{SITE}/chapter4.html"),
        # A backslash in a folder's name is part of it (self-llm's `qwen3.5\3.6/`): the
        # image was one folder too high.
        ("/u/a\\b/p.png", "u/a\\b/l.html", "p.png", f"{SITE}/u/a\\b/p.png"),
        # not root-absolute: left as written
        ("//cdn.example/x.js", "a.html", "//cdn.example/x.js", "//cdn.example/x.js"),
        ("images/c4.png", "a.html", "images/c4.png", "images/c4.png"),
        ("#top", "a.html", "#top", "#top"),
        ("https://example.org/", "a.html", "https://example.org/", "https://example.org/"),
        ("mailto:a@b.c", "a.html", "mailto:a@b.c", "mailto:a@b.c"),
    ],
)
def test_rewrite_url(url, page, relative, absolute):
    assert rewrite_url(url, page, None) == relative
    assert rewrite_url(url, page, SITE + "/") == absolute


def test_rewrite_root_links_covers_src_href_and_srcset_but_not_text():
    html = (
        '<p>See /images/a.png</p><img alt="A" src="/images/a.png" '
        "srcset='/images/a-480.webp 480w, /images/a.png 1200w'>"
        '<a href="/chapter5.html">next</a><video poster="/images/p.png"></video>'
    )
    rewritten = rewrite_root_links(html, "chapter4.html", None)
    assert rewritten == (
        '<p>See /images/a.png</p><img alt="A" src="images/a.png" '
        "srcset='images/a-480.webp 480w, images/a.png 1200w'>"
        '<a href="chapter5.html">next</a><video poster="images/p.png"></video>'
    )
