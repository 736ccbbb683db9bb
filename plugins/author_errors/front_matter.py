"""Read a Markdown chapter's front matter as Python-Markdown's `meta` extension does, with lines."""

import re
from dataclasses import dataclass

# The same patterns as markdown.extensions.meta, so we see the fields Pelican will see.
FIELD = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN = re.compile(r"^-{3}(\s.*)?")
END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Field:
    """One front-matter field: its value and the line it starts on (1-based)."""

    value: str
    line: int


def read_front_matter(text: str) -> dict[str, Field]:
    """Return the front-matter fields, keys lower-cased, each with the line it starts on."""
    lines = text.split("\n")
    fields: dict[str, Field] = {}
    index = 0
    if lines and BEGIN.match(lines[0]):
        index = 1
    key = None
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or END.match(line):
            break
        field = FIELD.match(line)
        if field:
            key = field.group("key").lower()
            value = field.group("value").strip()
            if key in fields:  # a repeated key continues the first, as in `meta`
                earlier = fields[key]
                fields[key] = Field(f"{earlier.value}\n{value}", earlier.line)
            else:
                fields[key] = Field(value, index)
            continue
        more = CONTINUATION.match(line)
        if more and key is not None:
            earlier = fields[key]
            fields[key] = Field(f"{earlier.value}\n{more.group('value').strip()}", earlier.line)
            continue
        break  # not front matter: the body starts here
    return fields
