"""Put the math font and its rules into a built site, when the site has formulas."""

import hashlib
import logging
import re
import shutil
from pathlib import Path

from courselib.mathml_check import CLASS_RULES

from .characters import pages_with_math
from .font import FAMILY, FontProblem, math_font, write_atomically

logger = logging.getLogger(__name__)

# The theme's stylesheet, which every page links: the math rules go at its end.
STYLESHEET = "css/course.css"
# Where earlier versions put the rules; removed when found, as no page links it now.
OLD_STYLESHEET = "css/math.css"
FONTS = "fonts"
LICENCE = Path(__file__).with_name("OFL.txt")
LICENCE_NAME = "STIX-Two-Math-OFL.txt"
HEADER = "/* Formulas: the site's math font, and the layout classes of courselib.tex. */"
# The start of the rules in the stylesheet, as written and as theme_assets trims them.
RULES_START = re.compile(
    r"(?:/\* Formulas:[^*]*\*/\s*)?@font-face\s*\{\s*font-family:\s*\"" + re.escape(FAMILY) + '"'
)
# Rules only some formulas need: (what a page holds when it needs it, the rule).
OCCASIONAL_RULES = [
    (
        "math-core-sans-serif-font",
        "/* \\textsf inside \\text. */\n"
        "mtext .math-core-sans-serif-font { font-family: sans-serif; }",
    ),
    (
        'class="math-tagged"',
        "/* \\tag: a formula's own number, at the right of its line. */\n"
        ".math-tagged { display: flex; align-items: center; }\n"
        ".math-tagged > math { flex: 1; min-width: 0; }\n"
        ".math-tag { padding-left: 1em; }",
    ),
    (
        '<menclose notation="box"',
        "/* \\boxed: Chromium draws no <menclose> of its own. */\n"
        'menclose[notation="box"] { border: 0.05em solid; padding: 0.2em; }',
    ),
]
CLASS_NAME = re.compile(r'class="([a-z0-9 -]+)"')


def math_rules(font_file: str, pages: list[str]) -> str:
    """Return the CSS that gives the formulas of `pages` (their HTML) the font at `font_file`.

    `font_file` is relative to the stylesheet. Only the layout classes and occasional
    rules the pages use are written: the rules go into the stylesheet every page loads,
    so a page without math pays for each one. Formulas take the colour of the text
    around them (MathML inherits it), so both colour schemes need no rule.
    """
    used = {name for page in pages for found in CLASS_NAME.findall(page) for name in found.split()}
    occasional = [rule for marker, rule in OCCASIONAL_RULES if any(marker in p for p in pages)]
    classes = [f".{name} {{ {rule}; }}" for name, rule in CLASS_RULES.items() if name in used]
    return "\n".join(
        [
            HEADER,
            "@font-face {",
            f'  font-family: "{FAMILY}";',
            f'  src: url("{font_file}") format("woff2");',
            "  font-display: swap;",
            "}",
            f'math {{ font-family: "{FAMILY}", math; }}',
            "/* A display formula wider than a phone scrolls by itself, not the whole page. */",
            'math[display="block"] { margin: 0.8em 0; overflow-x: auto; overflow-y: hidden; }',
            *occasional,
            *classes,
        ]
    )


def with_math_rules(stylesheet: str, rules: str | None) -> str:
    """Return `stylesheet` with its math rules (of this or an earlier build) replaced by `rules`."""
    start = RULES_START.search(stylesheet)
    if start is None and rules is None:
        return stylesheet
    theme_rules = (stylesheet[: start.start()] if start else stylesheet).rstrip("\n") + "\n"
    return theme_rules if rules is None else f"{theme_rules}\n{rules}\n"


def write_math_assets(output: Path, theme_folder: str, cache: Path) -> Path | None:
    """Write the font and its rules if any page of `output` has math; return the font's path.

    The rules go at the end of the theme's stylesheet, which every page loads
    already, so formulas cost no request of their own; the browser fetches the font
    only for a page that draws a formula. A site without formulas gets nothing; fonts
    and rules of earlier builds are removed.
    """
    theme = output / theme_folder
    pages = pages_with_math(output, skip=[theme])
    old_fonts = sorted((theme / FONTS).glob("math-*.woff2"))
    (theme / OLD_STYLESHEET).unlink(missing_ok=True)
    stylesheet = theme / STYLESHEET
    if not pages:
        for old in old_fonts:
            old.unlink()
        _write_rules(stylesheet, None)
        return None
    characters = set().union(*(drawn for _html, drawn in pages.values()))
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
    texts = [html for html, _drawn in pages.values()]
    _write_rules(stylesheet, math_rules(f"../{FONTS}/{font.name}", texts))
    logger.info(
        "math font: %d characters from %d page(s), %s bytes",
        len(characters),
        len(pages),
        len(woff2),
    )
    return font


def _write_rules(stylesheet: Path, rules: str | None) -> None:
    """Put `rules` (None: no math rules) at the end of `stylesheet`, if the theme has one."""
    try:
        before = stylesheet.read_text(encoding="utf-8")
    except FileNotFoundError:
        if rules is None:
            return
        before = ""
    after = with_math_rules(before, rules)
    if after != before:
        write_atomically(stylesheet, after.encode("utf-8"))
