"""A chapter's links and images written the GitHub way, made links to the course's pages and files.

`[next](../2-devices/README.md)`, `[rubric](assignment.md#Rubric)`, `[part 3](/3-spatial/)`
and `![robot](../../images/robot.png)` name files of content/ as GitHub reads them
(courselib.github_links). A link to a Markdown file whose file exists becomes Pelican's
`{filename}` placeholder for it, so it goes to the file's page wherever that is served.
Any other file is published at its path in content/ (even outside STATIC_PATHS), and
its link becomes that path from the site's root, percent-encoded (`/1-intro/my%20pic.png`),
which rootlinks makes right for the page and for SITEURL. (Pelican's `{static}` would write
the file's name into the page as it is: a space, `#` or `"` in it would break the link or
the tag; it is used only when STATIC_URL or STATIC_SAVE_AS move files from their path.)
A link that already reaches its file from the page as served (`/images/c4.png` for a file
STATIC_PATHS publishes) is left as written. A link whose file does not exist is left as
written too: the link gate reports it at its Markdown line, with a did-you-mean.

GitHub finds `#Some-Heading` when no id is spelt so but `some-heading` is (in its own
script); a browser does not, so such a fragment is written in lower case here.

This runs on each chapter's HTML every build (not in the reader, whose output Pelican
caches by the chapter's own file): whether a linked file exists is decided afresh each time.
What it did to a chapter is kept for the next build (`page_edits` says all it read: the
names of content/'s files, the other chapters whose ids it read) and used while those stay.
"""

import hashlib
import html
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, unquote

from courselib.cached_products.page_rewrites import Edits, apply_edits, file_stamp
from courselib.github_links import (
    ContentFiles,
    GithubPath,
    beyond_content_on_github,
    course_path,
    file_on_github,
    folder_on_github,
    github_path,
    github_target,
    in_own_repository,
    is_markdown,
    placeholder,
)
from courselib.html_urls import read_css, read_html, unescape_attribute
from courselib.markdown import chapter_body, front_matter_of, render_markdown
from courselib.markdown.headings import GITHUB_ID_PREFIX
from courselib.markdown.myst import book_root
from courselib.page_parser import page_parser
from markdown_it.common.normalize_url import normalizeLink

URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "data")
# A URL attribute's value, found from its `=` (a search led by a literal is fast), the name
# before it checked looking back: a scan for the names would be tried at every letter.
URL_VALUE = re.compile(
    "=(?:"
    + "|".join(rf"(?<=\s{name}{space}=)" for name in URL_ATTRIBUTES for space in ("", r"\s"))
    + r""")\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'>][^\s>]*))""",
    re.IGNORECASE,
)
COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
# Files published as they are whose own addresses are followed (see `with_files_they_use`).
FOLLOWED_SUFFIXES = (".html", ".htm", ".css")
# A start tag up to its last attribute, as the chapter's links are found in raw HTML (an
# unquoted value, as a browser reads it, up to a space or `>`).
TAG_START = re.compile(
    r"""<[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>][^\s>]*))?)*"""
)
# What a Jupyter Book's `[text](label)` may name: a target `(label)=` (no path, no suffix).
MYST_LABEL = re.compile(r"^\w[\w:-]*$")
ID_ATTRIBUTE = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def page_ids(page_html: str) -> frozenset[str]:
    """Return the ids (and `name`s) a page's HTML gives its elements."""
    return frozenset(unescape_attribute(a or b) for a, b in ID_ATTRIBUTE.findall(page_html))


def github_fragment(fragment: str, ids: frozenset[str] | Callable[[], frozenset[str]]) -> str:
    """Return the fragment GitHub's page script would scroll to: as written, else in lower case.

    `ids` are the target page's; a function giving them is called only for a fragment
    with capitals (rare: finding ids may mean reading another chapter). The fragment is
    compared decoded (Markdown wrote `#Über` as `#%C3%9Cber`) and written back encoded.
    A fragment naming an id as GitHub's page has it (`#user-content-rubric`) is the id.
    """
    written = unquote(fragment)
    if written.startswith(GITHUB_ID_PREFIX):  # the id as GitHub writes it in its page
        ids = ids() if callable(ids) else ids
        unprefixed = github_fragment(fragment[len(GITHUB_ID_PREFIX) :], ids)
        if written not in ids and unquote(unprefixed) in ids:
            return unprefixed
    if written == written.lower():
        return fragment
    ids = ids() if callable(ids) else ids
    if written in ids or written.lower() not in ids:
        return fragment
    return normalizeLink("#" + written.lower())[1:]


def rewrite_urls(page_html: str, rewrite: Callable[[str, bool], str]) -> str:
    """Return `page_html` with `rewrite(url, in_srcset)` in place of every URL its tags hold.

    URLs in `href`, `src`, `poster`, `data` and each `srcset` candidate, in a start
    tag and not in a comment. Everything else is kept byte for byte.
    """
    return apply_edits(page_html, url_edits(page_html, rewrite))


def url_edits(page_html: str, rewrite: Callable[[str, bool], str]) -> Edits:
    """Return what `rewrite_urls` changes: each rewritten value's span and its new text."""
    comments = (
        [match.span() for match in COMMENT.finditer(page_html)] if "<!--" in page_html else []
    )
    edits: Edits = []
    for value in URL_VALUE.finditer(page_html):
        equals, end = value.span()
        if not in_start_tag(page_html, equals, end, comments):
            continue
        group = value.lastgroup  # the one of "double", "single" and "bare" that matched
        written = value[group]
        url = unescape_attribute(written)
        if page_html[equals - 7 : equals].rstrip().lower().endswith("srcset"):
            new = rewrite_srcset(url, rewrite)
        else:
            new = rewrite(url, False)
        if new == url:
            continue
        mark = "'" if group == "single" else '"'
        escaped = html.escape(new, quote=True) if mark == '"' else html.escape(new, quote=False)
        start = value.start(group) - (group != "bare")
        edits.append((start, value.end(group) + (group != "bare"), mark + escaped + mark))
    return edits


def in_start_tag(page_html: str, start: int, end: int, comments: list[tuple[int, int]]) -> bool:
    """True when `page_html[start:end]`, an attribute's `=value`, is in a start tag.

    Not in a comment. The tag is the last `<` before it; a `>` between them is
    either the end of another tag or inside a quoted value, which its parse tells.
    """
    opened = page_html.rfind("<", 0, start)
    if opened < 0 or not page_html[opened + 1 : opened + 2].isalpha():
        return False
    if page_html.find(">", opened, start) >= 0:
        tag = TAG_START.match(page_html, opened)
        if tag is None or tag.end() < end:
            return False
    return not any(comment_start <= opened < comment_end for comment_start, comment_end in comments)


def rewrite_srcset(srcset: str, rewrite: Callable[[str, bool], str]) -> str:
    """Return a srcset with each candidate's URL rewritten, its descriptor kept."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.strip().split(None, 1)
        if parts:
            parts[0] = rewrite(parts[0], True)
        candidates.append(" ".join(parts))
    return ", ".join(candidates)


@dataclass
class CourseLinks:
    """What one build knows to resolve GitHub links: content/'s files and pages' ids.

    Made once a build: the files are listed, and a Markdown file's ids found, on first use.
    """

    content_root: str
    static_paths: tuple[str, ...] = ()
    static_at_own_path: bool = True  # STATIC_URL and STATIC_SAVE_AS are both "{path}"
    repository: str | None = None  # SOURCE_URL: content/ in the course's repository
    files: ContentFiles = field(init=False)
    linked_files: set[str] = field(default_factory=set)  # non-Markdown files to publish
    _ids: dict[str, frozenset[str]] = field(default_factory=dict)
    # Each Markdown file whose ids were read, and its stamp as it was read (see file_stamp).
    id_stamps: dict[str, list[int] | None] = field(default_factory=dict)
    # (URL without its fragment, folder in content/, folder in the site, root URLs or not)
    # -> resolution()'s answer
    _resolved: dict[tuple[str, str, str, bool], tuple[str | None, str | None, str | None]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.files = ContentFiles(self.content_root)

    @classmethod
    def from_settings(cls, settings: dict, repository: str | None = None) -> "CourseLinks":
        """Return the resolver of a build with these Pelican settings."""
        return cls(
            content_root=settings["PATH"],
            static_paths=tuple(settings.get("STATIC_PATHS") or ()),
            static_at_own_path=settings.get("STATIC_URL", "{path}") == "{path}"
            and settings.get("STATIC_SAVE_AS", "{path}") == "{path}",
            repository=repository,
        )

    def ids_of(self, markdown_path: str) -> frozenset[str]:
        """Return the ids of the page a Markdown file of content/ makes (read once a build)."""
        if markdown_path not in self._ids:
            path = os.path.join(self.content_root, markdown_path)
            self.id_stamps[markdown_path] = file_stamp(path)
            try:
                with open(path, encoding="utf-8-sig") as source:
                    text = source.read().replace("\r\n", "\n").replace("\r", "\n")
                parser = page_parser(markdown_path, self.content_root, front_matter_of(text))
                html = render_markdown(chapter_body(text), parser).html
                self._ids[markdown_path] = page_ids(html)
            except (OSError, UnicodeDecodeError):
                self._ids[markdown_path] = frozenset()  # its own problem is reported elsewhere
        return self._ids[markdown_path]

    def is_published_as_is(self, path: str) -> bool:
        """True when Pelican publishes content/`path` at the same path in the site anyway."""
        if not self.static_at_own_path:
            return False
        folders = [folder.strip("/") for folder in self.static_paths]
        return any(
            not folder or path == folder or path.startswith(folder + "/") for folder in folders
        )

    def with_files_they_use(self, files: set[str]) -> set[str]:
        """Return `files` (of content/, published as they are) and every file of content/ that
        one of them loads or links to by its own address, followed from file to file.

        A demo page beside a lesson (`demo.html`, linked from the chapter) brings its
        script, stylesheet and images, which no chapter names: published with it, it works
        as it did beside the lesson on GitHub Pages.
        """
        found, waiting = set(files), sorted(files)
        while waiting:
            for used in self.files_used_by(waiting.pop()):
                if used not in found:
                    found.add(used)
                    waiting.append(used)
        return found

    def files_used_by(self, path: str) -> set[str]:
        """Return the files of content/ other than Markdown that the HTML or CSS file
        content/`path` names by an address from its folder (or from content/ with `/`)."""
        if not path.lower().endswith(FOLLOWED_SUFFIXES):
            return set()
        try:
            with open(
                os.path.join(self.content_root, path), encoding="utf-8", errors="replace"
            ) as file:
                text = file.read()
        except OSError:
            return set()  # the file is reported where it is published, or missing
        # Read as the link gate reads the site: what it checks is what is published.
        if path.lower().endswith(".css"):
            urls = read_css(text)
        else:
            urls = [url for url, _kind, _where in read_html(text).urls]
        folder = posixpath.dirname(path)
        used = set()
        for url in urls:
            link = github_path(url, folder)
            target = github_target(link, self.files) if link is not None else None
            if target is not None and not is_markdown(target):
                used.add(target)
        return used

    @cached_property
    def listing_digest(self) -> str:
        """Return a digest of the names of content/'s files and folders: all a link's
        resolution reads of content/, but the ids of Markdown files (see `id_stamps`)."""
        digest = hashlib.sha256()
        for folder, (files, subfolders) in sorted(self.files.names.items()):
            names = [folder, *sorted(files), "/", *sorted(subfolders)]
            digest.update("\0".join(names).encode("utf-8", "surrogateescape") + b"\1")
        return digest.hexdigest()

    def rewrite_page(self, page_html: str, source: str, save_as: str, url: str = "") -> str:
        """Return a chapter's HTML with its GitHub links resolved.

        `source` is the Markdown file's path from content/, `save_as` the page's path in
        the site, or "" for a text shown on another page (at `url`): rootlinks leaves
        such a text alone, so its files are named by Pelican's `{static}` instead.
        """
        edits, _linked, _ids_read = self.page_edits(page_html, source, save_as, url)
        return apply_edits(page_html, edits)

    def page_edits(
        self, page_html: str, source: str, save_as: str, url: str = ""
    ) -> tuple[Edits, set[str], set[str]]:
        """Return what `rewrite_page` changes in a chapter's HTML (see `url_edits`), the files
        its links publish (also added to `linked_files`) and the other Markdown files whose
        ids it read: with the HTML, where it is served and `listing_digest`, all it read."""
        folder, site_folder = posixpath.dirname(source), posixpath.dirname(save_as or url)
        root_urls = bool(save_as) and self.static_at_own_path
        own_ids: list[frozenset[str]] = []
        linked: set[str] = set()
        ids_read: set[str] = set()

        def ids_of(target: str) -> frozenset[str]:
            if target != source:
                ids_read.add(target)
                return self.ids_of(target)
            if not own_ids:
                own_ids.append(page_ids(page_html))
            return own_ids[0]

        def rewrite(url: str, in_srcset: bool) -> str:
            address, hash_mark, fragment = url.partition("#")
            if not address:
                return hash_mark + github_fragment(fragment, lambda: ids_of(source))
            key = (address, folder, site_folder, root_urls)
            if key not in self._resolved:
                self._resolved[key] = self.resolution(address, folder, site_folder, root_urls)
            new_address, target, published = self._resolved[key]
            in_book = new_address is None and not hash_mark and MYST_LABEL.match(address)
            if in_book and book_root(folder, self.files.is_file) is not None:
                label = unquote(address)
                if label in ids_of(source):  # MyST's `[shown above](label)`: its target
                    return "#" + address
                page = self.labelled_page(label, folder, ids_read)
                if page is not None:
                    return placeholder("filename", page, GithubPath(page, fragment=address))
            if published is not None:
                linked.add(published)
            if new_address is None:
                return url
            if in_srcset and new_address.startswith("{"):
                return url  # Pelican replaces no placeholder in a srcset
            if target is not None:  # a Markdown file: its page's ids decide the fragment
                fragment = github_fragment(fragment, lambda: ids_of(target))
            return new_address + hash_mark + fragment

        edits = url_edits(page_html, rewrite)
        self.linked_files.update(linked)
        return edits, linked, ids_read

    def labelled_page(self, label: str, folder: str, ids_read: set[str]) -> str | None:
        """Return the page of the Jupyter Book a chapter in content/`folder` is in that has
        the target `(label)=` (an id `label`), or None; the pages whose ids were read are
        added to `ids_read`. Sphinx reads `[text](label)` so where no file is named."""
        book = book_root(folder, self.files.is_file)
        if book is None:
            return None
        pages = sorted(
            path
            for path in self.files.files()
            if is_markdown(path) and (not book or path.startswith(book + "/"))
        )
        for page in pages:
            ids_read.add(page)
            if label in self.ids_of(page):
                return page
        return None

    def resolution(
        self, address: str, folder: str, site_folder: str, root_urls: bool = True
    ) -> tuple[str | None, str | None, str | None]:
        """Return what a URL without its fragment, written in content/`folder`, becomes.

        (None, None, None) to leave it as written; else the new URL (with the link's
        query), the Markdown file it leads to (whose ids the fragment must match) or None
        for another file, and the file other than a page the link publishes, or None. The
        page is served from `site_folder`; a file other than a page is named from the
        site's root with `root_urls`, else by `{static}`.
        """
        own = in_own_repository(self.repository, address) if self.repository else None
        if own is not None:  # the course's own file on GitHub (its README's table of lessons)
            address = own
        link = course_path(address, folder, self.files)
        target = github_target(link, self.files) if link is not None else None
        if target is None and own is not None:
            return None, None, None  # not a file of content/: GitHub's address, as written
        if target is None:
            if link is None and self.repository:
                # `../../actions`: the repository's tab, `../src/app.py`: a file beside content/.
                return beyond_content_on_github(self.repository, address, folder), None, None
            if link is not None and self.repository and self.files.is_folder(link.path):
                # A folder with no page (code, say): GitHub lists its files; a site cannot.
                return folder_on_github(self.repository, link.path, link), None, None
            if link is not None and self.repository and self.files.is_file(link.path):
                # A hidden page (`.github/agents/x.md`): not built, shown by GitHub.
                return file_on_github(self.repository, link.path, link), None, None
            return None, None, None
        if is_markdown(target):
            return placeholder("filename", target, link), target, None
        # A link from the site's root works as written only where rootlinks fixes it.
        served = github_path(address, site_folder) if root_urls or address[0] != "/" else None
        published = self.is_published_as_is(target) and served is not None
        if published and served.path == target and own is None:
            return None, None, None
        if not root_urls:
            return placeholder("static", target, link), None, target
        return link.with_path("/" + quote(target, errors="surrogateescape")), None, target
