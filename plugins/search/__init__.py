"""Full-text search: Pagefind indexes the finished site, offline, once Pelican has written it.

Connected to `finalized`, so it sees every page; it indexes `pelican.output_path`,
wherever the build writes. Keep it before any plugin that checks the finished
site (link checking), so that the search bundle is there to be checked.
"""

from pelican import signals

from .index import index_site, read_settings


def index_output(pelican) -> None:
    """Index the site Pelican has just written."""
    index_site(pelican.output_path, read_settings(pelican.settings))


def register() -> None:
    signals.finalized.connect(index_output)
