"""Chapter contents from headings, and permalinks beside them."""

import pytest
from contents.headings import Section, add_permalinks, chapter_contents

BODY = (
    '<h1 id="chapter-4">Chapter 4</h1><p>Intro</p>'
    '<h2 id="omni">Omni <em>models</em></h2>'
    '<h3 id="what">What &amp; why</h3><h4 id="deep">Too deep</h4>'
    '<h2 id="diffusion">Diffusion</h2>'
)


def test_contents_nest_h3_under_h2_and_skip_h1_and_h4():
    assert chapter_contents(BODY) == [
        Section("omni", "Omni models", 2, [Section("what", "What & why", 3)]),
        Section("diffusion", "Diffusion", 2),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>No headings</p>", []),
        ("<h2>No id</h2>", []),
        ('<h3 id="lonely">Lonely</h3>', [Section("lonely", "Lonely", 3)]),
    ],
)
def test_contents_of_unusual_bodies(body, expected):
    assert chapter_contents(body) == expected


def test_permalinks_sit_beside_h2_to_h4_but_not_h1():
    linked = add_permalinks(BODY)
    assert '<h1 id="chapter-4">Chapter 4</h1><p>' in linked
    assert (
        '<div class="section-heading"><h3 id="what">What &amp; why</h3>'
        '<a class="permalink" href="#what" aria-labelledby="what"'
        " data-pagefind-ignore>#</a></div>"
    ) in linked
    assert linked.count('class="permalink"') == 4  # omni, what, deep, diffusion
