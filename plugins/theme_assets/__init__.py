"""The theme's CSS and JavaScript shipped without comments and indentation.

The sources in themes/course/static stay readable; the copies Pelican wrote to
the output lose what a browser never needs, on `finalized`, so every page's
first visit downloads less.
"""

import logging
from pathlib import Path

from pelican import signals

from .trim import trim_css, trim_js

logger = logging.getLogger(__name__)
TRIMMERS = {".css": trim_css, ".js": trim_js}


def trim_theme_assets(pelican) -> None:
    """Trim every CSS and JS file of the theme's static folder in the output."""
    folder = Path(pelican.output_path) / pelican.settings.get("THEME_STATIC_DIR", "theme")
    for asset in sorted(folder.rglob("*")):
        trim = TRIMMERS.get(asset.suffix)
        if trim and asset.is_file():
            asset.write_text(trim(asset.read_text(encoding="utf-8")), encoding="utf-8")


def register() -> None:
    signals.finalized.connect(trim_theme_assets)
