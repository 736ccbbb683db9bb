"""The search index as bundles, one a shard, kept in the cache folder and linked into the site.

Each bundle is named by a digest of what Pagefind read to make it (the shard's
pages, path and bytes), the Pagefind version, our code and the shard layout, so a bundle
found in the cache is the one Pagefind would write again. A bundle is checked
(verify.py) before it is kept, and before it is reused if it changed since.
"""

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from courselib.cached_products import place_in_site, write_atomically
from courselib.cached_products.cache_files import drop_damaged
from courselib.cached_products.page_rewrites import file_stamp
from courselib.fingerprint import product_key

from .shards import assign_shards, is_chapter_page, pages_glob
from .verify import VERIFIED_FILE, bundle_problem, is_verified, mark_verified

# Lists the shards the browser merges into the first one's search (see search.js).
MANIFEST = "shards.json"
# All a merged index fetches: the primary bundle's pagefind.js and WebAssembly search it.
MERGED_INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index/*", "fragment/*", "filter/*")
# Names the way bundles are made; a change here must not reuse bundles made the old way.


@dataclass(frozen=True)
class Shard:
    """One bundle of the search index: which pages it holds and where it goes."""

    number: int
    pages: tuple[str, ...]  # site-relative pages Pagefind reads for it
    key: str  # its name in the cache
    folder: str  # inside the bundle folder: "" for the primary bundle
    glob: str | None  # the --glob selecting its pages; None for the whole site

    @property
    def primary(self) -> bool:
        """True for the bundle the browser loads first: pagefind.js and the WebAssembly."""
        return not self.folder


@dataclass
class SitePages:
    """The HTML pages of a site as read for its shards: a digest of each, by path."""

    digests: dict[str, bytes]
    chapters: set[str]  # the pages that are chapters
    stamps: dict[str, list[int] | None]  # each page's file, as it was before it was read


def read_pages(site: Path, bundle_folder: str, read_before: SitePages | None = None) -> SitePages:
    """Return a digest of every HTML page of the site by path, and the paths of the chapters.

    A chapter `read_before` (earlier in the same build) is not read again while its file
    is the very one it read: a build writes its chapters before the other pages, and
    indexes them as soon as they are written, so they are final by then.
    """
    pages = SitePages({}, set(), {})
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(bundle_folder + "/") or not page.is_file():
            continue
        stamp = file_stamp(page)
        pages.stamps[relative] = stamp
        earlier = read_before is not None and relative in read_before.chapters
        if earlier and stamp is not None and read_before.stamps[relative] == stamp:
            pages.digests[relative] = read_before.digests[relative]
            pages.chapters.add(relative)
            continue
        html = page.read_bytes()
        pages.digests[relative] = hashlib.sha256(html).digest()
        if is_chapter_page(html):
            pages.chapters.add(relative)
    return pages


def bundle_key(layout: str, pages: list[str], digests: dict[str, bytes]) -> str:
    """Return the cache name of a bundle made by `layout` from `pages` as they are now."""
    digest = hashlib.sha256(layout.encode() + b"\0")
    for page in pages:
        digest.update(page.encode("utf-8", "surrogateescape") + b"\0" + digests[page])
    return digest.hexdigest()[:32]


def plan_shards(pages: SitePages, shard_pages: int, pagefind_version: str) -> list[Shard]:
    """Return the shards the site's `pages` make, primary first; empty shards are left out.

    A course of `shard_pages` chapters or fewer is one shard, indexed as a whole site
    (as Pagefind reads every page, each one is part of its key).
    """
    digests = pages.digests
    by_number = assign_shards(pages.chapters, shard_pages)
    # The search plugin's code (how a bundle is laid out and checked) is part of every key.
    code = product_key(code=[Path(__file__).parent])
    layout = f"pagefind {pagefind_version}; code {code}; {len(by_number)} shard(s)"
    if len(by_number) == 1:
        pages = sorted(digests)
        key = bundle_key(f"{layout}; whole site", pages, digests)
        return [Shard(0, tuple(pages), key, "", None)]
    shards = []
    for number, pages in enumerate(by_number):
        if not pages:
            continue
        folder = f"shard-{number}" if shards else ""  # the first shard with pages is the primary
        key = bundle_key(f"{layout}; shard {number} in '{folder}'", pages, digests)
        shards.append(Shard(number, tuple(pages), key, folder, pages_glob(pages)))
    return shards


def is_cached(cache_dir: Path, shard: Shard) -> bool:
    """Return True if the cache holds the shard's bundle, made from its pages as they are.

    A bundle changed since it was checked is checked again; a damaged one is dropped
    with a warning (and so indexed again).
    """
    bundle = cache_dir / shard.key
    if not bundle.is_dir():
        return False
    if is_verified(bundle):
        return True
    problem = bundle_problem(bundle, shard.primary)
    if problem is not None:
        drop_damaged(bundle, problem)
        return False
    mark_verified(bundle)
    return True


def keep_bundle(written: Path, cache_dir: Path, shard: Shard) -> str | None:
    """Check the bundle Pagefind has just written, and move it into the cache under the
    shard's key; return what is wrong with it instead (then it is deleted)."""
    if not shard.primary:
        needed = {file for pattern in MERGED_INDEX_FILES for file in written.glob(pattern)}
        for file in sorted(written.rglob("*"), reverse=True):  # files before their folders
            if file.is_file() and file not in needed:
                file.unlink()
            elif file.is_dir() and not any(file.iterdir()):
                file.rmdir()
    problem = bundle_problem(written, shard.primary)
    if problem is not None:
        shutil.rmtree(written, ignore_errors=True)
        return problem
    mark_verified(written)
    try:
        written.rename(cache_dir / shard.key)
    except OSError:  # another build put the same bundle there first
        shutil.rmtree(written)
    return None


def place_bundles(site: Path, bundle_folder: str, cache_dir: Path, shards: list[Shard]) -> None:
    """Link every shard's bundle into the site, and list the merged shards for the browser."""
    bundle_root = site / bundle_folder
    shutil.rmtree(bundle_root, ignore_errors=True)
    for shard in shards:
        cached = cache_dir / shard.key
        for file in cached.rglob("*"):
            if file.is_file() and file.name != VERIFIED_FILE:
                place_in_site(file, bundle_root / shard.folder / file.relative_to(cached))
    merged = [f"{shard.folder}/" for shard in shards if not shard.primary]
    write_atomically(bundle_root / MANIFEST, json.dumps({"shards": merged}).encode())


def forget_other_bundles(cache_dir: Path, shards: list[Shard]) -> None:
    """Remove every bundle (and unfinished one) but these shards' from the cache."""
    current = {shard.key for shard in shards}
    for entry in cache_dir.iterdir():
        if entry.name in current:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
