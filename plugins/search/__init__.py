"""Full-text search: Pagefind indexes the finished site, offline, once Pelican has written it.

Connected to `finalized`, so it sees every page; it indexes `pelican.output_path`,
wherever the build writes. Keep it before any plugin that checks the finished
site (link checking), so that the search bundle is there to be checked.

A course large enough for several shards starts indexing its changed shards as
soon as the chapters are written (`article_writer_finalized`), beside the rest
of the build; `finalized` waits for those runs, then indexes what is left.
"""

import logging
import os
from pathlib import Path

from courselib.open_problems import fail_if_waiting
from pelican import signals

from .index import EarlyIndexing, index_site, read_settings, start_indexing_chapters

# Runs started for a build, by output folder; each is waited for by the same build's
# `finalized`, or, if this one stopped before it, by the next build before it empties
# the output folder (`get_generators`).
_running: dict[str, EarlyIndexing] = {}
logger = logging.getLogger(__name__)


def search_cache(settings: dict) -> Path:
    """Return the folder that keeps the search bundles between builds."""
    return Path(settings.get("CACHE_PATH") or "cache") / "search"


def start_with_chapters(generator, writer=None) -> None:
    """Start indexing the changed shards now that the chapters are written."""
    output = os.path.abspath(generator.output_path)
    settings = read_settings(generator.settings, log=False)  # `finalized` reports bad settings
    started = start_indexing_chapters(output, settings, search_cache(generator.settings))
    if started is not None:
        _running[output] = started


def wait_for_earlier_runs(pelican) -> None:
    """Before a build empties its output folder, let runs a stopped build left there end.

    Under `pelican -r` an exception after the chapters were written skips `finalized`,
    and the reload loop starts the next build at once: `get_generators` comes before
    Pelican deletes the output, which those runs may still be reading (a bundle made
    from half a site would be cached under the key of the whole shard). No generator.
    """
    leftover = _running.pop(os.path.abspath(pelican.output_path), None)
    if leftover is not None:
        leftover.wait()


def index_output(pelican) -> None:
    """Index the site Pelican has just written."""
    started = _running.pop(os.path.abspath(pelican.output_path), None)
    if started is not None:
        started.wait()
    settings, cache = read_settings(pelican.settings), search_cache(pelican.settings)
    index_site(pelican.output_path, settings, cache, started.pages if started else None)


def fail_after_the_gate(generators) -> None:
    """Connect, after every plugin's own receivers, the end that fails a build whose index
    was not built (once the link gate has listed its problems too)."""
    signals.finalized.connect(fail_at_end)


def fail_at_end(pelican) -> None:
    """Log the error that fails the build if its index was not built."""
    fail_if_waiting(logger)


def register() -> None:
    signals.all_generators_finalized.connect(fail_after_the_gate)
    signals.get_generators.connect(wait_for_earlier_runs)
    signals.article_writer_finalized.connect(start_with_chapters)
    signals.finalized.connect(index_output)
