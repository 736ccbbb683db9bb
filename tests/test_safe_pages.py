"""Safe pages: a Content-Security-Policy on every page, no inline script, safe new-tab links."""

import functools
import os
import re
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import chapter
from safe_pages.links import protect_new_tab_links

CSP = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';'
    " script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:\">"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="x" target="_blank">', '<a href="x" target="_blank" rel="noopener noreferrer">'),
        (
            "<a target='_blank' href='x'>",
            "<a target='_blank' href='x' rel=\"noopener noreferrer\">",
        ),
        ('<a href="x" target=_blank>', '<a href="x" target=_blank rel="noopener noreferrer">'),
        ('<A HREF="x" TARGET="_BLANK">', '<A HREF="x" TARGET="_BLANK" rel="noopener noreferrer">'),
        (
            '<a rel="external" href="x" target="_blank">',
            '<a rel="external noopener noreferrer" href="x" target="_blank">',
        ),
        (
            '<a rel="noopener" target="_blank">',
            '<a rel="noopener noreferrer" target="_blank">',
        ),
        ('<a href="x">', '<a href="x">'),
        ('<a href="x" target="_self">', '<a href="x" target="_self">'),
        ('<abbr title="target=_blank">', '<abbr title="target=_blank">'),
    ],
)
def test_new_tab_links_get_noopener_noreferrer(html, expected):
    assert protect_new_tab_links(html) == expected


def test_every_page_has_the_content_security_policy_and_no_inline_code(seed_site):
    for page in seed_site.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count(CSP) == 1, page
        head = html.split("</head>", 1)[0]
        assert head.index(CSP) < head.index("<title>"), page  # before anything it governs
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", html, re.IGNORECASE), page


def test_links_a_chapter_opens_in_a_new_tab_cannot_reach_back(build_site):
    body = (
        'Read <a href="https://example.org/paper" target="_blank">the paper</a>'
        " or [the notes](https://example.org/notes){target=_blank}."
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    html = build.page("chapter1.html")
    new_tab_links = re.findall(r"<a\b[^>]*target=\"_blank\"[^>]*>", html)
    assert len(new_tab_links) == 2, html
    for link in new_tab_links:
        assert 'rel="noopener noreferrer"' in link, link


# --- in a browser ---------------------------------------------------------------------------


def chromium_or_skip() -> str:
    """Return the Chromium to drive; skip (or fail, when CI requires it) if there is none."""
    path = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    reason = f"no Chromium at {path} (apt-get install chromium, or set COURSE_CHROMIUM)"
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (COURSE_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@contextmanager
def served(folder: Path):
    """Serve `folder` on loopback for the duration of the block; yield its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's signature
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_browser_runs_no_inline_script_and_asks_nothing_of_another_site(build_site):
    chromium = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    body = (
        '<script>document.title = "inline script ran"</script>\n\n'
        '<img alt="tracker" src="https://tracker.example/pixel.png">\n\n'
        '<p onclick="document.title = \'handler ran\'" id="clickable">Click me</p>\n\n'
        '<p style="color: rgb(255, 0, 0)" id="styled">Red?</p>\n\n'
        '<a href="https://example.org/" target="_blank">Elsewhere</a>\n'
    )
    build = build_site({"chapter1.md": chapter("One", "chapter1", body=body)})
    assert build.exit_code == 0, build.log
    requested, blocked, violations = [], {}, []
    with served(build.output) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        )
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on("requestfailed", lambda request: blocked.update({request.url: request.failure}))
            page.on(
                "console",
                lambda message: (
                    violations.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.goto(f"{base_url}/chapter1.html")
            page.click("#clickable")
            title = page.title()
            color = page.eval_on_selector("#styled", "e => getComputedStyle(e).color")
        finally:
            browser.close()
    assert "ran" not in title
    assert color != "rgb(255, 0, 0)"
    # Chromium reports the request it refused; none may have gone out.
    outside = {url: blocked.get(url) for url in requested if not url.startswith(base_url)}
    assert outside == {"https://tracker.example/pixel.png": "csp"}
    assert violations, "the browser reported no Content-Security-Policy violation"
