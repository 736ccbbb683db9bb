"""What Pagefind wrote is checked before it is cached or published, and checked again when reused.

On a full disk Pagefind exits 0 after writing empty files; a bundle kept as it is
would be reused by every later build, and search would be dead for good. A bundle
is sound when every file is there and not empty, the entry file names its
languages, each language's metadata and index are there, there is one fragment
a page, and every compressed file decompresses to Pagefind's signature.

Checking that takes reading the whole bundle, so a sound bundle gets a list of
its files' sizes and modification times (`VERIFIED_FILE`, in the bundle); a later
build trusts a bundle whose files still match that list, and checks it again
otherwise.
"""

import gzip
import json
import os
import zlib
from pathlib import Path

from courselib.cached_products.cache_files import load_json, write_atomically

VERIFIED_FILE = ".verified.json"  # left out when the bundle is placed in the site
SIGNATURE = b"pagefind_dcd"
# Written by Pagefind compressed, each starting with SIGNATURE once decompressed.
COMPRESSED = ("*.pf_meta", "index/*.pf_index", "fragment/*.pf_fragment", "filter/*.pf_filter")
# What the primary bundle (the one the browser loads first) needs besides the index.
PRIMARY_FILES = ("pagefind.js", "pagefind-worker.js")


def bundle_problem(bundle: Path, primary: bool) -> str | None:
    """Return what is wrong with the Pagefind bundle in `bundle`, or None when it is sound."""
    files = bundle_files(bundle)
    for name in [*(PRIMARY_FILES if primary else ()), "pagefind-entry.json"]:
        if name not in files:
            return f"{name} is missing"
    for name, size in sorted(files.items()):
        if size == 0:
            return f"{name} is empty (0 bytes)"
    try:
        languages = json.loads((bundle / "pagefind-entry.json").read_bytes())["languages"]
        needed = {
            f"pagefind.{language['hash']}.pf_meta": name for name, language in languages.items()
        }
        if primary:
            # A language Pagefind cannot stem (zh, ja, ko) has no wasm of its own: `null`,
            # and its search loads wasm.unknown.pagefind.
            needed.update(
                (f"wasm.{language['wasm'] or 'unknown'}.pagefind", name)
                for name, language in languages.items()
            )
        pages = sum(language["page_count"] for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "pagefind-entry.json is not Pagefind's entry file"
    for name, language in needed.items():
        if name not in files:
            return f"{name} (language {language!r}) is missing"
    fragments = [name for name in files if name.startswith("fragment/")]
    if len(fragments) != pages:
        return f"{len(fragments)} fragment(s) for {pages} page(s)"
    wasm = ["*.pagefind"] if primary else []
    for pattern in [*COMPRESSED, *wasm]:
        for file in sorted(bundle.glob(pattern)):
            if not is_compressed_by_pagefind(file):
                return f"{file.relative_to(bundle).as_posix()} does not decompress"
    return None


def is_compressed_by_pagefind(file: Path) -> bool:
    """True when `file` is whole gzip data that decompresses to Pagefind's signature."""
    try:
        with gzip.open(file) as data:
            if data.read(len(SIGNATURE)) != SIGNATURE:
                return False
            while data.read(1 << 20):  # to the end: gzip checks the length and checksum there
                pass
    except (OSError, EOFError, zlib.error):
        return False
    return True


def bundle_files(bundle: Path) -> dict[str, int]:
    """Return the size of every file of the bundle, by `/`-separated path; the list left out."""
    return {
        file.relative_to(bundle).as_posix(): file.stat().st_size
        for file in bundle.rglob("*")
        if file.is_file() and file.name != VERIFIED_FILE
    }


def stamps(bundle: Path) -> dict[str, list[int]]:
    """Return [size, modification time in ns] of every file of the bundle, the list left out."""
    found = {}
    for folder, _folders, names in os.walk(bundle):
        for name in names:
            if name != VERIFIED_FILE:
                status = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), bundle)
                found[relative.replace(os.sep, "/")] = [status.st_size, status.st_mtime_ns]
    return found


def mark_verified(bundle: Path) -> None:
    """Record the bundle's files as they are now: sound, as just checked."""
    write_atomically(bundle / VERIFIED_FILE, json.dumps(stamps(bundle)).encode())


def is_verified(bundle: Path) -> bool:
    """True when the bundle's files are exactly those recorded sound by `mark_verified`."""
    recorded = load_json(bundle / VERIFIED_FILE, lambda value: isinstance(value, dict), "a list")
    try:
        return recorded == stamps(bundle)
    except OSError:
        return False
