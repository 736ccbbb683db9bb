"""Point a problem found in an output page back at the Markdown an author wrote.

The URL in the output may differ from the one written (rootlinks rewrites
`/images/c4.png` to `images/c4.png`; Pelican turns `{filename}x.md` into
`x.html`), so a problem is matched to a written link by what both resolve to
from the page, not by their text.
"""

import posixpath
import re

from .address import PLACEHOLDER, Resolution, SiteAddress, resolve_url
from .locate import WrittenLink, markdown_links
from .problems import Problem
from .suggest import as_written

# How authors' root-absolute links are meant: from the site's root, whatever SITEURL is.
AUTHOR_ROOT = SiteAddress()


def target_key(resolution: Resolution, url: str) -> tuple:
    """Return what a URL means, comparable between the Markdown and the output."""
    if resolution.outcome == "local":
        return (
            "local",
            resolution.path,
            resolution.fragment if resolution.fragment != "top" else "",
        )
    if resolution.outcome == "external":
        return ("external", url.strip().rstrip("/"))
    return ("as-written", url.strip())


def written_key(
    url: str, page: str, source: str, content_to_site: dict[str, str] | None = None
) -> tuple:
    """Return the target key of a URL written in the Markdown `source` of `page`.

    `source` is the Markdown path relative to the content folder, and
    `content_to_site` maps content files to the site paths they were written to.
    """
    placeholder = PLACEHOLDER.match(url)
    if placeholder and content_to_site is not None:
        rest = url[placeholder.end() :]
        path, _, fragment = rest.partition("#")
        path = path.split("?", 1)[0]
        if path.startswith("/"):
            content_path = posixpath.normpath(path.lstrip("/"))
        else:
            content_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        site_path = content_to_site.get(content_path)
        if site_path is not None:
            return ("local", site_path, fragment if fragment != "top" else "")
    return target_key(resolve_url(url, page, AUTHOR_ROOT), url)


def map_to_markdown(
    problems: list[Problem],
    markdown: str,
    shown_source: str,
    source: str,
    site: SiteAddress,
    content_to_site: dict[str, str] | None = None,
    template: str | None = None,
) -> list[Problem]:
    """Return `problems` of one page, each pointed at its Markdown line when written there.

    A problem with no matching link in the Markdown came from the theme: it keeps
    its place in the output page and names the page's template.
    """
    links: list[WrittenLink] = markdown_links(markdown)
    keys = [
        written_key(link.url, problem_page(problems), source, content_to_site) for link in links
    ]
    used: set[int] = set()
    mapped = []
    for problem in problems:
        wanted = target_key(resolve_url(problem.target, problem.page, site), problem.target)
        index = next(
            (
                i
                for i, key in enumerate(keys)
                if i not in used
                and (key == wanted or links[i].url.strip() == problem.target.strip())
                and (problem.kind != "alt" or links[i].lacks_alt)
            ),
            None,
        )
        if index is None:
            spot = literal_spot(markdown, problem.target)
            if spot is not None:
                # A link form our patterns do not know (Markdown is lenient), written verbatim.
                mapped.append(problem.located(shown_source, *spot))
                continue
            mapped.append(
                problem.located(
                    problem.file or problem.page,
                    problem.line,
                    problem.column,
                    template=template,
                    in_theme=True,
                )
            )
            continue
        used.add(index)
        link = links[index]
        written = link.url if link.url != problem.target else None
        suggestion = problem.suggestion
        if written and suggestion and not suggestion.startswith("#") and wanted[0] == "local":
            suggestion = as_written(link.url, wanted[1], suggestion)
        mapped.append(
            problem.located(
                shown_source, link.line, link.column, written=written, suggestion=suggestion
            )
        )
    return mapped


def literal_spot(markdown: str, url: str) -> tuple[int, int] | None:
    """Return (line, column) where `url` is written in parentheses, quotes or brackets, or None.

    Pelican may rewrite a placeholder URL it cannot resolve (`{static};0` comes out as
    `{static};0;0`), so the part before any `;` is looked for too; Markdown writes
    a NUL character as U+FFFD, and expands a tab into spaces, so a run of spaces
    in the URL may be a tab in the Markdown.
    """
    url = url.strip()
    for candidate in dict.fromkeys([url, url.split(";")[0], url.replace("\ufffd", "\x00")]):
        if not candidate:
            continue
        written = r"[ \t]+".join(re.escape(part) for part in re.split(r" +", candidate))
        for opening in ("(", "<", '"', "'", ": "):
            found = re.search(re.escape(opening) + written, markdown)
            if found:
                offset = found.start() + len(opening)
                line = markdown.count("\n", 0, offset) + 1
                return line, offset - (markdown.rfind("\n", 0, offset) + 1) + 1
    return None


def problem_page(problems: list[Problem]) -> str:
    """Return the output page the problems were found in (they share one)."""
    return problems[0].page if problems else ""
