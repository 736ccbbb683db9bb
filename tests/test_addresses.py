"""A chapter cannot take an address the site uses; sitemap and feed URLs are escaped."""

import xml.etree.ElementTree as ElementTree

import pytest
from author_errors.addresses import PageAddress, Taken, address_clashes, compared
from conftest import PROJECT_ROOT, chapter
from course_sharing.sitemap import encoded_url

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def page(source: str, save_as: str, url: str | None = None, field: str = "Save_as"):
    return PageAddress(source, save_as, save_as if url is None else url, field, field)


@pytest.mark.parametrize(
    ("address", "as_compared"),
    [
        ("index.html", "index.html"),
        ("/Index.HTML?x=1#top", "index.html"),
        ("guide/", "guide/index.html"),
        ("", "index.html"),
        ("caf%C3%A9.html", "café.html"),
        ("cafe\u0301.html", "café.html"),
    ],
)
def test_addresses_are_compared_as_a_server_sees_them(address, as_compared):
    assert compared(address) == as_compared


@pytest.mark.parametrize(
    ("pages", "taken", "problems"),
    [
        ([page("content/a.md", "index.html")], [Taken("index.html", "the home page")], 1),
        ([page("content/a.md", "Index.html")], [Taken("index.html", "the home page")], 1),
        ([page("content/a.md", "theme/x.css")], [Taken("theme/", "the theme's files")], 1),
        ([page("content/a.md", "theme")], [Taken("theme/", "the theme's files")], 1),
        ([page("content/a.md", "index.html/x.html")], [Taken("index.html", "home")], 1),
        ([page("content/a.md", "themes.html")], [Taken("theme/", "the theme's files")], 0),
        ([page("content/a.md", "a.html"), page("content/b.md", "b.html", "a.html")], [], 1),
        ([page("content/a.md", "a.html"), page("content/b.md", "a.html/b.html")], [], 1),
        ([page("content/a.md", "a.html"), page("content/b.md", "b.html")], [], 0),
        ([page("content/a.md", "", "")], [Taken("index.html", "the home page")], 0),
    ],
)
def test_a_page_clashes_with_what_already_has_its_address(pages, taken, problems):
    assert len(address_clashes(pages, taken, lambda source, field: None)) == problems


def test_a_clash_is_one_line_naming_page_field_line_and_owner():
    [(clashing, problem)] = address_clashes(
        [page("content/b.md", "b.html", "a.html", "URL"), page("content/a.md", "a.html")],
        [],
        lambda source, field: {("content/b.md", "URL"): 6}.get((source, field)),
    )
    assert clashing.source == "content/b.md"
    assert problem == (
        "content/b.md:6: its address 'a.html' (from its URL) is taken by content/a.md:"
        " give it another URL"
    )


@pytest.mark.parametrize(
    ("first", "second", "by_case"),
    [
        (
            ("content/Notes.md", "Notes.html", "path"),
            ("content/notes.md", "notes.html", "path"),
            True,
        ),
        (("content/a.md", "Intro.html", "Slug"), ("content/b.md", "intro.html", "Slug"), True),
        # The same address from a slug, whatever the files' names: no word of case.
        (
            ("content/Intro.md", "intro.html", "Slug"),
            ("content/intro.md", "intro.html", "Slug"),
            False,
        ),
        (
            ("content/C#-basics.md", "x.html", "Slug"),
            ("content/c#-advanced.md", "x.html", "Slug"),
            False,
        ),
    ],
)
def test_a_clash_of_addresses_that_differ_only_in_case_says_so(first, second, by_case):
    # `notes.md` beside `Notes.md` are two files on Linux: "is taken by content/Notes.md"
    # left its author wondering how.
    [(_clashing, problem)] = address_clashes(
        [
            page(first[0], first[1], first[1], first[2]),
            page(second[0], second[1], second[1], second[2]),
        ],
        [],
        lambda source, field: None,
    )
    assert problem.startswith(f"{second[0]}: its address {second[1]!r} (from its {second[2]})")
    assert (
        " (a name that differs only in case, which macOS, Windows and many servers take for"
        " the same):" in problem
    ) is by_case, problem


def front_matter(title: str, **fields: str) -> str:
    lines = [f"Title: {title}", "Date: 2024-01-01", "Category: chapters"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n\nText.\n"


def test_no_chapter_takes_the_address_of_a_built_in_page_or_folder(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1"),
            "index.md": front_matter("Index", Chapter="3", Slug="index"),
            "missing.md": front_matter("Missing", Chapter="4", Slug="404"),
            "css.md": front_matter("Css", Chapter="6", Save_as="theme/css/course.css"),
            "map.md": front_matter("Map", Chapter="7", Save_as="sitemap.xml"),
            "robots.md": front_matter("Robots", Chapter="8", Save_as="robots.txt"),
            "find.md": front_matter("Find", Chapter="9", Save_as="pagefind/pagefind.js"),
            "image.md": front_matter("Image", Chapter="10", Save_as="images/c4.png"),
            "card.md": front_matter("Card", Chapter="11", Save_as="social/chapter1.png"),
            "soon.md": front_matter("Soon", Chapter="12", Slug="chapter5"),
            "other.md": front_matter("Other", Chapter="13", Save_as="x.html", URL="chapter1.html"),
            "images/c4.png": (PROJECT_ROOT / "content" / "images" / "c4.png").read_bytes(),
        }
    )
    assert build.exit_code != 0
    assert "Traceback" not in build.log
    for clash in [
        "content/index.md:5: its address 'index.html' (from its Slug) is taken by the home page:"
        " give it another Slug",
        "content/missing.md:5: its address '404.html' (from its Slug) is taken by the 404 page",
        "content/css.md:5: its address 'theme/css/course.css' (from its Save_as) is taken by the"
        " theme's files (theme/)",
        "content/map.md:5: its address 'sitemap.xml' (from its Save_as) is taken by the sitemap",
        "content/robots.md:5: its address 'robots.txt' (from its Save_as) is taken by robots.txt",
        "content/find.md:5: its address 'pagefind/pagefind.js' (from its Save_as) is taken by"
        " the search index (pagefind/)",
        "content/image.md:5: its address 'images/c4.png' (from its Save_as) is taken by the"
        " static files of images/ (STATIC_PATHS)",
        "content/card.md:5: its address 'social/chapter1.png' (from its Save_as) is taken by the"
        " social cards (social/)",
        "content/soon.md:5: its address 'chapter5.html' (from its Slug) is taken by upcoming"
        " chapter 5 'Agents' (UPCOMING_CHAPTERS)",
        "content/other.md:6: its address 'chapter1.html' (from its URL) is taken by"
        " content/chapter1.md: give it another URL",
    ]:
        assert clash in build.log, clash
    assert "content/ has 10 problem(s), listed above." in build.log


HOME = front_matter("Home", Chapter="2", Save_as="index.html", URL="index.html")


def test_a_chapter_saved_as_the_home_page_fails_the_build_naming_both(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1"), "home.md": HOME})
    assert build.exit_code != 0
    assert (
        "content/home.md:5: its address 'index.html' (from its Save_as) is taken by the home"
        " page: give it another Save_as"
    ) in build.log


def test_the_home_page_stays_the_home_page_under_the_dev_server(build_site):
    """Without --fatal (make devserver), the clashing page is left out, not written over home."""
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1"), "home.md": HOME},
        fatal=False,
    )
    assert "is taken by the home page" in build.log
    assert "<title>LLM Course</title>" in build.page("index.html")


def test_a_chapter_written_for_an_announced_number_replaces_its_page(build_site):
    build = build_site({"chapter5.md": chapter("Agents, written", "chapter5")})
    assert build.exit_code == 0, build.log
    assert "Agents, written" in build.page("chapter5.html")


PUBLISHED = {
    "SITEURL": "https://example.org/course",
    "RELATIVE_URLS": False,
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "FEED_DOMAIN": "https://example.org/course",
}


def test_sitemap_and_feed_urls_are_escaped(build_site):
    odd = "a&b<x> y.html"
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1"),
            "odd.md": front_matter("Odd", Chapter="2", Save_as=odd, URL=odd),
        },
        extra_settings=PUBLISHED,
    )
    assert build.exit_code == 0, build.log
    sitemap = ElementTree.parse(build.output / "sitemap.xml").getroot()
    locations = [element.text for element in sitemap.iter(f"{SITEMAP}loc")]
    assert locations == [
        "https://example.org/course/",
        "https://example.org/course/a&b%3Cx%3E%20y.html",
        "https://example.org/course/chapter1.html",
        "https://example.org/course/chapter5.html",
    ]
    feed = ElementTree.parse(build.output / "feeds" / "all.atom.xml").getroot()
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert "https://example.org/course/a&b%3Cx%3E%20y.html" in links


@pytest.mark.parametrize(
    ("url", "encoded"),
    [
        ("chapter1.html", "chapter1.html"),
        ("a&b<x> y.html", "a&b%3Cx%3E%20y.html"),
        ("café.html", "caf%C3%A9.html"),
        ("caf%C3%A9.html", "caf%C3%A9.html"),
        ("100%.html", "100%25.html"),
        ('say "hi".html', "say%20%22hi%22.html"),
    ],
)
def test_sitemap_urls_are_percent_encoded_once(url, encoded):
    assert encoded_url(url) == encoded


def test_a_page_beside_the_static_files_is_no_clash(build_site):
    """A course laid out for GitHub often describes its images folder in images/README.md."""
    build = build_site(
        {
            "README.md": "# The course\n\nWelcome.\n",
            "1-intro/README.md": "# Intro\n\n![The cover](../images/c4.png)\n",
            "images/README.md": "# The images\n\nWhere they come from.\n",
            "images/c4.png": (PROJECT_ROOT / "content" / "images" / "c4.png").read_bytes(),
        }
    )
    assert build.exit_code == 0, build.log
    assert "Where they come from." in build.page("images/index.html")
    assert (build.output / "images" / "c4.png").is_file()
    assert not (build.output / "images" / "README.md").exists()


def test_a_link_to_a_page_left_out_by_a_clash_is_told_at_its_line(build_site):
    # Snailclimb/JavaGuide keeps `spring/Async.md` and `spring/async.md`, one address on a
    # server that ignores case; the unit's link to the one left out was told at the built
    # page's line, "in theme markup", with a did-you-mean for the other page.
    build = build_site(
        {
            "README.md": "# Course\n",
            "spring/README.md": "# Spring\n\nRead [Async](./async.md) first.\n",
            "spring/Async.md": "# Async\n",
            "spring/async.md": "# async\n",
        }
    )
    assert build.exit_code != 0
    assert "is taken by content/spring/Async.md" in build.log
    assert (
        "content/spring/README.md:3:6: broken link './async.md': content/spring/async.md made"
        " no page (see its own problem above)"
    ) in build.log
    assert "theme markup" not in build.log
