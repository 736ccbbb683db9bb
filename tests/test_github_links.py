"""Links as GitHub reads them: what a written URL names in content/, and what it becomes."""

import os

import pytest
from course_markdown.github_links import CourseLinks, github_fragment, rewrite_urls
from courselib.github_links import ContentFiles, github_path, github_placeholder


@pytest.mark.parametrize(
    ("url", "folder", "expected"),
    [
        # (path from content/, query, fragment, written as a folder)
        ("../2-devices/README.md", "1-intro", ("2-devices/README.md", "", "", False)),
        ("/3-spatial/README.md", "1-intro", ("3-spatial/README.md", "", "", False)),
        ("assignment.md#rubric", "1-intro", ("1-intro/assignment.md", "", "rubric", False)),
        ("./assignment.md", "1-intro", ("1-intro/assignment.md", "", "", False)),
        ("../../images/x.png", "1-intro/lesson", ("images/x.png", "", "", False)),
        ("images//x.png", "", ("images/x.png", "", "", False)),
        ("my%20notes.md", "a", ("a/my notes.md", "", "", False)),
        ("caf%C3%A9.md", "", ("café.md", "", "", False)),
        ("x.md?plain=1#Top", "", ("x.md", "plain=1", "Top", False)),
        ("../2-devices/", "1-intro", ("2-devices", "", "", True)),
        ("../2-devices", "1-intro", ("2-devices", "", "", False)),
        ("..", "1-intro", ("", "", "", True)),
        (".", "1-intro", ("1-intro", "", "", True)),
        ("/", "1-intro", ("", "", "", True)),
        ("../x.md", "", None),  # climbs out of content/: refused elsewhere
        ("/../x.md", "", None),
        ("https://github.com/o/r/blob/main/x.md", "", None),
        ("mailto:team@example.org", "", None),
        ("//example.org/x.png", "", None),
        ("#intro", "", None),
        ("?plain=1", "", None),
        ("{static}/images/x.png", "", None),
        ("{filename}x.md", "", None),
        ("", "", None),
    ],
)
def test_what_a_written_url_names_in_content(url, folder, expected):
    link = github_path(url, folder)
    found = None if link is None else (link.path, link.query, link.fragment, link.is_folder)
    assert found == expected


@pytest.fixture
def course(tmp_path):
    """A course laid out for GitHub, as ContentFiles."""
    for path in [
        "README.md",
        "1-intro/README.md",
        "1-intro/assignment.md",
        "1-intro/my notes.md",
        "1-intro/beside.png",
        "1-intro/Q&A.pdf",
        "1-intro/notes/a.txt",
        "2-devices/README.md",
        "3-spatial/index.md",
        "images/robot.png",
        "images/c4.png",
    ]:
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x", encoding="utf-8")
    return ContentFiles(str(tmp_path))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("../2-devices/README.md", "{filename}/2-devices/README.md"),
        ("../2-devices/README.md#setup", "{filename}/2-devices/README.md#setup"),
        ("../2-devices", "{filename}/2-devices/README.md"),
        ("../2-devices/", "{filename}/2-devices/README.md"),
        ("/3-spatial/", "{filename}/3-spatial/index.md"),  # no README: the course's index.md
        ("..", "{filename}/README.md"),
        ("./", "{filename}/1-intro/README.md"),
        ("assignment.md?plain=1#Rubric", "{filename}/1-intro/assignment.md?plain=1#Rubric"),
        ("my%20notes.md", "{filename}/1-intro/my notes.md"),  # `<my notes.md>` as written
        ("../images/robot.png", "{static}/images/robot.png"),
        ("beside.png?raw=true", "{static}/1-intro/beside.png?raw=true"),
        ("Q&A.pdf", "{static}/1-intro/Q%26A.pdf"),  # `&` would be read as markup
        # What GitHub does not find either: left as written, for the gate.
        ("../Images/robot.png", None),  # paths are case-sensitive
        ("../2-devices/readme.md", None),
        ("robot.png", None),
        ("notes/", None),  # a folder with no README.md or index.md
        ("../2-devices/README.md/", None),
        ("../../x.md", None),
    ],
)
def test_a_link_to_a_file_that_exists_becomes_pelicans_placeholder(course, url, expected):
    assert github_placeholder(url, "1-intro", course) == expected


def test_the_listing_is_case_sensitive_and_survives_a_folder_link_loop(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "Robot.png").write_bytes(b"x")
    os.symlink("..", tmp_path / "images" / "again")
    files = ContentFiles(str(tmp_path))
    assert files.is_file("images/Robot.png")
    assert not files.is_file("images/robot.png")  # as on GitHub, even on macOS' disks
    assert files.is_folder("images") and not files.is_folder("images/again/images")


@pytest.mark.parametrize(
    ("fragment", "ids", "expected"),
    [
        ("Rubric", {"rubric"}, "rubric"),  # GitHub's page script finds the lower-case id
        ("rubric", {"rubric"}, "rubric"),
        ("Custom-Id", {"Custom-Id", "custom-id"}, "Custom-Id"),  # an exact id comes first
        ("Missing", {"rubric"}, "Missing"),  # left for the gate to report
        ("", set(), ""),
    ],
)
def test_a_fragment_is_found_as_githubs_page_script_finds_it(fragment, ids, expected):
    assert github_fragment(fragment, frozenset(ids)) == expected


@pytest.mark.parametrize(
    ("page_html", "expected"),
    [
        ('<a href="x.md">x</a>', '<a href="[x.md]">x</a>'),
        ("<a href='x.md' title='t'>x</a>", "<a href='[x.md]' title='t'>x</a>"),
        ("<a href=x.md>x</a>", '<a href="[x.md]">x</a>'),
        ('<img alt="a>b" SRC = "y.png">', '<img alt="a>b" SRC = "[y.png]">'),
        ('<a href="a&amp;b.md">', '<a href="[a&amp;b.md]">'),
        ('<source srcset="a.png 1x, b.png 2x">', '<source srcset="[a.png] 1x, [b.png] 2x">'),
        ('<object data="s.pdf"></object>', '<object data="[s.pdf]"></object>'),
        ('<video poster="p.png" src="v.mp4">', '<video poster="[p.png]" src="[v.mp4]">'),
        # Not a URL of the page: text, a comment, other attributes.
        ('<p>set src="x.png" here</p>', '<p>set src="x.png" here</p>'),
        ("<p>set src=x.png here</p>", "<p>set src=x.png here</p>"),
        ('<!-- <img src="x.png"> -->', '<!-- <img src="x.png"> -->'),
        ('<img alt="x.png" data-src="x.png">', '<img alt="x.png" data-src="x.png">'),
    ],
)
def test_every_url_of_a_tag_is_rewritten_and_nothing_else(page_html, expected):
    assert rewrite_urls(page_html, lambda url, _in_srcset: f"[{url}]") == expected


def test_a_chapters_links_lead_to_pages_and_files(course):
    links = CourseLinks(course.root, static_paths=("images",))
    page = (
        '<h2 id="intro">Intro</h2><a href="../2-devices/">d</a> <a href="#Intro">i</a>'
        ' <img src="../images/robot.png"> <img src="/images/c4.png"> <img src="beside.png">'
        ' <source srcset="beside.png 2x"> <a href="missing.md">m</a>'
    )
    assert links.rewrite_page(page, "1-intro/README.md", "intro.html") == (
        '<h2 id="intro">Intro</h2><a href="{filename}/2-devices/README.md">d</a>'
        ' <a href="#intro">i</a> <img src="{static}/images/robot.png">'
        ' <img src="/images/c4.png">'  # published at that path anyway: left as written
        ' <img src="{static}/1-intro/beside.png"> <source srcset="/1-intro/beside.png 2x">'
        ' <a href="missing.md">m</a>'
    )
    assert links.linked_files == {"images/robot.png", "1-intro/beside.png"}
