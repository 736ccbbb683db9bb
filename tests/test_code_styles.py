"""Code colours for both schemes: generated into the theme, readable on its code background."""

import pytest
from code_styles import code_colours_css, contrast, low_contrast_tokens, replace_block
from conftest import PROJECT_ROOT

STYLESHEET = PROJECT_ROOT / "themes" / "course" / "static" / "css" / "course.css"


def test_theme_css_holds_the_generated_code_colours():
    """Fails when someone edits the block by hand or changes a style without regenerating."""
    assert code_colours_css() in STYLESHEET.read_text(encoding="utf-8")


def test_every_token_is_readable_in_both_schemes():
    assert low_contrast_tokens() == []


def test_keywords_differ_between_schemes():
    assert ".highlight :is(.k, .kc, .kd, .kn, .kp, .kr) { color: light-dark(#" in code_colours_css()


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_matches_wcag(foreground, background, ratio):
    assert contrast(foreground, background) == pytest.approx(ratio, abs=0.01)


def test_replace_block_is_idempotent():
    block = code_colours_css()
    once = replace_block("a {}\n", block)
    assert replace_block(once, block) == once
