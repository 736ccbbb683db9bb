"""Build products made once and cached (image variants, social cards): make them, place them.

Not a Pelican plugin itself: a small library for the plugins that make files
from content and keep them in the cache folder between builds.
"""

import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Below this many jobs, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 4


def run_jobs(job: Callable, arguments: Iterable[tuple]) -> int:
    """Run `job(*arguments)` for each tuple, on every core when there are several; return count.

    `job` must be a module-level function (it is sent to worker processes).
    """
    argument_list = list(arguments)
    cores = os.cpu_count() or 1
    if len(argument_list) >= PARALLEL_THRESHOLD and cores > 1:
        with ProcessPoolExecutor(max_workers=min(cores, 4)) as pool:
            list(pool.map(job, *zip(*argument_list, strict=True)))
    else:
        for one in argument_list:
            job(*one)
    return len(argument_list)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


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
