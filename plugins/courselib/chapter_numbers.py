"""How a chapter gets its number and slug, and the course's announced chapters: one set of rules.

The build, its content checks and `make covers` all number a chapter here, so they
never disagree (a chapter `intro.md` titled "Chapter 3 Agents" is chapter 3 to all).
"""

import os
import re

from courselib.paths import NAME_BYTES, fits_file_system


class OutlineError(ValueError):
    """A problem with the course outline, phrased for the author who must fix it."""


def chapter_number(chapter_field: str | None, slug: str, source: str) -> int:
    """Return a chapter's number: its `Chapter:` field, else the first digits in its slug."""
    if chapter_field is not None and str(chapter_field).strip():
        text = str(chapter_field).strip()
        if not re.fullmatch(r"\d+", text):
            raise OutlineError(
                f"{source}: Chapter: {text!r} is not a whole number: give one, as 'Chapter: 3'"
            )
        return int(text)
    digits = re.search(r"\d+", slug)
    if digits is None:
        raise OutlineError(
            f"{source}: no chapter number: add 'Chapter: N' to its front matter"
            f" or put the number in its slug (now {slug!r})"
        )
    return int(digits.group())


def slug_of_file(fields: dict[str, str], source_path: str, settings: dict) -> str:
    """Return the slug Pelican gives a Markdown file, from its front matter (keys lower-case).

    As Pelican's reader and Content do: a `Slug:` field, else one FILENAME_METADATA or
    PATH_METADATA finds in `source_path` (relative to content/), else its title (or,
    with SLUGIFY_SOURCE = "basename", its file name) made a slug with the site's settings.
    """
    from pelican.readers import parse_path_metadata
    from pelican.utils import slugify

    slug = fields.get("slug") or parse_path_metadata(source_path, settings).get("slug")
    if slug:
        return str(slug)
    if settings.get("SLUGIFY_SOURCE", "title") == "basename":
        value = os.path.splitext(os.path.basename(source_path))[0]
    else:
        value = fields.get("title", "")
    return slugify(
        value,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def parse_upcoming(setting: object) -> list[dict]:
    """Validate the UPCOMING_CHAPTERS setting; return entries with number, title and slug."""
    if setting is None:
        return []
    if not isinstance(setting, list | tuple):
        raise OutlineError("UPCOMING_CHAPTERS must be a list of {'number': N, 'title': '...'}")
    entries: list[dict] = []
    for index, entry in enumerate(setting):
        where = f"UPCOMING_CHAPTERS[{index}]"
        if not isinstance(entry, dict):
            raise OutlineError(f"{where} must be a dict like {{'number': 5, 'title': 'Agents'}}")
        unknown = set(entry) - {"number", "title", "slug"}
        if unknown:
            raise OutlineError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        number = entry.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number < 0:
            raise OutlineError(f"{where}: 'number' must be a whole number, not {number!r}")
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            raise OutlineError(f"{where}: 'title' must be a non-empty string")
        slug = entry.get("slug", f"chapter{number}")
        if not isinstance(slug, str) or not re.fullmatch(r"[\w.-]+", slug):
            raise OutlineError(f"{where}: 'slug' must be a simple name like 'chapter{number}'")
        if not fits_file_system(f"{slug}.html"):
            raise OutlineError(
                f"{where}: its page would be saved under a name of {len(slug.encode()) + 5:,}"
                f" bytes, longer than a file system holds ({NAME_BYTES}): give it a shorter 'slug'"
            )
        if any(earlier["number"] == number for earlier in entries):
            raise OutlineError(f"{where}: chapter {number} is announced twice")
        entries.append({"number": number, "title": title.strip(), "slug": slug})
    return entries
