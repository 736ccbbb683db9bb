"""Social cards: drawn once per (label, title, course name), cached, copied into the site."""

import hashlib
from pathlib import Path

from cached_products import place_in_site, run_jobs, write_atomically
from chapter_covers.draw import draw_card

# Bump when the drawing changes, so cached cards are redrawn.
DRAWING_VERSION = "1"


def card_site_path(slug: str) -> str:
    """Return the site path of a page's social card."""
    return f"social/{slug}.png"


def card_cache_name(label: str, title: str, course_name: str) -> str:
    """Return a cache file name that changes whenever what the card shows changes."""
    key = "\0".join((DRAWING_VERSION, label, title, course_name)).encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:24] + ".png"


def draw_card_file(label: str, title: str, course_name: str, destination: Path) -> None:
    """Draw one card into `destination`."""
    write_atomically(destination, draw_card(label, title, course_name))


def write_cards(
    cards: dict[str, tuple[str, str]], course_name: str, cache_dir: Path, output_dir: Path
) -> int:
    """Write each {slug: (label, title)} card into the site; return how many were drawn anew."""
    cached = {
        slug: cache_dir / card_cache_name(label, title, course_name)
        for slug, (label, title) in cards.items()
    }
    to_draw = {
        (label, title, course_name, cached[slug])
        for slug, (label, title) in cards.items()
        if not cached[slug].exists()
    }
    drawn = run_jobs(draw_card_file, sorted(to_draw))
    for slug, cached_card in cached.items():
        place_in_site(cached_card, output_dir / card_site_path(slug))
    return drawn
