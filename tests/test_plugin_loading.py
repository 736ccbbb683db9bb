"""Plugins load the way Pelican loads them, with nothing of ours on sys.path.

The editable install puts plugins/ on sys.path for the tests and the commands; a
build must not need it: Pelican finds each plugin in PLUGIN_PATHS, and a plugin that
imported another plugin (rather than the library, courselib) would fail to load.
"""

import json
import subprocess
import sys

from conftest import PROJECT_ROOT, chapter, write_content

WITHOUT_OUR_FOLDERS = """
import sys
plugins = {plugins!r}
sys.path[:] = [entry for entry in sys.path if entry.rstrip("/") != plugins and entry != ""]
from pelican import main
sys.argv = ["pelican", *{arguments!r}]
main()
"""


def test_a_build_loads_every_plugin_with_only_what_pelican_puts_on_sys_path(tmp_path):
    content = write_content(tmp_path / "content", {"chapter1.md": chapter("One", "chapter1")})
    settings = {
        "THEME": str(PROJECT_ROOT / "themes" / "course"),
        "PLUGIN_PATHS": [str(PROJECT_ROOT / "plugins")],
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    arguments = [
        str(content),
        "-o",
        str(tmp_path / "output"),
        "-s",
        str(PROJECT_ROOT / "pelicanconf.py"),
        "--fatal",
        "errors",
        "-e",
        *(f"{key}={json.dumps(value)}" for key, value in settings.items()),
    ]
    script = WITHOUT_OUR_FOLDERS.format(plugins=str(PROJECT_ROOT / "plugins"), arguments=arguments)
    finished = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    log = finished.stdout + finished.stderr
    assert finished.returncode == 0, log
    assert "Cannot load plugin" not in log and "Cannot register" not in log
    page = (tmp_path / "output" / "chapter1.html").read_text(encoding="utf-8")
    assert 'class="sidebar-chapters"' in page  # the chapters plugin ran
    assert (tmp_path / "output" / "sitemap.xml").is_file()  # and course_sharing


def test_a_build_needs_no_python_markdown_and_says_nothing_of_it(tmp_path):
    # Installed without the test extra (`pip install -e .`), Pelican's own Markdown reader
    # cannot run, and it warned "Could not import 'markdown.Markdown'" for every chapter ours
    # read (20 times for swcarpentry/shell-novice).
    content = write_content(tmp_path / "content", {"chapter1.md": chapter("One", "chapter1")})
    script = (
        "import pelican.readers\n"
        "pelican.readers.MarkdownReader.enabled = False\n"
        "from pelican import main\n"
        f"sys.argv = ['pelican', {str(content)!r}, '-o', {str(tmp_path / 'output')!r},"
        f" '-s', {str(PROJECT_ROOT / 'pelicanconf.py')!r}, '--fatal', 'errors',"
        f" '-e', 'CACHE_PATH=\"{tmp_path / 'cache'}\"']\n"
        "main()\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", "import sys\n" + script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    log = finished.stdout + finished.stderr
    assert finished.returncode == 0, log
    assert "Could not import" not in log and "WARNING" not in log, log
    assert "<h1" in (tmp_path / "output" / "chapter1.html").read_text(encoding="utf-8")
