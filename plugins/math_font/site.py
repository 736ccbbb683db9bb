"""Put the math font and its stylesheet into a built site, when the site has formulas."""

import hashlib
import logging
import shutil
from pathlib import Path

from courselib.mathml_check import CLASS_RULES

from .characters import pages_with_math
from .font import FAMILY, FontProblem, math_font, write_atomically

logger = logging.getLogger(__name__)

STYLESHEET = "css/math.css"
FONTS = "fonts"
LICENCE = Path(__file__).with_name("OFL.txt")
LICENCE_NAME = "STIX-Two-Math-OFL.txt"
HEADER = "/* Formulas: the site's math font, and the layout classes of courselib.tex. */"


def math_stylesheet(font_file: str) -> str:
    """Return the stylesheet that gives formulas the math font found at `font_file`.

    `font_file` is relative to the stylesheet. Formulas take the colour of the
    text around them (MathML inherits it), so both colour schemes need no rule.
    """
    classes = "\n".join(f".{name} {{ {rule}; }}" for name, rule in CLASS_RULES.items())
    return (
        f"{HEADER}\n"
        "@font-face {\n"
        f'  font-family: "{FAMILY}";\n'
        f'  src: url("{font_file}") format("woff2");\n'
        "  font-display: swap;\n"
        "}\n"
        f'math {{ font-family: "{FAMILY}", math; }}\n'
        "/* A display formula wider than a phone scrolls by itself, not the whole page. */\n"
        'math[display="block"] { margin: 0.8em 0; overflow-x: auto; overflow-y: hidden; }\n'
        "/* \\textsf inside \\text; \\boxed (Chromium draws no <menclose> of its own). */\n"
        "mtext .math-core-sans-serif-font { font-family: sans-serif; }\n"
        'menclose[notation="box"] { border: 0.05em solid; padding: 0.2em; }\n'
        f"{classes}\n"
    )


def write_math_assets(output: Path, theme_folder: str, cache: Path) -> Path | None:
    """Write the font and stylesheet if any page of `output` has math; return the font's path.

    A site without formulas gets nothing; fonts of earlier builds are removed.
    """
    theme = output / theme_folder
    pages = pages_with_math(output, skip=[theme])
    old_fonts = sorted((theme / FONTS).glob("math-*.woff2"))
    if not pages:
        for old in old_fonts:
            old.unlink()
        stale = theme / STYLESHEET
        if stale.is_file() and stale.read_bytes().startswith(HEADER.encode()):
            stale.unlink()
        return None
    characters = set().union(*pages.values())
    try:
        woff2 = math_font(characters, cache)
    except FontProblem as problem:
        logger.error("math font: %s; formulas would be drawn with the system's fonts", problem)
        return None
    font = theme / FONTS / f"math-{hashlib.sha256(woff2).hexdigest()[:12]}.woff2"
    for old in old_fonts:
        if old != font:
            old.unlink()
    write_atomically(font, woff2)
    shutil.copyfile(LICENCE, theme / FONTS / LICENCE_NAME)
    stylesheet = theme / STYLESHEET
    write_atomically(stylesheet, math_stylesheet(f"../{FONTS}/{font.name}").encode())
    logger.info(
        "math font: %d characters from %d page(s), %s bytes",
        len(characters),
        len(pages),
        len(woff2),
    )
    return font
