"""Social cards: drawn once per (label, title, course name), cached, copied into the site."""

import hashlib
import shutil
from pathlib import Path

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


def write_cards(
    cards: dict[str, tuple[str, str]], course_name: str, cache_dir: Path, output_dir: Path
) -> int:
    """Write each {slug: (label, title)} card into the site; return how many were drawn anew."""
    drawn = 0
    cache_dir.mkdir(parents=True, exist_ok=True)
    for slug, (label, title) in cards.items():
        cached = cache_dir / card_cache_name(label, title, course_name)
        if not cached.exists():
            partial = cached.with_suffix(".partial")
            partial.write_bytes(draw_card(label, title, course_name))
            partial.replace(cached)
            drawn += 1
        target = output_dir / card_site_path(slug)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    return drawn
