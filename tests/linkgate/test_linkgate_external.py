"""External links, checked against a local HTTP server on 127.0.0.1 started by the test."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from linkgate.address import SiteAddress
from linkgate.check import GateOptions, check_site
from linkgate.external import ExternalOptions, check_external_urls


class Answers(BaseHTTPRequestHandler):
    """200, 404, a redirect to a 404, 429 then 200 (with Retry-After), and a slow page."""

    seen_429: dict[str, int] = {}
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Answers.requests.append(self.path)
        if self.path == "/ok":
            self._answer(200)
        elif self.path == "/gone":
            self._answer(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/gone")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/busy"):
            count = Answers.seen_429.get(self.path, 0)
            Answers.seen_429[self.path] = count + 1
            if count == 0 or self.path == "/busy-always":
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._answer(200)
        elif self.path == "/garbage":
            self.wfile.write(b"NOT HTTP AT ALL\r\n\r\n")
        elif self.path == "/long-header":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX: " + b"y" * 70000 + b"\r\n\r\n")
        elif self.path == "/slow":
            time.sleep(2)
            self._answer(200)
        else:
            self._answer(404)

    def _answer(self, status: int) -> None:
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


@pytest.fixture
def server():
    Answers.seen_429 = {}
    Answers.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FAST = ExternalOptions(timeout=0.5, retries=1, per_host=2, max_retry_wait=2)


def test_each_answer_gets_its_verdict(server):
    urls = [f"{server}/ok", f"{server}/gone", f"{server}/moved", f"{server}/busy", f"{server}/slow"]
    verdicts = check_external_urls(urls, FAST)
    assert verdicts[f"{server}/ok"] is None
    assert verdicts[f"{server}/gone"] == "HTTP 404"
    assert verdicts[f"{server}/moved"] == f"HTTP 404 after a redirect to {server}/gone"
    assert verdicts[f"{server}/busy"] is None  # 429, waited Retry-After, then 200
    assert verdicts[f"{server}/slow"] == "timed out after 0.5 s"


def test_retry_after_is_honoured(server):
    started = time.monotonic()
    verdicts = check_external_urls([f"{server}/busy-always"], FAST)
    assert verdicts[f"{server}/busy-always"] == "HTTP 429"
    assert time.monotonic() - started >= 1.0


def test_definite_answers_are_cached_with_a_time_to_live(server, tmp_path):
    url = f"{server}/gone"
    day = ExternalOptions(timeout=0.5, retries=0, cache_ttl=86400)
    assert check_external_urls([url], day, tmp_path)[url] == "HTTP 404"
    assert check_external_urls([url], day, tmp_path)[url] == "HTTP 404"
    assert Answers.requests.count("/gone") == 1
    assert (tmp_path / "linkgate-external.json").exists()
    expired = ExternalOptions(timeout=0.5, retries=0, cache_ttl=0)
    assert check_external_urls([url], expired, tmp_path)[url] == "HTTP 404"
    assert Answers.requests.count("/gone") == 2


def test_timeouts_are_not_cached(server, tmp_path):
    url = f"{server}/slow"
    options = ExternalOptions(timeout=0.3, retries=0, cache_ttl=86400)
    check_external_urls([url], options, tmp_path)
    check_external_urls([url], options, tmp_path)
    assert Answers.requests.count("/slow") == 2


def test_external_checking_is_off_by_default_and_on_with_the_option(server, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<a href="{server}/ok">ok</a>\n<a href="{server}/gone#part">gone</a>\n'
    )
    assert check_site(site, GateOptions()) == []
    options = GateOptions(site=SiteAddress(), external=True, external_options=FAST)
    [problem] = check_site(site, options)
    assert (problem.kind, problem.target, problem.reason, problem.line) == (
        "external",
        f"{server}/gone#part",
        "HTTP 404",
        2,
    )
    assert problem.message().startswith(f"broken external link '{server}/gone#part': HTTP 404")


def test_a_server_that_does_not_speak_http_is_a_problem_not_a_crash(server):
    urls = [f"{server}/garbage", f"{server}/long-header", f"{server}/ok"]
    verdicts = check_external_urls(urls, FAST)
    assert verdicts[f"{server}/garbage"].startswith("not an HTTP answer (")
    assert verdicts[f"{server}/long-header"].startswith("not an HTTP answer (")
    assert verdicts[f"{server}/ok"] is None


def test_stored_verdicts_do_not_carry_external_problems_into_an_offline_check(server, tmp_path):
    """Issue 16: `make check` with external links, then `make html`, must not show them."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<a href="{server}/gone">gone</a>\n<a href="missing.html">missing</a>\n'
    )
    cache = tmp_path / "cache"
    online = GateOptions(external=True, external_options=FAST, cache_dir=cache)
    offline = GateOptions(cache_dir=cache)
    assert [p.target for p in check_site(site, online)] == [f"{server}/gone", "missing.html"]
    assert [p.target for p in check_site(site, offline)] == ["missing.html"]
    (site / "index.html").write_text((site / "index.html").read_text() + "<p>edited</p>\n")
    assert [p.target for p in check_site(site, offline)] == ["missing.html"]
    assert [p.target for p in check_site(site, online)] == [f"{server}/gone", "missing.html"]
    assert [p.target for p in check_site(site, offline)] == ["missing.html"]


def test_protocol_relative_and_based_urls_are_checked_where_a_browser_would_ask(server, tmp_path):
    host = server.removeprefix("http:")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<a href="{host}/gone">proto</a>\n<a href="{host}/ok">ok</a>\n'
    )
    (site / "based.html").write_text(
        f'<base href="{server}/docs/">\n<a href="../gone">based</a>\n<a href="../ok">ok</a>\n'
    )
    # A local build has no scheme to borrow: protocol-relative URLs are fetched over the
    # site's scheme, here http (an https site would have them fetched over https).
    options = GateOptions(
        site=SiteAddress.from_site_url("http://example.github.io/course"),
        external=True,
        external_options=FAST,
    )
    problems = check_site(site, options)
    assert [(p.page, p.target, p.reason, p.line) for p in problems] == [
        ("based.html", "../gone", "HTTP 404", 2),
        ("index.html", f"{host}/gone", "HTTP 404", 1),
    ]
    assert "/gone" in Answers.requests


@pytest.mark.parametrize(
    "damaged",
    [
        "{not json",
        "[1, 2]",
        '{"URL": 5}',
        '{"URL": {"checked": "yesterday", "reason": null}}',
        '{"URL": {"checked": 1e308, "reason": ["not", "text"]}}',
        '{"URL": {"checked": NaN}}',
    ],
)
def test_a_damaged_answer_cache_is_asked_again(damaged, server, tmp_path):
    url = f"{server}/gone"
    (tmp_path / "linkgate-external.json").write_text(damaged.replace("URL", url))
    options = ExternalOptions(timeout=0.5, retries=0)
    assert check_external_urls([url], options, tmp_path)[url] == "HTTP 404"
    assert Answers.requests.count("/gone") == 1
