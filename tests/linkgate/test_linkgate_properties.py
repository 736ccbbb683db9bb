"""Property tests: random HTML and URLs never crash the checker, nor make it read outside."""

import builtins
import io
import os
import tempfile
from pathlib import Path

from courselib.html_urls import read_css, read_html, srcset_urls, unescape_attribute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from linkgate.address import SiteAddress, resolve_url
from linkgate.check import GateOptions, check_site
from selectolax.lexbor import LexborHTMLParser

URL_PIECES = st.sampled_from(
    [
        "..",
        ".",
        "/",
        "//",
        "#",
        "?",
        "%",
        "%2e%2e",
        "%2F",
        "%C3%A9",
        "%ZZ",
        "é",
        " ",
        "\\",
        "{filename}",
        "a",
        "b.html",
        "images",
        "c.png",
        "http://",
        "https://x.org",
        "mailto:",
        "javascript:",
        "data:",
        "..%2f",
        ":",
        "@",
        "\x00",
        "\n",
        "\t",
        "[",
        "]",
        "[::1]",
        "http://[",
        "https://x.org:99999",
        ":8o",
        "file:",
        "C:\\",
        "\\\\",
        "%00",
        "url(",
        ")",
        "0; url=",
        "refresh",
        "image",
        "@import '",
        "/*",
        "\\6c ",
        ":~:",
    ]
)
URLS = st.one_of(st.text(max_size=40), st.lists(URL_PIECES, max_size=12).map("".join))
TAGS = [
    "a",
    "img",
    "link",
    "script",
    "source",
    "video",
    "audio",
    "track",
    "object",
    "iframe",
    "base",
    "picture",
    "h2",
    "p",
    "div",
    "embed",
    "area",
    "form",
    "input",
    "button",
    "blockquote",
    "meta",
    "style",
    "svg",
    "image",
    "use",
    "template",
]
ATTRIBUTES = [
    *("href", "src", "srcset", "poster", "data", "id", "name", "alt", "rel", "action"),
    *("formaction", "cite", "content", "http-equiv", "style", "type", "xlink:href"),
    "imagesrcset",
]


@st.composite
def html_documents(draw) -> str:
    """Random HTML: well-formed-ish elements with URL attributes, plus random junk."""
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(st.sampled_from(TAGS))
        attributes = " ".join(
            f'{name}="{value.replace(chr(34), "&quot;")}"'
            for name, value in draw(
                st.lists(st.tuples(st.sampled_from(ATTRIBUTES), URLS), max_size=4)
            )
        )
        closing = draw(st.sampled_from(["", f"</{tag}>", "<", "</"]))
        parts.append(f"<{tag} {attributes}>{draw(st.text(max_size=10))}{closing}")
    parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


def site_address() -> st.SearchStrategy[SiteAddress]:
    return st.sampled_from(
        [SiteAddress(), SiteAddress.from_site_url("https://example.github.io/llm-course")]
    )


@given(
    url=URLS,
    page=st.sampled_from(["index.html", "a/b.html", "a/b/c/d.html"]),
    site=site_address(),
    base=st.one_of(st.just(""), URLS),
)
def test_resolution_never_leaves_the_site(url, page, site, base):
    resolution = resolve_url(url, page, site, base)
    assert resolution.outcome in {"local", "external", "skip", "broken"}
    if resolution.outcome == "local":
        parts = resolution.path.split("/")
        assert ".." not in parts
        assert not resolution.path.startswith("/")
        assert resolution.path


@given(document=html_documents())
def test_random_html_never_crashes_the_reader(document):
    facts = read_html(document)
    assert all(isinstance(url, str) for url, _kind, _where in facts.urls)


@given(value=st.text(max_size=60))
def test_srcset_and_css_parsing_never_crash(value):
    assert all(url for url in srcset_urls(value))
    read_css(value)


# Pieces of attribute values: character references with and without `;`, and what may
# follow one (`?a=1&center=true`, as badge URLs are written, stays so in an attribute).
REFERENCE_PIECES = ["&", ";", "=", "#", "x", "41", "amp", "cent", "center", "copy", "not"]
REFERENCE_PIECES += ["notin", "lt", "AMP", "Aacute", "e", "1", "-", "?", " ", "é", "#x1F600"]


@given(value=st.lists(st.sampled_from(REFERENCE_PIECES), max_size=12).map("".join))
def test_an_attribute_value_is_unescaped_as_a_browser_reads_it(value):
    # The Markdown side reads raw tags by a pattern; the gate reads the built page with
    # Lexbor: a URL read two ways was told at the built page, "[in theme markup]".
    tag = '<a href="' + value.replace('"', "&quot;") + '">x</a>'
    assert unescape_attribute(value) == LexborHTMLParser(tag).css_first("a").attributes["href"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(html_documents(), min_size=1, max_size=4), site=site_address())
def test_checking_random_pages_never_crashes_nor_reads_outside(pages, site):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        (root / "a").mkdir(parents=True)
        (Path(folder) / "secret.png").write_bytes(b"outside the site")
        os.symlink(Path(folder) / "secret.png", root / "a" / "link.png")
        for number, document in enumerate(pages):
            (root / ("a" if number % 2 else "") / f"page{number}.html").write_text(
                document + '<img src="../secret.png"><img src="a/link.png">', encoding="utf-8"
            )
        opened: list[str] = []
        real_open = io.open

        def watching_open(file, *arguments, **keywords):
            if isinstance(file, str | os.PathLike):
                opened.append(os.path.realpath(file))
            return real_open(file, *arguments, **keywords)

        io.open = builtins.open = watching_open
        try:
            problems = check_site(root, GateOptions(site=site, workers=1))
        finally:
            io.open = builtins.open = real_open
        real_root = os.path.realpath(root)
        assert opened, "the watch on open() saw no read at all"
        assert all(path.startswith(real_root + os.sep) for path in opened), opened
        assert all(problem.page for problem in problems)
