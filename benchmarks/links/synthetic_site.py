"""Write a synthetic course site: pages with headings, links and images, about 1% broken.

The answer key (every planted breakage, as page and URL) is returned so a
benchmark can tell what each checker found, missed or invented.
"""

import random
import struct
import zlib
from pathlib import Path

SECTIONS = 20
HEADINGS = 8
IMAGE_POOL = 400
# Prose between the links, so a page weighs about what a course page does (~6.5 KB).
FILLER = (
    "Attention lets each token weigh every other token of the context; the model learns "
    "which ones matter for the next prediction, layer after layer, head after head."
)


def tiny_png(seed: int) -> bytes:
    """Return a valid 4x4 PNG whose pixels depend on `seed`."""
    width = height = 4
    raw = b"".join(
        b"\x00" + bytes((seed + x + y) % 256 for x in range(width * 3)) for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def page_path(number: int) -> str:
    """Return the site path of page `number`."""
    return f"sec{number % SECTIONS:02d}/page{number:04d}.html"


def heading_id(page: int, heading: int) -> str:
    """Return the id of one heading of one page."""
    return f"topic-{heading}-of-page-{page}"


def write_site(
    root: Path,
    pages: int = 2000,
    links: int = 50,
    images: int = 5,
    broken_share: float = 0.01,
    seed: int = 7,
) -> set[tuple[str, str]]:
    """Write the site into `root`; return the planted breakages as (page, URL) pairs."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "images").mkdir(exist_ok=True)
    for number in range(IMAGE_POOL):
        (root / "images" / f"figure{number:03d}.png").write_bytes(tiny_png(number))
    (root / "theme").mkdir(exist_ok=True)
    (root / "theme" / "site.css").write_text("body{background:url(../images/figure000.png)}\n")
    planted: set[tuple[str, str]] = set()
    index_links = "".join(f'<li><a href="{page_path(n)}">Page {n}</a></li>' for n in range(pages))
    (root / "index.html").write_text(
        f'<!DOCTYPE html><html><head><title>Course</title><link rel="stylesheet" '
        f'href="theme/site.css"></head><body><h1 id="top">Course</h1><ul>{index_links}</ul>'
        "</body></html>"
    )
    for number in range(pages):
        path = page_path(number)
        body = []
        urls = []
        for index in range(links):
            other = rng.randrange(pages)
            choice = rng.random()
            if choice < 0.4:
                url = f"../{page_path(other)}"
            elif choice < 0.7:
                url = f"../{page_path(other)}#{heading_id(other, rng.randrange(HEADINGS))}"
            elif choice < 0.85:
                url = f"#{heading_id(number, rng.randrange(HEADINGS))}"
            else:
                url = "../index.html"
            if rng.random() < broken_share:
                url = _break_link(url, number, index)
                planted.add((path, url))
            urls.append(url)
        image_urls = []
        for index in range(images):
            url = f"../images/figure{rng.randrange(IMAGE_POOL):03d}.png"
            if rng.random() < broken_share:
                url = f"../images/missing-{number}-{index}.png"
                planted.add((path, url))
            image_urls.append(url)
        for heading in range(HEADINGS):
            body.append(f'<h2 id="{heading_id(number, heading)}">Topic {heading}</h2>')
            body.append(
                "<p>"
                + " ".join(
                    f'Some words about the topic, see <a href="{url}">this</a>.'
                    for url in urls[heading::HEADINGS]
                )
                + "</p>"
            )
            body.append(f"<p>{FILLER}</p>")
            if heading < len(image_urls):
                body.append(f'<p><img src="{image_urls[heading]}" alt="Figure {heading}"></p>')
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>Page {number}</title><link rel="stylesheet" href="../theme/site.css">'
            "</head><body><main>" + "\n".join(body) + "</main></body></html>\n"
        )
    return planted


def _break_link(url: str, page: int, index: int) -> str:
    """Return a broken variant of `url`: a missing page or a missing anchor."""
    if "#" in url and index % 2:
        return url.split("#")[0] + f"#no-such-topic-{page}-{index}"
    return f"../sec00/missing-{page}-{index}.html"
