"""What the build and our commands print: one whole line a problem, shown and never obeyed.

A CI runner obeys a line that starts with `::error file=...::` (GitHub's workflow
commands) and a terminal obeys ESC sequences, so a URL or a file name holding a newline
and such a command must not reach the log raw.
"""

import json
import re

import pytest
from chapter_covers.__main__ import main as covers_main
from conftest import chapter
from courselib.log_text import one_json_line, one_line

from tests.linkgate.linkgate_helpers import run_linkgate

FORGED = "::error file=content/chapter1.md,line=1::forged"
FORGED_IN_A_NAME = "::error file=chapter1.md,line=1::forged"  # a file name holds no "/"
# A link to a page that does not exist, whose address holds a newline, a forged workflow
# command and an ESC sequence that would clear a terminal (written as HTML character
# references, as an attacker would: the attribute holds the characters themselves). The `/`
# keeps it a path: a browser drops the newline, and `missing::error` would be a scheme.
HOSTILE_LINK = (
    '<a href="missing/&#10;::error file=content/chapter1.md,line=1::forged&#27;[2J.html">x</a>'
)


def obeyed_lines(output: str) -> list[str]:
    """Return the lines a CI runner or a terminal would act on."""
    return [
        line
        for line in output.split("\n")
        if line.lstrip().startswith("::") or "##[" in line or "\x1b" in line
    ]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("content/chapter1.md:3: no Title", "content/chapter1.md:3: no Title"),
        ("a\nb\r\nc", "a\\nb\\r\\nc"),
        ("x\n::error file=a::b", "x\\n:\\:error file=a:\\:b"),
        ("a:::b", "a:\\:\\:b"),
        ("see ##[error]this and ###[x]", "see #\\#[error]this and ##\\#[x]"),
        ("red \x1b[31mtext\x07", "red \\x1b[31mtext\\x07"),
        ("C1 \x9b2J and DEL \x7f", "C1 \\x9b2J and DEL \\x7f"),
        ("evil\u202etxt.exe and \u2028 split", "evil\\u202etxt.exe and \\u2028 split"),
        ("a\ttab stays, é too", "a\ttab stays, é too"),
    ],
)
def test_one_line_shows_what_would_be_obeyed(text, shown):
    assert one_line(text) == shown
    assert one_line(shown) == shown  # twice is the same as once


def test_one_json_line_keeps_the_data_exact():
    data = {"target": "x\n::error file=a::b ##[error] \x1b[2J \x9b \u202e"}
    line = one_json_line(json.dumps(data, ensure_ascii=False))
    assert json.loads(line) == data
    assert "\n" not in line and not obeyed_lines(line) and "\u202e" not in line


def test_a_build_log_has_one_line_a_problem_without_a_terminal(build_site):
    """CI and `make html > log` have no terminal: rich wrapped messages at 80 columns."""
    name = "a-chapter-whose-file-name-is-long-enough-to-pass-eighty-columns-on-its-own.md"
    build = build_site(
        {name: chapter("One", "chapter1", Status="done")},
        environment={"COLUMNS": ""},
    )
    assert build.exit_code != 0
    message = f"content/{name}:5: Status: 'done' is not one of published, hidden, draft"
    [line] = [line for line in build.log.splitlines() if name in line]
    assert line.endswith(message), line
    assert re.match(r"\[\d\d:\d\d:\d\d\] WARNING  ", line), line


def test_a_hostile_url_or_file_name_forges_no_command_in_the_build_log(build_site):
    build = build_site(
        {
            "chapter1.md": chapter("One", "chapter1", body=HOSTILE_LINK),
            f"images/empty\n{FORGED_IN_A_NAME}\x1b[2J.png": b"",
        },
        environment={"GITHUB_ACTIONS": "true"},  # the gate also prints workflow commands
    )
    assert build.exit_code != 0
    # The gate's one true annotation: the hostile URL inside it is data.
    [command] = obeyed_lines(build.log)
    assert command.startswith("::error file=output/chapter1.html::broken link 'missing"), command
    assert (
        "missing/\\n:\\:error file=content/chapter1.md,line=1:\\:forged\\x1b[2J.html" in build.log
    )
    image = "content/images/empty\\n:\\:error file=chapter1.md,line=1:\\:forged\\x1b[2J.png"
    assert f"{image}: the image is empty (0 bytes): export it again" in build.log


def test_the_link_gate_command_prints_hostile_urls_as_data(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"<!DOCTYPE html><title>x</title>{HOSTILE_LINK}")
    text = run_linkgate("site", cwd=tmp_path)
    assert text.returncode == 1
    assert obeyed_lines(text.stdout + text.stderr) == []
    assert len(text.stdout.splitlines()) == 1, text.stdout
    github = run_linkgate("site", "--format", "github", cwd=tmp_path)
    assert [line[:12] for line in github.stdout.splitlines()] == ["::error file"]
    assert "\x1b" not in github.stdout
    as_json = run_linkgate("site", "--format", "json", cwd=tmp_path)
    [line] = as_json.stdout.splitlines()
    assert obeyed_lines(line) == []
    assert json.loads(line)["target"] == f"missing/\n{FORGED}\x1b[2J.html"


def test_make_covers_names_a_hostile_file_name_as_data(tmp_path, capsys):
    (tmp_path / f"notes\n{FORGED_IN_A_NAME}\x1b[2J.md").write_text("No front matter.\n")
    assert covers_main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert obeyed_lines(printed) == []
    assert printed.count("\n") == 1, printed
