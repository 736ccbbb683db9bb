"""A math font for the pages that have formulas, and nothing for a site that has none.

Once the site is written (`finalized`), the pages holding `<math>` are read, the
characters their formulas draw are collected, and, when there are any, the theme
folder gets:

- `fonts/math-<digest>.woff2`: STIX Two Math cut down to those characters (its
  name changes with its bytes, so a browser may keep it for good), with the
  font's licence beside it (`fonts/STIX-Two-Math-OFL.txt`);
- at the end of `css/course.css`, the stylesheet every page loads: the
  `@font-face`, `math { font-family: ... }` and the rules of the classes that stand
  for the converter's column alignments (`courselib.tex`), only those the site's
  formulas use.

Formulas so cost no request of their own, and a page without math none either: a
browser fetches a font only for text drawn in it. A page without math in a site with
math pays for the rules (about 400 bytes), a site without math nothing. Runs before
`theme_assets` (which trims the stylesheet) and before `search` and `linkgate` (which
read the finished site).
"""

import logging
from pathlib import Path

from pelican import signals

from .site import write_math_assets

logger = logging.getLogger(__name__)


def add_math_font(pelican) -> None:
    """Write the math font and stylesheet for the site Pelican has just written."""
    settings = pelican.settings
    write_math_assets(
        Path(pelican.output_path),
        theme_folder=settings.get("THEME_STATIC_DIR", "theme"),
        cache=Path(settings.get("CACHE_PATH") or "cache") / "math_font",
    )


def register() -> None:
    signals.finalized.connect(add_math_font)
