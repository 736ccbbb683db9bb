"""Did-you-mean suggestions for near misses: page names and anchor ids."""

import difflib
import posixpath
from collections.abc import Iterable
from functools import lru_cache

CUTOFF = 0.6
# Past this many candidates, only the nearest few by shared letter pairs are compared in full.
SHORTLIST = 8


def closest(wanted: str, candidates: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """Return the candidate nearest to `wanted`, or None when nothing is close."""
    pool = [candidate for candidate in candidates if candidate and candidate != wanted]
    if not pool or not wanted:
        return None
    # A truncated id ('diffusion-model' for 'diffusion-models-for-...') is a common slip.
    starting = [candidate for candidate in pool if candidate.startswith(wanted)]
    if starting:
        return min(starting, key=len)
    folded = [candidate for candidate in pool if candidate.lower() == wanted.lower()]
    if folded:
        return folded[0]
    if len(pool) > SHORTLIST:
        pairs = _pairs(wanted)
        pool = sorted(pool, key=lambda candidate: -len(pairs & _pairs(candidate)))[:SHORTLIST]
    matches = difflib.get_close_matches(wanted, pool, n=1, cutoff=cutoff)
    return matches[0] if matches else None


class FileSuggester:
    """Suggests an existing site file for a missing one, looking in the same folder."""

    def __init__(self, site_files: Iterable[str]) -> None:
        self._by_folder: dict[tuple[str, str], dict[str, str]] | None = None
        self._site_files = site_files
        self._found: dict[str, str | None] = {}

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
        stems = self._by_folder.get((folder, suffix.lower()), {})
        # Short stems ('c9' for 'c4') differ by a larger share for the same slip.
        found = closest(stem, stems, cutoff=0.5)
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
