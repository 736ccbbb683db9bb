"""One build of an output folder at a time: a second `make html` waits for the first, saying so.

Two builds at once share output/ and cache/: one would swap its site in while the
other links pages from it, and both write the same cache files. The lock is an
advisory lock (flock) on a file beside the output folder, `.output.lock`; the
system releases it when its process ends, however it ends, so a killed build never
leaves it held. The file itself stays: removing it while a build waits on it would
let a third build in.
"""

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path


def lock_path(output: Path) -> Path:
    """Return the lock file of the output folder `output` (an absolute path)."""
    return output.parent / f".{output.name}.lock"


@contextlib.contextmanager
def only_build(output: Path) -> Iterator[None]:
    """Hold the output folder's lock for the duration; wait for it, saying so, if it is held."""
    output.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_path(output), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"Another build of {output} is running: waiting for it to end.",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock
