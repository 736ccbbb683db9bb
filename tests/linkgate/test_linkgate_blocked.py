"""Resources a page's own Content-Security-Policy blocks: each at its Markdown line, naming
the setting that would allow it."""

import pytest
from conftest import chapter
from courselib.html_urls import IMAGE, LINK, LOADED_LINK
from linkgate.blocked import BlockedResources, directive_for

STRICT = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';"
    " img-src 'self' data:"
)


@pytest.mark.parametrize(
    ("url", "where", "kind", "directive"),
    [
        ("https://a.org/x.png", "img[src]", IMAGE, "img-src"),
        ("https://a.org/x.png", "source[srcset]", IMAGE, "img-src"),
        ("https://a.org/v.mp4", "video[src]", LINK, "media-src"),
        ("https://a.org/v.jpg", "video[poster]", IMAGE, "img-src"),
        ("https://a.org/embed", "iframe[src]", LINK, "frame-src"),
        ("https://a.org/x.js", "script[src]", LINK, "script-src"),
        ("https://a.org/x.css", LOADED_LINK, LINK, "style-src"),
        ("data:image/svg+xml,x", LOADED_LINK, IMAGE, "img-src"),  # an icon
        ("https://a.org/f.woff2", "style", LINK, "font-src"),
        ("https://a.org/bg.png", "p[style]", IMAGE, "img-src"),
        ("https://a.org/page", "a[href]", LINK, None),  # followed, not loaded
    ],
)
def test_each_place_is_governed_by_its_directive(url, where, kind, directive):
    assert directive_for(url, where, kind) == directive


def test_the_message_names_the_setting_or_says_it_cannot_be_allowed():
    blocked = BlockedResources(STRICT, "", "chapter1.html")
    assert blocked.reason("https://www.youtube-nocookie.com/embed/x", "iframe[src]", LINK) == (
        "blocked by the page's Content-Security-Policy: allow it with"
        " CSP_ALLOW = {'frame-src': ['https://www.youtube-nocookie.com']} in pelicanconf.py"
    )
    assert "the site loads no scripts from other sites" in blocked.reason(
        "https://cdn.example.org/x.js", "script[src]", LINK
    )
    # Allowed as http:, an image would fail the published https site as mixed content
    # (The Odin Project's `http://i.imgur.com/...`): the advice is https.
    assert blocked.reason("http://i.imgur.com/abc.png", "img[src]", IMAGE) == (
        "blocked by the page's Content-Security-Policy: write it https: (an https site loads"
        " nothing over http:) and allow it with CSP_ALLOW = {'img-src': ['https://i.imgur.com']}"
        " in pelicanconf.py"
    )
    allowed = BlockedResources(STRICT.replace("img-src", "img-src https://i.imgur.com"), "", "a")
    assert allowed.reason("http://i.imgur.com/abc.png", "img[src]", IMAGE) == (
        "blocked by the page's Content-Security-Policy: write it https: (an https site loads"
        " nothing over http:)"
    )
    assert blocked.reason("data:image/png;base64,AA", "img[src]", IMAGE) is None
    assert (
        BlockedResources(None, "", "x.html").reason("https://a.org/x.png", "img[src]", IMAGE)
        is None
    )


EMBEDS = """Watch:

<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Intro" width="560"></iframe>

![A photo](https://images.example.org/photo.jpg)
"""


def test_blocked_embeds_fail_the_build_at_their_lines_and_csp_allow_lets_them_through(build_site):
    files = {"chapter1.md": chapter("One", "chapter1", body=EMBEDS)}
    build = build_site(files)
    assert build.exit_code != 0
    assert (
        "content/chapter1.md:8:1: broken link 'https://www.youtube-nocookie.com/embed/abc':"
        " blocked by the page's Content-Security-Policy: allow it with"
        " CSP_ALLOW = {'frame-src': ['https://www.youtube-nocookie.com']}"
    ) in build.log, build.log
    assert (
        "content/chapter1.md:10:1: broken image 'https://images.example.org/photo.jpg':"
        " blocked by the page's Content-Security-Policy: allow it with"
        " CSP_ALLOW = {'img-src': ['https://images.example.org']}"
    ) in build.log
    allowed = build_site(
        files,
        extra_settings={
            "CSP_ALLOW": {"frame-src": ["https://www.youtube-nocookie.com"], "img-src": ["https:"]}
        },
    )
    assert allowed.exit_code == 0, allowed.log


BADGES = """<table>
<tr><td><a href="https://x.org/1"><img src="https://img.example.com/in.png"></a></td></tr>
<tr><td><a href="https://x.org/2"><img src="https://img.example.com/in.png"></a></td></tr>
</table>
"""


def test_an_image_both_blocked_and_without_alt_is_reported_twice_at_its_own_line(build_site):
    # DataTalksClub's leaderboards: row 1's second problem was put on row 2's line, and
    # the last row's on the theme's markup.
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=BADGES)})
    problems = [line for line in build.log.splitlines() if "img.example.com" in line]
    assert len(problems) == 4, build.log
    for row in (7, 8):
        at_row = [line for line in problems if f"content/chapter1.md:{row}:" in line]
        assert len(at_row) == 2 and "blocked" in at_row[0] + at_row[1], problems
        assert "no alt text" in at_row[0] + at_row[1], problems
    assert "theme markup" not in build.log
