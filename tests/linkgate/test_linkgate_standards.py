"""Every URL a browser loads or follows, read as the HTML and URL standards say: one table.

Each case is a page, `docs/case.html`, of a small site, with the problems the
gate must report there (kind, URL as written, reason or its start). Each
element or attribute that fetches or navigates has a broken case; whitespace,
empty values, schemes and fragments have their own rows.
"""

import shutil

import pytest
from linkgate.check import GateOptions, check_site
from linkgate_helpers import FIXTURES

EMPTY = "empty URL: the browser loads nothing"
FILE_URL = "a file: URL names a file on one computer, not a page of the site"
NO_PAGE = "no such page"
NO_FILE = "no such file"


def link(url, reason=NO_PAGE):
    return ("link", url, reason)


def image(url, reason=NO_FILE):
    return ("image", url, reason)


CASES = [
    # Elements and attributes that navigate.
    (
        "a href",
        '<a href="../index.html#intro">a</a><a href="../nope.html">b</a>',
        [link("../nope.html")],
    ),
    ("area href", '<map name="m"><area href="../nope.html" alt="x"></map>', [link("../nope.html")]),
    (
        "form action",
        '<form action="../nope.html"><button>Go</button></form>',
        [link("../nope.html")],
    ),
    (
        "formaction of buttons that submit",
        '<form><button formaction="../nope1.html">a</button>'
        '<button type="button" formaction="../nope2.html">b</button>'
        '<input type="submit" formaction="../nope3.html">'
        '<input type="text" formaction="../nope4.html"></form>',
        [link("../nope1.html"), link("../nope3.html")],
    ),
    (
        "cite of blockquote, q, del, ins",
        '<blockquote cite="../nope1.html">a</blockquote><q cite="../nope2.html">b</q>'
        '<del cite="../nope3.html">c</del><ins cite="../nope4.html">d</ins>',
        [link(f"../nope{number}.html") for number in (1, 2, 3, 4)],
    ),
    (
        "meta refresh",
        '<meta http-equiv="refresh" content="0; url=../nope.html">',
        [link("../nope.html")],
    ),
    (
        "meta refresh, quoted, URL in capitals",
        '<meta http-equiv="Refresh" content="5;URL=\'../nope.html\'">',
        [link("../nope.html")],
    ),
    ("meta refresh of the page itself", '<meta http-equiv="refresh" content="30">', []),
    # Elements and attributes that fetch.
    (
        "link stylesheet",
        '<link rel="stylesheet" href="../theme/nope.css">',
        [link("../theme/nope.css", NO_FILE)],
    ),
    (
        "link icon is an image",
        '<link rel="icon" href="../images/nope.png">',
        [image("../images/nope.png")],
    ),
    (
        "link imagesrcset",
        '<link rel="preload" as="image" href="../images/dot.png"'
        ' imagesrcset="../images/dot.png 1x, ../images/nope.png 2x">',
        [image("../images/nope.png")],
    ),
    ("script src", '<script src="../theme/nope.js"></script>', [link("../theme/nope.js", NO_FILE)]),
    ("img src", '<img src="../images/nope.png" alt="x">', [image("../images/nope.png")]),
    (
        "img srcset, a comma inside a URL",
        '<img src="../images/dot.png" srcset="../images/dot.png?a,b 1x, ../images/nope.png 2x"'
        ' alt="x">',
        [image("../images/nope.png")],
    ),
    (
        "picture source srcset",
        '<picture><source srcset="../images/nope.webp" type="image/webp">'
        '<img src="../images/dot.png" alt="x"></picture>',
        [image("../images/nope.webp")],
    ),
    (
        "video src and poster",
        '<video src="../media/nope.mp4" poster="../images/nope.png"></video>',
        [link("../media/nope.mp4", NO_FILE), image("../images/nope.png")],
    ),
    (
        "video source and track",
        '<video><source src="../media/nope.webm"><track src="../media/nope.vtt"></video>',
        [link("../media/nope.webm", NO_FILE), link("../media/nope.vtt", NO_FILE)],
    ),
    ("audio src", '<audio src="../media/nope.mp3"></audio>', [link("../media/nope.mp3", NO_FILE)]),
    (
        "iframe src, embed src, object data",
        '<iframe src="../nope.html"></iframe><embed src="../nope.svg"><object data="../nope.pdf">'
        "</object>",
        [link("../nope.html"), link("../nope.svg", NO_FILE), link("../nope.pdf", NO_FILE)],
    ),
    (
        "input type=image src, not other inputs",
        '<input type="image" src="../images/nope.png" alt="Go">'
        '<input type="text" src="../images/nope2.png">',
        [image("../images/nope.png")],
    ),
    (
        "inline SVG image, a with xlink:href, use",
        '<svg><image href="../images/nope.png"/><a xlink:href="../nope.html"><text>x</text></a>'
        '<use href="../index.html#icon"/><use href="#nothing"/></svg>',
        [image("../images/nope.png"), link("../nope.html"), ("anchor", "#nothing", "no id")],
    ),
    (
        "noscript content loads without scripts",
        '<noscript><img src="../images/nope.png" alt="x"></noscript>',
        [image("../images/nope.png")],
    ),
    (
        "template content is not loaded",
        '<template><img src="../images/nope.png" alt="x"></template>',
        [],
    ),
    # The base URL.
    (
        "base href",
        '<base href="../images/"><img src="dot.png" alt="x"><a href="nope.html">x</a>',
        [link("nope.html")],
    ),
    (
        "the first base with an href",
        '<base target="_top"><base href="../images/"><base href="../"><img src="dot.png" alt="x">',
        [],
    ),
    # CSS in the page.
    (
        "style attribute url()",
        "<div style=\"background: url('../images/nope.png')\">x</div>",
        [image("../images/nope.png")],
    ),
    (
        "style element url() and @import",
        '<style>@import "../theme/nope.css"; body { background: url(../images/nope.png) }</style>',
        [link("../theme/nope.css", NO_FILE), image("../images/nope.png")],
    ),
    (
        "image-set strings",
        '<div style=\'background-image: image-set("../images/nope.png" 1x,'
        " url(../images/dot.png) 2x)'>x</div>",
        [image("../images/nope.png")],
    ),
    (
        "CSS comments and strings hold no URL",
        '<style>/* url(../nope1.png) */ p::after { content: "url(../nope2.png)" }</style>',
        [],
    ),
    ("@namespace loads nothing", "<style>@namespace url(../no-such-namespace);</style>", []),
    ("CSS escapes", '<div style="background: url(../images/d\\6f t.png)">x</div>', []),
    # Whitespace, as the URL standard strips it.
    (
        "spaces around, newlines and tabs inside",
        '<a href="  ../index.html#intro  ">a</a><a href="../index.html&#10;#intro">b</a>'
        '<img src="&#9;../images/d&#10;ot.png&#13;" alt="x">',
        [],
    ),
    ("a link of spaces is the page itself", '<a href="   ">self</a>', []),
    (
        "a link of spaces beside an empty img src",
        '<img src="" alt="x"><a href="   ">self</a>',
        [image("", EMPTY)],
    ),
    (
        "a no-break space is no whitespace",
        '<a href="&nbsp;../index.html">x</a>',
        [link("\xa0../index.html")],
    ),
    ("backslashes are slashes", '<img src="..\\images\\dot.png" alt="x">', []),
    # Empty values.
    ("img src empty", '<img src="" alt="x">', [image("", EMPTY)]),
    ("img src of spaces", '<img src="  " alt="x">', [image("  ", EMPTY)]),
    (
        "other loaded URLs empty",
        '<script src=""></script><iframe src=""></iframe><video src=""></video>'
        '<link rel="stylesheet" href=""><div style="background: url()">x</div>',
        [link("", EMPTY)] * 5,
    ),
    (
        "an empty src not used beside a srcset or in a picture",
        '<img src="" srcset="../images/dot.png" alt="x">'
        '<picture><source srcset="../images/dot.png"><img src="" alt="y"></picture>',
        [],
    ),
    (
        "empty link, action and cite mean the page itself",
        '<a href="">a</a><form action=""></form><blockquote cite="">q</blockquote>',
        [],
    ),
    # Schemes.
    (
        "file: URLs",
        '<a href="file:///home/me/course/x.html">x</a><img src="file:///C:/x.png" alt="x">',
        [link("file:///home/me/course/x.html", FILE_URL), image("file:///C:/x.png", FILE_URL)],
    ),
    (
        "a Windows path",
        '<img src="C:\\Users\\me\\plot.png" alt="x">',
        [image("C:\\Users\\me\\plot.png", "a Windows file path")],
    ),
    (
        "what is loaded needs a scheme a browser loads",
        '<img src="mailto:a@b.org" alt="x"><script src="javascript:void(0)"></script>'
        '<a href="mailto:a@b.org">m</a><iframe src="javascript:void(0)"></iframe>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="x"><iframe src="about:blank">'
        "</iframe>",
        [
            image("mailto:a@b.org", "a browser does not load mailto: URLs here"),
            link("javascript:void(0)", "a browser does not load javascript: URLs here"),
        ],
    ),
    ("protocol-relative URLs are off the site", '<img src="//example.org/x.png" alt="x">', []),
    # Fragments.
    (
        "top in any case, text directives",
        '<a href="#TOP">a</a><a href="#Top">b</a><a href="../index.html#:~:text=hello">c</a>'
        '<a href="../index.html#intro:~:text=x">d</a><a href="#">e</a>',
        [],
    ),
    (
        "ids are case-sensitive",
        '<a href="../index.html#INTRO">x</a>',
        [("anchor", "../index.html#INTRO", "no id 'INTRO' in index.html")],
    ),
    ("a name is an id", '<a href="../index.html#legacy">x</a>', []),
    (
        "the page used as an image fails as an image only",
        '<img src="#" alt="x"><a href="#">top</a><a href="#top">top</a>',
        [image("#", "not an image Pillow can read")],
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small site the cases link into: index.html with ids, an image, media, a stylesheet."""
    root = tmp_path_factory.mktemp("standards") / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", root)
    (root / "index.html").write_text(
        '<h1 id="intro">Intro</h1><a name="legacy"></a>'
        '<svg><symbol id="icon"><circle r="1"/></symbol></svg>'
    )
    (root / "docs").mkdir()
    return root


@pytest.mark.parametrize(
    ("html", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_each_url_is_judged_as_a_browser_would(site, html, expected):
    page = site / "docs" / "case.html"
    page.write_text(
        f"<!DOCTYPE html>\n<html><head><title>t</title></head><body>\n{html}\n</body></html>\n"
    )
    try:
        problems = [
            problem
            for problem in check_site(site, GateOptions())
            if problem.page == "docs/case.html"
        ]
    finally:
        page.unlink()
    found = [(problem.kind, problem.target, problem.reason) for problem in problems]
    assert len(found) == len(expected), found
    for (kind, target, reason), (wanted_kind, wanted_target, wanted_reason) in zip(
        found, expected, strict=True
    ):
        assert (kind, target) == (wanted_kind, wanted_target), found
        assert reason.startswith(wanted_reason), found
    assert all(problem.line for problem in problems), "every problem is found at its line"
