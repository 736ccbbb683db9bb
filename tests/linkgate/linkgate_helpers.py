"""Helpers for the link gate's tests: run the standalone command on a folder."""

import subprocess
import sys
from pathlib import Path

LINKGATE = Path(sys.executable).parent / "linkgate"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "linkgate"


def run_linkgate(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run the installed `linkgate` command in `cwd`; return its outcome."""
    return subprocess.run(
        [str(LINKGATE), *arguments], cwd=cwd, capture_output=True, text=True, timeout=120
    )
