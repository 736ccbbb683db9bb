"""Rewrite the <img> tags of a chapter body: size, lazy loading and a WebP srcset."""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from courselib.cached_products.page_rewrites import Edits
from courselib.github_links import raw_file_address
from courselib.html_urls import unescape_attribute

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
# A length an author gave, as browsers read it: its first number, in pixels, whatever
# follows (`128`, `128px`, `75px;`, `16em`), but a percentage.
AUTHOR_LENGTH = re.compile(r"\s*(?>(\d{1,5})(?:\.\d*)?)(?![\d%])")
ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?"""
)


@dataclass(frozen=True)
class ImageFacts:
    """What the build knows of one local image: its size and its WebP variants (width, URL)."""

    width: int
    height: int
    variants: list[tuple[int, str]]


def parse_attributes(tag: str) -> dict[str, str | None]:
    """Return the attributes of one HTML start tag, names lower-cased, values unescaped."""
    inner = tag[len("<img") : -1].rstrip("/")
    attributes: dict[str, str | None] = {}
    for match in ATTRIBUTE.finditer(inner):
        value = match.group("double")
        if value is None:
            value = match.group("single")
        if value is None:
            value = match.group("bare")
        attributes.setdefault(
            match.group("name").lower(), None if value is None else unescape_attribute(value)
        )
    return attributes


def format_tag(attributes: dict[str, str | None]) -> str:
    """Return an <img> start tag with the given attributes, values escaped."""
    parts = ["<img"]
    for name, value in attributes.items():
        parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return " ".join(parts) + ">"


def image_edits(body_html: str, facts_for: Callable[[str], ImageFacts | None], sizes: str) -> Edits:
    """Return how local images in `body_html` are sized, made lazy (but the first) and given
    a srcset: each rewritten <img> tag's span and its new text, in order (kept between
    builds by the plugin; `apply_edits` makes the new HTML).

    `facts_for(src)` returns what is known of the image an `src` points at, or
    None for images the build does not manage (remote, missing, SVG): those
    are left exactly as written, but an image's page on GitHub, which is given its
    file's address.
    """
    edits: Edits = []
    for position, match in enumerate(IMG_TAG.finditer(body_html), start=1):
        attributes = parse_attributes(match.group())
        facts = facts_for(attributes.get("src") or "")
        if facts is None:
            raw = raw_file_address(attributes.get("src") or "")
            if raw is not None:
                attributes["src"] = raw
                edits.append((match.start(), match.end(), format_tag(attributes)))
            continue
        authored = "width" in attributes or "height" in attributes  # a size its author gave
        if not authored:
            attributes["width"] = str(facts.width)
            attributes["height"] = str(facts.height)
        elif "width" not in attributes and facts.height:
            # A height alone (`height="128"`, a logo): the theme's `height: auto` would draw
            # the image as wide as the column, so it gets the width that keeps its shape.
            height = AUTHOR_LENGTH.match(attributes["height"] or "")
            if height:
                attributes["width"] = str(round(int(height[1]) * facts.width / facts.height))
        elif "height" not in attributes and facts.width:
            # A width alone (`width=400`, mlops-zoomcamp's screenshots) gets the height that
            # keeps its shape: the browser keeps the room for it before the image loads.
            width = AUTHOR_LENGTH.match(attributes["width"] or "")
            if width:
                attributes["height"] = str(
                    max(1, round(int(width[1]) * facts.height / facts.width))
                )
        if position > 1:
            attributes.setdefault("loading", "lazy")
        attributes.setdefault("decoding", "async")
        if "srcset" not in attributes and facts.variants:
            attributes["srcset"] = ", ".join(f"{url} {width}w" for width, url in facts.variants)
            # Drawn at most as wide as its author asked (`<img width="75">`, a thumbnail):
            # the column's width would fetch a variant many times that.
            asked = AUTHOR_LENGTH.match(attributes.get("width") or "") if authored else None
            attributes.setdefault("sizes", f"{int(asked[1])}px" if asked else sizes)
        edits.append((match.start(), match.end(), format_tag(attributes)))
    return edits
