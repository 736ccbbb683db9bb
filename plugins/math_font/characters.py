"""The characters a browser draws for the formulas of a built site, read from its pages.

Not the text inside `<math>` as written: a one-letter `<mi>x</mi>` is drawn as
MATHEMATICAL ITALIC SMALL X (U+1D465; MathML Core's `text-transform: math-auto`)
and never as the letter x, and `<msqrt>`/`<mroot>` draw the radical sign U+221A,
which the page never writes. A TeX `<annotation>` is not drawn and is left out.
"""

import os
from collections.abc import Iterable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

RADICAL = "\u221a"

# MathML Core's italic mapping for a single-character <mi> (its `math-auto` transform).
ITALIC = {"h": "\u210e", "\u0131": "\U0001d6a4", "\u0237": "\U0001d6a5", "\u2207": "\U0001d6fb"}
ITALIC |= {chr(0x41 + i): chr(0x1D434 + i) for i in range(26)}
ITALIC |= {chr(0x61 + i): chr(0x1D44E + i) for i in range(26) if chr(0x61 + i) != "h"}
ITALIC |= {chr(0x391 + i): chr(0x1D6E2 + i) for i in range(25) if i != 0x11}  # no U+03A2
ITALIC |= {chr(0x3B1 + i): chr(0x1D6FC + i) for i in range(25)}
ITALIC |= {"\u03f4": "\U0001d6f3", "\u2202": "\U0001d715", "\u03f5": "\U0001d716"}
ITALIC |= {"\u03d1": "\U0001d717", "\u03f0": "\U0001d718", "\u03d5": "\U0001d719"}
ITALIC |= {"\u03f1": "\U0001d71a", "\u03d6": "\U0001d71b"}


def drawn_characters(html: str) -> set[str]:
    """Return the characters the browser draws for the `<math>` elements of one page."""
    characters: set[str] = set()
    for math in LexborHTMLParser(html).css("math"):
        for annotation in math.css("annotation, annotation-xml"):
            annotation.decompose()
        for token in math.css("mi, mn, mo, mtext, ms"):
            text = token.text(deep=True)
            if token.tag == "mi" and "mathvariant" not in token.attributes and text in ITALIC:
                characters.add(ITALIC[text])  # a one-letter <mi>: only its italic is drawn
            else:
                characters.update(text)
        if math.css_first("msqrt, mroot"):
            characters.add(RADICAL)
    return characters


def pages_with_math(output: Path, skip: Iterable[Path] = ()) -> dict[Path, tuple[str, set[str]]]:
    """Return each HTML page under `output` that has a `<math>` element, with its HTML and
    the characters its formulas draw.

    A page is parsed only if its bytes contain `<math`, so a site without formulas
    costs one read of each page.
    """
    skipped = [str(folder) + os.sep for folder in skip]
    found = {}
    for page in sorted(output.rglob("*.html")):
        if any(str(page).startswith(folder) for folder in skipped):
            continue
        try:
            data = page.read_bytes()
        except OSError:
            continue
        if b"<math" in data:
            html = data.decode("utf-8", errors="replace")
            characters = drawn_characters(html)
            if characters:
                found[page] = (html, characters)
    return found
