"""Draw a chapter cover: the chapter number and title on a plain coloured card."""

import importlib.util
import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

COVER_SIZE = (1200, 630)
MARGIN = 80
BACKGROUND = (11, 45, 92)
ACCENT = (138, 184, 255)
TEXT = (255, 255, 255)
# Stored in each PNG we draw, so a later run knows the file is ours to redraw.
MARKER_KEY = "Software"
MARKER_VALUE = "course-site chapter_covers"


# DejaVu Sans, as ziafont ships it (the package under ziamath, which brings the math font):
# Latin with its accents, Greek, Cyrillic, dashes and quotes. Pillow's own font has no
# `é`, `ß` or `—`: a French title was drawn with boxes.
CARD_FONT_PACKAGE = "ziafont"


@lru_cache(maxsize=1)
def card_font_file() -> str | None:
    """Return the path of the cards' font, or None (then Pillow's own font is used)."""
    spec = importlib.util.find_spec(CARD_FONT_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    font = Path(spec.origin).with_name("fonts") / "DejaVuSans.ttf"
    return str(font) if font.is_file() else None


@lru_cache(maxsize=16)
def font_of_size(size: int) -> ImageFont.FreeTypeFont:
    """Return the cards' font at `size` pixels (loaded once per size)."""
    font = card_font_file()
    return ImageFont.truetype(font, size) if font else ImageFont.load_default(size=size)


@lru_cache(maxsize=1)
def drawable_characters() -> frozenset[int] | None:
    """Return the characters the cards' font draws, or None when that is not known."""
    font = card_font_file()
    if font is None:
        return None
    from fontTools.ttLib import TTFont  # 0.05 s to import: only in a build that draws a card

    with TTFont(font, lazy=True) as parsed:
        return frozenset(parsed.getBestCmap())


def drawable(text: str) -> str:
    """Return `text` without the characters the font would draw as boxes (emoji, say)."""
    known = drawable_characters()
    if known is None:
        return text
    return " ".join("".join(c for c in text if ord(c) in known or c.isspace()).split())


def wrap_title(title: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Split a title into lines that fit `width` pixels in `font`."""
    lines: list[str] = []
    line = ""
    for word in title.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def title_font_for(
    title: str, width: int, max_lines: int = 3
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Return the largest font (down to a floor) whose wrapped title fits in `max_lines`."""
    for size in (96, 84, 72, 64, 56, 48, 40):
        font = font_of_size(size)
        lines = wrap_title(title, font, width)
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):
            return font, lines
    return font, lines[:max_lines]


def draw_cover(number: int, title: str, course_name: str) -> bytes:
    """Return the PNG bytes of the cover for chapter `number` titled `title`."""
    return draw_card(f"Chapter {number}", title, course_name)


def draw_card(label: str, title: str, course_name: str) -> bytes:
    """Return the PNG bytes of a 1200x630 card: course name, a label (`Chapter 4`), a title."""
    image = Image.new("RGB", COVER_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    text_width = COVER_SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 24, COVER_SIZE[1]), fill=ACCENT)
    draw.text((MARGIN, MARGIN), drawable(course_name), font=font_of_size(36), fill=ACCENT)
    draw.text((MARGIN, MARGIN + 90), drawable(label), font=font_of_size(64), fill=TEXT)
    font, lines = title_font_for(drawable(title), text_width)
    line_height = int(font.size * 1.2)
    top = COVER_SIZE[1] - MARGIN - line_height * len(lines)
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=font, fill=TEXT)
    info = PngImagePlugin.PngInfo()
    info.add_text(MARKER_KEY, MARKER_VALUE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def is_drawn_by_us(png_path) -> bool:
    """True when the image at `png_path` carries the marker this tool writes."""
    try:
        with Image.open(png_path) as image:
            return image.text.get(MARKER_KEY) == MARKER_VALUE  # type: ignore[attr-defined]
    except (OSError, AttributeError):
        return False
