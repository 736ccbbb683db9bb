"""Did-you-mean suggestions for near misses: page names and anchor ids."""

import difflib
import heapq
import posixpath
from collections.abc import Iterable
from functools import lru_cache

from courselib.github_links import ContentFiles, GithubPath
from courselib.pages import FOLDER_PAGE_NAMES

CUTOFF = 0.6
# Past this many candidates, only the nearest few by shared letter pairs are compared in full.
SHORTLIST = 8


def closest(wanted: str, candidates: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """Return the candidate nearest to `wanted`, or None when nothing is close."""
    return Nearest(candidates)(wanted, cutoff)


class Nearest:
    """The candidates of one place (a page's ids, a folder's file names), for many look-ups.

    Past SHORTLIST candidates, only those sharing the most letter pairs with the
    wanted text are compared in full; an index from each pair to the candidates
    holding it finds them without going through every candidate.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self._candidates = [candidate for candidate in dict.fromkeys(candidates) if candidate]
        self._index: dict[str, list[str]] | None = None
        self._order: dict[str, int] = {}

    def __call__(self, wanted: str, cutoff: float = CUTOFF) -> str | None:
        """Return the candidate nearest to `wanted`, or None when nothing is close."""
        pool = [candidate for candidate in self._candidates if candidate != wanted]
        if not pool or not wanted:
            return None
        # A query written after the `#` (`#resource-cleanup?WT.mc_id=x`, as Microsoft's
        # courses track their links) is read as part of the id: the id before it is meant.
        head = wanted.split("?", 1)[0]
        if head != wanted and head in pool:
            return head
        # A truncated id ('diffusion-model' for 'diffusion-models-for-...') is a common slip.
        starting = [candidate for candidate in pool if candidate.startswith(wanted)]
        if starting:
            return min(starting, key=len)
        lowered = wanted.lower()
        folded = [candidate for candidate in pool if candidate.lower() == lowered]
        if folded:
            return folded[0]
        # difflib's ratio is at most 2*min(a, b)/(a + b) for lengths a and b: a candidate much
        # longer or shorter cannot reach the cutoff, and is dropped before any comparison.
        size = len(wanted)

        def may_reach(candidate: str) -> bool:
            return 2 * min(size, len(candidate)) >= cutoff * (size + len(candidate))

        if len(pool) > SHORTLIST:
            shared = self._shared_pairs(wanted)
            near = [c for c in shared if c != wanted and may_reach(c)]
            if not near:  # no rare pair in common: rank the rest by all the pairs they share
                pairs = _pairs(wanted)
                near = [c for c in pool if may_reach(c)]
                shared = {c: len(pairs & _pairs(c)) for c in near}
            order = self._order
            pool = heapq.nsmallest(
                SHORTLIST, near, key=lambda candidate: (-shared[candidate], order[candidate])
            )
        else:
            pool = [c for c in pool if may_reach(c)]
        matches = difflib.get_close_matches(wanted, pool, n=1, cutoff=cutoff)
        return matches[0] if matches else None

    def _shared_pairs(self, wanted: str) -> dict[str, int]:
        """Return {candidate: letter pairs it shares with `wanted`} for those sharing any."""
        if self._index is None:
            index: dict[str, list[str]] = {}
            for position, candidate in enumerate(self._candidates):
                self._order[candidate] = position
                for pair in _pairs(candidate):
                    index.setdefault(pair, []).append(candidate)
            # A pair most candidates share ('fi' of 1,200 'fig0123.png') ranks none above
            # another, and would make every look-up go through them all: it is left out.
            common = max(SHORTLIST, len(self._candidates) // 4)
            self._index = {pair: held for pair, held in index.items() if len(held) <= common}
        shared: dict[str, int] = {}
        for pair in _pairs(wanted):
            for candidate in self._index.get(pair, ()):
                shared[candidate] = shared.get(candidate, 0) + 1
        return shared


class FileSuggester:
    """Suggests an existing site file for a missing one, looking in the same folder."""

    def __init__(self, site_files: Iterable[str]) -> None:
        self._by_folder: dict[tuple[str, str], dict[str, str]] | None = None
        self._site_files = site_files
        self._found: dict[str, str | None] = {}
        self._nearest: dict[tuple[str, str], Nearest] = {}

    def __call__(self, missing: str) -> str | None:
        """Return the site path nearest to the missing site-relative path, or None."""
        if missing not in self._found:
            self._found[missing] = self._closest(missing)
        return self._found[missing]

    def _closest(self, missing: str) -> str | None:
        if self._by_folder is None:
            # {(folder, suffix): {stem: name}}: names are compared without their shared
            # suffix, which would make any two look alike.
            self._by_folder = {}
            for path in sorted(self._site_files):  # of two as near, one in every run
                folder, name = posixpath.split(path)
                stem, suffix = posixpath.splitext(name)
                self._by_folder.setdefault((folder, suffix.lower()), {})[stem] = name
        folder, name = posixpath.split(missing)
        stem, suffix = posixpath.splitext(name)
        key = (folder, suffix.lower())
        stems = self._by_folder.get(key, {})
        nearest = self._nearest.get(key)
        if nearest is None:
            nearest = self._nearest[key] = Nearest(stems)
        # Short stems ('c9' for 'c4') differ by a larger share for the same slip.
        found = nearest(stem, cutoff=0.5)
        return posixpath.join(folder, stems[found]) if found else None


def as_written(url: str, missing_path: str, found_path: str) -> str:
    """Return `url` (as the author wrote it) with its last path segment replaced."""
    old_name = posixpath.basename(missing_path)
    new_name = as_destination(posixpath.basename(found_path))
    path, separator, rest = _split(url)
    if path.endswith(old_name):
        return path[: len(path) - len(old_name)] + new_name + separator + rest
    return as_destination(found_path)


@lru_cache(maxsize=100_000)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[index : index + 2] for index in range(len(text) - 1))


def _split(url: str) -> tuple[str, str, str]:
    for index, character in enumerate(url):
        if character in "?#":
            return url[:index], character, url[index + 1 :]
    return url, "", ""


class ContentSuggester:
    """Suggests an existing file (or folder) of content/ for a GitHub link that names none.

    In order: the same name in another case in the folder meant, or with `.md` added;
    the same name in another folder, sharing the most of the path's end
    (`2-devices/README.md` one level up, not any README.md) and then the nearest; a near
    name in the folder meant, its folders' own near misses corrected; the same name in
    another case.
    """

    def __init__(self, files: ContentFiles) -> None:
        self.files = files
        self._by_name: dict[str, list[str]] | None = None

    def by_name(self) -> dict[str, list[str]]:
        """Return {name: paths} of every file, and of every folder with a page (as `x/`)."""
        if self._by_name is None:
            self._by_name = {}
            for path in sorted(self.files.files()):
                self._by_name.setdefault(posixpath.basename(path), []).append(path)
            for folder in sorted(self.files.names):
                if folder and self.files.folder_page(folder) is not None:
                    self._by_name.setdefault(posixpath.basename(folder) + "/", []).append(folder)
        return self._by_name

    def __call__(self, link: GithubPath, source: str) -> str | None:
        """Return the content path to suggest for `link`, written in content/`source`, or None."""
        if "\\" in link.path:  # `.\img\cat.png`, as Windows writes paths: with `/` it is there
            slashed = posixpath.normpath(link.path.replace("\\", "/"))
            if self.files.is_file(slashed) or self.files.is_folder(slashed):
                return slashed
        is_folder = link.is_folder or self.files.is_folder(link.path)
        parent, name = posixpath.split(link.path)
        fixed = self.nearest_folder(parent)
        if is_folder:
            near = self.nearest_folder_with_page(link.path)
            return near or self.same_name_elsewhere(link.path, name + "/", source)
        names = self.files.names.get(fixed, (set(), set()))[0] if fixed is not None else set()
        folded = [other for other in sorted(names) if other.lower() == name.lower()]
        if folded:
            return posixpath.join(fixed, folded[0])
        if f"{name}.md" in names:  # written without `.md` (`0094.spfa` for `0094.spfa.md`)
            return posixpath.join(fixed, f"{name}.md")
        elsewhere = self.same_name_elsewhere(link.path, name, source)
        if elsewhere is not None:
            return elsewhere
        stem, suffix = posixpath.splitext(name)
        stems = {  # in names' order: of two as near, the same one in every run
            posixpath.splitext(other)[0]: other
            for other in sorted(names)
            if posixpath.splitext(other)[1].lower() == suffix.lower()
        }
        near = closest(stem, stems, cutoff=0.5)
        if near is not None:
            return posixpath.join(fixed, stems[near])
        if not suffix and (folder_page := self.nearest_folder_with_page(link.path)) is not None:
            return folder_page  # `../2-device` for the folder `../2-devices`
        folded_name = next(
            (other for other in self.by_name() if other.lower() == name.lower()), None
        )
        return self.same_name_elsewhere(link.path, folded_name, source) if folded_name else None

    def same_name_elsewhere(self, path: str, name: str, source: str) -> str | None:
        """Return the file (or folder, `name` ending in `/`) named `name` that best fits `path`.

        The one sharing the longest end of `path`, then the most of its folders' names
        anywhere (`3-c/translations/README.pt.md` for `translations/3-c/README.pt.md`, not
        the first lesson's), then the nearest to `source`. A README.md or index.md is
        suggested only when its folder's name fits too.
        """
        wanted = path.lower().split("/")
        wanted_names = set(wanted)
        folder = posixpath.dirname(source)
        best, best_key = None, None
        for candidate in self.by_name().get(name, []):
            if candidate == source:
                continue
            parts = candidate.lower().split("/")
            shared = shared_end(wanted, parts)
            named = len(wanted_names.intersection(parts))
            key = (-shared, -named, distance(folder, candidate), candidate)
            if best_key is None or key < best_key:
                best, best_key = candidate, key
        if best is None:
            return None
        if -best_key[0] < 2 and posixpath.splitext(name)[0].lower() in FOLDER_PAGE_NAMES:
            return None  # any README.md is no answer for a README.md not found
        return best

    def nearest_folder(self, folder: str) -> str | None:
        """Return `folder` with each missing part replaced by the nearest existing one, or None."""
        fixed = ""
        for part in (part for part in folder.split("/") if part):
            subfolders = self.files.names.get(fixed, (set(), set()))[1]
            if part not in subfolders:
                part = closest(part, sorted(subfolders))
                if part is None:
                    return None
            fixed = posixpath.join(fixed, part)
        return fixed

    def nearest_folder_with_page(self, folder: str) -> str | None:
        """Return the folder nearest to `folder` that has a page (a README.md or index.md)."""
        fixed = self.nearest_folder(folder)
        if fixed is not None and fixed != folder and self.files.folder_page(fixed) is not None:
            return fixed
        return None


def shared_end(wanted: list[str], candidate: list[str]) -> int:
    """Return how many path segments, from the last, two paths share."""
    shared = 0
    while (
        shared < min(len(wanted), len(candidate)) and wanted[-1 - shared] == candidate[-1 - shared]
    ):
        shared += 1
    return shared


def distance(folder: str, path: str) -> int:
    """Return how many folders apart content/`folder` and the file content/`path` are."""
    return posixpath.relpath(posixpath.dirname(path) or ".", folder or ".").count("/") + 1


def content_link_as_written(found: str, written: str, folder: str, link: GithubPath) -> str:
    """Return the link to content/`found` an author in content/`folder` would write like `written`.

    Root-relative if they wrote `/x`, else relative to their folder (`./` kept); a folder
    with its trailing `/`; their `?query` and `#fragment` kept.
    """
    if written.startswith("/"):
        path = "/" + found
    else:
        path = posixpath.relpath(found or ".", folder or ".")
        if written.startswith("./") and not path.startswith("../"):
            path = "./" + path
    if link.is_folder and not path.endswith("/"):
        path += "/"
    return link.with_path(as_destination(path))


def as_destination(path: str) -> str:
    """Return a path as a Markdown link may hold it: `Compiler Options.md` written as is is
    no link at all (TypeScript-Handbook's author was told so), `Compiler%20Options.md` is."""
    return path.replace("%", "%25").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
