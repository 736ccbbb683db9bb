"""A term: exercises numbered by chapter, solutions and chapters released on their days.

Every build here pins the day with COURSE_TODAY. A held-back text is looked for in
every file of output/, Pagefind's compressed fragments decompressed, and found in them
once its day has come (so the search could not miss it).
"""

import gzip
import re
from pathlib import Path

import pytest
from conftest import (
    PROJECT_ROOT,
    chapter,
    run_pelican,
    run_staged_build,
    search_records,
    write_content,
)

VISION = """\
Images in, words out.

!!! exercise "Caption an image"
    Use a vision-language model to caption the cover image.

!!! solution
    Zanzibar: ask the model for one sentence.

!!! exercise
    Count what is in the picture.

!!! solution
    ### Quetzal method

    Count the boxes it draws.
"""
AGENTS = """\
Xylophone agents plan, then act.

!!! exercise "Plan a trip"
    Write the plan an agent would follow.

!!! solution
    Wombat: one step a line.
"""
CHAPTERS = {
    "chapter3.md": chapter(
        "Prompts",
        "chapter3",
        Chapter="3",
        body=(
            "See [the second exercise](chapter4.md#exercise-4-2) and [agents](chapter5.md),"
            " [its exercise](chapter5.md#exercise-5-1) and [plans](chapter5.html#exercise-5-1)."
        ),
    ),
    "chapter4.md": chapter("Vision", "chapter4", Chapter="4", Solutions="2026-12-20", body=VISION),
    "chapter5.md": chapter("Agents", "chapter5", Chapter="5", Release="2026-12-10", body=AGENTS),
}
SOLUTIONS = ("zanzibar", "quetzal")
PAGES = ("chapter3.html", "chapter4.html", "chapter5.html")
AGENTS_TEXT = ("xylophone", "wombat", "plan a trip")
FEED = {"FEED_ALL_ATOM": "feeds/all.atom.xml", "FEED_DOMAIN": "https://example.org"}
HELD_BACK_CHAPTER = (
    "content/chapter5.md: chapter held back until 10 December 2026 (Release: 2026-12-10)"
)
HELD_BACK_SOLUTIONS = (
    "content/chapter4.md: 2 solutions held back until 20 December 2026 (Solutions: 2026-12-20)"
)


def site_texts(output: Path) -> dict[str, str]:
    """Return every file of the site as lower-case text, gzip files (Pagefind's) decompressed."""
    texts = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        texts[str(path.relative_to(output))] = data.decode("utf-8", "replace").lower()
    return texts


def files_holding(output: Path, words: tuple[str, ...]) -> dict[str, list[str]]:
    """Return, for each word found, the files of the site that hold it."""
    found = {}
    for name, text in site_texts(output).items():
        for word in words:
            if word in text:
                found.setdefault(word, []).append(name)
    return found


def indexed_urls(output: Path) -> set[str]:
    """Return the URLs of the pages in the site's search index."""
    return {record["url"].rsplit("/", 1)[-1] for record in search_records(output / "pagefind")}


def build_on(tmp_path: Path, day: str, files: dict | None = None, **options):
    """Publish the term's chapters (feeds, sitemap) as they are on `day`."""
    content = write_content(tmp_path / "content", files or CHAPTERS)
    return run_pelican(
        content,
        tmp_path / "output",
        PROJECT_ROOT / "publishconf.py",
        extra_settings={"UPCOMING_CHAPTERS": [], **options.pop("settings", {})},
        # (publishconf.py takes SITEURL from the environment when it is there.)
        environment={"COURSE_TODAY": day, "SITEURL": "https://example.github.io/llm-course"},
        **options,
    )


@pytest.fixture(scope="module")
def before_both(tmp_path_factory):
    build = build_on(tmp_path_factory.mktemp("term"), "2026-12-01")
    assert build.exit_code == 0, build.log
    return build


def test_exercises_are_numbered_by_chapter_with_anchors_and_permalinks(before_both):
    page = before_both.page("chapter4.html")
    assert 'id="exercise-4-1-title">Exercise 4.1: Caption an image</p>' in page
    assert 'id="exercise-4-2-title">Exercise 4.2</p>' in page
    assert '<a class="permalink" href="#exercise-4-2" aria-labelledby="exercise-4-2-title"' in page
    # Another chapter's link to an exercise passed the link gate, which ran on this site.
    link = 'href="https://example.github.io/llm-course/chapter4.html#exercise-4-2"'
    assert link in before_both.page("chapter3.html")


def test_a_link_into_a_held_back_chapter_leads_to_its_page_until_its_day(before_both, tmp_path):
    prompts = before_both.page("chapter3.html")
    assert 'href="https://example.github.io/llm-course/chapter5.html">its exercise</a>' in prompts
    assert 'href="chapter5.html">plans</a>' in prompts
    released = build_on(tmp_path, "2026-12-10")
    prompts = released.page("chapter3.html")
    assert 'chapter5.html#exercise-5-1">its exercise</a>' in prompts
    assert 'href="chapter5.html#exercise-5-1">plans</a>' in prompts


def test_a_link_to_a_section_a_held_back_chapter_will_not_have_is_still_broken(build_site):
    files = {
        "chapter3.md": chapter("Prompts", "chapter3", body="See [it](chapter5.md#nothing)."),
        "chapter5.md": chapter("Agents", "chapter5", Release="2026-12-10", body=AGENTS),
    }
    build = build_site(
        files,
        extra_settings={"UPCOMING_CHAPTERS": []},
        environment={"COURSE_TODAY": "2026-12-01"},
    )
    assert build.exit_code != 0
    # At its Markdown line, the chapter's page being where its path would put it.
    assert (
        "content/chapter3.md:6:5: broken anchor 'chapter5.md#nothing': no heading or id"
        " 'nothing' in content/chapter5.md"
    ) in build.log


def test_before_their_days_held_back_texts_are_in_no_file_of_the_site(before_both):
    assert files_holding(before_both.output, SOLUTIONS + AGENTS_TEXT) == {}
    vision = before_both.page("chapter4.html")
    assert vision.count('<p class="solution-later">Solution available on 20 December 2026</p>') == 2
    assert "Use a vision-language model" in vision  # the exercises themselves are out
    agents = before_both.page("chapter5.html")
    assert 'coming on <time datetime="2026-12-10">10 December 2026</time>' in agents
    assert indexed_urls(before_both.output) == {"chapter3.html", "chapter4.html"}
    assert "<title>Agents</title>" not in before_both.page("feeds/all.atom.xml")
    assert "chapter4.html" in before_both.page("feeds/all.atom.xml")


def test_the_syllabus_and_neighbours_treat_a_held_back_chapter_as_upcoming(before_both):
    home = before_both.page("index.html")
    entry = re.search(r'<li class="syllabus-entry upcoming">\s*<a href="[^"]*chapter5.html">', home)
    assert entry, home
    assert '<span class="chapter-status">Coming on 10 December 2026</span>' in home
    vision = before_both.page("chapter4.html")
    assert re.search(r'rel="next" href="[^"]*chapter5\.html"', vision)
    assert 'class="upcoming"><a href="https://example.github.io/llm-course/chapter5.html"' in vision


def test_each_build_names_what_it_holds_back_and_until_when(before_both):
    assert HELD_BACK_CHAPTER in before_both.log
    assert HELD_BACK_SOLUTIONS in before_both.log
    assert before_both.log.count("held back until") == 2


def test_on_their_days_chapters_and_solutions_are_published(tmp_path):
    build = build_on(tmp_path, "2026-12-20")
    assert build.exit_code == 0, build.log
    found = files_holding(build.output, SOLUTIONS + AGENTS_TEXT)
    assert set(found) == set(SOLUTIONS + AGENTS_TEXT)
    assert any(name.startswith("pagefind/fragment/") for name in found["zanzibar"])
    assert any(name.startswith("pagefind/fragment/") for name in found["xylophone"])
    assert "feeds/all.atom.xml" in found["wombat"]
    agents = build.page("chapter5.html")
    assert 'id="exercise-5-1-title">Exercise 5.1: Plan a trip</p>' in agents
    assert "<summary>Solution</summary>" in agents
    assert "held back" not in build.log


def test_between_the_days_the_chapter_is_out_and_the_solutions_wait(tmp_path):
    build = build_on(tmp_path, "2026-12-10")
    assert build.exit_code == 0, build.log
    assert set(files_holding(build.output, SOLUTIONS + AGENTS_TEXT)) == set(AGENTS_TEXT)
    assert "Solution available on 20 December 2026" in build.page("chapter4.html")
    assert HELD_BACK_SOLUTIONS in build.log and HELD_BACK_CHAPTER not in build.log


def test_crossing_the_days_with_one_cache_flips_the_site_both_ways(tmp_path):
    """Staged builds sharing cache/ (Pelican's, pages, search shards, link verdicts, checks)."""
    write_content(tmp_path / "content", CHAPTERS)
    steps = [
        ("2026-12-20", set(SOLUTIONS + AGENTS_TEXT)),
        ("2026-12-01", set()),
        ("2026-12-12", set(AGENTS_TEXT)),
        ("2026-12-20", set(SOLUTIONS + AGENTS_TEXT)),
    ]
    settings = {"UPCOMING_CHAPTERS": [], **FEED}
    inodes = []
    for step, (day, published) in enumerate(steps):
        code, log = run_staged_build(tmp_path, settings, environment={"COURSE_TODAY": day})
        assert code == 0, log
        output = tmp_path / "output"
        inodes.append({name: (output / name).stat().st_ino for name in PAGES})
        found = files_holding(tmp_path / "output", SOLUTIONS + AGENTS_TEXT)
        assert set(found) == published, (day, found)
        # Byte for byte what a build from scratch, with no cache, writes on that day.
        fresh = tmp_path / f"fresh{step}"
        write_content(fresh / "content", CHAPTERS)
        code, log = run_staged_build(
            fresh, {**settings, "REUSE_UNCHANGED_PAGES": False}, {"COURSE_TODAY": day}
        )
        assert code == 0, log
        for page in [*(fresh / "output").glob("*.html"), fresh / "output/feeds/all.atom.xml"]:
            written = tmp_path / "output" / page.relative_to(fresh / "output")
            assert written.read_bytes() == page.read_bytes(), (day, page.name)
    # The caches were used: from 12 to 20 December only chapter 4 changed (its solutions came
    # out), and chapter 3 was linked from the last build, not written again.
    assert inodes[3]["chapter3.html"] == inodes[2]["chapter3.html"]
    assert inodes[3]["chapter4.html"] != inodes[2]["chapter4.html"]


TIMELINE_PNG = (
    PROJECT_ROOT / "tests/fixtures/github_course/1-introduction/2-history/images/timeline.png"
).read_bytes()
FOLDER_COURSE = {
    "README.md": "# Mixed reality\n\nA course in folders.\n",
    "1-introduction/README.md": "# Introduction\n\n!!! exercise\n    Name a headset.\n",
    "1-introduction/1-what-is-xr/README.md": "# What is XR\n\nAll of it.\n",
    "1-introduction/2-history/README.md": (
        "Solutions: 2026-12-20\n\n# History\n\nOld headsets.\n\n"
        '!!! exercise "Date the first headset"\n    When was it?\n\n'
        "!!! solution\n    Pangolin: in 1968.\n"
    ),
    "1-introduction/2-history/assignment.md": (
        "# Assignment\n\n!!! exercise\n    Write a timeline.\n"
    ),
    "2-devices/README.md": (
        "Release: 2026-12-10\n\n# Devices\n\nNarwhal headsets.\n\n"
        "![A narwhal](images/narwhal.png)\n"
    ),
    "2-devices/images/narwhal.png": TIMELINE_PNG,
    "CONTRIBUTING.md": "# Contributing\n\n!!! exercise\n    Open a pull request.\n",
}


def test_a_folder_course_numbers_exercises_by_unit_and_lesson(tmp_path):
    build = build_on(
        tmp_path, "2026-12-01", FOLDER_COURSE, settings={"COURSE_LEVELS": ["Unit", "Lesson"]}
    )
    assert build.exit_code == 0, build.log
    assert 'id="exercise-1-1-title">Exercise 1.1</p>' in build.page("1-introduction/index.html")
    history = build.page("1-introduction/2-history/index.html")
    assert '<div class="admonition exercise" id="exercise-1-2-1">' in history
    assert "Exercise 1.2.1: Date the first headset" in history
    assert "Solution available on 20 December 2026" in history
    # A lesson's unnumbered page numbers its exercises within the lesson.
    assert "Exercise 1.2.1</p>" in build.page("1-introduction/2-history/assignment.html")
    assert 'id="exercise-1-title">Exercise 1</p>' in build.page("CONTRIBUTING.html")
    assert files_holding(build.output, ("pangolin", "narwhal")) == {}
    # What only the held-back chapter links to is not published either.
    assert not list(build.output.rglob("narwhal*"))
    devices = build.page("2-devices/index.html")
    assert "coming on <time" in devices and "Unit 2: Devices" in devices
    assert "content/2-devices/README.md: chapter held back until 10 December 2026" in build.log


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"chapter1.md": chapter("Intro", "chapter1", body="Text.\n\n!!! solution\n    Alone.")},
            "content/chapter1.md:8:1: a solution with no exercise before it: put '!!! solution'"
            " right after the '!!! exercise' it answers",
        ),
        (
            {
                "chapter1.md": chapter(
                    "Intro", "chapter1", body="A[^n].\n\n[^n]: One.\n\n[^N]: Two."
                )
            },
            "content/chapter1.md:10:1: footnote [^n] is defined twice (first at line 8):"
            " remove or rename one",
        ),
        (
            {"chapter1.md": chapter("Intro", "chapter1", Release="2026-13-01")},
            "content/chapter1.md:5: Release: '2026-13-01' is not a date: write it as 2026-12-20",
        ),
        (
            {"chapter1.md": chapter("Intro", "chapter1", Solutions="20 December")},
            "content/chapter1.md:5: Solutions: '20 December' is not a date: write it as 2026-12-20",
        ),
    ],
)
def test_a_mistake_is_one_line_at_its_place_and_fails_the_build(build_site, files, message):
    build = build_site(files, extra_settings={"UPCOMING_CHAPTERS": []})
    assert build.exit_code != 0
    assert message in build.log
    assert "Traceback" not in build.log
    assert "held back until" not in build.log  # said once, as the problem it is


def test_a_site_that_would_copy_its_markdown_cannot_hold_solutions_back(tmp_path):
    build = build_on(tmp_path, "2026-12-01", settings={"OUTPUT_SOURCES": True})
    assert build.exit_code != 0
    assert (
        "pelicanconf: OUTPUT_SOURCES = True would publish content/chapter4.md whole, its"
        " held-back solutions too: set OUTPUT_SOURCES = False"
    ) in build.log
    assert "Traceback" not in build.log
    assert not list(build.output.rglob("*.md"))


def test_a_malformed_course_today_is_one_line_and_fails_the_build(tmp_path):
    build = build_on(tmp_path, "15/12/2026")
    assert build.exit_code != 0
    assert "COURSE_TODAY='15/12/2026' is not a date: write it as COURSE_TODAY=2026-12-15" in (
        build.log
    )
    assert "Traceback" not in build.log


def test_a_link_to_an_exercise_that_is_not_there_is_a_broken_anchor(build_site):
    files = {
        "chapter3.md": chapter("Prompts", "chapter3", body="See [it](chapter4.html#exercise-4-3)."),
        "chapter4.md": chapter("Vision", "chapter4", body=VISION),
    }
    build = build_site(files, extra_settings={"UPCOMING_CHAPTERS": []})
    assert build.exit_code != 0
    assert "content/chapter3.md:6:5: broken anchor 'chapter4.html#exercise-4-3'" in build.log
