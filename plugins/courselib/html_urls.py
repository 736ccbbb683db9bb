"""Read one output page (HTML) once and list the URLs a browser would load or follow, and its ids.

Which attributes hold URLs, and when they count, follows the HTML standard
(and SVG 2 for inline SVG): `<input src>` only for `type=image`, `formaction`
only on buttons that submit, `<meta http-equiv=refresh>` as the browser parses
its content, the first `<base>` with an href, CSS in `<style>` elements and
`style` attributes. `<template>` content is not loaded until a script uses it,
so it is not read.
"""

import html
import re
import sys
from dataclasses import dataclass, field
from html.entities import html5

from selectolax.lexbor import LexborHTMLParser

from courselib.css_urls import css_urls

# A character reference in an attribute's value: by number, or by name (`&amp;`, `&copy`).
ATTRIBUTE_REFERENCE = re.compile(
    r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<end>[;=]?))"
)
# The names HTML reads without their `;` (`&amp`, `&copy`, `&cent`), for old pages' sake.
NAMES_WITHOUT_SEMICOLON = frozenset(name for name in html5 if not name.endswith(";"))


def unescape_attribute(value: str) -> str:
    """Return an attribute's value as a browser reads it.

    As in text (html.unescape), but for a name without its `;` followed by a letter, a
    digit or `=`, which HTML leaves as written in an attribute: `?a=1&center=true` stays
    so (in text, `&cent` would be ¢), as badge and banner URLs are written.
    """
    return ATTRIBUTE_REFERENCE.sub(_attribute_reference, value) if "&" in value else value


def _attribute_reference(match: re.Match) -> str:
    name, end = match["name"], match["end"]
    if name is None:  # by number
        return html.unescape(match[0])
    if end == ";" and name + ";" in html5:
        return html5[name + ";"]
    if end != "=" and name in NAMES_WITHOUT_SEMICOLON:
        return html5[name] + end
    return match[0]


LINK = "link"
IMAGE = "image"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".svg")

# The URL attributes of each element, with what their URL is.
URL_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "a": (("href", LINK),),
    "area": (("href", LINK),),
    "link": (("href", LINK), ("imagesrcset", IMAGE)),
    "script": (("src", LINK),),
    "img": (("src", IMAGE), ("srcset", IMAGE)),
    "source": (("src", LINK), ("srcset", IMAGE)),
    "video": (("src", LINK), ("poster", IMAGE)),
    "audio": (("src", LINK),),
    "track": (("src", LINK),),
    "iframe": (("src", LINK),),
    "embed": (("src", LINK),),
    "object": (("data", LINK),),
    "form": (("action", LINK),),
    "button": (("formaction", LINK),),
    "input": (("src", IMAGE), ("formaction", LINK)),
    "blockquote": (("cite", LINK),),
    "q": (("cite", LINK),),
    "del": (("cite", LINK),),
    "ins": (("cite", LINK),),
    # Inline SVG: href, or SVG 1.1's xlink:href when there is no href.
    "image": (("href", IMAGE),),
    "use": (("href", LINK),),
}
# The same, each with where its URLs are found ("img[src]"), made once: one string for all.
URL_RULES = {
    tag: tuple((attribute, kind, f"{tag}[{attribute}]") for attribute, kind in rules)
    for tag, rules in URL_ATTRIBUTES.items()
}
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# Elements whose URL attributes count only under HTML's conditions (see _counts).
CONDITIONAL = frozenset({"input", "button", "img"})
SVG_LINKING = frozenset({"a", "image", "use"})
ICON_RELS = frozenset({"icon", "shortcut", "apple-touch-icon", "mask-icon"})
# A <link> with one of these rels makes the browser load its URL, as an <img> or <script> does.
LOADED_RELS = ICON_RELS | {"stylesheet", "preload", "modulepreload", "manifest", "prefetch"}
LOADED_LINK = "link[href loaded]"
REFRESH = "meta[http-equiv=refresh]"
SUBMITTING_INPUTS = frozenset({"submit", "image"})
NOT_SUBMITTING_BUTTONS = frozenset({"reset", "button"})
# Select by tag alone: a list of `tag[attribute]` selectors returns an element once per match.
SELECTOR = ", ".join(["[id]", "[style]", "base", "meta", "style", *sorted(URL_ATTRIBUTES)])
ASCII_WHITESPACE = " \t\n\r\f"


@dataclass
class PageFacts:
    """What one page offers (ids) and uses (URLs), in document order."""

    ids: frozenset[str] = frozenset()
    # (URL as written in the output, LINK or IMAGE, "tag[attribute]")
    urls: list[tuple[str, str, str]] = field(default_factory=list)
    base: str = ""
    images_without_alt: list[str] = field(default_factory=list)
    policy: str | None = None  # the first Content-Security-Policy its <meta> sets, if any


def srcset_urls(value: str) -> list[str]:
    """Return the URL of every candidate in a `srcset` value (descriptors dropped)."""
    urls = []
    position, length = 0, len(value)
    while position < length:
        while position < length and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < length and not value[position].isspace():
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while position < length and (value[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[position], 0)
                position += 1
        if url:
            urls.append(url)
    return urls


def read_html(html: str) -> PageFacts:
    """Return the ids and URLs of an HTML document (one walk over the parsed tree)."""
    tree = LexborHTMLParser(html)
    facts = PageFacts()
    ids = set()
    urls = facts.urls
    base_seen = False
    read = set()  # an element the selector's list matches twice (`[id]`, `img`) is read once
    for node in tree.css(SELECTOR):
        tag = node.tag
        attributes = node.attributes
        if "id" in attributes or "style" in attributes:
            if node.mem_id in read:
                continue
            read.add(node.mem_id)
        if "id" in attributes:
            ids.add(attributes["id"])
        if "style" in attributes and attributes["style"]:
            where = sys.intern(f"{tag}[style]")
            urls.extend((url, kind_by_name(url), where) for url in css_urls(attributes["style"]))
        rules = URL_RULES.get(tag)
        if rules is None:
            if tag == "base":
                # The first <base> with an href sets the document's base, even an empty one.
                if not base_seen and "href" in attributes:
                    base_seen = True
                    facts.base = attributes["href"] or ""
            elif tag == "meta":
                equiv = (attributes.get("http-equiv") or "").strip().lower()
                if equiv == "content-security-policy" and facts.policy is None:
                    facts.policy = attributes.get("content") or ""
                refresh = _refresh_url(attributes)
                if refresh is not None:
                    urls.append((refresh, LINK, REFRESH))
            elif tag == "style":
                css = node.text() or ""
                urls.extend((url, kind_by_name(url), "style") for url in css_urls(css))
            continue
        if tag == "a" and attributes.get("name"):
            ids.add(attributes["name"])
        for attribute, kind, where in rules:
            value = attributes.get(attribute)
            if value is None:
                if tag not in SVG_LINKING or attribute != "href":
                    continue
                attribute, where = "xlink:href", f"{tag}[xlink:href]"
                value = attributes.get(attribute)
                if value is None:
                    continue
            if tag in CONDITIONAL and not _counts(tag, attribute, attributes, node):
                continue
            if tag == "link":
                rels = set((attributes.get("rel") or "").lower().split())
                if ICON_RELS & rels:
                    kind = IMAGE
                if LOADED_RELS & rels:
                    where = LOADED_LINK
            if attribute in SRCSET_ATTRIBUTES:
                urls.extend((url, kind, where) for url in srcset_urls(value))
            else:
                urls.append((value, kind, where))
        if tag == "img" and "alt" not in attributes:
            facts.images_without_alt.append(attributes.get("src") or "")
    ids.discard(None)
    ids.discard("")
    facts.ids = frozenset(ids)
    return facts


def _counts(tag: str, attribute: str, attributes: dict, node) -> bool:
    """True when the browser uses this attribute of this element (HTML's conditions)."""
    if tag == "input":
        kind = (attributes.get("type") or "").strip().lower()
        return kind == "image" if attribute == "src" else kind in SUBMITTING_INPUTS
    if tag == "button":
        return (attributes.get("type") or "").strip().lower() not in NOT_SUBMITTING_BUTTONS
    if tag == "img" and attribute == "src" and not attributes["src"].strip(ASCII_WHITESPACE):
        # An empty src is used only when neither a srcset nor a <picture> offers a choice.
        parent = node.parent
        return not (attributes.get("srcset") or (parent is not None and parent.tag == "picture"))
    return True


def kind_by_name(url: str) -> str:
    """IMAGE for a URL (from CSS) whose file name is an image's, else LINK."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return IMAGE if path.endswith(IMAGE_SUFFIXES) else LINK


REFRESH_URL = re.compile(r"[uU][rR][lL][ \t\n\r\f]*=[ \t\n\r\f]*")


def _refresh_url(attributes: dict) -> str | None:
    """Return the URL of a `<meta http-equiv=refresh>` ("" for the page itself), else None.

    Parsed as HTML's shared declarative refresh steps do: a time, then `;` or
    `,`, then optionally `url=`, then the URL, unquoted.
    """
    if (attributes.get("http-equiv") or "").strip().lower() != "refresh":
        return None
    content = (attributes.get("content") or "").lstrip(ASCII_WHITESPACE)
    time = re.match(r"[0-9]*(\.[0-9.]*)?", content)
    if not time.group():
        return None
    rest = content[time.end() :]
    if rest and rest[0] not in ";," + ASCII_WHITESPACE:
        return None
    rest = rest.lstrip(ASCII_WHITESPACE)
    if rest[:1] in (";", ","):
        rest = rest[1:].lstrip(ASCII_WHITESPACE)
    named = REFRESH_URL.match(rest)
    if named:
        rest = rest[named.end() :]
    if rest[:1] in ("'", '"'):
        rest = rest[1:].split(rest[0], 1)[0]
    return rest


def read_css(css: str) -> list[str]:
    """Return every URL a stylesheet makes a browser load (`url()`, `@import`, `image-set()`)."""
    return css_urls(css)
