"""Did-you-mean suggestions for near misses: page names and anchor ids."""

import difflib
import heapq
import posixpath
from collections.abc import Iterable
from functools import lru_cache

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
            for path in self._site_files:
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
    new_name = posixpath.basename(found_path)
    path, separator, rest = _split(url)
    if path.endswith(old_name):
        return path[: len(path) - len(old_name)] + new_name + separator + rest
    return found_path


@lru_cache(maxsize=100_000)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[index : index + 2] for index in range(len(text) - 1))


def _split(url: str) -> tuple[str, str, str]:
    for index, character in enumerate(url):
        if character in "?#":
            return url[:index], character, url[index + 1 :]
    return url, "", ""
