"""Links as GitHub reads them in a repository's Markdown: paths to files and folders of content/.

On GitHub, `[next](../2-devices/README.md)`, `![](images/robot.png)` and
`[rubric](assignment.md#rubric)` name files of the repository, relative to the Markdown
file's folder; `/x` starts from the repository's root (content/ here); a link to a folder
shows its README. Paths are case-sensitive and percent-decoded (`a%20b.md` is `a b.md`);
a `?query` is kept aside.

Pure functions over strings, and ContentFiles, the listing they look names up in: the
chapter reader's plugin makes each such link lead to the file's page or to the file,
and the link gate tells the author, at the Markdown line, which link names no file.
"""

import os
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, unquote, urljoin

from .markdown.myst import book_root
from .pages import folder_page_among, is_markdown, stem
from .paths import path_parts
from .workbench import flat_target

SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
PLACEHOLDER = re.compile(r"^(?:\{\w*\}|\|\w*\|)")
# Characters kept out of a placeholder's path: they would end it or be read as markup.
UNSAFE_IN_PLACEHOLDER = frozenset("%?#;&\"<>\\'")
# The web address of content/ in the course's repository, where a folder a site cannot show
# (a folder of code, listed by GitHub) is linked; the chapters plugin's "Edit this page"
# links use it too. A wrong one is reported once, by course_markdown.
REPOSITORY_SETTING = "SOURCE_URL"
# A file's view in a repository is at blob/, a folder's at tree/ (GitHub and GitLab alike).
FILE_VIEW = re.compile(r"/blob/")
# An image shown by its page on GitHub (`github.com/o/r/blob/main/x.png`), as GitHub shows it
# as the image itself: a browser gets an HTML page. Its file is at raw.githubusercontent.com,
# where GitHub also sends its raw view (`github.com/o/r/raw/main/x.png`), which the page's
# policy then blocks, since it allows the host a redirect leads to, not the first one.
GITHUB_FILE_VIEW = re.compile(
    r"^\s*https://github\.com/([^/?#]+)/([^/?#]+)/(?:blob|raw)/", re.IGNORECASE
)
RAW_FILE = r"https://raw.githubusercontent.com/\1/\2/"
# A repository's address: its site, /owner/name, the view and the rest (`main/content`).
REPOSITORY_ADDRESS = re.compile(r"(https?://[^/]+)(/[^/]+/[^/]+)/(blob|tree|raw)/(.+)")
SCHEME_HOST = re.compile(r"https?://[^/?#]*", re.IGNORECASE)
SITE_AND_REPOSITORY = re.compile(r"https?://[^/?#]*(?:/[^/?#]+){0,2}", re.IGNORECASE)


@dataclass(frozen=True)
class GithubPath:
    """What a link names in content/: a path (`""` is content/ itself), its query and fragment."""

    path: str
    query: str = ""
    fragment: str = ""
    is_folder: bool = False  # written as a folder: a trailing `/`, `.` or `..`

    def with_path(self, path: str) -> str:
        """Return `path` followed by this link's `?query` and `#fragment`, as written."""
        return (
            path
            + (f"?{self.query}" if self.query else "")
            + (f"#{self.fragment}" if self.fragment else "")
        )


def relative_parts(url: str) -> tuple[str, str, str] | None:
    """Return the path (decoded), the query and the fragment of a relative URL; None for a
    URL with a scheme or a host, a Pelican placeholder, or a query or fragment alone."""
    url = url.strip()
    if not url or url.startswith(("#", "//", "?")) or SCHEME.match(url) or PLACEHOLDER.match(url):
        return None
    rest, _, fragment = url.partition("#")
    written_path, _, query = rest.partition("?")
    return unquote(written_path), query, fragment


def github_path(url: str, folder: str) -> GithubPath | None:
    """Return what `url`, written in a Markdown file of content/`folder`, names as GitHub reads it.

    None for what names no file of the course: a URL with a scheme or host, a
    `#fragment` alone, a Pelican placeholder, or a path that climbs out of content/.
    """
    written = relative_parts(url)
    if written is None:
        return None
    path, query, fragment = written
    parts = path_parts(path, [part for part in folder.split("/") if part])
    if parts is None:
        return None
    is_folder = path.rpartition("/")[2] in ("", ".", "..")
    # GitHub shows a Markdown file at its address with a `/` after it too (`ch1.md/#intro`,
    # as Functional-Light-JS links its chapters).
    if path.endswith("/") and parts and is_markdown(parts[-1]):
        is_folder = False
    return GithubPath("/".join(parts), query, fragment, is_folder)


def placeholder(kind: str, path: str, link: GithubPath) -> str:
    """Return Pelican's placeholder (`{filename}` or `{static}`) for a content path, from content/.

    The path is written whole from content/ (`{static}/1-intro/robot.png`), with only what
    would end it or be read as markup percent-encoded (Pelican tries the decoded path too).
    """
    encoded = "".join(
        quote(character, safe="", errors="surrogateescape")
        if character in UNSAFE_IN_PLACEHOLDER or (character != " " and not character.isprintable())
        else character
        for character in path
    )
    return link.with_path(f"{{{kind}}}/{encoded}")


def repository_url(settings: dict) -> tuple[str | None, str | None]:
    """Return the SOURCE_URL setting (None if unset) and the problem with it, if any."""
    value = settings.get(REPOSITORY_SETTING)
    if value is None:
        return None, None
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return None, (
            f"pelicanconf: {REPOSITORY_SETTING} must be the web address of content/ in the"
            " course's repository, like 'https://github.com/you/course/blob/main/content'"
        )
    return value.rstrip("/"), None


def is_hidden(path: str) -> bool:
    """True for a path of content/ that a name starting with `.` hides (`.github/x.md`): no
    page is built from it (IGNORE_FILES), so no link to it is made a page's."""
    return any(name.startswith(".") for name in path.split("/") if name not in ("", ".", ".."))


def file_on_github(repository: str, path: str, link: GithubPath) -> str:
    """Return the web address of the file content/`path` in the repository whose content/ is
    at `repository`, with the link's query and fragment."""
    return link.with_path(f"{repository}/{quote(path, safe='/', errors='surrogateescape')}")


def folder_on_github(repository: str, folder: str, link: GithubPath) -> str:
    """Return the web address of content/`folder` in the repository whose content/ is at
    `repository` (a folder's view: tree/, not blob/), with the link's query and fragment."""
    path = quote(folder, safe="/", errors="surrogateescape")
    address = FILE_VIEW.sub("/tree/", repository, count=1)
    return link.with_path(f"{address}/{path}" if path else address)


def raw_file_address(url: str) -> str | None:
    """Return the address of the file a GitHub file page or raw view shows (`github.com/o/r/
    blob/main/x.png` -> `raw.githubusercontent.com/o/r/main/x.png`), for an image; None for
    another URL."""
    raw = GITHUB_FILE_VIEW.sub(RAW_FILE, url, count=1)
    return raw if raw != url else None


def in_own_repository(repository: str, url: str) -> str | None:
    """Return the path from content/ (`/1-intro/README.md`, with the URL's query) that an
    absolute URL of the course's own repository names, or None.

    `repository` is SOURCE_URL, content/'s address (`https://github.com/o/r/blob/main/x`):
    the URL may be a file's there, its folder's view (`tree/`), its raw file (`raw/`, or
    GitHub's `raw.githubusercontent.com/o/r/main/x`, also `.../o/r/refs/heads/main/x`, as
    pumpkin-book links one), as a course's README links its own lessons and images.
    """
    found = REPOSITORY_ADDRESS.match(repository)
    if found is None or SCHEME_HOST.match(url) is None:
        return None
    site, owner_repository, view, rest = found.groups()
    prefixes = [f"{site}{owner_repository}/{kind}/{rest}" for kind in ("blob", "tree", "raw")]
    if site.lower() == "https://github.com":  # the branch's name alone, or as Git names it
        raw = f"https://raw.githubusercontent.com{owner_repository}"
        prefixes += [f"{raw}/{rest}", f"{raw}/refs/heads/{rest}"]
    url = site_in_lower_case(url)
    for prefix in map(site_in_lower_case, prefixes):  # GitHub ignores the case of /owner/name
        remainder = url[len(prefix) :] if url.startswith(prefix) else None
        if remainder is not None and (not remainder or remainder[0] in "/?#"):
            return "/" + remainder.lstrip("/")
    return None


def site_in_lower_case(url: str) -> str:
    """Return `url` with its scheme, host and repository (`/owner/name`) in lower case, as
    they are compared (`github.com/datawhalechina/Hello-Agents` is `.../hello-agents`)."""
    site = SITE_AND_REPOSITORY.match(url)
    return site[0].lower() + url[site.end() :] if site else url


def beyond_content_on_github(repository: str, url: str, folder: str) -> str | None:
    """Return the web address a relative link that climbs out of content/ has in the course's
    repository, read from content/`folder` as GitHub reads it (`../../actions` from the
    README is the repository's Actions tab, `../src/app.py` a file beside content/); None
    for any other link, or one that climbs out of the repository too."""
    written = relative_parts(url) if not url.strip().startswith("/") else None
    if written is None:
        return None
    # Decoded before it is joined, as a browser reads `%2e%2e` as `..` when it follows it.
    written_path, query, fragment = written
    if path_parts(written_path, [part for part in folder.split("/") if part]) is not None:
        return None  # inside content/
    base = f"{repository}/" + (f"{folder}/" if folder else "")
    scheme, _, site_path = repository.partition("://")
    host, _, path = site_path.partition("/")
    owner_repository = path.split("/")[:2]
    if len(owner_repository) < 2 or not all(owner_repository):
        return None
    joined = urljoin(unquote(base), written_path)
    if not joined.startswith(f"{scheme}://{host}/{'/'.join(owner_repository)}/"):
        return None
    address = quote(joined, safe=":/@!$&'()*+,;=~", errors="surrogateescape")
    return address + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


class ContentFiles:
    """The files and folders of content/, listed once, looked up case-sensitively as GitHub does.

    Folders are followed through symbolic links as Pelican follows them, a folder
    linked twice (`images/` and `1-intro/images` -> `../images`) listed at both
    paths, as Pelican publishes both; a folder inside itself (a link to `..`) is not
    followed, so a link loop cannot make the listing endless. A `.git` folder (a
    course cloned into content/) is not the course's: GitHub shows none.
    """

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)

    @cached_property
    def names(self) -> dict[str, tuple[set[str], set[str]]]:
        """Return {folder: (its file names, its subfolder names)}; "" is content/ itself."""
        listing: dict[str, tuple[set[str], set[str]]] = {}
        # Each folder's real path and its parents' (walked top-down, parents come first).
        real_paths: dict[str, tuple[str, ...]] = {}
        for folder, subfolders, files in os.walk(self.root, followlinks=True):
            real = os.path.realpath(folder)
            relative = os.path.relpath(folder, self.root).replace(os.sep, "/")
            relative = "" if relative == "." else relative
            above = real_paths.get(posixpath.dirname(relative), ()) if relative else ()
            if real in above:
                subfolders.clear()
                continue
            real_paths[relative] = (*above, real)
            subfolders[:] = [name for name in subfolders if name != ".git"]
            listing[relative] = (set(files), set(subfolders))
        return listing

    def is_file(self, path: str) -> bool:
        """True when content/`path` is a file."""
        folder, name = posixpath.split(path)
        return name in self.names.get(folder, ((), ()))[0]

    def is_folder(self, path: str) -> bool:
        """True when content/`path` is a folder ("" is content/ itself)."""
        return path in self.names

    def folder_page(self, folder: str) -> str | None:
        """Return the Markdown file that is a folder's page, or None: its index, else README,
        else the one file named as the folder, in it (docsify's `chapter16/chapter16.md`)
        or beside a folder of Markdown (`03-learning.md`, as GitBook and Middleman books
        are kept), as the chapters plugin reads them: a link to the folder failed the
        build, "a folder with no README.md or index.md". A folder of other files beside
        (a zoomcamp's `homework.md` and its `homework/` data) stays a folder."""
        files = self.names.get(folder, ((), ()))[0]
        page = folder_page_among(files)
        if page is not None:
            return posixpath.join(folder, page)
        name = posixpath.basename(folder)
        if not name:
            return None
        own = [file for file in files if is_markdown(file) and stem(file) == name]
        if len(own) == 1:
            return posixpath.join(folder, own[0])
        parent = posixpath.dirname(folder)
        beside = self.names.get(parent, ((), ()))[0]
        twin = [file for file in beside if is_markdown(file) and stem(file) == name]
        if len(twin) != 1 or not self.holds_markdown(folder):
            return None
        return posixpath.join(parent, twin[0])

    def holds_markdown(self, folder: str) -> bool:
        """True when a Markdown file is in `folder` or a folder under it."""
        return any(
            is_markdown(file)
            for path, (files, _subfolders) in self.names.items()
            if path == folder or path.startswith(folder + "/")
            for file in files
        )

    def files(self) -> list[str]:
        """Return every file's path from content/."""
        return [
            posixpath.join(folder, name)
            for folder, (files, _subfolders) in self.names.items()
            for name in files
        ]


def github_target(link: GithubPath, files: ContentFiles) -> str | None:
    """Return the content file a link names (a folder's README for a folder), or None if none
    or if it is a hidden page (`is_hidden`: `.github/agents/x.md` is built by no one). A
    hidden file of another kind (`.github/banner.png`) is published where it is linked."""
    target = None
    if not link.is_folder and files.is_file(link.path):
        target = link.path
    elif files.is_folder(link.path):
        target = files.folder_page(link.path)
    return None if target is not None and is_markdown(target) and is_hidden(target) else target


def course_path(url: str, folder: str, files: ContentFiles) -> GithubPath | None:
    """Return what `url`, written in a Markdown file of content/`folder`, names: as GitHub
    reads it, else, where that names no file and the file is a page of a Carpentries
    Workbench lesson, the file the Workbench's flat site finds (courselib.workbench), or,
    in a Jupyter Book, the Markdown file a name without its suffix names."""
    link = github_path(url, folder)
    if link is not None and github_target(link, files) is not None:
        return link
    written = relative_parts(url)
    if written is None:
        return link
    path, query, fragment = written
    found = flat_target(path, folder, files.root, files.is_file)
    if found is None and link is not None and not posixpath.splitext(link.path)[1]:
        # A Jupyter Book's `[Basics](basics)`: Sphinx finds the document of that name.
        in_book = book_root(folder, files.is_file) is not None
        found = f"{link.path}.md" if in_book and files.is_file(f"{link.path}.md") else None
    return GithubPath(found, query, fragment) if found is not None else link


def github_placeholder(url: str, folder: str, files: ContentFiles) -> str | None:
    """Return the Pelican placeholder for a link written the GitHub way, or None.

    None when the URL names no file of the course, or names one that does not
    exist: such a link is left as written, for the link gate to report.
    """
    link = course_path(url, folder, files)
    target = github_target(link, files) if link is not None else None
    if target is None:
        return None
    return placeholder("filename" if is_markdown(target) else "static", target, link)
