"""Write a second synthetic site, shaped like a documentation site rather than a course.

Where `synthetic_site` has pages of one size in one level of folders, with 50
links, 8 ids and 5 images each, this one has:
- folders 1 to 4 deep, half the pages as `folder/index.html` linked as `folder/`;
- page sizes from about 3 KB to 90 KB (a few long reference pages, many short ones);
- a sidebar of the section's pages on every page (root-absolute links), a table of
  contents into 15 to 120 headings, cross-links with and without fragments;
- about 15 images a page from a pool of 1,200, in `img`, `srcset` (1x and 2x) and
  `picture > source`, plus a few external, mailto: and tel: links;
- about 0.4% planted breakage (missing pages, anchors, images, srcset candidates).
The answer key (every planted breakage, as page and URL) is returned.
"""

import posixpath
import random
from pathlib import Path

from .synthetic_site import tiny_png

SECTIONS = ("guide", "reference", "tutorials", "api", "how-to")
IMAGE_POOL = 1200
SIDEBAR = 40
# Prose to vary page sizes with.
WORDS = (
    "the", "model", "reads", "each", "token", "and", "weighs", "the", "context", "before",
    "it", "writes", "the", "next", "one", "while", "gradients", "flow", "back", "through",
    "every", "layer", "of", "the", "network", "during", "training",
)  # fmt: skip


class Page:
    """One page: its file, the URL that links to it, its folder and its heading ids."""

    def __init__(self, number: int, rng: random.Random) -> None:
        section = SECTIONS[number % len(SECTIONS)]
        depth = rng.choice((0, 1, 1, 2, 2, 3))
        folders = [section] + [f"part-{rng.randrange(6)}" for _ in range(depth)]
        slug = f"topic-{number:04d}"
        self.pretty = number % 2 == 0
        if self.pretty:
            self.path = "/".join([*folders, slug, "index.html"])
            self.url = "/" + "/".join([*folders, slug]) + "/"
        else:
            self.path = "/".join([*folders, slug + ".html"])
            self.url = "/" + self.path
        self.folder = posixpath.dirname(self.path)
        self.section = section
        # Mostly short pages, some long ones: headings from 15 to 120.
        self.ids = [
            f"h{number}-{index}" for index in range(min(120, 15 + int(rng.expovariate(1 / 20))))
        ]

    def relative_from(self, folder: str) -> str:
        """Return the relative URL of this page from a page in `folder`."""
        target = posixpath.dirname(self.path) if self.pretty else self.path
        relative = posixpath.relpath(target, folder or ".")
        return relative + "/" if self.pretty else relative


def write_docs_site(root: Path, pages: int = 2000, broken_share: float = 0.004, seed: int = 11):
    """Write the site into `root`; return the planted breakages as (page, URL) pairs."""
    rng = random.Random(seed)
    (root / "assets" / "img").mkdir(parents=True, exist_ok=True)
    for number in range(IMAGE_POOL):
        (root / "assets" / "img" / f"fig{number:04d}.png").write_bytes(tiny_png(number))
    (root / "assets" / "site.css").write_text(
        "@import url(print.css) print;\nheader{background:url(img/fig0000.png)}\n"
    )
    (root / "assets" / "print.css").write_text("body{color:#000}\n")
    (root / "assets" / "app.js").write_text("document.documentElement.classList.add('js');\n")
    site = [Page(number, rng) for number in range(pages)]
    sidebars = {
        section: [page for page in site if page.section == section][:SIDEBAR]
        for section in SECTIONS
    }
    planted: set[tuple[str, str]] = set()

    def maybe_break(page: Page, url: str, kind: str) -> str:
        if rng.random() >= broken_share:
            return url
        if kind == "anchor" and "#" in url:
            url = url.split("#")[0] + "#no-such-heading"
        elif kind == "image":
            url = url.replace("fig", "lost-fig", 1)
        else:
            url = posixpath.join(posixpath.dirname(url.split("#")[0]), "no-such-page.html")
        planted.add((page.path, url))
        return url

    index_links = "".join(f'<li><a href="{page.url}">{page.path}</a></li>' for page in site[:200])
    (root / "index.html").write_text(
        f"<!DOCTYPE html><html><head><title>Docs</title></head><body><ul>{index_links}</ul>"
        "</body></html>"
    )
    for page in site:
        parts = [_head(page), _sidebar(page, sidebars[page.section], maybe_break), "<main>"]
        parts.append(
            "<nav class=toc>"
            + "".join(
                f'<a href="{maybe_break(page, "#" + id_, "anchor")}">{id_}</a>' for id_ in page.ids
            )
            + "</nav>"
        )
        for index, id_ in enumerate(page.ids):
            parts.append(f'<h2 id="{id_}">Section {index}</h2>')
            parts.append(_paragraph(page, site, rng, maybe_break))
            if rng.random() < 0.2:
                parts.append(_figure(page, rng, maybe_break))
        parts.append(
            '</main><footer><a href="mailto:docs@example.org">Mail</a> '
            '<a href="tel:+3312345">Call</a> <a href="https://example.org/about">About</a>'
            "</footer></body></html>\n"
        )
        (root / page.path).parent.mkdir(parents=True, exist_ok=True)
        (root / page.path).write_text("\n".join(parts))
    return planted


def _head(page: Page) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{page.path}</title>"
        '<link rel="stylesheet" href="/assets/site.css">'
        '<link rel="icon" href="/assets/img/fig0001.png">'
        '<script src="/assets/app.js" defer></script></head><body>'
    )


def _sidebar(page: Page, sidebar: list[Page], maybe_break) -> str:
    links = "".join(
        f'<li><a href="{maybe_break(page, other.url, "page")}">{other.path}</a></li>'
        for other in sidebar
    )
    return f'<header><a href="/">Home</a></header><nav class="sidebar"><ul>{links}</ul></nav>'


def _paragraph(page: Page, site: list[Page], rng: random.Random, maybe_break) -> str:
    words = [rng.choice(WORDS) for _ in range(int(rng.expovariate(1 / 60)) + 10)]
    for _ in range(rng.randrange(4)):
        other = rng.choice(site)
        url = other.relative_from(page.folder)
        kind = "page"
        if rng.random() < 0.5:
            url += "#" + rng.choice(other.ids)
            kind = "anchor"
        words.insert(rng.randrange(len(words)), f'<a href="{maybe_break(page, url, kind)}">see</a>')
    if rng.random() < 0.05:
        words.append('<a href="https://example.org/paper.pdf">paper</a>')
    return "<p>" + " ".join(words) + "</p>"


def _figure(page: Page, rng: random.Random, maybe_break) -> str:
    def image() -> str:
        return maybe_break(
            page,
            posixpath.relpath(f"assets/img/fig{rng.randrange(IMAGE_POOL):04d}.png", page.folder),
            "image",
        )

    if rng.random() < 0.5:
        srcset = f"{image()} 1x, {image()} 2x"
        return f'<figure><img src="{image()}" srcset="{srcset}" alt="A figure"></figure>'
    return (
        f'<figure><picture><source srcset="{image()} 1x, {image()} 2x" type="image/png">'
        f'<img src="{image()}" alt="A figure" loading="lazy"></picture></figure>'
    )
