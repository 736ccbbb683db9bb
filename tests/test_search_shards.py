"""A big course's search index comes in shards, so an edit re-indexes only its chapter's shard."""

import pytest
from search.shards import assign_shards, is_chapter_page, shard_count, shard_of


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
