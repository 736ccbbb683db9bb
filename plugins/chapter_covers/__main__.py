"""`python -m chapter_covers CONTENT_DIR`: draw every chapter's cover into CONTENT_DIR/images."""

import argparse
import sys
from pathlib import Path

from courselib.card_drawing import draw_cover, is_drawn_by_us
from courselib.chapter_numbers import OutlineError, chapter_number, slug_of_file
from courselib.front_matter import read_front_matter as parse_front_matter
from courselib.log_text import one_line
from pelican.settings import read_settings


def read_front_matter(markdown_path: Path) -> dict[str, str]:
    """Return the front matter of a Markdown chapter as {lower-case key: value}."""
    text = markdown_path.read_text(encoding="utf-8-sig")
    return {key: field.value for key, field in parse_front_matter(text).items()}


def cover_path(content_dir: Path, number: int) -> Path:
    """Return where the cover of chapter `number` lives: content/images/c<N>.png."""
    return content_dir / "images" / f"c{number}.png"


def write_covers(content_dir: Path, course_name: str, settings: dict | None = None) -> list[str]:
    """Draw every chapter's cover; return one message per file written, kept or refused.

    A chapter's number is the one the build gives it: its `Chapter:` field, else the
    digits of the slug Pelican makes with `settings` (Pelican's defaults when None).
    Pages (in PAGE_PATHS) and drafts are not chapters; two chapters with one number
    get no cover until the numbers differ (the build names them too).
    """
    settings = settings or read_settings(None)
    page_folders = settings.get("PAGE_PATHS") or []
    messages = []
    drawn_for: dict[int, str] = {}
    for markdown_path in sorted(content_dir.rglob("*.md")):
        shown = markdown_path.as_posix()
        relative = markdown_path.relative_to(content_dir).as_posix()
        if any(relative.startswith(folder.strip("/") + "/") for folder in page_folders):
            continue
        try:
            front_matter = read_front_matter(markdown_path)
        except UnicodeDecodeError:
            messages.append(f"{shown}: not UTF-8, no cover drawn")
            continue
        title = front_matter.get("title")
        if not title:
            messages.append(f"{shown}: no Title, no cover drawn")
            continue
        slug = slug_of_file(front_matter, relative, settings)
        try:
            number = chapter_number(front_matter.get("chapter"), slug, shown)
        except OutlineError as problem:
            messages.append(f"{problem}; no cover drawn")
            continue
        if front_matter.get("status", "published").lower() == "draft":
            continue
        if number in drawn_for:
            messages.append(
                f"{shown}: chapter {number} is also {drawn_for[number]}; no cover drawn"
            )
            continue
        drawn_for[number] = shown
        target = cover_path(content_dir, number)
        png = draw_cover(number, title, course_name)
        if target.exists():
            if not is_drawn_by_us(target):
                messages.append(f"{target.as_posix()}: not drawn by this tool, left untouched")
                continue
            if target.read_bytes() == png:
                messages.append(f"{target.as_posix()}: up to date")
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
        messages.append(f"{target.as_posix()}: drawn for chapter {number}, {title!r}")
    return messages


def main(argv: list[str] | None = None) -> int:
    """Draw the covers and print what happened to each; exit 0."""
    parser = argparse.ArgumentParser(prog="python -m chapter_covers", description=__doc__)
    parser.add_argument("content_dir", type=Path)
    parser.add_argument("--settings", type=Path, help="the site's settings, e.g. pelicanconf.py")
    parser.add_argument("--course-name", help="the name on each cover (default: SITENAME)")
    arguments = parser.parse_args(argv)
    if not arguments.content_dir.is_dir():
        parser.error(f"{arguments.content_dir}: not a folder")
    if arguments.settings is not None and not arguments.settings.is_file():
        parser.error(f"{arguments.settings}: no such settings file")
    settings = read_settings(str(arguments.settings) if arguments.settings else None)
    course_name = arguments.course_name or settings.get("SITENAME") or "LLM Course"
    for message in write_covers(arguments.content_dir, course_name, settings):
        print(one_line(message))  # a file name may hold a newline or an ESC sequence
    return 0


if __name__ == "__main__":
    sys.exit(main())
