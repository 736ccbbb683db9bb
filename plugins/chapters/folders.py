"""content/ as folders: which page is a folder's own, which files are the repository's,
and what a page's links name in content/."""

import html
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from courselib.github_links import PLACEHOLDER, GithubPath, github_path, in_own_repository
from courselib.html_urls import LINK, read_html, unescape_attribute
from courselib.pages import folder_page_among, name_numbers, stem
from courselib.paths import rewrite_url
from selectolax.lexbor import LexborHTMLParser

from .outline import WrittenChapter, names_only_its_number

# A README in another language (`README-EN.md`, `README_zh-CN.md`, `README.ja.md`): the
# repository's, by the language codes courses translate into (not `README-GPU.md`), or by
# any language with its country (`README.uz-UZ.md`, `README.ka-GE.md`, as
# javascript-algorithms keeps its translations). Codes a README may mean otherwise by
# (`ml`, `ts`, `ta`, `cv`, `os`, `my`, `no`, `gl`, `eu`) are read only with a country, in capitals
# (`README-ui-ux.md` is no translation).
# Khmer is `kh` as often as `km`; Brazilian Portuguese and Chinese are also written without
# a dash (`README-ptbr.md`, `README-zhcn.md`), as coding-interview-university keeps them.
LANGUAGES = (
    "af|ar|az|bg|bn|bs|ca|cn|cs|da|de|el|en|es|et|fa|fi|fr|gu|he|hi|hr|hu|hy|id|it|ja|jp|ka"
    "|kh|kk|km|kn|ko|kr|lt|lv|mk|mn|mr|ms|nb|ne|nl|pl|pt|ro|ru|sk|sl|sq|sr|sv|sw|te|th|tl|tr"
    "|tw|uk|ur|uz|vi|zh"
)
TRANSLATED_README = re.compile(
    rf"readme[-_.](?:(?:{LANGUAGES})(?:[-_][a-z]{{2,4}})?"
    r"|[a-z]{2}[-_](?-i:[A-Z]{2}|Hans|Hant)|ptbr|zh(?:cn|tw|hk))",
    re.IGNORECASE,
)

# A folder of a translation, named by its language and country as a locale is written
# (`de-DE/`, `zh_CN/`, `zh-Hans/`, as lydiahallie/javascript-questions keeps them, its README
# linking each); in this case only: `AI-ML/`, `CI-CD/` or `ar-vr/` are topics.
TRANSLATION_FOLDER = re.compile(r"[a-z]{2}[-_](?:[A-Z]{2}|Hans|Hant)")
# A language as a translated file's name ends (`1-intro.fr.md`, `1-intro.pt-br.md`).
LANGUAGE_CODE = re.compile(rf"(?:{LANGUAGES})(?:[-_](?:[a-z]{{2}}|hans|hant))?", re.IGNORECASE)

# Languages as nodebestpractices names its lessons' translations (`3-parts.french.md`,
# `3-parts.brazilian-portuguese.md` beside `3-parts.md`).
LANGUAGE_NAMES = re.compile(
    "albanian|arabic|armenian|azerbaijani|basque|belarusian|bengali|bulgarian|burmese|catalan"
    "|chinese|croatian|czech|danish|dutch|english|estonian|farsi|filipino|finnish|french"
    "|galician|georgian|german|greek|hebrew|hindi|hungarian|icelandic|indonesian?|irish|italian"
    "|japanese|kazakh|khmer|korean|latvian|lithuanian|macedonian|malay|marathi|mongolian|nepali"
    "|norwegian|persian|polish|portuguese|romanian|russian|serbian|sinhala|slovak|slovenian"
    "|spanish|swahili|swedish|tagalog|tamil|telugu|thai|turkish|ukrainian|urdu|uzbek|vietnamese"
    "|welsh",
    re.IGNORECASE,
)

# A language so named, alone or in a few words (`french`, `brazilian-portuguese`).
LANGUAGE_NAMED = re.compile(
    rf"(?:[a-z]+-){{0,2}}(?:{LANGUAGE_NAMES.pattern})(?:-[a-z]+){{0,2}}", re.IGNORECASE
)

# A link out of the site, as a page's HTML writes it: to GitHub, say.
ADDRESS_LINK = re.compile(r'(?P<start>\shref=")(?P<address>https?://[^"]*)"', re.IGNORECASE)


# Files a repository keeps for GitHub itself, which a README links to but no syllabus holds.
REPOSITORY_FILES = frozenset(
    {"agents", "authors", "backers", "changelog", "citation", "code_of_conduct", "codeowners"}
    | {"contributing", "contributors", "funding", "governance", "license", "maintainers"}
    | {"readme", "security", "sponsors", "support"}
    # The templates of its pull requests and issues (java-design-patterns' was "Chapter 1").
    | {"pull_request_template", "issue_template"}
)
# docsify's own pages, its menu and cover: happy-llm's `docs/_sidebar.md` was a lesson.
DOCSIFY_FILES = frozenset({"_sidebar", "_navbar", "_coverpage"})
# Named so in capitals only: `translations.md` is a lesson of a course on localisation, and
# `claude.md` may be one on Claude; CLAUDE.md and GEMINI.md instruct coding assistants.
REPOSITORY_FILES_IN_CAPITALS = frozenset({"TRANSLATIONS", "CLAUDE", "GEMINI"})


@dataclass
class Folder:
    """One folder of content/ that holds Markdown: its page, its files and its subfolders."""

    path: str  # relative to content/, "" for content/ itself
    page: WrittenChapter | None = None
    files: list[WrittenChapter] = field(default_factory=list)
    folders: dict[str, "Folder"] = field(default_factory=dict)
    # False for a folder whose only Markdown files are a repository's own, at any depth
    # (`05-code/wwwroot/lib/jquery-validation/LICENSE.md`, vendored with a lab's code).
    holds_lessons: bool = True

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)


def folder_tree(pages: list[WrittenChapter]) -> Folder:
    """Return content/ as folders of the pages placed by their path."""
    root = Folder("")
    for page in sorted(pages, key=lambda p: p.path):
        folder = root
        for name in page.path.split("/")[:-1]:
            path = posixpath.join(folder.path, name)
            folder = folder.folders.setdefault(name, Folder(path))
        folder.files.append(page)
    settle_folder_pages(root)
    adopt_twin_pages(root)
    mark_lessons(root)
    return root


def folders_under(folder: Folder) -> list[Folder]:
    """Return every folder under `folder`, at any depth, not `folder` itself."""
    return [found for sub in folder.folders.values() for found in (sub, *folders_under(sub))]


def pages_under(folder: Folder) -> list[WrittenChapter]:
    """Return every page in `folder` and the folders under it."""
    pages = ([folder.page] if folder.page else []) + folder.files
    return pages + [page for sub in folder.folders.values() for page in pages_under(sub)]


def mark_lessons(folder: Folder) -> bool:
    """Set whether each folder under `folder` holds a page that is not a repository's own
    file (holds_lessons); return it for `folder`."""
    inside = [mark_lessons(sub) for sub in folder.folders.values()]  # each, not the first
    folder.holds_lessons = (
        folder.page is not None
        or any(not is_repositorys_own(posixpath.basename(page.path)) for page in folder.files)
        or any(inside)
    )
    return folder.holds_lessons


def is_repositorys_own(name: str) -> bool:
    """True for a repository's own file named in capitals, as GitHub's are (`LICENSE.md`),
    or docsify's (`_sidebar.md`): a lesson may be `agents.md` or `security.md`, or a
    README in its language; a README beside a folder's `index.md` is a page of its own."""
    base = stem(name)
    own = is_repository_file(name) and base.isupper() and base != "README"
    return own or base in DOCSIFY_FILES


def is_repository_file(name: str) -> bool:
    """True for a file a repository keeps for GitHub itself (`CONTRIBUTING.md`, `LICENSE`),
    docsify's, and its README in another language (is_translated_readme)."""
    base = stem(name)
    return (
        base.lower() in REPOSITORY_FILES
        or base in REPOSITORY_FILES_IN_CAPITALS
        or base in DOCSIFY_FILES
        or is_translated_readme(base)
    )


def is_translated_readme(base: str) -> bool:
    """True for the name (without `.md`) of a README in another language: `README-EN`,
    `README.zh-CN`, and `README.french`, as nodebestpractices names ten."""
    return TRANSLATED_README.fullmatch(base) is not None or (
        base[:7].lower() == "readme." and LANGUAGE_NAMED.fullmatch(base[7:]) is not None
    )


def translations_among(names: list[str]) -> set[str]:
    """Return the names of Markdown files that are another's translation beside it:
    `1-intro.fr.md`, `1-intro.french.md`, `1-intro.pt-BR.md`, `1-intro_FR.md` where
    `1-intro.md` is, and
    `README-zh-Hans.md` where `README.md` is (a lesson may be kept as `README_en.md` alone)."""
    stems = {stem(name) for name in names}
    readme = any(name.lower() == "readme" for name in stems)
    found = set()
    for name in names:
        # After a `.`, or after a `_` or `-` in capitals or by name (pumpkin-book's
        # `chapter1_FR.md`; not `02-deploy-az.md`, a lesson on Azure), its language.
        beside_original = any(
            original
            and original in stems
            and is_language(language)
            and (mark == "." or language.isupper() or LANGUAGE_NAMES.fullmatch(language))
            for original, mark, language in (stem(name).rpartition(mark) for mark in "._-")
        )
        if beside_original or (readme and is_translated_readme(stem(name))):
            found.add(name)
    return found


def is_language(name: str) -> bool:
    """True for a language's code (`fr`, `pt-BR`, `zh_CN`) or English name (`french`,
    `brazilian-portuguese`)."""
    return (
        LANGUAGE_CODE.fullmatch(name) is not None
        or TRANSLATION_FOLDER.fullmatch(name) is not None
        or any(LANGUAGE_NAMES.fullmatch(part) for part in name.split("-"))
    )


def settle_folder_pages(folder: Folder) -> None:
    """Make each folder's index.md, else its README.md, else the file of its own name
    (`chapter16/chapter16.md`, as docsify courses keep their chapters) its page.

    A README.md beside an index.md stays a page of the folder, as the chapter reader
    wrote it: `README.html`. A chapter kept in its folder under its folder's name was a
    lesson of itself: "Chapter 16.16". So was the one chapter of a numbered folder
    numbered as it is, as Asabeneh's 30-Days-Of courses keep their days
    (`02_Day_Variables/02_day_variables.md`): "Chapter 2: Day Variables", a page the
    build made, holding "Chapter 2.2: Variables". Unless that chapter's title is its
    number alone ("📘 Day 2"): the folder's name is then all that tells its topic.
    """
    names = [posixpath.basename(page.path) for page in folder.files]
    page_name = folder_page_among(names)
    if page_name is None and folder.path:
        own_name = [name for name in names if stem(name) == folder.name]
        page_name = own_name[0] if len(own_name) == 1 else None
    if (
        page_name is None
        and len(names) == 1
        and is_numbered_as(names[0], folder.name)
        and not names_only_its_number(folder.files[0].title)  # "📘 Day 2": the folder names it
    ):
        page_name = names[0]  # `02_Day_Variables/02_day_variables.md`, its one chapter
    if page_name is not None:
        folder.page = folder.files.pop(names.index(page_name))
    for sub in folder.folders.values():
        settle_folder_pages(sub)


def is_numbered_as(name: str, folder_name: str) -> bool:
    """True when a file's name starts with the number its folder's name starts with."""
    number = name_numbers(name)
    return number is not None and number == name_numbers(folder_name)


def adopt_twin_pages(folder: Folder) -> None:
    """Make `x.md` the page of the folder `x/` beside it that has no README.md or index.md.

    Books kept for Middleman, GitBook and the like are laid out so:
    `03-learning_to_program.md` introduces the lessons in `03-learning_to_program/`.
    """
    for name, sub in folder.folders.items():
        twin = next(
            (page for page in folder.files if stem(posixpath.basename(page.path)) == name), None
        )
        if sub.page is None and twin is not None:
            sub.page = twin
            folder.files.remove(twin)
        adopt_twin_pages(sub)


def content_link(url: str, folder: str, repository: str | None = None) -> GithubPath | None:
    """Return what a URL in a page of content/`folder` names in content/, or None: written
    the GitHub way, or as Pelican's `{filename}/1-intro/README.md` (from content/) or
    `{filename}x.md` (from the page's folder), or as its address in the course's
    `repository` (SOURCE_URL), where a link to a folder with no page leads."""
    own = in_own_repository(repository, url) if repository else None
    if own is not None:
        return github_path(own, folder)
    pelican_link = PLACEHOLDER.match(unquote(url))
    return github_path(unquote(url)[pelican_link.end() :] if pelican_link else url, folder)


def page_links(page_html: str, folder: str = "", repository: str | None = None) -> list[GithubPath]:
    """Return what the links of a page in content/`folder` name in content/, in order
    (content_link)."""
    links = []
    for url, kind, _where in read_html(page_html).urls if page_html else []:
        link = content_link(url, folder, repository) if kind == LINK else None
        if link is not None:
            links.append(link)
    return links


def first_links(
    page_html: str, repository: str | None = None, folder: str = ""
) -> tuple[dict[str, str], dict[str, int]]:
    """Return, for each path a page in content/`folder` links to (link_paths), the text of
    its first link (spaces collapsed; none for a link with no text), and which table or list
    its first link in one is in: the outermost, by an id. Headings that are each one link,
    of one level under one heading, are a list too (heading_lists), where no table or list
    links the path."""
    texts: dict[str, str] = {}
    lists: dict[str, int] = {}
    in_headings: dict[str, int] = {}
    outermost: dict[int, int | None] = {}  # by an element's id: the outermost list around it
    document = LexborHTMLParser(page_html) if page_html else None
    headings = heading_lists(document) if document is not None else {}
    for node in document.css("a[href]") if document is not None else []:
        link = content_link(node.attributes.get("href") or "", folder, repository)
        if link is None:
            continue
        path, text = link_paths([link])[0], shown_text(node)
        if text:
            texts.setdefault(path, text)
        found = outermost_list(node, outermost)
        parent = node.parent
        heading = headings.get(parent.mem_id) if parent is not None else None
        if found is None and heading is not None and shown_text(parent) == text:
            in_headings.setdefault(path, heading)
        if found is not None:
            lists.setdefault(path, found)
    return texts, in_headings | lists


def heading_lists(document: LexborHTMLParser) -> dict[int, int]:
    """Return, by each heading's id, an id it shares with the headings of its level under
    the same heading above it: a list of its section's headings, as DataTalksClub's
    zoomcamps list their modules (`## Syllabus`, then `### [Module 1: ...](01-a/)`...,
    `### [Capstone Project](project.md)`). The ids are negative: no element has one."""
    above: dict[int, int] = {}  # by level: the id of the last heading of that level
    lists = {}
    for heading in document.css("h1, h2, h3, h4, h5, h6"):
        level = int(heading.tag[1])
        above = {higher: found for higher, found in above.items() if higher < level}
        section = above[max(above)] if above else 0
        lists[heading.mem_id] = -(section * 8 + level)
        above[level] = heading.mem_id
    return lists


def shown_text(node) -> str:
    """Return an element's text as a reader sees it, its spaces collapsed."""
    return " ".join(node.text(deep=True).split())


def outermost_list(node, known: dict[int, int | None]) -> int | None:
    """Return the id of the outermost table or list around `node`, or None; `known` keeps
    it for each element walked, so a page of nested lists is walked once."""
    above, chain = node.parent, []
    while above is not None and above.mem_id not in known:
        chain.append(above)
        above = above.parent
    found = known[above.mem_id] if above is not None else None
    for element in reversed(chain):  # from the outermost down
        if found is None and element.tag in ("table", "ul", "ol"):
            found = element.mem_id
        known[element.mem_id] = found
    return found


def link_paths(links: list[GithubPath]) -> list[str]:
    """Return the paths links name (page_links), a folder's with its `/`."""
    return [link.path + ("/" if link.is_folder else "") for link in links]


def lead_to_listings(
    page_html: str, repository: str, listings: dict[str, str], page_path: str, site_url: str | None
) -> str:
    """Return a page's HTML with each link to a folder's view on GitHub (its `repository`,
    SOURCE_URL) made a link to that folder's page, where the build makes one listing its
    pages (`listings`: the folder's path in content/ to the page's path in the site).

    Such a folder has no README: its links lead to GitHub (the link reader's rule for
    folders of code), written before the syllabus says which folders are listed. The
    page is saved at `page_path`; its links are relative, or from `site_url` when set.
    """

    def led(match: re.Match) -> str:
        own = in_own_repository(repository, unescape_attribute(match["address"]))
        path = unquote(own).strip("/") if own and not any(c in own for c in "?#") else None
        target = listings.get(path) if path is not None else None
        if target is None:
            return match[0]
        address = rewrite_url(f"/{target}", page_path, site_url)
        return f'{match["start"]}{html.escape(quote(address, safe="/:"))}"'

    return ADDRESS_LINK.sub(led, page_html)
