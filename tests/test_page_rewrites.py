"""Each page's rewrite by course_images, rootlinks and course_markdown's GitHub links is kept
between builds, and done again whenever something it read changed: an image, a setting, the
page itself, the files of content/, another chapter's ids.

Every rebuild here is compared byte for byte with a build of the same content from scratch.
"""

import json
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, chapter, run_in_child, run_pelican, write_content
from courselib.cached_products.page_rewrites import (
    PageRewrites,
    apply_edits,
    are_edits,
    page_key,
)
from test_images import png

# "chapters" keeps what the syllabus reads of each body (reading time, description).
PLUGINS = ["course_images", "rootlinks", "course_markdown", "chapters"]


COURSE = {
    "chapter1.md": chapter(
        "Images", "chapter1", body="![Plot](/images/plot.png)\n\n![Later](/images/later.png)"
    ),
    "chapter2.md": chapter(
        "Links",
        "chapter2",
        body="[Plot](/images/plot.png) [tools](chapter3.md#Tools) [later](later.md)",
    ),
    "chapter3.md": chapter("Tools", "chapter3", body="## Tools\n\nHammers."),
    "images/plot.png": png(900, 400),
}


def build(project: Path, output: str = "output", **settings) -> str:
    """Build project/content into project/<output> with project/cache; return chapter 1 and 2.

    Not fatal: chapter 1 links an image that only some tests add, which the link gate reports.
    """
    built = run_pelican(project / "content", project / output, extra_settings=settings, fatal=False)
    assert built.exit_code == 0 and "Traceback" not in built.log, built.log
    assert "damaged cache entry" not in built.log, built.log
    return built.page("chapter1.html") + built.page("chapter2.html")


def from_scratch(project: Path, tmp_path: Path, **settings) -> str:
    """Build the same content with no cache at all; return chapter 1 and 2."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project / "content", fresh / "content")
    return build(fresh, **settings)


@pytest.fixture
def project(tmp_path) -> Path:
    project = tmp_path / "course"
    write_content(project / "content", COURSE)
    build(project)
    for plugin in PLUGINS:
        assert (project / "cache" / plugin / "page-rewrites.json").is_file()
    return project


def test_an_unchanged_course_is_rewritten_as_from_scratch(project, tmp_path):
    assert build(project) == from_scratch(project, tmp_path)


def test_a_changed_image_is_sized_again(project, tmp_path):
    (project / "content" / "images" / "plot.png").write_bytes(png(640, 320, "teal"))
    pages = build(project)
    assert 'width="640" height="320"' in pages
    assert pages == from_scratch(project, tmp_path)


def test_an_image_added_after_the_page_linked_it_is_sized(project, tmp_path):
    assert "later.png-" not in build(project)
    (project / "content" / "images" / "later.png").write_bytes(png(500, 250))
    pages = build(project)
    assert 'width="500" height="250"' in pages
    assert pages == from_scratch(project, tmp_path)


def test_a_changed_setting_rewrites_every_page_again(project, tmp_path):
    sizes = "(min-width: 40rem) 30rem, 100vw"
    pages = build(project, COURSE_IMAGE_SIZES=sizes)
    assert f'sizes="{sizes}"' in pages
    published = build(project, RELATIVE_URLS=False, SITEURL="https://x.org/course")
    assert 'href="https://x.org/course/images/plot.png"' in published
    assert published == from_scratch(
        project, tmp_path, RELATIVE_URLS=False, SITEURL="https://x.org/course"
    )


def test_images_judged_by_another_pillow_are_sized_again(project, tmp_path):
    # The image index is made again when Pillow (or its code) changes; the pages' kept
    # rewrites were not, and kept the sizes (and variants) the other Pillow had given.
    script = f"""
import json, sys
sys.path.insert(0, {str(PROJECT_ROOT / "plugins")!r})
from courselib.cached_products import image_index
image_index.index_format.cache_clear()
image_index.index_format = lambda: "judged by another Pillow"
image_index.decoded_facts = lambda path: (111, 222, None, 1)
import pelican
settings = {{"THEME": {str(PROJECT_ROOT / "themes" / "course")!r},
            "PLUGIN_PATHS": [{str(PROJECT_ROOT / "plugins")!r}],
            "CACHE_PATH": {str(project / "cache")!r}}}
pelican.main([{str(project / "content")!r}, "-o", {str(project / "output")!r}, "-q",
              "-s", {str(PROJECT_ROOT / "pelicanconf.py")!r},
              "-e", *(f"{{key}}={{json.dumps(value)}}" for key, value in settings.items())])
"""
    shutil.rmtree(project / "cache" / "course_images")  # every page rewritten by the other
    (project / "cache" / "image-index.json").unlink()
    judged = run_in_child(script, timeout=120)
    assert 'width="111" height="222"' in (project / "output" / "chapter1.html").read_text(), (
        judged.stderr
    )
    pages = build(project)
    assert 'width="900" height="400"' in pages
    assert pages == from_scratch(project, tmp_path)


def test_a_file_added_to_content_is_linked(project, tmp_path):
    assert 'href="later.md"' in build(project)  # no such file yet: left as written
    write_content(project / "content", {"later.md": chapter("Later", "later")})
    pages = build(project)
    assert 'href="./later.html"' in pages
    assert pages == from_scratch(project, tmp_path)


def test_a_fragment_follows_the_ids_of_the_chapter_it_leads_to(project, tmp_path):
    assert "chapter3.html#tools" in build(project)  # GitHub finds #Tools as #tools
    heading = '## Tools\n\n<a id="Tools"></a>Hammers.'
    write_content(project / "content", {"chapter3.md": chapter("Tools", "chapter3", body=heading)})
    pages = build(project)
    assert "chapter3.html#Tools" in pages  # now an id of its own
    assert pages == from_scratch(project, tmp_path)


def test_an_edited_body_gets_its_reading_time_and_description_anew(project, tmp_path):
    def reading(output: Path) -> tuple[str, str]:
        page = (output / "chapter3.html").read_text(encoding="utf-8")
        home = (output / "index.html").read_text(encoding="utf-8")
        return page, home

    page, home = reading(project / "output")
    assert "1 min read" in home and '<meta name="description" content="Hammers.">' in page
    body = "## Tools\n\nSaws and drills." + " More words about tools." * 120
    write_content(project / "content", {"chapter3.md": chapter("Tools", "chapter3", body=body)})
    build(project)
    page, home = reading(project / "output")
    assert "3 min read" in home and "3 min read" in page
    assert '<meta name="description" content="Saws and drills. More words' in page
    from_scratch(project, tmp_path)
    assert (page, home) == reading(tmp_path / "fresh" / "output")


@pytest.mark.parametrize("plugin", PLUGINS)
def test_a_damaged_entry_is_a_miss_said_once(project, tmp_path, plugin):
    cache_file = project / "cache" / plugin / "page-rewrites.json"
    saved = json.loads(cache_file.read_text())
    for entry in saved["pages"].values():
        entry[1] = [[[9, 1, "x"]], []] if plugin == "rootlinks" else {"edits": "garbage"}
    cache_file.write_text(json.dumps(saved))
    built = run_pelican(project / "content", project / "output", fatal=False)
    assert built.exit_code == 0, built.log
    warnings = [line for line in built.log.splitlines() if "damaged cache entry" in line]
    assert len(warnings) == 1 and f"{plugin}/page-rewrites.json" in warnings[0], built.log
    assert "Traceback" not in built.log
    assert build(project) == from_scratch(project, tmp_path)  # and sound again


def test_edits_are_applied_in_order_and_checked_against_the_text():
    edits = [(0, 1, "A"), (4, 4, "!"), (5, 8, "")]
    assert apply_edits("abcdefgh", edits) == "Abcd!e"
    assert are_edits([list(edit) for edit in edits], 8)
    assert not are_edits([[0, 9, "x"]], 8)  # past the end
    assert not are_edits([[4, 5, "x"], [0, 1, "y"]], 8)  # out of order
    assert not are_edits([[0, 1]], 8)


def test_a_key_changes_with_each_input():
    keys = {
        page_key("<p>x</p>", "a.html"),
        page_key("<p>y</p>", "a.html"),
        page_key("<p>x</p>", "b.html"),
        page_key("<p>x</p>a.html"),
    }
    assert len(keys) == 4


def test_another_stamp_starts_empty_and_only_this_builds_pages_are_kept(tmp_path):
    cache_file = tmp_path / "rewrites.json"
    first = PageRewrites(cache_file, "stamp-1")
    first.keep("one.md", "k1", [])
    first.keep("gone.md", "k2", [])
    first.save()
    again = PageRewrites(cache_file, "stamp-1")
    assert again.earlier_value("one.md", "k1", lambda value: value == []) == []
    assert again.earlier_value("one.md", "other key", lambda value: True) is None
    again.save()
    assert set(json.loads(cache_file.read_text())["pages"]) == {"one.md"}
    assert PageRewrites(cache_file, "stamp-2").earlier == {}
