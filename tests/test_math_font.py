"""The math font: made for the formulas a site has, linked only by pages with math, cached."""

import io
import re
import stat
from pathlib import Path

import pytest
from conftest import chapter
from courselib.tex import tex_to_mathml
from fontTools.ttLib import TTFont
from math_font import font as font_module
from math_font.characters import ITALIC, RADICAL, drawn_characters
from math_font.font import FontProblem, math_font, stix_two_math, subset_font
from math_font.site import write_math_assets
from math_pages import ML_CHAPTER_FORMULAS, math_chapter


def font_in(output: Path) -> Path:
    """Return the one math font of a built site."""
    (font,) = sorted((output / "theme" / "fonts").glob("math-*.woff2"))
    return font


def characters_of(woff2: bytes) -> set[str]:
    """Return the characters a WOFF2 font has glyphs for."""
    return {chr(code) for code in TTFont(io.BytesIO(woff2)).getBestCmap()}


@pytest.fixture
def math_site(build_site):
    """A course of two chapters, one with a dozen formulas and one without."""
    build = build_site(
        {
            "chapter1.md": math_chapter("Attention", "chapter1"),
            "chapter2.md": chapter("Prose", "chapter2", body="No formula here."),
        },
    )
    assert build.exit_code == 0, build.log
    return build


def test_a_site_with_formulas_gets_a_subset_math_font_and_stylesheet(math_site):
    font = font_in(math_site.output)
    woff2 = font.read_bytes()
    assert font.name == f"math-{__import__('hashlib').sha256(woff2).hexdigest()[:12]}.woff2"
    parsed = TTFont(io.BytesIO(woff2))
    assert parsed.flavor == "woff2" and "MATH" in parsed
    assert "STIX Two Math" in parsed["name"].getDebugName(1)
    assert "Open Font License" in parsed["name"].getDebugName(13)
    have = characters_of(woff2)
    # What the formulas draw: italic letters (not the ASCII the page writes), radicals, sums.
    for drawn in ["\U0001d465", "\U0001d703", RADICAL, "∑", "∏", "ℒ", "ℝ", "𝐱", "‖", "⊙"]:
        assert drawn in have, f"{drawn!r} ({ord(drawn):X}) is missing"
    assert "\U0001d44d" not in have  # italic Z: no formula draws it
    assert len(have) < 200
    assert len(woff2) < 20_000
    licence = math_site.output / "theme" / "fonts" / "STIX-Two-Math-OFL.txt"
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence.read_text(encoding="utf-8")
    stylesheet = math_site.page("theme/css/math.css")
    assert f'url("../fonts/{font.name}")' in stylesheet
    assert re.search(
        r'math\{font-family:"Course Math",math\}', stylesheet
    )  # trimmed by theme_assets
    assert ".tex-end{text-align:right;justify-items:end}" in stylesheet
    assert stat.S_IMODE(font.stat().st_mode) & 0o044 == 0o044  # a web server may read them
    assert "WARNING" not in math_site.log and "ERROR" not in math_site.log


def test_only_pages_with_formulas_link_the_stylesheet(math_site):
    link = '<link rel="stylesheet" href="./theme/css/math.css">'
    assert link in math_site.page("chapter1.html")
    assert "math.css" not in math_site.page("chapter2.html")
    assert "math.css" not in math_site.page("index.html")


def test_a_site_without_formulas_gets_nothing(build_site):
    build = build_site(
        {"chapter1.md": chapter("Prose", "chapter1", body="Costs $5 and $10, no formula.")},
    )
    assert build.exit_code == 0, build.log
    assert not (build.output / "theme" / "fonts").exists()
    assert not (build.output / "theme" / "css" / "math.css").exists()
    assert "math.css" not in build.page("chapter1.html")


def test_the_subset_is_cached_and_a_damaged_entry_is_made_again(build_site, tmp_path):
    files = {"chapter1.md": math_chapter("Attention", "chapter1")}
    first = build_site(files)
    assert first.exit_code == 0, first.log
    (entry,) = (tmp_path / "cache" / "math_font").glob("*.woff2")
    made = entry.read_bytes()
    entry.write_bytes(made[: len(made) // 2])  # cut short, as by a full disk
    second = build_site(files)
    assert second.exit_code == 0, second.log
    assert entry.read_bytes() == made
    assert font_in(second.output).read_bytes() == made
    entry.write_bytes(b"wOF2 not a font")
    third = build_site(files)
    assert third.exit_code == 0, third.log
    assert font_in(third.output).read_bytes() == made


def test_a_sound_cache_entry_is_used_without_subsetting(tmp_path, monkeypatch):
    characters = drawn_characters(tex_to_mathml(r"\sqrt{x} + \sum_i y_i", display=True))
    made = math_font(characters, tmp_path)

    def refuse(*arguments):
        raise AssertionError("subset again")

    monkeypatch.setattr(font_module, "subset_font", refuse)
    assert math_font(characters, tmp_path) == made


def test_the_cache_key_follows_characters_font_and_fonttools():
    source = stix_two_math().read_bytes()
    key = font_module.subset_key(source, {"a", "b"})
    assert key == font_module.subset_key(source, {"b", "a"})
    assert key != font_module.subset_key(source, {"a", "c"})
    assert key != font_module.subset_key(source + b"\0", {"a", "b"})


@pytest.mark.parametrize(
    ("tex", "drawn", "not_drawn"),
    [
        ("x", {"\U0001d465"}, set()),
        (r"\mathbf{x}", {"𝐱"}, {"\U0001d465"}),
        (r"\operatorname{max}", {"m", "a", "x"}, {"\U0001d465"}),  # several letters stay upright
        (r"\sqrt{2}", {RADICAL, "2"}, set()),
        (r"\sqrt[3]{2}", {RADICAL, "3"}, set()),
        (r"\alpha + \partial", {"\U0001d6fc", "\U0001d715", "+"}, set()),
        (r"\text{if } y", {"i", "f", "\U0001d466"}, {"\\", "{", "t"}),  # not the TeX source
    ],
)
def test_the_characters_a_browser_draws(tex, drawn, not_drawn):
    characters = drawn_characters(tex_to_mathml(tex, display=False))
    assert drawn <= characters
    assert not (not_drawn & characters)


def test_every_italic_mapping_is_a_glyph_of_the_font():
    have = {chr(code) for code in TTFont(stix_two_math(), lazy=True).getBestCmap()}
    assert set(ITALIC.values()) <= have


def test_a_font_without_a_math_table_is_refused():
    plain = subset_font(stix_two_math().read_bytes(), {"a"})
    font = TTFont(io.BytesIO(plain))
    del font["MATH"]
    without_math = io.BytesIO()
    font.save(without_math)
    with pytest.raises(FontProblem, match="no MATH table"):
        subset_font(without_math.getvalue(), {"a"})


def test_a_missing_font_is_one_logged_error_and_nothing_written(tmp_path, monkeypatch, caplog):
    output = tmp_path / "output"
    output.mkdir()
    (output / "chapter1.html").write_text(tex_to_mathml("x", display=True), encoding="utf-8")
    monkeypatch.setattr(font_module, "stix_two_math", lambda: tmp_path / "gone.ttf")
    assert write_math_assets(output, "theme", tmp_path / "cache") is None
    assert [record.levelname for record in caplog.records] == ["ERROR"]
    assert "cannot read the math font" in caplog.records[0].getMessage()
    assert not (output / "theme").exists()


def test_fonts_of_an_earlier_build_are_removed(tmp_path):
    output = tmp_path / "output"
    fonts = output / "theme" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "math-000000000000.woff2").write_bytes(b"old")
    (output / "chapter1.html").write_text(tex_to_mathml("y", display=True), encoding="utf-8")
    font = write_math_assets(output, "theme", tmp_path / "cache")
    assert sorted(fonts.glob("math-*.woff2")) == [font]
    (output / "chapter1.html").write_text("<p>no formula</p>", encoding="utf-8")
    assert write_math_assets(output, "theme", tmp_path / "cache") is None
    assert list(fonts.glob("math-*.woff2")) == []
    assert not (output / "theme" / "css" / "math.css").exists()


def test_twenty_equations_fit_the_page_budget(build_site):
    """A chapter with 20 typical equations: its own HTML, its math stylesheet and font."""
    formulas = (ML_CHAPTER_FORMULAS * 2)[:20]
    build = build_site(
        {"chapter1.md": math_chapter("Twenty", "chapter1", formulas)},
    )
    assert build.exit_code == 0, build.log
    font = font_in(build.output).stat().st_size
    stylesheet = (build.output / "theme" / "css" / "math.css").stat().st_size
    assert font + stylesheet <= 16_000, (font, stylesheet)
