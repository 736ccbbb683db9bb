"""Inline styles left out of a chapter's HTML, as GitHub leaves them out.

The page policy (`style-src 'self'`) makes a browser refuse a `style=` attribute and a
`<style>` element in the page, each with an error in its console, so the page looks the
same without them; and GitHub, for which most Markdown with raw HTML was written, drops
both. Parsed as a browser parses it, as `links.py` does; a body with neither is
returned as it came, not serialised again.
"""

from selectolax.lexbor import LexborHTMLParser

from .links import PAGE_START


def without_inline_styles(html: str) -> str:
    """Return `html` without `style` attributes and `<style>` elements."""
    if "style" not in html.lower():
        return html  # attribute and element names cannot be escaped
    page = LexborHTMLParser(PAGE_START + html)
    styled = page.body.css("[style]")
    elements = page.body.css("style")
    if not styled and not elements:
        return html
    for node in styled:
        del node.attrs["style"]
    for element in elements:
        element.decompose()
    return page.body.inner_html
