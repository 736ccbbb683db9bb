"""Search over a course whose index is split into shards: the browser merges them as one."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PROJECT_ROOT, run_pelican

from .test_reader import search

SHARDED_COURSE = Path(__file__).parent.parent / "fixtures" / "search_shards"
# Six chapters, two a shard: four shards, chapter5 in the primary one, the rest merged.
SHARDED = {"SEARCH_SHARD_PAGES": 2}


@pytest.fixture(scope="module")
def sharded_site(served_site, tmp_path_factory):
    """The sharded course, built relative at /shards/ and for a sub-path SITEURL at /shards-sub/."""
    cache = tmp_path_factory.mktemp("shards-cache")
    relative = run_pelican(
        SHARDED_COURSE,
        served_site.root / "shards",
        extra_settings={**SHARDED, "CACHE_PATH": str(cache)},
    )
    assert relative.exit_code == 0, relative.log
    site_url = f"{served_site.base_url}/shards-sub"
    published = run_pelican(
        SHARDED_COURSE,
        served_site.root / "shards-sub",
        settings_file=PROJECT_ROOT / "publishconf.py",
        extra_settings={
            **SHARDED,
            "CACHE_PATH": str(cache),
            "SITEURL": site_url,
            "FEED_DOMAIN": site_url,
        },
    )
    assert published.exit_code == 0, published.log
    return served_site


def bundle_folders(requests: list[str], kind: str) -> set[str]:
    """Return the bundle folders ('' for the primary) that files of `kind` were fetched from."""
    paths = (urlsplit(url).path for url in requests if url.endswith(kind))
    return {re.sub(r"^.*/pagefind/|[^/]*/[^/]*$", "", path).strip("/") for path in paths}


def test_search_finds_a_chapter_indexed_in_a_merged_shard(reader, sharded_site):
    page = reader.page
    page.goto(f"{sharded_site.base_url}/shards/chapter5.html")
    results = search(page, "wordpiece")
    assert results.count() == 1
    assert re.search(r"/shards/chapter1\.html#[\w-]+$", results.first.get_attribute("href"))
    assert bundle_folders(reader.requests, ".pf_fragment") <= {"shard-1", "shard-2", "shard-3"}


def test_results_from_every_shard_appear_together_and_the_webassembly_loads_once(
    reader, sharded_site
):
    page = reader.page
    page.goto(f"{sharded_site.base_url}/shards/index.html")
    results = search(page, "lantern")
    page.wait_for_function("document.querySelectorAll('#searchResults a').length === 6")
    hrefs = [results.nth(number).get_attribute("href") for number in range(results.count())]
    found = sorted(re.search(r"chapter\d+", href).group() for href in hrefs)
    assert found == [f"chapter{number}" for number in range(1, 7)]
    assert bundle_folders(reader.requests, ".pf_fragment") == {"", "shard-1", "shard-2", "shard-3"}
    assert len([url for url in reader.requests if re.search(r"/wasm\.\w+\.pagefind$", url)]) == 1


def test_sharded_search_works_under_a_sub_path_with_the_pages_own_policy(browser, sharded_site):
    # No bypass here: the page's Content-Security-Policy must allow the list and the shards.
    context = browser.new_context()
    try:
        page = context.new_page()
        problems = []
        page.on(
            "console", lambda message: message.type == "error" and problems.append(message.text)
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{sharded_site.base_url}/shards-sub/chapter4.html")
        href = search(page, "cosine").first.get_attribute("href")
    finally:
        context.close()
    assert href.startswith("/shards-sub/chapter2.html#"), href
    assert problems == []
