"""A dev server (`python -m devserver`) running on a small course in a temporary folder."""

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from conftest import PELICAN, PROJECT_ROOT, OutputReader, chapter, wait_for, write_content

CHAPTERS = {
    "chapter1.md": chapter("Tokens", "chapter1", Chapter="1", body="Byte pairs."),
    "chapter2.md": chapter("Embeddings", "chapter2", Chapter="2", body="Vectors."),
    "chapter3.md": chapter("Attention", "chapter3", Chapter="3", body="Queries and keys."),
}
TEST_PLUGINS = PROJECT_ROOT / "tests" / "fixtures" / "devserver_plugins"
SERVING = re.compile(r"devserver: serving .* at (http://\S+?)/ ")


@dataclass
class RunningDevServer:
    """The dev server's process, what it said, the project it builds and its address."""

    project: Path
    log: OutputReader
    base_url: str

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path}"

    def get(self, path: str) -> str:
        """Return the text the server answers for `path` (a 404 answers the site's 404 page)."""
        try:
            with urllib.request.urlopen(self.url(path), timeout=30) as answer:
                return answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.read().decode("utf-8")

    def state(self) -> dict:
        """Return what the server tells a page: build number, problems, building or not."""
        return json.loads(self.get("__devserver__/state?run=test&build=0"))

    def wait_for_build(self, after: int, timeout: float = 120) -> dict:
        """Wait until more than `after` builds, passed or failed, have ended; return the state."""
        return wait_for(
            lambda: (state := self.state())["attempts"] > after and state,
            timeout,
            what=f"build {after + 1} to finish:\n{self.log.text}",
        )

    def wait_until_served(self, path: str, text: str, timeout: float = 120) -> str:
        """Wait until the page at `path` holds `text`; return the page."""
        return wait_for(
            lambda: text in (page := self.get(path)) and page,
            timeout,
            what=f"{text!r} in {path}:\n{self.log.text}",
        )

    def write(self, files: dict[str, str]) -> None:
        write_content(self.project / "content", files)


def devserver_command(
    project: Path, test_plugins: Path | None = None, cold: bool = False, test_plugin="hold_build"
) -> list[str]:
    """Return `make devserver`'s command for `project`, on any free port (with `test_plugins`,
    the plugin `test_plugin` of that folder added)."""
    plugin_paths = [str(PROJECT_ROOT / "plugins")]
    settings = {
        "THEME": str(project / "theme"),
        "PLUGIN_PATHS": plugin_paths,
        "CACHE_PATH": str(project / "cache"),
    }
    if test_plugins:
        from pelicanconf import PLUGINS

        settings["PLUGIN_PATHS"] = [*plugin_paths, str(test_plugins)]
        settings["PLUGINS"] = [*PLUGINS, test_plugin]
    pelican = [str(PELICAN), str(project / "content"), "-s", str(PROJECT_ROOT / "pelicanconf.py")]
    pelican += ["--fatal", "errors", "-e", *(f"{k}={json.dumps(v)}" for k, v in settings.items())]
    server = [sys.executable, "-m", "devserver", str(project / "output"), "--port", "0"]
    server += ["--cold"] if cold else []
    return [*server, "--", *pelican]


def make_project(folder: Path, chapters: dict[str, str] | None = None) -> Path:
    """Write a small course and a copy of the theme (which tests may edit) into `folder`."""
    write_content(folder / "content", chapters or CHAPTERS)
    shutil.copytree(PROJECT_ROOT / "themes" / "course", folder / "theme")
    return folder


def start_devserver(
    project: Path,
    environment: dict | None = None,
    test_plugins: Path | None = None,
    cold: bool = False,
) -> RunningDevServer:
    """Start the dev server on `project` and wait for its first build.

    `test_plugins`: a folder of test plugins (hold_build) added to the project's; `cold`:
    each build in a new process, as where the system cannot fork.
    """
    process = subprocess.Popen(
        devserver_command(project, test_plugins, cold),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "plugins"), **(environment or {})},
        start_new_session=True,
    )
    log = OutputReader(process)
    address = wait_for(lambda: SERVING.search(log.text), 60, "the dev server to start")
    server = RunningDevServer(project, log, address.group(1))
    server.wait_for_build(0)
    return server


def start_held_devserver(folder: Path, chapters: dict[str, str] | None = None):
    """Start a dev server whose builds wait, once they have read content/ and before they
    replace the site, while the returned hold file exists; return (server, hold file)."""
    hold = folder / "hold"
    project = make_project(folder / "course", chapters)
    return start_devserver(project, {"DEVSERVER_TEST_HOLD": str(hold)}, TEST_PLUGINS), hold
