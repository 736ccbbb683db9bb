"""Where authors wrote links (Markdown line and column), matching by target, and settings."""

import pytest
from courselib.markdown import chapter_links
from linkgate.address import SiteAddress
from linkgate.locate import position_in_html
from linkgate.problems import Problem
from linkgate.settings import SettingsError, read_settings
from linkgate.sources import map_to_markdown

MARKDOWN = """Title: Four

![Cover](/images/c4.png)

In [Chapter 5](chapter5.html "Agents"), see [the part](#diffusion-models).
Then [chapter 6][ref].
<img src="/images/raw.png"> and <a href='other.html'>raw</a>

[ref]: chapter6.html

```
[not a link](inside-code.html)
```
Some `[inline code](nope.html)` and <https://example.org/x>.
"""


def test_markdown_links_are_found_with_line_and_column():
    found = [(link.url, link.line, link.column, link.is_image) for link in chapter_links(MARKDOWN)]
    assert found == [
        ("/images/c4.png", 3, 1, True),
        ("chapter5.html", 5, 4, False),
        ("#diffusion-models", 5, 45, False),
        ("chapter6.html", 6, 6, False),  # a reference-style link: where it is used
        ("/images/raw.png", 7, 1, True),
        ("other.html", 7, 33, False),
        ("https://example.org/x", 14, 37, False),
    ]


def test_a_raw_img_without_alt_is_known():
    [image] = [link for link in chapter_links(MARKDOWN) if link.url == "/images/raw.png"]
    assert image.lacks_alt


@pytest.mark.parametrize(
    ("output_url", "written_url", "line", "column"),
    [
        ("images/c4.png", "/images/c4.png", 3, 1),  # rewritten by rootlinks: matched by target
        ("https://example.github.io/llm-course/images/c4.png", "/images/c4.png", 3, 1),
        ("chapter5.html", None, 5, 4),
        ("#diffusion-models", None, 5, 45),
        ("chapter6.html", None, 6, 6),
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


def test_cells_of_a_table_row_written_alike_are_each_found_in_their_cell():
    markdown = "| a | b | c |\n|---|---|---|\n|[x](g.html)| [x](g.html) |  [x](g.html)|\n"
    found = [(link.url, link.line, link.column) for link in chapter_links(markdown)]
    assert found == [("g.html", 3, 2), ("g.html", 3, 15), ("g.html", 3, 30)]


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


@pytest.mark.parametrize(
    ("markdown", "output_url", "spot"),
    [
        # Found by fuzzing: `[x](0 )` was reported as theme markup.
        ("Intro.\n\n[x](0 ) and more", "0", (3, 1)),
        # U+0085 is whitespace to Markdown, and no line break to an editor.
        ("Intro.\n\n[x](0\x85) and more\n[y](1)", "1", (4, 1)),
        # Pelican rewrites a placeholder it cannot resolve: `{static};0` becomes `{static};0;0`.
        ("[x]({static};0)\n", "{static};0;0", (1, 1)),
        ("Text.\n\n[x]({static}#0)\n", "{static}#0#0", (3, 1)),  # found by fuzzing
        # Markdown writes NUL as U+FFFD.
        ("[x](\x00)\n", "\ufffd", (1, 1)),
    ],
)
def test_urls_in_odd_forms_are_found_at_their_line(markdown, output_url, spot):
    problem = Problem(page="index.html", target=output_url, kind="link", reason="no such page")
    [mapped] = map_to_markdown([problem], markdown, "content/index.md", "index.md", SiteAddress())
    assert (mapped.line, mapped.column) == spot
    assert not mapped.in_theme


@pytest.mark.parametrize(
    ("written", "output"),
    [("{filename};0", "./chapter-1.html;0"), ("{filename};{", "./chapter-1.html;%7B")],
)
def test_a_placeholder_to_the_page_itself_with_params_is_found(written, output):
    """Found by fuzzing: `[x]({filename};0)` came out as `./chapter-1.html;0`, on the theme."""
    problem = Problem(page="chapter-1.html", target=output, kind="link", reason="x")
    [mapped] = map_to_markdown(
        [problem],
        f"Intro.\n\n[x]({written})\n",
        "content/0.md",
        "0.md",
        SiteAddress(),
        content_to_site={"0.md": "chapter-1.html"},
    )
    assert (mapped.line, mapped.column, mapped.in_theme) == (3, 1, False)


def test_locating_many_broken_links_is_linear():
    """20,000 broken links on one page took 19 s to report; twice as many, four times that."""
    markdown = "".join(f"[l{n}](gone{n}.html)\n\n" for n in range(20_000))
    problems = [
        Problem(page="index.html", target=f"gone{n}.html", kind="link", reason="no such page")
        for n in range(20_000)
    ]
    mapped = map_to_markdown(problems, markdown, "content/index.md", "index.md", SiteAddress())
    assert [p.line for p in mapped[:3]] == [1, 3, 5] and mapped[-1].line == 39_999
