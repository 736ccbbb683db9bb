"""Chapter pages made from unchanged inputs are linked from the last build, never left stale."""

import shutil

import pytest
from conftest import PROJECT_ROOT, chapter, run_staged_build, write_content

CHAPTERS = {
    "chapter1.md": chapter("Tokens", "chapter1", Chapter="1", body="Byte pairs."),
    "chapter2.md": chapter("Embeddings", "chapter2", Chapter="2", body="Vectors."),
    "chapter3.md": chapter("Attention", "chapter3", Chapter="3", body="Queries and keys."),
}


def staged_build(project, settings: dict | None = None, **options) -> tuple[int, str]:
    """A staged build of project/content with the project's own copy of the theme."""
    return run_staged_build(
        project, {"THEME": str(project / "theme"), **(settings or {})}, **options
    )


def inodes(project) -> dict[str, int]:
    return {
        name: (project / "output" / f"{name}.html").stat().st_ino
        for name in ("chapter1", "chapter2", "chapter3")
    }


@pytest.fixture
def project(tmp_path):
    write_content(tmp_path / "content", CHAPTERS)
    shutil.copytree(PROJECT_ROOT / "themes" / "course", tmp_path / "theme")
    code, log = staged_build(tmp_path)
    assert code == 0, log
    return tmp_path


def same_as_a_build_from_scratch(project, tmp_path_factory) -> None:
    """The site is byte for byte what a build that renders every page writes."""
    fresh = tmp_path_factory.mktemp("fresh")
    shutil.copytree(project / "content", fresh / "content")
    shutil.copytree(project / "theme", fresh / "theme")
    code, log = staged_build(fresh, {"REUSE_UNCHANGED_PAGES": False})
    assert code == 0, log
    for page in sorted((fresh / "output").glob("*.html")):
        assert (project / "output" / page.name).read_bytes() == page.read_bytes(), page.name


def test_an_edit_renders_its_chapter_and_links_the_others(project, tmp_path_factory):
    before = inodes(project)
    write_content(project / "content", {"chapter3.md": CHAPTERS["chapter3.md"] + "\nValues.\n"})
    code, log = staged_build(project)
    assert code == 0, log
    after = inodes(project)
    assert after["chapter1"] == before["chapter1"] and after["chapter2"] == before["chapter2"]
    assert after["chapter3"] != before["chapter3"]
    assert "Values." in (project / "output" / "chapter3.html").read_text()
    same_as_a_build_from_scratch(project, tmp_path_factory)
    # Linked pages are still pages of the site: the sitemap lists them all.
    sitemap = (project / "output" / "sitemap.xml").read_text()
    assert all(f"chapter{number}.html</loc>" in sitemap for number in (1, 2, 3)), sitemap


def test_a_new_title_renders_every_page_that_shows_it(project, tmp_path_factory):
    before = inodes(project)
    write_content(
        project / "content",
        {
            "chapter2.md": CHAPTERS["chapter2.md"].replace(
                "Title: Embeddings", "Title: Vector spaces"
            )
        },
    )
    code, log = staged_build(project)
    assert code == 0, log
    after = inodes(project)
    assert all(after[name] != before[name] for name in after)  # the sidebar lists every title
    assert "Vector spaces" in (project / "output" / "chapter1.html").read_text()  # next link
    same_as_a_build_from_scratch(project, tmp_path_factory)


def test_a_changed_template_renders_every_page(project, tmp_path_factory):
    base = project / "theme" / "templates" / "base.html"
    base.write_text(base.read_text().replace("<footer", "<p>Office hours on Fridays.</p><footer"))
    code, log = staged_build(project)
    assert code == 0, log
    assert "Office hours on Fridays." in (project / "output" / "chapter2.html").read_text()
    same_as_a_build_from_scratch(project, tmp_path_factory)


def test_a_page_changed_in_the_output_is_rendered_again(project):
    page = project / "output" / "chapter1.html"
    page.write_text(page.read_text().replace("Byte pairs.", "Edited by hand."))
    code, log = staged_build(project)
    assert code == 0, log
    assert "Byte pairs." in page.read_text() and "Edited by hand." not in page.read_text()


def test_after_a_failed_build_the_next_one_is_still_right(project, tmp_path_factory):
    broken = CHAPTERS["chapter1.md"] + "\nSee [this](chapter9.html).\n"
    write_content(project / "content", {"chapter1.md": broken})
    code, log = staged_build(project)
    assert code != 0 and "chapter9.html" in log
    assert "Byte pairs." in (project / "output" / "chapter1.html").read_text()  # last good site
    write_content(project / "content", {"chapter1.md": CHAPTERS["chapter1.md"] + "\nFixed.\n"})
    code, log = staged_build(project)
    assert code == 0, log
    assert "Fixed." in (project / "output" / "chapter1.html").read_text()
    same_as_a_build_from_scratch(project, tmp_path_factory)


def test_publishing_settings_render_every_page(project):
    before = inodes(project)
    code, log = staged_build(project, {"REUSE_UNCHANGED_PAGES": False})
    assert code == 0, log
    after = inodes(project)
    assert all(after[name] != before[name] for name in after)


def test_publishconf_turns_reuse_off(monkeypatch):
    from pelican.settings import read_settings

    monkeypatch.chdir(PROJECT_ROOT)  # publishconf imports pelicanconf from the project folder
    assert read_settings(str(PROJECT_ROOT / "publishconf.py"))["REUSE_UNCHANGED_PAGES"] is False
    assert read_settings(str(PROJECT_ROOT / "pelicanconf.py")).get("REUSE_UNCHANGED_PAGES", True)


def test_a_changed_template_override_renders_every_page(project, tmp_path_factory):
    overrides = project / "overrides"
    overrides.mkdir()
    nav = overrides / "chapter_nav.html"
    shutil.copy(project / "theme" / "templates" / "chapter_nav.html", nav)
    settings = {"THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    code, log = staged_build(project, settings)
    assert code == 0, log
    nav.write_text(nav.read_text().replace("Previous</span>", "Back</span>"))
    code, log = staged_build(project, settings)
    assert code == 0, log
    assert "Back</span>" in (project / "output" / "chapter2.html").read_text()


def test_the_locale_is_part_of_the_key(tmp_path):
    """Pelican sets the locale from the environment (LOCALE is [""]): month names follow it."""
    import locale

    from unchanged_pages.reuse import build_key

    before = locale.setlocale(locale.LC_ALL)
    try:
        keys = set()
        for name in ("C", "C.UTF-8"):
            locale.setlocale(locale.LC_ALL, name)
            keys.add(build_key("settings", tmp_path, []))
    finally:
        locale.setlocale(locale.LC_ALL, before)
    assert len(keys) == 2


def test_a_build_in_another_locale_renders_every_page(project):
    import locale

    before = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no de_DE.UTF-8 locale on this machine")
    finally:
        locale.setlocale(locale.LC_ALL, before)
    code, log = staged_build(project, environment={"LC_ALL": "de_DE.UTF-8"})
    assert code == 0, log
    assert "01 Januar 2024" in (project / "output" / "chapter1.html").read_text()


def test_an_edited_jinja_filter_in_the_settings_renders_the_pages_that_use_it(project):
    """A function in the settings is not plain data: its code is part of the pages' key."""
    article = project / "theme" / "templates" / "article.html"
    article.write_text(
        article.read_text().replace(
            ">{{ article.title }}</h1>", ">{{ article.title|course_case }}</h1>"
        )
    )
    settings_file = project / "settings.py"

    def write_settings(case: str) -> None:
        settings_file.write_text(
            f"import sys\nsys.path.insert(0, {str(PROJECT_ROOT)!r})\n"
            "from pelicanconf import *  # noqa: F403\n"
            f"JINJA_FILTERS = {{'course_case': lambda text: text.{case}()}}\n"
        )

    write_settings("upper")
    code, log = staged_build(project, settings_file=settings_file)
    assert code == 0, log
    assert "<h1>TOKENS</h1>" in (project / "output" / "chapter1.html").read_text()
    write_settings("lower")
    code, log = staged_build(project, settings_file=settings_file)
    assert code == 0, log
    assert "<h1>tokens</h1>" in (project / "output" / "chapter1.html").read_text()


STAMPING_PLUGIN = """
from pelican import signals


def stamp(path, context):
    with open(path, "a", encoding="utf-8") as page:
        page.write("<!-- stamped -->\\n")


def register():
    signals.content_written.connect(stamp)
"""


def test_a_plugin_editing_written_pages_never_edits_the_last_good_site(project, tmp_path):
    """A linked page is the last build's very file: `content_written` must not reach it."""
    extra = tmp_path / "extra_plugins" / "stamp_pages"
    extra.mkdir(parents=True)
    (extra / "__init__.py").write_text(STAMPING_PLUGIN)
    from pelican.settings import read_settings

    plugins = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))["PLUGINS"]
    settings = {
        "PLUGIN_PATHS": [str(PROJECT_ROOT / "plugins"), str(extra.parent)],
        "PLUGINS": [*plugins, "stamp_pages"],
    }
    code, log = staged_build(project, settings)
    assert code == 0, log
    before = inodes(project)
    write_content(project / "content", {"chapter3.md": CHAPTERS["chapter3.md"] + "\nValues.\n"})
    code, log = staged_build(project, settings)
    assert code == 0, log
    assert inodes(project)["chapter1"] == before["chapter1"]  # linked, not rendered
    for name in ("chapter1", "chapter2", "chapter3"):
        page = (project / "output" / f"{name}.html").read_text()
        assert page.count("<!-- stamped -->") == 1, name


def test_a_broken_anchor_in_a_linked_page_is_reported_at_its_markdown_line(project):
    write_content(
        project / "content",
        {
            "chapter1.md": CHAPTERS["chapter1.md"] + "\nSee [vectors](chapter2.html#vectors).\n",
            "chapter2.md": CHAPTERS["chapter2.md"] + "\n## Vectors\n\nText.\n",
        },
    )
    code, log = staged_build(project)
    assert code == 0, log
    before = inodes(project)
    write_content(
        project / "content", {"chapter2.md": CHAPTERS["chapter2.md"] + "\n## Tensors\n\nText.\n"}
    )
    code, log = staged_build(project)
    assert code != 0
    assert inodes(project)["chapter1"] == before["chapter1"]  # the last good site is kept
    assert "content/chapter1.md:9:5: broken anchor 'chapter2.html#vectors'" in log, log
