"""Did-you-mean suggestions: the nearest name or id, found fast among many."""

import pytest
from conftest import chapter
from linkgate.suggest import FileSuggester, Nearest, closest

FIGURES = [f"assets/img/fig{number:04d}.png" for number in range(1200)]
IDS = [f"topic-{index}-of-page-{page}" for page in range(3) for index in range(40)]


@pytest.mark.parametrize(
    ("wanted", "candidates", "expected"),
    [
        ("diffusion-model", ["intro", "diffusion-models-for-image-generation"], None),
        ("chapter6", ["chapter5", "index", "about"], "chapter5"),
        ("Key-Takeaways", ["key-takeaways", "intro"], "key-takeaways"),
        ("no-such-heading", IDS, None),
        ("topic-3-of-pgae-1", IDS, "topic-3-of-page-1"),
        ("Topic-37-of-page-2", IDS, "topic-37-of-page-2"),
        ("nothing-alike", ["zz", "qq"], None),
        # A query after the `#` (Generative-AI-for-beginners-dotnet tracks its links so).
        (
            "resource-cleanup?WT.mc_id=academic-105485-koreyst",
            ["setup", "resource-cleanup"],
            "resource-cleanup",
        ),
    ],
)
def test_the_nearest_candidate_or_none(wanted, candidates, expected):
    if wanted == "diffusion-model":  # a truncated id: the shortest candidate it starts
        expected = "diffusion-models-for-image-generation"
    assert closest(wanted, candidates) == expected
    assert Nearest(candidates)(wanted) == expected


def test_a_missing_file_among_1200_is_matched_by_its_rare_letter_pairs():
    suggest = FileSuggester(FIGURES)
    assert suggest("assets/img/lost-fig0123.png") == "assets/img/fig0123.png"
    assert suggest("assets/img/fig0124.jpg") is None  # another suffix: other files
    assert suggest("elsewhere/fig0123.png") is None  # another folder


def test_a_broken_anchor_is_never_told_to_aim_at_the_search_box(build_site):
    # git-novice's `#standard-input` was told "did you mean '#search-input'?".
    body = "## Pipes\n\nSee [input](#standard-input).\n"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert "broken anchor '#standard-input'" in build.log, build.log
    assert "search-input" not in build.log and "searchInput" not in build.log


def test_of_two_files_as_near_the_same_is_suggested_in_every_run(build_site):
    # Web-Dev-For-Beginners' `assignment.gr.md` was told "did you mean assignment.fr.md" in
    # one run and "assignment.ru.md" in the next: past 8 names, those compared in full were
    # picked in a set's order, which Python's string hashing changes from run to run.
    languages = ["de", "es", "fr", "hi", "it", "ja", "ko", "pt", "ru", "tr", "zh"]
    files = {f"1-a/assignment.{code}.md": f"# {code}\n" for code in languages}
    files["1-a/README.md"] = "# A\n\nSee [the task](assignment.gr.md).\n"
    told = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        build = build_site(files, environment={"PYTHONHASHSEED": seed})
        told |= {line.split("WARNING")[1] for line in build.log.splitlines() if ".gr." in line}
    assert told == {
        "  content/1-a/README.md:3:5: broken link 'assignment.gr.md': no such file (did you"
        " mean 'assignment.fr.md'?)"
    }


def test_a_suggested_page_keeps_the_anchor_only_where_it_has_that_id(build_site):
    # rust-lang/book's redirects were told "did you mean 'ch04-01.html#the-stack'?" of a
    # page with no such heading: following the advice only moved the problem.
    files = {
        "chapter1.md": chapter(
            "One", "chapter1", body="See [setup](chapter4.html#setup) and [use](chapter4.html#use)."
        ),
        "chapter3.md": chapter("Three", "chapter3", body="## Setup\n\nInstall it."),
    }
    build = build_site(files, extra_settings={"UPCOMING_CHAPTERS": []})
    assert "(did you mean 'chapter3.html#setup'?)" in build.log, build.log
    assert "broken link 'chapter4.html#use': no such page (did you mean 'chapter3.html'?)" in (
        build.log
    )


def test_a_suggested_markdown_file_keeps_the_anchor_only_where_its_page_has_it(build_site):
    files = {
        "README.md": "# C\n\n[b](1-a/lesson-too.md#setup) and [c](1-a/lesson-too.md#use).\n",
        "1-a/README.md": "# A\n\n[l](lesson-two.md)\n",
        "1-a/lesson-two.md": "# Two\n\n## Setup\n\nInstall it.\n",
    }
    build = build_site(files, extra_settings={"UPCOMING_CHAPTERS": []})
    assert "(did you mean '1-a/lesson-two.md#setup'?)" in build.log, build.log
    assert "'1-a/lesson-too.md#use': no such file (did you mean '1-a/lesson-two.md'?)" in (
        build.log
    )


def test_an_id_as_githubs_page_writes_it_gets_a_suggestion_too(build_site):
    # pingcap/talent-plan writes its links into a page as `#user-content-...`: a broken one
    # was compared, prefix and all, with ids that never carry it, and got no advice.
    body = "## The limits\n\nSee [x](#user-content-the-limit) and [y](#the-limit).\n"
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert "(did you mean '#user-content-the-limits'?)" in build.log, build.log
    assert "(did you mean '#the-limits'?)" in build.log
