"""Where authors wrote links (Markdown line and column), matching by target, and settings."""

import pytest
from linkgate.address import SiteAddress
from linkgate.locate import markdown_links, position_in_html
from linkgate.problems import Problem
from linkgate.settings import SettingsError, read_settings
from linkgate.sources import map_to_markdown

MARKDOWN = """Title: Four

![Cover](/images/c4.png)

In [Chapter 5](chapter5.html "Agents"), see [the part](#diffusion-models).
[ref]: chapter6.html
<img src="/images/raw.png"> and <a href='other.html'>raw</a>

```
[not a link](inside-code.html)
```
Some `[inline code](nope.html)` and <https://example.org/x>.
"""


def test_markdown_links_are_found_with_line_and_column():
    found = [(link.url, link.line, link.column, link.is_image) for link in markdown_links(MARKDOWN)]
    assert found == [
        ("/images/c4.png", 3, 1, True),
        ("chapter5.html", 5, 4, False),
        ("#diffusion-models", 5, 45, False),
        ("chapter6.html", 6, 8, False),
        ("/images/raw.png", 7, 1, True),
        ("other.html", 7, 33, False),
        ("https://example.org/x", 12, 37, False),
    ]


def test_a_raw_img_without_alt_is_known():
    [image] = [link for link in markdown_links(MARKDOWN) if link.url == "/images/raw.png"]
    assert image.lacks_alt


@pytest.mark.parametrize(
    ("output_url", "written_url", "line", "column"),
    [
        ("images/c4.png", "/images/c4.png", 3, 1),  # rewritten by rootlinks: matched by target
        ("https://example.github.io/llm-course/images/c4.png", "/images/c4.png", 3, 1),
        ("chapter5.html", None, 5, 4),
        ("#diffusion-models", None, 5, 45),
        ("chapter6.html", None, 6, 8),
        ("other.html", None, 7, 33),
    ],
)
def test_problems_map_to_the_link_as_written(output_url, written_url, line, column):
    site = (
        SiteAddress.from_site_url("https://example.github.io/llm-course")
        if output_url.startswith("https")
        else SiteAddress()
    )
    problem = Problem(page="chapter4.html", target=output_url, kind="link", reason="no such page")
    [mapped] = map_to_markdown([problem], MARKDOWN, "content/chapter4.md", "chapter4.md", site)
    assert (mapped.file, mapped.line, mapped.column, mapped.written) == (
        "content/chapter4.md",
        line,
        column,
        written_url,
    )


def test_a_link_not_in_the_markdown_is_theme_markup():
    problem = Problem(
        page="chapter4.html",
        target="about.html",
        kind="link",
        reason="no such page",
        file="output/chapter4.html",
        line=40,
        column=3,
    )
    [mapped] = map_to_markdown(
        [problem],
        MARKDOWN,
        "content/chapter4.md",
        "chapter4.md",
        SiteAddress(),
        template="article.html",
    )
    assert (mapped.file, mapped.line, mapped.template) == (
        "output/chapter4.html",
        40,
        "article.html",
    )
    assert mapped.message().endswith("[in theme markup, page template article.html]")


def test_the_same_broken_link_twice_maps_to_both_places():
    markdown = "[a](gone.html)\n\nand again [b](gone.html)\n"
    problems = [
        Problem(page="index.html", target="gone.html", kind="link", reason="no such page"),
        Problem(page="index.html", target="gone.html", kind="link", reason="no such page"),
    ]
    mapped = map_to_markdown(problems, markdown, "content/index.md", "index.md", SiteAddress())
    assert [(p.line, p.column) for p in mapped] == [(1, 1), (3, 11)]


@pytest.mark.parametrize(
    ("html", "url", "occurrence", "position"),
    [
        ('<a href="x.html">', "x.html", 0, (1, 10)),
        ('<p>\n  <a href="x.html">x.html</a> <img src=x.html>', "x.html", 1, (2, 40)),
        ('<a href="a?b=1&amp;c=2">', "a?b=1&c=2", 0, (1, 10)),
        ("body{background:url(../i.png)}", "../i.png", 0, (1, 21)),
        ('<a href="y.html">', "x.html", 0, None),
        ('<img srcset="s.png 480w, x.png 800w">', "x.png", 0, (1, 26)),
        (
            '<link href="data:image/svg+xml,<svg viewBox=\'0 0 8 8\'/>">\n<img src="0">',
            "0",
            0,
            (2, 11),
        ),
        ('<a href="0.html">0</a>', "0", 0, None),
    ],
)
def test_positions_in_output_pages(html, url, occurrence, position):
    assert position_in_html(html, url, occurrence) == position


def test_settings_have_defaults():
    settings = read_settings({})
    assert (settings.enabled, settings.strict, settings.external, settings.ignore) == (
        True,
        False,
        False,
        (),
    )


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"LINKGATE_STRICT": "yes"}, "LINKGATE_STRICT"),
        ({"LINKGATE_EXTERNAL": 1}, "LINKGATE_EXTERNAL"),
        ({"LINKGATE_IGNORE": "^https://"}, "LINKGATE_IGNORE"),
        ({"LINKGATE_IGNORE": ["("]}, "LINKGATE_IGNORE"),
        ({"LINKGATE_EXTERNAL_TIMEOUT": 0}, "LINKGATE_EXTERNAL_TIMEOUT"),
        ({"LINKGATE_EXTERNAL_RETRIES": 1.5}, "LINKGATE_EXTERNAL_RETRIES"),
        ({"LINKGATE_STRICTNESS": True}, "LINKGATE_STRICTNESS"),
    ],
)
def test_a_bad_setting_names_its_key(settings, named):
    with pytest.raises(SettingsError, match=named):
        read_settings(settings)


def test_a_link_with_space_before_its_closing_parenthesis_is_found():
    """Found by fuzzing: `[x](0 )` was reported as theme markup, not at its Markdown line."""
    from linkgate.locate import markdown_links

    [link] = markdown_links("Intro.\n\n[x](0 ) and more")
    assert (link.url, link.line, link.column) == ("0", 3, 1)
    # and `[x](0\x85)`: U+0085 is whitespace to Markdown, and no line break to an editor
    first, second = markdown_links("Intro.\n\n[x](0\x85) and more\n[y](1)")
    assert (first.url, first.line, first.column) == ("0", 3, 1)
    assert (second.url, second.line) == ("1", 4)


@pytest.mark.parametrize(
    ("markdown", "url", "spot"),
    [
        ("Intro.\n\n[x](0 0)\n", "0 0", (3, 5)),  # Python-Markdown accepts a space in the URL
        ("[x]({static};0)\n", "{static};0;0", (1, 5)),  # as Pelican rewrites it
        ("[x](\x00)\n", "\ufffd", (1, 5)),  # Markdown writes NUL as U+FFFD
        ("text\n\nSee [x](0\t0).\n", "0   0", (3, 9)),  # Markdown expands the tab to spaces
        ("No link here.\n", "about.html", None),
    ],
)
def test_literal_spot_finds_urls_written_in_forms_the_patterns_miss(markdown, url, spot):
    from linkgate.sources import literal_spot

    assert literal_spot(markdown, url) == spot
