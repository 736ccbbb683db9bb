"""The author_errors check cache: a rebuild reports exactly what a first build would."""

import json
import os

import pytest
from author_errors.check_cache import CACHE_FILE, CheckCache, chapter_key, check_cache_for
from conftest import chapter, run_pelican, write_content

FAILED = 1
ESCAPING = "content/chapter1.md:8: '../outside.png' points outside content/"
MISSING_IMAGE = "content/chapter1.md:10:1: broken image 'images/missing.png': no such file"


def test_a_warm_build_reports_what_a_cold_one_did_until_the_file_is_fixed(tmp_path):
    body = "First paragraph.\n\n![Secret](../outside.png)\n\n![Plot](images/missing.png)"
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", body=body)}
    )
    cold = run_pelican(content, tmp_path / "output")
    assert (tmp_path / "cache" / CACHE_FILE).is_file()
    warm = run_pelican(content, tmp_path / "output")
    for build in (cold, warm):
        assert build.exit_code == FAILED, build.log
        assert ESCAPING in build.log and MISSING_IMAGE in build.log, build.log
    write_content(content, {"chapter1.md": chapter("One", "chapter1", body="First paragraph.")})
    fixed = run_pelican(content, tmp_path / "output")
    assert fixed.exit_code == 0, fixed.log
    assert "chapter1.md:" not in fixed.log


def test_a_file_changed_within_one_timestamp_is_checked_again(tmp_path):
    """Same size, same modification time, other bytes: the file's bytes are the key."""
    content = write_content(tmp_path / "content", {"chapter1.md": chapter("One", "chapter1")})
    source = content / "chapter1.md"
    assert run_pelican(content, tmp_path / "output").exit_code == 0
    stamp = source.stat()
    source.write_text(chapter("One", "chapter1", date="2024-91-01"), encoding="utf-8")
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert source.stat().st_size == stamp.st_size
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code == FAILED
    assert "content/chapter1.md:3: Date: '2024-91-01' is not a date" in build.log, build.log


@pytest.mark.parametrize(
    "damage", [b"", b"\x00\xff not json", b"[]", b'{"stamp": 1, "files": []}'], ids=repr
)
def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path, damage):
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", date="someday")}
    )
    assert run_pelican(content, tmp_path / "output").exit_code == FAILED
    cache_file = tmp_path / "cache" / CACHE_FILE
    cache_file.write_bytes(damage)
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code == FAILED
    assert "content/chapter1.md:3: Date: 'someday' is not a date" in build.log, build.log
    assert "Traceback" not in build.log
    assert "content/chapter1.md" in json.loads(cache_file.read_text(encoding="utf-8"))["files"]


def test_damaged_entries_are_checked_again(tmp_path):
    key = chapter_key(b"Title: x", False, ["chapters"])
    cache_file = tmp_path / "checks.json"
    entries = {"a.md": "oops", "b.md": [key], "c.md": [key, [1]], "d.md": [key, ["kept"]]}
    cache_file.write_text(json.dumps({"stamp": "s", "files": entries}), encoding="utf-8")
    cache = CheckCache(cache_file, "s")
    for shown in entries:
        assert cache.problems(shown, key, lambda: ["checked"]) == (
            ["kept"] if shown == "d.md" else ["checked"]
        )


def test_a_file_is_checked_once_until_its_bytes_or_the_stamp_change(tmp_path):
    cache_file = tmp_path / "checks.json"
    checked = []

    def check() -> list[str]:
        checked.append(1)
        return ["a.md: no Title"]

    def build(raw: bytes, stamp: str = "one") -> list[str]:
        cache = CheckCache(cache_file, stamp)
        problems = cache.problems("a.md", chapter_key(raw, False, ["chapters"]), check)
        cache.save()
        return problems

    assert build(b"x") == ["a.md: no Title"] and len(checked) == 1
    assert build(b"x") == ["a.md: no Title"] and len(checked) == 1
    build(b"y")
    assert len(checked) == 2
    build(b"y", stamp="two")
    assert len(checked) == 3


def test_every_input_of_a_check_is_in_its_key():
    base = chapter_key(b"x", False, ["chapters"])
    assert chapter_key(b"x", False, ["chapters"]) == base
    assert chapter_key(b"x ", False, ["chapters"]) != base
    assert chapter_key(b"x", True, ["chapters"]) != base
    assert chapter_key(b"x", False, ["chapters", "extras"]) != base


def test_the_stamp_follows_the_settings(tmp_path):
    settings = {"CACHE_PATH": str(tmp_path), "PATH": "content", "SITEURL": ""}
    stamp = check_cache_for(settings).stamp
    assert check_cache_for(dict(settings)).stamp == stamp
    assert check_cache_for({**settings, "OUTPUT_PATH": "elsewhere"}).stamp == stamp
    assert check_cache_for({**settings, "PAGE_PATHS": ["notes"]}).stamp != stamp
    assert check_cache_for(settings).cache_file == tmp_path / CACHE_FILE


def test_a_settings_change_is_seen_by_the_next_build(tmp_path):
    text = chapter("One", "chapter1").replace("Category: chapters", "Category: Extras")
    content = write_content(tmp_path / "content", {"chapter1.md": text})
    unknown = "content/chapter1.md:4: unknown Category 'Extras'"
    first = run_pelican(content, tmp_path / "output")
    assert first.exit_code == FAILED and unknown in first.log, first.log
    allowed = {"KNOWN_CATEGORIES": ["chapters", "extras"]}
    assert run_pelican(content, tmp_path / "output", extra_settings=allowed).exit_code == 0
    again = run_pelican(content, tmp_path / "output")
    assert again.exit_code == FAILED and unknown in again.log, again.log
