"""Chapter covers: drawn from number and title by `make covers`, never over an author's image."""

import io
import re

from chapter_covers.__main__ import write_covers
from conftest import chapter, write_content
from courselib.card_drawing import draw_card, draw_cover, drawable, font_of_size
from PIL import Image


def test_cover_is_a_1200x630_png():
    with Image.open(
        io.BytesIO(draw_cover(12, "A very long chapter title " * 4, "Course"))
    ) as cover:
        assert (cover.format, cover.size) == ("PNG", (1200, 630))


def test_covers_are_drawn_for_each_chapter_and_redrawn_when_the_title_changes(tmp_path):
    content = write_content(tmp_path, {"chapter3.md": chapter("Tokens", "chapter3")})
    assert write_covers(content, "Course") == [
        f"{content.as_posix()}/images/c3.png: drawn for chapter 3, 'Tokens'"
    ]
    first = (content / "images" / "c3.png").read_bytes()
    assert write_covers(content, "Course") == [f"{content.as_posix()}/images/c3.png: up to date"]
    write_content(content, {"chapter3.md": chapter("Tokenizers", "chapter3")})
    write_covers(content, "Course")
    assert (content / "images" / "c3.png").read_bytes() != first


def test_an_image_the_author_made_is_never_overwritten(tmp_path):
    content = write_content(tmp_path, {"chapter3.md": chapter("Tokens", "chapter3")})
    (content / "images").mkdir()
    own = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(own, format="PNG")
    (content / "images" / "c3.png").write_bytes(own.getvalue())
    messages = write_covers(content, "Course")
    assert messages == [
        f"{content.as_posix()}/images/c3.png: not drawn by this tool, left untouched"
    ]
    assert (content / "images" / "c3.png").read_bytes() == own.getvalue()


def test_chapters_without_a_number_or_title_are_named_and_skipped(tmp_path):
    content = write_content(
        tmp_path, {"welcome.md": chapter("Welcome", "welcome"), "x.md": "no front matter\n"}
    )
    messages = write_covers(content, "Course")
    assert any("welcome.md: no chapter number" in message for message in messages)
    assert any(message.endswith("x.md: no Title, no cover drawn") for message in messages)
    assert not (content / "images").exists()


def test_the_committed_seed_cover_is_one_the_tool_may_redraw():
    """`make covers` must be free to redraw the seed's cover, so it carries the tool's marker."""
    from conftest import PROJECT_ROOT
    from courselib.card_drawing import is_drawn_by_us

    cover = PROJECT_ROOT / "content" / "images" / "c4.png"
    assert is_drawn_by_us(cover)
    with Image.open(cover) as image:
        assert image.size == (1200, 630)


def test_pages_and_drafts_get_no_cover_and_a_shared_number_draws_none(tmp_path):
    content = write_content(
        tmp_path,
        {
            "chapter3.md": "---\nTitle: Tokens\nSlug: chapter3\n---\n\nText.\n",
            "pages/faq2.md": chapter("FAQ", "faq2"),
            "chapter4.md": chapter("Draft four", "chapter4", Status="draft"),
            "a5.md": chapter("Five", "chapter5"),
            "b5.md": chapter("Five again", "five", Chapter="5"),
        },
    )
    messages = write_covers(content, "Course")
    assert sorted(path.name for path in (content / "images").iterdir()) == ["c3.png", "c5.png"]
    assert f"{content.as_posix()}/b5.md: chapter 5 is also {content.as_posix()}/a5.md" in "\n".join(
        messages
    )


def test_make_covers_numbers_each_chapter_as_the_build_does(tmp_path, build_site):
    """`intro.md` titled "Chapter 3 Agents" is chapter 3 (its slug comes from its title)."""
    files = {
        "intro.md": "Title: Chapter 3 Agents\nDate: 2024-01-01\nCategory: chapters\n\nText.\n",
        "tokens.md": chapter("Tokens", "part-7"),
        "overview.md": chapter("Overview 2", "overview", Chapter="9"),
    }
    build = build_site(files, extra_settings={"UPCOMING_CHAPTERS": []})
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    # The sidebar's numbers; a title that names its own ("Chapter 3 Agents") has none beside it.
    sidebar = home.split('class="sidebar-chapters"', 1)[1]
    built = re.findall(r'html">(?:<span class="chapter-number">(\d+)</span> )?([^<]+)</a>', sidebar)
    assert built[:3] == [("", "Chapter 3 Agents"), ("7", "Tokens"), ("9", "Overview 2")]
    content = tmp_path / "content"
    messages = write_covers(content, "Course")
    drawn = [re.search(r"drawn for chapter (\d+), '([^']+)'", message) for message in messages]
    assert sorted((match[1], match[2]) for match in drawn if match) == [
        ("3", "Chapter 3 Agents"),
        ("7", "Tokens"),
        ("9", "Overview 2"),
    ], messages


def test_a_card_draws_accented_titles_and_leaves_out_what_its_font_cannot_draw():
    # Pillow's own font has no `é`, `ß` or `—`: a French title was drawn with boxes, and so
    # were the emoji of Web-Dev-For-Beginners' "💵 Build a Bank".
    missing = font_of_size(40).getmask("\uffff")
    for character in "éßж—Ω":
        assert bytes(font_of_size(40).getmask(character)) != bytes(missing), character
    assert drawable("💵 Build a Bank — café") == "Build a Bank — café"
    with Image.open(io.BytesIO(draw_card("Unit 7", "💵 Créer une banque", "Cours"))) as card:
        assert card.size == (1200, 630)
