"""One output file read once: the ids it offers and, resolved, every URL it uses.

A `PageRecord` depends only on the file's bytes and the site's address, so it
can be cached between runs and rebuilt only for files that changed.
"""

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from .address import SiteAddress, page_folder, resolve_in_folder
from .extract import IMAGE, LINK, read_css, read_html
from .weburl import clean

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".svg")
FINE_FRAGMENTS = frozenset({"", "top"})
PAGE_SUFFIXES = (".html", ".htm")

MEMO_LIMIT = 500_000
_MEMOS: dict[SiteAddress, dict[tuple[str, str, str], tuple]] = {}

# One use of a URL: (URL as written, LINK or IMAGE, "tag[attribute]", site path, fragment).
Use = tuple[str, str, str, str, str]


@dataclass
class PageRecord:
    """What the gate needs to know of one output file."""

    stamp: tuple[int, int]
    ids: frozenset[str]
    # Distinct (site path, fragment, kind) this page needs to exist.
    targets: frozenset[tuple[str, str, str]]
    # (URL as written, the URL a browser requests) for each http(s) URL off the site.
    externals: frozenset[tuple[str, str]]
    # (URL as written, kind, "tag[attribute]", reason) for URLs broken on their face.
    broken: tuple[tuple[str, str, str, str], ...]
    images_without_alt: tuple[str, ...]
    uses_blob: bytes  # pickled list[Use], unpickled only when a target of this page fails
    digest: str = ""  # of the file's bytes: a page rewritten unchanged needs no new reading
    unreadable: str = ""  # why the file could not be read, if it could not

    def uses(self) -> list[Use]:
        """Every local URL use of this page, in document order."""
        return pickle.loads(self.uses_blob)


# What a page loads by itself (not what a reader follows): an http: one on an https site is
# blocked or flagged by browsers.
NAVIGATION = frozenset({"a[href]", "area[href]", "link[href]"})
MIXED_CONTENT = "mixed content: loaded over http: on an https site (browsers block it)"


def is_mixed_content(url: str, where: str) -> bool:
    """True when the page itself would load `url` (as requested) over plain http:."""
    return url.startswith("http:") and where not in NAVIGATION


def read_record(root: Path, page: str, stamp: tuple[int, int], site: SiteAddress) -> PageRecord:
    """Read and resolve the output file `page` (HTML or CSS) of the site at `root`."""
    try:
        data = (root / page).read_bytes()
    except OSError as error:  # removed or replaced since the site was listed
        return unreadable_record(stamp, error)
    text = data.decode("utf-8", errors="replace")
    if page.lower().endswith(".css"):
        ids: frozenset[str] = frozenset()
        found = [(url, IMAGE if _is_image(url) else LINK, "url()") for url in read_css(text)]
        base, without_alt = "", []
    else:
        facts = read_html(text)
        ids, found, base, without_alt = facts.ids, facts.urls, facts.base, facts.images_without_alt
    targets = set()
    externals = set()
    broken = []
    uses: list[Use] = []
    folder = page_folder(page)
    base = clean(base)
    # One memo per site address, keyed by plain strings: hashing the address itself
    # for each of a site's ~100,000 URLs would cost more than resolving them.
    memo = _MEMOS.setdefault(site, {})
    if len(memo) > MEMO_LIMIT:  # a dev server rebuilding for hours must not grow without end
        memo.clear()
    for url, kind, where in found:
        # The fragment never changes which file is meant: resolve the rest once.
        address, _, fragment = clean(url).partition("#")
        key = (folder, base, address)
        resolution = memo.get(key)
        if resolution is None:
            resolution = memo[key] = resolve_in_folder(address, folder, site, base)
        outcome = resolution[0]
        if outcome == "local":
            path = resolution[1] or page
            if fragment in FINE_FRAGMENTS or not path.endswith(PAGE_SUFFIXES):
                fragment = ""
            elif "%" in fragment:
                fragment = unquote(fragment)
            targets.add((path, fragment, kind))
            uses.append((url, kind, where, path, fragment))
        elif outcome == "external":
            externals.add((url, resolution.path))
            if site.origin.startswith("https:") and is_mixed_content(resolution.path, where):
                broken.append((url, kind, where, MIXED_CONTENT))
        elif outcome == "broken":
            broken.append((url, kind, where, resolution.reason))

    return PageRecord(
        stamp=stamp,
        ids=ids,
        targets=frozenset(targets),
        externals=frozenset(externals),
        broken=tuple(broken),
        images_without_alt=tuple(without_alt),
        uses_blob=pickle.dumps(uses, protocol=pickle.HIGHEST_PROTOCOL),
        digest=file_digest(data),
    )


def unreadable_record(stamp: tuple[int, int], error: OSError) -> PageRecord:
    """Return the record of a file that could not be read: it offers and uses nothing."""
    return PageRecord(
        stamp=stamp,
        ids=frozenset(),
        targets=frozenset(),
        externals=frozenset(),
        broken=(),
        images_without_alt=(),
        uses_blob=pickle.dumps([]),
        unreadable=f"could not be read ({error.strerror or error})",
    )


def file_digest(data: bytes) -> str:
    """Return a short digest of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_records(
    root: Path, pages: list[tuple[str, tuple[int, int]]], site: SiteAddress
) -> list[tuple[str, PageRecord]]:
    """Read a chunk of pages (one worker's share)."""
    return [(page, read_record(root, page, stamp, site)) for page, stamp in pages]


def _is_image(url: str) -> bool:
    return url.split("?", 1)[0].split("#", 1)[0].lower().endswith(IMAGE_SUFFIXES)
