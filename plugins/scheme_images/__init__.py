"""Images GitHub shows in one colour scheme only, shown in that scheme only here too.

A README kept on GitHub often shows its logo or diagram twice, once a scheme:

    ![Logo](logo-light.png#gh-light-mode-only)
    ![Logo](logo-dark.png#gh-dark-mode-only)

and GitHub shows the one that fits the reader's theme. Once the site is written
(`finalized`), if any page holds such an image, the rules that do the same here go at
the end of the theme's stylesheet, which every page loads already: the scheme is the
system's, unless the reader chose one with the toggle (`data-scheme` on <html>). A
site without such images gets nothing. Runs after math_font (which rewrites the end of
the stylesheet) and before theme_assets (which trims it).
"""

import logging
from pathlib import Path

from courselib.cached_products.cache_files import write_atomically
from pelican import signals

logger = logging.getLogger(__name__)

STYLESHEET = "css/course.css"
# What a page holds when it shows such an image: the end of its URL, then the quote.
MARKERS = tuple(
    f"#gh-{scheme}-mode-only{quote}".encode() for scheme in ("light", "dark") for quote in "\"'"
)
# GitHub's own rules hide links so marked too (a sponsor's logo, linked to its site).
RULES = """
/* Images and links GitHub shows in one scheme only (`logo.png#gh-dark-mode-only`). */
:root[data-scheme="light"] img[src$="#gh-dark-mode-only"],
:root[data-scheme="light"] a[href$="#gh-dark-mode-only"],
:root[data-scheme="dark"] img[src$="#gh-light-mode-only"],
:root[data-scheme="dark"] a[href$="#gh-light-mode-only"] { display: none; }
@media not all and (prefers-color-scheme: dark) {
  :root:not([data-scheme]) img[src$="#gh-dark-mode-only"],
  :root:not([data-scheme]) a[href$="#gh-dark-mode-only"] { display: none; }
}
@media (prefers-color-scheme: dark) {
  :root:not([data-scheme]) img[src$="#gh-light-mode-only"],
  :root:not([data-scheme]) a[href$="#gh-light-mode-only"] { display: none; }
}
"""


def has_scheme_images(output: Path, theme: Path) -> bool:
    """True when a page of the site at `output` shows an image in one scheme only."""
    for page in output.rglob("*.html"):
        if page.is_relative_to(theme):
            continue
        try:
            data = page.read_bytes()
        except OSError:
            continue
        if b"-mode-only" in data and any(marker in data for marker in MARKERS):
            return True
    return False


def add_scheme_rules(output: Path, theme_folder: str) -> bool:
    """Add RULES to the theme's stylesheet when a page needs them; return True if added."""
    theme = output / theme_folder
    stylesheet = theme / STYLESHEET
    if not stylesheet.is_file() or not has_scheme_images(output, theme):
        return False
    text = stylesheet.read_text(encoding="utf-8")
    if RULES in text:  # added already (a stylesheet kept from an earlier build)
        return False
    write_atomically(stylesheet, (text.rstrip("\n") + "\n" + RULES).encode("utf-8"))
    return True


def add_rules_to_site(pelican) -> None:
    """Give the site Pelican has just written the rules its one-scheme images need."""
    theme_folder = pelican.settings.get("THEME_STATIC_DIR", "theme")
    if add_scheme_rules(Path(pelican.output_path), theme_folder):
        logger.info("scheme_images: images shown in one colour scheme only")


def register() -> None:
    signals.finalized.connect(add_rules_to_site)
