"""The standalone `linkgate` command on the fixture sites: verdicts, formats and exit codes."""

import json
import shutil
import subprocess

import pytest
from linkgate_helpers import FIXTURES, LINKGATE, run_linkgate

CASES = sorted(path.name for path in FIXTURES.iterdir() if (path / "site").is_dir())


def case_arguments(case_folder) -> list[str]:
    extra = case_folder / "args.txt"
    return extra.read_text().split() if extra.exists() else []


@pytest.fixture
def case_copy(tmp_path):
    """Copy a fixture case into tmp_path (the command may write nothing into fixtures)."""

    def copy(case: str):
        destination = tmp_path / case
        shutil.copytree(FIXTURES / case, destination)
        return destination

    return copy


@pytest.mark.parametrize("case", CASES)
def test_each_fixture_site_gets_its_expected_verdicts(case, case_copy):
    folder = case_copy(case)
    finished = run_linkgate("site", *case_arguments(folder), cwd=folder)
    assert finished.stdout == (folder / "expected.txt").read_text()
    assert finished.returncode == int((folder / "expected_exit.txt").read_text())


def test_clean_site_exits_zero_and_prints_no_problem(case_copy):
    folder = case_copy("clean_site")
    finished = run_linkgate("site", cwd=folder)
    assert (finished.returncode, finished.stdout) == (0, "")


@pytest.mark.parametrize("case", [case for case in CASES if case != "clean_site"])
def test_json_format_gives_one_object_per_problem(case, case_copy):
    folder = case_copy(case)
    text = run_linkgate("site", *case_arguments(folder), cwd=folder).stdout.splitlines()
    finished = run_linkgate("site", "--format", "json", *case_arguments(folder), cwd=folder)
    objects = [json.loads(line) for line in finished.stdout.splitlines()]
    assert len(objects) == len(text)
    for problem, line in zip(objects, text, strict=True):
        assert {"source", "target", "reason", "file", "line"} <= problem.keys()
        assert line.startswith(f"{problem['file']}:{problem['line']}:")
        assert problem["file"] == f"site/{problem['source']}"
    assert finished.returncode == 1


def test_json_names_page_target_and_reason(case_copy):
    folder = case_copy("missing_page")
    finished = run_linkgate("site", "--format", "json", cwd=folder)
    first = json.loads(finished.stdout.splitlines()[0])
    assert (first["source"], first["target"], first["reason"], first["line"]) == (
        "index.html",
        "chapter6.html",
        "no such page",
        8,
    )
    assert first["suggestion"] == "chapter5.html"


def test_github_format_annotates_the_pull_request(case_copy):
    folder = case_copy("missing_anchor")
    finished = run_linkgate("site", "--format", "github", cwd=folder)
    assert finished.stdout.splitlines() == [
        "::error file=site/index.html,line=8,col=10::broken anchor 'chapter4.html#diffusion-model'"
        ": no id 'diffusion-model' in chapter4.html"
        " (did you mean '#diffusion-models-for-image-generation'?)",
        "::error file=site/index.html,line=9,col=10::broken anchor '#nowhere'"
        ": no id 'nowhere' in index.html",
    ]
    assert finished.returncode == 1


def test_missing_alt_is_a_warning_unless_strict(case_copy, tmp_path):
    folder = case_copy("clean_site")
    (folder / "site" / "extra.html").write_text('<img src="images/dot.png">')
    relaxed = run_linkgate("site", cwd=folder)
    assert relaxed.returncode == 0
    assert (
        relaxed.stdout == "site/extra.html:1:11: warning: image 'images/dot.png' has no alt text:"
        ' describe it in the tag, alt="..."\n'
    )
    strict = run_linkgate("site", "--strict", cwd=folder)
    assert strict.returncode == 1
    assert strict.stdout == (
        "site/extra.html:1:11: image 'images/dot.png' has no alt text:"
        ' describe it in the tag, alt="..."\n'
    )


def test_ignore_patterns_silence_matching_urls(case_copy):
    folder = case_copy("missing_page")
    finished = run_linkgate("site", "--ignore", r"^chapter6\.html$", cwd=folder)
    assert "chapter6.html" not in finished.stdout
    assert "Chapter5.html" in finished.stdout


def test_a_site_under_a_sub_path_accepts_its_own_prefix(case_copy):
    folder = case_copy("out_of_root")
    (folder / "site" / "index.html").write_text(
        '<img src="/llm-course/images/c4.png" alt="x">'
        '<a href="https://example.github.io/llm-course/index.html">self</a>'
        '<a href="https://example.github.io/llm-course/nope.html">gone</a>'
    )
    finished = run_linkgate(
        "site", "--site-url", "https://example.github.io/llm-course", cwd=folder
    )
    assert finished.stdout == (
        "site/index.html:1:121: broken link 'https://example.github.io/llm-course/nope.html'"
        ": no such page\n"
    )


@pytest.mark.parametrize(
    "arguments",
    [
        ["--format", "xml", "site"],
        ["--no-such-option", "site"],
        [],
        ["no-such-folder"],
        ["site", "--ignore", "("],
    ],
)
def test_bad_usage_exits_two(arguments, case_copy):
    folder = case_copy("clean_site")
    finished = run_linkgate(*arguments, cwd=folder)
    assert finished.returncode == 2


def test_unchanged_pages_come_from_the_cache_and_changes_are_seen(case_copy):
    folder = case_copy("clean_site")
    first = run_linkgate("site", "--cache-dir", "cache", cwd=folder)
    assert first.returncode == 0
    assert (folder / "cache").is_dir()
    chapter = folder / "site" / "chapter1.html"
    chapter.write_text(chapter.read_text().replace('id="first-steps"', 'id="first-step"'))
    second = run_linkgate("site", "--cache-dir", "cache", cwd=folder)
    assert second.returncode == 1
    assert "no id 'first-steps' in chapter1.html (did you mean '#first-step'?)" in second.stdout


def test_output_piped_into_head_ends_quietly_with_the_verdict(tmp_path):
    """`linkgate site | head`: head leaves early; the rest is dropped, with no traceback."""
    site = tmp_path / "site"
    site.mkdir()
    # Far more than a pipe holds (64 KB), so the command is still writing when head leaves.
    links = "".join(f'<a href="missing-page-{number}.html">x</a>\n' for number in range(3000))
    (site / "index.html").write_text(f"<!DOCTYPE html><title>x</title>{links}")
    finished = subprocess.run(
        ["bash", "-c", f"'{LINKGATE}' site | head -n 1; exit ${{PIPESTATUS[0]}}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.stdout.startswith("site/index.html:1:")
    assert finished.stdout.count("\n") == 1
    assert "Traceback" not in finished.stderr and "BrokenPipeError" not in finished.stderr
    assert finished.returncode == 1
