"""The benchmark's two sites, written once into benchmarks/.sites/ with their answer keys."""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from linkgate.address import resolve_url

from .docs_site import write_docs_site
from .synthetic_site import write_site

SITES = Path(__file__).resolve().parent.parent / ".sites"


@dataclass
class BenchSite:
    """A generated site: its folder, its answer key, and the page a re-check edits."""

    name: str
    folder: Path
    planted: set[tuple[str, str]]  # (page, what the planted URL means, as `path#fragment`)
    changed_page: str
    description: str


def target(url: str, page: str) -> str:
    """Return what a URL found in `page` means, as `site/path#fragment`."""
    resolution = resolve_url(url, page)
    return resolution.path + (f"#{resolution.fragment}" if resolution.fragment else "")


def course_site(pages: int, links: int, images: int, broken: float) -> BenchSite:
    """The course-shaped site (`synthetic_site`): one size of page, one level of folders."""
    folder = SITES / f"synthetic-v2-{pages}-{links}-{images}-{broken}"
    planted = _written(
        folder,
        lambda: write_site(folder, pages=pages, links=links, images=images, broken_share=broken),
    )
    return BenchSite(
        name="course",
        folder=folder,
        planted=planted,
        changed_page="sec03/page0003.html",
        description=f"{pages} pages, about {links} links and {images} images a page",
    )


def docs_site(pages: int, broken: float) -> BenchSite:
    """The documentation-shaped site (`docs_site`): deep folders, many anchors and images."""
    folder = SITES / f"docs-v1-{pages}-{broken}"
    planted = _written(folder, lambda: write_docs_site(folder, pages=pages, broken_share=broken))
    changed = min(str(path.relative_to(folder)) for path in folder.glob("guide/**/*.html"))
    return BenchSite(
        name="docs",
        folder=folder,
        planted=planted,
        changed_page=changed,
        description=f"{pages} pages 1 to 4 folders deep, 15 to 120 headings and about 20"
        " images a page",
    )


def _written(folder: Path, write) -> set[tuple[str, str]]:
    """Write the site with `write` unless its answer key exists; return the key."""
    answers = folder.with_suffix(".answers.json")
    if not answers.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"writing {folder.name} (once) ...", flush=True)
        answers.write_text(json.dumps(sorted(write())))
    return {(page, target(url, page)) for page, url in json.loads(answers.read_text())}
