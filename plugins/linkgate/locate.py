"""Where a URL was written: its line and column in an output page or in a Markdown source."""

import html
import re
from dataclasses import dataclass

# Markdown link forms: inline `[text](url "title")` and `![alt](url)`, reference
# definitions `[id]: url`, autolinks `<https://...>`, and raw HTML attributes.
INLINE = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\s*\)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
RAW_ATTRIBUTE = re.compile(
    r"""\s(?:href|src|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)
FENCE = re.compile(r"^ {0,3}(```|~~~)")
# A value in output HTML: a tag's attribute (quoted or not), or a CSS url().
HTML_ATTRIBUTE = re.compile(r"""\s([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+))""")
CSS_URL = re.compile(r"""(url)\(\s*(?:"([^"]*)"|'([^']*)'|([^\s"')]+))""")


@dataclass(frozen=True)
class WrittenLink:
    """One URL in a Markdown file, where an author wrote it (1-based line and column)."""

    url: str
    line: int
    column: int
    is_image: bool
    lacks_alt: bool = False  # a raw HTML <img> written with no alt attribute


def markdown_links(text: str) -> list[WrittenLink]:
    """Return every link and image URL written in Markdown `text`, in order, code excluded."""
    found: list[WrittenLink] = []
    in_fence = False
    # Lines end at "\n" only, as editors count them (splitlines() also breaks at \x85 and others).
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line_without_code = re.sub(r"`[^`]*`", lambda match: " " * len(match.group()), line)
        spots = []
        for match in INLINE.finditer(line_without_code):
            spots.append((match.start(), match.group(2), bool(match.group(1)), False))
        for match in REFERENCE.finditer(line_without_code):
            spots.append((match.start(1), match.group(1), False, False))
        for match in AUTOLINK.finditer(line_without_code):
            spots.append((match.start(), match.group(1), False, False))
        for match in RAW_ATTRIBUTE.finditer(line_without_code):
            value = next(group for group in match.groups() if group is not None)
            start = match.start() + 1
            is_image = "src" in match.group().lower().split("=")[0]
            tag_start = line_without_code.rfind("<", 0, match.start())
            tag_end = line_without_code.find(">", match.end())
            tag = line_without_code[tag_start : tag_end if tag_end >= 0 else None].lower()
            lacks_alt = tag.startswith("<img") and not re.search(r"\salt\s*=", tag)
            for url in value.split(",") if "srcset" in match.group().lower()[:8] else [value]:
                url = html.unescape(url.strip().split(" ")[0])
                spots.append((tag_start if tag_start >= 0 else start, url, is_image, lacks_alt))
        for start, url, is_image, lacks_alt in sorted(spots, key=lambda spot: spot[0]):
            found.append(
                WrittenLink(
                    url=url, line=number, column=start + 1, is_image=is_image, lacks_alt=lacks_alt
                )
            )
    return found


def position_in_html(
    text: str, url: str, occurrence: int = 0, values: list[tuple[int, str]] | None = None
) -> tuple[int, int] | None:
    """Return (line, column) of the `occurrence`-th attribute or CSS url() value `url` in `text`.

    Only whole values count (or one candidate of a srcset), so a short URL such
    as `0` is not found inside another value, say a data: URL. Pass `values`
    (from `url_values(text)`) to look up several URLs in one page.
    """
    if values is None:
        values = url_values(text)
    offsets = sorted({offset for offset, value in values if value == url})
    if not offsets:
        return None
    offset = offsets[min(occurrence, len(offsets) - 1)]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def url_values(text: str) -> list[tuple[int, str]]:
    """Return (offset, unescaped value) of each attribute value, srcset candidate and url()."""
    values = []
    for pattern in (HTML_ATTRIBUTE, CSS_URL):
        for match in pattern.finditer(text):
            group = next(index for index in (2, 3, 4) if match.group(index) is not None)
            start, value = match.start(group), match.group(group)
            values.append((start, html.unescape(value).strip()))
            if match.group(1).lower().endswith("srcset"):  # its URLs one by one
                for part in re.finditer(r"[^,\s]+", value):
                    values.append((start + part.start(), html.unescape(part.group())))
    return values
