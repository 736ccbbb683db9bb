"""Each mistake an author can make gives one clear line naming the file, and a failed build.

One test per row of the bad-input list (README: "When something is wrong"); each builds a
real site with `--fatal errors`, as `make html` does.
"""

import io
import json
import os
import re
import subprocess
import time
from urllib.parse import unquote

import pytest
from conftest import (
    PELICAN,
    PROJECT_ROOT,
    OutputReader,
    chapter,
    rebuild_until_seen,
    wait_for,
    write_content,
)
from PIL import Image

FAILED = 1  # Pelican's exit code when --fatal errors stops the build


def png_bytes(size: int = 4) -> bytes:
    """Return a valid PNG of noise, `size` pixels square."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).save(buffer, format="PNG")
    return buffer.getvalue()


def assert_fails_with(build, *lines: str) -> None:
    """The build failed, without a traceback, and logged each line."""
    assert build.exit_code == FAILED, build.log
    for line in lines:
        assert line in build.log, build.log
    assert "Traceback" not in build.log
    assert "The build failed: fix the problems listed above." in build.log


def front_matter(*lines: str, body: str = "Some text.") -> str:
    """Return a chapter written line by line, for front matter that `chapter()` cannot write."""
    return "\n".join(lines) + "\n\n" + body + "\n"


def test_no_title_means_the_first_heading_or_the_file_name(build_site):
    """Front matter is optional: a chapter without a Title is named by its first heading."""
    build = build_site(
        {
            "chapter1.md": front_matter("Slug: chapter1", "Date: 2024-01-01", "Category: chapters")
            + "\n# Getting started\n\nText.\n",
            "chapter2.md": front_matter("Slug: chapter2", "Date: 2024-01-01") + "\nNo heading.\n",
        }
    )
    assert build.exit_code == 0, build.log
    assert "<title>Chapter 1: Getting started ·" in build.page("chapter1.html")
    assert "<title>Chapter 2 ·" in build.page("chapter2.html")  # not "Chapter 2: Chapter2"


def test_a_date_that_is_not_a_date(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1", date="next Tuesdayish")})
    assert_fails_with(
        build,
        "content/chapter1.md:3: Date: 'next Tuesdayish' is not a date: write it as 2024-01-31",
    )


def test_no_date_and_no_category_build_and_no_date_is_invented(build_site):
    build = build_site({"chapter1.md": front_matter("Title: One", "Slug: chapter1")})
    assert build.exit_code == 0, build.log
    page = build.page("chapter1.html")
    assert "Last updated" not in page and "<time" not in page  # not in git: no date to show
    assert "min read" in page


def test_a_slug_holding_a_nul_is_one_line_not_a_traceback(build_site):
    """Found by fuzzing: Pelican could not write `\x00.html` and stopped with a traceback."""
    build = build_site({"chapter1.md": chapter("One", "\x00", Chapter="1")})
    assert_fails_with(build, "content/chapter1.md:2: Slug: '\\x00' is not a simple name")


def test_an_unknown_category(build_site):
    text = chapter("One", "chapter1").replace("Category: chapters", "Category: blog")
    build = build_site({"chapter1.md": text})
    assert_fails_with(build, "content/chapter1.md:4: unknown Category 'blog': use one of: chapters")


def test_known_categories_come_from_a_setting(build_site):
    text = chapter("One", "chapter1").replace("Category: chapters", "Category: Extras")
    build = build_site(
        {"chapter1.md": text}, extra_settings={"KNOWN_CATEGORIES": ["chapters", "extras"]}
    )
    assert build.exit_code == 0, build.log


def test_a_bad_known_categories_setting_names_the_key(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1")}, extra_settings={"KNOWN_CATEGORIES": "x"}
    )
    assert_fails_with(
        build,
        "pelicanconf: KNOWN_CATEGORIES must be a list of category names like ['chapters']",
    )


def test_duplicate_slugs(build_site):
    build = build_site(
        {
            "intro.md": chapter("Intro", "start", Chapter="1"),
            "intro-again.md": chapter("Intro again", "start", Chapter="2"),
        }
    )
    assert_fails_with(
        build,
        "content/intro-again.md and content/intro.md both have slug 'start'"
        " (both would be start.html): give each its own Slug",
    )
    assert "There are 2 items" not in build.log  # Pelican's own multi-line warning is replaced


@pytest.mark.parametrize("title", [":", "?!", "..."])
def test_a_title_with_no_letter_or_digit_and_no_slug(build_site, title):
    """Its slug would be empty: the chapter would be written as the hidden file .html."""
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", Chapter="1"),
            "odd.md": f"Title: {title}\nDate: 2024-01-02\nCategory: chapters\n\nText.\n",
        }
    )
    assert_fails_with(
        build,
        "content/odd.md: its slug is '', so it would be saved as the hidden file .html:"
        " add 'Slug: ...' (letters, digits, '-' and '_')",
    )


@pytest.mark.parametrize("field", ["Title", "Slug"])
def test_a_slug_too_long_for_a_file_name_is_one_line_not_a_traceback(build_site, field):
    """A Title of 420 characters and no Slug (or a Slug as long) named a file no file
    system holds: Pelican stopped with "OSError: File name too long"."""
    long = ("Traits " * 60).strip()
    fields = {"Title": long} if field == "Title" else {"Title": "Traits", "Slug": "t" * 300}
    text = "\n".join(f"{name}: {value}" for name, value in fields.items())
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", Chapter="1"),
            "long.md": f"{text}\nDate: 2024-01-02\nCategory: chapters\nChapter: 2\n\nText.\n",
        }
    )
    longest = 419 + 5 if field == "Title" else 305
    assert_fails_with(
        build,
        f"content/long.md: it would be saved under a name of {longest} bytes, longer than a"
        " file system holds (255): add a shorter 'Slug: ...'",
    )
    assert "Traceback" not in build.log


@pytest.mark.parametrize(
    ("announced", "length"),
    [
        ({"number": 5, "title": "Agents", "slug": "a" * 300}, 305),
        ({"number": 10**300, "title": "Agents"}, 313),
    ],
)
def test_an_upcoming_chapter_named_too_long_for_a_file_is_one_line(build_site, announced, length):
    """Its page could not be written: Pelican stopped with "OSError: File name too long"."""
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1", Chapter="1")},
        extra_settings={"UPCOMING_CHAPTERS": [announced]},
    )
    assert_fails_with(
        build,
        f"pelicanconf: UPCOMING_CHAPTERS[0]: its page would be saved under a name of {length}"
        " bytes, longer than a file system holds (255): give it a shorter 'slug'",
    )


def test_duplicate_slugs_under_the_dev_server_build_the_first_and_do_not_crash(build_site):
    """Without --fatal (make devserver) Pelican would raise writing start.html twice."""
    build = build_site(
        {
            "intro.md": chapter("Intro", "start", Chapter="1"),
            "intro-again.md": chapter("Intro again", "start", Chapter="2"),
        },
        fatal=False,
    )
    assert build.exit_code == 0, build.log
    assert "both have slug 'start'" in build.log and "Traceback" not in build.log
    assert "<title>Chapter 2: Intro again" in build.page("start.html")  # the first by file name


def test_duplicate_chapter_numbers(build_site):
    build = build_site(
        {
            "chapter3.md": chapter("Three", "chapter3"),
            "more.md": chapter("More", "more", Chapter="3"),
        }
    )
    assert_fails_with(
        build,
        "content/chapter3.md and content/more.md are both chapter 3:"
        " give each chapter its own number",
    )


def test_a_file_that_is_not_utf8(build_site):
    latin1 = chapter("Café", "chapter1", body="Déjà vu.").encode("latin-1")
    build = build_site({"chapter1.md": latin1})
    assert_fails_with(
        build, "content/chapter1.md:1: not UTF-8 text (byte 0xe9): save the file as UTF-8"
    )


@pytest.mark.parametrize("fatal", [True, False], ids=["make-html", "make-devserver"])
def test_a_file_name_that_is_not_utf8(build_site, tmp_path, fatal):
    """Such a name (from a Latin-1 archive) gave a 50-line traceback naming no file."""
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content").joinpath(os.fsdecode(b"caf\xe9.md")).write_text(chapter("Two", "two"))
    (tmp_path / "content" / "images").joinpath(os.fsdecode(b"gr\xf6\xdfe.png")).write_bytes(
        png_bytes()
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1")}, fatal=fatal)
    lines = [
        "content/caf\\xe9.md: the file name is not UTF-8 (byte 0xe9): rename it",
        "content/images/gr\\xf6\\xdfe.png: the file name is not UTF-8 (byte 0xf6): rename it",
    ]
    if fatal:
        assert_fails_with(build, *lines)
    else:
        for line in lines:
            assert line in build.log, build.log
        assert "Traceback" not in build.log
        assert "One" in build.page("chapter1.html")


def test_a_full_disk_while_writing_the_site_is_one_line(tmp_path):
    from conftest import run_staged_build, small_disk

    write_content(tmp_path / "project" / "content", {"chapter1.md": chapter("One", "chapter1")})
    with small_disk(tmp_path / "disk", "150k") as disk:
        code, log = run_staged_build(tmp_path / "project", output=disk / "site")
    assert code != 0
    assert "Traceback" not in log, log
    (line,) = [line for line in log.splitlines() if "CRITICAL" in line]
    assert re.search(
        rf"The disk is full: could not write ({re.escape(str(disk))}/site/\S+|the site) \(No space"
        r" left on device\)\. Free some space and build again\.",
        line,
    ), log
    assert f"The build failed: {disk / 'site'} was not created." in log


@pytest.mark.parametrize("empty", [b"", b"\n  \n"], ids=["zero-bytes", "blank-lines"])
def test_an_empty_file(build_site, empty):
    build = build_site({"chapter1.md": chapter("One", "chapter1"), "chapter2.md": empty})
    assert_fails_with(
        build, "content/chapter2.md: the file is empty: write the chapter or delete the file"
    )


def test_when_the_link_gate_fails_too_its_closing_line_names_content_problems(build_site):
    # generative-ai-for-beginners: an empty assignment.md and 66 broken links. The last line
    # counted only the links: fixed, the next build failed for the empty file.
    body = "See [gone](gone.html)."
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body), "chapter2.md": ""})
    assert build.exit_code != 0
    [closing] = [line for line in build.log.splitlines() if "ERROR" in line]
    assert closing.endswith(
        "link gate: 1 broken link(s), anchor(s) or image(s); each is listed"
        " above. content/ has 1 problem(s), listed above."
    )


def test_an_element_with_an_id_is_checked_and_counted_once(build_site):
    # rustlings' `<script ... id="asciicast-719805">`: "6 broken link(s)", 5 listed; read once
    # for its `id` and once for its tag, each problem was counted (and annotated) twice.
    body = '<img id="logo" src="logo.png">\n\n<a id="x" style="color: red" href="gone.html">x</a>'
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code != 0
    [closing] = [line for line in build.log.splitlines() if "ERROR" in line]
    assert "link gate: 2 broken link(s), anchor(s) or image(s); 1 warning(s) of its own" in closing


def test_a_10_mb_chapter_builds(build_site):
    section = "## Part {n}\n\n" + "Words about models and tokens, on and on. " * 60 + "\n\n"
    parts, size = [], 0
    while size < 10 * 1024 * 1024:
        parts.append(section.format(n=len(parts)))
        size += len(parts[-1])
    started = time.monotonic()
    build = build_site({"chapter1.md": chapter("Big", "chapter1", body="".join(parts))})
    assert build.exit_code == 0, build.log[-2000:]
    assert time.monotonic() - started < 240
    assert 'id="part-0"' in build.page("chapter1.html")


def test_a_corrupt_image(build_site):
    whole = png_bytes(64)
    broken = whole[: len(whole) // 2]  # an upload cut short
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", body="![Plot](images/plot.png)"),
            "images/plot.png": broken,
            "images/fine.png": png_bytes(),
        }
    )
    assert build.exit_code == FAILED
    assert re.search(
        r"content/images/plot\.png: a damaged image \([^)]*\): export it again", build.log
    ), build.log
    assert "fine.png" not in build.log
    assert_fails_with(build)


def test_a_jpeg_cut_short_gets_one_message_from_the_checks_and_the_link_gate(build_site):
    """The gate judged images by Pillow's verify(), which lets a cut JPEG through."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3)).save(buffer, format="JPEG")
    whole = buffer.getvalue()
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", body="![Plot](images/plot.jpg)"),
            "images/plot.jpg": whole[: len(whole) // 2],
        }
    )
    reason = re.search(
        r"content/images/plot\.jpg: (a damaged image \(.*\)): export it again", build.log
    )
    assert reason, build.log
    assert f"broken image 'images/plot.jpg': {reason.group(1)}" in build.log
    assert_fails_with(build)


def test_an_image_that_is_not_an_image(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1"), "images/plot.png": b"<html>oops</html>"}
    )
    assert_fails_with(
        build, "content/images/plot.png: not an image Pillow can read: export it again"
    )


def test_a_zero_byte_image(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1"), "images/plot.png": b""})
    assert_fails_with(
        build, "content/images/plot.png: the image is empty (0 bytes): export it again"
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "![Secret]({static}../../etc/passwd)",
        "![Secret](../outside.png)",
        "[Notes](/../../notes.txt)",
        '<img alt="x" src="{static}/../secret.png">',
        "[Home](file:///etc/passwd)",
    ],
)
def test_a_path_that_escapes_content(build_site, markdown):
    body = "First paragraph.\n\n" + markdown
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    url = re.search(r"\(([^)]*)\)|src=\"([^\"]*)\"", markdown)
    url = url.group(1) or url.group(2)
    assert_fails_with(
        build,
        f"content/chapter1.md:8: {url!r} points outside content/: link only to files inside"
        " content/",
    )


def test_links_inside_content_and_code_samples_are_fine(build_site):
    body = (
        "![Cover]({static}/images/c1.png) [Two](chapter2.html) [Web](https://example.org/)\n\n"
        "```\ncat ../../etc/passwd  [x](../y)\n```\n"
    )
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", body=body),
            "chapter2.md": chapter("Two", "chapter2"),
            "images/c1.png": png_bytes(),
        }
    )
    assert build.exit_code == 0, build.log


def test_a_symlink_loop(build_site, tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    os.symlink("..", content / "images" / "again")
    started = time.monotonic()
    build = build_site({"chapter1.md": chapter("One", "chapter1")})
    assert time.monotonic() - started < 60
    assert_fails_with(
        build,
        "content/images/again: a symbolic link loop (it points to '..', a folder that contains"
        " it): remove the link",
    )
    assert "are both chapter 1" not in build.log  # the loop is never walked


def test_file_names_with_spaces_and_non_ascii_letters_work(build_site):
    body = (
        "![Größe]({static}images/größe%201.png)"
        " [Next]({filename}Kapitel%202%20Übung.md) [Again](<{filename}Kapitel 2 Übung.md>)"
    )
    build = build_site(
        {
            "chapter 1 intro.md": chapter("Intro", "chapter1", body=body),
            "Kapitel 2 Übung.md": front_matter(
                "Title: Übung zwei", "Date: 2024-01-01", "Category: chapters", "Chapter: 2"
            ),
            "images/größe 1.png": png_bytes(),
        }
    )
    assert build.exit_code == 0, build.log
    intro = build.page("chapter1.html")
    assert '<a href="./ubung-zwei.html">Next</a> <a href="./ubung-zwei.html">Again</a>' in intro
    assert '<img alt="Größe" src="./images/gr%C3%B6%C3%9Fe%201.png" width="4" height="4"' in intro
    assert 'srcset="images/gr%C3%B6%C3%9Fe%201.png-4w.webp 4w"' in intro
    assert (build.output / "images" / "größe 1.png-4w.webp").is_file()
    assert (build.output / "images" / "größe 1.png").read_bytes()
    home = build.page("index.html")
    linked = re.findall(r'href="\./([^"#]+\.html)"', home)
    assert "ubung-zwei.html" in linked and "chapter1.html" in linked
    for page in linked:
        assert (build.output / unquote(page)).is_file(), page


def test_every_problem_is_reported_in_one_run(build_site):
    build = build_site(
        {
            "chapter1.md": front_matter("Title: One", "Slug: chapter1", "Category: blog"),
            "chapter2.md": chapter("Two", "chapter2", date="soon"),
            "chapter3.md": b"",
            "chapter4.md": chapter("Four", "chapter4", body="![x](../x.png)"),
            "chapter5.md": chapter("Five", "chapter5"),
            "chapter5b.md": chapter("Five again", "five-again", Chapter="5"),
            "images/a.png": b"",
        }
    )
    assert_fails_with(
        build,
        "content/chapter1.md:3: unknown Category 'blog'",
        "content/chapter2.md:3: Date: 'soon' is not a date",
        "content/chapter3.md: the file is empty",
        "content/chapter4.md:6: '../x.png' points outside content/",
        "content/images/a.png: the image is empty (0 bytes)",
        "content/chapter5.md and content/chapter5b.md are both chapter 5",
    )


@pytest.mark.parametrize("status", ["draft", "hidden"])
def test_a_draft_or_hidden_chapter_gets_a_page_outside_the_syllabus(build_site, status):
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1"),
            "chapter2.md": chapter("Two", "chapter2", Status=status),
        }
    )
    assert build.exit_code == 0, build.log
    page = "drafts/chapter2.html" if status == "draft" else "chapter2.html"
    assert "Two" in build.page(page)
    assert "Two" not in build.page("index.html")


def test_a_symlink_to_a_file_outside_content(build_site, tmp_path):
    secret = tmp_path / "private" / "key.png"
    secret.parent.mkdir()
    secret.write_bytes(png_bytes())
    (tmp_path / "content" / "images").mkdir(parents=True)
    os.symlink(secret, tmp_path / "content" / "images" / "key.png")
    build = build_site({"chapter1.md": chapter("One", "chapter1")})
    assert_fails_with(
        build,
        "content/images/key.png: a symbolic link to a file outside content/: copy the file instead",
    )


def test_an_image_that_is_a_symbolic_link_inside_content_is_published_as_its_file(
    build_site, tmp_path
):
    # google/comprehensive-rust: `cpp/overview.svg` -> `../../third_party/...`; the site got
    # the link itself, pointing at a file it did not have: "broken image: no such file".
    lesson = tmp_path / "content" / "1-intro"
    lesson.mkdir(parents=True)
    os.symlink("../shared/diagram.png", lesson / "diagram.png")
    diagram = png_bytes()
    build = build_site(
        {
            "README.md": "# Course\n",
            "1-intro/README.md": "# Intro\n\n![A diagram](diagram.png)\n",
            "shared/diagram.png": diagram,
        },
        extra_settings={"UPCOMING_CHAPTERS": []},
    )
    assert build.exit_code == 0, build.log
    published = build.output / "1-intro" / "diagram.png"
    assert not published.is_symlink() and published.read_bytes() == diagram


def test_an_unknown_status(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1", Status="done")})
    assert_fails_with(
        build, "content/chapter1.md:5: Status: 'done' is not one of published, hidden, draft"
    )


def test_a_status_written_for_mkdocs_material_is_its_badge_not_pelicans(build_site):
    # hello-algo's paper-book page, `status: new` between `---` lines: it was refused and
    # not built. Pelican's own statuses, and `Status:` as Pelican writes it, keep their sense.
    mkdocs = "---\ncomments: true\nstatus: new\n---\n# Paper book\n"
    build = build_site(
        {
            "README.md": "# Course\n\n[Book](2-book/README.md)\n",
            "1-intro/README.md": "# Intro\n",
            "2-book/README.md": mkdocs,
            "3-later/README.md": "---\nstatus: draft\n---\n# Later\n",
        },
        extra_settings={"UPCOMING_CHAPTERS": []},
    )
    assert build.exit_code == 0, build.log
    assert "Paper book" in build.page("2-book/index.html")
    assert "Later" not in build.page("index.html")  # a draft still
    build = build_site({"4-x/README.md": "---\nStatus: new\n---\n# X\n"})
    assert_fails_with(build, "content/4-x/README.md:2: Status: 'new' is not one of published")
    # A status neither knows is a slip, which would publish a page meant to be hidden.
    build = build_site({"5-y/README.md": "---\nstatus: darft\n---\n# Y\n"})
    assert_fails_with(build, "content/5-y/README.md:2: Status: 'darft' is not one of published")


def test_any_file_pelican_cannot_read_gets_one_line_not_a_traceback(build_site):
    """Pelican's "Could not process x" (reason only in a traceback) becomes one line."""
    page = "Caf\xe9\n####\n\n:date: 2024-01-01\n\nHi.\n".encode("latin-1")
    # Pelican's reStructuredText reader, which an instructor may turn back on (it is off).
    readers = {"READERS": {"html": None, "htm": None}}
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1"), "extra.rst": page}, extra_settings=readers
    )
    assert_fails_with(
        build,
        "content/extra.rst: could not be read: 'utf-8' codec can't decode byte 0xe9"
        " in position 3: invalid continuation byte",
    )
    assert "Could not process" not in build.log


def test_a_named_pipe_in_content_does_not_hang_the_build(build_site, tmp_path):
    (tmp_path / "content").mkdir()
    os.mkfifo(tmp_path / "content" / "notes.md")
    build = build_site({"chapter1.md": chapter("One", "chapter1")})  # run_pelican times out
    assert_fails_with(build, "content/notes.md: not a regular file (a pipe or device): remove it")


def test_regenerate_lists_the_problems_again_on_every_rebuild(tmp_path):
    """Pelican shows a warning once per process; each rebuild must still list its problems."""
    content = write_content(
        tmp_path / "content", {"chapter1.md": chapter("One", "chapter1", date="someday")}
    )
    command = [
        str(PELICAN), "-r", str(content), "-o", str(tmp_path / "output"),
        "-s", str(PROJECT_ROOT / "pelicanconf.py"),
        "-e", f"THEME={json.dumps(str(PROJECT_ROOT / 'themes' / 'course'))}",
        "-e", f"PLUGIN_PATHS={json.dumps([str(PROJECT_ROOT / 'plugins')])}",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
        start_new_session=True,
    )
    log = OutputReader(process)
    problem = "content/chapter1.md:3: Date: 'someday' is not a date"
    try:
        wait_for(lambda: "Done: Processed" in log.text, what="the first build to end")
        rebuild_until_seen(content / "chapter1.md", log)
        wait_for(lambda: log.text.count("Done: Processed") == 2, what="the rebuild to end")
    finally:
        text = log.stop()
    assert text.count(problem) == 2, text


def test_no_false_alarm_for_pages_and_chapters_in_folders(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1"),
            "part2/chapter2.md": chapter("Two", "chapter2", body="![C]({static}../images/c.png)"),
            "pages/about.md": "Title: About this course\n\nWho we are.\n",
            "images/c.png": png_bytes(),
        }
    )
    assert build.exit_code == 0, build.log
    assert "WARNING" not in build.log, build.log
    assert "Who we are." in build.page("about-this-course.html")
    assert 'src="./images/c.png"' in build.page("chapter2.html")


def test_a_static_link_to_a_missing_file_is_a_broken_link_not_a_crash(build_site):
    build = build_site({"chapter1.md": chapter("One", "chapter1", body="[data]({static}data.csv)")})
    assert build.exit_code == 1
    assert "content/chapter1.md:6:1: broken link '{static}data.csv'" in build.log
    assert "Traceback" not in build.log
