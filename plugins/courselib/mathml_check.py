"""Check the converter's MathML against what a page may carry, and replace its inline styles.

The converter's output is not trusted: every tag, attribute and value must be on
the lists below, text must be escaped, and tags must nest. Anything else is
refused (`UnsafeMathML`), so a converter bug or a new converter version can never
put markup, a link, an event handler or a style an author controls into a page.

The converter writes a few layout rules as `style="..."` attributes (the alignment
of `aligned` and `cases` columns, the width of `align*`). The site's
Content-Security-Policy (`style-src 'self'`) ignores inline styles and Chromium
logs an error for each, so every known declaration is replaced by a class whose
rule lives in the site's math stylesheet (`CLASS_RULES`); an unknown one is refused.
A colour (`\\color`, `\\textcolor`) is a class too: its family's shade for each scheme.
"""

import colorsys
import re
from functools import lru_cache

LENGTH = r"-?(?:\d+\.?\d*|\.\d+)(?:em|ex|rem|%|pt|px|mu)?"
BOOLEAN = r"true|false"

# Attribute values, by attribute name (any element): the whole value must match.
ATTRIBUTE_VALUES = {
    "display": r"block|inline",
    "displaystyle": BOOLEAN,
    "scriptlevel": r"[+-]?\d{1,2}",
    "mathvariant": r"normal",
    "lspace": LENGTH,
    "rspace": LENGTH,
    "minsize": LENGTH,
    "maxsize": LENGTH,
    "width": LENGTH,
    "height": LENGTH,
    "depth": LENGTH,
    "voffset": LENGTH,
    "linethickness": LENGTH,
    "stretchy": BOOLEAN,
    "symmetric": BOOLEAN,
    "largeop": BOOLEAN,
    "movablelimits": BOOLEAN,
    "accent": BOOLEAN,
    "accentunder": BOOLEAN,
    "fence": BOOLEAN,
    "separator": BOOLEAN,
    "form": r"prefix|infix|postfix",
    "notation": r"box",
}

MATH_ELEMENTS = {
    "math": {"display"},
    "mrow": {"displaystyle", "scriptlevel"},
    "mstyle": {"displaystyle", "scriptlevel"},
    "mi": {"mathvariant"},
    "mn": set(),
    "mo": {"lspace", "rspace", "stretchy", "symmetric", "largeop", "movablelimits"}
    | {"accent", "fence", "separator", "form", "minsize", "maxsize"},
    "ms": set(),
    "mtext": set(),
    "mspace": {"width", "height", "depth"},
    "msub": set(),
    "msup": set(),
    "msubsup": set(),
    "munder": {"accentunder"},
    "mover": {"accent"},
    "munderover": {"accent", "accentunder"},
    "mmultiscripts": set(),
    "mprescripts": set(),
    "none": set(),
    "msqrt": set(),
    "mroot": set(),
    "mfrac": {"linethickness", "displaystyle", "scriptlevel"},
    "mpadded": {"width", "height", "depth", "voffset"},
    "mphantom": set(),
    "mtable": {"displaystyle", "scriptlevel"},
    "mtr": set(),
    "mtd": set(),
    "menclose": {"notation"},
}
# HTML the converter puts inside <mtext> for \textbf, \texttt, \textsf and the like.
TEXT_ELEMENTS = {"b": set(), "i": set(), "em": set(), "code": set(), "span": set()}
TEXT_ELEMENTS |= {"s": set(), "u": set()}
ALLOWED = MATH_ELEMENTS | TEXT_ELEMENTS
EMPTY_ALLOWED = {"mspace", "mprescripts", "none"}

# Each inline-style declaration the converter writes, and the class that replaces it.
STYLE_CLASSES = {
    "text-align:right": "tex-end",
    "justify-items:end": "tex-end",
    "text-align:left": "tex-start",
    "justify-items:start": "tex-start",
    "text-align:center": "tex-center",
    "justify-items:center": "tex-center",
    "padding-left:0": "tex-pl0",
    "padding-right:0": "tex-pr0",
    "padding-left:1em": "tex-pl1",
    # The thin and thick spaces after a bracket with a script (`\\left(x\\right)^2 y`), an
    # operator (`\\mathop{...}_x f`) or a relation (`\\mathrel{R}`).
    "padding-left:0.1667em": "tex-pl-thin",
    "padding-right:0.1667em": "tex-pr-thin",
    "padding-left:0.2222em": "tex-pl-medium",
    "padding-right:0.2222em": "tex-pr-medium",
    "padding-left:0.2778em": "tex-pl-thick",
    "padding-right:0.2778em": "tex-pr-thick",
    "padding-top:0.1667em": "tex-pt",
    "padding-top:0": "tex-pt0",
    "padding-bottom:0": "tex-pb0",  # the rows of a subarray (\substack)
    "width:100%": "tex-wide",
    "width:50%": "tex-half",
    "width:7.5%": "tex-margin",
    "border-top:0.05em solid currentcolor": "tex-line-top",
    "border-bottom:0.05em solid currentcolor": "tex-line-bottom",
    "border-left:0.05em solid currentcolor": "tex-line-left",
    "border-right:0.05em solid currentcolor": "tex-line-right",
    "border-top:0.05em dashed currentcolor": "tex-dash-top",
    "border-bottom:0.05em dashed currentcolor": "tex-dash-bottom",
    "border-left:0.05em dashed currentcolor": "tex-dash-left",
    "border-right:0.05em dashed currentcolor": "tex-dash-right",
    # The negative spaces \! \negmedspace \negthickspace.
    "margin-left:-0.16666667em": "tex-neg-thin",
    "margin-left:-0.22222222em": "tex-neg-medium",
    "margin-left:-0.27777778em": "tex-neg-thick",
    "font-variant-caps:small-caps": "tex-small-caps",
}
# The rules behind those classes, written into the site's math stylesheet.
CLASS_RULES = {
    "tex-end": "text-align:right;justify-items:end",
    "tex-start": "text-align:left;justify-items:start",
    "tex-center": "text-align:center;justify-items:center",
    "tex-pl0": "padding-left:0",
    "tex-pr0": "padding-right:0",
    "tex-pl1": "padding-left:1em",
    "tex-pl-thin": "padding-left:0.1667em",
    "tex-pr-thin": "padding-right:0.1667em",
    "tex-pl-medium": "padding-left:0.2222em",
    "tex-pr-medium": "padding-right:0.2222em",
    "tex-pl-thick": "padding-left:0.2778em",
    "tex-pr-thick": "padding-right:0.2778em",
    "tex-pt": "padding-top:0.1667em",
    "tex-pt0": "padding-top:0",
    "tex-pb0": "padding-bottom:0",
    "tex-wide": "width:100%",
    "tex-half": "width:50%",
    "tex-margin": "width:7.5%",
    "tex-line-top": "border-top:0.05em solid currentcolor",
    "tex-line-bottom": "border-bottom:0.05em solid currentcolor",
    "tex-line-left": "border-left:0.05em solid currentcolor",
    "tex-line-right": "border-right:0.05em solid currentcolor",
    "tex-dash-top": "border-top:0.05em dashed currentcolor",
    "tex-dash-bottom": "border-bottom:0.05em dashed currentcolor",
    "tex-dash-left": "border-left:0.05em dashed currentcolor",
    "tex-dash-right": "border-right:0.05em dashed currentcolor",
    "tex-neg-thin": "margin-left:-0.16666667em",
    "tex-neg-medium": "margin-left:-0.22222222em",
    "tex-neg-thick": "margin-left:-0.27777778em",
    "tex-small-caps": "font-variant-caps:small-caps",
}

# What `\color` and `\textcolor` become: the converter writes `color:#RRGGBB` (any of
# LaTeX's or dvips' names, `OliveGreen` too); a page cannot carry that style, and a colour
# chosen for white paper is lost on the dark theme. So each colour is drawn as the one of
# its family in this palette whose shades keep a contrast of 4.5:1 or more in both schemes
# (on the page and on a callout's or a table's background).
COLOUR_FAMILIES = {
    "red": ("#b91c1c", "#fca5a5"),
    "orange": ("#c2410c", "#fdba74"),
    "yellow": ("#a16207", "#fde047"),
    "green": ("#15803d", "#4ade80"),
    "cyan": ("#0e7490", "#67e8f9"),
    "blue": ("#1d4ed8", "#93c5fd"),
    "purple": ("#6d28d9", "#c4b5fd"),
    "magenta": ("#be185d", "#f9a8d4"),
}
# Each family's hues, in degrees, up to the first of the next.
HUES_UP_TO = [(15, "red"), (40, "orange"), (65, "yellow"), (165, "green"), (195, "cyan")]
HUES_UP_TO += [(255, "blue"), (305, "purple"), (345, "magenta"), (360, "red")]
CLASS_RULES |= {
    f"tex-{family}": f"color:light-dark({light}, {dark})"
    for family, (light, dark) in COLOUR_FAMILIES.items()
}
CLASS_RULES["tex-grey"] = "color:var(--muted)"
CLASS_RULES["tex-text"] = "color:var(--text)"  # black, inside another colour
HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")

# Classes any element may carry: the converter's text fonts, and ours (in checked output).
KNOWN_CLASSES = {"math-core-serif-font", "math-core-sans-serif-font", *CLASS_RULES}
ATTRIBUTE_VALUES["class"] = rf"(?:{'|'.join(KNOWN_CLASSES)})(?: (?:{'|'.join(KNOWN_CLASSES)}))*"
ATTRIBUTE_PATTERNS = {
    name: re.compile(rf"(?:{value})\Z") for name, value in ATTRIBUTE_VALUES.items()
}

TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*=\"[^\"<>]*\")*)\s*(/?)>")
ATTRIBUTE = re.compile(r"([a-z][a-z-]*)=\"([^\"<>]*)\"")
TEXT = re.compile(r"(?:[^<>&]|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)*")


class UnsafeMathML(ValueError):
    """The converter's output holds something a page may not carry; the message says what."""


def checked_mathml(mathml: str) -> str:
    """Return `mathml` with its inline styles replaced by classes, or raise `UnsafeMathML`."""
    parts: list[str] = []
    open_elements: list[str] = []
    position = 0
    for tag in TAG.finditer(mathml):
        parts.append(_checked_text(mathml[position : tag.start()]))
        closing, name, attributes, empty = tag.groups()
        if name not in ALLOWED or (not closing and (name == "math") != (position == 0)):
            raise UnsafeMathML(f"the converter wrote a <{name}> element there")
        if closing:
            if attributes or empty or not open_elements or open_elements.pop() != name:
                raise UnsafeMathML(f"the converter's </{name}> closes nothing")
            if not open_elements and tag.end() != len(mathml):
                raise UnsafeMathML("the converter wrote more than one <math> element")
            parts.append(f"</{name}>")
        else:
            if empty and name not in EMPTY_ALLOWED:
                raise UnsafeMathML(f"the converter wrote an empty <{name}/>")
            parts.append(f"<{name}{_checked_attributes(name, attributes)}{'/' if empty else ''}>")
            if not empty:
                open_elements.append(name)
        position = tag.end()
    parts.append(_checked_text(mathml[position:]))
    if open_elements:
        raise UnsafeMathML(f"the converter left <{open_elements[-1]}> open")
    if not mathml.startswith("<math") or not mathml.endswith("</math>"):
        raise UnsafeMathML("the converter wrote something outside a <math> element")
    return "".join(parts)


def _checked_text(text: str) -> str:
    if ("<" in text or ">" in text or "&" in text) and not TEXT.fullmatch(text):
        raise UnsafeMathML(f"the converter wrote unescaped text {text[:40]!r}")
    return text


@lru_cache(maxsize=4096)
def _checked_attributes(element: str, attributes: str) -> str:
    """Return the attributes of one tag, checked, with a style replaced by classes.

    Cached: a site repeats the same few hundred tags thousands of times.
    """
    if not attributes:
        return ""
    written = []
    classes: list[str] = []
    found = ATTRIBUTE.findall(attributes)
    if len({name for name, _ in found}) != len(found):
        raise UnsafeMathML(f"the converter wrote an attribute twice on <{element}>")
    # `\hspace{0.5in}` is <mspace width="3.6rem" style="width:3.6rem"/>: the style says again
    # what the attribute says.
    said_twice = f"width:{dict(found).get('width')}" if element == "mspace" else None
    for name, value in found:
        if name == "style" and value.strip(" ;") == said_twice:
            continue
        if name == "style":
            classes += _style_classes(value)
        elif name == "class" and ATTRIBUTE_PATTERNS["class"].match(value):
            classes.append(value)
        elif name not in ALLOWED[element] or not ATTRIBUTE_PATTERNS[name].match(value):
            raise UnsafeMathML(f'the converter wrote {name}="{value[:40]}" on <{element}>')
        else:
            written.append(f' {name}="{value}"')
    if classes:
        written.append(f' class="{" ".join(dict.fromkeys(classes))}"')
    return "".join(written)


def _style_classes(style: str) -> list[str]:
    """Return the classes that stand for each declaration of `style`, or refuse it."""
    classes = []
    for declaration in style.split(";"):
        if not declaration.strip():
            continue
        prop, _, value = declaration.partition(":")
        normal = f"{prop.strip()}:{' '.join(value.split())}"
        if prop.strip() == "color" and HEX_COLOUR.fullmatch(value.strip()):
            classes += colour_classes(value.strip())
            continue
        if normal not in STYLE_CLASSES:
            raise UnsafeMathML(f"it needs the inline style '{normal}', which pages cannot use")
        classes.append(STYLE_CLASSES[normal])
    return classes


def colour_classes(colour: str) -> list[str]:
    """Return the class that draws `colour` (`#RRGGBB`) as its family in both schemes:
    `tex-text` for black, white and the greys near them (the text's own colour, even
    inside a term of another colour), `tex-grey` for a mid grey."""
    red, green, blue = (int(colour[start : start + 2], 16) / 255 for start in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if lightness < 0.12 or lightness > 0.92 or (saturation < 0.25 and lightness < 0.3):
        return ["tex-text"]
    if saturation < 0.25:
        return ["tex-grey"]
    degrees = hue * 360
    return [next(f"tex-{family}" for up_to, family in HUES_UP_TO if degrees < up_to)]
