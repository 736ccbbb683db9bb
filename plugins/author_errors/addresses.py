"""Addresses a page may not take: the site's own pages and folders, and one another's.

`Save_as: index.html` silently replaced the home page, `Slug: index` ended in Pelican's
traceback, and a page saved as `theme/css/course.css` or `sitemap.xml` would be
overwritten (or overwrite) without a word. Each clash is one line naming the page, the
field that gave it its address, and what already has that address.

Addresses are compared as a server and a file system see them: without `?query` or
`#fragment`, percent-decoded, `folder/` as `folder/index.html`, Unicode-normalised and
case-folded (on macOS and Windows disks `Index.html` is the file `index.html`).
"""

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from courselib.site_paths import card_site_path, search_folder

FEED_SETTINGS = ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS")
BY_CASE = (
    "a name that differs only in case, which macOS, Windows and many servers take for the same"
)


@dataclass(frozen=True)
class Taken:
    """An address the site already uses: a file, or a folder (ending in "/"), and its owner."""

    address: str
    owner: str  # as an author knows it: "the home page", "content/a.md"


@dataclass(frozen=True)
class PageAddress:
    """Where a page from content/ would be written and served, and which field said so."""

    source: str  # as shown to authors: content/intro.md
    save_as: str
    url: str
    save_as_field: str  # "Save_as", "Slug" or "Title": what gave it its file name
    url_field: str  # "URL", "Slug" or "Title": what gave it its address


def compared(address: str) -> str:
    """Return `address` as a server or a file system compares it (see the module's notes)."""
    path = address.split("#", 1)[0].split("?", 1)[0]
    path = unquote(path).replace("\\", "/").lstrip("/")
    if not path or path.endswith("/"):
        path += "index.html"
    return unicodedata.normalize("NFC", path).casefold()


def site_addresses(
    settings: dict, upcoming: list[tuple[int, str, str]], static: bool = True
) -> list[Taken]:
    """Return what the site writes besides content pages, from the settings.

    `upcoming` holds (number, title, save_as) of the announced chapters no written
    chapter replaces; `static`: with the files of STATIC_PATHS.
    """
    # The home page is always written (by the chapters plugin), whatever DIRECT_TEMPLATES says.
    taken = [Taken(settings.get("INDEX_SAVE_AS") or "index.html", "the home page")]
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as and name != "index":
            taken.append(Taken(save_as, f"the {name} page"))
    taken += [Taken("sitemap.xml", "the sitemap"), Taken("robots.txt", "robots.txt")]
    taken += [
        Taken(settings[key], f"the feed {settings[key]}")
        for key in FEED_SETTINGS
        if settings.get(key) and "{" not in settings[key]
    ]
    theme_folder = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    taken.append(Taken(f"{theme_folder}/", f"the theme's files ({theme_folder}/)"))
    cards = card_site_path("x").rsplit("/", 1)[0]
    taken.append(Taken(f"{cards}/", f"the social cards ({cards}/)"))
    search = search_folder(settings)
    if search:
        taken.append(Taken(f"{search}/", f"the search index ({search}/)"))
    for folder in settings.get("STATIC_PATHS", []) if static else []:
        folder = folder.strip("/")
        if folder and folder != ".":  # a folder, or a file
            owner = f"the static files of {folder}/ (STATIC_PATHS)"
            taken += [Taken(file, owner) for file in static_files(settings.get("PATH"), folder)]
    for number, title, save_as in upcoming:
        taken.append(Taken(save_as, f"upcoming chapter {number} {title!r} (UPCOMING_CHAPTERS)"))
    return taken


def static_files(content: str | None, static: str) -> list[str]:
    """Return the site paths of the files a STATIC_PATHS entry publishes (itself, if it is a
    file or is not there yet). Files, not the folder: a page may live beside them, as
    `images/README.md` does in a course laid out for GitHub."""
    folder = os.path.join(content or ".", static)
    if not os.path.isdir(folder):
        return [static]
    files = []
    for parent, _folders, names in os.walk(folder):
        relative = os.path.relpath(parent, content or ".").replace(os.sep, "/")
        files += [f"{relative}/{name}" for name in names]
    return files or [f"{static}/"]


class Owners:
    """Who has each file and folder of the site: looked up by address, never scanned.

    A page collides with a file of its address, with a folder of that name (it would be
    a file where a folder must be), with a file named as one of its folders
    (`index.html/x.html`), and with a folder the site fills (`theme/x.css`).
    Addresses are as `compared` makes them.
    """

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.as_written: dict[str, str] = {}  # each file's address before `compared`
        self.site_folders: dict[str, str] = {}  # nothing else may go inside
        self.folders: dict[str, str] = {}  # folders something needs: no file may take the name

    def add_file(self, address: str, owner: str, as_written: str | None = None) -> None:
        """Record that `owner` has the file at `address` (and so its folders), written
        `as_written` before `compared` made it `address`."""
        self.files.setdefault(address, owner)
        self.as_written.setdefault(address, address if as_written is None else as_written)
        for folder in folders_of(address):
            self.folders.setdefault(folder, owner)

    def add_site_folder(self, folder: str, owner: str) -> None:
        """Record that the site fills `folder` (no trailing "/")."""
        self.site_folders.setdefault(folder, owner)
        for parent in [*folders_of(folder), folder]:
            self.folders.setdefault(parent, owner)

    def owner_of(self, address: str) -> str | None:
        """Return who already has `address`, or one of its folders, or None."""
        owner = self.files.get(address) or self.folders.get(address)
        for folder in folders_of(address):
            owner = owner or self.files.get(folder) or self.site_folders.get(folder)
        return owner


def folders_of(address: str) -> list[str]:
    """Return the folders `address` is in: `a/b/c.html` gives `a` and `a/b`."""
    parts = address.split("/")[:-1]
    return ["/".join(parts[: end + 1]) for end in range(len(parts))]


def owners_of(taken: list[Taken]) -> Owners:
    """Return the owners of the site's own files and folders."""
    owners = Owners()
    for item in taken:
        if item.address.endswith("/"):
            owners.add_site_folder(compared(item.address).rsplit("/", 1)[0], item.owner)
        else:
            owners.add_file(compared(item.address), item.owner)
    return owners


def address_clashes(
    pages: list[PageAddress], taken: list[Taken], line_of: Callable[[str, str], int | None]
) -> list[tuple[PageAddress, str]]:
    """Return (page, problem) for each page whose file or URL the site or another page has.

    Pages are taken in order of their source, so of two pages with one address the
    first keeps it (two saved as one file are reported by `duplicate_slugs`).
    `line_of(source, field)` gives the line of a field in a page's front matter.
    """
    owners = owners_of(taken)
    problems = []
    for page in sorted(pages, key=lambda page: page.source):
        addresses = [(page.save_as, page.save_as_field), (page.url, page.url_field)]
        addresses = [(address, field) for address, field in addresses if address]
        for address, field in addresses:
            owner = owners.owner_of(compared(address))
            if owner is not None:
                line = line_of(page.source, field)
                where = page.source if line is None else f"{page.source}:{line}"
                # notes.md beside Notes.md: two files on Linux, one on macOS and Windows.
                theirs = owners.as_written.get(compared(address))
                by_case = theirs not in (None, address) and theirs.lower() == address.lower()
                problems.append((page, clash_problem(where, address, field, owner, by_case)))
                break
        else:
            for address, _field in addresses:
                owners.add_file(compared(address), page.source, address)
    return problems


def clash_problem(where: str, address: str, field: str, owner: str, by_case: bool = False) -> str:
    """Return the one line that names the page, the field, the address and its owner
    (`by_case`: whose name differs from the page's only in case)."""
    fix = {"Title": "add 'Slug: ...'", "path": "rename it"}.get(field, f"give it another {field}")
    if by_case:
        owner += f" ({BY_CASE})"
    return f"{where}: its address {address!r} (from its {field}) is taken by {owner}: {fix}"
