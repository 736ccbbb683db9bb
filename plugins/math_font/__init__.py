"""A math font for the pages that have formulas, and nothing for a site that has none.

Once the site is written (`finalized`), the pages holding `<math>` are read, the
characters their formulas draw are collected, and, when there are any, the theme
folder gets:

- `fonts/math-<digest>.woff2`: STIX Two Math cut down to those characters (its
  name changes with its bytes, so a browser may keep it for good), with the
  font's licence beside it (`fonts/STIX-Two-Math-OFL.txt`);
- `css/math.css`: the `@font-face`, `math { font-family: ... }` and the rules of
  the classes that stand for the converter's column alignments (`courselib.tex`).

Pages with math link `css/math.css` (its name never changes); every content object
gets `has_math` for the template to decide. Runs before `theme_assets` (which trims
the stylesheet) and before `search` and `linkgate` (which read the finished site).
"""

import logging
from pathlib import Path

from pelican import signals

from .site import write_math_assets

logger = logging.getLogger(__name__)


def mark_math(content) -> None:
    """Set `has_math` on a chapter or page: whether its HTML holds a formula."""
    content.has_math = "<math" in (getattr(content, "_content", None) or "")


def add_math_font(pelican) -> None:
    """Write the math font and stylesheet for the site Pelican has just written."""
    settings = pelican.settings
    write_math_assets(
        Path(pelican.output_path),
        theme_folder=settings.get("THEME_STATIC_DIR", "theme"),
        cache=Path(settings.get("CACHE_PATH") or "cache") / "math_font",
    )


def register() -> None:
    signals.content_object_init.connect(mark_math)
    signals.finalized.connect(add_math_font)
