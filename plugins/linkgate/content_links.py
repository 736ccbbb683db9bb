"""Problems with links written the GitHub way, told in content/'s terms.

A chapter's `../2-devices/READM.md` or `images/robot.png` names a file of content/, as
on GitHub (courselib.github_links). The chapter plugin made each link whose file exists
a link to its page or file; one whose file does not exist stays as written, and the
gate finds it broken in the built page, where it may even climb out of the site. Said
from the page it would mislead: the author is told instead that content/ has no such
file, with the nearest that exists written as they would write it (`../images/robot.png`
for the same name in another folder), at their Markdown line.
"""

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from courselib.github_links import (
    REPOSITORY_SETTING,
    ContentFiles,
    beyond_content_on_github,
    course_path,
    github_placeholder,
    github_target,
    in_own_repository,
    is_hidden,
    is_markdown,
    raw_file_address,
)

from .problems import Problem
from .suggest import ContentSuggester, content_link_as_written

SITE_PAGE_SUFFIXES = (".html", ".htm")
PLACEHOLDER_LEFT = "Pelican placeholder"


@dataclass
class ContentLinks:
    """What the gate needs to judge GitHub links: content/'s files, and how it is shown."""

    files: ContentFiles
    shown_root: str = "content"  # content/ as the author sees it
    repository: str | None = None  # SOURCE_URL
    # The ids of the page built from a file of content/, None when it made none.
    ids_of: Callable[[str], frozenset[str] | None] | None = None
    suggest: ContentSuggester = field(init=False)

    def __post_init__(self) -> None:
        self.suggest = ContentSuggester(self.files)

    def placeholder(self, url: str, source: str) -> str | None:
        """Return the placeholder a URL written in content/`source` was made, or None."""
        return github_placeholder(url, posixpath.dirname(source), self.files)

    def rewritten(self, url: str, source: str) -> list[str]:
        """Return what else the plugins may have made of a URL written in content/`source`
        than its placeholder: its own file's (with SOURCE_URL), its address in the
        repository, and for an image its file's address on GitHub (raw_file_address)."""
        folder = posixpath.dirname(source)
        made = []
        if self.repository:
            own = in_own_repository(self.repository, url)
            made.append(github_placeholder(own, folder, self.files) if own is not None else None)
            made.append(beyond_content_on_github(self.repository, url, folder))
        made += [raw_file_address(address) for address in [url, *made] if address]
        return [address for address in made if address]

    def has_id(self, path: str, fragment: str) -> bool:
        """Tell whether the page built from content/`path` (a file, or a folder's README)
        may have this id: False only where its page is known to lack it."""
        page = path if self.files.is_file(path) else self.files.folder_page(path)
        ids = self.ids_of(page) if self.ids_of is not None and page is not None else None
        return ids is None or fragment in ids

    def judged(
        self, problem: Problem, url: str, written: str, source: str, suggestion: str | None
    ) -> tuple[str, str | None] | None:
        """Return the (reason, suggestion) to tell for a problem with a link written in
        content/`source` as `url` (shown as `written`); None to keep the gate's own.

        `suggestion` is the gate's, from the site's files, kept when content/ has none.
        """
        folder = posixpath.dirname(source)
        if url.startswith("#") and problem.kind == "anchor" and is_markdown(source):
            # The page's own heading, named in its Markdown, not in the page it built.
            shown = posixpath.join(self.shown_root, source)
            return f"no heading or id {unquote(url[1:])!r} in {shown}", suggestion
        link = course_path(url, folder, self.files)
        if link is None or link.path.lower().endswith(SITE_PAGE_SUFFIXES):
            return None  # a link to a page of the site, judged in the site
        target = github_target(link, self.files)
        if target is None:
            page = link.path if self.files.is_file(link.path) else self.files.folder_page(link.path)
            if page is not None and is_hidden(page) and is_markdown(page):
                shown = posixpath.join(self.shown_root, page)
                return (
                    f"{shown} is hidden (a name in its path starts with '.'), and no page is"
                    f" built from a hidden file: set {REPOSITORY_SETTING} to link it on GitHub",
                    None,
                )
            if self.files.is_folder(link.path):
                shown = posixpath.join(self.shown_root, link.path) + "/"
                return (
                    f"{shown} is a folder with no README.md or index.md: link to a file in it,"
                    f" or set {REPOSITORY_SETTING} to link such folders to GitHub",
                    None,
                )
            reason = "no such folder" if link.is_folder else "no such file"
            found = self.suggest(link, source)
            if found is None:
                return reason, suggestion
            suggested = content_link_as_written(found, written, folder, link)
            if link.fragment and not self.has_id(found, unquote(link.fragment)):
                suggested = suggested.split("#", 1)[0]  # advice that would only move the problem
            return reason, suggested
        if not is_markdown(target):
            return None
        shown = posixpath.join(self.shown_root, target)
        if problem.kind == "anchor":
            if suggestion and suggestion.startswith("#"):
                suggestion = written.partition("#")[0] + suggestion  # `assignment.md#rubric`
            return f"no heading or id {unquote(link.fragment)!r} in {shown}", suggestion
        if problem.reason.startswith(PLACEHOLDER_LEFT) or problem.kind == "link":
            # Its page was left out (its address another's, say): told with its own problem.
            return f"{shown} made no page (see its own problem above)", None
        return None
