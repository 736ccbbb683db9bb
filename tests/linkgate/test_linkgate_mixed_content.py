"""Under an https SITEURL, anything a page loads over plain http: is an error (mixed content)."""

from conftest import PROJECT_ROOT, chapter, run_pelican, write_content

BODY = (
    "Read [the paper](http://example.org/paper.html).\n\n"
    '<img alt="plot" src="http://example.org/plot.png">\n\n'
    '<script src="http://example.org/widget.js"></script>\n'
)


def test_http_images_and_scripts_fail_an_https_build_links_do_not(tmp_path):
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", body=BODY)}
    )
    build = run_pelican(content, tmp_path / "output", PROJECT_ROOT / "publishconf.py")
    assert build.exit_code == 1
    mixed = [line for line in build.log.splitlines() if "mixed content" in line]
    assert len(mixed) == 2, build.log
    assert (
        "content/chapter1.md:8:1: broken image 'http://example.org/plot.png': mixed content"
        in mixed[0]
    )
    assert "broken link 'http://example.org/widget.js': mixed content" in mixed[1]
    assert "paper.html" not in "".join(mixed)


def test_a_local_build_has_no_scheme_to_mix(tmp_path):
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", body=BODY)}
    )
    build = run_pelican(content, tmp_path / "output")
    assert "mixed content" not in build.log
