"""Rebuilds reuse parsed Markdown, yet never serve a stale page after an edit or settings change."""

import os
import shutil

from conftest import PROJECT_ROOT, chapter, run_pelican, write_content
from content_cache import forget_stale_cache


def test_a_rebuild_shows_an_edited_chapter(tmp_path):
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", body="Old text.")}
    )
    assert run_pelican(content, tmp_path / "output").exit_code == 0
    assert (tmp_path / "cache" / "ArticlesGenerator-Readers").is_file()
    write_content(content, {"chapter1.md": chapter("One", "chapter1", body="New text.")})
    build = run_pelican(content, tmp_path / "output")
    assert "New text." in build.page("chapter1.html")


def edit_keeping_mtime(path, text: str) -> None:
    """Rewrite a file but keep its modification time: Pelican's cache then thinks it unchanged."""
    before = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_settings_change_empties_the_cache(tmp_path):
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", body="Old text.")}
    )
    assert run_pelican(content, tmp_path / "output").exit_code == 0
    edit_keeping_mtime(content / "chapter1.md", chapter("One", "chapter1", body="New text."))
    # Same settings: Pelican serves the cached page (which is why the mtime trick shows the cache).
    assert "Old text." in run_pelican(content, tmp_path / "output").page("chapter1.html")
    second = run_pelican(content, tmp_path / "output", extra_settings={"SITENAME": "Other"})
    assert "New text." in second.page("chapter1.html")


def test_a_change_to_our_plugins_code_empties_the_cache(tmp_path):
    """The chapter reader is our code: an edit to it must not meet pages it parsed before."""
    plugins = tmp_path / "plugins"
    shutil.copytree(PROJECT_ROOT / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", body="Old text.")}
    )
    settings = {"PLUGIN_PATHS": [str(plugins)]}
    assert run_pelican(content, tmp_path / "output", extra_settings=settings).exit_code == 0
    edit_keeping_mtime(content / "chapter1.md", chapter("One", "chapter1", body="New text."))
    reader = plugins / "course_markdown" / "reader.py"
    reader.write_text(reader.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    build = run_pelican(content, tmp_path / "output", extra_settings=settings)
    assert "New text." in build.page("chapter1.html")


def test_forget_stale_cache_keeps_other_caches(tmp_path):
    (tmp_path / "ArticlesGenerator-Readers").write_bytes(b"x")
    (tmp_path / "course_images").mkdir()
    assert forget_stale_cache(tmp_path, "1" * 64) is True
    assert not (tmp_path / "ArticlesGenerator-Readers").exists()
    assert (tmp_path / "course_images").is_dir()
    (tmp_path / "ArticlesGenerator-Readers").write_bytes(b"x")
    assert forget_stale_cache(tmp_path, "1" * 64) is False
    assert (tmp_path / "ArticlesGenerator-Readers").exists()


def test_a_cache_file_left_empty_by_a_failed_save_is_removed_not_a_traceback(tmp_path):
    """Pelican truncates its cache before pickling; a failed save leaves an empty file."""
    content = write_content(tmp_path / "content", {"chapter1.md": chapter("One", "chapter1")})
    assert run_pelican(content, tmp_path / "output").exit_code == 0
    cache_file = tmp_path / "cache" / "ArticlesGenerator-Readers"
    cache_file.write_bytes(b"")
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code == 0, build.log
    assert "Traceback" not in build.log and "Ran out of input" not in build.log
    assert cache_file.stat().st_size > 0  # saved again by this build


def test_an_index_added_beside_a_cached_readme_makes_the_readme_a_page_of_its_own(tmp_path):
    # Which of the two is the folder's page depends on the other: the README's cached
    # reading (its address 1-a/index.html) must not outlive the index's arrival.
    files = {"README.md": "# Course\n", "1-a/README.md": "# Maintainers\n"}
    content = write_content(tmp_path / "content", files)
    first = run_pelican(content, tmp_path / "output")
    assert "Maintainers" in first.page("1-a/index.html")
    write_content(content, {"1-a/index.md": "# Unit A\n"})
    second = run_pelican(content, tmp_path / "output")
    assert second.exit_code == 0, second.log
    assert "Unit A" in second.page("1-a/index.html")
    assert "Maintainers" in second.page("1-a/README.html")


def test_an_index_added_in_a_linked_folder_is_seen_by_the_cache_too(tmp_path):
    # Pelican reads linked folders: the fingerprint walked past them, and the README's
    # cached reading made the two clash ("would both be shared/index.html").
    content = write_content(tmp_path / "content", {"README.md": "# Course\n"})
    source = content / ".kept"  # hidden: read only through the link
    source.mkdir()
    (source / "README.md").write_text("# Maintainers\n", encoding="utf-8")
    (content / "shared").symlink_to(".kept", target_is_directory=True)
    assert run_pelican(content, tmp_path / "output").exit_code == 0
    (source / "index.md").write_text("# Shared\n", encoding="utf-8")
    second = run_pelican(content, tmp_path / "output")
    assert second.exit_code == 0, second.log
    assert "Maintainers" in second.page("shared/README.html")
