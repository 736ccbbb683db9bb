"""Drop comments and layout whitespace from the theme's own CSS and JavaScript.

Deliberately conservative, not a general minifier: it relies on the theme's
conventions (no comment markers inside strings, no multi-line strings in JS).
"""

import re

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Spaces after these characters, or before the braces and semicolons, carry no meaning;
# a space before ":" does (`.highlight :is(...)` is a descendant selector), so it stays.
CSS_SPACE_AFTER = re.compile(r"([{};,>])\s+")
CSS_SPACE_BEFORE = re.compile(r"\s+([{};>])")
CSS_DECLARATION_COLON = re.compile(r"(\w):\s+")
JS_BLOCK_COMMENT_LINE = re.compile(r"^\s*/\*.*?\*/\s*$", re.DOTALL | re.MULTILINE)
JS_LINE_COMMENT = re.compile(r"^\s*//.*$", re.MULTILINE)


def trim_css(stylesheet: str) -> str:
    """Return the stylesheet without comments, indentation or line breaks."""
    text = CSS_COMMENT.sub("", stylesheet)
    text = " ".join(text.split())
    text = CSS_SPACE_AFTER.sub(r"\1", text)
    text = CSS_SPACE_BEFORE.sub(r"\1", text)
    text = CSS_DECLARATION_COLON.sub(r"\1:", text)
    return text.replace(";}", "}").strip() + "\n"


def trim_js(script: str) -> str:
    """Return the script without whole-line comments, indentation or blank lines."""
    text = JS_BLOCK_COMMENT_LINE.sub("", script)
    text = JS_LINE_COMMENT.sub("", text)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
