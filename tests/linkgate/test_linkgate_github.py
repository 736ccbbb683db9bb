"""On GitHub Actions the gate also prints workflow commands: problems annotate pull requests."""

from conftest import chapter


def test_a_broken_link_becomes_an_annotation_at_its_markdown_line(build_site):
    body = "Intro.\n\nSee [the next one](chapter3.html)."
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1", body=body)},
        environment={"GITHUB_ACTIONS": "true"},
    )
    assert build.exit_code != 0
    assert (
        "::error file=content/chapter1.md,line=8,col=5::broken link 'chapter3.html': no such page"
        in build.log
    )


def test_no_annotations_outside_github_actions(build_site):
    body = "See [the next one](chapter3.html)."
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1", body=body)}, environment={"GITHUB_ACTIONS": ""}
    )
    assert build.exit_code != 0
    assert "::error" not in build.log
