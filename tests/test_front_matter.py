"""Which lines at the top of a Markdown file are front matter, and which are its text."""

import pytest
from courselib.front_matter import split_front_matter


@pytest.mark.parametrize(
    "text, fields, body_start",
    [
        ("Title: A\nDate: 2024-01-01\n\n# A\n", ["date", "title"], 3),
        # Pelican's fields and ours make front matter, whatever else is beside them.
        ("Slug: a\nDifficulty: hard\n\nText\n", ["difficulty", "slug"], 3),
        ("Release: 2026-12-10\n\nText\n", ["release"], 2),
        # Lines naming no such field are the text, as GitHub shows them.
        ("Note: this course is in beta.\nWelcome.\n", [], 0),
        ("Status update: new lesson\n\n# A\n", [], 0),
        ("Difficulty: hard\n\nText\n", [], 0),
        # Between `---` lines, any field is front matter (GitHub Pages' `layout:`).
        ("---\nlayout: page\n---\n# A\n", ["layout"], 3),
        ("# A\n\nTitle: not here\n", [], 0),
    ],
)
def test_front_matter_is_pelicans_fields_or_a_fenced_block(text, fields, body_start):
    front = split_front_matter(text.split("\n"))
    assert sorted(front.fields) == fields
    assert front.body_start == body_start


@pytest.mark.parametrize(
    "text, values, body_start",
    [
        # The Carpentries quote a title with a colon: it showed as "'Supplemental: ...'".
        ("---\ntitle: 'Supplemental: RStudio'\n---\n", {"title": "Supplemental: RStudio"}, 3),
        ("---\ntitle: 'It''s \"here\"'\n---\n", {"title": 'It\'s "here"'}, 3),
        ('---\ntitle: "A \\"quoted\\" one"\n---\n', {"title": 'A "quoted" one'}, 3),
        # A blank line inside ended it: the closing `---` became a rule atop the page.
        (
            "---\ntitle: Etherpad\n\nteaching: 5\n---\nText\n",
            {"title": "Etherpad", "teaching": "5"},
            5,
        ),
        # A YAML list continues its field; it broke the front matter off before.
        ("---\ntags:\n  - a\n  - 'b c'\n---\n", {"tags": "a, b c"}, 5),
        # Pelican's own format takes values as written.
        ("Title: 'kept'\n\nText\n", {"title": "'kept'"}, 2),
        # A nested field is its parent's, not a field of the page: mslearn-fabric's `lab:`
        # block gave 42 labs a title (and could give a status) by its indentation.
        (
            "---\ntitle: Lab 01\nlab:\n  title: Nested\n  status: draft\n---\n",
            {"title": "Lab 01", "lab": "\ntitle: Nested\nstatus: draft"},
            6,
        ),
        # A comment is no field: missing-semester's home page showed its fields from one on.
        (
            "---\nlayout: page\n# Jekyll layout for lectures\ntitle: The Shell\n---\nText\n",
            {"layout": "page", "title": "The Shell"},
            5,
        ),
        # A block scalar's lines are its value (the mark is not): MicrosoftLearning labs.
        ("---\ntitle: >-\n  Manage\n  identities\n---\n", {"title": "\nManage\nidentities"}, 5),
        # A quoted value goes on over lines, indented or not: java-design-patterns' second
        # line ended the front matter, and the rest showed on the page.
        (
            '---\ndescription: "Learn it, class\ndiagrams and all."\ncategory: X\n---\nText\n',
            {"description": "Learn it, class diagrams and all.", "category": "X"},
            5,
        ),
        ("---\ntitle: 'It''s\n  long'\n---\n", {"title": "It's long"}, 4),
        # A quote never closed is the line alone, as before.
        ('---\ntitle: "Open\nlayout: page\n---\n', {"title": '"Open', "layout": "page"}, 4),
    ],
)
def test_yaml_front_matter_is_read_as_yaml_reads_it(text, values, body_start):
    front = split_front_matter(text.split("\n"))
    assert {key: field.value for key, field in front.fields.items()} == values
    assert front.body_start == body_start


def test_a_title_or_description_over_several_lines_is_one_text(build_site):
    # Each of these ended the build with a traceback (a list where text was expected).
    build = build_site(
        {
            "1-labs/01-lab.md": "---\ntitle: >-\n  Manage Entra ID\n  identities\n"
            "description: >\n  Create and configure\n  user accounts.\n---\n\nText.\n",
            "1-labs/02-lab.md": "---\ntitle: Lab 02\nseo:\n  title: For search engines\n---\n\n"
            "Text.\n",
            "chapter3.md": "Title: Agents and\n    tools\nSlug: chapter3\nDate: 2024-01-01\n\n"
            "Text.\n",
        }
    )
    assert build.exit_code == 0, build.log
    assert "Traceback" not in build.log
    lab = build.page("1-labs/01-lab.html")
    assert "<title>Manage Entra ID identities" in lab.replace("Chapter 1.1: ", "")
    assert '<meta name="description" content="Create and configure user accounts.">' in lab
    assert "Lab 02" in build.page("1-labs/02-lab.html").split("</title>")[0]
    assert "<title>Chapter 3: Agents and tools ·" in build.page("chapter3.html")
