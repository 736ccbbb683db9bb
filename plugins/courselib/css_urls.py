"""The URLs a browser loads from CSS: a stylesheet, a `<style>` element or a `style` attribute.

A small tokenizer after CSS Syntax 3, only as far as URLs go: comments and
strings are skipped whole (a `url(` inside them is no URL); `url(x)`,
`url("x")`, `@import "x"` and the strings of `image-set()` are URLs, with CSS
escapes read (`url(a\\ b.png)` is `a b.png`); `@namespace url(...)` names a
namespace and loads nothing. One regular expression walks the text, so a page
with inline CSS costs little (a full CSS parser, tinycss2, took about 4 ms a KB).
"""

import re

TOKEN = re.compile(
    r"""
      (?P<comment>/\*.*?(?:\*/|\Z))
    | (?P<string>"(?P<double>(?:[^"\\\n]|\\.)*)(?P<double_end>"|\Z)?
                |'(?P<single>(?:[^'\\\n]|\\.)*)(?P<single_end>'|\Z)?)
    | (?<![\w\\-])url\([ \t\n\r\f]*
      (?P<bare>(?:[^"'()\\ \t\n\r\f\x00-\x08\x0b\x0e-\x1f\x7f]
                 |\\[0-9a-fA-F]{1,6}[ \t\n\r\f]?|\\[^\n0-9a-fA-F])*)
      [ \t\n\r\f]*\)
    | (?<![\w\\-])(?P<function>url|image-set|-webkit-image-set)\(
    | (?P<open>\()
    | (?P<close>\))
    | @(?P<rule>import|namespace)(?![\w-])
    | (?P<end>[;{}])
    """,
    re.I | re.S | re.X,
)
ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\n)|(.))", re.S)
# Cheap test first: most style attributes and many stylesheets load nothing.
MAY_LOAD = re.compile(r"url\(|image-set|@import|\\", re.I)


def css_urls(css: str) -> list[str]:
    """Return every URL the CSS text `css` makes a browser load, in order."""
    if not MAY_LOAD.search(css):
        return []
    urls: list[str] = []
    functions: list[str] = []  # the open functions and parentheses, innermost last
    at_rule = ""  # "import" until its URL, "namespace" until its end
    for token in TOKEN.finditer(css):
        kind = token.lastgroup
        if kind == "comment":
            continue
        if kind == "string":
            if token.group("double_end") is None and token.group("single_end") is None:
                # Cut by a newline: a bad string, which makes its url() load nothing.
                if functions and functions[-1] == "url":
                    functions[-1] = "bad url"
                continue
            inside = functions[-1] if functions else ""
            if inside == "url" or inside.endswith("image-set") or at_rule == "import":
                text = token.group("double")
                urls.append(_unescape(text if text is not None else token.group("single")))
                at_rule = "" if at_rule == "import" else at_rule
        elif kind == "bare":
            if at_rule != "namespace":
                urls.append(_unescape(token.group("bare")))
            at_rule = "" if at_rule == "import" else at_rule
        elif kind == "function":
            functions.append(token.group("function").lower())
        elif kind == "open":
            functions.append("(")
        elif kind == "close":
            if functions:
                functions.pop()
        elif kind == "rule":
            at_rule = token.group("rule").lower()
        elif kind == "end":
            at_rule = ""
            functions.clear()
    return urls


def _unescape(text: str) -> str:
    """Return CSS text with its escapes read: `\\41 ` is `A`, `\\)` is `)`."""
    if "\\" not in text:
        return text
    return ESCAPE.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    digits, newline, character = match.groups()
    if digits:
        code = int(digits, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return "" if newline else character
