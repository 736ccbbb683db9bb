"""Mistakes an author can make in content/, each found as one line naming the file (and line).

Plain functions over paths and text: the Pelican wiring lives in `__init__.py`.
"""

import errno
import fnmatch
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from courselib.cached_products.image_index import TOO_BIG, ImageIndex, decode
from courselib.front_matter import STATUSES, Field, read_front_matter
from courselib.paths import NAME_BYTES, fits_file_system, shown_path
from courselib.term import RELEASE_FIELD, SOLUTIONS_FIELD, day_problem, parse_day
from pelican.utils import get_date

from .check_cache import CheckCache, chapter_key

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico"}
SIMPLE_SLUG = re.compile(r"[\w.-]+")


@dataclass
class ContentScan:
    """What a walk of content/ found: the problems, and whether a link loop makes reading unsafe."""

    problems: list[str] = field(default_factory=list)
    bad_sources: set[str] = field(default_factory=set)  # as shown to authors: content/x.md
    # A folder link that loops or leaves content/ (Pelican would walk it, endlessly or outside
    # the course) or a named pipe (reading it would wait forever): stop before reading.
    stop_before_reading: bool = False
    # Names of files and folders that are not UTF-8: no build can name them (see below).
    not_utf8_names: set[str] = field(default_factory=set)
    # An image's problem, by the image as shown: a problem only where the site publishes
    # it (learngo keeps empty and broken PNGs as test data for its lessons' programs).
    image_problems: dict[str, str] = field(default_factory=dict)


def check_chapter(
    raw: bytes, shown: str, is_page: bool, known_categories: Iterable[str]
) -> list[str]:
    """Return the problems of one Markdown source file, given its bytes."""
    if not raw.strip():
        return [f"{shown}: the file is empty: write the chapter or delete the file"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        return [f"{shown}:{line}: not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8"]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fields = read_front_matter(text)
    return front_matter_problems(fields, shown, is_page, known_categories)


def front_matter_problems(
    fields: dict[str, Field], shown: str, is_page: bool, known_categories: Iterable[str]
) -> list[str]:
    """Return what is wrong in a chapter's dates, Category, Slug and Status.

    Front matter is optional: a chapter without a Title takes its first `# heading`, one
    without a Date shows its last commit's date (or none), and one without a Category is
    a chapter. A field that is there must be right.
    """
    problems = []
    for key in ("date", "modified"):
        value = fields.get(key)
        if value is not None and not is_date(value.value):
            problems.append(
                f"{shown}:{value.line}: {key.capitalize()}: {value.value!r} is not a date:"
                " write it as 2024-01-31"
            )
    for key in (RELEASE_FIELD, SOLUTIONS_FIELD):
        value = fields.get(key)
        if value is not None and parse_day(value.value) is None:
            problems.append(f"{shown}:{value.line}: {day_problem(key.capitalize(), value.value)}")
    known = [name.strip() for name in known_categories]
    category = fields.get("category")
    if (
        not is_page
        and category is not None
        and category.value.strip().lower() not in {k.lower() for k in known}
    ):
        problems.append(
            f"{shown}:{category.line}: unknown Category {category.value.strip()!r}:"
            f" use one of: {', '.join(known)}"
        )
    slug = fields.get("slug")
    if slug is not None and not SIMPLE_SLUG.fullmatch(slug.value.strip()):
        problems.append(
            f"{shown}:{slug.line}: Slug: {slug.value!r} is not a simple name:"
            " use letters, digits, '-' and '_'"
        )
    status = fields.get("status")
    if status is not None and status.value.strip().lower() not in STATUSES:
        problems.append(
            f"{shown}:{status.line}: Status: {status.value!r} is not one of {', '.join(STATUSES)}"
        )
    return problems


def is_date(text: str) -> bool:
    """True when Pelican can read `text` as a date."""
    try:
        get_date(text.strip())
    except (ValueError, OverflowError, TypeError):
        return False
    return bool(text.strip())


def check_image(
    path: str, shown: str, images: ImageIndex | None = None, real_folder: str | None = None
) -> str | None:
    """Return the problem with an image file, or None when Pillow can decode it.

    With an `images` index, an image unchanged since an earlier build is not decoded again
    (`real_folder`, the real path of the image's folder, saves the index resolving it).
    """
    try:
        status = os.stat(path)
    except OSError as error:
        return f"{shown}: cannot be read ({error.strerror}): check its permissions"
    if status.st_size == 0:
        return f"{shown}: the image is empty (0 bytes): export it again"
    facts = images.facts(Path(path), real_folder) if images else decode(Path(path))
    if facts is None:
        return f"{shown}: cannot be read: check it still exists"
    if facts.problem is None:
        return None
    advice = "export it smaller" if facts.problem.startswith(TOO_BIG) else "export it again"
    return f"{shown}: {facts.problem}: {advice}"


def scan_content(
    content_root: str,
    page_folders: Iterable[str],
    known_categories: Iterable[str],
    ignored_names: Iterable[str] = (),
    images: ImageIndex | None = None,
    checks: CheckCache | None = None,
    static_paths: Iterable[str] = (),
) -> ContentScan:
    """Walk content/ as Pelican will (following links) and return every problem found.

    With `checks`, a Markdown file unchanged since an earlier build is not checked again.
    An image outside `static_paths` (which publish every file) has its problem kept apart,
    in `image_problems`: it is one only if a page uses the image.
    """
    scan = ContentScan()
    root = os.path.realpath(content_root)
    page_prefixes = [folder.strip("/") + "/" for folder in page_folders if folder.strip("/")]
    static_folders = [os.path.join(content_root, path.strip("/")) for path in static_paths]
    ignored = list(ignored_names)
    known = list(known_categories)
    seen_folders = {root}
    real_folders = {content_root: root}  # each folder walked, with links resolved
    for folder, subfolders, files in os.walk(content_root, followlinks=True):
        for name in list(subfolders):
            full = os.path.join(folder, name)
            if any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                subfolders.remove(name)
                continue
            if not_utf8_name(name):
                subfolders.remove(name)
                scan.problems.append(not_utf8_name_problem(shown_path(full, content_root), name))
                scan.not_utf8_names.add(name)
                scan.stop_before_reading = True
                continue
            problem = folder_link_problem(full, root, content_root)
            real_folders[full] = os.path.realpath(full)
            if problem or real_folders[full] in seen_folders:
                subfolders.remove(name)  # never walk a folder twice, nor outside content/
            if problem:
                scan.problems.append(problem)
                scan.stop_before_reading = True
            seen_folders.add(real_folders[full])
        shown_folder = shown_path(folder, content_root)
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                continue
            full = os.path.join(folder, name)
            # As shown_path(full) would say, without resolving every file's path again.
            shown = name if shown_folder == "." else f"{shown_folder}/{name}"
            if not_utf8_name(name):
                scan.problems.append(not_utf8_name_problem(shown, name))
                scan.not_utf8_names.add(name)
                scan.stop_before_reading = True
                continue
            if os.path.exists(full) and not os.path.isfile(full):
                scan.problems.append(f"{shown}: not a regular file (a pipe or device): remove it")
                scan.stop_before_reading = True
                continue
            image = os.path.splitext(name)[1].lower() in IMAGE_SUFFIXES
            if image and not published(full, static_folders) and not os.path.islink(full):
                problem = check_image(full, shown, images, real_folders[folder])
                if problem:
                    scan.image_problems[shown] = problem
                continue
            problems = check_file(
                full,
                shown,
                root,
                content_root,
                page_prefixes,
                known,
                images,
                real_folders[folder],
                checks,
            )
            if problems:
                scan.bad_sources.add(shown)
                scan.problems.extend(problems)
    return scan


def published(path: str, static_folders: list[str]) -> bool:
    """True for a file inside one of `static_folders` (STATIC_PATHS), which publish all."""
    return any(
        path == static or path.startswith(static.rstrip("/") + "/") for static in static_folders
    )


def not_utf8_name(name: str) -> bool:
    """True for a file name whose bytes are not UTF-8 (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def not_utf8_name_problem(shown: str, name: str) -> str:
    """Return the problem of a file or folder whose name is not UTF-8, its bytes shown as \\xe9.

    Pelican and every cache of the build keep names as UTF-8 text: such a name (from an
    archive made on an old system) stopped the build with a traceback naming no file.
    """
    raw = os.fsencode(name)
    try:
        raw.decode("utf-8")
        byte = ""
    except UnicodeDecodeError as error:
        byte = f" (byte 0x{raw[error.start]:02x})"
    printable = os.fsencode(shown).decode("utf-8", "backslashreplace")
    return f"{printable}: the file name is not UTF-8{byte}: rename it"


def folder_link_problem(path: str, root: str, content_root: str) -> str | None:
    """Return the problem with a folder reached through a symbolic link, if any."""
    if not os.path.islink(path):
        return None
    shown = shown_path(path, content_root)
    target = os.path.realpath(path)
    parent = os.path.realpath(os.path.dirname(path))
    if os.path.commonpath([target, parent]) == target:
        return (
            f"{shown}: a symbolic link loop (it points to {os.readlink(path)!r}, a folder that"
            " contains it): remove the link"
        )
    if os.path.commonpath([target, root]) != root:
        return f"{shown}: a symbolic link to a folder outside content/: copy the files instead"
    return None


def check_file(
    path: str,
    shown: str,
    root: str,
    content_root: str,
    page_prefixes: list[str],
    known_categories: list[str],
    images: ImageIndex | None = None,
    real_folder: str | None = None,
    checks: CheckCache | None = None,
) -> list[str]:
    """Return the problems of one file in content/: a link, a chapter or an image.

    `real_folder` is the real path of the file's folder, when known; `checks` holds
    the problems of Markdown files as an earlier build found them.
    """
    suffix = os.path.splitext(path)[1].lower()
    if os.path.islink(path):
        try:
            target = os.path.realpath(path, strict=True)
        except OSError as error:
            if error.errno == errno.ELOOP:
                return [f"{shown}: a symbolic link loop: remove the link"]
            return [f"{shown}: a symbolic link to nothing ({os.readlink(path)!r}): remove it"]
        if os.path.commonpath([target, root]) != root:
            return [f"{shown}: a symbolic link to a file outside content/: copy the file instead"]
    if suffix in MARKDOWN_SUFFIXES:
        relative = os.path.relpath(path, content_root).replace(os.sep, "/")
        is_page = any(relative.startswith(prefix) for prefix in page_prefixes)
        try:
            with open(path, "rb") as source:
                raw = source.read()
        except OSError as error:
            return [f"{shown}: cannot be read ({error.strerror}): check its permissions"]
        if checks is None:
            return check_chapter(raw, shown, is_page, known_categories)
        return checks.problems(
            shown,
            chapter_key(raw, is_page, known_categories),
            lambda: check_chapter(raw, shown, is_page, known_categories),
        )
    if suffix in IMAGE_SUFFIXES:
        problem = check_image(path, shown, images, real_folder)
        return [problem] if problem else []
    return []


def duplicate_slugs(
    written: Iterable[tuple[str, str, str]], by_path: frozenset[str] = frozenset()
) -> list[str]:
    """Return a problem for each page written twice, from (source, slug, save_as) triples.

    A page in `by_path` (sources as shown) is written where its path says, not by its slug.
    """
    first_by_output: dict[str, str] = {}
    problems = []
    for source, slug, save_as in sorted(written):
        if not save_as:
            continue
        if save_as in first_by_output and source in by_path:
            problems.append(
                f"{first_by_output[save_as]} and {source} would both be {save_as}:"
                " rename one of them"
            )
        elif save_as in first_by_output:
            problems.append(
                f"{first_by_output[save_as]} and {source} both have slug {slug!r}"
                f" (both would be {save_as}): give each its own Slug"
            )
        else:
            first_by_output[save_as] = source
    return problems


def too_long_names(
    written: Iterable[tuple[str, str, str]], by_path: frozenset[str] = frozenset()
) -> list[str]:
    """Return a problem for each page whose file name is longer than a file system holds.

    A Title of 400 characters and no Slug gives a slug as long: Pelican stopped with a
    traceback ("File name too long").
    """
    problems = []
    for source, _slug, save_as in sorted(written):
        if save_as and not fits_file_system(save_as):
            longest = max(len(name.encode()) for name in save_as.split("/"))
            fix = "rename it" if source in by_path else "add a shorter 'Slug: ...'"
            problems.append(
                f"{source}: it would be saved under a name of {longest:,} bytes, longer than"
                f" a file system holds ({NAME_BYTES}): {fix}"
            )
    return problems


def hidden_pages(written: Iterable[tuple[str, str, str]]) -> list[str]:
    """Return a problem for each page whose file name would start with a dot.

    A Title with no letter or digit (say ':') gives an empty slug, so the chapter
    would be saved as `.html`: a hidden file that no link, listing or search finds.
    """
    problems = []
    for source, slug, save_as in sorted(written):
        if save_as and os.path.basename(save_as).startswith("."):
            problems.append(
                f"{source}: its slug is {slug!r}, so it would be saved as the hidden file"
                f" {save_as}: add 'Slug: ...' (letters, digits, '-' and '_')"
            )
    return problems
