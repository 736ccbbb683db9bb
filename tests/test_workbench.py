"""Carpentries Workbench lessons: config.yaml's episodes, links.md, and the flat site's links."""

import os

import pytest
from conftest import run_pelican, write_content
from courselib.markdown import course_parser, render_markdown
from courselib.workbench import flat_paths, read_lesson
from test_bad_input import png_bytes
from test_github_course import SETTINGS, syllabus_entries

CONFIG = """carpentry: 'swc'
title: 'The Unix Shell'
episodes:
- introduction.md
- navigating-files.md
learners:
- setup.md
"""

LESSON = {
    "config.yaml": CONFIG,
    "index.md": (
        "---\nsite: sandpaper::sandpaper_site\n---\n\nFirst follow the [Setup][lesson-setup].\n"
    ),
    # Names with no number, in the config's order, not the names'.
    "episodes/introduction.md": (
        "---\ntitle: 'Introducing the Shell'\n---\n\n"
        "Start with the [icebreakers](icebreakers.md), then [navigate](navigating-files).\n\n"
        "The [glossary](reference.html#shell) and the [setup][lesson-setup].\n"
    ),
    "episodes/navigating-files.md": (
        "---\ntitle: 'Navigating Files'\n---\n\nBack to [the start](introduction.md).\n"
    ),
    "episodes/draft-episode.md": (
        "---\ntitle: 'Not Yet'\n---\n\nA draft the config does not list.\n"
    ),
    "episodes/fig/tree.png": png_bytes(),
    "episodes/data/files.zip": b"PK\x05\x06" + bytes(18),
    "learners/setup.md": (
        "---\ntitle: Setup\n---\n\n![The tree](fig/tree.png)\n\n[The data](data/files.zip)\n"
    ),
    "learners/reference.md": "---\ntitle: Reference\n---\n\n## Shell\n\nA program.\n",
    "instructors/icebreakers.md": "---\ntitle: Icebreakers\n---\n\nHello.\n",
    "links.md": (
        "<!--\nLinks the lesson's pages share.\n-->\n\n[lesson-setup]: ../learners/setup.md\n"
    ),
    "README.md": "# The Unix Shell\n\nThe lesson's repository.\n",
    # The Workbench's build folder: made, not written.
    "site/README.md": "# Site\n\nThis folder contains rendered lesson materials.\n",
}


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    work = tmp_path_factory.mktemp("workbench")
    content = write_content(work / "content", LESSON)
    build = run_pelican(content, work / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    return build


def test_the_syllabus_is_the_episodes_in_the_order_the_config_lists_them(lesson):
    # Before, a lesson's unnumbered episodes made an empty syllabus and a warning.
    assert syllabus_entries(lesson) == [
        "Setup",  # first, as the Workbench's home page shows it
        "Unit 1",
        "Introducing the Shell",
        "Unit 2",
        "Navigating Files",
        "Instructor resources",  # as its menu names them (no `instructors:`: all of them)
        "Icebreakers",
    ]
    assert "the syllabus is empty" not in lesson.log
    # A draft episode and a learners' page the config does not list: built, outside.
    for page in ["learners/reference.html", "episodes/draft-episode.html"]:
        assert (lesson.output / page).is_file(), page
        assert page not in lesson.page("index.html").split('id="courseSyllabus"', 1)[1]


def test_links_written_for_the_workbenchs_flat_site_lead_to_their_files(lesson):
    # Each failed the build as a broken link (they name no file on GitHub).
    introduction = lesson.page("episodes/introduction.html")
    assert 'href="../instructors/icebreakers.html">icebreakers' in introduction
    assert 'href="../episodes/navigating-files.html">navigate' in introduction  # no `.md`
    assert 'href="../learners/reference.html#shell">glossary' in introduction
    setup = lesson.page("learners/setup.html")
    assert 'src="../episodes/fig/tree.png"' in setup
    assert 'href="../episodes/data/files.zip"' in setup
    assert (lesson.output / "episodes" / "data" / "files.zip").is_file()


def test_links_md_gives_every_page_its_links_and_is_no_page(lesson):
    # `../learners/setup.md` from the lesson's index.md, at the top of content/: read as the
    # Workbench reads it, not as a link out of content/.
    home = lesson.page("index.html")
    assert 'href="./learners/setup.html">Setup</a>' in home
    assert 'href="../learners/setup.html">setup</a>' in lesson.page("episodes/introduction.html")
    assert "[lesson-setup]" not in home
    assert not (lesson.output / "links.html").exists()
    assert not (lesson.output / "site").exists()
    assert "points outside content/" not in lesson.log


def test_a_links_md_edited_is_read_again_by_the_next_build(tmp_path):
    # Pelican's cache keeps a chapter's reading while its own file is unchanged.
    content = write_content(tmp_path / "content", LESSON)
    first = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert first.exit_code == 0, first.log
    links = content / "links.md"
    links.write_text("[lesson-setup]: ../learners/reference.md\n", encoding="utf-8")
    os.utime(links, ns=(1, links.stat().st_mtime_ns + 10**9))
    second = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert second.exit_code == 0, second.log
    assert 'href="../learners/reference.html">setup</a>' in second.page(
        "episodes/introduction.html"
    )


def test_a_problem_in_links_md_is_told_at_its_own_line(tmp_path):
    files = {
        **LESSON,
        "links.md": "[lesson-setup]: ../learners/setup.md\n\nA formula $\\frac{1}{$.\n",
    }
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert "content/links.md:3:" in build.log
    assert "content/episodes/introduction.md:10" not in build.log


def test_episodes_the_config_lists_that_are_not_here_are_told_at_their_line(tmp_path):
    config = CONFIG.replace(
        "- navigating-files.md\n",
        "- navigating-files.md\n- pipes.md\n- plotting.Rmd\n- loops.Rmd\n",
    )
    content = write_content(tmp_path / "content", {**LESSON, "config.yaml": config})
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert (
        "content/config.yaml:6:3: episode 'pipes.md' is not a Markdown file in"
        " content/episodes/: it has no place in the syllabus" in build.log
    )
    assert "content/config.yaml:7:3: episode 'plotting.Rmd' and 1 more in R Markdown" in build.log
    assert syllabus_entries(build)[2:5:2] == ["Introducing the Shell", "Navigating Files"]


@pytest.mark.parametrize(
    ("config", "told"),
    [
        ("title: 'x'\nepisodes: [a.md\n", "content/config.yaml:3:1: not YAML ("),
        ("episodes:\n- - nested.md\n", "content/config.yaml:2:3: a page is a file's name"),
    ],
)
def test_a_config_not_as_the_workbench_writes_it_is_one_line_and_the_names_order(
    tmp_path, config, told
):
    content = write_content(tmp_path / "content", {**LESSON, "config.yaml": config})
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert told in build.log
    # As the Workbench takes a lesson whose config lists no pages: by their names.
    assert syllabus_entries(build) == [
        "Setup",
        "Unit 1",
        "Not Yet",
        "Unit 2",
        "Introducing the Shell",
        "Unit 3",
        "Navigating Files",
        "Learner resources",
        "Reference",
        "Instructor resources",
        "Icebreakers",
    ]


def test_a_workshop_of_lessons_makes_each_lesson_a_chapter_of_its_episodes(tmp_path):
    files = {"README.md": "# Our workshop\n\nTwo lessons.\n"}
    for folder, title in [("1-shell", "The Unix Shell"), ("2-git", "Version Control with Git")]:
        for path, text in LESSON.items():
            if path != "README.md":
                files[f"{folder}/{path}"] = (
                    text.replace("The Unix Shell", title) if path == "config.yaml" else text
                )
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Unit 1",
        "The Unix Shell",
        "Setup",
        "Lesson 1.1",
        "Introducing the Shell",
        "Lesson 1.2",
        "Navigating Files",
        "Icebreakers",
        "Unit 2",
        "Version Control with Git",
        "Setup",
        "Lesson 2.1",
        "Introducing the Shell",
        "Lesson 2.2",
        "Navigating Files",
        "Icebreakers",
    ]
    assert 'href="../../2-git/learners/setup.html">setup' in build.page(
        "2-git/episodes/introduction.html"
    )
    # Its page is titled as its config: it was "2 Git", from the folder's name.
    assert "<h1>Version Control with Git</h1>" in build.page("2-git/index.html")


def test_a_config_yaml_without_episodes_is_no_lesson_and_its_links_are_githubs(tmp_path):
    files = {
        "README.md": "# Course\n",
        "config.yaml": CONFIG,
        "1-intro/README.md": "# Intro\n\n![The tree](fig/tree.png)\n",
        "episodes-old/fig/tree.png": png_bytes(),
    }
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert "content/1-intro/README.md:3:1: broken image 'fig/tree.png': no such file" in build.log


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("fig/tree.png", "episodes/fig/tree.png"),
        ("../fig/tree.png", "episodes/fig/tree.png"),  # a first `../` is dropped
        ("../learners/setup.md", "learners/setup.md"),
        ("learners/setup.md", "learners/setup.md"),  # and a first page folder
        ("icebreakers.md", "instructors/icebreakers.md"),
        ("17-live", "episodes/17-live.md"),  # GitHub Pages serves 17-live.html
        ("reference.html", "learners/reference.md"),
        ("LICENSE.md", "LICENSE.md"),  # the lesson's own folder comes last
    ],
)
def test_the_flat_sites_paths_are_read_as_the_workbench_filter_reads_them(written, found):
    existing = {
        "episodes/fig/tree.png",
        "learners/setup.md",
        "instructors/icebreakers.md",
        "episodes/17-live.md",
        "learners/reference.md",
        "LICENSE.md",
    }
    assert next(path for path in flat_paths(written, "") if path in existing) == found


@pytest.mark.parametrize("written", ["../../x.md", "..", "../..", "./"])
def test_a_path_out_of_the_flat_site_is_in_no_lesson(written):
    assert flat_paths(written, "lesson") == []


@pytest.mark.parametrize(
    ("config", "told"),
    [
        # Nested past Python's recursion limit: PyYAML's composer recurses.
        ("episodes: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deep to read"),
        # A thousand-fold list of aliases: composed, each alias is the node it names.
        (
            "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nepisodes: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
            "content/config.yaml:3:4: a page is a file's name (and 9 more)",  # c's place
        ),
        # A tag that would run a command if the file were loaded as objects: only composed.
        (
            'episodes: !!python/object/apply:os.system ["touch pwned"]\n',
            "episode 'touch pwned' is not a Markdown file",
        ),
        ("\ufeffepisodes: [a.md]\n\udcff", "cannot be read"),
    ],
)
def test_a_hostile_config_is_one_line_and_never_run(tmp_path, monkeypatch, config, told):
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path / "content", {"episodes/a.md": "# A\n"})
    (tmp_path / "content" / "config.yaml").write_bytes(config.encode("utf-8", "surrogateescape"))
    lesson = read_lesson(str(tmp_path / "content"), "")
    assert len(lesson.problems) == 1 and told in lesson.problems[0], lesson.problems
    assert not (tmp_path / "pwned").exists()


def lesson_page(markdown: str):
    """Render Markdown as a Workbench lesson's page is rendered (Pandoc's reading)."""
    return render_markdown(markdown, course_parser(pandoc=True))


def test_a_boxs_first_heading_is_its_title_as_the_workbench_shows_it():
    # `## Solution` was shown under the fold's "Solution" button again, and listed in the
    # page's contents though hidden in a closed fold. Its id stays: links name it.
    page = lesson_page(
        ":::::: challenge\n\n## Paper Writing {#writing}\n\nWhat do you do?\n\n"
        "::: solution\n\n## Solution\n\nUse version control.\n\n:::\n::::::\n\n"
        "::: spoiler\n\n### `Markdown` *here*\n\nDetails.\n\n:::\n\n"
        "::: callout\nNo heading.\n:::\n\nSee [it](#writing).\n"
    ).html
    assert (
        '<div class="admonition exercise">\n<p class="admonition-title" id="writing">'
        "Paper Writing</p>\n<p>What do you do?</p>"
    ) in page
    assert '<details class="solution">\n<summary id="solution">Solution</summary>\n<p>Use' in page
    assert '<summary id="markdown-here"><code>Markdown</code> <em>here</em></summary>' in page
    assert '<p class="admonition-title">Callout</p>\n<p>No heading.</p>' in page
    assert "<h2" not in page and "<h3" not in page and page.count("<summary") == 2


def test_pandocs_attribute_form_of_a_div_is_read_too():
    # Its solution was shown open, under the colon lines as text.
    page = lesson_page(
        "::::: {.challenge}\nTry.\n\n::: {.solution}\nThe answer.\n:::\n:::::\n"
    ).html
    assert '<div class="admonition exercise">' in page
    assert "<summary>Solution</summary>\n<p>The answer.</p>\n</details>" in page
    assert ":::" not in page


def test_a_broken_link_in_links_md_is_told_where_a_page_uses_it(tmp_path):
    # It was told at the built page, "in theme markup", with no did-you-mean.
    files = {**LESSON, "links.md": "[lesson-setup]: ../learners/setp.md\n"}
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert (
        "content/episodes/introduction.md:7:46: broken link '../learners/setp.md': no such"
        " file (did you mean '../learners/setup.md'?)"
    ) in build.log
    assert "content/index.md:5:18: broken link '../learners/setp.md'" in build.log
    assert "theme markup" not in build.log and "points outside content/" not in build.log


def test_a_lesson_beside_other_units_leaves_the_syllabus_to_the_folders(tmp_path):
    # The syllabus was the lesson's episodes alone: units 1 and 3 left out without a word.
    files = {"README.md": "# Course\n", "1-welcome/README.md": "# Welcome\n"}
    files.update({f"2-shell/{path}": text for path, text in LESSON.items()})
    files["3-wrapup/README.md"] = "# Wrap-up\n"
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    titles = syllabus_entries(build)
    assert "Welcome" in titles and "Wrap-up" in titles
    assert (
        "content/2-shell/: a Carpentries Workbench lesson beside folders of pages that are not"
        " lessons (content/1-welcome/)"
    ) in build.log


@pytest.mark.parametrize(
    "markdown",
    [
        # image-processing: a div inside with more colons than its parent.
        "::: challenge\n\n:::: solution\n\nThe answer.\n\n::::\n\nStill in it.\n\n:::\n",
        # Fences of one length, as Pandoc closes them: the innermost first.
        "::: challenge\n\n::: solution\n\nThe answer.\n\n:::\n\nStill in it.\n\n:::\n",
    ],
)
def test_a_closing_fence_closes_the_innermost_div_as_pandoc_closes_it(markdown):
    # The answer spilled out of its fold, and a line of colons showed as text.
    page = lesson_page(markdown).html
    assert page.index("The answer.") < page.index("</details>") < page.index("Still in it.")
    assert page.index("Still in it.") < page.index("</div>")
    assert ":::" not in page


def test_colons_in_code_and_myst_directives_keep_their_own_fences():
    page = lesson_page("::: challenge\n\n```\n:::\n```\n\nDone.\n\n:::\n").html
    assert "<code>:::\n</code>" in page and page.index("Done.") < page.rindex("</div>")


def test_workbench_tabs_show_their_text_under_their_headings():
    # The colon lines showed as text; the first heading must not become a title.
    page = lesson_page(
        "::::: group-tab\n\n### Windows\n\nRun `setup.exe`.\n\n### macOS\n\nRun brew.\n\n:::::\n"
    ).html
    assert page.startswith('<div class="tab-set">\n<h3 id="windows">Windows</h3>')
    assert '<h3 id="macos">macOS</h3>' in page and ":::" not in page


def test_a_lessons_glossary_is_a_definition_list_as_pandoc_reads_it(tmp_path):
    # The Workbench's glossaries (learners/reference.md) ran together as paragraphs.
    glossary = (
        "## Shell\n\ncommit\n:   To record a changeset.\n\nchangeset\n:   A group of changes.\n"
    )
    files = {**LESSON, "learners/reference.md": "---\ntitle: Reference\n---\n\n" + glossary}
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert (
        "<dl>\n<dt>commit</dt>\n<dd>To record a changeset.</dd>\n<dt>changeset</dt>"
        in build.page("learners/reference.html")
    )
    # Outside a Workbench lesson, as GitHub shows it: text.
    assert "<dl>" not in render_markdown(glossary).html


def test_another_tools_config_yaml_beside_an_episodes_folder_makes_no_lesson(tmp_path):
    # A podcast's site: its links.md page vanished and was appended to every page, its
    # about.md left the syllabus, and a link broken on GitHub was read as the Workbench's.
    files = {
        "config.yaml": "site_name: Podcast\ntheme: dark\n",
        "README.md": "# Podcast\n\nSee [links](links.md).\n",
        "episodes/one.md": "# Episode one\n",
        "episodes/fig/logo.png": png_bytes(),
        "about.md": "# About\n\n![logo](fig/logo.png)\n",
        "links.md": "# Useful links\n\n[Home](https://example.org)\n",
    }
    content = write_content(tmp_path / "content", files)
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert "content/about.md:3:1: broken image 'fig/logo.png': no such file" in build.log
    assert 'href="https://example.org"' not in build.page("about.html")
    assert (build.output / "links.html").is_file()


@pytest.mark.parametrize(
    ("markdown", "kept"),
    [
        # Docusaurus' admonition: its heading stays in it, and links to it work.
        (
            ":::caution\n\n## Before you upgrade\n\nBack up.\n\n:::\n",
            '<h2 id="before-you-upgrade">',
        ),
        # VitePress's containers, shown as text here: their colons as written.
        ("::::: details Outer\n\n::: tip\nHi.\n:::\n\n:::::\n", "<p>::::: details Outer</p>"),
    ],
)
def test_outside_a_lesson_colons_and_headings_stay_as_they_were(markdown, kept):
    assert kept in render_markdown(markdown).html


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        # Words after colons are no fence to Pandoc: a line of text.
        (
            ":::: challenge\n\nTry.\n\n::: a stray line with words\n\n::::\n\nAfter it.\n",
            "<p>::: a stray line with words</p>\n</div>\n<p>After it.</p>",
        ),
        # A code block in a list item: its colons are code.
        (
            "::: challenge\n\n1. Write:\n   ```md\n   ::::::\n   ```\n\nDone.\n\n:::\n",
            '<code class="language-md">::::::\n</code>',
        ),
        ("::: challenge\n\n<pre>\n:::: not a fence\n</pre>\n\n:::\n", ":::: not a fence"),
    ],
)
def test_pandocs_reading_of_fences_leaves_text_and_code_alone(markdown, shown):
    page = lesson_page(markdown).html
    assert shown in page and page.count('<div class="admonition exercise">') == 1
