"""The theme's CSS and JS ship trimmed, and still mean the same."""

import pytest
from theme_assets.trim import trim_css, trim_js


@pytest.mark.parametrize(
    ("source", "trimmed"),
    [
        ("/* note */\na {\n  color: red;\n}\n", "a{color:red}\n"),
        (".highlight :is(.k, .kd) { color: x; }", ".highlight :is(.k,.kd){color:x}\n"),
        (
            "@media (min-width: 60rem) {\n  .a > .b { margin: 0 1rem; }\n}",
            "@media (min-width:60rem){.a>.b{margin:0 1rem}}\n",
        ),
        ("a:hover { width: calc(100vh - 2rem); }", "a:hover{width:calc(100vh - 2rem)}\n"),
        ('a::after { content: " <" attr(href) ">"; }', 'a::after{content:" <" attr(href) ">"}\n'),
    ],
)
def test_trim_css(source, trimmed):
    assert trim_css(source) == trimmed


def test_trim_js_keeps_code_and_drops_comment_lines():
    source = '/* About.\n   More. */\n(function () {\n  // why\n  var a = "//x"; // keep\n})();\n'
    assert trim_js(source) == '(function () {\nvar a = "//x"; // keep\n})();\n'


def test_built_site_ships_trimmed_assets(seed_site):
    css = (seed_site.output / "theme" / "css" / "course.css").read_text()
    assert "/*" not in css and "\n  " not in css
    assert ':root[data-scheme="dark"]{color-scheme:dark}' in css
