"""The pages' Content-Security-Policy: strict by default, widened only by CSP_ALLOW.

Every page carries one policy (a `<meta http-equiv>`): the site's own scripts, styles
and images, nothing from elsewhere. A course that embeds a video or shows images
from another site lists what it needs:

    CSP_ALLOW = {"frame-src": ["https://www.youtube-nocookie.com"], "img-src": ["https:"]}

and each source is added to that directive (a directive the policy does not name yet
starts from 'self', as default-src would have given it). The link gate reads each
page's policy back with `parse_policy` and reports every resource the page would load
that it blocks (`allows`), following CSP Level 3's source matching.
"""

import re
from urllib.parse import urlsplit

BASE_POLICY = (
    ("default-src", ("'self'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
    ("script-src", ("'self'", "'wasm-unsafe-eval'")),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
)
# What a course may widen: where embeds, images, media and fonts come from. Scripts,
# styles and the page's own base and forms stay the site's own.
WIDENABLE = ("img-src", "media-src", "frame-src", "font-src", "connect-src")
SCHEME_SOURCE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:$")
HOST_SOURCE = re.compile(
    r"^(?:(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*)://)?(?P<host>\*|(?:\*\.)?[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)"
    r"(?::(?P<port>\d+|\*))?(?P<path>/[A-Za-z0-9._~!$&()*+=:@%/-]*)?$"
)
# Which directive governs what, when a policy does not name it (CSP Level 3's fallbacks).
FALLBACKS = {
    "frame-src": ("frame-src", "child-src", "default-src"),
    "worker-src": ("worker-src", "child-src", "script-src", "default-src"),
}


class PolicyError(ValueError):
    """A CSP_ALLOW setting that cannot be used, phrased for the instructor."""


def read_allowances(setting: object) -> dict[str, tuple[str, ...]]:
    """Return CSP_ALLOW as {directive: sources}, or raise PolicyError naming what is wrong."""
    if setting is None:
        return {}
    example = "like {'frame-src': ['https://www.youtube-nocookie.com']}"
    if not isinstance(setting, dict):
        raise PolicyError(f"CSP_ALLOW must be a dict {example}")
    allowances = {}
    for directive, sources in setting.items():
        if directive not in WIDENABLE:
            raise PolicyError(
                f"CSP_ALLOW[{directive!r}]: only {', '.join(WIDENABLE)} can be widened"
            )
        if not isinstance(sources, list | tuple) or not all(isinstance(s, str) for s in sources):
            raise PolicyError(f"CSP_ALLOW[{directive!r}] must be a list of sources {example}")
        for source in sources:
            if not is_source(source):
                raise PolicyError(
                    f"CSP_ALLOW[{directive!r}]: {source!r} is not a source: write a scheme"
                    " ('https:') or a host ('https://www.youtube-nocookie.com', '*.example.org')"
                )
        allowances[directive] = tuple(sources)
    return allowances


def is_source(source: str) -> bool:
    """True for a scheme or host source a course may add (no keyword, no separator)."""
    return bool(SCHEME_SOURCE.match(source) or HOST_SOURCE.match(source))


def page_policy(allowances: dict[str, tuple[str, ...]]) -> str:
    """Return the policy every page carries, widened by the allowances."""
    directives = {name: list(sources) for name, sources in BASE_POLICY}
    for directive, sources in allowances.items():
        current = directives.setdefault(directive, ["'self'"])
        current.extend(source for source in sources if source not in current)
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def parse_policy(policy: str) -> dict[str, tuple[str, ...]]:
    """Return a policy as {directive: sources}; the first of a repeated directive counts."""
    directives: dict[str, tuple[str, ...]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tuple(tokens[1:]))
    return directives


def governing(directives: dict[str, tuple[str, ...]], directive: str) -> tuple[str, ...] | None:
    """Return the sources that govern `directive` in a policy, or None when nothing does."""
    for name in FALLBACKS.get(directive, (directive, "default-src")):
        if name in directives:
            return directives[name]
    return None


def allows(directives: dict[str, tuple[str, ...]], directive: str, url: str, page_url: str) -> bool:
    """True when a policy lets a page at `page_url` load `url` under `directive`."""
    sources = governing(directives, directive)
    if sources is None:
        return True
    target, page = urlsplit(url), urlsplit(page_url)
    return any(matches(source, target, page) for source in sources)


def matches(source: str, target, page) -> bool:
    """True when one source expression matches the URL `target`, on the page `page`."""
    scheme = target.scheme.lower()
    if source == "'self'":  # the same origin: scheme, host and port (`:443` written or not)
        page_scheme = page.scheme.lower()
        return (scheme, target.hostname, target.port or default_port(scheme)) == (
            page_scheme,
            page.hostname,
            page.port or default_port(page_scheme),
        )
    if source == "*":
        return scheme not in ("data", "blob", "filesystem")
    if SCHEME_SOURCE.match(source):
        wanted = source[:-1].lower()
        return scheme == wanted or (wanted == "http" and scheme == "https")
    found = HOST_SOURCE.match(source)
    if found is None or not target.hostname:
        return False
    wanted_scheme = (found["scheme"] or page.scheme or "https").lower()
    if scheme != wanted_scheme and not (wanted_scheme == "http" and scheme == "https"):
        return False
    host = found["host"].lower()
    if host.startswith("*."):
        if not target.hostname.endswith(host[1:]):
            return False
    elif host != "*" and host != target.hostname:
        return False
    # A source without a port allows only the scheme's default one (443 for https).
    port = found["port"] or str(default_port(scheme))
    if port != "*" and str(target.port or default_port(scheme)) != port:
        return False
    path = found["path"]
    if path:
        return target.path.startswith(path) if path.endswith("/") else target.path == path
    return True


def default_port(scheme: str) -> int | None:
    """Return the port a URL of `scheme` uses when it names none."""
    return {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
