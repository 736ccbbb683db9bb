"""`make devserver`: the last good site served, rebuilt on every save, no save ever lost."""

import random
import shutil
import signal
import socket
import urllib.request

import pytest
from conftest import (
    PROJECT_ROOT,
    OutputReader,
    chapter,
    copy_project,
    run_make,
    run_staged_build,
    start_make,
    wait_for,
)
from courselib.output_folders import staging_prefix
from devserver.builds import HISTORY, BuildOutcome, BuildRunner, SiteState, build_environment
from devserver.changes import changed_paths, take_snapshot
from devserver.problems import Problem, problem_of
from devserver.quick import missing_target
from devserver.server import with_reload_script
from devserver.warm import BUILD_STOPPED
from devserver.watch import lasting_changes
from devserver_process import (
    CHAPTERS,
    TEST_PLUGINS,
    devserver_command,
    make_project,
    start_devserver,
    start_held_devserver,
)
from linkgate.address import SiteAddress
from watchfiles import Change

RELOAD_SCRIPT = "/__devserver__/reload.js"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "[01:25:05] WARNING  content/chapter4.md:116:5: broken link 'chapter9.html': no page",
            Problem(
                "WARNING",
                "content/chapter4.md:116:5",
                "content/chapter4.md:116:5: broken link 'chapter9.html': no page",
            ),
        ),
        (
            "[01:25:05] WARNING  content/chapter2.md: the file is empty: write the chapter",
            Problem(
                "WARNING",
                "content/chapter2.md",
                "content/chapter2.md: the file is empty: write the chapter",
            ),
        ),
        (
            "[01:25:05] ERROR    pelicanconf: COURSE_LEVELS must be a list of words",
            Problem("ERROR", "pelicanconf", "pelicanconf: COURSE_LEVELS must be a list of words"),
        ),
        (
            "[01:25:05] ERROR    link gate: 1 broken link(s); each is listed above.",
            Problem("ERROR", "", "link gate: 1 broken link(s); each is listed above."),
        ),
        (
            "[01:25:05] WARNING  content/Kapitel 2 Übung.md:3: Date: 'x' is not a date",
            Problem(
                "WARNING",
                "content/Kapitel 2 Übung.md:3",
                "content/Kapitel 2 Übung.md:3: Date: 'x' is not a date",
            ),
        ),
        ("[01:25:05] INFO     Writing chapter1.html", None),
        ("Done: Processed 3 articles", None),
    ],
)
def test_a_logged_line_is_read_as_the_terminal_shows_it(line, problem):
    assert problem_of(line) == problem


def test_the_reload_script_goes_in_the_head_of_a_served_page():
    page = b"<html><head><title>x</title></head><body></body></html>"
    served = with_reload_script(page, "abc", 3)
    assert served.startswith(b"<html><head><title>x</title><script src=")
    assert b'reload.js?run=abc&amp;build=3" defer></script></head>' in served


def test_only_files_whose_bytes_changed_count_as_changed(tmp_path):
    site = tmp_path / "output"
    (site / "theme").mkdir(parents=True)
    (site / "a.html").write_text("same")
    (site / "b.html").write_text("before")
    (site / "theme" / "x.css").write_text("body{}")
    before = take_snapshot(site)
    for name, text in (("a.html", "same"), ("b.html", "after"), ("c.html", "new")):
        (site / name).unlink(missing_ok=True)
        (site / name).write_text(text)  # a new file, as Pelican writes every page
    (site / "theme" / "x.css").unlink()
    assert changed_paths(before, take_snapshot(site, before)) == {
        "/b.html",
        "/c.html",
        "/theme/x.css",
    }


def site_state_after(*builds: tuple[int, set[str]]) -> SiteState:
    """A SiteState after builds given as (exit code, changed paths)."""
    state = SiteState()
    for exit_code, changed in builds:
        state.record(BuildOutcome(exit_code, [], changed, 0.1))
    return state


@pytest.mark.parametrize(
    ("since", "changed"),
    [
        (3, set()),  # served by the last build: nothing to do
        (2, {"/b.html"}),
        (1, {"/b.html", "/theme/x.css"}),  # the failed build between changed nothing
        (0, {"/a.html", "/b.html", "/theme/x.css"}),
    ],
)
def test_a_page_learns_what_changed_since_the_build_it_was_served_from(since, changed):
    state = site_state_after((0, {"/a.html"}), (0, {"/theme/x.css"}), (1, set()), (0, {"/b.html"}))
    assert state.number == 3 and state.failed is False
    assert state.changes_since(since) == changed


def test_a_page_older_than_the_history_reloads_whole():
    state = site_state_after(*[(0, {f"/{number}.html"}) for number in range(HISTORY + 2)])
    assert state.changes_since(0) is None
    assert state.changes_since(HISTORY + 1) == {f"/{HISTORY + 1}.html"}


@pytest.fixture
def devserver(tmp_path):
    server = start_devserver(make_project(tmp_path))
    yield server
    server.log.stop()


def test_the_last_good_site_is_served_with_the_reload_script_and_rebuilt_on_a_save(devserver):
    page = devserver.get("chapter1.html")
    assert "Byte pairs." in page and RELOAD_SCRIPT in page
    assert RELOAD_SCRIPT not in (devserver.project / "output" / "chapter1.html").read_text()
    devserver.write({"chapter1.md": CHAPTERS["chapter1.md"] + "\nMerges.\n"})
    devserver.wait_until_served("chapter1.html", "Merges.")
    assert devserver.state()["problems"] == []


def test_a_failed_build_keeps_the_last_good_pages_and_lists_its_problems_until_fixed(devserver):
    attempts = devserver.state()["attempts"]
    broken = CHAPTERS["chapter2.md"] + "\nText.\n\nSee [the <b>next</b>](chapter9.html).\n"
    devserver.write({"chapter2.md": broken})
    state = devserver.wait_for_build(attempts)
    assert state["failed"] is True
    problems = [problem for problem in state["problems"] if problem["level"] == "WARNING"]
    assert [problem["location"] for problem in problems] == ["content/chapter2.md:11:5"]
    # The terminal's very line.
    assert f"WARNING  {problems[0]['message']}" in devserver.log.text
    assert "broken link 'chapter9.html'" in problems[0]["message"]
    page = devserver.get("chapter2.html")
    assert "Vectors." in page and "Text." not in page  # the last good page
    devserver.write({"chapter2.md": broken.replace("chapter9.html", "chapter3.html")})
    state = devserver.wait_for_build(state["attempts"])
    assert state["failed"] is False and state["problems"] == []
    assert "Text." in devserver.get("chapter2.html")


@pytest.mark.parametrize("cold", [False, True], ids=["forked-builds", "new-process-builds"])
def test_a_save_made_during_a_build_is_built(tmp_path, cold):
    hold = tmp_path / "hold"
    project = make_project(tmp_path / "course")
    server = start_devserver(project, {"DEVSERVER_TEST_HOLD": str(hold)}, TEST_PLUGINS, cold)
    try:
        save_while_held(server, hold, {"chapter1.md": CHAPTERS["chapter1.md"] + "\nFirst save.\n"})
        # This build has read content/ already: the next save is made during it.
        server.write({"chapter2.md": CHAPTERS["chapter2.md"] + "\nSaved during a build.\n"})
        hold.unlink()
        server.wait_until_served("chapter2.html", "Saved during a build.")
        assert "First save." in server.get("chapter1.html")
        assert server.log.text.count("hold_build: holding") == 1
    finally:
        server.log.stop()


def test_a_burst_of_saves_is_one_build(devserver):
    attempts = devserver.state()["attempts"]
    devserver.write(
        {name: text + "\nOne burst.\n" for name, text in CHAPTERS.items()}
        | {"chapter4.md": chapter("Agents", "chapter4", Chapter="4", body="Tools.")}
    )
    devserver.wait_for_build(attempts)
    assert "Tools." in devserver.get("chapter4.html")
    assert all("One burst." in devserver.get(f"chapter{n}.html") for n in (1, 2, 3))
    # One save more: were the burst two builds, this would be the third.
    devserver.write({"chapter1.md": CHAPTERS["chapter1.md"] + "\nAfter the burst.\n"})
    state = devserver.wait_for_build(attempts + 1)
    assert "After the burst." in devserver.get("chapter1.html")
    assert state["attempts"] == attempts + 2


def test_a_template_change_renders_every_page_again(devserver):
    base = devserver.project / "theme" / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<p>Template edited.</p></body>"))
    devserver.wait_until_served("chapter3.html", "Template edited.")
    pages = sorted((devserver.project / "output").rglob("*.html"))
    assert len(pages) >= 5
    assert all("Template edited." in page.read_text() for page in pages)


def test_after_random_edits_the_site_is_the_one_a_full_build_makes(devserver, tmp_path_factory):
    chapters = dict(CHAPTERS)
    rng = random.Random(12)
    attempts = devserver.state()["attempts"]
    for step in range(8):
        name = rng.choice(sorted(chapters))
        number = name.removeprefix("chapter").removesuffix(".md")
        edit = rng.choice(["body", "title", "add", "remove", "broken link"])
        if edit == "body":
            chapters[name] += f"\nStep {step}.\n"
        elif edit == "title":
            chapters[name] = chapters[name].replace("Title: ", f"Title: Step {step} ", 1)
        elif edit == "add":
            new = len(chapters) + 10 + step
            chapters[f"chapter{new}.md"] = chapter(f"New {new}", f"chapter{new}", Chapter=str(new))
        elif edit == "remove" and len(chapters) > 2:
            del chapters[name]
            (devserver.project / "content" / name).unlink()
        else:
            chapters[name] += f"\n[broken](chapter{number}-{step}.html)\n"
        devserver.write({key: value for key, value in chapters.items() if key in chapters})
        if rng.random() < 0.5:  # else the next save comes during this build, or with it
            attempts = devserver.wait_for_build(attempts)["attempts"]
    for name in chapters:  # no broken link left, and a last save to wait for
        chapters[name] = "\n".join(
            line for line in chapters[name].splitlines() if not line.startswith("[broken]")
        )
    final = sorted(chapters)[0]
    chapters[final] += "\nThe last save.\n"
    devserver.write(chapters)
    devserver.wait_until_served(final.replace(".md", ".html"), "The last save.")
    wait_for(lambda: not devserver.state()["building"], what="the builds to end")

    fresh = tmp_path_factory.mktemp("fresh")
    shutil.copytree(devserver.project / "content", fresh / "content")
    shutil.copytree(devserver.project / "theme", fresh / "theme")
    code, log = run_staged_build(
        fresh, {"THEME": str(fresh / "theme"), "REUSE_UNCHANGED_PAGES": False}
    )
    assert code == 0, log
    served = devserver.project / "output"
    fresh_pages = sorted(
        path.relative_to(fresh / "output") for path in (fresh / "output").rglob("*.html")
    )
    assert fresh_pages == sorted(path.relative_to(served) for path in served.rglob("*.html"))
    for page in fresh_pages:
        assert (served / page).read_bytes() == (fresh / "output" / page).read_bytes(), page


QUICK_CHAPTERS = {
    **CHAPTERS,
    "chapter2.md": chapter(
        "Embeddings", "chapter2", Chapter="2", body="## Vectors\n\nVectors, [tokens](chapter1.html)"
    ),
    "chapter3.md": chapter("Attention", "chapter3", Chapter="3", body="[A](chapter2.html#vectors)"),
}
QUICK_EDITS = {
    "body": ("Vectors, [", "Quick vectors, ["),
    "title": ("Title: Embeddings", "Title: Quick embeddings"),
    "heading": ("## Vectors", "## Quick vectors {#vectors}"),
}


@pytest.fixture
def held_devserver(tmp_path):
    """A dev server whose full builds wait, before replacing the site, while `hold` exists."""
    server, hold = start_held_devserver(tmp_path, QUICK_CHAPTERS)
    yield server, hold
    server.log.stop()


def save_while_the_full_build_waits(server, hold, chapter_text: str) -> bytes:
    """Save chapter2 with the full build held; return its page as the site has it meanwhile."""
    save_while_held(server, hold, {"chapter2.md": chapter_text})
    return (server.project / "output" / "chapter2.html").read_bytes()


@pytest.mark.parametrize("edit", sorted(QUICK_EDITS))
def test_a_saved_chapter_is_shown_before_the_full_build_as_that_build_makes_it(
    held_devserver, edit
):
    server, hold = held_devserver
    attempts = server.state()["attempts"]
    old, new = QUICK_EDITS[edit]
    shown = save_while_the_full_build_waits(
        server, hold, QUICK_CHAPTERS["chapter2.md"].replace(old, new)
    )
    assert b"Quick" in shown
    assert "devserver: chapter2.html shown in" in server.log.text
    assert server.state()["build"] == 2  # the first build, then the quick update
    hold.unlink()
    state = server.wait_for_build(attempts)
    assert state["failed"] is False
    assert (server.project / "output" / "chapter2.html").read_bytes() == shown


def test_a_newer_save_stops_a_full_build_of_saves_already_shown(held_devserver):
    server, hold = held_devserver
    attempts = server.state()["attempts"]
    first = QUICK_CHAPTERS["chapter2.md"].replace(*QUICK_EDITS["body"])
    save_while_the_full_build_waits(server, hold, first)
    server.write({"chapter2.md": first.replace("Quick vectors", "Newer vectors")})
    wait_for(lambda: "devserver: a newer save: stopping the full build" in server.log.text, 60)
    # The held build takes the stop at its first chapter written: it is not awaited.
    hold.unlink()
    wait_for(lambda: "devserver: full build stopped" in server.log.text, 60, "the stop")
    server.wait_until_served("chapter2.html", "Newer vectors", timeout=60)
    state = server.wait_for_build(attempts)
    assert state["attempts"] == attempts + 1  # the stopped build is no build
    assert state["failed"] is False and state["problems"] == [], server.log.text
    page = server.project / "output" / "chapter2.html"
    assert b"Newer vectors" in page.read_bytes()
    staging = staging_prefix(page.parent)
    assert not [path for path in page.parent.parent.iterdir() if path.name.startswith(staging)]
    assert "Traceback" not in server.log.text


def test_a_stop_waits_for_a_stop_point_and_never_cuts_a_file_short(tmp_path):
    project = make_project(tmp_path / "course")
    command = devserver_command(project, TEST_PLUGINS, test_plugin="stop_midway")
    pelican = command[command.index("--") + 1 :]
    environment = build_environment(PROJECT_ROOT / "plugins")
    environment["DEVSERVER_TEST_STOP_MIDWAY"] = str(tmp_path / "stop")
    runner = BuildRunner(project / "output", project / "content", pelican, [], environment)
    lines: list[str] = []
    try:
        (tmp_path / "stop").touch()
        assert runner.build(lines.append)[1] == BUILD_STOPPED, "\n".join(lines)
        assert not (tmp_path / "stop").exists()  # asked to stop halfway through the cache
        assert not (project / "output").exists()  # stopped before any site was made
        lines.clear()
        assert runner.build(lines.append)[1] == 0, "\n".join(lines)
        assert "damaged" not in "\n".join(lines)  # the cache was written whole
    finally:
        runner.stop()
    assert "Byte pairs." in (project / "output" / "chapter1.html").read_text(encoding="utf-8")


def test_a_save_waits_for_a_full_build_that_checks_a_change_no_quick_update_showed(
    held_devserver,
):
    server, hold = held_devserver
    save_while_held(
        server, hold, {"chapter4.md": chapter("Agents", "chapter4", Chapter="4", body="Tools.")}
    )
    server.write({"chapter2.md": QUICK_CHAPTERS["chapter2.md"] + "\nSaved during a build.\n"})
    hold.unlink()
    server.wait_until_served("chapter2.html", "Saved during a build.")
    assert "Tools." in server.get("chapter4.html")
    assert "stopping the full build" not in server.log.text
    assert "full build stopped" not in server.log.text


def save_while_held(server, hold, files: dict[str, str]) -> None:
    """Save `files` and wait until the full build they start is held (hold_build)."""
    hold.touch()
    server.write(files)
    wait_for(lambda: "hold_build: holding" in server.log.text, 60, "the build to be held")


UNIT_WITH_A_PART = {
    "README.md": "# Course\n",
    "1-unit/README.md": "# Unit one\n\nSee [extra](extra/README.md).\n",
    "1-unit/extra/README.md": "# Extra part\n",
    "1-unit/1-lesson.md": "# Lesson\n",
}


LESSONS_TITLED_BY_THEIR_UNIT = {
    "README.md": "# Course\n",
    "ch02/README.md": "# Chapter 2: Text\n",
    "ch02/01_main/README.md": "# Chapter 2: Text\n",
    "ch02/02_bpe/README.md": "# Chapter 2: Text\n",
}


@pytest.mark.parametrize(
    ("course", "page", "saved", "reason", "before", "after"),
    [
        # The unit's links decide which unnumbered folders are its parts: a quick update of
        # its page alone showed a sidebar the full build then changed.
        (
            UNIT_WITH_A_PART,
            "1-unit/index.html",
            {"1-unit/README.md": "# Unit one\n\nNo link now.\n"},
            "its links, which order its folder's pages, changed",
            ">Extra part</a>",  # in the sidebar
            "No link now",
        ),
        # Lessons 2.1 and 2.2 both titled "Chapter 2: ..." are each labelled; a quick update
        # of one retitled "2.2 BPE" kept its label, "Chapter 2.2: 2.2 BPE".
        (
            LESSONS_TITLED_BY_THEIR_UNIT,
            "ch02/02_bpe/index.html",
            {"ch02/02_bpe/README.md": "# 2.2 BPE\n"},
            "the number its title starts with",
            "<title>Chapter 2.2: Chapter 2: Text",
            "<title>2.2 BPE",
        ),
    ],
)
def test_a_save_that_changes_other_pages_waits_for_the_full_build(
    tmp_path, course, page, saved, reason, before, after
):
    server, hold = start_held_devserver(tmp_path, course)
    try:
        written = server.project / "output" / page
        assert before in written.read_text()
        save_while_held(server, hold, saved)
        assert reason in server.log.text
        assert after not in written.read_text()  # no quick update of it
        hold.unlink()
        server.wait_until_served(page, after)
        assert before not in written.read_text()
    finally:
        server.log.stop()


def test_a_page_shown_early_is_put_back_when_the_full_build_fails(devserver_quick):
    server = devserver_quick
    attempts = server.state()["attempts"]
    page = server.project / "output" / "chapter2.html"
    last_good = page.read_bytes()
    # chapter2 itself is fine, and shown early; chapter3's link to its old heading is not.
    renamed = QUICK_CHAPTERS["chapter2.md"].replace("## Vectors", "## Matrices")
    server.write({"chapter2.md": renamed})
    state = server.wait_for_build(attempts)
    assert "devserver: chapter2.html shown in" in server.log.text
    assert state["failed"] is True
    assert [problem["location"] for problem in state["problems"] if problem["location"]] == [
        "content/chapter3.md:7:1"
    ]
    assert page.read_bytes() == last_good


def test_pages_shown_early_are_told_unchecked_until_the_build_ends(devserver_quick):
    server = devserver_quick
    attempts = server.state()["attempts"]
    server.write({"chapter1.md": QUICK_CHAPTERS["chapter1.md"] + "\nSaved.\n"})
    wait_for(lambda: "chapter1.html shown in" in server.log.text, 60, "the quick update")
    state = server.state()
    assert state["unchecked"] == ["/chapter1.html"] and state["attempts"] == attempts
    assert server.wait_for_build(attempts)["unchecked"] == []


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (("Slug: chapter2", "Slug: vectors"), "content/chapter2.md: its slug changed"),
        (("[tokens](chapter1.html)", "[tokens](chapter1.html#nowhere)"), "an anchor"),
        (("Vectors, [", "![A plot](images/plot.png) Vectors, ["), "does not have"),
    ],
    ids=["slug", "broken-anchor", "missing-image"],
)
def test_a_save_the_page_alone_cannot_show_waits_for_the_full_build(
    devserver_quick, change, reason
):
    server = devserver_quick
    attempts = server.state()["attempts"]
    server.write({"chapter2.md": QUICK_CHAPTERS["chapter2.md"].replace(*change)})
    server.wait_for_build(attempts)
    assert "devserver: a full build for this save: " in server.log.text
    assert reason in server.log.text.split("a full build for this save: ", 1)[1].splitlines()[0]
    assert "chapter2.html shown in" not in server.log.text


@pytest.fixture
def devserver_quick(tmp_path):
    server = start_devserver(make_project(tmp_path, QUICK_CHAPTERS))
    yield server
    server.log.stop()


@pytest.mark.parametrize("url", ["unit/index.html", "unit/", "unit/index.html#intro", "../"])
def test_a_link_to_a_folder_page_the_site_has_is_no_missing_file(tmp_path, url):
    (tmp_path / "unit" / "lesson").mkdir(parents=True)
    (tmp_path / "unit" / "index.html").write_text('<h1 id="intro">Unit</h1>')
    page = "unit/lesson/x.html" if url == "../" else "chapter2.html"
    html = f'<p><a href="{url}">the unit</a></p>'
    assert missing_target(page, html, tmp_path, SiteAddress(), {}) is None


@pytest.fixture
def course_with_a_unit(tmp_path):
    """Flat chapters and one unit kept as a folder (its README.md is unit/index.html)."""
    chapters = {**QUICK_CHAPTERS, "4-unit/README.md": "# Unit four\n\nA unit kept as a folder.\n"}
    server = start_devserver(make_project(tmp_path, chapters))
    yield server
    server.log.stop()


def test_a_chapter_is_shown_early_in_a_course_with_a_folder_page(course_with_a_unit):
    server = course_with_a_unit
    attempts = server.state()["attempts"]
    server.write({"chapter2.md": QUICK_CHAPTERS["chapter2.md"].replace("Vectors, [", "Quick, [")})
    server.wait_for_build(attempts)
    assert "a full build for this save" not in server.log.text, server.log.text
    assert "devserver: chapter2.html shown in" in server.log.text


def test_a_page_shown_early_is_put_back_when_the_server_stops_before_its_full_build(
    devserver_quick,
):
    server = devserver_quick
    page = server.project / "output" / "chapter2.html"
    last_good = page.read_bytes()
    server.write({"chapter2.md": QUICK_CHAPTERS["chapter2.md"].replace("Vectors, [", "Unbuilt, [")})
    wait_for(lambda: "chapter2.html shown in" in server.log.text, 60, "the quick update")
    server.log.process.send_signal(signal.SIGINT)  # Ctrl-C within the quiet second
    server.log.process.wait(timeout=30)
    # No full build checked that page: output/ must stay what `make html` last wrote.
    assert page.read_bytes() == last_good


def test_a_field_an_author_mistyped_is_one_line_never_a_traceback(devserver_quick):
    server = devserver_quick
    attempts = server.state()["attempts"]
    server.write({"chapter2.md": QUICK_CHAPTERS["chapter2.md"].replace("2024-01-01", "someday")})
    server.wait_for_build(attempts)
    assert "content/chapter2.md:3: Date: 'someday' is not a date" in server.log.text
    assert "Traceback" not in server.log.text


def test_files_made_and_removed_within_a_burst_are_no_change(tmp_path):
    kept = tmp_path / "chapter1.md"
    kept.write_text("saved")
    gone = str(tmp_path / "sedX1b2c3")
    changes = {
        (Change.added, gone),
        (Change.deleted, gone),
        (Change.added, str(kept)),
        (Change.deleted, str(tmp_path / "chapter2.md")),
    }
    assert lasting_changes(changes) == {str(kept), str(tmp_path / "chapter2.md")}
    assert lasting_changes({(Change.added, gone), (Change.deleted, gone)}) == set()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_devserver_adds_the_reload_script_and_make_html_and_publish_never_do(tmp_path):
    project = copy_project(tmp_path / "course")
    port = free_port()
    log = OutputReader(start_make(project, "devserver", f"PORT={port}"))
    try:
        wait_for(lambda: "devserver: built" in log.text, 300, "the first build")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/chapter4.html") as answer:
            assert RELOAD_SCRIPT in answer.read().decode()
    finally:
        log.stop()
    for target in ("html", "publish"):
        built = run_make(project, target)
        assert built.returncode == 0, built.stdout + built.stderr
        pages = list((project / "output").rglob("*.html"))
        assert pages and not [page for page in pages if "__devserver__" in page.read_text()]


def test_a_change_of_plugin_code_is_built_with_the_new_code(tmp_path):
    """Builds are forked from a process that imported the plugins: it must import them anew."""
    plugins = tmp_path / "plugins"
    shutil.copytree(TEST_PLUGINS, plugins)
    server = start_devserver(make_project(tmp_path / "course"), test_plugins=plugins)
    try:
        code = plugins / "hold_build" / "__init__.py"
        code.write_text(
            code.read_text().replace(
                "def register() -> None:\n",
                'def register() -> None:\n    print("hold_build: the new code", flush=True)\n',
            )
        )
        wait_for(lambda: "hold_build: the new code" in server.log.text, 120, "the new code")
    finally:
        server.log.stop()


def test_with_no_good_build_yet_a_page_waits_with_the_problems_and_comes_when_fixed(tmp_path):
    broken = CHAPTERS["chapter1.md"] + "\n[next](chapter9.html)\n"
    server = start_devserver(make_project(tmp_path, {**CHAPTERS, "chapter1.md": broken}))
    try:
        state = server.state()
        assert state["failed"] is True and state["build"] == 0
        waiting = server.get("chapter1.html")
        assert "Not built yet" in waiting and RELOAD_SCRIPT in waiting
        server.write({"chapter1.md": CHAPTERS["chapter1.md"]})
        server.wait_until_served("chapter1.html", "Byte pairs.")
    finally:
        server.log.stop()
