"""How the course looks when shared or found: social cards, link-preview tags, robots.txt.

- A 1200x630 social card per chapter (and one for the home page), drawn with
  Pillow from the chapter's number and title, cached and redrawn only when
  those change; written to `social/<slug>.png`.
- `SHARE_SITEURL` in every template: SITEURL when it is absolute (publishing
  builds), else empty, so canonical/OpenGraph URLs are only written when real.
- `robots.txt`, naming the sitemap when the site's address is known.
The sitemap itself comes from pelican-sitemap.
"""

import logging
from pathlib import Path

from cached_products.image_index import image_index_for
from pelican import signals
from pelican.generators import Generator

from .cards import card_site_path, write_cards

logger = logging.getLogger(__name__)


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
            chapter.card = card_site_path(chapter.slug)

    def generate_output(self, writer) -> None:
        cards = {"index": ("Course", self.settings.get("SITENAME", ""))}
        for chapter in self.context.get("syllabus", []):
            cards[chapter.slug] = (f"Chapter {chapter.number}", chapter.title)
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
    """Return the generator that draws cards and writes robots.txt."""
    return SharingGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
