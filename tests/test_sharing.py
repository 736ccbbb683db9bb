"""Sharing and finding the course: descriptions, link previews, social cards, sitemap, robots."""

import re

import pytest
from conftest import chapter
from course_sharing.cards import write_cards
from courselib.cached_products.image_index import ImageIndex
from PIL import Image

SITE = "https://example.github.io/llm-course"


@pytest.fixture
def published(published_seed_site):
    return published_seed_site


def meta(html: str, key: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    assert match, key
    return match.group(1)


def test_chapter_has_description_preview_tags_and_canonical(published):
    html = published.page("chapter4.html")
    description = "The evolution from text-only to multimodal AI represents a significant leap"
    assert meta(html, "description").startswith(description)
    assert meta(html, "og:description").startswith(description)
    assert meta(html, "og:title") == "Chapter 4: Multimodal LLMs"
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:url") == f"{SITE}/chapter4.html"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert f'<link rel="canonical" href="{SITE}/chapter4.html">' in html
    assert meta(html, "og:image") == f"{SITE}/social/chapter4.png"


def test_every_syllabus_entry_and_the_home_page_have_a_1200x630_card(published):
    for page, card in (
        ("chapter4.html", "chapter4"),
        ("chapter5.html", "chapter5"),
        ("index.html", "index"),
    ):
        assert meta(published.page(page), "og:image") == f"{SITE}/social/{card}.png"
        with Image.open(published.output / "social" / f"{card}.png") as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))


def test_sitemap_and_robots_name_the_published_pages(published):
    sitemap = published.page("sitemap.xml")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert f"{SITE}/chapter4.html" in locations and f"{SITE}/" in locations
    assert not any("404" in location for location in locations)
    assert published.page("robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {SITE}/sitemap.xml\n"


def test_local_builds_write_no_canonical_or_absolute_preview_urls(seed_site):
    html = seed_site.page("chapter4.html")
    assert "canonical" not in html and "og:image" not in html
    assert meta(html, "og:title") == "Chapter 4: Multimodal LLMs"
    assert seed_site.page("robots.txt") == "User-agent: *\nAllow: /\n"


def test_description_field_wins_and_last_updated_uses_modified(build_site):
    build = build_site(
        {
            "chapter1.md": chapter(
                "One",
                "chapter1",
                date="2024-01-05",
                Modified="2024-03-09",
                Description="All about one.",
            ),
            "chapter2.md": chapter("Two", "chapter2", date="2024-02-07"),
        }
    )
    assert build.exit_code == 0, build.log
    one, two = build.page("chapter1.html"), build.page("chapter2.html")
    assert meta(one, "description") == "All about one."
    assert 'Last updated <time datetime="2024-03-09">09 March 2024</time>' in one
    assert 'Last updated <time datetime="2024-02-07">07 February 2024</time>' in two
    assert meta(two, "description") == "Some text about Two."


def test_a_long_first_paragraph_is_cut_at_a_word(build_site):
    body = "word " * 100
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    description = meta(build.page("chapter1.html"), "description")
    assert len(description) <= 160 and description.endswith("word…")


def test_cards_are_redrawn_only_when_number_or_title_change(tmp_path):
    cache, output = tmp_path / "cache", tmp_path / "output"
    images = ImageIndex(cache / "image-index.json")
    assert write_cards({"chapter1": ("Chapter 1", "One")}, "Course", cache, output, images) == 1
    assert write_cards({"chapter1": ("Chapter 1", "One")}, "Course", cache, output, images) == 0
    revised = {"chapter1": ("Chapter 1", "One, revised")}
    assert write_cards(revised, "Course", cache, output, images) == 1
