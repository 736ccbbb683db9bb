"""Check a built site folder: every local link, anchor and image resolves (external on request).

Plain functions over a folder, shared by the Pelican plugin and the `linkgate`
command. Pages are read once each (over all cores for big sites), each
distinct target is judged once, and unchanged pages come from the cache.
"""

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from courselib.html_urls import IMAGE, IMAGE_SUFFIXES
from courselib.markdown.headings import GITHUB_ID_PREFIX, WIDGET_IDS
from courselib.parallel import map_chunks

from .address import SiteAddress
from .external import ExternalOptions, check_external_urls
from .images import image_problem
from .inventory import SiteFiles, list_site
from .locate import PageUrls, page_urls, position_in_html
from .pages import PageRecord, file_digest, read_records
from .problems import ERROR, WARNING, Problem
from .store import PageStore, StoreUnreadable
from .suggest import FileSuggester, Nearest, as_written


@dataclass(frozen=True)
class GateOptions:
    """How to check a site: where it is served, what to ignore, how strict, external or not."""

    site: SiteAddress = SiteAddress()
    ignore: tuple[str, ...] = ()  # regular expressions searched in each URL as written
    strict: bool = False  # an image without alt text is an error, not a warning
    external: bool = False
    external_options: ExternalOptions = field(default_factory=ExternalOptions)
    cache_dir: Path | None = None
    workers: int = 0  # 0: one per core
    generated_folders: tuple[str, ...] = ()  # left out of the site signature (see settings)


class IdsOnly(NamedTuple):
    """A page known only by its ids: all a fragment needs to be judged."""

    ids: frozenset[str]


@dataclass
class Failure:
    """Why one distinct (site path, fragment, kind) target fails."""

    kind: str
    reason: str
    suggested_path: str | None = None
    suggested_id: str | None = None
    suggested_has_id: bool = True  # the suggested page has the link's fragment (or it has none)


def check_site(root: Path, options: GateOptions = GateOptions()) -> list[Problem]:
    """Return every problem of the site built in `root`, sorted by page and position."""
    root = Path(root)
    site = list_site(root)
    key = repr((options.site, options.strict))  # the store's code digest is in its format
    store = PageStore.open(options.cache_dir, key=key)
    try:
        try:
            problems = _check_with(store, site, options)
        except StoreUnreadable as problem:  # a cache that does not load is a miss
            store = store.start_again(key, problem)
            problems = _check_with(store, site, options)
    finally:
        if store is not None:
            store.close()
    problems += [
        Problem(page=path, target="", kind="file", reason=reason) for path, reason in site.loops
    ]
    ignore = [re.compile(pattern) for pattern in options.ignore]
    if ignore:
        problems = [p for p in problems if not any(rule.search(p.target) for rule in ignore)]
    problems.sort(key=lambda p: (p.page, p.line or 0, p.column or 0))
    return problems


def _check_with(store: PageStore | None, site: SiteFiles, options: GateOptions) -> list[Problem]:
    """Re-check from the store when it can, else check in full (always, for external links)."""
    if store is not None and not options.external:
        problems = _recheck(site, store, options)
        if problems is not None:
            return problems
    problems, records = _full_check(site, store, options)
    if options.external:
        problems += _locate(site.root, _external_problems(records, options))
    return problems


def _full_check(
    site: SiteFiles, store: PageStore | None, options: GateOptions
) -> tuple[list[Problem], dict[str, PageRecord]]:
    """Read every changed page (unchanged ones come from the store) and judge every target.

    Returns the local problems (the ones stored) and the records of every page.
    """
    cached = {}
    if store is not None and store.signature is not None:
        # Load only records still valid: Pelican rewrites every page of a full build.
        old_stamps = store.page_stamps()
        unchanged = [page for page, stamp in old_stamps.items() if site.stamps.get(page) == stamp]
        cached = store.records(unchanged) if unchanged else {}
    records = _read_changed(site, cached, options)
    old_images = store.image_verdicts() if store is not None else {}
    image_verdicts = _judge_images(site, records, old_images, options)
    failures = _judge_targets(site, records, records, image_verdicts)
    problems = _locate(site.root, _local_problems(records, failures, options))
    if store is not None:
        store.save(
            _site_signature(site, options.generated_folders),
            records,
            _by_page(problems),
            image_verdicts,
            replace_all=True,
        )
    return problems, records


def _recheck(site: SiteFiles, store: PageStore, options: GateOptions) -> list[Problem] | None:
    """Re-judge only what changed files can affect; None when a full check is the better way.

    Needs the same list of files as last time (else what exists, and every
    suggestion, may differ) and few changed pages.
    """
    signature = _site_signature(site, options.generated_folders)
    if store.signature != signature:
        return None
    old_stamps = store.page_stamps()
    pages = site.pages + site.stylesheets
    touched = [page for page in pages if old_stamps.get(page) != site.stamps[page]]
    # Pelican rewrites every page of each build: compare bytes before calling a page changed.
    old_digests = store.digests(touched)
    changed, rewritten = [], {}
    for page in touched:
        if page in old_digests and _digest_of(site.root / page) == old_digests[page]:
            rewritten[page] = site.stamps[page]
        else:
            changed.append(page)
    if len(changed) > max(10, len(pages) // 10):
        return None
    store.restamp(rewritten)
    old_images = store.image_verdicts()
    changed_images = [
        path for path, (stamp, _) in old_images.items() if site.stamps.get(path) != stamp
    ]
    if not changed and not changed_images:
        return store.problems()
    new_records = dict(
        _map_chunks(read_records, site.root, [(p, site.stamps[p]) for p in changed], options)
    )
    # Links into a changed page depend only on its ids (the site's file names are as before):
    # pages that link to it need judging again only when its ids changed.
    old_ids = store.ids(changed)
    ids_changed = [page for page in changed if old_ids.get(page) != new_records[page].ids]
    affected = set(changed) | store.pages_using(ids_changed + changed_images)
    records = store.records(sorted(affected - set(new_records)))
    records.update(new_records)
    ids_needed = {t[0] for r in records.values() for t in r.targets if t[1]} - set(records)
    known: dict = dict(records)
    known.update((page, IdsOnly(ids)) for page, ids in store.ids(sorted(ids_needed)).items())
    image_verdicts = {
        path: verdict for path, verdict in old_images.items() if path not in changed_images
    }
    image_verdicts = _judge_images(site, records, image_verdicts, options, keep=True)
    failures = _judge_targets(site, records, known, image_verdicts)
    fresh = _locate(site.root, _local_problems(records, failures, options))
    fresh_by_page = _by_page(fresh)
    store.save(
        signature,
        new_records,
        {page: fresh_by_page.get(page, []) for page in affected},
        image_verdicts,
        replace_all=False,
    )
    return store.problems(except_pages=affected) + fresh


def _digest_of(path: Path) -> str | None:
    try:
        return file_digest(path.read_bytes())
    except OSError:
        return None


def _by_page(problems: list[Problem]) -> dict[str, list[Problem]]:
    grouped: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        grouped[problem.page].append(problem)
    return grouped


def _read_changed(
    site: SiteFiles, cached: dict[str, PageRecord], options: GateOptions
) -> dict[str, PageRecord]:
    records: dict[str, PageRecord] = {}
    to_read = []
    for page in site.pages + site.stylesheets:
        stamp = site.stamps[page]
        record = cached.get(page)
        if record is not None and record.stamp == stamp:
            records[page] = record
        else:
            to_read.append((page, stamp))
    for page, record in _map_chunks(read_records, site.root, to_read, options):
        records[page] = record
    return records


def _map_chunks(function, root: Path, items: list, options: GateOptions) -> list:
    """Run `function(root, chunk, site)` over chunks of `items`, on all cores when worth it."""
    return map_chunks(partial(function, root), items, options.site, workers=options.workers)


def _judge_images(
    site: SiteFiles,
    records: dict[str, PageRecord],
    cached: dict,
    options: GateOptions,
    keep: bool = False,
) -> dict[str, tuple[tuple[int, int], str | None]]:
    """Return {image: (stamp, problem or None)} for every image the records use.

    With `keep`, the cached verdicts of images these records do not use are kept too.
    """
    wanted = set()
    for record in records.values():
        for path, _fragment, kind in record.targets:
            if kind == IMAGE or path.lower().endswith(IMAGE_SUFFIXES):
                wanted.add(path)
    verdicts = dict(cached) if keep else {}
    to_judge = []
    for path in sorted(wanted):
        stamp = site.stamps.get(path)
        if stamp is None:
            continue
        old = cached.get(path)
        if old is not None and old[0] == stamp:
            verdicts[path] = old
        else:
            to_judge.append((path, stamp))
    for path, verdict in _map_chunks(_judge_image_chunk, site.root, to_judge, options):
        verdicts[path] = verdict
    return verdicts


def _judge_image_chunk(root: Path, items: list, _site: SiteAddress) -> list:
    return [(path, (stamp, image_problem(root / path))) for path, stamp in items]


def _judge_targets(
    site: SiteFiles,
    records: dict[str, PageRecord],
    known: dict[str, PageRecord],
    image_verdicts: dict,
) -> dict[tuple[str, str, str], Failure]:
    """Judge each distinct target of `records` once; `known` gives target pages' ids."""
    targets: set[tuple[str, str, str]] = set().union(*(r.targets for r in records.values()))
    failures = {}
    suggest_file = FileSuggester(site.stamps)
    nearest_ids: dict[str, Nearest] = {}  # a page's ids, indexed once for all its misses
    for target in targets:
        failure = _judge_target(target, site, known, image_verdicts, suggest_file, nearest_ids)
        if failure is not None:
            failures[target] = failure
    return failures


def _site_signature(site: SiteFiles, generated_folders: tuple[str, ...] = ()) -> str:
    """Return a digest of the site's file and folder names (not their contents).

    Names inside `generated_folders` are left out: they change with every build.
    """
    prefixes = tuple(folder + "/" for folder in generated_folders)

    def kept(name: str) -> bool:
        return name not in generated_folders and not name.startswith(prefixes)

    files = sorted(name for name in site.stamps if kept(name))
    folders = sorted(name for name in site.folders if kept(name))
    names = "\n".join(files) + "\0" + "\n".join(folders)
    return hashlib.blake2b(names.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _judge_target(
    target,
    site: SiteFiles,
    records,
    image_verdicts,
    suggest_file: FileSuggester,
    nearest_ids: dict[str, Nearest],
) -> Failure | None:
    path, fragment, kind = target
    file = path
    if file not in site.stamps:
        if file in site.folders and file + "/index.html" in site.stamps:
            file = file + "/index.html"
        else:
            is_page = file.lower().endswith((".html", ".htm")) or file.endswith("/index.html")
            suggested = suggest_file(file)
            return Failure(
                kind="image" if kind == IMAGE else "link",
                reason="no such page" if is_page else "no such file",
                suggested_path=suggested,
                suggested_has_id=not fragment or _has_id(suggested, fragment, site, records),
            )
    verdict = image_verdicts.get(file)
    # A page used as an image (`<img src="#">`) fails as an image, not as a link.
    if (
        verdict is not None
        and verdict[1] is not None
        and (kind == IMAGE or file.lower().endswith(IMAGE_SUFFIXES))
    ):
        return Failure(kind="image" if kind == IMAGE else "link", reason=verdict[1])
    if fragment:
        record = records.get(file)
        ids = record.ids if record is not None else frozenset()
        if fragment not in ids:
            nearest = nearest_ids.get(file)
            if nearest is None:  # of the page's ids, never the search box's
                nearest = nearest_ids[file] = Nearest(sorted(ids.difference(WIDGET_IDS)))
            # An id as GitHub's page writes it (`#user-content-limits`) is the id after it.
            prefix = GITHUB_ID_PREFIX if fragment.startswith(GITHUB_ID_PREFIX) else ""
            suggested = nearest(fragment.removeprefix(prefix))
            return Failure(
                kind="anchor",
                reason=f"no id '{fragment}' in {file}",
                suggested_id=prefix + suggested if suggested else None,
            )
    return None


def _local_problems(
    records: dict[str, PageRecord], failures: dict, options: GateOptions
) -> list[Problem]:
    problems = []
    failing = failures.keys()
    for page, record in records.items():
        if record.unreadable:
            problems.append(Problem(page=page, target="", kind="file", reason=record.unreadable))
        for url, kind, _where, reason in record.broken:
            problems.append(
                Problem(
                    page=page, target=url, kind="image" if kind == IMAGE else "link", reason=reason
                )
            )
        if record.targets & failing:
            for url, _kind, _where, path, fragment in record.uses():
                failure = failures.get((path, fragment, _kind))
                if failure is None:
                    continue
                problems.append(
                    Problem(
                        page=page,
                        target=url,
                        kind=failure.kind,
                        reason=failure.reason,
                        suggestion=_suggestion(url, path, failure),
                    )
                )
        for url in record.images_without_alt:
            problems.append(
                Problem(
                    page=page,
                    target=url,
                    kind="alt",
                    reason="no alt text",
                    severity=ERROR if options.strict else WARNING,
                )
            )
    return problems


def _has_id(path: str | None, fragment: str, site: SiteFiles, records) -> bool:
    """Tell whether the page at site path `path` (or its folder's index.html) has this id."""
    if path is not None and path not in site.stamps and path in site.folders:
        path += "/index.html"
    record = records.get(path)
    return record is not None and fragment in record.ids


def _suggestion(url: str, path: str, failure: Failure) -> str | None:
    if failure.suggested_path:
        suggested = as_written(url, path, failure.suggested_path)
        # The page suggested lacks the anchor: advice with it would only move the problem.
        return suggested if failure.suggested_has_id else suggested.split("#", 1)[0]
    if failure.suggested_id:
        return "#" + failure.suggested_id
    return None


def _external_problems(records: dict[str, PageRecord], options: GateOptions) -> list[Problem]:
    ignore = [re.compile(pattern) for pattern in options.ignore]
    wanted = {
        requested
        for record in records.values()
        for written, requested in record.externals
        if not any(rule.search(written) for rule in ignore)
    }
    verdicts = check_external_urls(sorted(wanted), options.external_options, options.cache_dir)
    problems = []
    for page, record in records.items():
        for written, requested in sorted(record.externals):
            reason = verdicts.get(requested)
            if reason:
                problems.append(Problem(page=page, target=written, kind="external", reason=reason))
    return problems


def _locate(root: Path, problems: list[Problem]) -> list[Problem]:
    """Point each problem at the line and column of its URL in the output page."""
    by_page = defaultdict(list)
    located = []
    for problem in problems:
        if problem.kind == "file":  # a problem with the file itself, not at a place in it
            located.append(problem.located(problem.page, None, None))
        else:
            by_page[problem.page].append(problem)
    for page in sorted(by_page):
        try:
            text = (root / page).read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        seen: dict[tuple[str, str], int] = defaultdict(int)
        index = page_urls(text, {problem.target for problem in by_page[page]})
        for problem in by_page[page]:
            key = (problem.kind, problem.target)
            position = position_in_html(text, problem.target, seen[key], index)
            if position is None:
                position = _position_of_text(text, problem.target, seen[key], index)
            seen[key] += 1
            line, column = position if position else (None, None)
            located.append(problem.located(page, line, column))
    located.sort(key=lambda p: (p.page, p.line or 0, p.column or 0))
    return located


def _position_of_text(
    text: str, url: str, occurrence: int, index: PageUrls
) -> tuple[int, int] | None:
    """Find a URL that is no whole attribute value: inside a meta refresh, @import or
    image-set(), or written with spaces around it. None when it is not in the page as is."""
    stripped = url.strip()
    if stripped != url:
        return index.position(stripped, occurrence)
    if not url:
        return None
    offset = -1
    for _ in range(occurrence + 1):
        found = text.find(url, offset + 1)
        if found < 0:
            break
        offset = found
    return None if offset < 0 else index.line_and_column(offset)
