"""Under `pelican -r` (make regenerate, devserver): log every build's problems, never raise."""

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import copy_project, save_until_seen

PELICAN = Path(sys.executable).parent / "pelican"


def wait_for(log: Path, text: str, count: int, timeout: float = 90) -> str:
    """Wait until `text` appears `count` times in the log file; return the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log.read_text(errors="replace")
        if content.count(text) >= count:
            return content
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not seen {count} times:\n{log.read_text()}")


def test_a_rebuild_reports_an_unfixed_problem_again(tmp_path):
    project = copy_project(tmp_path / "project")
    chapter = project / "content" / "chapter4.md"
    chapter.write_text(chapter.read_text() + "\nSee [the next chapter](chapter6.html).\n")
    log = tmp_path / "regenerate.log"
    environment = {**os.environ, "COLUMNS": "250", "TERM": "dumb"}
    command = [str(PELICAN), "-r", "content", "-o", "output", "-s", "pelicanconf.py"]
    with open(log, "w") as stream:
        server = subprocess.Popen(
            command, cwd=project, stdout=stream, stderr=subprocess.STDOUT, env=environment
        )
    try:
        wait_for(log, "link gate: 1 broken link(s)", 1)
        edited = chapter.read_text() + "\nAnd [gone](gone.html).\n"
        # The same text each time, and time enough for Pelican to see it: one rebuild only.
        save_until_seen(
            lambda: chapter.write_text(edited), lambda: log.read_text(errors="replace"), patience=10
        )
        content = wait_for(log, "link gate: 2 broken link(s)", 1)
        time.sleep(1)  # an exception would have Pelican rebuild at once, again and again
        content = log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert content.count("broken link 'chapter6.html': no such page") == 2
    assert content.count("broken link 'gone.html': no such page") == 1
    assert content.count("link gate: ") == 2
    assert "Traceback" not in content
