"""Focused tests of the content checks: URL in, verdict out; Pelican's message in, our line out."""

import pytest
from author_errors.content_checks import duplicate_slugs, hidden_pages
from author_errors.pelican_messages import DROP, rewrite_pelican_message
from course_markdown.reader import chapter_problems
from courselib.front_matter import read_front_matter
from courselib.markdown import render_markdown
from courselib.paths import leaves_content


@pytest.mark.parametrize(
    ("url", "folder", "leaves"),
    [
        ("images/c4.png", (), False),
        ("/images/c4.png", (), False),
        ("{static}/images/c4.png", (), False),
        ("{static}../images/c4.png", ("part1",), False),
        ("{static}../../images/c4.png", ("part1",), True),
        ("../images/c4.png", (), True),
        ("%2e%2e/secret", (), True),
        ("/../secret", (), True),
        ("{filename}../x.md", (), True),
        ("file:///etc/passwd", (), True),
        ("https://example.org/../x", (), False),
        ("mailto:someone@example.org", (), False),
        ("#../heading", (), False),
        ("//cdn.example.org/x.js", (), False),
        ("chapter5.html?x=../..#y", (), False),
    ],
)
def test_leaves_content(url, folder, leaves):
    assert leaves_content(url, folder) is leaves


@pytest.mark.parametrize(
    ("markdown", "problems"),
    [
        ("See ![x](../y.png) here.", ["c.md:1: '../y.png' points outside content/"]),
        ("Write `![x](../y.png)` for an image.", []),
        ("```\n![x](../y.png)\n```", []),
        ("    ![x](../y.png)\n", []),  # an indented code block
        ("See [notes].\n\n[notes]: ../notes.txt", ["c.md:1: '../notes.txt' points outside"]),
        ("[unused]: ../notes.txt", []),  # a definition no link uses is in no page
        ('<img src="../y.png"> and `<img src="../z.png">`', ["c.md:1: '../y.png' points"]),
        ("- item\n\n  | a |\n  |---|\n  | [x](../t.md) |", ["c.md:5: '../t.md' points"]),
    ],
)
def test_links_leaving_content_are_found_where_markdown_makes_links(markdown, problems):
    found = chapter_problems(render_markdown(markdown), "c.md", ())
    assert len(found) == len(problems)
    for line, expected in zip(found, problems, strict=True):
        assert line.startswith(expected), line


def test_front_matter_keeps_each_fields_line_and_stops_at_the_body():
    fields = read_front_matter("Title: One\nDATE: 2024-01-01\n    later\n\nText: no\n")
    assert fields["title"].value == "One" and fields["title"].line == 1
    assert fields["date"].value == "2024-01-01\nlater" and fields["date"].line == 2
    assert "text" not in fields


@pytest.mark.parametrize(
    ("template", "args", "error", "expected"),
    [
        (
            "Could not process %s",
            ("./chapter1.md",),
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
            (
                "content/chapter1.md",
                "content/chapter1.md: could not be read:"
                " 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
            ),
        ),
        (
            "Skipping %s: could not find information about '%s'",
            ("/site/content/a b.md", "title"),
            None,
            ("content/a b.md", "content/a b.md: no Title: add 'Title: ...' at the top of the file"),
        ),
        ('There are %s items "%s" with lang %s: \n%s\n%s', (2, "x", "en", "a", "b"), None, DROP),
        # Told by the link gate at its file and line instead.
        (
            "Replacement Indicator %r not recognized in %r, skipping replacement",
            (" lecture.url ", "{{ lecture.url }}"),
            None,
            DROP,
        ),
        ("Done: Processed %s", (1,), None, None),
    ],
)
def test_pelican_messages_become_one_line_naming_the_file(template, args, error, expected):
    assert rewrite_pelican_message(template, args, "/site/content", error) == expected


def test_duplicate_slugs_name_both_files_once_per_extra_file():
    written = [
        ("content/b.md", "intro", "intro.html"),
        ("content/a.md", "intro", "intro.html"),
        ("content/c.md", "other", "other.html"),
    ]
    assert duplicate_slugs(written) == [
        "content/a.md and content/b.md both have slug 'intro' (both would be intro.html):"
        " give each its own Slug"
    ]


def test_only_pages_saved_under_a_name_starting_with_a_dot_are_hidden():
    written = [
        ("content/a.md", "", ".html"),
        ("content/b.md", "", "notes/.html"),
        ("content/c.md", "-", "-.html"),
        ("content/d.md", "chapter4", "chapter4.html"),
    ]
    assert [problem.split(":")[0] for problem in hidden_pages(written)] == [
        "content/a.md",
        "content/b.md",
    ]
