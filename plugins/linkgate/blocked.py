"""Resources a page would load that its own Content-Security-Policy blocks.

A browser refuses them silently (a console message no author sees): an embedded
video, an image from another site. Each is a problem at the Markdown line that wrote
it, naming the setting that would allow it (CSP_ALLOW, see courselib.csp) or saying
that the site never loads such things from elsewhere.
"""

import re
from urllib.parse import urlsplit

from courselib.csp import WIDENABLE, allows, parse_policy
from courselib.html_urls import IMAGE, LOADED_LINK

# Which directive governs the URL found in each place ("tag[attribute]").
DIRECTIVES = {
    "img[src]": "img-src",
    "img[srcset]": "img-src",
    "source[srcset]": "img-src",
    "video[poster]": "img-src",
    "input[src]": "img-src",
    "image[href]": "img-src",
    "image[xlink:href]": "img-src",
    "link[imagesrcset]": "img-src",
    "video[src]": "media-src",
    "audio[src]": "media-src",
    "source[src]": "media-src",
    "track[src]": "media-src",
    "iframe[src]": "frame-src",
    "embed[src]": "object-src",
    "object[data]": "object-src",
    "script[src]": "script-src",
}
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
WHAT = {
    "script-src": "scripts",
    "style-src": "stylesheets",
    "object-src": "plugins (<embed>, <object>)",
}


def directive_for(url: str, where: str, kind: str) -> str | None:
    """Return the directive that governs loading `url` found at `where`, or None (a link).

    A `<link>` the browser loads is an icon (`kind` IMAGE) or, for our pages, a stylesheet.
    """
    if where in DIRECTIVES:
        return DIRECTIVES[where]
    if where == LOADED_LINK:
        return "img-src" if kind == IMAGE else "style-src"
    if where.endswith("[style]") or where in ("style", "url()"):  # CSS url() and @import
        return "font-src" if urlsplit(url).path.lower().endswith(FONT_SUFFIXES) else "img-src"
    return None


class BlockedResources:
    """Judges the resources of one page against that page's policy."""

    def __init__(self, policy: str | None, site_origin: str, page: str) -> None:
        self.directives = parse_policy(policy) if policy else None
        origin = site_origin or "https://site.invalid"  # a relative build: nothing else is 'self'
        self.page_url = f"{origin.rstrip('/')}/{page}"

    def reason(self, url: str, where: str, kind: str) -> str | None:
        """Return why the page's policy blocks loading `url` (as requested), or None."""
        if self.directives is None:
            return None
        directive = directive_for(url, where, kind)
        if directive is None or allows(self.directives, directive, url, self.page_url):
            return None
        if directive in WIDENABLE:
            advice = "blocked by the page's Content-Security-Policy:"
            if urlsplit(url).scheme == "http":
                # Allowed as http:, it would fail the published (https) site as mixed content.
                url = "https" + url[len("http") :]
                advice += " write it https: (an https site loads nothing over http:)"
                if allows(self.directives, directive, url, self.page_url):
                    return advice
                advice += " and"
            return (
                f"{advice} allow it with"
                f" CSP_ALLOW = {{{directive!r}: [{source_for(url)!r}]}} in pelicanconf.py"
            )
        what = WHAT.get(directive, "such files")
        return (
            f"blocked by the page's Content-Security-Policy ({directive}):"
            f" the site loads no {what} from other sites"
        )


def source_for(url: str) -> str:
    """Return the source expression that would allow `url`: its origin, or its scheme."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname:
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
    return f"{parts.scheme}:"


# The setting `reason` advises, read back to add the advice of many problems up.
ALLOW_ADVICE = re.compile(r"CSP_ALLOW = \{'(?P<directive>[a-z-]+)': \['(?P<source>[^']+)'\]\}")


def combined_advice(blocked_urls: list[tuple[str, str]]) -> str | None:
    """Return one sentence with the one setting that allows every resource the reasons
    advise allowing ((URL, reason) of each problem), where they name two sources or more;
    else None.

    Each blocked image's own line advises a setting for its site alone, so that pasting
    them in turn kept only the last (diffusion-models-class: 64 images from 11 sites).
    """
    sources: dict[str, set[str]] = {}
    blocked = set()  # one image shown on ten pages is one resource
    for url, reason in blocked_urls:
        advice = ALLOW_ADVICE.search(reason)
        if advice is not None:
            blocked.add(url)
            sources.setdefault(advice["directive"], set()).add(advice["source"])
    sites = {source for named in sources.values() for source in named}
    if len(sites) < 2:
        return None
    setting = ", ".join(f"{name!r}: {sorted(named)!r}" for name, named in sorted(sources.items()))
    return (
        f"link gate: {len(blocked)} resources from {len(sites)} other sites are blocked by the"
        f" pages' Content-Security-Policy; to allow them all: CSP_ALLOW = {{{setting}}}"
        " in pelicanconf.py"
    )
