"""Social cards: drawn once per (label, title, course name), cached, copied into the site."""

import hashlib
from pathlib import Path

from courselib import card_drawing
from courselib.cached_products import make_missing, place_in_site, write_atomically
from courselib.cached_products.image_index import ImageFacts, ImageIndex
from courselib.card_drawing import COVER_SIZE, draw_card
from courselib.fingerprint import product_key
from courselib.site_paths import card_site_path

# Bump when the drawing changes, so cached cards are redrawn.
DRAWING_CODE = (Path(card_drawing.__file__), Path(__file__))


def card_cache_name(label: str, title: str, course_name: str) -> str:
    """Return a cache file name that changes whenever what the card shows, or how it is
    drawn (our drawing code, Pillow, the font), changes."""
    packages = ["pillow", card_drawing.CARD_FONT_PACKAGE]  # the font comes with the latter
    key = product_key(label, title, course_name, code=DRAWING_CODE, packages=packages)
    return key[:24] + ".png"


def draw_card_file(label: str, title: str, course_name: str, destination: Path) -> ImageFacts:
    """Draw one card into `destination`; return its facts."""
    data = draw_card(label, title, course_name)
    write_atomically(destination, data)
    return ImageFacts(*COVER_SIZE, None, hashlib.sha256(data).hexdigest())


def write_cards(
    cards: dict[str, tuple[str, str]],
    course_name: str,
    cache_dir: Path,
    output_dir: Path,
    images: ImageIndex,
) -> int:
    """Write each {slug: (label, title)} card into the site; return how many were drawn anew.

    A cached card that does not decode (`images` judges it) is dropped and drawn again.
    """
    cached = {
        slug: cache_dir / card_cache_name(label, title, course_name)
        for slug, (label, title) in cards.items()
    }
    drawn = make_missing(
        {cached[slug]: (label, title, course_name) for slug, (label, title) in cards.items()},
        draw_card_file,
        images,
    )
    for slug, cached_card in cached.items():
        place_in_site(cached_card, output_dir / card_site_path(slug))
    return drawn
