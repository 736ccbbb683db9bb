"""Links as GitHub reads them: what a written URL names in content/, and what it becomes."""

import os
import posixpath

import pytest
from course_markdown.github_links import CourseLinks, github_fragment, rewrite_urls
from courselib.github_links import ContentFiles, github_path, github_placeholder, repository_url
from linkgate.address import SiteAddress
from linkgate.content_links import ContentLinks
from linkgate.problems import Problem
from linkgate.sources import map_to_markdown
from linkgate.suggest import ContentSuggester, content_link_as_written


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
        ("ch1.md/#books", "book", ("book/ch1.md", "", "books", False)),  # as GitHub serves it
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
        "1-intro/0094.spfa.md",
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
        # GitHub shows the file with a `/` after it too (Functional-Light-JS: 189 links).
        ("../2-devices/README.md/", "{filename}/2-devices/README.md"),
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


def test_a_folder_linked_from_another_place_is_listed_at_both(tmp_path):
    # Pelican publishes both; which of the two os.walk meets first is the disk's order.
    (tmp_path / "2-devices").mkdir()
    (tmp_path / "2-devices" / "README.md").write_text("# Devices", encoding="utf-8")
    for name in ("a", "devices", "z"):
        os.symlink("2-devices", tmp_path / name)
    files = ContentFiles(str(tmp_path))
    for folder in ("2-devices", "a", "devices", "z"):
        assert files.folder_page(folder) == f"{folder}/README.md"


@pytest.mark.parametrize(
    ("fragment", "ids", "expected"),
    [
        ("Rubric", {"rubric"}, "rubric"),  # GitHub's page script finds the lower-case id
        ("rubric", {"rubric"}, "rubric"),
        ("Custom-Id", {"Custom-Id", "custom-id"}, "Custom-Id"),  # an exact id comes first
        ("Missing", {"rubric"}, "Missing"),  # left for the gate to report
        ("%C3%9Cber-uns", {"über-uns"}, "%C3%BCber-uns"),  # `#Über-uns` as Markdown wrote it
        ("", set(), ""),
        # GitHub prefixes every id and name with `user-content-`; a link may name it so
        # (Functional-Light-JS: 43 links, `#user-content-footnote-1`).
        ("user-content-footnote-1", {"footnote-1"}, "footnote-1"),
        ("user-content-Short-Long", {"short-long"}, "short-long"),
        ("user-content-a", {"user-content-a", "a"}, "user-content-a"),
        ("user-content-gone", {"a"}, "user-content-gone"),  # left for the gate to report
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
        ' <a href="#intro">i</a> <img src="/images/robot.png">'  # for rootlinks to finish
        ' <img src="/images/c4.png">'  # published at that path anyway: left as written
        ' <img src="/1-intro/beside.png"> <source srcset="/1-intro/beside.png 2x">'
        ' <a href="missing.md">m</a>'
    )
    assert links.linked_files == {"images/robot.png", "1-intro/beside.png"}


def test_a_text_shown_on_another_page_names_its_files_by_pelicans_placeholder(course):
    links = CourseLinks(course.root, static_paths=("images",))
    readme = '<a href="1-intro/">Start</a> <img src="images/robot.png"> <img src="/images/c4.png">'
    # No file of its own (a course README shown on the home page): rootlinks skips it.
    assert links.rewrite_page(readme, "README.md", save_as="", url="index.html") == (
        '<a href="{filename}/1-intro/README.md">Start</a> <img src="images/robot.png">'
        ' <img src="{static}/images/c4.png">'
    )


def test_a_miss_gets_the_file_of_its_name_in_the_folder_it_names(tmp_path):
    # ML-For-Beginners' translations link `3-c/README.pt.md` from the unit's translations/:
    # 95 of 757 suggestions named another lesson's file (the first one's, as near).
    for path in ["1-a", "2-b", "3-c", ""]:
        file = tmp_path / "1-unit" / path / "translations" / "README.pt.md"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("x", encoding="utf-8")
    link = github_path("3-c/README.pt.md", "1-unit/translations")
    found = ContentSuggester(ContentFiles(str(tmp_path)))(link, "1-unit/translations/README.pt.md")
    assert found == "1-unit/3-c/translations/README.pt.md"


@pytest.mark.parametrize(
    ("written", "folder", "suggested"),
    [
        ("../2-devices/READM.md", "1-intro", "../2-devices/README.md"),  # a near name
        ("robot.png", "1-intro", "../images/robot.png"),  # the same name in another folder
        ("../Images/robot.png", "1-intro", "../images/robot.png"),  # another case
        ("../2-device/", "1-intro", "../2-devices/"),  # a folder with a page
        ("../2-device", "1-intro", "../2-devices"),
        ("/3-spatial/indx.md", "1-intro", "/3-spatial/index.md"),  # root-relative as written
        ("./asignment.md#rubric", "1-intro", "./assignment.md#rubric"),
        ("/images/c9.png", "", "/images/c4.png"),
        ("../../2-devices/READM.md", "1-intro/lesson", "../../2-devices/README.md"),
        ("../2-devices/README.md", "1-intro/1-lesson", "../../2-devices/README.md"),  # depth
        # A page written without `.md` (cs231n's `/terminal-tutorial`, leetcode-master's).
        ("assignment", "1-intro", "assignment.md"),
        ("my notes", "1-intro", "my%20notes.md"),  # a space as a link can hold it
        ("../1-intro/0094.spfa", "images", "../1-intro/0094.spfa.md"),  # a dot in its name
        ("/1-intro/assignment#rubric", "", "/1-intro/assignment.md#rubric"),
        ("../README.md", "images/part", None),  # any README.md is no answer
        ("nothing-like-it.md", "1-intro", None),
    ],
)
def test_a_miss_gets_the_nearest_file_that_exists_written_as_the_author_would(
    course, written, folder, suggested
):
    link = github_path(written, folder)
    found = ContentSuggester(course)(link, posixpath.join(folder, "README.md"))
    as_written = None if found is None else content_link_as_written(found, written, folder, link)
    assert as_written == suggested


@pytest.mark.parametrize(
    ("markdown", "output_url", "kind", "reason", "expected"),
    [
        # The page's URL for the chapter's link to a Markdown file: the page's anchor is missing.
        (
            "[Rubric](assignment.md#rubrik)",
            "./assignment.html#rubrik",
            "anchor",
            "no id 'rubrik' in assignment.html",
            "1:1: broken anchor 'assignment.md#rubrik': no heading or id 'rubrik' in"
            " content/1-intro/assignment.md",
        ),
        # A link left as written, which climbs out of the site from the page's place.
        (
            "Text.\n\n[Next](../2-devices/READM.md)",
            "../2-devices/READM.md",
            "link",
            "outside the site root",
            "3:1: broken link '../2-devices/READM.md': no such file"
            " (did you mean '../2-devices/README.md'?)",
        ),
        # A file published where the chapter's placeholder said, but not an image.
        (
            "![Robot](../images/robot.png)",
            "./images/robot.png",
            "image",
            "not an image Pillow can read",
            "1:1: broken image '../images/robot.png': not an image Pillow can read",
        ),
        # A link to a page of the site is judged in the site, as before.
        (
            "[Six](chapter6.html)",
            "chapter6.html",
            "link",
            "no such page",
            "1:1: broken link 'chapter6.html': no such page",
        ),
    ],
)
def test_a_problem_with_a_github_link_is_told_as_content_has_it(
    course, markdown, output_url, kind, reason, expected
):
    problem = Problem(page="intro.html", target=output_url, kind=kind, reason=reason)
    [mapped] = map_to_markdown(
        [problem],
        markdown,
        "content/1-intro/README.md",
        "1-intro/README.md",
        SiteAddress(),
        content_to_site={
            "1-intro/assignment.md": "assignment.html",
            "images/robot.png": "images/robot.png",
        },
        content_links=ContentLinks(course),
    )
    assert f"{mapped.file}:{mapped.line}:{mapped.column}: {mapped.message()}" == (
        f"content/1-intro/README.md:{expected}"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, None)),
        (
            "https://github.com/o/c/blob/main/content/",
            ("https://github.com/o/c/blob/main/content", None),
        ),
        ("https://git.example.org/o/c/-/blob/main", None),  # any host's address
        ("github.com/o/c", "problem"),
        ("", "problem"),
        (["https://github.com/o/c"], "problem"),
    ],
)
def test_the_repository_setting_is_an_address_or_a_problem_naming_it(value, expected):
    repository, problem = repository_url({"SOURCE_URL": value})
    if expected == "problem":
        assert repository is None and problem.startswith("pelicanconf: SOURCE_URL must be the web")
    elif expected is None:
        assert (repository, problem) == (value, None)
    else:
        assert (repository, problem) == expected
