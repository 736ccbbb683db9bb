"""Share a list of work between this process and worker processes, one for each further core."""

import os
from collections import deque

# Below this many items, starting worker processes costs more than it saves (the link
# gate's pages; a caller whose items take longer gives its own figure).
PARALLEL_FROM = 150


def map_chunks(
    function,
    items: list,
    *arguments,
    workers: int = 0,
    parallel_from: int = PARALLEL_FROM,
    between=None,
) -> list:
    """Return the results of `function(chunk, *arguments)` over chunks of `items`, joined.

    With n cores (`workers`, 0 for all), n - 1 worker processes are started and
    this process works too: a worker waiting for the results of the others would
    leave a core idle, and each result sent back costs pickling twice. Chunks are
    handed out one at a time, so no process waits while another has many left.
    The results come in no set order. `between()`, when given, is called in this
    process after each chunk it worked on or waited for (once, when it does all the
    work alone); what it raises stops the work there: chunks not yet handed to a
    worker are dropped, those handed (about two a worker) are waited for.
    """
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(items) < parallel_from:
        results = function(items, *arguments)
        if between is not None:
            between()
        return results
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from multiprocessing import get_all_start_methods, get_context

    size = max(8, len(items) // (workers * 8))
    chunks = deque(items[start : start + size] for start in range(0, len(items), size))
    # fork: workers start at once and inherit the imports; elsewhere the default start.
    context = get_context("fork") if "fork" in get_all_start_methods() else None
    results: list = []
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
        running: set = set()
        try:
            while chunks or running:
                # Two chunks queued for each worker: it never waits for this process to hand one.
                while chunks and len(running) < 2 * (workers - 1):
                    running.add(pool.submit(function, chunks.popleft(), *arguments))
                if chunks:
                    results.extend(function(chunks.popleft(), *arguments))
                    done = {future for future in running if future.done()}
                else:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    results.extend(future.result())
                running -= done
                if between is not None:
                    between()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return results
