"""Generate a synthetic course: N chapters of about 3,000 words, 10 headings, 20 links, 5 images."""

import argparse
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw

VOCABULARY = (
    "model token layer attention vector training data loss gradient prompt context "
    "embedding decoder encoder batch sample image audio video agent tool memory "
    "evaluation benchmark inference latency weight bias softmax sequence output input"
)
WORDS = VOCABULARY.split(" ")
HEADINGS_PER_CHAPTER = 10
LINKS_PER_CHAPTER = 20
IMAGES_PER_CHAPTER = 5
WORDS_PER_CHAPTER = 3000
IMAGE_SIZE = (320, 180)


def heading_slug(chapter: int, section: int) -> str:
    """Return the id the toc extension gives the heading 'Section S of chapter C'."""
    return f"section-{section}-of-chapter-{chapter}"


def paragraph(rng: random.Random, words: int) -> str:
    """Return a paragraph of pseudo-random course words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def chapter_markdown(number: int, chapters: int, rng: random.Random) -> str:
    """Return the Markdown of chapter `number` of a course of `chapters` chapters."""
    lines = [
        f"Title: Synthetic chapter {number}",
        f"Slug: chapter{number}",
        f"Date: 2024-01-{(number % 28) + 1:02d}",
        "Category: chapters",
        "",
        f"# Chapter {number}: Synthetic chapter {number}",
        "",
    ]
    words_per_section = WORDS_PER_CHAPTER // HEADINGS_PER_CHAPTER
    links = []
    for index in range(LINKS_PER_CHAPTER):
        other = rng.randint(1, chapters)
        kind = index % 4
        if kind == 0:
            links.append(f"[chapter {other}](chapter{other}.html)")
        elif kind == 1:
            section = rng.randint(1, HEADINGS_PER_CHAPTER)
            target = f"chapter{other}.html#{heading_slug(other, section)}"
            links.append(f"[section {section} of chapter {other}]({target})")
        elif kind == 2:
            section = rng.randint(1, HEADINGS_PER_CHAPTER)
            links.append(f"[section {section} above](#{heading_slug(number, section)})")
        else:
            links.append("[the home page](index.html)")
    for section in range(1, HEADINGS_PER_CHAPTER + 1):
        level = "##" if section % 3 else "###"
        lines += [f"{level} Section {section} of chapter {number}", ""]
        for _ in range(3):
            lines += [paragraph(rng, words_per_section // 3 - 4), ""]
        if section <= LINKS_PER_CHAPTER // 2:
            lines += [f"See {links.pop()} and {links.pop()}.", ""]
        if section <= IMAGES_PER_CHAPTER:
            lines += [
                f"![Figure {section} of chapter {number}](/images/c{number}-{section}.png)",
                "",
            ]
        if section == 4:
            lines += ["```python", f"def chapter_{number}(x):", "    return x * 2", "```", ""]
    return "\n".join(lines)


def figure_png(number: int, section: int) -> bytes:
    """Return a small distinct PNG for a figure."""
    image = Image.new("RGB", IMAGE_SIZE, ((number * 37) % 256, (section * 53) % 256, 120))
    ImageDraw.Draw(image).text((10, 10), f"{number}.{section}", fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def generate_course(content_dir: Path, chapters: int, seed: int = 4) -> None:
    """Write a synthetic course of `chapters` chapters and their images into `content_dir`."""
    rng = random.Random(seed)
    (content_dir / "images").mkdir(parents=True, exist_ok=True)
    for number in range(1, chapters + 1):
        (content_dir / f"chapter{number}.md").write_text(
            chapter_markdown(number, chapters, rng), encoding="utf-8"
        )
        for section in range(1, IMAGES_PER_CHAPTER + 1):
            (content_dir / "images" / f"c{number}-{section}.png").write_bytes(
                figure_png(number, section)
            )


def main() -> None:
    """Generate a course into the given folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("content_dir", type=Path)
    parser.add_argument("--chapters", type=int, default=500)
    arguments = parser.parse_args()
    generate_course(arguments.content_dir, arguments.chapters)


if __name__ == "__main__":
    main()
