"""How the course looks when shared or found: social cards, link-preview tags, robots.txt.

- A 1200x630 social card per chapter (and one for the home page), drawn with
  Pillow from the chapter's number and title, cached and redrawn only when
  those change; written to `social/<slug>.png`.
- `SHARE_SITEURL` in every template: SITEURL when it is absolute (publishing
  builds), else empty, so canonical/OpenGraph URLs are only written when real.
- `robots.txt`, naming the sitemap when the site's address is known.
- `sitemap.xml` of every published page, each URL escaped (sitemap.py).
"""

import logging
import os
from pathlib import Path

import blinker
from courselib.cached_products.image_index import image_index_for
from courselib.pages import page_url
from courselib.site_paths import card_site_path
from pelican import signals
from pelican.generators import Generator

from .cards import write_cards
from .sitemap import SitemapEntry, sitemap_entry, sitemap_xml

logger = logging.getLogger(__name__)
# The pages written by the build in progress; emptied as each build starts.
_sitemap_entries: list[SitemapEntry] = []


def absolute_site_url(settings: dict) -> str:
    """Return SITEURL if it is an absolute http(s) address, else an empty string."""
    site_url = settings.get("SITEURL") or ""
    return site_url.rstrip("/") if site_url.startswith(("http://", "https://")) else ""


def robots_txt(share_site_url: str) -> str:
    """Return the robots.txt of the course: everything may be crawled."""
    lines = ["User-agent: *", "Allow: /"]
    if share_site_url:
        lines.append(f"Sitemap: {share_site_url}/sitemap.xml")
    return "\n".join(lines) + "\n"


class SharingGenerator(Generator):
    """Draws the social cards of the syllabus and writes robots.txt."""

    def generate_context(self) -> None:
        self.context["SHARE_SITEURL"] = absolute_site_url(self.settings)
        self.context["HOME_CARD"] = card_site_path("index")
        for chapter in self.context.get("syllabus", []):
            # Its URL: a page placed by its path has its file's name as slug (`it's #1`).
            chapter.card = page_url(card_site_path(chapter.slug))

    def generate_output(self, writer) -> None:
        cards = {"index": ("Course", self.settings.get("SITENAME", ""))}
        for chapter in self.context.get("syllabus", []):
            cards[chapter.slug] = (chapter.label, chapter.title)
        cache_dir = Path(self.settings.get("CACHE_PATH", "cache")) / "course_sharing"
        images = image_index_for(self.settings)
        drawn = write_cards(
            cards, self.settings.get("SITENAME", ""), cache_dir, Path(self.output_path), images
        )
        images.save()
        logger.info("course_sharing: %d social cards (%d newly drawn)", len(cards), drawn)
        robots = Path(self.output_path) / "robots.txt"
        robots.write_text(robots_txt(self.context["SHARE_SITEURL"]), encoding="utf-8")


def add_generator(pelican) -> type:
    """Return the generator that draws cards and writes robots.txt; start a new sitemap."""
    _sitemap_entries.clear()
    return SharingGenerator


def note_written_page(path: str, context: dict) -> None:
    """Add a page Pelican wrote (or linked unchanged from the last build) to the sitemap."""
    relative = str(context.get("output_file") or os.path.basename(path)).replace(os.sep, "/")
    entry = sitemap_entry(relative, context)
    if entry is not None:
        _sitemap_entries.append(entry)


def write_sitemap(pelican) -> None:
    """Write sitemap.xml once every page is written."""
    site_url = (pelican.settings.get("SITEURL") or "").rstrip("/")
    sitemap = Path(pelican.output_path) / "sitemap.xml"
    sitemap.write_text(sitemap_xml(site_url, _sitemap_entries), encoding="utf-8")
    _sitemap_entries.clear()


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.content_written.connect(note_written_page)
    # Pages the unchanged_pages plugin links from the last build, instead of writing them.
    blinker.signal("unchanged_page_linked").connect(note_written_page)
    signals.finalized.connect(write_sitemap)
