"""A course laid out for GitHub builds as it is: its links and images lead where GitHub's do."""

import re

from conftest import chapter, write_content
from test_images import img_tags, png

INTRO = """# Intro

Next: [devices](../../2-devices/README.md), [spatial](/3-spatial/README.md),
[the folder](../../2-devices/), [the rubric](assignment.md#Rubric), [back here](#Intro).

![Robot](../../images/robot.png)

![Beside](beside.png)

<img src="beside.png" width="300" alt="Sized by its author">

<picture><source srcset="beside.png 1x"><img src="../../images/robot.png" alt="Again"></picture>

[Code](code.py), [notebook](lab%20one.ipynb), [slides](<slides 1.pdf>), [notes](./notes.md),
[raw source](notes.md?plain=1), [up](..), [raw image](beside.png?raw=true).
"""


def article(page_html: str) -> str:
    """Return what a page shows of its chapter: the article, without the theme's navigation."""
    return re.search(r"<article.*?</article>", page_html, re.S)[0]


def github_course() -> dict[str, str | bytes]:
    """A small course as it sits in a GitHub repository: numbered folders, a shared images/."""
    hidden = {"status": "hidden"}
    return {
        "1-basics/1-intro/README.md": chapter("Intro", "intro", body=INTRO, chapter="1"),
        "1-basics/1-intro/assignment.md": chapter(
            "Assignment", "assignment", body="# Assignment\n\n## Rubric\n\nMarks.", **hidden
        ),
        "1-basics/1-intro/notes.md": chapter("Notes", "notes", **hidden),
        "1-basics/1-intro/beside.png": png(600, 200),
        "1-basics/1-intro/code.py": "print('hello')\n",
        "1-basics/1-intro/lab one.ipynb": '{"cells": []}\n',
        "1-basics/1-intro/slides 1.pdf": b"%PDF-1.4\n",
        "1-basics/README.md": chapter("Basics", "basics", **hidden),
        "2-devices/README.md": chapter(
            "Devices", "devices", body="# Devices\n\n[Back](../1-basics/1-intro/)", chapter="2"
        ),
        "3-spatial/README.md": chapter("Spatial", "spatial", chapter="3"),
        "images/robot.png": png(900, 300),
    }


def test_a_course_laid_out_for_github_builds_with_every_link_leading_to_its_page(build_site):
    build = build_site(github_course())
    assert build.exit_code == 0, build.log[-3000:]
    assert "broken" not in build.log
    intro = article(build.page("intro.html"))
    for page in ("devices", "spatial", "notes", "basics"):
        assert f'href="./{page}.html"' in intro
    assert intro.count('href="./devices.html"') == 2  # the README and its folder
    assert 'href="./assignment.html#rubric"' in intro  # found as GitHub's script finds it
    assert 'href="#intro"' in intro
    assert 'href="./notes.html?plain=1"' in intro
    assert 'href="./intro.html#devices"' not in intro
    assert 'href="./intro.html"' in article(
        build.page("devices.html")
    )  # a folder link, no README name


def test_images_and_files_beside_a_lesson_are_published_and_sized(build_site):
    content = github_course()
    build = build_site(content)
    assert build.exit_code == 0, build.log[-3000:]
    intro = build.page("intro.html")
    robot, beside, sized, robot_again = img_tags(intro)
    assert 'src="images/robot.png" width="900" height="300"' in robot
    assert re.search(r'srcset="images/robot[^"]*-480w\.webp 480w, images/robot[^"]*-800w', robot)
    assert 'src="1-basics/1-intro/beside.png" width="600" height="200"' in beside
    assert re.search(r'srcset="1-basics/1-intro/beside[^"]*-480w\.webp 480w', beside)
    assert 'width="300"' in sized and 'height="100"' in sized and "srcset=" in sized
    assert 'src="images/robot.png"' in robot_again
    assert '<source srcset="1-basics/1-intro/beside.png 1x">' in intro
    assert 'href="1-basics/1-intro/beside.png?raw=true"' in intro
    for name in ("beside.png", "code.py", "lab one.ipynb", "slides 1.pdf"):
        published = build.output / "1-basics" / "1-intro" / name
        assert published.read_bytes() == (
            content[f"1-basics/1-intro/{name}"]
            if isinstance(content[f"1-basics/1-intro/{name}"], bytes)
            else content[f"1-basics/1-intro/{name}"].encode()
        )
    assert 'href="1-basics/1-intro/code.py"' in intro
    assert 'href="1-basics/1-intro/lab%20one.ipynb"' in intro
    assert 'href="1-basics/1-intro/slides%201.pdf"' in intro
    assert list((build.output / "1-basics" / "1-intro").glob("beside*-480w.webp"))
    assert not (build.output / "1-basics" / "1-intro" / "README.md").exists()


def test_under_a_sub_path_the_links_lead_inside_it(build_site):
    site = "https://example.github.io/course"
    build = build_site(github_course(), extra_settings={"SITEURL": site, "RELATIVE_URLS": False})
    assert build.exit_code == 0, build.log[-3000:]
    intro = build.page("intro.html")
    assert f'href="{site}/devices.html"' in intro
    assert f'src="{site}/images/robot.png"' in intro
    assert f'<source srcset="{site}/1-basics/1-intro/beside.png 1x">' in intro


MISSES = """# Intro

[Devices](../../2-devices/READM.md) and [the robot](robot.png).
![Robot](../../Images/robot.png) [Spatial](/3-spatial/READM.md)
[Folder](../../2-device/) [Lab](lab/) [Rubric](assignment.md#rubrik)
[Depth](../2-devices/README.md)
[Outside](../../../secret.md)
"""


def test_a_miss_is_reported_at_its_markdown_line_with_the_file_the_author_meant(build_site):
    course = github_course()
    course["1-basics/1-intro/README.md"] = chapter("Intro", "intro", body=MISSES, chapter="1")
    course["1-basics/1-intro/lab/data.csv"] = "a,b\n"
    build = build_site(course)
    assert build.exit_code != 0
    source = "content/1-basics/1-intro/README.md"
    for line in [
        f"{source}:9:1: broken link '../../2-devices/READM.md': no such file"
        " (did you mean '../../2-devices/README.md'?)",
        f"{source}:9:41: broken link 'robot.png': no such file"
        " (did you mean '../../images/robot.png'?)",
        f"{source}:10:1: broken image '../../Images/robot.png': no such file"
        " (did you mean '../../images/robot.png'?)",
        f"{source}:10:34: broken link '/3-spatial/READM.md': no such file"
        " (did you mean '/3-spatial/README.md'?)",
        f"{source}:11:1: broken link '../../2-device/': no such folder"
        " (did you mean '../../2-devices/'?)",
        f"{source}:11:27: broken link 'lab/': content/1-basics/1-intro/lab/ is a folder with no"
        " README.md or index.md: link to a file in it, or set SOURCE_URL to link such"
        " folders to GitHub",
        f"{source}:11:39: broken anchor 'assignment.md#rubrik': no heading or id 'rubrik' in"
        " content/1-basics/1-intro/assignment.md (did you mean 'assignment.md#rubric'?)",
        f"{source}:12:1: broken link '../2-devices/README.md': no such file"
        " (did you mean '../../2-devices/README.md'?)",
        f"{source}:13: '../../../secret.md' points outside content/: link only to files inside"
        " content/",
    ]:
        assert line in build.log, build.log[-4000:]
    assert "Traceback" not in build.log


def test_a_did_you_mean_names_a_file_with_a_space_as_a_link_can_hold_it(build_site):
    # TypeScript-Handbook: "did you mean '../Compiler Options.md'?" written so is no link
    # at all in Markdown, and the build then passed with the link gone.
    files = {
        "README.md": "# Course\n",
        "pages/Compiler Options.md": "# Options\n",
        "pages/tutorials/tsconfig.md": "# Tsconfig\n\nSee [options](./Compiler%20Options.md).\n",
    }
    build = build_site(files)
    assert build.exit_code != 0
    assert (
        "content/pages/tutorials/tsconfig.md:3:5: broken link './Compiler%20Options.md':"
        " no such file (did you mean '../Compiler%20Options.md'?)"
    ) in build.log


def test_an_unquoted_value_in_an_html_block_is_read_to_its_end_as_a_browser_reads_it(build_site):
    # yangshun/tech-interview-handbook: `<img src={require('@site/...').default}>` inside a
    # `<div>` was told "in theme markup" of the built page; `<a href=other.md?plain=1>`
    # became `href="other.html?plain"=1`, a stray attribute and a cut query.
    body = '<div>\n  <img alt="A" src=a\'b.png />\n  <a href=other.md?plain=1>Other</a>\n</div>\n'
    build = build_site(
        {
            "README.md": "# Course\n",
            "1-lesson/README.md": f"# Lesson\n\n{body}",
            "1-lesson/other.md": "# Other\n",
        }
    )
    assert build.exit_code != 0
    assert "content/1-lesson/README.md:4:3: broken image 'a'b.png': no such file" in build.log
    assert "theme markup" not in build.log
    assert '<a href="../1-lesson/other.html?plain=1">Other</a>' in build.page("1-lesson/index.html")


def test_a_path_written_with_backslashes_is_told_with_slashes(build_site):
    # microsoft/AI-System writes `<img src=".\img\2\cat.png">`: "no such file", no hint.
    build = build_site(
        {
            "README.md": "# Course\n",
            "1-intro/README.md": '# Intro\n\n<img src=".\\img\\2\\cat.png" alt="A cat">\n',
            "1-intro/img/2/cat.png": png(40, 30),
        }
    )
    assert build.exit_code != 0
    assert (
        "content/1-intro/README.md:3:1: broken image '.\\img\\2\\cat.png': no such file"
        " (did you mean 'img/2/cat.png'?)"
    ) in build.log, build.log


def test_a_linked_chapter_that_made_no_page_is_named(build_site):
    course = github_course()
    course["2-devices/README.md"] = "# Devices, saved as Latin-1: caf\xe9\n".encode("latin-1")
    build = build_site(course)
    assert build.exit_code != 0
    assert (
        "content/1-basics/1-intro/README.md:9:7: broken link '../../2-devices/README.md':"
        " content/2-devices/README.md made no page (see its own problem above)"
    ) in build.log
    assert "content/2-devices/README.md:1: not UTF-8 text (byte 0xe9)" in build.log
    # Pelican's own word for it, with no file or line, is not a third line.
    assert "Unable to find" not in build.log


def test_a_file_added_later_is_linked_by_the_next_build_from_the_same_cache(tmp_path, build_site):
    course = github_course()
    spatial = course.pop("3-spatial/README.md")
    first = build_site(course)
    assert first.exit_code != 0
    assert "broken link '/3-spatial/README.md': no such file" in first.log
    # The intro itself is unchanged, and read from Pelican's cache: its link is decided anew.
    write_content(tmp_path / "content", {"3-spatial/README.md": spatial})
    second = build_site({})
    assert second.exit_code == 0, second.log[-3000:]
    assert 'href="./spatial.html"' in second.page("intro.html")
    assert re.search(r"broken", second.log) is None


def test_a_folder_with_no_page_is_linked_on_github_when_the_course_says_where_it_is(build_site):
    course = github_course()
    course["1-basics/1-intro/README.md"] = chapter(
        "Intro", "intro", body="[The code](code/pi/) and [more](./code%20two)", chapter="1"
    )
    course["1-basics/1-intro/code/pi/app.py"] = "print('pi')\n"
    course["1-basics/1-intro/code two/app.py"] = "print('two')\n"
    source = "https://github.com/example/course/blob/main/content/"
    build = build_site(course, extra_settings={"SOURCE_URL": source})
    repository = "https://github.com/example/course/tree/main/content"  # a folder's view
    assert build.exit_code == 0, build.log[-3000:]
    intro = article(build.page("intro.html"))
    assert f'href="{repository}/1-basics/1-intro/code/pi"' in intro
    assert f'href="{repository}/1-basics/1-intro/code%20two"' in intro


# copilot-cli-for-beginners links the agents it keeps in .github/: the links were left as
# `{filename}/.github/...` with "made no page (see its own problem above)" and no problem
# above. A banner or workflow kept there is published where linked, as it was.
HIDDEN_LINKS = (
    "[The reviewer](../../.github/agents/reviewer.md), [agents](../../.github/agents/),"
    " [CI](/.github/workflows/ci.yml) ![Banner](../../.github/banner.png)"
)


def hidden_course() -> dict[str, str | bytes]:
    course = github_course()
    course["1-basics/1-intro/README.md"] = chapter("Intro", "intro", body=HIDDEN_LINKS, chapter="1")
    course[".github/agents/reviewer.md"] = "# Reviewer\n"
    course[".github/agents/README.md"] = "# Agents\n"
    course[".github/workflows/ci.yml"] = "on: push\n"
    course[".github/banner.png"] = png(40, 20)
    return course


def test_a_link_to_a_hidden_page_says_no_page_is_built_from_it(build_site):
    build = build_site(hidden_course())
    assert build.exit_code != 0
    source = "content/1-basics/1-intro/README.md"
    for column, written, path in (
        (1, "../../.github/agents/reviewer.md", ".github/agents/reviewer.md"),
        (51, "../../.github/agents/", ".github/agents/README.md"),
    ):
        assert (
            f"{source}:7:{column}: broken link '{written}': content/{path} is hidden"
            " (a name in its path starts with '.'), and no page is built from a hidden file:"
            " set SOURCE_URL to link it on GitHub"
        ) in build.log, build.log[-3000:]
    assert build.log.count("broken link '") == 2, build.log[-3000:]
    assert "Unable to find" not in build.log
    assert not (build.output / ".github" / "agents").exists()


def test_a_hidden_page_is_linked_on_github_when_the_course_says_where_it_is(build_site):
    source = "https://github.com/example/course/blob/main/content"
    build = build_site(hidden_course(), extra_settings={"SOURCE_URL": source})
    assert build.exit_code == 0, build.log[-3000:]
    intro = article(build.page("intro.html"))
    assert f'href="{source}/.github/agents/reviewer.md"' in intro
    assert 'href="https://github.com/example/course/tree/main/content/.github/agents"' in intro
    # Files of other kinds are published where linked, as they were.
    assert 'href=".github/workflows/ci.yml"' in intro and 'src=".github/banner.png"' in intro
    assert (build.output / ".github" / "workflows" / "ci.yml").is_file()
    assert (build.output / ".github" / "banner.png").is_file()


# A link that climbs out of content/ into the repository: GitHub Skills' READMEs link its
# Actions tab (`../../actions`), and a course kept in docs/ its code beside it (`../src/`).
BEYOND_CONTENT = {
    "README.md": "# Course\n\nSee [the checks](../../actions).\n\n- [Intro](1-intro/README.md)\n",
    "1-intro/README.md": (
        "# Intro\n\nRun [it](../../src/app.py#L3) or [this](../../../../x).\n\n"
        "[Root](/../app.py), [encoded](%2e%2e/%2e%2e/%2e%2e/%2e%2e/login).\n"
    ),
}


def test_a_link_out_of_content_leads_into_the_repository_when_the_course_says_where_it_is(
    build_site,
):
    source = "https://github.com/example/course/blob/main/docs"
    course = {  # content/ is the repository's docs/
        "README.md": BEYOND_CONTENT["README.md"].replace("../../actions", "../../../actions"),
        "1-intro/README.md": "# Intro\n\nRun [the app](../../src/app.py#L3).\n",
    }
    build = build_site(course, extra_settings={"SOURCE_URL": source})
    assert build.exit_code == 0, build.log[-3000:]
    assert 'href="https://github.com/example/course/actions"' in build.page("index.html")
    intro = article(build.page("1-intro/index.html"))
    assert 'href="https://github.com/example/course/blob/main/src/app.py#L3"' in intro
    assert "outside" not in build.log


def test_a_link_out_of_content_names_the_setting_and_one_out_of_the_repository_stays_refused(
    build_site,
):
    build = build_site(BEYOND_CONTENT)
    assert build.exit_code != 0
    assert (
        "content/README.md:3: '../../actions' points outside content/: link only to files"
        " inside content/, or set SOURCE_URL to link it to the course's repository"
    ) in build.log
    assert "'/../app.py' points outside content/: link only to files inside content/\n" in (
        build.log
    )  # from the root: no repository file is ever linked so
    source = "https://github.com/example/course/blob/main"
    build = build_site(BEYOND_CONTENT, extra_settings={"SOURCE_URL": source})
    assert build.exit_code != 0
    assert 'href="https://github.com/example/course/actions"' in build.page("index.html")
    assert "'../../actions'" not in build.log
    assert (
        "content/1-intro/README.md:3: '../../../../x' points outside content/: link only to files"
        " inside content/\n"
    ) in build.log
    assert "broken link '../../../../x': outside the site root" in build.log
    # `%2e%2e` is `..` to a browser: it climbs out of the repository too (github.com/login).
    # Told as written, so that a search of the file finds it, and as a browser reads it.
    assert (
        "README.md:5: '%2e%2e/%2e%2e/%2e%2e/%2e%2e/login' ('../../../../login') points outside"
        " content/"
    ) in build.log


def test_an_image_out_of_content_is_reported_at_its_line_not_in_the_theme(build_site):
    # With SOURCE_URL it is GitHub's image: not allowed by the policy, the gate named
    # the page's template.
    course = {"README.md": "# Course\n\nText.\n\n![Diagram](../images/a.png)\n"}
    build = build_site(course, extra_settings={"SOURCE_URL": "https://github.com/o/r/blob/main"})
    assert build.exit_code != 0
    assert (
        "content/README.md:5:1: broken image '../images/a.png': blocked by the page's"
        " Content-Security-Policy"
    ) in build.log, build.log[-2000:]
    assert "theme markup" not in build.log


def test_a_link_to_the_courses_own_repository_leads_to_the_page_it_names(build_site):
    # Security-101's README table links its 32 lessons by their address on GitHub: every
    # one took students off the site, to the lesson's file on GitHub.
    repository = "https://github.com/example/course"
    lesson = f"{repository}/blob/main/1.1%20The%20CIA%20triad.md"
    readme = (
        f"# Course\n\n- [The CIA triad]({lesson}#why)\n- [Images]({repository}/tree/main/images)"
        f"\n- [Elsewhere]({repository}/blob/main/missing.md)\n"
        # GitHub ignores the case of /owner/name (hello-agents' 65 images are so written).
        f"- [Again](https://github.com/Example/Course/blob/main/1.1%20The%20CIA%20triad.md)\n\n"
        f'<img src="{repository}/blob/main/images/robot.png?raw=true" alt="Robot">\n\n'
        f"![Logo](https://raw.githubusercontent.com/example/course/main/images/robot.png)\n"
        # The branch as Git names it (pumpkin-book): the same file.
        f"\n[Raw](https://raw.githubusercontent.com/example/course/refs/heads/main/images/README.md)\n"
    )
    build = build_site(
        {
            "README.md": readme,
            "1.1 The CIA triad.md": "# The CIA triad\n\n## Why\n",
            "images/README.md": "# Images\n",
            "images/robot.png": png(40, 20),
            # A lesson's too (Mastering-GitHub-Copilot's module 2: 7 images were left on
            # GitHub, which the page's policy blocks, as the link was).
            "2-deploy/README.md": f"# Deploy\n\n![Chat]({repository}/blob/main/images/robot.png)"
            f"\n\n[The image]({repository}/blob/main/images/robot.png)\n",
        },
        extra_settings={"SOURCE_URL": f"{repository}/blob/main"},
    )
    assert build.exit_code == 0, build.log[-3000:]
    home = build.page("index.html")
    assert 'href="./1.1%20The%20CIA%20triad.html#why"' in home
    assert 'href="./1.1%20The%20CIA%20triad.html">Again' in home
    assert 'href="./images/index.html"' in home
    assert f'href="{repository}/blob/main/missing.md"' in home  # not in content/: as written
    assert 'src="./images/robot.png?raw=true"' in home and 'src="./images/robot.png"' in home
    assert 'href="./images/index.html">Raw' in home
    lesson = build.page("2-deploy/index.html")
    assert 'src="../images/robot.png"' in lesson and 'href="../images/robot.png"' in lesson


def test_a_repository_address_that_is_not_one_stops_the_build_naming_the_setting(build_site):
    build = build_site(github_course(), extra_settings={"SOURCE_URL": "github.com/x"})
    assert build.exit_code != 0
    assert (
        "pelicanconf: SOURCE_URL must be the web address of content/ in the course's repository,"
        " like 'https://github.com/you/course/blob/main/content'"
    ) in build.log
    assert "Traceback" not in build.log


def test_files_with_any_name_are_published_and_linked_by_a_url_that_holds_together(build_site):
    names = ['a"b.png', "my pic.png", "größe 1.png", "Q&A.pdf", "x#y.pdf", "100%.pdf", "a;b.pdf"]
    body = (
        "![Quote](<a%22b.png>) [Q&A](Q%26A.pdf) [Hash](x%23y.pdf) [Percent](100%25.pdf)"
        " [Semicolon](a;b.pdf) [Umlaut](größe%201.png)\n\n"
        '![Space](<my pic.png>) <img src="my pic.png" alt="Raw" srcset="my%20pic.png 2x">'
    )
    course = {"1-a/README.md": chapter("One", "one", body=body, chapter="1")}
    course.update({f"1-a/{name}": png(50, 20) for name in names})
    build = build_site(course)
    assert build.exit_code == 0, build.log[-3000:]
    page = article(build.page("one.html"))
    for url in [
        'src="1-a/a%22b.png"',
        'href="1-a/Q%26A.pdf"',
        'href="1-a/x%23y.pdf"',
        'href="1-a/100%25.pdf"',
        'href="1-a/a%3Bb.pdf"',
        'href="1-a/gr%C3%B6%C3%9Fe%201.png"',
        'src="1-a/my%20pic.png"',
        'srcset="1-a/my%20pic.png 2x"',
    ]:
        assert url in page
    for name in names:
        assert (build.output / "1-a" / name).read_bytes() == course[f"1-a/{name}"]


def test_the_course_readme_links_files_with_any_name_by_a_url_that_holds_together(build_site):
    # The home page's links go through Pelican's {static}, which wrote the name as it is:
    # `./1-a/C# basics.pdf`, a link to `C`, which the gate refused (system-design-primer,
    # coding-interview-university link `cheat%20sheets/...` so).
    names = ["C# basics.pdf", "100%.pdf", "a;b.pdf", "größe 1.png", "my pic.png"]
    body = (
        "# Course\n\n[Hash](1-a/C%23%20basics.pdf) [Percent](1-a/100%25.pdf)"
        " [Semicolon](1-a/a;b.pdf) ![Umlaut](1-a/größe%201.png) ![Space](<1-a/my pic.png>)\n"
    )
    course = {"README.md": body, "1-a/README.md": "# One\n"}
    course.update({f"1-a/{name}": png(50, 20) for name in names})
    build = build_site(course, extra_settings={"UPCOMING_CHAPTERS": []})
    assert build.exit_code == 0, build.log[-3000:]
    home = build.page("index.html")
    for url in [
        'href="./1-a/C%23%20basics.pdf"',
        'href="./1-a/100%25.pdf"',
        'href="./1-a/a%3Bb.pdf"',
        'src="./1-a/gr%C3%B6%C3%9Fe%201.png"',
        'src="./1-a/my%20pic.png"',
    ]:
        assert url in home


def test_an_html_file_beside_a_lesson_is_a_file_published_where_linked_not_a_page(build_site):
    demo = "<!doctype html><title>Demo</title><p>A demo, with no Pelican metadata.</p>\n"
    body = "# One\n\nTry [the demo](demo.html), [the old one](old.htm#top) and [one page](two.md)."
    course = {
        "1-a/README.md": chapter("One", "one", body=body, chapter="1"),
        "1-a/two.md": chapter("Two", "two", chapter="2"),
        "1-a/demo.html": demo,
        "1-a/old.htm": demo,
        "1-a/unlinked.html": demo,
    }
    build = build_site(course)
    assert build.exit_code == 0, build.log[-3000:]
    assert "Date" not in build.log
    page = article(build.page("one.html"))
    assert 'href="1-a/demo.html"' in page and 'href="1-a/old.htm#top"' in page
    for name in ("demo.html", "old.htm"):
        assert (build.output / "1-a" / name).read_text(encoding="utf-8") == demo
    assert not (build.output / "1-a" / "unlinked.html").exists()
    assert not (build.output / "demo.html").exists()


DEMO = """<!doctype html><title>Demo</title>
<link rel="stylesheet" href="demo.css"><script src="js/demo.js"></script>
<img src="pic.png" alt="A picture" srcset="pic%202x.png 2x"> <a href="more.html">More</a>
<a href="/shared/notes.txt">Notes</a> <a href="https://example.org/">Away</a>
<div style="background: url('tile.png')"></div>
"""


def test_a_linked_html_page_brings_the_files_it_uses_and_those_they_use(build_site):
    course = {
        "1-a/README.md": chapter(
            "One", "one", body="# One\n\nTry [the demo](demo.html).", chapter="1"
        ),
        "1-a/demo.html": DEMO,
        "1-a/demo.css": "@import 'base.css';\nbody { background: url(\"bg.png\") }\n",
        "1-a/base.css": "p { background: url(img/dot.png) }\n",
        "1-a/js/demo.js": "console.log('demo');\n",
        "1-a/pic.png": png(40, 20),
        "1-a/pic 2x.png": png(80, 40),
        "1-a/bg.png": png(10, 10),
        "1-a/tile.png": png(4, 4),
        "1-a/img/dot.png": png(2, 2),
        "1-a/more.html": '<!doctype html><title>More</title><img src="pic.png" alt="Again">\n',
        "1-a/unused.js": "console.log('unused');\n",
        "shared/notes.txt": "Notes.\n",
    }
    build = build_site(course)
    assert build.exit_code == 0, build.log[-3000:]
    for name in (
        "1-a/demo.css",
        "1-a/base.css",
        "1-a/js/demo.js",
        "1-a/pic.png",
        "1-a/pic 2x.png",
        "1-a/bg.png",
        "1-a/tile.png",
        "1-a/img/dot.png",
        "1-a/more.html",
        "shared/notes.txt",
    ):
        published = (build.output / name).read_bytes()
        assert published == (
            course[name] if isinstance(course[name], bytes) else course[name].encode()
        )
    assert not (build.output / "1-a" / "unused.js").exists()


def test_a_broken_address_in_a_published_html_page_is_told_at_its_line_in_content(build_site):
    demo = '<!doctype html><title>Demo</title>\n<p>Text.</p>\n<script src="missing.js"></script>\n'
    course = {
        "1-a/README.md": chapter(
            "One", "one", body="# One\n\nTry [the demo](demo.html).", chapter="1"
        ),
        "1-a/demo.html": demo,
    }
    build = build_site(course)
    assert build.exit_code != 0
    assert "content/1-a/demo.html:3:14: broken link 'missing.js': no such file" in build.log


def test_an_html_file_in_content_never_replaces_a_chapter_page(build_site):
    build = build_site(
        {
            "chapter1.md": chapter(
                "One", "chapter1", Chapter="1", body="Next: [Two](chapter2.html)."
            ),
            "chapter2.md": chapter("Two", "chapter2", Chapter="2", body="The real chapter."),
            "chapter2.html": "<!doctype html><title>Old</title><p>An old export.</p>\n",
            "chapter5.html": "<!doctype html><title>Draft</title><p>Not released.</p>\n",
            "chapter3.md": chapter("Three", "chapter3", Chapter="3", body="[Five](chapter5.html)"),
        },
        extra_settings={
            "UPCOMING_CHAPTERS": [{"number": 5, "title": "Agents", "slug": "chapter5"}]
        },
    )
    assert build.exit_code != 0
    assert (
        "content/chapter2.html: its address 'chapter2.html' is taken by content/chapter2.md:"
        " rename it"
    ) in build.log
    assert (
        "content/chapter5.html: its address 'chapter5.html' is taken by upcoming chapter 5"
        " 'Agents' (UPCOMING_CHAPTERS): rename it"
    ) in build.log


def test_an_html_page_written_for_pelican_is_told_not_left_out_without_a_word(build_site):
    pelican_page = '<html><head><title>Old</title><meta name="date" content="2024-01-01">'
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", Chapter="1", body="[Demo](demo.html)"),
            "old.html": pelican_page + "</head><body>An old chapter.</body></html>\n",
            "demo.html": pelican_page + "</head><body>Linked: published.</body></html>\n",
            "plain.html": "<!doctype html><title>Plain</title><p>No metadata.</p>\n",
        }
    )
    assert build.exit_code != 0
    assert (
        "content/old.html: an HTML page with Pelican's metadata is no chapter here (chapters are"
        " Markdown): write it in Markdown, or link to it from a chapter to publish it as it is"
    ) in build.log
    assert "demo.html:" not in build.log and "plain.html" not in build.log


def test_the_all_contributors_tables_emoji_anchors_are_not_problems(build_site):
    # The bot links each contribution's emoji to `#content-user`, an anchor GitHub has not
    # either, in a section it asks no one to edit: rds-course's table made 119 problems.
    table = (
        "<!-- ALL-CONTRIBUTORS-LIST:START - Do not remove or modify this section -->\n"
        '<table><tr><td><a href="https://example.org/jack">Jack</a><br />'
        '<a href="#content-jack89" title="Content">🖋</a></td></tr></table>\n'
        "<!-- ALL-CONTRIBUTORS-LIST:END -->\n"
    )
    files = {"README.md": f"# Course\n\n{table}\nSee [the rest](#contributing).\n"}
    build = build_site(files)
    assert "#content-jack89" not in build.log
    # An anchor outside the table is checked as any other.
    assert "content/README.md:7:5: broken anchor '#contributing'" in build.log


def test_a_link_to_a_folder_leads_to_the_page_named_as_the_folder(build_site):
    # A GitBook's README links `03-learning/` beside `03-learning.md`; docsify keeps
    # `chapter16/chapter16.md`. Each failed the build: "a folder with no README.md".
    files = {
        "README.md": "# Course\n\n[Learning](03-learning/), [16](chapter16/), [data](hw/)\n",
        "03-learning.md": "# Learning\n",
        "03-learning/01-first.md": "# First\n",
        "chapter16/chapter16.md": "# Sixteen\n",
        # A zoomcamp's `homework.md` links the data beside it, `homework/`: no page of it.
        "hw.md": "# Homework\n",
        "hw/data.csv": "a,b\n",
    }
    build = build_site(files)
    assert build.exit_code != 0
    assert "content/README.md:3:45: broken link 'hw/': content/hw/ is a folder" in build.log
    assert "03-learning/" not in build.log and "chapter16/" not in build.log
    build = build_site(
        {**files, "README.md": "# Course\n\n[Learning](03-learning/), [16](chapter16/)\n"}
    )
    assert build.exit_code == 0, build.log
    home = build.page("index.html")
    for page in ("03-learning.html", "chapter16/chapter16.html"):
        assert f'href="./{page}"' in home
