"""Hostile and unlucky input: the gate reports it at its place and never raises on content."""

import os
import shutil
import sqlite3

import pytest
from conftest import chapter
from linkgate.check import GateOptions, check_site
from linkgate_helpers import FIXTURES, run_linkgate

MALFORMED = [
    ("http://[oops/x", "not a valid URL: its host '[oops' is not an IPv6 address"),
    ("https://[::1/x", "not a valid URL: its host '[::1' is not an IPv6 address"),
    ("https://[1:2:3]/x", "not a valid URL: its host '[1:2:3]' is not an IPv6 address"),
    ("http://exa mple.org/", "not a valid URL: its host 'exa mple.org' has a space"),
    ("https://example.org:99999/", "not a valid URL: its port '99999' is not a port number"),
    ("https://example.org:8o/", "not a valid URL: its port '8o' is not a port number"),
    ("http:///", "not a valid URL: it names no host"),
    ("https://", "not a valid URL: it names no host"),
]


@pytest.mark.parametrize(("url", "reason"), MALFORMED)
def test_a_malformed_url_is_one_problem_and_the_real_broken_link_beside_it_too(
    url, reason, tmp_path
):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<p>One</p>\n<a href="{url}">d</a>\n<a href="chapter9.html">e</a>\n'
    )
    problems = check_site(site, GateOptions())
    assert [(p.line, p.target, p.reason) for p in problems] == [
        (2, url, reason),
        (3, "chapter9.html", "no such page"),
    ]


def test_the_command_reports_a_malformed_url_without_a_traceback(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        '<a href="http://[oops/x">d</a>\n<a href="nope.html">x</a>\n'
    )
    for arguments in ([], ["--external", "--timeout", "0.5"]):
        finished = run_linkgate("site", *arguments, cwd=tmp_path)
        assert finished.stdout.splitlines() == [
            "site/index.html:1:10: broken link 'http://[oops/x': not a valid URL:"
            " its host '[oops' is not an IPv6 address",
            "site/index.html:2:10: broken link 'nope.html': no such page",
        ]
        assert "Traceback" not in finished.stderr
        assert finished.returncode == 1


def test_a_malformed_url_in_a_chapter_fails_the_build_at_its_markdown_line(build_site):
    body = "[d](http://[oops/x)\n\n[e](chapter9.html)\n"
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1", body=body)},
        extra_settings={"UPCOMING_CHAPTERS": []},
    )
    # Markdown writes the link percent-encoded (http://%5Boops/x): a host holding '['.
    assert (
        "content/chapter1.md:6:1: broken link 'http://[oops/x': not a valid URL:"
        " its host '[oops' has '['" in build.log
    ), build.log
    assert "content/chapter1.md:8:1: broken link 'chapter9.html': no such page" in build.log
    assert "internal error" not in build.log
    assert "Traceback" not in build.log
    assert build.exit_code != 0


@pytest.mark.parametrize(
    ("site_url", "message"),
    [
        ("http://[::1", "linkgate: --site-url 'http://[::1' is not a valid URL: its host"),
        ("example.org/course", "linkgate: --site-url 'example.org/course' is not an http(s) URL"),
        ("https://", "linkgate: --site-url 'https://' is not a valid URL: it names no host"),
    ],
)
def test_a_bad_site_url_is_a_usage_error(site_url, message, tmp_path):
    shutil.copytree(FIXTURES / "clean_site" / "site", tmp_path / "site")
    finished = run_linkgate("site", "--site-url", site_url, cwd=tmp_path)
    assert finished.returncode == 2
    assert finished.stderr.startswith(message), finished.stderr
    assert len(finished.stderr.splitlines()) == 1


def test_a_bad_siteurl_setting_is_named(build_site):
    build = build_site(
        {"chapter1.md": chapter("One", "chapter1")},
        extra_settings={"UPCOMING_CHAPTERS": [], "SITEURL": "http://[::1"},
    )
    # Every printed line writes `::` as `:\:`, so no text can pass for a CI workflow command.
    assert "pelicanconf: SITEURL 'http://[:\\:1' is not a valid URL" in build.log, build.log
    assert "Traceback" not in build.log
    assert build.exit_code != 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([""], "linkgate: SITE_DIR is empty: name the built site folder, e.g. output/"),
        (["site", "--timeout", "0"], "linkgate: --timeout must be more than 0 seconds, not 0"),
        (["site", "--workers", "-1"], "linkgate: --workers must be 0 or more, not -1"),
    ],
)
def test_empty_or_impossible_arguments_are_usage_errors(arguments, message, tmp_path):
    shutil.copytree(FIXTURES / "clean_site" / "site", tmp_path / "site")
    finished = run_linkgate(*arguments, cwd=tmp_path)
    assert (finished.returncode, finished.stderr, finished.stdout) == (2, message + "\n", "")


def test_symbolic_link_loops_in_the_site_are_reported_not_followed(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", site)
    os.symlink(".", site / "guide" / "again")
    os.symlink("..", site / "guide" / "up")
    os.symlink("second", site / "first")
    os.symlink("first", site / "second")
    finished = run_linkgate("site", cwd=tmp_path)
    assert finished.stdout.splitlines() == [
        "site/first: a symbolic link loop (it points to 'second', which leads back to it):"
        " remove the link",
        "site/guide/again: a symbolic link loop (it points to '.', a folder that contains it):"
        " remove the link",
        "site/guide/up: a symbolic link loop (it points to '..', a folder that contains it):"
        " remove the link",
        "site/second: a symbolic link loop (it points to 'first', which leads back to it):"
        " remove the link",
    ]
    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr


CONTAINS = "a folder that contains it"


def test_links_into_each_other_through_two_folders_are_a_loop(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    (site / "index.html").write_text('<a href="a/x.html">x</a>')
    (site / "a" / "x.html").write_text("x")
    os.symlink("../b", site / "a" / "to-b")
    os.symlink("../a", site / "b" / "to-a")
    problems = check_site(site, GateOptions())
    assert [(p.page, p.reason) for p in problems] == [
        ("a/to-b/to-a", f"a symbolic link loop (it points to '../a', {CONTAINS}): remove the link"),
        ("b/to-a/to-b", f"a symbolic link loop (it points to '../b', {CONTAINS}): remove the link"),
    ]


def test_a_page_removed_while_the_gate_reads_is_reported(tmp_path, monkeypatch):
    """Another build may empty the folder under the gate's feet: no traceback, one line."""
    import linkgate.check

    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean_site" / "site", site)
    real_list_site = linkgate.check.list_site

    def list_then_remove(root):
        listed = real_list_site(root)
        (site / "chapter1.html").unlink()
        return listed

    monkeypatch.setattr(linkgate.check, "list_site", list_then_remove)
    problems = check_site(site, GateOptions(workers=1))
    assert [(p.page, p.kind, p.reason) for p in problems if p.page == "chapter1.html"] == [
        ("chapter1.html", "file", "could not be read (No such file or directory)")
    ]


DAMAGE = {
    "garbage bytes": lambda path: path.write_bytes(b"not a database at all" * 100),
    "a cut-short file": lambda path: path.write_bytes(path.read_bytes()[:3000]),
    "unreadable records": lambda path: _execute(path, "UPDATE pages SET record = x'80ff00'"),
    "unreadable problems": lambda path: _execute(path, "UPDATE pages SET problems = x'00'"),
    "unreadable ids": lambda path: _execute(path, "UPDATE pages SET ids = x'8004'"),
    "a dropped table": lambda path: _execute(path, "DROP TABLE uses"),
}


def _execute(path, statement):
    with sqlite3.connect(path) as connection:
        connection.execute(statement)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_store_means_a_full_check(damage, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "missing_page" / "site", site)
    cached = GateOptions(cache_dir=tmp_path / "cache")
    full = check_site(site, GateOptions())
    assert check_site(site, cached) == full
    DAMAGE[damage](tmp_path / "cache" / "linkgate.sqlite")
    (site / "index.html").write_text((site / "index.html").read_text() + "\n")
    full = check_site(site, GateOptions())
    assert check_site(site, cached) == full
    assert check_site(site, cached) == full
