"""Links with a target get rel="noopener noreferrer", so the page they open cannot reach back.

Any target counts, not only `_blank`: a named one (`target="slides"`) opens a new
window too, and a browser implies noopener for `_blank` alone. The body is parsed as
a browser parses it (Lexbor, an HTML5 parser), not matched with patterns, so spacing,
entities (`&#95;blank`), a `>` inside a quoted value, a second `rel` (a browser keeps
the first) or a comment closed early (`<!-->`) cannot hide a link. A protected body is
the parser's serialisation of it: what a browser would build, with one `rel` a link.
"""

from selectolax.lexbor import LexborHTMLParser

SAFE_REL = ("noopener", "noreferrer")
# In standards mode, with the body already open: what the theme's page around it gives.
PAGE_START = "<!DOCTYPE html><html><head></head><body>"


def protected_rel(rel: str | None) -> str:
    """Return `rel` with noopener and noreferrer added, and `opener` (asking the reverse) gone."""
    words = [word for word in (rel or "").split() if word.lower() != "opener"]
    present = {word.lower() for word in words}
    return " ".join(words + [word for word in SAFE_REL if word not in present])


def protect_new_tab_links(html: str) -> str:
    """Return `html` with every `a`/`area` that has a target carrying rel="noopener noreferrer"."""
    if "target" not in html.lower():
        return html  # attribute names cannot be escaped: no "target", no link with one
    page = LexborHTMLParser(PAGE_START + html)
    for link in page.css("a[target], area[target]"):
        link.attrs["rel"] = protected_rel(link.attrs.get("rel"))
    # Serialised, the body is what a browser builds from it: one `rel` a link, and an
    # unfinished tag at its end can no longer take in the page's markup that follows it.
    return page.body.inner_html
