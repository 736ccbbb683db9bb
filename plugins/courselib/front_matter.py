"""Read a Markdown chapter's front matter as Python-Markdown's `meta` extension does, with lines.

The chapter reader and the content checks both read front matter here, so the fields
an author is told about are the fields the build uses.
"""

import re
from dataclasses import dataclass

# The same patterns as markdown.extensions.meta, the format Pelican chapters are written in.
FIELD = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
# In YAML, a field starts at the line's start; a list item (`  - a`) or any indented line,
# a nested field too (`seo:` then `  title: ...`), continues the field above it.
YAML_FIELD = re.compile(r"^(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
YAML_CONTINUATION = re.compile(r"^\s*- (?P<item>.*)|^\s+(?P<value>.*)")
# A YAML block scalar's mark: the value is on the indented lines below (`title: >-`).
BLOCK_SCALAR = re.compile(r"^[>|][-+]?$")
BEGIN = re.compile(r"^-{3}(\s.*)?")
END = re.compile(r"^(-{3}|\.{3})(\s.*)?")

# The fields a chapter's front matter is written with: Pelican's own and the course's.
# `Key: value` lines at the top that name none of them, with no `---` line above, are the
# chapter's text, as GitHub shows them ("Note: this course is in beta.").
KNOWN_FIELDS = frozenset(
    {
        "title", "date", "modified", "category", "slug", "status", "summary", "tags",
        "author", "authors", "lang", "translation", "template", "save_as", "url",
        "chapter", "description", "release", "solutions",
    }
)  # fmt: skip
# Pelican's statuses, and MkDocs Material's: a `status:` in lower case between `---` lines
# that is `new` or `deprecated` is a badge beside the page in its navigation.
STATUSES = ("published", "hidden", "draft")
MKDOCS_STATUSES = ("new", "deprecated")


@dataclass(frozen=True)
class Field:
    """One front-matter field: its value and the line it starts on (1-based).

    A field continued on indented lines, or given twice, has its parts joined by "\\n".
    """

    value: str
    line: int
    key: str = ""  # as written: `Title` (Pelican's spelling) or `title` (Jekyll's)


@dataclass(frozen=True)
class FrontMatter:
    """A chapter's fields, and the 0-based index of the first line of its body."""

    fields: dict[str, Field]
    body_start: int
    fenced: bool = False  # between `---` lines, as GitHub Pages and Jekyll write it

    @property
    def makes_pelican_chapter(self) -> bool:
        """True when these fields place a file by Pelican's rules (see courselib.pages): a
        `Title:`, unless it is a `title:` in lower case between `---` lines with neither
        Pelican's `Slug:` (has_pelican_slug) nor `chapter:` beside it.

        That is front matter written for GitHub Pages, Jekyll, Docusaurus or a Carpentries
        lesson (`---`, `title: The Shell`, `teaching: 5`, `---`): its title only names the
        page, which stays where its path puts it. A `slug:` in lower case there is
        Docusaurus' address for a blog post (tech-interview-handbook's), not Pelican's.
        """
        title = self.fields.get("title")
        if title is None:
            return False
        jekyll = self.fenced and title.key == "title"
        return not jekyll or self.has_pelican_slug or "chapter" in self.fields

    @property
    def has_pelican_slug(self) -> bool:
        """True for a slug Pelican writes the page by: any but a `slug:` in lower case
        beside a `title:` in lower case between `---` lines (Docusaurus' address of a post)."""
        slug, title = self.fields.get("slug"), self.fields.get("title")
        if slug is None:
            return False
        docusaurus = title is not None and title.key == "title" and slug.key == "slug"
        return not (self.fenced and docusaurus)

    @property
    def pelican_fields(self) -> dict[str, Field]:
        """Return the fields that are Pelican's: all but, between `---` lines, a `slug:` that
        is Docusaurus' (has_pelican_slug) and a `category:` in lower case where the fields
        place no Pelican chapter, as VuePress files a page (JavaGuide's `category: Java`)."""
        fields = dict(self.fields)
        if "slug" in fields and not self.has_pelican_slug:
            del fields["slug"]
        category = fields.get("category")
        if (
            category
            and self.fenced
            and category.key == "category"
            and not self.makes_pelican_chapter
        ):
            del fields["category"]
        return fields


def split_front_matter(lines: list[str]) -> FrontMatter:
    """Return the front matter at the top of a chapter given as lines, keys lower-cased.

    Between `---` lines (YAML, as GitHub Pages, Jekyll and the Carpentries write it) a
    blank line or a comment does not end it, an indented line (`  - a tag`, a nested
    `  title: ...`, the lines of a `title: >-`) continues a field, and a quoted value
    (`title: 'Supplemental: RStudio'`) is read without its quotes.
    """
    fields: dict[str, Field] = {}
    fenced = bool(lines) and BEGIN.match(lines[0]) is not None
    index = 1 if fenced else 0
    key = None
    while index < len(lines):
        line = lines[index]
        if fenced and (not line.strip() or line.startswith("#")):
            index += 1  # a YAML comment (`# Jekyll layout for lectures`) is no field
            continue
        if not line.strip() or END.match(line):
            return checked(FrontMatter(fields, index + 1, fenced))  # a blank line or `---` ends it
        field = (YAML_FIELD if fenced else FIELD).match(line)
        more = (YAML_CONTINUATION if fenced else CONTINUATION).match(line) if not field else None
        if field:
            key = field.group("key").lower()
            value = field.group("value").strip()
            if fenced:
                end = quote_end(lines, index, value)  # a quoted value may go on over lines
                if end > index:
                    value = " ".join(
                        [value, *(line.strip() for line in lines[index + 1 : end + 1])]
                    )
                    index = end
                value = "" if BLOCK_SCALAR.match(value) else unquoted(value)
            if key in fields:  # a repeated key continues the first, as in `meta`
                earlier = fields[key]
                fields[key] = Field(f"{earlier.value}\n{value}", earlier.line, earlier.key)
            else:
                fields[key] = Field(value, index + 1, field.group("key"))
        elif more and key is not None:
            earlier = fields[key]
            if more.groupdict().get("item") is not None:  # a YAML list: `tags: [a, b]`
                item = unquoted(more.group("item").strip())
                value = f"{earlier.value}, {item}" if earlier.value else item
            else:
                value = f"{earlier.value}\n{more.group('value').strip()}"
            fields[key] = Field(value, earlier.line, earlier.key)
        else:
            break  # not front matter: the body starts on this line
        index += 1
    return checked(FrontMatter(fields, index, fenced))


# A whole quoted YAML scalar: `"a \"b\""`, `'it''s'`.
QUOTED = {
    '"': re.compile(r'"(?:[^"\\]|\\.)*"(?:\s+#.*)?'),
    "'": re.compile(r"'(?:[^']|'')*'(?:\s+#.*)?"),
}
QUOTED_LINES = 20  # the most a quoted value is read over, past its field's line


def quote_end(lines: list[str], index: int, value: str) -> int:
    """Return the line where the quoted `value` of the field on line `index` closes: that
    line itself, or a later one before the front matter ends, as YAML reads a quoted value
    over lines (java-design-patterns' `description: "Learn ... class` / `diagrams."`)."""
    quote = QUOTED.get(value[:1])
    if quote is None or quote.fullmatch(value):
        return index
    text = value
    for end in range(index + 1, min(len(lines), index + 1 + QUOTED_LINES)):
        if END.match(lines[end]):
            break
        text += " " + lines[end].strip()
        if quote.fullmatch(text):
            return end
    return index  # never closed: the line alone, as written


def unquoted(value: str) -> str:
    """Return a YAML scalar without its quotes: `'it''s'` is `it's`, `"a \\"b\\""` is `a "b"`."""
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def checked(front: FrontMatter) -> FrontMatter:
    """Return `front`, or no front matter when unfenced lines name no known field; without
    a status written for MkDocs Material (MKDOCS_STATUSES): hello-algo's `status: new` page
    was refused, "'new' is not one of published, hidden, draft". Any other stays Pelican's,
    so a mistyped `status: darft` still stops a page the author meant to hide."""
    status = front.fields.get("status")
    mkdocs = front.fenced and status is not None and status.key == "status"
    if mkdocs and status.value.strip().lower() in MKDOCS_STATUSES:
        del front.fields["status"]
    if front.fenced or not front.fields or KNOWN_FIELDS & front.fields.keys():
        return front
    return FrontMatter({}, 0)


def read_front_matter(text: str) -> dict[str, Field]:
    """Return the front-matter fields of a chapter's text that are Pelican's (pelican_fields),
    keys lower-cased, with their lines."""
    return split_front_matter(text.split("\n")).pelican_fields
