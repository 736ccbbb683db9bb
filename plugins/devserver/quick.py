"""The quick update: a saved chapter's page rendered again from the build kept in memory.

A full build at 500 chapters takes seconds, most of them on what a save did not
change: 2,500 images, 500 other pages, the search index. The process that made the
last good build stays alive (`warm.py`) with Pelican's generators and their context.
When only chapters' Markdown changed, it reads those files again, gives each its
place in the course (every generator that keeps something of each chapter does
that through `refresh_content(old, new)`; the chapters plugin updates the syllabus
entry, so the page's sidebar shows a new title), renders the chapter's page with
the same template and context, and puts it into the served site.

It is a preview, never the last word: the full build runs right after and its
site replaces this one (and when it fails, the dev server puts back the pages
replaced here). Nothing is written when any doubt remains, and the full build
alone then answers the save:

- a file that is not a published chapter of the last build, or whose place in the
  course changed (slug, number, status, template, Release day);
- a warning or error while reading or rendering (the full build reports it);
- a page that uses a file the served site does not have (a new image, a new social
  card), or links to a page or an anchor that does not exist.
"""

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from courselib.html_urls import LINK, read_html
from courselib.pages import FILE_DATE_FIELD
from courselib.paths import shown_path
from linkgate.address import SiteAddress, resolve_url
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

# What stays as the reader left it and what a generator sets later, when comparing the
# chapter read again with the one the build kept: the body and what is made of it.
BODY_FIELDS = frozenset({"title", "summary", "description", "modified"})


class NotQuick(Exception):
    """This save needs the full build; the message says why (shown in the terminal)."""


@dataclass
class KeptBuild:
    """The Pelican run of the last good build, kept for quick updates."""

    pelican: object = None
    generators: list = field(default_factory=list)

    def connect(self) -> None:
        """Keep the build's generators and Pelican object when it has made them."""
        signals.all_generators_finalized.connect(self._keep_generators, weak=False)
        signals.finalized.connect(self._keep_pelican, weak=False)

    def _keep_generators(self, generators) -> None:
        self.generators = list(generators)

    def _keep_pelican(self, pelican) -> None:
        self.pelican = pelican


class ProblemsSeen(logging.Handler):
    """Collects the warnings and errors logged while a quick update runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def update_pages(kept: KeptBuild, sources: list[str], site: Path, originals: Path) -> list[str]:
    """Render again the pages of the chapters `sources` (absolute paths) into `site`.

    Returns the site paths written (`chapter4.html`). A page's file as the last good
    build wrote it is kept in `originals` (once), for the dev server to put back if
    the full build fails. Raises NotQuick, writing nothing, when the full build must
    answer.
    """
    if kept.pelican is None:
        raise NotQuick("no build is kept")
    articles = next((g for g in kept.generators if isinstance(g, ArticlesGenerator)), None)
    if articles is None:
        raise NotQuick("no chapters were built")
    seen = ProblemsSeen()
    root = logging.getLogger()
    root.addHandler(seen)
    try:
        pages = {}
        for source in sources:
            shown = shown_path(source, articles.path)
            old = next((a for a in articles.articles if a.source_path == source), None)
            if old is None:
                raise NotQuick(f"{shown} is not a chapter of the last build")
            new = read_again(articles, old)
            for generator in kept.generators:
                refresh = getattr(generator, "refresh_content", None)
                reason = refresh(old, new) if refresh else None
                if reason:
                    raise NotQuick(f"{shown}: {reason}")
            pages[new.save_as] = render(articles, new)
        if seen.messages:
            raise NotQuick(f"{len(seen.messages)} problem(s): {seen.messages[0]}")
    finally:
        root.removeHandler(seen)
    address = SiteAddress.from_site_url(kept.pelican.settings.get("SITEURL"))
    for page, html in pages.items():
        missing = missing_target(page, html, site, address, pages)
        if missing:
            raise NotQuick(f"{page} {missing}")
    for page, html in pages.items():
        keep_original(site / page, originals / page)
        replace_file(site / page, html)
    return sorted(pages)


def keep_original(path: Path, original: Path) -> None:
    """Keep the last good build's `path` as `original`, unless it is kept already."""
    if original.exists():
        return
    original.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, original)  # the file itself: the update replaces it by a new one
    except OSError:
        shutil.copy2(path, original)


def read_again(articles: ArticlesGenerator, old: Article) -> Article:
    """Read a chapter's file again as the articles generator read it; refuse a changed place."""
    path = os.path.relpath(old.source_path, articles.path)
    shown = shown_path(old.source_path, articles.path)
    try:
        new = articles.readers.read_file(
            base_path=articles.path,
            path=path,
            content_class=Article,
            context=articles.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=articles,
            context_signal=signals.article_generator_context,
            context_sender=articles,
        )
    except Exception as error:  # noqa: BLE001 - a field Pelican cannot read: the build names it
        raise NotQuick(f"{shown}: could not be read: {error}") from None
    body_fields = BODY_FIELDS
    if old.metadata.get(FILE_DATE_FIELD) and new.metadata.get(FILE_DATE_FIELD):
        body_fields |= {"date"}  # the file's time: a save changes it, the page shows the commit's
    for name in set(old.metadata) | set(new.metadata):
        if name not in body_fields and old.metadata.get(name) != new.metadata.get(name):
            raise NotQuick(f"{shown}: its {name} changed")
    for name in ("save_as", "url", "status", "template", "lang"):
        if getattr(old, name, None) != getattr(new, name, None):
            raise NotQuick(f"{shown}: its {name} changed")
    new.translations = old.translations
    return new


def render(articles: ArticlesGenerator, article: Article) -> str:
    """Return the page of `article`, rendered as the articles generator renders it."""
    with tempfile.TemporaryDirectory(prefix="devserver-quick-") as folder:
        writer = Writer(folder, settings=articles.settings)
        signals.article_generator_write_article.send(articles, content=article)
        writer.write_file(
            article.save_as,
            articles.get_template(article.template),
            articles.context,
            relative_urls=articles.settings["RELATIVE_URLS"],
            article=article,
            category=getattr(article, "category", None),
            override_output=hasattr(article, "override_save_as"),
            url=article.url,
            blog=True,
        )
        return (Path(folder) / article.save_as).read_text(encoding="utf-8")


def missing_target(
    page: str, html: str, site: Path, address: SiteAddress, pages: dict[str, str]
) -> str | None:
    """Return what the page uses that the site lacks (`uses x.webp, which ...`), or None."""
    facts = read_html(html)
    ids_of = {page: facts.ids}
    for url, kind, _where in facts.urls:
        target = resolve_url(url, page, address, facts.base)
        if target.outcome == "broken":
            return f"uses {url}: {target.reason}"
        if target.outcome != "local":
            continue
        path = target.path  # a folder's URL resolves to its index.html already
        if path not in pages and not (site / path).is_file():
            return f"uses {url}, which the site does not have"
        if kind != LINK or not target.fragment or not path.endswith(".html"):
            continue
        if path not in ids_of:
            text = pages.get(path) or (site / path).read_text(encoding="utf-8", errors="replace")
            ids_of[path] = read_html(text).ids
        if target.fragment not in ids_of[path] and unquote(target.fragment) not in ids_of[path]:
            return f"links to {url}, an anchor the page does not have"
    return None


def replace_file(path: Path, text: str) -> None:
    """Write `text` as `path` in one rename: a reader sees the old file or the new one."""
    handle, staging = tempfile.mkstemp(prefix=".quick-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(staging, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
