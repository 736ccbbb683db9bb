"""Full-text search: Pagefind indexes the finished site, offline, once Pelican has written it.

Connected to `finalized`, so it sees every page; it indexes `pelican.output_path`,
wherever the build writes. Keep it before any plugin that checks the finished
site (link checking), so that the search bundle is there to be checked.
"""

from pathlib import Path

from pelican import signals

from .index import index_site, read_settings


def index_output(pelican) -> None:
    """Index the site Pelican has just written."""
    cache_dir = Path(pelican.settings.get("CACHE_PATH") or "cache") / "search"
    index_site(pelican.output_path, read_settings(pelican.settings), cache_dir)


def register() -> None:
    signals.finalized.connect(index_output)
