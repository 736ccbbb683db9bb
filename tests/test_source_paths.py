"""Pelican's path of a content file from content/, remembered, is the path Pelican gives;
a static file's address is worked out once."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import PROJECT_ROOT, chapter, run_in_child, write_content
from source_paths import PELICANS_OWN, get_relative_source_path
from test_images import png


@pytest.mark.parametrize(
    ("content_path", "source_path", "expected"),
    [
        ("/course/content", "/course/content/chapter1.md", "chapter1.md"),
        ("/course/content/", "/course/content/images/c4.png", "images/c4.png"),
        ("/course/content", "/course/content/1-intro/../2-devices/x.md", "2-devices/x.md"),
        ("/course/content", "images/größe 1.png", "images/größe 1.png"),
        ("/course/content", "/elsewhere/x.md", "../../elsewhere/x.md"),
        ("content", "chapter1.md", "chapter1.md"),  # a relative path is read from PATH
        ("content", "/work/content/chapter1.md", None),  # depends on the working folder
    ],
)
def test_the_remembered_path_is_pelicans(
    content_path, source_path, expected, tmp_path, monkeypatch
):
    page = SimpleNamespace(source_path=source_path, settings={"PATH": content_path})
    for working_folder in (tmp_path, tmp_path.parent):  # relative paths are read from it
        monkeypatch.chdir(working_folder)
        ours = get_relative_source_path(page)
        assert ours == PELICANS_OWN(page)
        assert get_relative_source_path(page, "/course/content/x.md") == PELICANS_OWN(
            page, "/course/content/x.md"
        )
        if expected is not None:
            assert ours == expected


def test_a_content_object_with_no_file_has_no_path():
    page = SimpleNamespace(source_path=None, settings={"PATH": "/course/content"})
    assert get_relative_source_path(page) is None


def test_each_static_files_address_is_formatted_once(tmp_path):
    # Pelican formatted a static file's save_as and url anew at each of four or five reads.
    content = write_content(
        tmp_path / "content",
        {
            "chapter1.md": chapter("One", "chapter1", body="![A](images/a.png) ![B](images/b.png)"),
            "images/a.png": png(40, 20),
            "images/b.png": png(40, 20),
            "images/c.png": png(40, 20),
        },
    )
    script = f"""
import collections, sys
sys.path.insert(0, {str(PROJECT_ROOT / "plugins")!r})
from pelican.contents import Content, Static
formats = collections.Counter()
pelicans = Content._expand_settings
def counted(self, key, klass=None):
    if isinstance(self, Static):
        formats[self.source_path, key] += 1
    return pelicans(self, key, klass)
Content._expand_settings = counted
import pelican
settings = {{"THEME": {str(PROJECT_ROOT / "themes" / "course")!r},
            "PLUGIN_PATHS": [{str(PROJECT_ROOT / "plugins")!r}],
            "CACHE_PATH": {str(tmp_path / "cache")!r}}}
import json
arguments = [{str(content)!r}, "-o", {str(tmp_path / "output")!r}, "-q",
             "-s", {str(PROJECT_ROOT / "pelicanconf.py")!r}, "--fatal", "errors",
             "-e", *(f"{{key}}={{json.dumps(value)}}" for key, value in settings.items())]
try:
    pelican.main(arguments)
finally:
    print(json.dumps(sorted([*key, n] for key, n in formats.items())))
"""
    finished = run_in_child(script, timeout=120)
    assert finished.returncode == 0, finished.stderr
    formats = json.loads(finished.stdout.strip().splitlines()[-1])
    images = {Path(path).name for path, _key, _n in formats}
    assert images == {"a.png", "b.png", "c.png"}
    assert all(n == 1 for _path, _key, n in formats), formats


def test_an_address_given_in_extra_path_metadata_is_kept(build_site):
    # What the pin must keep: a pin that formatted STATIC_SAVE_AS itself would publish the
    # file at data/table.csv and link it there.
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", body="[The data]({static}data/table.csv)"),
            "data/table.csv": "a,b\n1,2\n",
        },
        extra_settings={
            "STATIC_PATHS": ["images", "data"],
            "EXTRA_PATH_METADATA": {
                "data/table.csv": {"save_as": "files/table.csv", "url": "files/table.csv"}
            },
        },
    )
    assert build.exit_code == 0, build.log
    assert (build.output / "files" / "table.csv").read_text() == "a,b\n1,2\n"
    assert not (build.output / "data" / "table.csv").exists()
    assert 'href="./files/table.csv"' in build.page("chapter1.html")
