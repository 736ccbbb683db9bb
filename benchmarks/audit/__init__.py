"""Audit the built site as a student's browser sees it: Lighthouse scores, weight, axe, leaks.

Serves the site on 127.0.0.1, runs Lighthouse (mobile preset, three runs, median
performance) and axe-core in Chromium, and returns plain figures. Chromium may only
resolve 127.0.0.1, so a request to any other host is recorded and fails.
"""

import contextlib
import functools
import gzip
import io
import json
import os
import statistics
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
LOOPBACK = "127.0.0.1"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOOPBACK}",
]


@dataclass
class PageAudit:
    """The figures for one page."""

    page: str
    scores: dict[str, int] = field(default_factory=dict)
    performance_runs: list[int] = field(default_factory=list)
    requests: int = 0
    transferred_bytes: int = 0
    uncompressed_bytes: int = 0
    external_requests: list[str] = field(default_factory=list)
    axe_violations: list[str] = field(default_factory=list)
    failing_audits: list[str] = field(default_factory=list)


# What hosts such as GitHub Pages send gzip-compressed to a browser that accepts it.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
# The least a compressing host does (nginx's default level): the budget holds at this level.
GZIP_LEVEL = 1


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class CompressingHandler(QuietHandler):
    """Sends text files gzip-compressed when the browser accepts it, as most hosts do."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(site: Path, compressed: bool = False) -> Iterator[str]:
    """Serve `site` on a free port of 127.0.0.1 (gzip-compressed if asked); yield its URL."""
    handler_class = CompressingHandler if compressed else QuietHandler
    handler = functools.partial(handler_class, directory=str(site))
    server = ThreadingHTTPServer((LOOPBACK, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_report(url: str, chromium: str) -> dict:
    """Run Lighthouse once (mobile preset) on `url`; return its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    finished = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
    )
    return json.loads(finished.stdout)


def weight_and_leaks(report: dict) -> tuple[int, int, int, list[str]]:
    """Return (requests, bytes transferred, bytes once uncompressed, off-site URLs) from a
    Lighthouse report. Transferred bytes count each response's headers too."""
    items = report["audits"]["network-requests"]["details"]["items"]
    external = [item["url"] for item in items if urlsplit(item["url"]).hostname != LOOPBACK]
    transferred = sum(int(item.get("transferSize") or 0) for item in items)
    uncompressed = sum(int(item.get("resourceSize") or 0) for item in items)
    return len(items), transferred, uncompressed, external


def failing_audits(report: dict) -> list[str]:
    """Return `category/audit-id` for each scored audit that did not pass."""
    failing = []
    for name, category in report["categories"].items():
        for reference in category["auditRefs"]:
            result = report["audits"][reference["id"]]
            if reference["weight"] > 0 and result["score"] is not None and result["score"] < 1:
                failing.append(f"{name}/{reference['id']}")
    return failing


def axe_violations(url: str, chromium: str) -> list[str]:
    """Return axe-core's violations on `url` as `rule: targets` lines."""
    import axe_playwright_python
    from playwright.sync_api import sync_playwright

    axe_script = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS[1:]
        )
        try:
            # axe goes in as an inline script, which the site's CSP refuses: bypass it here only.
            page = browser.new_page(bypass_csp=True)
            page.goto(url)
            page.add_script_tag(path=str(axe_script))
            return page.evaluate(
                "axe.run().then(result => result.violations.map("
                "  v => v.id + ': ' + v.nodes.map(node => node.target).join(' ')))"
            )
        finally:
            browser.close()


def audit_page(base_url: str, page: str, chromium: str, runs: int = 3) -> PageAudit:
    """Audit one page: Lighthouse `runs` times (median performance), then axe."""
    audit = PageAudit(page=page)
    reports = [lighthouse_report(f"{base_url}/{page}", chromium) for _ in range(runs)]
    for category in CATEGORIES:
        scores = [round(report["categories"][category]["score"] * 100) for report in reports]
        audit.scores[category] = round(statistics.median(scores))
        if category == "performance":
            audit.performance_runs = scores
    weight = weight_and_leaks(reports[0])
    audit.requests, audit.transferred_bytes, audit.uncompressed_bytes = weight[:3]
    audit.external_requests = weight[3]
    audit.failing_audits = sorted({found for report in reports for found in failing_audits(report)})
    audit.axe_violations = axe_violations(f"{base_url}/{page}", chromium)
    return audit
