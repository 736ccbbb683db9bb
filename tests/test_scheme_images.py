"""Images GitHub shows in one colour scheme only (`#gh-dark-mode-only`): the rules that
show each in its scheme alone go into the site's stylesheet, and only when a page needs them."""

from conftest import chapter
from scheme_images import RULES, add_scheme_rules
from test_images import png

LOGOS = """# A course kept on GitHub

![Our logo](logo-light.png#gh-light-mode-only)
![Our logo](logo-dark.png#gh-dark-mode-only)

Supported by [![Sponsor](sponsor-light.png)](https://example.org/#gh-light-mode-only)
[![Sponsor](sponsor-dark.png)](https://example.org/#gh-dark-mode-only)
"""
# A course showing them: its README, a chapter, and each image in its scheme's colour.
LOGO_COURSE = {
    "README.md": LOGOS,
    "01-intro.md": "# Intro\n\nText.\n",
    **{f"{name}-light.png": png(40, 20, "white") for name in ("logo", "sponsor")},
    **{f"{name}-dark.png": png(40, 20, "black") for name in ("logo", "sponsor")},
}


def stylesheet(build) -> str:
    return build.page("theme/css/course.css")


def test_a_site_showing_one_scheme_images_gets_their_rules(build_site):
    build = build_site(LOGO_COURSE)
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    assert 'src="./logo-light.png#gh-light-mode-only"' in home
    assert 'src="./logo-dark.png#gh-dark-mode-only"' in home
    css = stylesheet(build)
    # Trimmed by theme_assets, as the rest of the stylesheet.
    assert css.count('img[src$="#gh-dark-mode-only"]') == 2
    assert css.count('img[src$="#gh-light-mode-only"]') == 2
    assert css.count('a[href$="#gh-dark-mode-only"]') == 2  # You-Don't-Know-JS' sponsors
    assert "/*" not in css


def test_a_site_without_them_pays_nothing(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1", body="![A](a.png)"), "a.png": png(40, 20)}
    )
    assert build.exit_code == 0, build.log
    assert "mode-only" not in stylesheet(build)


def test_raw_html_images_count_and_the_rules_go_in_once(tmp_path):
    theme = tmp_path / "theme" / "css"
    theme.mkdir(parents=True)
    (theme / "course.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<p><img src='logo.png#gh-dark-mode-only' alt='Logo'></p>", encoding="utf-8"
    )
    assert add_scheme_rules(tmp_path, "theme")
    assert not add_scheme_rules(tmp_path, "theme")  # a second pass adds nothing
    assert (theme / "course.css").read_text(encoding="utf-8") == "body { margin: 0; }\n" + RULES


def test_a_url_merely_naming_the_fragment_in_text_adds_nothing(tmp_path):
    theme = tmp_path / "theme" / "css"
    theme.mkdir(parents=True)
    (theme / "course.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<p>GitHub reads <code>#gh-dark-mode-only</code> at the end of a URL.</p>",
        encoding="utf-8",
    )
    assert not add_scheme_rules(tmp_path, "theme")
