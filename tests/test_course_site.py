"""End-to-end builds of the course site: URLs, navigation, upcoming chapters, theme, publishing."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import chapter, run_pelican
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"


def hrefs(html: str, rel: str | None = None) -> list[str]:
    """Return the href of every <a> (optionally only those with rel=...) in document order."""
    rel_filter = rf'\brel="{rel}"[^>]*?' if rel else ""
    pattern = rf'<a\b[^>]*?{rel_filter}href="([^"]*)"'
    return re.findall(pattern, html)


def sidebar_titles(html: str) -> list[str]:
    """Return the chapter entries of the sidebar syllabus, in order."""
    sidebar = html.split('class="sidebar-chapters"', 1)[1].split("</ol>", 1)[0]
    return [" ".join(entry.split()) for entry in re.findall(r"</span>([^<]*)</a>", sidebar)]


# --- the seed chapter -----------------------------------------------------------------------


def test_seed_chapter_is_served_at_its_own_url_beside_the_upcoming_chapter5(seed_site):
    assert seed_site.exit_code == 0, seed_site.log
    html = seed_site.page("chapter4.html")
    assert 'href="chapter5.html"' in html  # the link as the author wrote it, a sibling page
    assert (seed_site.output / "chapter5.html").is_file()
    assert (seed_site.output / "index.html").is_file()


def test_seed_cover_image_is_a_real_1200x630_png_with_its_alt_text(seed_site):
    html = seed_site.page("chapter4.html")
    assert '<img alt="Multimodal LLMs" src="images/c4.png" ' in html
    with Image.open(seed_site.output / "images" / "c4.png") as cover:
        assert cover.format == "PNG"
        assert cover.size == (1200, 630)


def test_seed_chapter_has_exactly_one_h1(seed_site):
    html = seed_site.page("chapter4.html")
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert '<h1 id="chapter-4-multimodal-llms">Chapter 4: Multimodal LLMs</h1>' in html


def test_every_page_has_one_h1_lang_main_nav_skip_link_and_the_stylesheet(seed_site):
    for page in ("index.html", "chapter4.html", "chapter5.html", "404.html"):
        html = seed_site.page(page)
        assert len(re.findall(r"<h1[\s>]", html)) == 1, page
        assert '<html lang="en">' in html, page
        assert '<main id="mainContent"' in html and "<nav" in html, page
        assert 'class="skip-link" href="#mainContent"' in html, page
        assert "theme/css/course.css" in html, page


def test_headings_have_ids_for_anchor_links(seed_site):
    html = seed_site.page("chapter4.html")
    assert 'id="diffusion-models-for-image-generation"' in html


def test_no_blog_pages_are_written(seed_site):
    written = {
        path.relative_to(seed_site.output).as_posix() for path in seed_site.output.rglob("*.html")
    }
    assert written == {"index.html", "chapter4.html", "chapter5.html", "404.html"}
    assert not (seed_site.output / "feeds").exists()  # feeds only in publishing builds


def test_site_makes_no_request_outside_itself(seed_site):
    for page in seed_site.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), page


# --- chapter order and navigation -----------------------------------------------------------


@pytest.fixture(scope="module")
def out_of_order_course(tmp_path_factory):
    """The fixture course whose dates and file names disagree with its chapter numbers."""
    output = tmp_path_factory.mktemp("out_of_order") / "output"
    build = run_pelican(FIXTURES / "chapters_out_of_date_order", output)
    assert build.exit_code == 0, build.log
    return build


def test_chapters_are_ordered_by_number_not_date_nor_string(out_of_order_course):
    build = out_of_order_course
    expected = ["Foundations", "Tokens", "Agents", "Fine-tuning", "Evaluation", "Deployment"]
    assert sidebar_titles(build.page("chapter9.html")) == expected
    home = build.page("index.html")
    positions = [home.index(f'<span class="chapter-title">{title}</span>') for title in expected]
    assert positions == sorted(positions)


def test_each_chapter_links_to_its_neighbours_top_bottom_and_in_head(out_of_order_course):
    build = out_of_order_course
    neighbours = {
        "chapter1.html": (None, "chapter2.html"),
        "chapter2.html": ("chapter1.html", "chapter5.html"),
        "chapter5.html": ("chapter2.html", "chapter9.html"),
        "chapter9.html": ("chapter5.html", "chapter10.html"),
        "chapter10.html": ("chapter9.html", "deploying-models.html"),
        "deploying-models.html": ("chapter10.html", None),
    }
    for page, (previous, following) in neighbours.items():
        html = build.page(page)
        for rel, target in (("prev", previous), ("next", following)):
            in_body = [href.removeprefix("./") for href in hrefs(html, rel)]
            in_head = re.findall(rf'<link rel="{rel}" href="\./([^"]*)">', html)
            if target is None:
                assert in_body == [] and in_head == [], (page, rel)
            else:
                assert in_body == [target, target], (page, rel)  # top and bottom
                assert in_head == [target], (page, rel)
    nav = build.page("chapter9.html")
    assert "Chapter 10: Evaluation" in nav and "Chapter 5: Agents" in nav


def test_current_chapter_is_marked_in_the_sidebar(out_of_order_course):
    build = out_of_order_course
    sidebar = build.page("chapter10.html").split('class="sidebar-chapters"', 1)[1].split("</ol>")[0]
    assert re.findall(r'<a href="\./([^"]*)" aria-current="page">', sidebar) == ["chapter10.html"]


def test_two_chapters_with_one_number_fail_with_a_line_naming_both(build_site):
    build = build_site(
        {
            "a-intro.md": chapter("Intro", "chapter3"),
            "b-intro-again.md": chapter("Intro again", "intro-again", Chapter="3"),
        }
    )
    assert build.exit_code != 0
    assert "content/a-intro.md and content/b-intro-again.md are both chapter 3" in build.log
    assert "Traceback" not in build.log


def test_a_chapter_without_a_number_fails_with_a_clear_line(build_site):
    build = build_site({"welcome.md": chapter("Welcome", "welcome")})
    assert build.exit_code != 0
    assert "content/welcome.md: no chapter number: add 'Chapter: N'" in build.log


def test_a_chapter_field_that_is_not_a_number_fails_naming_the_file(build_site):
    build = build_site({"c.md": chapter("Three", "chapter3", Chapter="three")})
    assert build.exit_code != 0
    assert (
        "content/c.md: Chapter: 'three' is not a whole number: give one, as 'Chapter: 3'"
        in build.log
    )


# --- upcoming chapters ----------------------------------------------------------------------


def test_upcoming_chapter_has_a_real_page_and_is_listed_as_upcoming(seed_site):
    page = seed_site.page("chapter5.html")
    assert "<h1>Chapter 5: Agents</h1>" in page
    assert "coming soon" in page
    assert hrefs(page, "prev") == ["./chapter4.html", "./chapter4.html"]
    home = seed_site.page("index.html")
    agents = home.split('<span class="chapter-title">Agents</span>', 1)[1].split("</li>", 1)[0]
    assert "Coming soon" in agents


def test_writing_the_upcoming_chapter_replaces_its_page(build_site):
    build = build_site(
        {
            "chapter4.md": chapter("Multimodal", "chapter4"),
            "chapter5.md": chapter("Agents at work", "chapter5", body="# Agents at work\n\nTools."),
        }
    )
    assert build.exit_code == 0, build.log
    page = build.page("chapter5.html")
    assert "Tools." in page and "coming soon" not in page
    assert "Coming soon" not in build.page("index.html")


def test_upcoming_chapters_are_declared_in_settings(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1")},
        extra_settings={"UPCOMING_CHAPTERS": [{"number": 2, "title": "Two", "slug": "second"}]},
    )
    assert build.exit_code == 0, build.log
    assert "<h1>Chapter 2: Two</h1>" in build.page("second.html")
    assert not (build.output / "chapter5.html").exists()


def test_a_bad_upcoming_setting_names_the_key(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1")},
        extra_settings={"UPCOMING_CHAPTERS": [{"number": "two", "title": "Two"}]},
    )
    assert build.exit_code != 0
    assert "UPCOMING_CHAPTERS[0]: 'number' must be a whole number" in build.log


# --- escaping -------------------------------------------------------------------------------


def test_a_title_with_html_is_escaped_everywhere(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("<script>alert(1)</script> Basics", "chapter1", body="Plain."),
            "chapter2.md": chapter("Next", "chapter2"),
        }
    )
    assert build.exit_code == 0, build.log
    for page in ("chapter1.html", "chapter2.html", "index.html"):
        html = build.page(page)
        assert "<script>alert(1)</script>" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Basics" in html, page
    assert "<title>Chapter 1: &lt;script&gt;" in build.page("chapter1.html")


# --- publishing under a sub-path ------------------------------------------------------------


def test_publish_build_keeps_every_reference_inside_the_sub_path(published_seed_site):
    build = published_seed_site
    site = "https://example.github.io/llm-course/"
    chapter_page = build.page("chapter4.html")
    assert f'src="{site}images/c4.png"' in chapter_page
    assert f'href="{site}chapter5.html"' in chapter_page
    for page in build.output.rglob("*.html"):
        for url in re.findall(r'(?:src|href)="([^"]*)"', page.read_text(encoding="utf-8")):
            assert not url.startswith("/"), (page, url)
            if url.startswith("http"):
                assert url.startswith(site), (page, url)


def test_publish_build_keeps_an_atom_feed_of_chapters(published_seed_site):
    build = published_seed_site
    feed = build.page("feeds/all.atom.xml")
    assert "Multimodal LLMs" in feed
    assert "https://example.github.io/llm-course/images/c4.png" in feed
    assert 'type="application/atom+xml"' in build.page("index.html")


# --- stale output ---------------------------------------------------------------------------


def test_a_deleted_chapter_does_not_survive_the_next_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "chapters_out_of_date_order", content)
    assert run_pelican(content, tmp_path / "output").exit_code == 0
    (content / "chapter9.md").unlink()
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code == 0, build.log
    assert not (build.output / "chapter9.html").exists()
    assert "Fine-tuning" not in build.page("index.html")


def test_drafts_and_pages_are_themed_outside_the_syllabus(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1"),
            "chapter2.md": chapter("Two, unfinished", "chapter2", Status="draft"),
            "pages/about.md": "Title: About this course\nSlug: about\n\nWho we are.\n",
        }
    )
    assert build.exit_code == 0, build.log
    draft = build.page("drafts/chapter2.html")
    assert "<title>Chapter 2: Two, unfinished" in draft and "../theme/css/course.css" in draft
    assert "Two, unfinished" not in build.page("index.html")
    about = build.page("about.html")
    assert "<h1>About this course</h1>" in about and "theme/css/course.css" in about
