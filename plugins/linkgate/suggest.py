"""Did-you-mean suggestions for near misses: page names and anchor ids."""

import difflib
import posixpath
from collections.abc import Iterable


def closest(wanted: str, candidates: Iterable[str]) -> str | None:
    """Return the candidate nearest to `wanted`, or None when nothing is close."""
    pool = [candidate for candidate in candidates if candidate and candidate != wanted]
    if not pool:
        return None
    # A truncated id ('diffusion-model' for 'diffusion-models-for-...') is a common slip.
    starting = sorted(
        (candidate for candidate in pool if candidate.startswith(wanted) and wanted), key=len
    )
    if starting:
        return starting[0]
    matches = difflib.get_close_matches(wanted, pool, n=1, cutoff=0.6)
    return matches[0] if matches else None


def closest_file(missing: str, site_files: Iterable[str]) -> str | None:
    """Return the site file nearest to the missing site-relative path, same folder first."""
    folder, name = posixpath.split(missing)
    suffix = posixpath.splitext(name)[1].lower()
    siblings = []
    for path in site_files:
        other_folder, other_name = posixpath.split(path)
        if other_folder == folder and posixpath.splitext(other_name)[1].lower() == suffix:
            siblings.append(other_name)
    found = closest(name, siblings)
    if found is None and name.lower() in {s.lower() for s in siblings}:
        found = next(s for s in siblings if s.lower() == name.lower())
    return posixpath.join(folder, found) if found else None


def as_written(url: str, missing_path: str, found_path: str) -> str:
    """Return `url` (as the author wrote it) with its last path segment replaced."""
    old_name = posixpath.basename(missing_path)
    new_name = posixpath.basename(found_path)
    path, separator, rest = _split(url)
    if path.endswith(old_name):
        return path[: len(path) - len(old_name)] + new_name + separator + rest
    return found_path


def _split(url: str) -> tuple[str, str, str]:
    for index, character in enumerate(url):
        if character in "?#":
            return url[:index], character, url[index + 1 :]
    return url, "", ""
