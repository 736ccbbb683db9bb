"""One output file read once: the ids it offers and, resolved, every URL it uses.

A `PageRecord` depends only on the file's bytes and the site's address, so it
can be cached between runs and rebuilt only for files that changed.
"""

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from courselib.html_urls import REFRESH, kind_by_name, read_css, read_html

from .address import (
    OUTSIDE,
    PLAIN_PATH,
    SiteAddress,
    page_folder,
    plain_path,
    resolve_in_folder,
)
from .blocked import BlockedResources
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
    if ":~:" in fragment:
        fragment = fragment.split(":~:", 1)[0]
    if not fragment or (len(fragment) == 3 and fragment.lower() == "top"):
        return ""
    return unquote(fragment) if "%" in fragment else fragment


def _memo(site: SiteAddress) -> dict:
    """Return the memo of what each URL means on `site`, by folder, base and URL as written.

    Keyed by plain strings, one memo per site address: hashing the address itself
    for each of a site's ~300,000 URLs would cost more than resolving them.
    """
    memo = _MEMOS.get(site)
    if memo is None or len(memo) > MEMO_LIMIT:  # a dev server must not grow without end
        memo = _MEMOS[site] = {}
    return memo


def _meaning(url: str, folder: str, base: str, site: SiteAddress) -> tuple:
    """Return (outcome, path, fragment or reason) of a URL written in a page in `folder`.

    "local" (path "" for the page itself, and the id its fragment asks for),
    "empty" (a URL of nothing but spaces: the page itself, or nothing loaded),
    "external" (the URL a browser requests), "broken" (why), "skip" (the scheme).
    """
    cleaned = clean(url)
    if cleaned[:1] == "#" and not base:  # most often: a link into the page itself
        return ("local", "", fragment_to_check(cleaned[1:]))
    address, _, fragment = cleaned.partition("#")
    if not base and PLAIN_PATH.match(address):  # the next most often: a relative path
        path = plain_path(address, folder)
        if path is None:
            return ("broken", "", OUTSIDE)
        if not path.endswith(PAGE_SUFFIXES):
            return ("local", path, "")
        return ("local", path, fragment_to_check(fragment))
    resolution = resolve_in_folder(address, folder, site, base)
    outcome, path = resolution[0], resolution[1]
    if outcome == "local":
        if path and not path.endswith(PAGE_SUFFIXES):
            return ("empty" if not cleaned else "local", path, "")
        return ("empty" if not cleaned else "local", path, fragment_to_check(fragment))
    if outcome == "broken":
        return ("broken", "", resolution.reason)
    return (outcome, path, "")


def read_record(root: Path, page: str, stamp: tuple[int, int], site: SiteAddress) -> PageRecord:
    """Read and resolve the output file `page` (HTML or CSS) of the site at `root`."""
    try:
        data = (root / page).read_bytes()
    except OSError as error:  # removed or replaced since the site was listed
        return unreadable_record(stamp, error)
    text = data.decode("utf-8", errors="replace")
    policy = None  # a stylesheet is governed by the policy of the page that loads it
    if page.lower().endswith(".css"):
        ids: frozenset[str] = frozenset()
        found = [(url, kind_by_name(url), "url()") for url in read_css(text)]
        base, without_alt = "", []
    else:
        facts = read_html(text)
        ids, found, base, without_alt = facts.ids, facts.urls, facts.base, facts.images_without_alt
        policy = facts.policy
    blocked = BlockedResources(policy, site.origin, page)
    targets = set()
    externals = set()
    broken = []
    uses: list[Use] = []
    folder = page_folder(page)
    base = clean(base)
    is_stylesheet = page.lower().endswith(".css")
    memo = _memo(site)
    for url, kind, where in found:
        # What a root-absolute URL, or a fragment alone, means does not depend on the folder.
        key = (folder if base or url[:1] not in "/#" else "", base, url)
        meaning = memo.get(key)
        if meaning is None:
            meaning = memo[key] = _meaning(url, folder, base, site)
        outcome, path, detail = meaning
        if outcome == "empty":
            if where not in NAVIGATION:
                broken.append((url, kind, where, EMPTY))
                continue
            outcome = "local"  # an empty link, action or cite is the page itself
        if outcome == "local":
            if not path:
                path = page
                if is_stylesheet:
                    detail = ""
            targets.add((path, detail, kind))
            uses.append((url, kind, where, path, detail))
        elif outcome == "external":
            externals.add((url, path))
            if site.origin.startswith("https:") and is_mixed_content(path, where):
                broken.append((url, kind, where, MIXED_CONTENT))
            elif reason := blocked.reason(path, where, kind):
                broken.append((url, kind, where, reason))
        elif outcome == "broken":
            broken.append((url, kind, where, detail))
        elif where not in NOT_FETCHED and path not in FETCHED_SCHEMES:
            broken.append((url, kind, where, f"a browser does not load {path}: URLs here"))
        elif path in FETCHED_SCHEMES and (reason := blocked.reason(url, where, kind)):
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
    """Return a short digest of a file's bytes (SHA-256: processors compute it fastest)."""
    return hashlib.sha256(data).hexdigest()[:32]


def read_records(
    root: Path, pages: list[tuple[str, tuple[int, int]]], site: SiteAddress
) -> list[tuple[str, PageRecord]]:
    """Read a chunk of pages (one worker's share)."""
    return [(page, read_record(root, page, stamp, site)) for page, stamp in pages]
