"""Pelican's path of a content file from content/, remembered, is the path Pelican gives."""

from types import SimpleNamespace

import pytest
from source_paths import PELICANS_OWN, get_relative_source_path


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
