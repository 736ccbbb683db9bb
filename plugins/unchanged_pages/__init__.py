"""Chapter pages whose inputs did not change are linked from the last build, not rendered again.

Pelican renders and writes every page on every build. In a staged build (`make
html`) the last good site stays in place while the new one is written beside
it, and `staged_build` names it in the STAGED_BUILD_PREVIOUS_OUTPUT environment
variable. A chapter page is then hard-linked from there when its key matches
(see `reuse.py`): the settings, the theme's files and template overrides, the
locale, our plugins' code, the sidebar, the chapter's content, title, metadata,
contents and syllabus entry with its neighbours. Anything else a chapter template reads must go into
`reuse.page_key`, or an edit of it would leave pages stale. A linked page is announced by the
`unchanged_page_linked` signal, never by Pelican's `content_written`: it is the last good
site's file, which a plugin editing written pages must not touch.

Off without a staged build (the dev server deletes its output first) and when
REUSE_UNCHANGED_PAGES is False, as publishconf.py sets it: a published site is
always rendered whole.
"""

import logging
import os
from pathlib import Path

import blinker
from pelican import signals
from pelican.utils import get_relative_path, path_to_url
from pelican.writers import Writer

logger = logging.getLogger(__name__)

PREVIOUS_OUTPUT_VARIABLE = "STAGED_BUILD_PREVIOUS_OUTPUT"
# Sent, as `content_written` would be, for each page linked from the last build (the link
# gate notes which Markdown wrote it). A named signal: listeners need not import this plugin.
page_linked = blinker.signal("unchanged_page_linked")
# This build's reuse, by output folder: saved by `finalized` for the next build.
_builds: dict = {}


class ReusingWriter(Writer):
    """Pelican's writer, but a chapter page made from unchanged inputs is linked, not written."""

    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.reuse = _builds.get(os.path.abspath(output_path))
        self._key_of_build = None
        # The sidebar's digest by the SITEURL it is seen from, with the sidebar it is of: the
        # same 50 KB on every page at 500 chapters, digested once, not once a page.
        self._sidebar_digests: dict[str, tuple[object, str]] = {}

    def write_file(self, name, template, context, relative_urls=False, paginated=None, **kwargs):
        article = kwargs.get("article")
        if self.reuse is None or article is None or paginated:
            return super().write_file(
                name, template, context, relative_urls, paginated=paginated, **kwargs
            )
        site_url = path_to_url(get_relative_path(name)) if relative_urls else context["SITEURL"]
        # As Pelican's writer does before rendering: the content's links follow this page's URL.
        context["localsiteurl"] = site_url if relative_urls else context.get("localsiteurl")
        key = self._page_key(name, site_url, context, article)
        linked = self.reuse.link_previous(name, key)
        if linked is None:
            super().write_file(name, template, context, relative_urls, paginated=None, **kwargs)
            self.reuse.record(name, key)
            return None
        self._written_files.add(str(linked))
        page_context = context.copy()
        page_context.update(SITEURL=site_url, localsiteurl=site_url, output_file=name, **kwargs)
        # Not `content_written`: a plugin editing pages in place would edit the last good
        # site's file, which this one is. Plugins that only note pages listen to this too.
        page_linked.send(str(linked), context=page_context)
        return None

    def _page_key(self, name: str, site_url: str, context: dict, article) -> str:
        from courselib.cached_products.page_rewrites import page_key as text_digest

        from .reuse import build_key, page_key

        if self._key_of_build is None:
            from courselib.fingerprint import settings_fingerprint

            self._key_of_build = build_key(
                settings_fingerprint(self.settings),
                Path(self.settings["THEME"]),
                [Path(folder) for folder in self.settings.get("PLUGIN_PATHS", [])],
                [Path(folder) for folder in self.settings.get("THEME_TEMPLATES_OVERRIDES", [])],
            )
        sidebar = context.get("sidebar_chapters")
        known = self._sidebar_digests.get(site_url)
        if known is None or known[0] is not sidebar:
            sidebar_html = str(sidebar.render(site_url, None)) if sidebar is not None else ""
            known = (sidebar, text_digest(sidebar_html))
            self._sidebar_digests[site_url] = known
        return page_key(self._key_of_build, name, site_url, known[1], article)


def start_build(pelican) -> type | None:
    """Offer the reusing writer when the last good site is there to reuse pages from."""
    from .reuse import PageReuse

    output = os.path.abspath(pelican.output_path)
    _builds.pop(output, None)
    previous = os.environ.get(PREVIOUS_OUTPUT_VARIABLE)
    if not previous or not pelican.settings.get("REUSE_UNCHANGED_PAGES", True):
        return None
    if os.path.abspath(previous) == output:
        return None  # Pelican would have emptied it before writing: nothing to link from
    cache_dir = Path(pelican.settings.get("CACHE_PATH") or "cache") / "pages"
    # With no site there yet (a first build) nothing is linked, but the pages are recorded.
    _builds[output] = PageReuse.open(cache_dir, Path(os.path.abspath(previous)), Path(output))
    return ReusingWriter


def finish_build(pelican) -> None:
    """Keep this build's manifest for the next one."""
    reuse = _builds.pop(os.path.abspath(pelican.output_path), None)
    if reuse is None:
        return
    reuse.save()
    logger.info("Pages linked unchanged from the last build: %d", reuse.reused)


def register() -> None:
    signals.get_writer.connect(start_build)
    signals.finalized.connect(finish_build)
