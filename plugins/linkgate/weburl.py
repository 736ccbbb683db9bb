"""Read a URL as a browser does (the WHATWG URL standard), as far as the gate needs it.

`urllib.parse` follows older RFCs: it raises on `http://[oops/x`, keeps the
newline in `chap\\nter.html` and treats `\\` as a letter. A browser strips
C0 controls and spaces from both ends, drops tabs and newlines anywhere,
reads `\\` as `/` in http(s) URLs, and rejects a URL whose host or port cannot
be. Here an invalid URL is a reason (a string), never an exception.
"""

import ipaddress
import re
from typing import NamedTuple
from urllib.parse import unquote

C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
TABS_AND_NEWLINES = re.compile("[\t\n\r]")
SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp", "file"})
DEFAULT_PORTS = {"http": "80", "https": "443"}
# Code points a domain cannot hold (the standard's "forbidden domain code points").
FORBIDDEN_IN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f]")
AUTHORITY_END = re.compile(r"[/\\?#]")


class WebURL(NamedTuple):
    """An absolute http(s) URL, split: `origin` (`https://host[:port]`), path, query, fragment."""

    scheme: str
    origin: str
    path: str  # "/" at least; backslashes read as slashes
    query: str  # with its "?", or ""
    fragment: str  # without its "#"

    def without_fragment(self) -> str:
        """The URL a browser requests (the fragment never leaves the browser)."""
        return self.origin + self.path + self.query


def clean(url: str) -> str:
    """Return `url` as the URL parser reads it: C0 controls and spaces stripped off both ends,
    tabs and newlines removed wherever they are (so `chap\nter.html` is `chapter.html`).
    """
    url = url.strip(C0_AND_SPACE)
    if "\n" in url or "\t" in url or "\r" in url:
        url = TABS_AND_NEWLINES.sub("", url)
    return url


def parse_web_url(url: str) -> "WebURL | str":
    """Return the parts of the cleaned absolute http(s) `url`, or why it is not a valid URL."""
    scheme, _, rest = url.partition(":")
    scheme = scheme.lower()
    # Special schemes ignore any run of slashes and backslashes before the host.
    rest = rest.lstrip("/\\")
    end = AUTHORITY_END.search(rest)
    authority, rest = (rest[: end.start()], rest[end.start() :]) if end else (rest, "")
    host_and_port = authority.rpartition("@")[2]
    found = _host_and_port(host_and_port)
    if isinstance(found, str):
        return found
    host, port = found
    origin = f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[scheme] else "")
    rest, _, fragment = rest.partition("#")
    path, question, query = rest.partition("?")
    path = path.replace("\\", "/") or "/"
    return WebURL(scheme, origin, path, question + query, fragment)


def _host_and_port(text: str) -> tuple[str, str] | str:
    """Return (host, port) of an authority's `host[:port]`, or why it is invalid."""
    if text.startswith("["):
        inside, closing, after = text[1:].partition("]")
        if not closing or "%" in inside or not _is_ipv6(inside) or after[:1] not in ("", ":"):
            return f"its host '{text}' is not an IPv6 address"
        host, port = f"[{inside.lower()}]", after[1:]
    else:
        host, _, port = text.partition(":")
        if not host:
            return "it names no host"
        decoded = unquote(host, errors="replace") if "%" in host else host
        forbidden = FORBIDDEN_IN_HOST.search(decoded)
        if forbidden:
            character = forbidden.group()
            named = "a space" if character == " " else repr(character)
            return f"its host '{decoded}' has {named}"
        host = decoded.lower()
    if port and (not port.isascii() or not port.isdigit() or int(port) > 65535):
        return f"its port '{port}' is not a port number"
    return host, port.lstrip("0") or ("0" if port else "")


def _is_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True
