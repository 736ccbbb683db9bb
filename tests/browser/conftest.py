"""One built course, one local HTTP server and one Chromium for every browser test.

The site is the project's own content/ plus tests/fixtures/reader_course (a chapter in
Greek, one with code and admonitions), built twice: with relative URLs, served at
/site/, and for a sub-path SITEURL, served at /llm-course/. Chromium comes from
COURSE_CHROMIUM (default Debian's /usr/bin/chromium); without it the tests skip,
unless COURSE_REQUIRE_BROWSER=1 (CI), where they fail.
"""

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import PROJECT_ROOT, run_pelican, write_content

from benchmarks.audit import served

READER_COURSE = Path(__file__).parent.parent / "fixtures" / "reader_course"
LOOPBACK = "127.0.0.1"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Belt and braces: even a request the page guard missed could not resolve a host.
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}",
]


def chromium_or_skip() -> str:
    """Return the Chromium to drive; skip (or fail, when CI requires it) if there is none."""
    path = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    reason = f"no Chromium at {path} (apt-get install chromium, or set COURSE_CHROMIUM)"
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (COURSE_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def served_course(tmp_path_factory, name: str, files: dict[str, str | bytes]) -> Iterator[str]:
    """Build a course of `files` (skipping without Chromium), serve it on 127.0.0.1, and
    yield its address."""
    chromium_or_skip()
    work = tmp_path_factory.mktemp(name)
    build = run_pelican(write_content(work / "content", files), work / "output")
    assert build.exit_code == 0, build.log
    with served(build.output) as base_url:
        yield base_url


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@dataclass
class ServedSite:
    """The built sites and the address they are served at."""

    root: Path
    base_url: str

    def url(self, path: str) -> str:
        """Return the address of a page of the relative build, e.g. `chapter4.html`."""
        return f"{self.base_url}/site/{path}"

    def sub_path_url(self, path: str) -> str:
        """Return the address of a page of the build published under /llm-course."""
        return f"{self.base_url}/llm-course/{path}"


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> ServedSite:
    chromium_or_skip()
    work = tmp_path_factory.mktemp("browser")
    content = work / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    for chapter in READER_COURSE.glob("*.md"):
        shutil.copy(chapter, content)
    root = work / "www"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    base_url = f"http://{LOOPBACK}:{server.server_port}"
    relative = run_pelican(content, root / "site")
    assert relative.exit_code == 0, relative.log
    published = run_pelican(
        content,
        root / "llm-course",
        settings_file=PROJECT_ROOT / "publishconf.py",
        extra_settings={
            "SITEURL": f"{base_url}/llm-course",
            "FEED_DOMAIN": f"{base_url}/llm-course",
        },
    )
    assert published.exit_code == 0, published.log
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield ServedSite(root=root, base_url=base_url)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chromium():
    """The one Chromium of the test run: Playwright's sync API runs once a thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_or_skip(), headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser(served_site, chromium):
    """Chromium, once the course it reads is built and served."""
    return chromium


@dataclass
class Reader:
    """A fresh browser tab, with what it printed to the console and asked of other hosts."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def open_reader(browser, **context_options) -> Reader:
    """Open a tab in a fresh context (own storage) that blocks and records off-site requests."""
    # Playwright injects axe as an inline script; the site's CSP (tested in
    # test_safe_pages) would refuse it, so these tabs bypass the policy.
    context = browser.new_context(bypass_csp=True, **context_options)
    page = context.new_page()
    reader = Reader(page=page)

    def guard(route):
        url = route.request.url
        reader.requests.append(url)
        if urlsplit(url).hostname == LOOPBACK:
            route.continue_()
        else:
            reader.external_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and reader.console_errors.append(m.text))
    page.on("pageerror", lambda error: reader.console_errors.append(str(error)))
    return reader


@pytest.fixture
def reader(browser):
    """A tab for one test; it fails the test if the page logged an error or left 127.0.0.1."""
    opened = open_reader(browser, viewport={"width": 1400, "height": 900})
    yield opened
    opened.page.context.close()
    assert opened.console_errors == []
    assert opened.external_requests == []


def axe_violations(page) -> list[str]:
    """Run axe-core (bundled by axe-playwright-python) on `page`; return each violation as
    'rule: the elements it found'."""
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    return page.evaluate(
        "axe.run().then(result => result.violations.map("
        "  v => v.id + ': ' + v.nodes.map(node => node.target).join(' ')))"
    )
