"""Point a problem found in an output page back at the Markdown an author wrote.

The chapter parser lists every URL written in a chapter with its line and column
(links, images, footnotes, raw HTML, wherever Markdown put them). The URL in the
output may differ from the one written (rootlinks rewrites `/images/c4.png` to
`images/c4.png`; Pelican turns `{filename}x.md` into `x.html`), so a problem is
matched to a written URL by what both resolve to from the page, else by its text.
Each written URL answers one problem, in order, so the same broken link written
twice is reported at both places; the matching is linear in links and problems.
"""

import posixpath
import re
from collections import defaultdict, deque
from urllib.parse import unquote

from courselib.markdown import WrittenLink, chapter_links, front_matter_of
from courselib.page_parser import page_parser
from courselib.pages import is_markdown, page_save_as
from courselib.workbench import page_links

from .address import PLACEHOLDER, Resolution, SiteAddress, resolve_url
from .content_links import ContentLinks
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


def written_keys(
    url: str,
    page: str,
    source: str,
    content_to_site: dict[str, str] | None = None,
    content_links: ContentLinks | None = None,
) -> set[tuple]:
    """Return the target keys of a URL written in the Markdown `source` of `page`: one, or
    for a page left out of the site, two (below).

    `source` is the Markdown path relative to the content folder, and
    `content_to_site` maps content files to the site paths they were written to.
    A link written the GitHub way means what the chapter plugin made of it.
    """
    if content_links is not None:
        url = content_links.placeholder(url, source) or url
    placeholder = PLACEHOLDER.match(url)
    if placeholder and content_to_site is not None:
        rest = url[placeholder.end() :]
        path, _, fragment = rest.partition("#")
        path, _, params = path.split("?", 1)[0].partition(";")
        if not path:  # `{filename}` alone: Pelican links the page to itself
            content_path = source
        elif path.startswith("/"):
            content_path = posixpath.normpath(path.lstrip("/"))
        else:
            content_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        site_path = content_to_site.get(content_path) or content_to_site.get(unquote(content_path))
        left_out = site_path is None and content_links is not None and is_markdown(content_path)
        if left_out:
            # A page left out: where its path would put it (its address was another's), or
            # the placeholder Pelican left in the page (its file is not UTF-8, say).
            site_path = page_save_as(unquote(content_path))
        if site_path is not None:
            # Pelican keeps a `;params` part after the page it put in place of the placeholder.
            site_path += f";{unquote(params)}" if params else ""
            fragment = unquote(fragment)  # as resolve_url gives it: `#Ünknown`, not `#%C3%9Cnknown`
            key = ("local", site_path, fragment if fragment != "top" else "")
            return {key, key_as_written(url, page)} if left_out else {key}
    return {key_as_written(url, page)}


def key_as_written(url: str, page: str) -> tuple:
    """Return the target key of `url` as it stands in `page`, read from the author's root."""
    return target_key(resolve_url(url, page, AUTHOR_ROOT), url)


def map_to_markdown(
    problems: list[Problem],
    markdown: str,
    shown_source: str,
    source: str,
    site: SiteAddress,
    content_to_site: dict[str, str] | None = None,
    template: str | None = None,
    content_links: ContentLinks | None = None,
) -> list[Problem]:
    """Return `problems` of one page, each pointed at its Markdown line when written there.

    A problem with no matching URL in the Markdown came from the theme: it keeps
    its place in the output page and names the page's template. With `content_links`,
    a link written the GitHub way is judged as content/ has it (see content_links.py).
    """
    parser = None
    if markdown and content_links is not None:  # read as its page was (page_parser)
        parser = page_parser(source, content_links.files.root, front_matter_of(markdown))
        common = page_links(source, content_links.files.root, markdown)  # a lesson's links
        markdown = common.appended_to(markdown) if common is not None else markdown
    links: list[WrittenLink] = chapter_links(markdown, parser) if markdown else []
    page = problem_page(problems)
    by_key: dict[tuple, deque[int]] = defaultdict(deque)
    by_url: dict[str, deque[int]] = defaultdict(deque)
    for index, link in enumerate(links):
        made = content_links.rewritten(link.url, source) if content_links else []
        keys = {
            key
            for url in [*made, link.url]
            for key in written_keys(url, page, source, content_to_site, content_links)
        }
        for key in keys:
            by_key[key].append(index)
        by_url[comparable(link.url)].append(index)
    used: set[int] = set()
    # The written link each element of the page was matched to: an image both blocked and
    # without alt text is two problems of one element, and both are at its one link.
    by_element: dict[tuple[int, int], int] = {}
    mapped = []
    for problem in problems:
        wanted = target_key(resolve_url(problem.target, problem.page, site), problem.target)
        needs_alt = problem.kind == "alt"
        element = (problem.line, problem.column) if problem.line is not None else None
        index = by_element.get(element) if element else None
        if index is None:
            index = first_unused(by_key.get(wanted), used, links, needs_alt)
        if index is None:
            index = first_unused(by_url.get(comparable(problem.target)), used, links, needs_alt)
        if index is not None and element:
            by_element[element] = index
        if index is None:
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
        written = link.written or link.url
        written = written if written != problem.target else None
        suggestion = problem.suggestion
        if written and suggestion and not suggestion.startswith("#") and wanted[0] == "local":
            fragment_kept = "#" in suggestion  # dropped where the page suggested lacks it
            suggestion = as_written(written, wanted[1], suggestion)
            suggestion = suggestion if fragment_kept else suggestion.split("#", 1)[0]
        reason = problem.reason
        judged = (
            content_links.judged(problem, link.url, link.written or link.url, source, suggestion)
            if content_links is not None and problem.kind in ("link", "image", "anchor")
            else None
        )
        if judged is not None:
            reason, suggestion = judged
        mapped.append(
            problem.located(
                shown_source,
                link.line,
                link.column,
                written=written,
                suggestion=suggestion,
                reason=reason,
            )
        )
    return mapped


def first_unused(
    candidates: deque[int] | None, used: set[int], links: list[WrittenLink], needs_alt: bool
) -> int | None:
    """Return the first candidate link not matched yet (one lacking alt if asked), or None.

    Candidates already matched are dropped from the front as they are met, so each
    is looked at about once however many problems a page has.
    """
    if not candidates:
        return None
    while candidates and candidates[0] in used:
        candidates.popleft()
    return next(
        (i for i in candidates if i not in used and (not needs_alt or links[i].lacks_alt)), None
    )


def comparable(url: str) -> str:
    """Return a URL as compared by text: trimmed, and a placeholder's `;params`, `?query`
    and `#fragment` left out.

    Pelican rewrites a placeholder it cannot resolve (`{static};0` comes out as
    `{static};0;0`, `{static}#0` as `{static}#0#0`), so only its path is compared.
    """
    url = url.strip()
    return re.split(r"[;?#]", url, maxsplit=1)[0] if PLACEHOLDER.match(url) else url


def problem_page(problems: list[Problem]) -> str:
    """Return the output page the problems were found in (they share one)."""
    return problems[0].page if problems else ""
