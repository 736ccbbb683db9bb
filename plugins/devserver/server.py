"""The HTTP side: the last good site, with the reload script added to each page as it is
served, and a server-sent-events stream that tells open pages what each build did.

The script is added here, when a page is served, never to the files a build writes: what
`make html` and `make publish` produce is the same with or without the dev server. It is a
file of this server (same origin), so the pages' Content-Security-Policy (`script-src
'self'`, no inline script) lets it run, and `connect-src` falls back to `default-src
'self'` for the event stream.
"""

import json
import secrets
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .builds import SiteState

PREFIX = "/__devserver__/"
STATIC = Path(__file__).parent / "static"
ASSETS = {"reload.js": "text/javascript", "overlay.css": "text/css"}
NOT_BUILT_YET = (
    b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title>'
    b"</head><body><h1>Not built yet</h1><p>This page is not in the last good build. It"
    b" reloads itself once a build makes it.</p></body></html>"
)
# An event stream says something at least this often, so a closed tab is noticed.
KEEPALIVE_SECONDS = 5


class DevServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the site's state and when it is stopping."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], output: Path, state: SiteState) -> None:
        super().__init__(address, partial(SiteHandler, directory=str(output)))
        self.state = state
        self.run_id = secrets.token_hex(4)  # a page served by another run reloads whole
        self.stopping = threading.Event()
        self.listeners = 0  # open event streams: pages on screen
        self.listeners_lock = threading.Lock()

    def stop(self) -> None:
        """End the event streams, then serving."""
        self.stopping.set()
        with self.state.changed:
            self.state.changed.notify_all()
        self.shutdown()
        self.server_close()


def with_reload_script(page: bytes, run_id: str, build: int) -> bytes:
    """Return an HTML page with the dev server's script added to its head.

    The page's build number goes with it, so a page that connects after a build learns
    what it missed.
    """
    tag = (
        f'<script src="{PREFIX}reload.js?run={run_id}&amp;build={build}" defer></script>'
    ).encode()
    head_end = page.find(b"</head>")
    if head_end < 0:
        return page + tag
    return page[:head_end] + tag + page[head_end:]


def page_message(state: SiteState, run_id: str, since_run: str, since: int) -> dict:
    """Return what an open page served by build `since` (of run `since_run`) must know."""
    changed = state.changes_since(since) if since_run == run_id else None
    return {
        "build": state.number,
        "attempts": state.attempts,
        "building": state.building,
        "failed": state.failed,
        "changed": sorted(changed) if changed is not None else None,
        "problems": [problem.as_json() for problem in state.problems],
        "unchecked": sorted(state.unchecked),
    }


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site folder as it is now; pages get the reload script; no caching."""

    server: DevServer

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # the terminal shows builds and their problems, not every request

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def answer(self, with_body: bool) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            self.answer_devserver(path[len(PREFIX) :], with_body)
            return
        page = self.page_file(path)
        if page is None:
            super().do_GET() if with_body else super().do_HEAD()
            return
        build = self.server.state.number  # read first: a page newer than its number is safe
        try:
            body = page.read_bytes()
        except OSError:  # replaced by a build between two looks: the new one is there now
            body = page.read_bytes() if page.is_file() else None
        if body is None:
            self.send_site_error(HTTPStatus.NOT_FOUND, with_body)
            return
        self.send_bytes(
            HTTPStatus.OK, "text/html; charset=utf-8", self.served(body, build), with_body
        )

    def page_file(self, url_path: str) -> Path | None:
        """Return the HTML file a URL path names (`folder/` is its index.html), if any."""
        if not url_path.endswith(("/", ".html", ".htm")):
            return None
        file = Path(self.translate_path(url_path))
        if url_path.endswith("/"):
            file = file / "index.html"
        return file if file.is_file() else None

    def served(self, page: bytes, build: int) -> bytes:
        return with_reload_script(page, self.server.run_id, build)

    def send_site_error(self, status: HTTPStatus, with_body: bool) -> None:
        """Answer with the site's own 404 page when it has one, with the reload script."""
        not_found = Path(self.directory) / "404.html"
        build = self.server.state.number
        try:
            body = self.served(not_found.read_bytes(), build)
        except OSError:
            self.send_error(status)
            return
        self.send_bytes(status, "text/html; charset=utf-8", body, with_body)

    def send_error(self, code, message=None, explain=None) -> None:
        if code == HTTPStatus.NOT_FOUND and (Path(self.directory) / "404.html").is_file():
            self.send_site_error(HTTPStatus.NOT_FOUND, self.command != "HEAD")
        elif code == HTTPStatus.NOT_FOUND:
            # No site yet (the first build failed, or runs): a page that shows the build's
            # problems and reloads when this address is built.
            body = self.served(NOT_BUILT_YET, self.server.state.number)
            self.send_bytes(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, True)
        else:
            super().send_error(code, message, explain)

    def send_bytes(self, status: HTTPStatus, kind: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def answer_devserver(self, name: str, with_body: bool) -> None:
        if name in ASSETS:
            body = (STATIC / name).read_bytes()
            self.send_bytes(HTTPStatus.OK, f"{ASSETS[name]}; charset=utf-8", body, with_body)
        elif name == "events":
            self.stream_events()
        elif name == "state":
            query = parse_qs(urlsplit(self.path).query)
            body = json.dumps({**self.message(query), "listeners": self.server.listeners})
            body = body.encode()
            self.send_bytes(HTTPStatus.OK, "application/json", body, with_body)
        else:
            super().send_error(HTTPStatus.NOT_FOUND)

    def message(self, query: dict) -> dict:
        since = query.get("build", ["0"])[0]
        state = self.server.state
        since_build = int(since) if since.isdigit() else -1
        return page_message(state, self.server.run_id, query.get("run", [""])[0], since_build)

    def stream_events(self) -> None:
        """Tell the page what it missed, then what each build does, until it goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        state = self.server.state
        query = parse_qs(urlsplit(self.path).query)
        run_id = self.server.run_id
        since = query.get("build", ["0"])[0]
        seen = int(since) if since.isdigit() else -1
        page_run = query.get("run", [""])[0]
        told = None
        with self.server.listeners_lock:
            self.server.listeners += 1
        try:
            while not self.server.stopping.is_set():
                with state.changed:
                    moment = (state.number, state.attempts, state.building)
                    if moment == told:
                        state.changed.wait(KEEPALIVE_SECONDS)
                        moment = (state.number, state.attempts, state.building)
                if moment == told:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
                    continue
                message = page_message(state, run_id, page_run, seen)
                self.wfile.write(f"data: {json.dumps(message)}\n\n".encode())
                self.wfile.flush()
                told = moment
                if message["changed"] is not None:
                    seen, page_run = message["build"], run_id
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self.server.listeners_lock:
                self.server.listeners -= 1
