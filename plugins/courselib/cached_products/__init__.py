"""Build products made once and cached (image variants, social cards): make them, place them.

Not a Pelican plugin itself: a small library for the plugins that make files
from content and keep them in the cache folder between builds. A cached product
is checked (it decodes) before it is placed in a site; a damaged one is made again.
"""

import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .cache_files import drop_damaged, write_atomically
from .image_index import ImageIndex

__all__ = ["make_missing", "place_in_site", "run_jobs", "write_atomically"]

# Below this many jobs, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 4


def run_jobs(job: Callable, arguments: Iterable[tuple]) -> list:
    """Run `job(*arguments)` for each tuple, on every core when there are several.

    Returns what each run returned, in order. `job` must be a module-level function
    (it is sent to worker processes).
    """
    argument_list = list(arguments)
    cores = os.cpu_count() or 1
    if len(argument_list) >= PARALLEL_THRESHOLD and cores > 1:
        with ProcessPoolExecutor(max_workers=min(cores, 4)) as pool:
            return list(pool.map(job, *zip(*argument_list, strict=True)))
    return [job(*one) for one in argument_list]


def make_missing(products: dict[Path, tuple], make: Callable, images: ImageIndex) -> int:
    """Make each product that the cache lacks, or holds damaged; return how many were made.

    `products` maps each cached file to the arguments of `make(*arguments, cached_file)`,
    which writes it and returns its ImageFacts. A cached file is judged by the image
    index: decoded once, then trusted while its size and modification time stay; one
    that does not decode is dropped with a warning and made again.
    """
    to_make = []
    real_folders: dict[str, str] = {}
    for cached, arguments in products.items():
        folder = os.path.dirname(cached)  # a string: cheaper than Path.parent, ten thousand times
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        facts = images.facts(cached, real_folders[folder])
        if facts is not None and facts.problem:
            drop_damaged(cached, facts.problem)
            facts = None
        if facts is None:
            to_make.append((*arguments, cached))
    to_make.sort()
    for made, facts in zip(to_make, run_jobs(make, to_make), strict=True):
        images.remember(made[-1], facts)
    return len(to_make)


def place_in_site(cached: Path, target: Path) -> None:
    """Put a cached build product at `target` in the output: a hard link where possible."""
    try:
        os.link(cached, target)  # most often the folder exists and the file does not
        return
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:  # another file system, or links not supported
        shutil.copyfile(cached, target)
