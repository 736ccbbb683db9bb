"""A big course's search index comes in shards, so an edit re-indexes only its chapter's shard."""

import gzip
import json
import logging
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import run_pelican
from search.bundles import Shard
from search.index import SearchSettings, pagefind_command, read_settings, run_pagefind
from search.shards import assign_shards, is_chapter_page, pages_glob, shard_count, shard_of

SHARDED_COURSE = Path(__file__).parent / "fixtures" / "search_shards"


def indexed_pages(bundle: Path) -> set[str]:
    """Return the URL of every page a Pagefind bundle (one shard) holds."""
    urls = set()
    for fragment in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.add(unquote(json.loads(data[12:])["url"]))
    return urls


def chapters(count: int) -> list[str]:
    return [f"chapter{number}.html" for number in range(1, count + 1)]


# --- which shard a page is in ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "shard_pages", "shards"),
    [
        (0, 64, 1),
        (1, 64, 1),
        (64, 64, 1),  # a small course: one index, as without shards
        (65, 64, 2),
        (128, 64, 2),
        (129, 64, 4),
        (500, 64, 8),
        (513, 64, 16),
        (6, 2, 4),
        (3, 1, 4),
    ],
)
def test_shards_are_a_power_of_two_holding_at_most_shard_pages_on_average(
    pages, shard_pages, shards
):
    assert shard_count(pages, shard_pages) == shards


def test_a_course_of_64_chapters_is_one_shard_holding_every_chapter():
    assert assign_shards(reversed(chapters(64)), 64) == [sorted(chapters(64))]


def test_a_page_is_in_the_same_shard_in_every_build_and_every_process():
    # Pinned: Python's own hash() differs between processes and would re-index everything.
    assert [shard_of("chapter1.html", count) for count in (1, 2, 4, 8, 16)] == [0, 0, 2, 2, 2]
    assert shard_of("chapter250.html", 16) == 10


def test_adding_or_removing_a_chapter_moves_no_other_chapter():
    before = assign_shards(chapters(500), 64)
    after = assign_shards(chapters(500)[1:], 64)  # chapter1 removed
    grown = assign_shards([*chapters(500), "chapter501.html"], 64)
    assert len(before) == len(after) == len(grown) == 8
    where = {page: number for number, pages in enumerate(before) for page in pages}
    moved = [page for number, pages in enumerate(after) for page in pages if where[page] != number]
    assert moved == []
    assert [sorted(set(shard) - {"chapter501.html"}) for shard in grown] == before


@pytest.mark.parametrize("pages", [65, 100, 256, 500, 1000, 2000, 4096])
def test_shards_stay_near_the_shard_size(pages):
    shards = assign_shards(chapters(pages), 64)
    assert sorted(page for shard in shards for page in shard) == sorted(chapters(pages))
    assert pages / len(shards) <= 64
    assert max(len(shard) for shard in shards) <= 96  # a hash spreads them; none far above


@pytest.mark.parametrize(
    ("html", "is_chapter"),
    [
        (b'<article class="chapter" data-pagefind-body>', True),
        (b'<main\ndata-pagefind-body="">', True),
        (b"<p>Write <code>&lt;main data-pagefind-body&gt;</code> on the text.</p>", False),
        (b"<code>data-pagefind-body</code>", False),
        (b"<div data-pagefind-bodyguard>", False),
        (b"<h1>Home</h1>", False),
    ],
)
def test_a_chapter_page_is_one_with_a_data_pagefind_body_element(html, is_chapter):
    assert is_chapter_page(html) is is_chapter


def test_the_glob_of_a_shard_selects_exactly_its_pages_whatever_their_names(tmp_path):
    names = ["a b.html", "x[1].html", "sub/c.html", "ü.html", "e,f.html", "g{h}.html"]
    names += ["star*.html", "q?.html", "d$x.html", "lt<x>.html", "col:on.html", "hash#1.html"]
    names += ["bang!.html", "tilde~.html", "back\\slash.html", "O(1) del.html", "p|q.html"]
    # What each glob would also match, had its special characters been left unescaped.
    decoys = ["x1.html", "gh.html", "starry.html", "qz.html", "sub/d.html", "plain.html"]
    decoys += ["O1 del.html", "p.html", "q.html"]
    site = tmp_path / "site"
    for name in names + decoys:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(
            f"<html><body><main data-pagefind-body>{name}</main></body></html>"
        )
    output = tmp_path / "bundle"
    finished = subprocess.run(
        pagefind_command(site, output, pages_glob(names)), capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    assert indexed_pages(output) == {"/" + name for name in names}


def test_a_pagefind_failure_is_told_by_its_first_error_not_its_guess(tmp_path):
    # CS-Notes' `18.1 在 O(1) 时间内删除链表节点.md` made a glob Pagefind refused; the build
    # said only its last line: "the directory passed to Pagefind was empty".
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("<html><body><main data-pagefind-body>a</main></body></html>")
    shard = Shard(1, ("a.html",), "k", "", "{a(.html}")
    (tmp_path / "cache").mkdir()
    assert run_pagefind(site, shard, tmp_path / "cache") == (
        'Provided glob "{a(.html}" did not parse as a valid glob.'
    )


# --- settings -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 1001, "64", 12.5, True, None])
def test_a_bad_shard_size_is_an_error_naming_the_key(value, caplog):
    with caplog.at_level(logging.ERROR):
        settings = read_settings({"SEARCH_SHARD_PAGES": value})
    assert "SEARCH_SHARD_PAGES must be a whole number from 1 to 1000" in caplog.text
    assert settings == SearchSettings()


def test_a_bad_shard_size_fails_the_build(build_site):
    build = build_site(
        {path.name: path.read_text() for path in SHARDED_COURSE.glob("*.md")},
        extra_settings={"SEARCH_SHARD_PAGES": 0},
    )
    assert build.exit_code != 0
    assert "SEARCH_SHARD_PAGES must be a whole number from 1 to 1000, not 0" in build.log


# --- builds ---------------------------------------------------------------------------------


def shard_bundles(output: Path) -> dict[str, Path]:
    """Return the folder of every shard of a built site by its name in shards.json ('' first)."""
    bundle = output / "pagefind"
    listed = json.loads((bundle / "shards.json").read_text())["shards"]
    return {"": bundle} | {folder: bundle / folder for folder in listed}


def test_a_course_bigger_than_a_shard_is_indexed_in_shards_each_chapter_once(tmp_path):
    content = shutil.copytree(SHARDED_COURSE, tmp_path / "content")
    upcoming = {"UPCOMING_CHAPTERS": [{"number": 7, "title": "Safety"}]}
    build = run_pelican(
        content, tmp_path / "output", extra_settings={"SEARCH_SHARD_PAGES": 2, **upcoming}
    )
    assert build.exit_code == 0, build.log
    bundles = shard_bundles(build.output)
    assert list(bundles) == ["", "shard-1/", "shard-2/", "shard-3/"]  # 6 chapters by 2: 4 shards
    assert (bundles[""] / "pagefind.js").is_file()
    assert list(bundles[""].glob("wasm.*.pagefind"))
    pages = []
    for folder, bundle in bundles.items():
        assert (bundle / "pagefind-entry.json").is_file(), folder
        if folder:  # a merged shard is searched with the primary's code and WebAssembly
            files = {path.suffix for path in bundle.iterdir() if path.is_file()}
            assert files == {".json", ".pf_meta"}, folder
        pages += indexed_pages(bundle)
    assert sorted(pages) == sorted(f"/chapter{number}.html" for number in range(1, 7))


def test_editing_one_chapter_indexes_only_its_shard_again_and_the_cache_keeps_one_layout(
    tmp_path,
):
    content = shutil.copytree(SHARDED_COURSE, tmp_path / "content")
    output, cache = tmp_path / "output", tmp_path / "cache" / "search"
    first = run_pelican(content, output, extra_settings={"SEARCH_SHARD_PAGES": 2})
    assert first.exit_code == 0, first.log

    def entry_files() -> dict[str, int]:
        return {
            folder: os.stat(bundle / "pagefind-entry.json").st_ino
            for folder, bundle in shard_bundles(output).items()
        }

    (edited_shard,) = [
        folder
        for folder, bundle in shard_bundles(output).items()
        if "/chapter1.html" in indexed_pages(bundle)
    ]
    before, cached_before = entry_files(), {path.name for path in cache.iterdir()}
    with (content / "chapter1.md").open("a", encoding="utf-8") as chapter1:
        chapter1.write("\nA new paragraph about subword regularisation.\n")
    edited = run_pelican(content, output, extra_settings={"SEARCH_SHARD_PAGES": 2})
    assert edited.exit_code == 0, edited.log
    after, cached_after = entry_files(), {path.name for path in cache.iterdir()}
    assert [folder for folder in before if before[folder] != after[folder]] == [edited_shard]
    assert len(cached_before - cached_after) == len(cached_after - cached_before) == 1
    assert len(cached_after) == 4
    assert "/chapter1.html" in indexed_pages(shard_bundles(output)[edited_shard])

    one_shard = run_pelican(content, output)  # 6 chapters fit the default 64: one index
    assert one_shard.exit_code == 0, one_shard.log
    assert list(shard_bundles(output)) == [""]
    assert len(indexed_pages(output / "pagefind")) == 6
    assert len(list(cache.iterdir())) == 1  # the four shards' bundles are gone


def test_shards_indexed_while_the_site_is_written_are_not_indexed_again(tmp_path, monkeypatch):
    """Pagefind starts on the shards once the chapters are written; `finalized` reuses them."""
    import search.index
    from search.index import index_site, start_indexing_chapters

    content = shutil.copytree(SHARDED_COURSE, tmp_path / "content")
    build = run_pelican(content, tmp_path / "output", extra_settings={"SEARCH_SHARD_PAGES": 2})
    assert build.exit_code == 0, build.log
    settings = SearchSettings(shard_pages=2)
    cache = tmp_path / "fresh-cache"
    early = start_indexing_chapters(build.output, settings, cache)
    assert early is not None and len(early.shards) == 4
    early.wait()

    def no_second_run(*arguments):
        raise AssertionError("a shard indexed beside the build was indexed again")

    monkeypatch.setattr(search.index, "run_pagefind", no_second_run)
    assert index_site(build.output, settings, cache)
    assert len(list(cache.iterdir())) == 4


def test_a_course_of_one_shard_is_indexed_only_once_the_site_is_finished(tmp_path):
    """One shard is indexed as a whole site, home and all, so it cannot start early."""
    from search.index import start_indexing_chapters

    content = shutil.copytree(SHARDED_COURSE, tmp_path / "content")
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code == 0, build.log
    assert start_indexing_chapters(build.output, SearchSettings(), tmp_path / "new-cache") is None


def test_runs_left_by_a_failed_build_end_before_the_next_build_empties_the_output(
    tmp_path, monkeypatch
):
    """`pelican -r` starts the next build at once after an exception: runs still going must
    not read a site that build is deleting, or a bundle missing pages is cached as whole."""
    import time
    from types import SimpleNamespace

    import search
    from pelican import signals
    from pelican.utils import clean_output_dir

    content = shutil.copytree(SHARDED_COURSE, tmp_path / "content")
    build = run_pelican(content, tmp_path / "output", extra_settings={"SEARCH_SHARD_PAGES": 2})
    assert build.exit_code == 0, build.log
    saw_every_page = []

    def slow_run(site, shard, cache_dir):
        time.sleep(0.3)  # Pagefind still reading
        saw_every_page.append(all((site / page).is_file() for page in shard.pages))

    monkeypatch.setattr(search.index, "run_pagefind", slow_run)
    settings = {"SEARCH_SHARD_PAGES": 2, "CACHE_PATH": str(tmp_path / "new-cache")}
    pelican = SimpleNamespace(output_path=str(build.output), settings=settings)
    # The chapters are written and their shards start; then the build raises before finalized.
    search.start_with_chapters(pelican)
    # Pelican.run of the next build: get_generators, then the output folder is emptied.
    search.register()
    try:
        signals.get_generators.send(pelican)
    finally:
        for signal in (signals.get_generators, signals.article_writer_finalized, signals.finalized):
            for receiver in list(signal.receivers_for(pelican)):
                if getattr(receiver, "__module__", "") == "search":
                    signal.disconnect(receiver)
    clean_output_dir(str(build.output), [])
    search._running.pop(os.path.abspath(build.output), SimpleNamespace(wait=lambda: None)).wait()
    assert saw_every_page == [True] * 4


def test_chapters_read_for_the_early_shards_are_read_again_only_where_their_file_changed(
    tmp_path, monkeypatch
):
    """`finalized` reuses the digests of the chapters read once they were written, but a
    chapter page replaced or rewritten since is read again, and new pages are read."""
    import search.bundles
    from search.bundles import read_pages

    site = tmp_path / "site"
    site.mkdir()
    chapter = b"<html><main data-pagefind-body><p>%s</p></main></html>"
    for number in (1, 2, 3):
        (site / f"chapter{number}.html").write_bytes(chapter % b"first")
    early = read_pages(site, "pagefind")
    assert early.chapters == {"chapter1.html", "chapter2.html", "chapter3.html"}

    (site / "chapter2.html").write_bytes(chapter % b"second")  # rewritten in place
    replacement = tmp_path / "new.html"
    replacement.write_bytes(chapter % b"third")
    os.replace(replacement, site / "chapter3.html")  # replaced by another file
    (site / "index.html").write_bytes(b"<html><p>home</p></html>")
    read = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(
        search.bundles.Path,
        "read_bytes",
        lambda path: read.append(path.name) or real_read_bytes(path),
    )
    final = read_pages(site, "pagefind", early)
    assert sorted(read) == ["chapter2.html", "chapter3.html", "index.html"]
    assert final.digests == read_pages(site, "pagefind").digests
    assert final.digests["chapter1.html"] == early.digests["chapter1.html"]
    assert final.chapters == early.chapters
