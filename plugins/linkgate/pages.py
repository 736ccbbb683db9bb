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
from .extract import REFRESH, kind_by_name, read_css, read_html
from .weburl import clean

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


# URLs a reader follows (or that only name a source); every other URL the page loads by itself.
NAVIGATION = frozenset(
    {"a[href]", "area[href]", "link[href]", "a[xlink:href]", "form[action]", REFRESH}
    | {"button[formaction]", "input[formaction]"}
    | {f"{tag}[cite]" for tag in ("blockquote", "q", "del", "ins")}
)
# A frame navigates (javascript: and the rest are its business); anything else is fetched.
NOT_FETCHED = NAVIGATION | {"iframe[src]"}
FETCHED_SCHEMES = frozenset({"data", "blob", "about"})  # besides http(s)
MIXED_CONTENT = "mixed content: loaded over http: on an https site (browsers block it)"
EMPTY = "empty URL: the browser loads nothing"


def is_mixed_content(url: str, where: str) -> bool:
    """True when the page itself would load `url` (as requested) over plain http:."""
    return url.startswith("http:") and where not in NAVIGATION


def fragment_to_check(fragment: str) -> str:
    """Return the id a fragment asks for, "" when any page satisfies it.

    `#` and `#top` (any case) are the top of the page; a text directive
    (`#:~:text=...`, or `#id:~:text=...`) is not an id, only what precedes it is.
    """
    fragment = fragment.split(":~:", 1)[0]
    if not fragment or fragment.lower() == "top":
        return ""
    return unquote(fragment) if "%" in fragment else fragment


def read_record(root: Path, page: str, stamp: tuple[int, int], site: SiteAddress) -> PageRecord:
    """Read and resolve the output file `page` (HTML or CSS) of the site at `root`."""
    try:
        data = (root / page).read_bytes()
    except OSError as error:  # removed or replaced since the site was listed
        return unreadable_record(stamp, error)
    text = data.decode("utf-8", errors="replace")
    if page.lower().endswith(".css"):
        ids: frozenset[str] = frozenset()
        found = [(url, kind_by_name(url), "url()") for url in read_css(text)]
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
        cleaned = clean(url)
        if not cleaned and where not in NAVIGATION:
            broken.append((url, kind, where, EMPTY))
            continue
        # The fragment never changes which file is meant: resolve the rest once.
        address, _, fragment = cleaned.partition("#")
        key = (folder, base, address)
        resolution = memo.get(key)
        if resolution is None:
            resolution = memo[key] = resolve_in_folder(address, folder, site, base)
        outcome = resolution[0]
        if outcome == "local":
            path = resolution[1] or page
            fragment = fragment_to_check(fragment) if path.endswith(PAGE_SUFFIXES) else ""
            targets.add((path, fragment, kind))
            uses.append((url, kind, where, path, fragment))
        elif outcome == "external":
            externals.add((url, resolution.path))
            if site.origin.startswith("https:") and is_mixed_content(resolution.path, where):
                broken.append((url, kind, where, MIXED_CONTENT))
        elif outcome == "broken":
            broken.append((url, kind, where, resolution.reason))
        elif where not in NOT_FETCHED and resolution.path not in FETCHED_SCHEMES:
            reason = f"a browser does not load {resolution.path}: URLs here"
            broken.append((url, kind, where, reason))

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
