"""Read one output page (HTML) or stylesheet (CSS) once and list the URLs it uses and ids it has."""

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

LINK = "link"
IMAGE = "image"

# (CSS selector, attribute, what the URL is) for every URL-bearing attribute we check.
URL_ATTRIBUTES: tuple[tuple[str, str, str], ...] = (
    ("a", "href", LINK),
    ("area", "href", LINK),
    ("link", "href", LINK),
    ("script", "src", LINK),
    ("img", "src", IMAGE),
    ("img", "srcset", IMAGE),
    ("source", "srcset", IMAGE),
    ("source", "src", LINK),
    ("video", "src", LINK),
    ("audio", "src", LINK),
    ("track", "src", LINK),
    ("video", "poster", IMAGE),
    ("object", "data", LINK),
    ("iframe", "src", LINK),
    ("embed", "src", LINK),
)
ICON_RELS = frozenset({"icon", "shortcut", "apple-touch-icon", "mask-icon"})
# A <link> with one of these rels makes the browser load its URL, as an <img> or <script> does.
LOADED_RELS = ICON_RELS | {"stylesheet", "preload", "modulepreload", "manifest"}
LOADED_LINK = "link[href loaded]"
# Select by tag alone: a list of `tag[attribute]` selectors returns an element once per match.
SELECTOR = ", ".join(["[id]", "a[name]", "base"] + sorted({tag for tag, _, _ in URL_ATTRIBUTES}))
ATTRIBUTES_OF: dict[str, list[tuple[str, str]]] = {}
for _tag, _attribute, _kind in URL_ATTRIBUTES:
    ATTRIBUTES_OF.setdefault(_tag, []).append((_attribute, _kind))

CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]*?)\1\s*\)|@import\s+(["'])([^"']*)\3""", re.I)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@dataclass
class PageFacts:
    """What one page offers (ids) and uses (URLs), in document order."""

    ids: frozenset[str] = frozenset()
    # (URL as written in the output, LINK or IMAGE, "tag[attribute]")
    urls: list[tuple[str, str, str]] = field(default_factory=list)
    base: str = ""
    images_without_alt: list[str] = field(default_factory=list)


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
    for node in tree.css(SELECTOR):
        tag = node.tag
        attributes = node.attributes
        if "id" in attributes:
            ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            ids.add(attributes["name"])
        if tag == "base":
            if not facts.base and attributes.get("href"):
                facts.base = attributes["href"]
            continue
        for attribute, kind in ATTRIBUTES_OF.get(tag, ()):
            value = attributes.get(attribute)
            if value is None:
                continue
            where = f"{tag}[{attribute}]"
            if tag == "link":
                rels = set((attributes.get("rel") or "").lower().split())
                if ICON_RELS & rels:
                    kind = IMAGE
                if LOADED_RELS & rels:
                    where = LOADED_LINK
            if attribute == "srcset":
                urls.extend((url, kind, where) for url in srcset_urls(value))
            else:
                urls.append((value, kind, where))
        if tag == "img" and "alt" not in attributes:
            facts.images_without_alt.append(attributes.get("src") or "")
    ids.discard(None)
    ids.discard("")
    facts.ids = frozenset(ids)
    return facts


def read_css(css: str) -> list[str]:
    """Return every `url(...)` and `@import` URL of a stylesheet."""
    css = CSS_COMMENT.sub("", css)
    return [match.group(2) or match.group(4) or "" for match in CSS_URL.finditer(css)]
