"""Run Pagefind over a built site, a shard at a time, and report a failure as one line."""

import logging
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from courselib.open_problems import wait_to_fail
from courselib.output_folders import shown_output_name
from courselib.site_paths import SEARCH_FOLDER

from .bundles import (
    Shard,
    SitePages,
    forget_other_bundles,
    is_cached,
    keep_bundle,
    place_bundles,
    plan_shards,
    read_pages,
)

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 300
# Each shard's page names go into one --glob argument, which Linux caps at 128 KB.
LARGEST_SHARD_PAGES = 1000
# One Pagefind run over a shard keeps about one core busy (its user time is close to
# its wall time): two at once use both cores of a small machine.
PARALLEL_RUNS = 2
NOT_INSTALLED = "Pagefind is not installed: run `make venv` (pyproject.toml lists pagefind[bin])"


@dataclass(frozen=True)
class SearchSettings:
    """What the SEARCH_* settings ask for."""

    enabled: bool = True
    bundle_folder: str = SEARCH_FOLDER
    shard_pages: int = 64  # chapters a shard holds, at most on average


def read_settings(settings: dict, log: bool = True) -> SearchSettings:
    """Return the search settings with defaults; log an error naming a bad key (unless not `log`).

    A bad value leaves search off (SEARCH_ENABLED) or at its default (SEARCH_SHARD_PAGES).
    """
    report = logger.error if log else lambda *arguments: None
    enabled = settings.get("SEARCH_ENABLED", True)
    if not isinstance(enabled, bool):
        report("pelicanconf: SEARCH_ENABLED must be True or False, not %r", enabled)
        enabled = False
    shard_pages = settings.get("SEARCH_SHARD_PAGES", SearchSettings.shard_pages)
    if (
        isinstance(shard_pages, bool)
        or not isinstance(shard_pages, int)
        or not 1 <= shard_pages <= LARGEST_SHARD_PAGES
    ):
        report(
            "pelicanconf: SEARCH_SHARD_PAGES must be a whole number from 1 to %d, not %r",
            LARGEST_SHARD_PAGES,
            shard_pages,
        )
        shard_pages = SearchSettings.shard_pages
    return SearchSettings(enabled=enabled, shard_pages=shard_pages)


def pagefind_executable() -> str | None:
    """Return the path of the Pagefind binary that pagefind[bin] installs, or None without it.

    Run directly, not through `python -m pagefind`, which costs a Python start-up a run.
    """
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return str(get_executable())
    except FileNotFoundError:
        return None


def pagefind_command(site: Path, output: Path | str, glob: str | None = None) -> list[str]:
    """Return the command that indexes `site` (its pages matching `glob`) into `output`.

    It runs the Pagefind binary shipped on PyPI; `output` is a folder path, and the
    URLs in the index stay relative to `site`.
    """
    executable = pagefind_executable() or "pagefind"
    command = [executable, "--site", str(site), "--output-path", str(output)]
    if glob is not None:
        command += ["--glob", glob]
    return [*command, "--quiet"]


def pagefind_version() -> str:
    """Return the installed Pagefind's version, or '' if it is not installed."""
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return ""


def run_pagefind(site: Path, shard: Shard, cache_dir: Path) -> str | None:
    """Index one shard of `site` into the cache; return why it failed, or None."""
    if pagefind_executable() is None:
        return NOT_INSTALLED
    written = Path(tempfile.mkdtemp(prefix=f"{shard.key}.", suffix=".partial", dir=cache_dir))
    command = pagefind_command(site, written, shard.glob)
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as problem:
        shutil.rmtree(written, ignore_errors=True)
        return str(problem)
    if finished.returncode != 0:
        shutil.rmtree(written, ignore_errors=True)
        said = (finished.stderr or finished.stdout).strip().splitlines()
        # Its first error is the cause; the last is a guess ("the directory ... was empty").
        errors = [line.removeprefix("Error: ") for line in said if line.startswith("Error: ")]
        return (errors or said or [f"exit code {finished.returncode}"])[0]
    problem = keep_bundle(written, cache_dir, shard)
    if problem is not None:
        free = shutil.disk_usage(cache_dir).free // 1024
        return f"Pagefind wrote a damaged index ({problem}; {free:,} KB free on its disk)"
    return None


def index_shards(site: Path, shards: list[Shard], cache_dir: Path) -> list[str]:
    """Index these shards of `site` into the cache, two at a time; return the failures' reasons."""
    if not shards:
        return []
    runs = min(PARALLEL_RUNS, len(shards), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=runs) as pool:
        reasons = pool.map(lambda shard: run_pagefind(site, shard, cache_dir), shards)
        return [reason for reason in reasons if reason]


class EarlyIndexing:
    """Shards Pagefind indexes into the cache while Pelican writes the rest of the site
    (`shards` may be none: nothing changed), and the chapters as read for them."""

    def __init__(self, site: Path, shards: list[Shard], cache_dir: Path, pages: SitePages) -> None:
        self.started = time.perf_counter()
        self.shards = shards
        self.pages = pages
        self._pool = ThreadPoolExecutor(max_workers=min(PARALLEL_RUNS, os.cpu_count() or 1))
        for shard in shards:
            self._pool.submit(run_pagefind, site, shard, cache_dir)

    def wait(self) -> None:
        """Wait until every run has ended.

        A shard whose run failed is not in the cache: `index_site` indexes it again
        and reports why it fails.
        """
        self._pool.shutdown(wait=True)
        if not self.shards:
            return
        logger.info(
            "Search index: %d shard(s) indexed in %.2f s beside the rest of the build",
            len(self.shards),
            time.perf_counter() - self.started,
        )


def start_indexing_chapters(
    output_path: str | Path, settings: SearchSettings, cache_dir: Path
) -> EarlyIndexing | None:
    """Start indexing the changed shards of a course of several shards (none, if none
    changed); None for a course of one shard.

    Called once the chapters are written, before the other pages: a shard's pages
    are chapters only, so they are final, and Pagefind can use the second core
    while Pelican goes on. A course of one shard is indexed as a whole site (every
    page is part of its key), so only once the site is finished.
    """
    if not settings.enabled or pagefind_executable() is None:
        return None
    site = Path(output_path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    pages = read_pages(site, settings.bundle_folder)
    shards = plan_shards(pages, settings.shard_pages, pagefind_version())
    if not shards or shards[0].glob is None:
        return None
    changed = [shard for shard in shards if not is_cached(cache_dir, shard)]
    return EarlyIndexing(site, changed, cache_dir, pages)


def index_site(
    output_path: str | Path,
    settings: SearchSettings,
    cache_dir: Path,
    read_before: SitePages | None = None,
) -> bool:
    """Index the built site at `output_path`; return True when the search bundles were written.

    Only shards whose pages changed since a bundle was kept in `cache_dir` are
    indexed again; the cache keeps only the bundles of this build. A failure is logged
    when the build ends (`open_problems`), so that the link gate still runs. Chapters
    this build read for its shards already (`read_before`) are read again only if
    their files changed since.
    """
    wait_to_fail("search", None)  # forget an earlier build's failure (`pelican -r`)
    if not settings.enabled:
        return False
    started = time.perf_counter()
    site = Path(output_path)
    cache_dir.mkdir(parents=True, exist_ok=True)
    pages = read_pages(site, settings.bundle_folder, read_before)
    shards = plan_shards(pages, settings.shard_pages, pagefind_version())
    changed = [shard for shard in shards if not is_cached(cache_dir, shard)]
    reasons = list(dict.fromkeys(index_shards(site, changed, cache_dir)))  # once each
    if reasons:
        # It fails the build at its very end, after the link gate has shown every problem.
        failure = f"{shown_output_name(site)}: search index not built"
        if len(reasons) > 1:
            for reason in reasons:
                logger.warning("%s: %s", failure, reason)
            failure += f" ({len(reasons)} reasons, listed above)"
        else:
            failure += f": {reasons[0]}"
        wait_to_fail("search", failure)
        return False
    place_bundles(site, settings.bundle_folder, cache_dir, shards)
    forget_other_bundles(cache_dir, shards)
    if changed:
        logger.info(
            "Search index: %d of %d shard(s) indexed in %.2f s, the others reused from %s",
            len(changed),
            len(shards),
            time.perf_counter() - started,
            cache_dir,
        )
    else:
        logger.info("Search index unchanged: reused from %s", cache_dir)
    return True
