"""A course laid out for GitHub (folders of README.md, no front matter) builds as it is."""

import re
import shutil

import pytest
from chapters.generator import notebook_folders
from conftest import PROJECT_ROOT, chapter, commit_all, run_pelican, write_content
from selectolax.lexbor import LexborHTMLParser

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "github_course"
SETTINGS = {
    "COURSE_LEVELS": ["Unit", "Lesson"],
    "UPCOMING_CHAPTERS": [],
    "CSP_ALLOW": {"frame-src": ["https://www.youtube-nocookie.com"]},
}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The fixture course, copied out of this repository (no commit dates), built once."""
    work = tmp_path_factory.mktemp("github_course")
    shutil.copytree(FIXTURE, work / "content")
    build = run_pelican(work / "content", work / "output", extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    return build


def syllabus_of(build) -> str:
    """The home page from its syllabus on (the sidebar, before it, lists the entries too)."""
    return build.page("index.html").split('id="courseSyllabus"', 1)[1]


def syllabus_entries(build) -> list[str]:
    """The syllabus's labels and titles, in order: ["Unit 1", "Introduction", ...]."""
    return re.findall(r'<span class="chapter-(?:number|title)">([^<]+)</span>', syllabus_of(build))


def syllabus_titles(build) -> list[str]:
    """The syllabus's titles, in order."""
    return re.findall(r'<span class="chapter-title">([^<]+)</span>', syllabus_of(build))


def links(page: str) -> list[str]:
    return re.findall(r'href="([^"#]+\.html)"', page)


def test_every_markdown_file_is_a_page_where_its_path_says(course):
    pages = sorted(
        str(path.relative_to(course.output))
        for path in course.output.rglob("*.html")
        if path.name != "404.html"
    )
    assert pages == [
        "1-introduction/1-what-is-xr/assignment.html",
        "1-introduction/1-what-is-xr/index.html",
        "1-introduction/2-history/index.html",
        "1-introduction/assignment.html",
        "1-introduction/index.html",
        "2-devices/1-headsets/index.html",
        "2-devices/10-future/index.html",
        "2-devices/9-phones/index.html",
        "2-devices/index.html",
        "3-spatial-design/index.html",
        "CONTRIBUTING.html",
        "for-teachers.html",
        "index.html",
        "quiz-template/index.html",
    ]


def test_links_written_for_github_lead_to_pages_and_images_are_published(course):
    home = course.page("index.html")
    # The README's image is sized and gets its WebP copies on the home page too.
    assert re.search(r'<img alt="A headset" src="[./]*images/headset\.png" width="1200"', home)
    assert "images/headset.png-800w.webp 800w" in home
    assert 'href="./1-introduction/index.html">the introduction</a>' in home
    assert 'href="./3-spatial-design/index.html">spatial design</a>' in home
    assert 'href="./for-teachers.html">the notes for you</a>' in home
    lesson = course.page("1-introduction/1-what-is-xr/index.html")
    assert 'href="../../2-devices/index.html">devices</a>' in lesson
    assert 'href="../../1-introduction/1-what-is-xr/assignment.html#rubric">' in lesson
    assert re.search(
        r'<img alt="A headset" src="\.\./\.\./images/headset\.png" width="1200"', lesson
    )
    history = course.page("1-introduction/2-history/index.html")
    assert 'href="../../1-introduction/1-what-is-xr/index.html">what XR is</a>' in history
    # Beside the lesson: already right as written, and published where it is.
    assert 'src="images/timeline.png" width="640" height="360"' in history
    assert (course.output / "1-introduction" / "2-history" / "images" / "timeline.png").is_file()


def test_the_embed_is_allowed_by_the_course_setting(course):
    lesson = course.page("1-introduction/1-what-is-xr/index.html")
    assert "frame-src 'self' https://www.youtube-nocookie.com" in lesson
    assert '<iframe src="https://www.youtube-nocookie.com/embed/xr-intro"' in lesson


def test_a_real_miss_is_reported_at_its_line_with_a_did_you_mean(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    lesson = content / "2-devices" / "9-phones" / "README.md"
    lesson.write_text("# Phones\n\nAR on a phone, after [headsets](../1-headset/README.md).\n")
    build = run_pelican(content, tmp_path / "output", extra_settings=SETTINGS)
    assert build.exit_code != 0
    [line] = [line for line in build.log.splitlines() if "1-headset/README.md" in line]
    assert "content/2-devices/9-phones/README.md:3:" in line, line
    assert "../1-headsets/README.md" in line, line  # the did-you-mean, written as the author would
    assert "theme markup" not in line


def test_the_home_page_is_the_course_readme_then_the_syllabus_tree(course):
    home = course.page("index.html")
    main = home.split('<main id="mainContent"', 1)[1]
    assert main.index("Extended Reality for Beginners</h1>") < main.index("A free course")
    assert main.index("How to use this course") < main.index('id="courseSyllabus"')
    syllabus = main.split('id="courseSyllabus"', 1)[1]
    assert re.findall(r'<span class="chapter-number">([^<]+)</span>', syllabus) == [
        "Unit 1", "Lesson 1.1", "Lesson 1.2", "Unit 2", "Lesson 2.1", "Lesson 2.9",
        "Lesson 2.10", "Unit 3",
    ]  # fmt: skip
    # Lessons sit inside their unit's item; the unit's other pages after its lessons.
    unit = syllabus.split("./2-devices/index.html")[0].split("./1-introduction/index.html")[1]
    assert unit.index("1-what-is-xr/assignment.html") < unit.index("2-history/index.html")
    assert unit.index("2-history/index.html") < unit.index("1-introduction/assignment.html")
    assert "CONTRIBUTING.html" not in syllabus and "quiz-template" not in syllabus


def test_pages_follow_the_reading_order_with_their_unit_in_the_breadcrumb(course):
    page = course.page("1-introduction/1-what-is-xr/index.html")
    assert "<title>Lesson 1.1: What is XR? ·" in page
    crumbs = page.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert re.findall(r">([^<]+)</a>", crumbs) == [
        "Home",
        "Unit 1: Introduction",
        "Lesson 1.1: What is XR?",
    ]
    assert (
        '<a class="chapter-nav-previous" rel="prev" href="../../1-introduction/index.html">' in page
    )
    assert 'rel="next" href="../../1-introduction/1-what-is-xr/assignment.html"' in page
    order = [
        "1-introduction/index.html",
        "1-introduction/1-what-is-xr/index.html",
        "1-introduction/1-what-is-xr/assignment.html",
        "1-introduction/2-history/index.html",
        "1-introduction/assignment.html",
        "2-devices/index.html",
        "2-devices/1-headsets/index.html",
        "2-devices/9-phones/index.html",
        "2-devices/10-future/index.html",
        "3-spatial-design/index.html",
    ]
    for before, after in zip(order, order[1:], strict=False):
        depth = "../" * before.count("/")
        assert f'rel="next" href="{depth}{after}"' in course.page(before), before


def test_the_sidebar_shows_the_tree_with_the_current_page_marked(course):
    page = course.page("2-devices/9-phones/index.html")
    sidebar = page.split('class="sidebar-chapters"')[1].split("</nav>")[0]
    assert sidebar.count("<ol>") == 3  # each unit's lessons, and lesson 1.1's assignment
    assert '<a href="../../2-devices/9-phones/index.html" aria-current="page">' in sidebar
    assert sidebar.count("aria-current") == 1


def test_titles_come_from_the_first_heading_else_the_folder_name(course):
    assert "<title>Unit 3: Spatial design ·" in course.page("3-spatial-design/index.html")
    assert "<title>Contributing ·" in course.page("CONTRIBUTING.html")


def test_the_word_chapter_appears_nowhere_in_a_course_with_other_levels(course):
    """Not in any text a student sees or hears: text, labels, titles and alt texts."""
    for path in course.output.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        heard = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', page)
        shown = re.sub(r"<[^>]+>", " ", page)
        assert not re.search(r"\bchapters?\b", " ".join([shown, *heard]), re.I), path


def test_no_date_is_invented_outside_git_and_a_commit_date_is_shown_inside(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    before = run_pelican(content, tmp_path / "before", extra_settings=SETTINGS)
    assert "Last updated" not in before.page("2-devices/index.html")
    commit_all(content)
    after = run_pelican(content, tmp_path / "after", extra_settings=SETTINGS)
    assert 'Last updated <time datetime="2025-03-14">14 March 2025</time>' in after.page(
        "2-devices/index.html"
    )


def test_each_page_links_to_its_source_when_source_url_is_set(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    source = "https://github.com/example/xr-course/blob/main/content"
    build = run_pelican(
        content, tmp_path / "output", extra_settings={**SETTINGS, "SOURCE_URL": source}
    )
    assert f'<a href="{source}/2-devices/9-phones/README.md">Edit this page</a>' in build.page(
        "2-devices/9-phones/index.html"
    )
    # The home page too, the course's README (cs231n's had none).
    assert f'<a href="{source}/README.md">Edit this page</a>' in build.page("index.html")


def test_an_index_beside_a_readme_is_the_page_and_the_readme_a_page_of_its_own(build_site):
    # As the Carpentries' Workbench, Jekyll and MkDocs sites are laid out: the build failed,
    # "its address 'index.html' is taken by the home page: rename it".
    build = build_site(
        {
            "README.md": "# About this repository\n\nHow to contribute.\n",
            "index.md": "# Python for ecologists\n\nStart with [the unit](01-a/).\n",
            "01-a/README.md": "# Notes for maintainers\n",
            "01-a/index.md": "# Unit A\n\nSee [the notes](README.md).\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    assert "Python for ecologists" in home and "How to contribute" not in home
    assert "How to contribute." in build.page("README.html")
    unit = build.page("01-a/index.html")
    assert ">Unit A</h1>" in unit and 'href="../01-a/README.html"' in unit
    assert "Notes for maintainers" in build.page("01-a/README.html")
    syllabus = syllabus_of(build)
    assert "Unit A" in syllabus and "maintainers" in syllabus.split("Unit A", 1)[1]


def test_a_numbered_folder_without_a_readme_is_a_page_listing_its_lessons(build_site):
    # AI-For-Beginners' `lessons/6-Other/` has no README; GitHub lists its lessons, and its
    # README links to the folder. The build failed: "a numbered folder with no page".
    build = build_site(
        {
            "README.md": "# AI\n\nSee [the others](2-other/).\n",
            "1-a/README.md": "# A\n",
            "2-other/21-genetic/README.md": "# Genetic algorithms\n",
            "2-other/22-rl/README.md": "# Deep reinforcement learning\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    listing = build.page("2-other/index.html")
    assert "<h1>Unit 2: Other</h1>" in listing
    assert 'href="../2-other/21-genetic/index.html"' in listing
    assert ">Genetic algorithms</span>" in listing and ">Deep reinforcement learning<" in listing
    assert 'rel="next" href="../2-other/21-genetic/index.html"' in listing
    assert "Unit 2" in syllabus_of(build) and "Deep reinforcement learning" in syllabus_of(build)


@pytest.mark.parametrize("source_url", [None, "https://github.com/example/bootcamp/blob/main"])
def test_folders_the_readme_lists_without_a_readme_are_units_of_their_pages(build_site, source_url):
    # microsoft/frontend-bootcamp: the README lists `step1-01`, `step1-02`, folders with no
    # README holding `lesson/`, `demo/` and `exercise/`. The syllabus was empty, and with
    # SOURCE_URL (which its folders of code need) the README's links led to GitHub.
    build = build_site(
        {
            "README.md": "# Bootcamp\n\n1. [Introduction to HTML](step1-01)\n"
            "2. [Introduction to CSS](step1-02/)\n",
            "step1-01/lesson/README.md": "# Step 1.1 - HTML\n\n[Exercise](../exercise/)\n",
            "step1-01/exercise/README.md": "# Step 1.1 - HTML (Exercise)\n",
            "step1-02/demo/README.md": "# Step 1.2 - CSS (Demo)\n",
        },
        extra_settings={**SETTINGS, "SOURCE_URL": source_url} if source_url else SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Unit 1",
        "Introduction to HTML",
        "Step 1.1 - HTML",  # its lesson first, then its exercise
        "Step 1.1 - HTML (Exercise)",
        "Unit 2",
        "Introduction to CSS",
        "Step 1.2 - CSS (Demo)",
    ]
    home = build.page("index.html")
    # The README's links lead to the folders' pages (the page's own source is on GitHub).
    assert "github.com" not in home.replace(f'<a href="{source_url}/README.md">', "")
    assert ('href="step1-01/index.html"' if source_url else 'href="step1-01"') in home
    listing = build.page("step1-01/index.html")
    assert "<h1>Unit 1: Introduction to HTML</h1>" in listing
    assert 'rel="next" href="../step1-01/lesson/index.html"' in listing
    assert 'rel="prev" href="../step1-01/exercise/index.html"' in build.page("step1-02/index.html")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"1-a/README.md": "# A\n", "1-b/README.md": "# B\n", "1-b/1-c.md": "# C\n"},
            "content/1-a/README.md and content/1-b/README.md are both number 1 in content/",
        ),
    ],
)
def test_bad_layouts_fail_with_one_line_naming_the_files(build_site, files, expected):
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert expected in build.log, build.log
    assert "Traceback" not in build.log


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"1-a/README.md": "# A\n", "1-b/README.md": "# B\n", "1-b/1-c.md": "# C\n"},
            "course/1-a/README.md and course/1-b/README.md are both number 1 in course/:",
        ),
        (
            {"intro.md": "# Intro\n", "setup.md": "# Setup\n"},
            "course/: no file or folder name starts with a number",
        ),
        ({"1-a/README.md": "# A\n", "1-a/notes.md": ""}, "course/ has 1 problem(s), listed above."),
    ],
)
def test_outline_messages_name_the_content_folder_as_it_is_called(tmp_path, files, expected):
    # `make html INPUTDIR=course`: the messages named "content/", a folder it does not have.
    for path, text in files.items():
        (tmp_path / "course" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "course" / path).write_text(text)
    build = run_pelican(tmp_path / "course", tmp_path / "output", extra_settings=SETTINGS)
    assert expected in build.log, build.log
    assert "content/" not in build.log


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"COURSE_LEVELS": "Unit"}, "pelicanconf: COURSE_LEVELS must be a list of words"),
        ({"SOURCE_URL": "github.com/x"}, "pelicanconf: SOURCE_URL must be the web address"),
    ],
)
def test_a_wrong_course_setting_is_named_once(build_site, settings, expected):
    build = build_site({"1-a/README.md": "# A\n"}, extra_settings=settings)
    assert build.exit_code != 0
    assert build.log.count(expected) == 1, build.log


def test_root_links_in_the_course_readme_follow_a_sub_path_site_url(build_site):
    """The README has no file of its own; its links are rewritten for the home page."""
    build = build_site(
        {
            "README.md": "# Home\n\n[How to help](/CONTRIBUTING.html)\n",
            "CONTRIBUTING.md": "# Help\n",
        },
        extra_settings={
            **SETTINGS,
            "SITEURL": "https://example.github.io/xr",
            "RELATIVE_URLS": False,
        },
    )
    assert build.exit_code == 0, build.log
    assert 'href="https://example.github.io/xr/CONTRIBUTING.html"' in build.page("index.html")


def test_a_course_with_no_numbers_builds_in_name_order_and_says_so_once(build_site):
    build = build_site(
        {"b.md": "# Bravo\n", "a.md": "# Alpha\n", "c/README.md": "# Charlie\n"},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert build.log.count("no file or folder name starts with a number") == 1
    home = build.page("index.html")
    assert home.index("Alpha") < home.index("Bravo") < home.index("Charlie")


def test_a_flat_folder_of_lessons_with_dotted_numbers_builds_in_their_order(build_site):
    # As Microsoft's Security-101 is laid out: every lesson in content/, `1.1 Name.md`.
    build = build_site(
        {
            "README.md": "# Security\n\nStart with [the triad](<1.1 The CIA triad.md>).\n",
            "1.1 The CIA triad.md": "# The CIA triad\n\n!!! exercise\n    Name the three.\n",
            "1.2 Threats.md": "# Threats\n",
            "1.10 Logs.md": "# Logs\n",
            "2.1 IAM.md": "# IAM key concepts\n",
        },
        extra_settings={**SETTINGS, "COURSE_LEVELS": ["Chapter"]},
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    order = ["Chapter 1.1", "Chapter 1.2", "Chapter 1.10", "Chapter 2.1"]
    assert [home.index(f">{label}<") for label in order] == sorted(
        home.index(f">{label}<") for label in order
    )
    threats = build.page("1.2 Threats.html")
    assert 'rel="prev" href="./1.1%20The%20CIA%20triad.html"' in threats
    assert 'rel="next" href="./1.10%20Logs.html"' in threats
    assert "Exercise 1.1.1" in build.page("1.1 The CIA triad.html")


def test_numbered_lessons_in_a_lessons_folder_are_the_syllabus(build_site):
    # As Microsoft's generative-ai-with-javascript is laid out; its home page listed none.
    build = build_site(
        {
            "README.md": "# JS and AI\n\nStart with [lesson 1](lessons/01-intro/README.md).\n",
            "lessons/01-intro/README.md": "# Introduction\n",
            "lessons/02-first-app/README.md": "# Your first app\n",
            "videos/sessions/01-llms.md": "# LLMs, the video\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert syllabus.index("Unit 1") < syllabus.index("Introduction") < syllabus.index("Unit 2")
    assert "LLMs, the video" not in syllabus
    first = build.page("lessons/01-intro/index.html")
    assert 'rel="next" href="../../lessons/02-first-app/index.html"' in first
    assert (build.output / "videos" / "sessions" / "01-llms.html").is_file()


def test_a_lessons_folder_with_its_own_readme_that_the_readme_links_into_alone(build_site):
    # As Microsoft's AI-For-Beginners is laid out: the whole course was "Chapter 1
    # Overview" (lessons/README.md), its lessons "Chapter 1.3", "Chapter 1.3.3".
    readme = (
        "# AI for beginners\n\n[Introduction](lessons/1-Intro/README.md),"
        " [Perceptron](lessons/3-NeuralNetworks/03-Perceptron/README.md),"
        " [how to run](etc/how-to-run.md)\n"
    )
    build = build_site(
        {
            "README.md": readme,
            "etc/how-to-run.md": "# How to run\n",
            "lessons/README.md": "# Overview\n",
            "lessons/1-Intro/README.md": "# Introduction to AI\n",
            "lessons/3-NeuralNetworks/README.md": "# Neural networks\n",
            "lessons/3-NeuralNetworks/03-Perceptron/README.md": "# Perceptron\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    entries = syllabus_entries(build)
    assert entries == [
        "Unit 1",
        "Introduction to AI",
        "Unit 3",
        "Neural networks",
        "Lesson 3.3",
        "Perceptron",
    ]
    assert "Overview" in build.page("lessons/index.html")


def test_a_lesson_title_naming_its_number_has_no_second_label_in_the_syllabus(build_site):
    # Microsoft titles lessons "Lesson 2: ...": the syllabus showed "Unit 2" beside it.
    build = build_site(
        {
            "README.md": "# Course\n",
            "01-intro/README.md": "# Introduction\n",
            "02-first-app/README.md": "# Lesson 2: Your first app\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert '<span class="chapter-number">Unit 1</span>' in syllabus
    assert "Unit 2" not in syllabus and ">Lesson 2: Your first app<" in syllabus
    # Nor a second number in the sidebar: it read "2 Lesson 2: Your first app".
    sidebar = build.page("01-intro/index.html").split('class="sidebar-chapters"', 1)[1]
    assert '<span class="chapter-number">1</span> Introduction' in sidebar
    assert "</span> Lesson 2: Your first app</a>" not in sidebar
    assert ">Lesson 2: Your first app</a>" in sidebar


def test_pages_named_after_their_day_are_not_numbered(build_site):
    # `2024-01-15-welcome.md`, as Jekyll names posts, was number 2024: two such clashed.
    build = build_site(
        {
            "README.md": "# Course\n",
            "01-intro/README.md": "# Introduction\n",
            "2024-01-15-welcome.md": "# Welcome\n",
            "2024.02.01 update.md": "# An update\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert "Welcome" not in syllabus and "An update" not in syllabus
    assert (build.output / "2024-01-15-welcome.html").is_file()
    assert (build.output / "2024.02.01 update.html").is_file()


def test_a_docusaurus_posts_slug_in_lower_case_leaves_it_where_its_path_puts_it(build_site):
    # yangshun/tech-interview-handbook's 13 blog posts each failed the build ("no chapter
    # number: add 'Chapter: N'"): their `slug:` between `---` lines is Docusaurus', not ours.
    post = (
        "---\ntitle: Front End Career Questions\nslug: front-end-career\nauthor: A\n---\n\nText.\n"
    )
    build = build_site(
        {
            "README.md": "# Course\n",
            "01-intro/README.md": "# Introduction\n",
            "blog/2021-08-28-post.md": post,
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert "Front End Career Questions" not in syllabus_of(build)
    assert "<h1>Front End Career Questions</h1>" in build.page("blog/2021-08-28-post.html")
    # With no title beside it, a slug in lower case is Pelican's, as it was.
    only_slug = {"README.md": "# Course\n", "basics.md": "---\nslug: 3-basics\n---\n\n# Basics\n"}
    build = build_site(only_slug, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert "Basics" in syllabus_of(build) and (build.output / "3-basics.html").is_file()


def test_a_vuepress_pages_category_in_lower_case_is_not_pelicans(build_site):
    # Snailclimb/JavaGuide's 419 pages each failed the build ("unknown Category 'Java': use
    # one of: chapters"): their `category:` between `---` lines is VuePress', not ours.
    page = "---\ntitle: Java 代理模式详解\ncategory: Java\ntag:\n  - Java基础\n---\n\nText.\n"
    build = build_site(
        {"README.md": "# Course\n\n- [Proxy](docs/proxy.md)\n", "docs/proxy.md": page},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert "Java 代理模式详解" in syllabus_of(build)
    assert not (build.output / "category").exists()
    # Pelican's, in its spelling or beside a chapter number, is still checked.
    for front in ("Title: A\nCategory: Java\n", "---\ntitle: A\nchapter: 2\ncategory: Java\n---\n"):
        build = build_site({"README.md": "# Course\n", "a.md": front + "\nText.\n"})
        assert build.exit_code != 0
        assert "content/a.md:2: unknown Category 'Java'" in build.log or (
            "content/a.md:4: unknown Category 'Java'" in build.log
        ), build.log


def test_lessons_that_start_with_a_numbered_second_level_heading_are_named_by_it(build_site):
    # As DataTalksClub's zoomcamps write lessons: "Lesson 1.2: Eda" before, from the name.
    build = build_site(
        {
            "README.md": "# Zoomcamp\n",
            "01-intro/README.md": "## 1. Introduction\n",
            "01-intro/02-eda.md": "## 1.2 Exploratory data analysis\n\nText.\n",
            # Code in the heading, before a comma: the title was shown twice.
            "01-intro/03-git.md": "## 1.3 Using `git`, then\n\nText.\n",
            # After a comment, as Microsoft's SECURITY.md opens: shown twice too.
            "01-intro/04-ci.md": "<!-- BEGIN BLOCK -->\n\n## 1.4 Continuous integration\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    page = build.page("01-intro/02-eda.html")
    assert "<title>1.2 Exploratory data analysis ·" in page
    # Shown once, as GitHub shows it: the page's <h1> is for screen readers only.
    assert '<h1 class="visually-hidden">1.2 Exploratory data analysis</h1>' in page
    assert '<h2 id="12-exploratory-data-analysis">1.2 Exploratory data analysis</h2>' in page
    assert '<h1 class="visually-hidden">1.3 Using git, then</h1>' in build.page(
        "01-intro/03-git.html"
    )
    assert '<h1 class="visually-hidden">1.4 Continuous integration</h1>' in build.page(
        "01-intro/04-ci.html"
    )
    syllabus = syllabus_of(build)
    assert ">1.2 Exploratory data analysis<" in syllabus and "Eda" not in syllabus
    assert ">1. Introduction<" in syllabus and "Unit 1" not in syllabus


def test_an_unnumbered_lesson_folder_its_unit_links_to_is_in_the_syllabus(build_site):
    # Web-Dev-For-Beginners' unit 4 is one lesson, `4-typing-game/typing-game/`: it was
    # outside the syllabus, with no previous or next.
    build = build_site(
        {
            "README.md": "# Web dev\n",
            "1-basics/README.md": "# Basics\n",
            "2-typing-game/README.md": "# Typing game\n\nStart [here](typing-game/README.md).\n",
            "2-typing-game/typing-game/README.md": "# Creating a typing game\n",
            "2-typing-game/typing-game/assignment.md": "# Assignment\n",
            "2-typing-game/solution/README.md": "# Solution\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert syllabus.index("Typing game") < syllabus.index("Creating a typing game")
    assert syllabus.index("Creating a typing game") < syllabus.index("Assignment")
    assert "Solution" not in syllabus  # not linked, no numbered lessons: outside
    lesson = build.page("2-typing-game/typing-game/index.html")
    assert 'rel="prev" href="../../2-typing-game/index.html"' in lesson
    assert 'rel="next" href="../../2-typing-game/typing-game/assignment.html"' in lesson


def test_a_draft_placed_by_its_path_builds_outside_the_syllabus(build_site):
    # It ended the build with Pelican's traceback: "'Article' object has no attribute
    # 'category'" (found by a second read).
    build = build_site(
        {
            "README.md": "# Course\n",
            "1-draft.md": "Status: draft\n\n# Not yet\n",
            "2-ready.md": "# Ready\n",
            # With front matter and no Category: "'NoneType' object has no attribute 'slug'".
            "notes.md": "Title: Notes\nStatus: draft\n\nText.\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert "Traceback" not in build.log and "Not yet" not in syllabus_of(build)
    assert "Ready" in syllabus_of(build)
    assert "Text." in build.page("drafts/notes.html")


CARPENTRIES_EPISODE = """---
title: 'Tracking Changes'
teaching: 20
---

:::::::::::::::::::::::::::::::::::::: questions

- How do I record changes in Git?

::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::::: challenge

## Choosing a Commit Message

Which message is best? See [the guide](#choosing-a-commit-message).

:::::::::::::::  solution

## Solution

Answer 1 is not descriptive enough.

:::::::::::::::::::::::::

:::::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::::: instructor

Pause here.

::::::::::::::::::::::::::::::::::::::::::::::::
"""


def test_a_carpentries_episodes_fenced_divs_are_callouts_and_folds(build_site):
    # git-novice has 219 of them; they were shown as lines of colons, solutions open.
    build = build_site(
        {"README.md": "# Git\n", "episodes/01-changes.md": CARPENTRIES_EPISODE},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    page = build.page("episodes/01-changes.html")
    assert "<title>Unit 1: Tracking Changes" in page and ":::" not in page
    assert '<div class="admonition note">\n<p class="admonition-title">Questions</p>' in page
    challenge = page.split('<div class="admonition exercise">', 1)[1]
    assert challenge.startswith('\n<p class="admonition-title">Challenge</p>')
    solution = challenge.split('<details class="solution">\n<summary>Solution</summary>', 1)[1]
    assert "Answer 1 is not descriptive enough." in solution.split("</details>", 1)[0]
    assert "<summary>Instructor note</summary>" in page


def test_a_carpentries_glossary_term_is_an_anchor_links_reach(build_site):
    # git-novice's and shell-genomics' glossaries name terms `[commit]{#commit}`: 35 and 40
    # links to them failed the gate, "no id 'commit'", and the braces showed as text.
    build = build_site(
        {
            "README.md": "# Git\n",
            "episodes/01-changes.md": "# Changes\n\n[Commit](../learners/reference.md#commit).\n",
            "learners/reference.md": "# Glossary\n\n[commit]{#commit}\n:   A record of changes.\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert '<span id="commit">commit</span>' in build.page("learners/reference.html")


def test_with_no_numbers_the_readme_table_of_modules_is_the_syllabus(build_site):
    # As Microsoft's Mastering-GitHub-Copilot is laid out: unnumbered module folders,
    # listed in the README's table; parts numbered inside a module.
    readme = (
        "# Copilot\n\n| Module | About |\n|---|---|\n"
        "| [Basics](./basics) | first |\n| [Advanced](advanced/README.md) | then |\n\n"
        "See [CONTRIBUTING.md](CONTRIBUTING.md).\n"
    )
    build = build_site(
        {
            "README.md": readme,
            "basics/README.md": "# Basics\n",
            "advanced/README.md": "# Advanced\n",
            "advanced/2-agents.md": "# Agents\n",
            "advanced/1-cli.md": "# CLI\n",
            "extras/README.md": "# Extras\n",
            "CONTRIBUTING.md": "# Contributing\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert "names' order" not in build.log
    syllabus = syllabus_of(build)
    places = [syllabus.index(title) for title in ("Basics", "Advanced", "CLI", "Agents")]
    assert places == sorted(places)
    assert "Extras" not in syllabus and "Contributing" not in syllabus
    assert 'rel="next" href="../advanced/index.html"' in build.page("basics/index.html")
    assert "Lesson 2.1" in build.page("advanced/1-cli.html")


def test_the_seed_course_and_a_github_unit_live_side_by_side(build_site):
    build = build_site(
        {
            "chapter4.md": chapter("Multimodal LLMs", "chapter4"),
            "1-basics/README.md": "# Basics\n",
            "1-basics/1-tokens/README.md": "# Tokens\n",
        }
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    labels = re.findall(r'<span class="chapter-number">([^<]+)</span>', syllabus)
    assert labels == ["Chapter 1", "Chapter 1.1", "Chapter 4", "Chapter 5"]
    assert (build.output / "chapter4.html").is_file()
    assert (build.output / "1-basics" / "1-tokens" / "index.html").is_file()


def test_beside_pelican_chapters_a_folder_of_numbered_notes_stays_outside(build_site):
    # A course of Pelican chapters keeps its own numbers: notes/01-setup.md is no chapter 1.
    build = build_site(
        {
            "chapter1.md": chapter("Tokens", "chapter1"),
            "notes/01-setup.md": "# Setup notes\n",
            "README.md": "# Course\n\nSee [the notes](notes/01-setup.md).\n",
        }
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert "Tokens" in syllabus and "Setup notes" not in syllabus
    assert (build.output / "notes" / "01-setup.html").is_file()


def test_a_unit_replaces_the_upcoming_chapter_of_its_number(build_site):
    announced = [{"number": 2, "title": "Agents"}]
    build = build_site(
        {"1-a/README.md": "# A\n", "2-agents/README.md": "# Agents\n"},
        extra_settings={**SETTINGS, "UPCOMING_CHAPTERS": announced},
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    labels = re.findall(r'<span class="chapter-number">([^<]+)</span>', syllabus)
    assert labels == ["Unit 1", "Unit 2"]
    assert "Coming soon" not in syllabus
    assert not (build.output / "chapter2.html").exists()


README_TABLE = (
    "# Course\n\n| Module | Topic |\n| --- | --- |\n| [Introduction](introduction.md) | Start |\n"
    "| [Unit 1](01-unit/) | 1 |\n| [Unit 2](02-unit/) | 2 |\n| [Unit 3](03-unit/) | 3 |\n"
    "| [Glossary](glossary.md) | Terms |\n"
)
BOOK_SUMMARY = (
    "# Summary\n\n[Introduction](introduction.md)\n\n- [Unit 1](01-unit/README.md)\n"
    "- [Unit 2](02-unit/README.md)\n- [Unit 3](03-unit/README.md)\n\n[Glossary](glossary.md)\n"
)


@pytest.mark.parametrize(
    ("home", "entries"),
    [
        (
            {"README.md": README_TABLE},
            ["Introduction", "Unit 1", "Basics", "Unit 2", "Tools", "Unit 3", "Practice"]
            + ["Unit 5", "Agents", "Glossary"],
        ),
        (  # a book's own order, none of it numbered: the announcement comes last
            {"README.md": "# Course\n", "SUMMARY.md": BOOK_SUMMARY},
            ["Introduction", "Unit 1", "Unit 2", "Unit 3", "Glossary", "Unit 5", "Agents"],
        ),
    ],
    ids=["readme", "summary"],
)
def test_an_upcoming_chapter_goes_in_by_its_number_and_the_other_pages_keep_their_places(
    build_site, home, entries
):
    # Any entry of UPCOMING_CHAPTERS (pelicanconf.py's sample "Agents" too) sent the pages
    # the README placed without a number after it (Introduction after Agents), or put it
    # before all of a book's unnumbered pages.
    build = build_site(
        {
            **home,
            "01-unit/README.md": "# Basics\n",
            "02-unit/README.md": "# Tools\n",
            "03-unit/README.md": "# Practice\n",
            "introduction.md": "# Introduction\n\nRead first.\n",
            "glossary.md": "# Glossary\n\nTerms.\n",
        },
        extra_settings={**SETTINGS, "UPCOMING_CHAPTERS": [{"number": 5, "title": "Agents"}]},
    )
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == entries


def test_a_summary_written_as_a_field_is_the_pages_description(build_site):
    # `Summary:` at the top of a lesson is a field, as documented (Pelican's): it was then
    # shown nowhere, the description being the body's first paragraph.
    build = build_site(
        {
            "README.md": "# Course\n",
            "01-parsing/README.md": "Summary: In this lesson we build a *parser*.\n\n"
            "# Parsing\n\nBody.\n",
            "02-eval/README.md": "Description: Scores.\nSummary: Not this.\n\n# Evaluation\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    page = build.page("01-parsing/index.html")
    assert '<meta name="description" content="In this lesson we build a parser.">' in page
    assert '<meta name="description" content="Scores.">' in build.page("02-eval/index.html")


def test_a_numbered_folder_of_notebooks_only_is_named_not_left_out_without_a_word(build_site):
    # A lesson kept as a notebook alone (`02-numpy/numpy.ipynb`) was missing from the
    # syllabus with no message; a course of notebooks alone built an empty syllabus.
    notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    build = build_site(
        {
            "README.md": "# Data science\n",
            "01-intro/README.md": "# Intro\n\n[The notebook](intro.ipynb)\n",
            "01-intro/intro.ipynb": notebook,
            "01-intro/solution/intro.ipynb": notebook,  # beside a lesson: its own
            "01-intro/exercises/01-arrays/arrays.ipynb": notebook,  # in a lesson: its files
            "02-numpy/numpy.ipynb": notebook,
            "02-numpy/.ipynb_checkpoints/numpy-checkpoint.ipynb": notebook,  # not counted
            "02-numpy/.notes.md": "# Notes\n",  # not read (IGNORE_FILES): no page
            "03-pandas/1-frames/frames.ipynb": notebook,
            "03-pandas/2-plots/plots.ipynb": notebook,
            "04-plots/README.md": "# Plots\n",
            "04-plots/1-lines/README.md": "# Lines\n",
            "04-plots/2-bars/bars.ipynb": notebook,  # a lesson of a unit
            "05-maps/README.md": "# Maps\n",
            "05-maps/01-world.md": "# World\n",  # a lesson in a file
            "05-maps/02-local/local.ipynb": notebook,  # a lesson of notebooks beside it
            "extras/more.ipynb": notebook,  # not numbered as a lesson
            "notebooks/01-intro/intro.ipynb": notebook,  # numbered, in a folder of files
            "notebooks/02-more/README.md": "# More\n",  # a page, but not in the syllabus
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    (line,) = [line for line in build.log.splitlines() if ".ipynb" in line]
    assert (
        "content/02-numpy/ (1 notebook), content/03-pandas/ (2 notebooks),"
        " content/04-plots/2-bars/ (1 notebook) and 1 more: numbered like"
        " lessons, but holding notebooks (.ipynb) and no Markdown page, which the build does"
        " not read: not in the syllabus; give each a README.md that introduces and links its"
        " notebooks" in line
    )


def test_notebook_folders_beside_lessons_in_files_and_of_a_course_of_notebooks(tmp_path):
    notebook = "{}"
    content = write_content(
        tmp_path / "content",
        {
            "05-maps/README.md": "# Maps\n",
            "05-maps/01-world.md": "# World\n",
            "05-maps/02-local/local.ipynb": notebook,
            "notebooks/01-intro/intro.ipynb": notebook,
            "notebooks/02-more/README.md": "# More\n",
        },
    )
    syllabus = ["content/05-maps/README.md", "content/05-maps/01-world.md"]
    assert notebook_folders(str(content), syllabus) == [("05-maps/02-local", 1)]
    alone = write_content(tmp_path / "alone", {"01-a/a.ipynb": notebook, "02-b/b.ipynb": notebook})
    assert notebook_folders(str(alone), []) == [("01-a", 1), ("02-b", 1)]


def test_a_page_named_as_an_upcoming_chapter_is_that_chapter_written(build_site):
    # `chapter3.md` is numbered by its name, as `Module01/` is: written without front matter,
    # it replaces the announced chapter 3 (it clashed with the announcement's address before).
    build = build_site(
        {"1-a/README.md": "# A\n", "chapter3.md": "# Safety, written\n"},
        extra_settings={**SETTINGS, "UPCOMING_CHAPTERS": [{"number": 3, "title": "Safety"}]},
    )
    assert build.exit_code == 0, build.log
    entries = re.findall(
        r'<span class="chapter-(?:number|title|status)">([^<]+)</span>', syllabus_of(build)
    )
    assert entries == ["Unit 1", "A", "Available", "Unit 3", "Safety, written", "Available"]
    assert "Safety, written" in build.page("chapter3.html")


def test_a_file_name_that_a_url_cannot_hold_as_it_is_gets_a_working_address(build_site):
    build = build_site(
        {
            "1-a/README.md": "# A\n\n[first](it's%20%231.md) [notes](<2 my notes.md>)\n",
            "1-a/it's #1.md": "# Number one\n",
            "1-a/2 my notes.md": "# Notes\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    unit = build.page("1-a/index.html")
    assert 'href="../1-a/it&#39;s%20%231.html"' in unit  # the syllabus; `#` is no fragment
    assert 'href="../1-a/it\'s%20%231.html">first</a>' in unit
    assert 'href="../1-a/2%20my%20notes.html">notes</a>' in unit
    assert (build.output / "1-a" / "it's #1.html").is_file()


def test_the_social_card_of_such_a_page_has_a_working_address(build_site):
    build = build_site(
        {"1-a/README.md": "# A\n", "1-a/1 #1 tip.md": "# Tip\n"},
        extra_settings={**SETTINGS, "SITEURL": "https://x.org/c", "RELATIVE_URLS": False},
    )
    assert build.exit_code == 0, build.log
    tip = build.page("1-a/1 #1 tip.html")
    assert (
        '<meta property="og:image" content="https://x.org/c/social/1-a/1%20%231%20tip.png">' in tip
    )
    assert (build.output / "social" / "1-a" / "1 #1 tip.png").is_file()


def test_a_broken_anchor_with_any_letters_is_told_at_its_markdown_line(build_site):
    build = build_site(
        {"1-a/README.md": "# A\n\n[b](../2-b/README.md#Übung)\n", "2-b/README.md": "# B\n"},
        extra_settings=SETTINGS,
    )
    assert build.exit_code != 0
    assert "content/1-a/README.md:3:1: broken anchor '../2-b/README.md#Übung'" in build.log
    assert "[in theme markup" not in build.log, build.log


def test_markdown_saved_with_an_upper_case_suffix_is_a_page(build_site):
    build = build_site(
        {
            "README.md": "# Home\n\n[two](2-b/README.MD)\n",
            "1-a/README.md": "# A\n",
            "2-b/README.MD": "# B\n",
            "2-b/notes.Markdown": "# Notes\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert re.findall(r'<span class="chapter-number">([^<]+)</span>', syllabus) == [
        "Unit 1",
        "Unit 2",
    ]
    assert 'href="./2-b/index.html">two</a>' in build.page("index.html")
    assert (build.output / "2-b" / "notes.html").is_file()


def test_the_sitemap_invents_no_date_for_a_page_without_one(build_site):
    build = build_site(
        {"1-a/README.md": "# A\n", "1-a/dated.md": "Title: Dated\nDate: 2024-03-05\n\nText.\n"},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    sitemap = build.page("sitemap.xml")
    assert "<url><loc>/1-a/</loc></url>" in sitemap  # its file's time is not a date
    assert "<loc>/1-a/dated.html</loc><lastmod>2024-03-05</lastmod>" in sitemap


def test_a_first_line_that_looks_like_a_field_is_the_readmes_text(build_site):
    """GitHub shows "Note: ..." as text; only Pelican's own fields make front matter."""
    build = build_site(
        {
            "README.md": "Note: this course is in beta.\nWelcome to the course.\n",
            "1-a/README.md": "Status update: new lesson\n\n# A\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    assert "Note: this course is in beta." in home
    assert "Status update: new lesson" in build.page("1-a/index.html")


def test_yaml_front_matter_written_for_github_pages_keeps_a_page_in_its_place(build_site):
    build = build_site(
        {
            "README.md": "---\nlayout: home\n---\n# The course\n",
            "1-a/README.md": "# A\n",
            "notes.md": "---\nlayout: page\npermalink: /notes/\n---\n# Notes\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    assert "The course" in home
    assert "layout:" not in home
    notes = build.page("notes.html")
    assert "permalink" not in notes


def test_a_carpentries_lesson_with_yaml_titles_keeps_its_episodes_in_their_places(build_site):
    # As swcarpentry/shell-novice is laid out: episodes/01-intro.md, each with a YAML title.
    def episode(title: str) -> str:
        return f"---\ntitle: {title}\nteaching: 5\nexercises: 0\n---\n\nText.\n"

    build = build_site(
        {
            "index.md": "# The Unix Shell\n",
            "episodes/01-intro.md": episode("Introducing the Shell"),
            "episodes/02-filedir.md": episode("Navigating Files and Directories"),
            "learners/setup.md": episode("Setup"),
        },
        extra_settings={**SETTINGS, "COURSE_LEVELS": ["Episode"]},
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    first, second = syllabus.index("Introducing the Shell"), syllabus.index("Navigating Files")
    assert syllabus.index("Episode 1") < first < syllabus.index("Episode 2") < second
    assert "Setup" not in syllabus
    assert "<title>Setup" in build.page("learners/setup.html")
    assert "teaching" not in build.page("episodes/01-intro.html")


def test_pelicans_title_between_dashes_still_makes_a_chapter(build_site):
    # Pelican's own reader accepts `---` around its fields; `Title:` is Pelican's spelling.
    build = build_site(
        {
            "intro.md": "---\nTitle: Chapter 3 Agents\nDate: 2024-02-01\n---\n\nText.\n",
            "chapter4.md": chapter("Multimodal LLMs", "chapter4"),
        }
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    # A title naming its number has no second label beside it.
    entries = re.findall(r'<span class="chapter-(?:number|title)">([^<]+)</span>', syllabus)
    assert entries[:3] == ["Chapter 3 Agents", "Chapter 4", "Multimodal LLMs"]


def test_the_course_readme_with_a_title_is_still_the_home_page(build_site):
    build = build_site(
        {"README.md": "Title: XR for everyone\n\nWelcome.\n", "1-a/README.md": "# A\n"},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    assert "Welcome." in home
    syllabus = home.split('id="courseSyllabus"')[1]
    assert re.findall(r'<span class="chapter-number">([^<]+)</span>', syllabus) == ["Unit 1"]


def test_hidden_folders_such_as_github_are_not_built(build_site):
    """A repository's `.github/` (issue templates with YAML fields) is not part of the course."""
    template = "---\nname: Bug report\ntitle: ''\nlabels: bug\n---\nDescribe the bug.\n"
    build = build_site(
        {
            "README.md": "# The course\n",
            "1-a/README.md": "# A\n",
            ".github/ISSUE_TEMPLATE/bug_report.md": template,
            ".github/workflows/notes.md": "# Workflow notes\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert not (build.output / ".github").exists()
    assert "Workflow notes" not in build.page("index.html")


def test_units_named_by_a_word_and_a_number_are_numbered_by_it(build_site):
    # AZD-for-beginners keeps its chapters in docs/chapter-01-foundation/...: unnumbered, so the
    # syllabus was its side workshop's numbered steps, three folders down, and the 32 pages of
    # its chapters were left out. edgeai-for-beginners' Module01/ was "Chapter 2: Chapter 01".
    readme = (
        "# Course\n\n| Chapter | |\n|---|---|\n"
        "| 1 | [Foundation](docs/chapter-01-foundation/README.md) |\n"
        "| 2 | [AI](docs/chapter-02-ai/README.md) |\n\n[The workshop](workshop/README.md)\n"
    )
    build = build_site(
        {
            "README.md": readme,
            "docs/chapter-01-foundation/README.md": "# Chapter 01: Foundation\n",
            "docs/chapter-01-foundation/first-project.md": "# Your first project\n",
            "docs/chapter-02-ai/README.md": "# Chapter 02: AI\n",
            "workshop/README.md": "# Workshop\n",
            "workshop/docs/instructions/0-Introduction.md": "# Workshop intro\n",
            "workshop/docs/instructions/1-Select.md": "# Select a template\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    entries = syllabus_entries(build)
    assert entries == ["Chapter 01: Foundation", "Your first project", "Chapter 02: AI"]
    assert "<title>Chapter 01: Foundation ·" in build.page("docs/chapter-01-foundation/index.html")
    assert "Workshop intro" in build.page("workshop/docs/instructions/0-Introduction.html")


def test_of_two_numbered_folders_the_one_the_readme_links_into_is_the_syllabus(build_site):
    # PhiCookBook keeps its chapters in md/ and their code in code/, both numbered: the
    # syllabus was empty, with a notice, though its README links only into md/.
    build = build_site(
        {
            "README.md": "# Cookbook\n\n- [Intro](md/01.Introduction/README.md)\n",
            "md/01.Introduction/README.md": "# Introduction\n",
            "md/02.Application/README.md": "# Applications\n\n[Act 1](md/01.BuildAgent.md)\n",
            "code/01.Introduce/README.md": "# Sample code\n",
            # edgeai-for-beginners: a unit's lessons in md/, its samples in code/, both numbered.
            "md/02.Application/md/01.BuildAgent.md": "# Build an agent\n",
            "md/02.Application/code/01.Basic/README.md": "# Basic sample\n",
        },
        extra_settings={**SETTINGS, "COURSE_LEVELS": ["Chapter", "Act"]},
    )
    assert build.exit_code == 0, build.log
    assert "the syllabus is empty" not in build.log
    entries = syllabus_entries(build)
    assert entries == [
        "Chapter 1",
        "Introduction",
        "Chapter 2",
        "Applications",
        "Act 2.1",
        "Build an agent",
    ]


def test_unnumbered_folders_the_readme_links_are_in_the_syllabus_where_it_lists_them(build_site):
    # edgeai-for-beginners lists its Workshop/ and WorkshopForAgentic/ after Module01/ to
    # Module08/: numbered at the top, the course left them out of the syllabus.
    readme = (
        "# Course\n\nA [lesson template](lesson-template/README.md) for teachers.\n\n"
        "1. [Intro](introduction.md)\n2. [Basics](Module01/README.md)\n"
        "3. [Workshop](./Workshop)\n4. [Deploy](Module02/README.md)\n"
        "5. [Notes](cohorts/2026/notes.md)\n"
    )
    build = build_site(
        {
            "README.md": readme,
            "introduction.md": "# Introduction\n",
            "lesson-template/README.md": "# [Lesson Topic]\n",  # linked before the first unit
            "Module01/README.md": "# Module 01: Basics\n",
            "Module01/01.Setup.md": "# Setup\n",
            "Module01/samples/README.md": "# Samples\n",
            "Module01/samples/01/README.md": "# A first sample\n",
            "Module02/README.md": "# Module 02: Deploy\n",
            "Workshop/README.md": "# Workshop\n",
            "Workshop/Session01-start.md": "# Session 1: Start\n",
            "Workshop/Session02-build.md": "# Session 2: Build\n",
            "cohorts/README.md": "# Cohorts\n",
            "cohorts/2026/notes.md": "# Notes\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    entries = re.findall(r'<span class="chapter-(?:number|title)">([^<]+)</span>', syllabus)
    assert entries == [
        "Introduction",  # in the list of units, before the first: no preamble
        "Module 01: Basics",
        "Lesson 1.1",
        "Setup",
        "Samples",
        "A first sample",  # not a second "Lesson 1.1"
        "Workshop",
        "Session 1: Start",  # not "Unit 1" again
        "Session 2: Build",
        "Module 02: Deploy",
    ]
    assert "Cohorts" not in syllabus
    assert "Lesson Topic" not in syllabus  # linked before the list: a preamble
    workshop = build.page("Workshop/index.html")
    assert '<link rel="prev" href="../Module01/samples/01/index.html">' in workshop
    assert '<link rel="next" href="../Workshop/Session01-start.html">' in workshop


def test_a_numbered_folder_with_no_page_lists_its_unnumbered_folders(build_site):
    # PhiCookBook's md/02.Application/ has no README, only 01.TextAndChat/...-like folders
    # with theirs, unnumbered here: the build failed, "a numbered folder with no page and no
    # lesson", though GitHub lists the folder.
    build = build_site(
        {
            "README.md": "# Course\n",
            "1-intro/README.md": "# Intro\n",
            "2-apps/chat/README.md": "# Chat sample\n",
            "2-apps/vision/README.md": "# Vision sample\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    entries = syllabus_entries(build)
    assert entries == ["Unit 1", "Intro", "Unit 2", "Apps", "Chat sample", "Vision sample"]
    listing = build.page("2-apps/index.html")
    assert 'href="../2-apps/chat/index.html"' in listing


def test_one_name_with_a_word_and_a_number_does_not_number_a_course(build_site):
    # Among unnumbered units ordered by the README, `day2-operations/` is a name: read as
    # "Day 2", it turned the README's order off and left two units out of the syllabus.
    readme = (
        "# Kubernetes\n\n1. [Getting started](getting-started/README.md)\n"
        "2. [Workloads](workloads/README.md)\n3. [Day-2 operations](day2-operations/README.md)\n"
        "4. [Security](security/README.md)\n"
    )
    build = build_site(
        {
            "README.md": readme,
            "getting-started/README.md": "# Getting started\n",
            "workloads/README.md": "# Workloads\n",
            "day2-operations/README.md": "# Day-2 operations\n",
            "security/README.md": "# Security\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    titles = syllabus_titles(build)
    assert titles == ["Getting started", "Workloads", "Day-2 operations", "Security"]


def test_a_units_own_repository_files_are_outside_the_syllabus(build_site):
    # Mastering-GitHub-Copilot keeps a module that was a repository of its own, with its
    # CODE_OF_CONDUCT.md, LICENSE.md and SECURITY.md: they were lessons of that module.
    build = build_site(
        {
            "README.md": "# Course\n",
            "01-game/README.md": "# A mini game\n\n[Rules](rules.md)\n",
            "01-game/rules.md": "# Rules\n",
            "01-game/CODE_OF_CONDUCT.md": "# Code of conduct\n",
            "01-game/LICENSE.md": "# MIT License\n",
            "02-ai/README.md": "# AI\n",
            "02-ai/agents.md": "# AI agents\n",  # AZD-for-beginners' lesson, not AGENTS.md
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    titles = syllabus_titles(build)
    assert titles == ["A mini game", "Rules", "AI", "AI agents"]
    assert "MIT License" in build.page("01-game/LICENSE.html")


def test_labs_numbered_with_a_letter_take_their_place_between_the_numbers(build_site):
    # mslearn-fabric numbers 21 of its 48 labs so (06a, 06b, 22a...), mslearn-ai-fundamentals
    # 5 of its 7: they were left out of the syllabus, linked from nowhere, with no word.
    build = build_site(
        {
            "README.md": "# Labs\n",
            "Labs/01-lakehouse.md": "# Create a lakehouse\n",
            "Labs/01b-medallion.md": "# Medallion architecture\n",
            "Labs/02-spark.md": "# Analyze data with Spark\n",
            "Labs/02a-load.md": "# Lab 02a: Load data\n",
        },
        extra_settings={**SETTINGS, "COURSE_LEVELS": ["Lab"]},
    )
    assert build.exit_code == 0, build.log
    entries = syllabus_entries(build)
    assert entries == [
        "Lab 1",
        "Create a lakehouse",
        "Lab 1b",
        "Medallion architecture",
        "Lab 2",
        "Analyze data with Spark",
        "Lab 02a: Load data",  # a title naming its number has no second label
    ]
    assert "<title>Lab 1b: Medallion architecture ·" in build.page("Labs/01b-medallion.html")


def test_labs_and_demos_kept_in_two_folders_are_two_parts_of_the_syllabus(build_site):
    # MicrosoftLearning's lab courses (AZ-104 and its like) keep `Instructions/Labs/LAB_01-...`
    # and `Instructions/Demos/01 - ...` with no README above them: the 14 labs were left out
    # of the syllabus, linked from nowhere, with no word, and only the demos were listed.
    build = build_site(
        {
            "README.md": "# AZ-104\n",
            "Instructions/Labs/LAB_01-Manage_Identities.md": "# Lab 01: Manage identities\n",
            "Instructions/Labs/LAB_02a_Subscriptions.md": "# Lab 02a: Subscriptions\n",
            "Instructions/Labs/LAB_02b-Policy.md": "# Lab 02b: Policy\n",
            "Instructions/Labs/Lab10-Backup.md": "# Lab 10: Backup\n",
            "Instructions/Demos/01 - Administer Identity.md": "# Administer Identity\n",
            "Instructions/Demos/02 - Governance.md": "# Governance\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Demos",
        "Administer Identity",
        "Governance",
        "Labs",
        "Lab 01: Manage identities",
        "Lab 02a: Subscriptions",
        "Lab 02b: Policy",
        "Lab 10: Backup",
    ]
    listing = build.page("Instructions/Labs/index.html")
    assert 'href="LAB_02b-Policy.html"' in listing or "LAB_02b-Policy.html" in listing
    lab = build.page("Instructions/Labs/LAB_02a_Subscriptions.html")
    assert "LAB_01-Manage_Identities.html" in lab and "LAB_02b-Policy.html" in lab  # neighbours


def test_a_lab_named_by_its_number_beside_numbered_lessons_is_a_page_of_the_unit(build_site):
    # `Lab 1.md` beside `01-intro.md` built, after the lessons; once `lab` numbered names,
    # both were number 1 and the build failed.
    build = build_site(
        {
            "README.md": "# Course\n",
            "1-basics/README.md": "# Basics\n",
            "1-basics/01-intro.md": "# Intro\n",
            "1-basics/02-theory.md": "# Theory\n",
            "1-basics/Lab 1.md": "# Lab 1: Practice\n",
            "1-basics/lab-2.md": "# Lab 2: More practice\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Unit 1",
        "Basics",
        "Lesson 1.1",
        "Intro",
        "Lesson 1.2",
        "Theory",
        "Lab 1: Practice",
        "Lab 2: More practice",
    ]


def test_a_lessons_solutions_are_pages_it_links_to_not_steps_of_the_reading_order(build_site):
    # generative-ai-with-javascript's lessons link their `solution/` (its quiz answers too),
    # mcp-for-beginners' its 33 solution pages: each was in the syllabus, and a lesson's
    # "Next" showed its solution before the next lesson.
    build = build_site(
        {
            "README.md": "# Course\n\n- [Tools](01-tools/README.md)\n- [MCP](02-mcp/README.md)\n",
            "01-tools/README.md": (
                "# Tool calling\n\n[Solution](solution/README.md), [quiz](solution/quiz.md),"
                " [answers](quiz-answers.md), [assignment](assignment.md),"
                " [design](solution-design.md)\n"
            ),
            "01-tools/assignment.md": "# Assignment\n",
            "01-tools/solution-design.md": "# Solution design\n",  # a lesson, by its name
            "01-tools/quiz-answers.md": "# Quiz answers\n",
            "01-tools/solution/README.md": "# Running the solution\n",
            "01-tools/solution/quiz.md": "# Question 1\n",
            "01-tools/solution/python/README.md": "# Python\n",
            "02-mcp/README.md": "# MCP\n",
            "02-mcp/03-answers.md": "# Lesson 3: Answers from a server\n",  # numbered: a lesson
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_titles(build) == [
        "Tool calling",
        "Assignment",
        "Solution design",
        "MCP",
        "Lesson 3: Answers from a server",
    ]
    lesson = build.page("01-tools/index.html")
    assert '01-tools/solution/index.html">Solution</a>' in lesson
    assert '01-tools/quiz-answers.html">answers</a>' in lesson
    assert '<link rel="next" href="../01-tools/assignment.html">' in lesson
    assert "Running the solution" in build.page("01-tools/solution/index.html")


def test_a_lessons_own_syllabus_heading_keeps_githubs_id_and_links_to_it_work(build_site):
    # machine-learning-zoomcamp's cohort pages each have a `## Syllabus`: it was
    # `#syllabus-1`, and a link to `README.md#syllabus` failed the build.
    build = build_site(
        {
            "README.md": "# Course\n\n## Syllabus\n\n- [Intro](1-intro/README.md)\n",
            "1-intro/README.md": "# Intro\n\n## Syllabus\n\nWeek 1.\n",
            "2-next/README.md": "# Next\n\nSee [the syllabus](../1-intro/README.md#syllabus).\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert '<h2 id="syllabus">Syllabus</h2>' in build.page("1-intro/index.html")
    home = build.page("index.html")  # the README's, beside the theme's syllabus
    assert '<h2 id="syllabus">Syllabus</h2>' in home and 'id="courseSyllabus"' in home


def test_an_empty_syllabus_names_the_hidden_folder_that_holds_the_lessons(build_site):
    # A GitHub Skills course keeps its steps in .github/steps/: the site had an empty
    # syllabus, "Nothing here yet", and the build said nothing.
    build = build_site(
        {
            "README.md": "# Introduction to GitHub\n",
            ".github/steps/1-create-a-branch.md": "## Step 1: Create a branch\n",
            ".github/steps/2-commit-a-file.md": "## Step 2: Commit a file\n",
            ".github/steps/3-open-a-pull-request.md": "## Step 3: Open a pull request\n",
            ".github/steps/x-review.md": "## Review\n",  # counted: it was "3 Markdown pages"
            ".github/ISSUE_TEMPLATE/bug.md": "# Bug\n",  # not a lesson: not named
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert (
        "content/: the syllabus is empty; content/.github/steps/ holds 4 Markdown pages"
        " hidden by a name starting with '.': move them out (steps/) to build them"
    ) in build.log


def test_a_course_that_is_one_readme_shows_no_empty_syllabus(build_site):
    # mlabonne/llm-course is one README: its page ended "Syllabus: Nothing here yet", under
    # an empty "Syllabus" menu, as if the course were not written.
    build = build_site(
        {"README.md": "# LLM course\n\nThree parts, all on this page.\n"}, extra_settings=SETTINGS
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    assert "Three parts, all on this page." in home
    assert "Nothing here yet" not in home and 'id="courseSyllabus"' not in home
    assert "sidebar-chapters" not in home and 'aria-label="Syllabus"' not in home


def test_a_units_pages_come_where_its_page_links_them_among_its_lessons(build_site):
    # You-Don't-Know-JS's books link their foreword, then ch1.md, ch2.md, then an appendix:
    # the foreword came after the last chapter, whose Next led to it.
    build = build_site(
        {
            "README.md": "# Books\n\n- [Get started](1-get-started/README.md)\n",
            "1-get-started/README.md": (
                "# Get started\n\n[Foreword](foreword.md)\n\n"
                "1. [One](ch1.md)\n2. [Two](ch2.md)\n\n[Appendix A](apA.md)\n"
            ),
            "1-get-started/foreword.md": "# Foreword\n",
            "1-get-started/ch1.md": "# Chapter 1: One\n",
            "1-get-started/ch2.md": "# Chapter 2: Two\n",
            "1-get-started/apA.md": "# Appendix A\n",
            "1-get-started/notes.md": "# Notes\n",  # not linked: after them
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_titles(build) == [
        "Get started",
        "Foreword",
        "Chapter 1: One",
        "Chapter 2: Two",
        "Appendix A",
        "Notes",
    ]


def test_an_mdbook_is_read_in_the_order_of_its_summary(build_site):
    # rust-lang/book's src/ has no README: its 111 chapters were read in name order, the
    # appendices first and the foreword last, with SUMMARY.md itself as chapter 1.
    summary = (
        "# The Book\n\n[Foreword](foreword.md)\n[Introduction](ch00-00-introduction.md)\n\n"
        "- [Getting Started](ch01-00-getting-started.md)\n"
        "  - [Installation](ch01-01-installation.md)\n- [Appendix](appendix-00.md)\n"
    )
    build = build_site(
        {
            "SUMMARY.md": summary,
            "appendix-00.md": "# Appendix\n",
            "ch00-00-introduction.md": "# Introduction\n",
            "ch01-00-getting-started.md": "# Getting Started\n",
            "ch01-01-installation.md": "# Installation\n",
            "foreword.md": "# Foreword\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert "names' order" not in build.log
    # Numbered as mdBook numbers them: a plain link (the foreword) has no number, a chapter
    # listed inside another's item is its section.
    assert syllabus_entries(build) == [
        "Foreword",
        "Introduction",
        "Unit 1",
        "Getting Started",
        "Lesson 1.1",
        "Installation",
        "Unit 2",
        "Appendix",
    ]
    assert "The Book" in build.page("SUMMARY.html")


def test_an_mdbook_repository_built_whole_is_read_by_its_src_summary(build_site):
    # google/comprehensive-rust: book.toml, a README and tools at the top, the book in src/
    # (mdBook's layout). Its syllabus was the README's tools, the book nowhere in it.
    summary = (
        "# Summary\n\n[Welcome](index.md)\n\n- [Basics](basics.md)\n"
        "  - [Variables](basics/variables.md)\n\n# Day 1: Afternoon\n\n"
        "- [Control Flow](control.md)\n"
    )
    build = build_site(
        {
            "README.md": "# Comprehensive\n\nSee [the tool](tool/README.md).\n",
            "TRANSLATIONS.md": "# Translations\n",
            "tool/README.md": "# Tool\n",
            "SUMMARY.md": "# Summary\n\nWhat the course taught.\n",  # a recap, no book's list
            "src/SUMMARY.md": summary,
            "src/index.md": "# Welcome\n",
            "src/basics.md": "# Basics\n",
            "src/basics/variables.md": "# Variables\n",
            "src/control.md": "# Control Flow\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Welcome",
        "Unit 1",
        "Basics",
        "Lesson 1.1",
        "Variables",
        "Day 1: Afternoon",
        "Unit 2",
        "Control Flow",
    ]
    part = build.page("day-1-afternoon.html")
    assert 'href="./src/control.html"' in part


def test_an_mdbook_is_read_by_its_src_summary_beside_older_editions_and_print_copies(build_site):
    # rust-lang/book keeps its book in src/ beside `2018-edition/`, `nostarch/` (the print
    # copy, chapter01.md...) and `redirects/`: the build stopped on "2018-edition/: a
    # numbered folder with no page", and without it the syllabus was the print copy, as
    # src/SUMMARY.md listed fewer than half of all the pages.
    summary = "# Summary\n\n- [Getting started](ch01-00-getting-started.md)\n"
    summary += "- [Guess](ch02-00-guess.md)\n"
    files = {
        "README.md": "# The Rust Programming Language\n",
        "src/SUMMARY.md": summary,
        "src/ch01-00-getting-started.md": "# Getting started\n",
        "src/ch02-00-guess.md": "# Guess\n",
        "2018-edition/src/ch01-00-getting-started.md": "# Old getting started\n",
        "nostarch/chapter01.md": "# Print 1\n",
        "nostarch/chapter02.md": "# Print 2\n",
    }
    files.update({f"redirects/{name}.md": f"# {name}\n" for name in "abcde"})
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == ["Unit 1", "Getting started", "Unit 2", "Guess"]
    assert (build.output / "nostarch/chapter01.html").is_file()


def test_a_gitbook_is_read_by_its_summary_beside_its_readme(build_site):
    # chiphuyen/ml-interviews-book: a README, a SUMMARY.md, and every page in `contents/`,
    # six of them named `0-...`. The SUMMARY was not read (a README was there) and the build
    # failed: "0-about-the-answers.md and 0-about-the-author.md are both number 0".
    summary = (
        "# Summary\n\n* [Introduction](README.md)\n    * [Audience](contents/0-audience.md)\n"
        "    * [About](contents/0-about.md)\n* [Part I. Overview](contents/part-i.md)\n"
        "    * [Chapter 1. Jobs](contents/chapter-1.md)\n"
        "        * [1.2 Companies](contents/1.2-companies.md)\n"
        "        * [1.1 Roles](contents/1.1-roles.md)\n"
    )
    build = build_site(
        {
            "README.md": "# ML interviews\n\nA book.\n",
            "SUMMARY.md": summary,
            "contents/0-audience.md": "# Audience\n",
            "contents/0-about.md": "# About\n",
            "contents/part-i.md": "# Part I. Overview\n",
            "contents/chapter-1.md": "# Chapter 1. Jobs\n",
            "contents/1.1-roles.md": "# 1.1 Roles\n",
            "contents/1.2-companies.md": "# 1.2 Companies\n",
            "contents/draft.md": "# A draft\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    # In the SUMMARY's order (1.2 before 1.1 there), not numbered again: the titles number
    # themselves. The README's sections come up to the top; a page not listed is outside.
    assert syllabus_entries(build) == [
        "Audience",
        "About",
        "Part I. Overview",
        "Chapter 1. Jobs",
        "1.2 Companies",
        "1.1 Roles",
    ]
    part = LexborHTMLParser(syllabus_of(build)).css_first('li:has(> a[href$="part-i.html"])')
    assert "1.1 Roles" in part.text() and "Audience" not in part.text()
    next_page = 'rel="next" href="../contents/1.1-roles.html"'
    assert next_page in build.page("contents/1.2-companies.html")
    assert "A draft" in build.page("contents/draft.html")


def test_an_mdbook_orders_pages_kept_in_folders_by_its_summary(build_site):
    # rust-lang/rust-by-example: `hello.md` beside `hello/print.md`, `hello/comment.md`,
    # and an index.md. The SUMMARY was not read (an index.md was there): the sections came
    # in their names' order, "Comments" after "Print".
    summary = (
        "# Summary\n\n[Introduction](index.md)\n\n- [Hello World](hello.md)\n"
        "    - [Print](hello/print.md)\n        - [Debug](hello/print/debug.md)\n"
        "    - [Comments](hello/comment.md)\n- [Primitives](primitives.md)\n"
    )
    # The book names its chapters in its SUMMARY, as mdBook's table of contents shows them
    # (comprehensive-rust's three "Building in Android" pages are Genrules, C++ and Rust).
    build = build_site(
        {
            "index.md": "# Rust by Example\n",
            "SUMMARY.md": summary,
            "hello.md": "# Hello World\n",
            "hello/print.md": "# Print\n",
            "hello/print/debug.md": "# Debug\n",
            "hello/comment.md": "# Comments in Rust\n",
            "primitives.md": "# Primitives\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Unit 1",
        "Hello World",
        "Lesson 1.1",
        "Print",
        "Lesson 1.1.1",
        "Debug",
        "Lesson 1.2",
        "Comments",
        "Unit 2",
        "Primitives",
    ]
    assert re.search(r"<h1[^>]*>Comments in Rust<", build.page("hello/comment.html"))  # its own


def test_a_books_parts_hold_their_chapters_which_keep_the_books_numbers(build_site):
    # google/comprehensive-rust titles 15 parts of its SUMMARY (`# Day 1: Morning`): they
    # were dropped, and nothing showed which chapters a day holds.
    summary = (
        "# Summary\n\n[Welcome](index.md)\n\n# Day 1: Morning\n\n- [Hello](hello.md)\n"
        "- [Types](types.md)\n\n---\n\n# Day 1: Afternoon\n\n- [Loops](loops.md)\n"
        "  - [For](for.md)\n"
    )
    files = {"SUMMARY.md": summary, "index.md": "# Comprehensive\n"}
    files |= {f"{name}.md": f"# {name.title()}\n" for name in ["hello", "types", "loops", "for"]}
    files["day-1-morning.md"] = "# Notes on the first morning\n"  # its name is taken
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Day 1: Morning",
        "Unit 1",
        "Hello",
        "Unit 2",
        "Types",
        "Day 1: Afternoon",
        "Unit 3",
        "Loops",
        "Lesson 3.1",
        "For",
    ]
    part = build.page("day-1-morning-2.html").split("<main", 1)[1]  # written for the part
    assert "Hello" in part and "Types" in part and "Loops" not in part.split("</main>")[0]
    assert 'rel="prev" href="./day-1-morning-2.html"' in build.page("hello.html")
    assert "Notes on the first morning" in build.page("day-1-morning.html")


def test_a_books_draft_chapter_is_announced_and_keeps_its_number(build_site):
    # mdBook draws `- [Traits]()` as a draft chapter, numbered and not linked: it was left
    # out, and the chapters after it took numbers one less than the book's.
    summary = (
        "# Summary\n\n- [Hello](hello.md)\n- [Traits]()\n  - [Derive](derive.md)\n"
        "- [Loops](loops.md)\n"
    )
    files = {"SUMMARY.md": summary, "traits.md": "# Notes on traits\n"}  # its name taken
    files |= {f"{name}.md": f"# {name.title()}\n" for name in ["hello", "derive", "loops"]}
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert syllabus_entries(build) == [
        "Unit 1",
        "Hello",
        "Unit 2",
        "Traits",
        "Lesson 2.1",
        "Derive",
        "Unit 3",
        "Loops",
    ]
    draft = build.page("traits-2.html")  # announced, as an upcoming chapter is
    assert "coming soon" in draft and "<h1>Unit 2: Traits</h1>" in draft
    home = build.page("index.html")
    assert re.search(r'upcoming">\s*<a href="./traits-2.html">', home) and "Coming soon" in home
    assert 'rel="next" href="./traits-2.html"' in build.page("hello.html")
    assert "Notes on traits" in build.page("traits.html")


def test_a_books_draft_named_as_the_sites_own_page_gets_a_name_of_its_own(build_site):
    # `- [404]()` ended the build with a traceback: its page and the theme's were 404.html.
    files = {"SUMMARY.md": "# S\n\n- [Hello](hello.md)\n- [404]()\n", "hello.md": "# Hello\n"}
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    assert "coming soon" in build.page("404-2.html")
    assert "coming soon" not in build.page("404.html")


def test_a_books_long_titles_name_pages_a_file_system_can_hold(build_site):
    # A part's or a draft's page is named after its title: one of 420 characters ended the
    # build with "OSError: File name too long".
    title = "Traits " * 60
    summary = f"# S\n\n- [Hello](hello.md)\n- [{title}]()\n\n# {title}\n\n- [Loops](loops.md)\n"
    files = {"SUMMARY.md": summary, "hello.md": "# Hello\n", "loops.md": "# Loops\n"}
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    written = sorted(path.name for path in build.output.glob("traits-*.html"))
    assert written == [f"{'traits-' * 10}traits-2.html", f"{'traits-' * 10}traits.html"]


def test_a_page_kept_for_middleman_is_published_at_its_html_name(build_site):
    # rubymonsters/ruby-for-beginners keeps 81 pages as `strings-3.html.md`: they were
    # `strings-3.html.html`, titled "Strings 3.html", and the book's own links missed them.
    build = build_site(
        {
            "README.md": "# Ruby\n",
            "01-strings.html.md": "Strings are text. See [the exercise](02-exercise.html).\n",
            "02-exercise.html.md": "# An exercise\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert "<title>Unit 1: Strings ·" in build.page("01-strings.html")
    assert "An exercise" in build.page("02-exercise.html")


def test_chapters_kept_in_folders_named_by_chinese_ordinals_are_in_their_order(build_site):
    # datawhalechina/thorough-pytorch keeps its chapters in `第零章/` to `第十章/` (chapter
    # zero to ten): none was numbered, and the syllabus was empty.
    build = build_site(
        {
            "README.md": "# 深入浅出PyTorch\n",
            "source/第零章/index.md": "# 第零章：前置知识\n",
            "source/第一章/index.md": "# 第一章：PyTorch的简介和安装\n",
            "source/第一章/1.1 PyTorch简介.md": "# 1.1 PyTorch简介\n",
            "source/第一章/1.2 PyTorch的安装.md": "# 安装\n",
            "source/第十章/index.md": "# 第十章：常见网络代码的解读\n",
            "source/第二章/index.md": "# 第二章：PyTorch基础知识\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    # Numbered by the folders; a title that numbers itself is not labelled again.
    assert syllabus_entries(build) == [
        "第零章：前置知识",
        "第一章：PyTorch的简介和安装",
        "1.1 PyTorch简介",
        "Lesson 1.2",
        "安装",
        "第二章：PyTorch基础知识",
        "第十章：常见网络代码的解读",
    ]


def test_a_jekyll_lecture_shows_its_title_above_its_sections(build_site):
    # missing-semester: a comment in the front matter showed the fields after it as text on
    # its home page, and 27 lectures (`## Sections`, then `# Exercises`) showed no title.
    lecture = (
        "---\nlayout: lecture\n# The lecture's video, shown by the layout\n"
        "title: Data Wrangling\ndate: 2020-01-16\n---\n\nWe will see how.\n\n"
        "## Regular expressions\n\nText.\n\n# Exercises\n\n1. Try it.\n"
    )
    build = build_site(
        {"README.md": "# Missing semester\n", "_2020/1-data-wrangling.md": lecture},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    page = build.page("_2020/1-data-wrangling.html")
    assert re.search(r"<h1>Data Wrangling</h1>", page)
    assert "layout:" not in page and "shown by the layout" not in page
    assert re.search(r'<h1 id="exercises"', page)


def test_a_link_made_by_liquid_is_told_once_at_its_line(build_site):
    # missing-semester: Pelican also said "Replacement Indicator '{ lecture.url ' not
    # recognized", naming no file, beside the link gate's line.
    index = '# Lectures\n\n<ul>\n{% for l in ls %}\n<li><a href="{{ l.url }}">x</a></li>\n</ul>\n'
    build = build_site({"README.md": index, "01-one.md": "# One\n"}, extra_settings=SETTINGS)
    assert build.exit_code != 0
    assert "content/README.md:5:5: broken link '{{ l.url }}'" in build.log
    assert "Replacement Indicator" not in build.log


def test_jekylls_liquid_is_told_once_a_file_and_fails_nothing(build_site):
    # MicrosoftLearning's lab courses list their labs on index.md with Liquid: the home page
    # showed `{% assign labs = ... %}` where the list should be, with no word.
    index = (
        "# Labs\n\n{% assign labs = site.pages | where_exp: 'page', 'page.url contains x' %}\n"
        "{% for activity in labs %}\n- {{ activity.title }}\n{% endfor %}\n\n"
        "In code, `{% raw %}` is fine, and <code>{% if %}</code> too.\n\n"
        "<pre>\n{% for x in y %}\n</pre>\n\n{{% notice tip %}} is Hugo's.\n"
        # In a comment, as devops-exercises hides `{% raw %}` from Jekyll: nothing shows.
        "\n<!-- {% raw %} -->\n\nText <!-- {% endraw\n %} --> here.\n"
    )
    build = build_site(
        {"index.md": index, "README.md": "# Labs\n", "Labs/01-a.md": "# A\n"},
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    assert build.log.count("Jekyll's Liquid") == 1, build.log
    assert (
        "content/index.md:3:1: '{% assign labs = site.pages | where_exp: 'page', 'page.url …'"
        " and 2 more are template tags (Jekyll's Liquid, for one), which no Markdown runs: the"
        " page shows them as text; write what they make in Markdown, or put them in code"
    ) in build.log


@pytest.mark.parametrize(
    ("files", "titles"),
    [
        # One digit and a letter is a name: `3d-printing/` had numbered the course and dropped
        # the unit the README lists before it.
        (
            {
                "README.md": "# Making\n\n- [Start](getting-started/README.md)\n"
                "- [3D printing](3d-printing/README.md)\n- [Laser](laser-cutting/README.md)\n",
                "getting-started/README.md": "# Getting started\n",
                "3d-printing/README.md": "# 3D printing\n",
                "laser-cutting/README.md": "# Laser cutting\n",
            },
            ["Getting started", "3D printing", "Laser cutting"],
        ),
        # A course of one week so far is numbered by it: its lessons are 1.1 and 1.2.
        (
            {
                "README.md": "# Course\n",
                "week1/README.md": "# Setup\n",
                "week1/01-tools.md": "# Tools\n",
                "week1/02-git.md": "# Git\n",
            },
            ["Setup", "Tools", "Git"],
        ),
        # A SUMMARY.md that links fewer than half the pages is a recap, not a book's list.
        (
            {
                "README.md": "# Course\n",
                "intro/README.md": "# Introduction\n",
                "loops/README.md": "# Loops\n",
                "loops/while.md": "# While\n",
                "SUMMARY.md": "# Summary\n\n- We saw [loops](loops/README.md).\n",
            },
            ["Summary", "Introduction", "Loops", "While"],
        ),
        # Only mdBook's SUMMARY.md orders a book: a `summary.md` lesson is a lesson.
        (
            {
                "intro.md": "# Introduction\n",
                "loops.md": "# Loops\n",
                "summary.md": "# Summary\n\nWe saw [loops](loops.md) after [it](intro.md).\n",
            },
            ["Introduction", "Loops", "Summary"],
        ),
    ],
)
def test_names_that_look_numbered_but_are_names(build_site, files, titles):
    build = build_site(files, extra_settings=SETTINGS)
    assert build.exit_code == 0, build.log
    syllabus = syllabus_of(build)
    assert re.findall(r'<span class="chapter-title">([^<]+)</span>', syllabus) == titles
    if "week1/README.md" in files:
        assert "Lesson 1.2" in syllabus


def test_a_broken_image_no_page_uses_is_no_problem_of_the_course(build_site):
    # inancgumus/learngo keeps empty and broken PNGs as test data for its lessons' PNG
    # detector: no page shows them, none is published, yet the build failed on all ten.
    build = build_site(
        {
            "README.md": "# Go\n\nStart with [the intro](1-intro/).\n",
            "1-intro/README.md": "# Intro\n\n![A chart](chart.png)\n",
            "1-intro/chart.png": b"not a png either",
            "1-intro/testdata/empty.png": b"",
            "1-intro/testdata/text.png": b"not a png",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code != 0
    assert "content/1-intro/chart.png: not an image Pillow can read" in build.log, build.log
    assert "testdata" not in build.log


def test_a_gitbook_with_numbered_folders_is_read_by_its_summary_too(build_site):
    # yeasy/docker_practice numbers its chapters' folders (`01_introduction/`) and lists
    # them in SUMMARY.md with its appendix (`appendix/`): the folders' numbers were the
    # syllabus, and the appendix's 22 pages were outside. The repository's own files the
    # SUMMARY lists (CHANGELOG.md, CONTRIBUTING.md) stay outside, as everywhere.
    summary = (
        "# Summary\n\n* [Home](README.md)\n* [Changes](CHANGELOG.md)\n"
        "* [Chapter 1](01_intro/README.md)\n    * [1.1 Start](01_intro/1.1_start.md)\n"
        "* [Chapter 2](02_use/README.md)\n* [Appendix](appendix/README.md)\n"
        "    * [FAQ](appendix/faq.md)\n"
    )
    build = build_site(
        {
            "README.md": "# Docker\n",
            "SUMMARY.md": summary,
            "CHANGELOG.md": "# Changes\n",
            "01_intro/README.md": "# Chapter 1\n",
            "01_intro/1.1_start.md": "# 1.1 Start\n",
            "02_use/README.md": "# Chapter 2\n",
            "appendix/README.md": "# Appendix\n",
            "appendix/faq.md": "# FAQ\n",
        },
        extra_settings=SETTINGS,
    )
    assert build.exit_code == 0, build.log
    entries = syllabus_entries(build)
    assert [entry.split(": ")[-1] for entry in entries] == [
        "Chapter 1",
        "1.1 Start",
        "Chapter 2",
        "Appendix",
        "FAQ",
    ], entries


def test_a_course_folder_named_pages_is_the_courses_not_pelicans_pages(tmp_path):
    # microsoft/TypeScript-Handbook keeps its 84 lessons in `pages/`, Pelican's folder of
    # pages: they had no place in the syllabus, no next link and no search, without a word.
    # A folder of Pelican's pages, each with its Title, stays Pelican's: outside the course.
    lessons = {"pages/01-intro.md": "# Intro\n\nHello.\n", "pages/02-next.md": "# Next\n"}
    pelicans = {"1-a.md": "# A\n", "pages/about.md": "Title: About\n\nUs.\n"}
    builds = {}
    for name, files in (("lessons", lessons), ("pelicans", pelicans)):
        content = write_content(tmp_path / name / "content", {"README.md": "# C\n", **files})
        builds[name] = run_pelican(content, tmp_path / name / "output", extra_settings=SETTINGS)
        assert builds[name].exit_code == 0, builds[name].log
    assert syllabus_entries(builds["lessons"]) == ["Unit 1", "Intro", "Unit 2", "Next"]
    page = builds["lessons"].page("pages/01-intro.html")
    assert "data-pagefind-body" in page and 'href="../pages/02-next.html"' in page
    assert syllabus_entries(builds["pelicans"]) == ["Unit 1", "A"]
    assert "Us." in builds["pelicans"].page("about.html")
