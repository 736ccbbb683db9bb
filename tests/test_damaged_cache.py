"""The cache is never a reason to fail: a damaged entry is dropped with one warning and made again.

One course is built once; each test copies it, damages one thing in its cache/ (cuts it
short, fills it with garbage, gives it the wrong shape), builds again and checks that the
build passed, said so in one line naming the file, and left that entry sound.
"""

import gzip
import io
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import chapter, run_staged_build, write_content
from PIL import Image


def png(width: int, height: int, colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


COURSE = {
    "chapter1.md": chapter("Tokens", "chapter1", body="![Plot](/images/one.png)\n\nByte pairs."),
    "chapter2.md": chapter("Agents", "chapter2", body="![Plot](/images/two.png)\n\nTools."),
    "images/one.png": png(900, 400, "navy"),
    "images/two.png": png(700, 300, "teal"),
}


@pytest.fixture(scope="module")
def built_course(tmp_path_factory) -> tuple[Path, Path]:
    """A course built twice (so every cache, the pages manifest too, is written), and a copy
    of its cache/ and output/ to start each test from."""
    project = tmp_path_factory.mktemp("course")
    write_content(project / "content", COURSE)
    for _ in range(2):
        code, log = run_staged_build(project)
        assert code == 0, log
    kept = tmp_path_factory.mktemp("kept")
    for folder in ("cache", "output"):
        shutil.copytree(project / folder, kept / folder, symlinks=True)
    return project, kept


@pytest.fixture
def course(built_course) -> Path:
    """The built course, with the cache and site of its build: at the very same path, as
    settings (PATH among them) are part of some caches' keys."""
    project, kept = built_course
    for folder in ("cache", "output"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(kept / folder, project / folder, symlinks=True)
    return project


def one(folder: Path, pattern: str) -> Path:
    """Return the first file under `folder` matching `pattern`."""
    return sorted(path for path in folder.rglob(pattern) if path.is_file())[0]


def cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def garbage(path: Path) -> None:
    path.write_bytes(os.urandom(max(path.stat().st_size, 64)))


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value), encoding="utf-8")


def overwrite_pages(path: Path) -> None:
    """Overwrite the 4 KB pages of the SQLite file but its header, as a bad disk would."""
    with path.open("r+b") as database:
        database.seek(4096)
        database.write(os.urandom(path.stat().st_size - 4096))


def wrong_image_entries(path: Path) -> None:
    """Every image's facts with its stamp kept but a width that is not a number."""
    index = json.loads(path.read_text())
    images = {
        key: [*entry[:2], "wide", None, None, "x", 1] for key, entry in index["images"].items()
    }
    write_json(path, {**index, "images": images})


def is_pickle(path: Path) -> bool:
    return isinstance(pickle.loads(path.read_bytes()), dict)


def is_json_object(path: Path) -> bool:
    return isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def is_image(path: Path) -> bool:
    with Image.open(path) as image:
        image.load()
    return True


def is_database(path: Path) -> bool:
    with sqlite3.connect(path) as database:
        return database.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def is_search_bundle(path: Path) -> bool:
    bundle = path if path.is_dir() else path.parent
    while not (bundle / "pagefind-entry.json").exists():
        bundle = bundle.parent
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    for file in bundle.rglob("*.pf_*"):
        assert gzip.decompress(file.read_bytes()).startswith(b"pagefind_dcd"), file
    return bool(entry["languages"])


def pelican_cache(cache: Path) -> Path:
    return cache / "ArticlesGenerator-Readers"


def image_index(cache: Path) -> Path:
    return cache / "image-index.json"


def chapter_checks(cache: Path) -> Path:
    return cache / "author_errors" / "chapter-checks.json"


def gate_store(cache: Path) -> Path:
    return cache / "linkgate" / "linkgate.sqlite"


def in_folder(folder: str, pattern: str) -> Callable[[Path], Path]:
    return lambda cache: one(cache / folder, pattern)


def holding_a_list(path: Path) -> None:
    write_json(path, [1, 2, 3])


# name: (the file to damage, how, how to tell it is sound again)
DAMAGES: dict[str, tuple[Callable[[Path], Path], Callable[[Path], None], Callable]] = {
    "Pelican's content cache cut short": (pelican_cache, cut_short, is_pickle),
    "Pelican's content cache filled with garbage": (pelican_cache, garbage, is_pickle),
    "Pelican's content cache holding a list": (
        pelican_cache,
        lambda path: path.write_bytes(pickle.dumps([1, 2, 3])),
        is_pickle,
    ),
    "the settings fingerprint filled with garbage": (
        lambda cache: cache / "settings-fingerprint",
        garbage,
        lambda path: len(path.read_text().strip()) == 64,
    ),
    "image-index.json holding [1,2,3]": (image_index, holding_a_list, is_json_object),
    "image-index.json cut short": (image_index, cut_short, is_json_object),
    "image-index.json with facts of the wrong types": (
        image_index,
        wrong_image_entries,
        is_json_object,
    ),
    "chapter-checks.json filled with garbage": (chapter_checks, garbage, is_json_object),
    "chapter-checks.json holding [1,2,3]": (chapter_checks, holding_a_list, is_json_object),
    "the link gate's SQLite file with pages overwritten": (
        gate_store,
        overwrite_pages,
        is_database,
    ),
    "the link gate's SQLite file filled with garbage": (gate_store, garbage, is_database),
    "a WebP variant cut short": (in_folder("course_images", "*.webp"), cut_short, is_image),
    "a WebP variant filled with garbage": (in_folder("course_images", "*.webp"), garbage, is_image),
    "a social card cut short": (in_folder("course_sharing", "*.png"), cut_short, is_image),
    "a search fragment emptied": (
        in_folder("search", "*.pf_fragment"),
        lambda path: path.write_bytes(b""),
        is_search_bundle,
    ),
    "a search index file filled with garbage": (
        in_folder("search", "*.pf_index"),
        garbage,
        is_search_bundle,
    ),
    "the search entry file cut short": (
        in_folder("search", "pagefind-entry.json"),
        cut_short,
        is_search_bundle,
    ),
    "the search bundle's WebAssembly deleted": (
        in_folder("search", "wasm.*.pagefind"),
        lambda path: path.unlink(),
        is_search_bundle,
    ),
    "course_images' page rewrites cut short": (
        lambda cache: cache / "course_images" / "page-rewrites.json",
        cut_short,
        is_json_object,
    ),
    "rootlinks' page rewrites holding [1,2,3]": (
        lambda cache: cache / "rootlinks" / "page-rewrites.json",
        holding_a_list,
        is_json_object,
    ),
    "course_markdown's page rewrites filled with garbage": (
        lambda cache: cache / "course_markdown" / "page-rewrites.json",
        garbage,
        is_json_object,
    ),
    "the pages manifest holding [1,2,3]": (
        lambda cache: cache / "pages" / "manifest.json",
        holding_a_list,
        is_json_object,
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_cache_entry_is_dropped_with_one_warning_and_made_again(course, damage):
    locate, spoil, is_sound = DAMAGES[damage]
    damaged = locate(course / "cache")
    spoil(damaged)
    code, log = run_staged_build(course)
    assert code == 0, log
    assert "Traceback" not in log, log
    shown = damaged.relative_to(course / "cache").parts[0]
    warnings = [line for line in log.splitlines() if "damaged cache entry" in line]
    assert len(warnings) == 1, log
    assert shown in warnings[0], log
    assert damaged.exists(), "made again"
    assert is_sound(damaged)
    for page in ("chapter1.html", "chapter2.html"):
        assert (course / "output" / page).is_file()
    assert is_search_bundle(course / "output" / "pagefind")
    again_code, again = run_staged_build(course)
    assert again_code == 0 and "damaged cache entry" not in again, again


def test_a_read_only_cache_folder_builds_without_the_cache_saying_so_once(course):
    from conftest import mount

    cache = course / "cache"
    mount(cache, "--bind", str(cache))
    try:
        mount(cache, "-o", "remount,ro,bind")
        write_content(
            course / "content",
            {
                "chapter3.md": chapter("Safety", "chapter3", body="![New](/images/three.png)"),
                "images/three.png": png(640, 320, "maroon"),
            },
        )
        code, log = run_staged_build(course)
    finally:
        subprocess.run(["umount", "--lazy", str(cache)], check=False)
        (course / "content" / "chapter3.md").unlink()
        (course / "content" / "images" / "three.png").unlink()
    assert code == 0, log
    assert "Traceback" not in log, log
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert len(warnings) == 1 and "cannot be written" in warnings[0], log
    assert is_image(course / "output" / "images" / "three.png-480w.webp")
    assert (course / "output" / "social" / "chapter3.png").is_file()
    assert is_search_bundle(course / "output" / "pagefind")
