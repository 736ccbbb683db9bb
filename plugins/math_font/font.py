"""The site's math font: STIX Two Math cut down to the characters its formulas draw, as WOFF2.

Chromium draws MathML with whatever font `math` resolves to; with the fonts of a
bare Debian (Liberation, DejaVu) italic letters come out as empty boxes and
parentheses, radicals and big operators do not stretch. A font with an OpenType
MATH table fixes that. STIX Two Math (SIL OFL 1.1) comes inside the `ziamath`
package; the subset keeps the MATH table and, through fontTools' closure over it,
the size variants and assembly parts of every character kept, so fences, roots
and sums still grow. What is cut, and what is kept on purpose:

- Script-size alternates (`ssty`) are dropped: Chromium does not use them, and
  they double the file.
- The format 4 character map goes when the format 12 one (which the mathematical
  italic letters, beyond U+FFFF, need anyway) has the same characters: 228 bytes
  of 12.4 KB on 12 typical ML formulas, and Chromium draws the same.
- All size variants stay, though an assembly could draw the larger ones (a
  parenthesis from 2.4 em up): dropping them saved 436 bytes, but Chromium then
  draws a parenthesis around a three-row matrix from straight parts, visibly
  flatter than the variant drawn for it.
- Kerning (GPOS, 232 bytes) stays: it sets operator names and `\text` as words.

A subset is made once per (font, characters, fontTools version, this module) and
kept in the cache folder; a cached file that does not load as a font with a MATH
table covering the characters is a miss, made again.
"""

import hashlib
import io
import os
import tempfile
from importlib import metadata
from pathlib import Path

from courselib.fingerprint import product_key

FAMILY = "Course Math"
# The names the licence asks to keep: copyright, family, version, trademark, licence and URL.
KEPT_NAMES = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]
# Characters a formula never shows but whose glyph the subset must not lack: a space.
ALWAYS = {" ", "\u00a0"}


class FontProblem(Exception):
    """The math font could not be made; the message says why."""


def stix_two_math() -> Path:
    """Return the path of STIX Two Math as installed with `ziamath` (not imported: it is slow)."""
    try:
        font = metadata.distribution("ziamath").locate_file("ziamath/fonts/STIXTwoMath-Regular.ttf")
    except metadata.PackageNotFoundError:
        raise FontProblem(
            "the ziamath package, which ships STIX Two Math, is not installed"
        ) from None
    return Path(str(font))


def subset_key(font_bytes: bytes, characters: set[str]) -> str:
    """Return the cache key of the subset of `font_bytes` to `characters` (the subsetting
    options live in this module)."""
    return product_key(
        hashlib.sha256(font_bytes).hexdigest(),
        "".join(sorted(characters)).encode("utf-8", "surrogatepass").hex(),
        code=[Path(__file__)],
        packages=["fonttools"],
    )


def ttfont(data: bytes, **options):
    """Return fontTools' font read from `data` (imported here: a site without math never
    pays for loading fontTools)."""
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(data), **options)


def math_font(characters: set[str], cache: Path) -> bytes:
    """Return the WOFF2 subset of the math font for `characters`, from the cache if sound."""
    source = stix_two_math()
    try:
        font_bytes = source.read_bytes()
    except OSError as error:
        raise FontProblem(f"cannot read the math font {source} ({error.strerror})") from None
    wanted = characters | ALWAYS
    cached = cache / f"{subset_key(font_bytes, wanted)}.woff2"
    try:
        woff2 = cached.read_bytes()
        if covers(woff2, wanted & covered_by(font_bytes)):
            return woff2
    except OSError:
        pass
    woff2 = subset_font(font_bytes, wanted)
    if not covers(woff2, wanted & covered_by(font_bytes)):
        raise FontProblem("fontTools made a math font without a MATH table or the characters")
    write_atomically(cached, woff2)
    return woff2


def subset_font(font_bytes: bytes, characters: set[str]) -> bytes:
    """Return `font_bytes` cut down to `characters` (and what its MATH table needs), as WOFF2."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.name_IDs = KEPT_NAMES
    options.hinting = False  # browsers on phones and Linux ignore TrueType hinting
    options.notdef_outline = True
    try:
        # The source's timestamp, not the time of the build: the same input makes the same bytes.
        font = ttfont(font_bytes, recalcTimestamp=False)
        if "MATH" not in font:
            raise FontProblem("the math font has no MATH table")
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(character) for character in characters])
        subsetter.subset(font)
        drop_short_character_maps(font["cmap"])
        output = io.BytesIO()
        font.flavor = "woff2"
        font.save(output)
    except FontProblem:
        raise
    except Exception as error:  # fontTools raises many types for a damaged font
        raise FontProblem(f"fontTools could not subset the math font ({error})") from None
    return output.getvalue()


def drop_short_character_maps(cmap) -> None:
    """Drop the format 4 (16-bit) character maps of `cmap` when a format 12 one has them all."""
    full = [table.cmap.items() for table in cmap.tables if table.format == 12]
    short = [table.cmap.items() for table in cmap.tables if table.format == 4]
    if full and all(any(mapped <= whole for whole in full) for mapped in short):
        cmap.tables = [table for table in cmap.tables if table.format != 4]


def covered_by(font_bytes: bytes) -> set[str]:
    """Return the characters `font_bytes` has glyphs for."""
    font = ttfont(font_bytes, lazy=True)
    return {chr(code) for code in font.getBestCmap()}


def covers(woff2: bytes, characters: set[str]) -> bool:
    """Tell whether `woff2` loads as a font with a MATH table and a glyph for each character."""
    try:
        font = ttfont(woff2)
        cmap = font.getBestCmap() or {}
        return "MATH" in font and all(ord(character) in cmap for character in characters)
    except Exception:  # a damaged file raises anything from struct.error to brotli.error
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a uniquely named temporary file beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as partial:
            partial.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a web server must read it
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
