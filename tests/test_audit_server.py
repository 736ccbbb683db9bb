"""The audit's local server sends what a host would: gzip for text when asked, files as they are."""

import gzip
import urllib.request

from benchmarks.audit import served


def fetch(url: str, accept_gzip: bool) -> tuple[str | None, bytes]:
    headers = {"Accept-Encoding": "gzip, deflate"} if accept_gzip else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_text_is_sent_gzip_compressed_only_to_a_browser_that_accepts_it(tmp_path):
    page = b"<!DOCTYPE html><title>x</title>" + b"<p>words</p>" * 500
    (tmp_path / "index.html").write_bytes(page)
    (tmp_path / "course.css").write_bytes(b"p { color: red }\n" * 100)
    (tmp_path / "cover.webp").write_bytes(b"RIFF....WEBPVP8 " + bytes(range(256)))
    with served(tmp_path, compressed=True) as base:
        encoding, body = fetch(f"{base}/", accept_gzip=True)
        assert encoding == "gzip" and gzip.decompress(body) == page and len(body) < len(page)
        encoding, body = fetch(f"{base}/course.css", accept_gzip=True)
        assert encoding == "gzip" and gzip.decompress(body).startswith(b"p { color")
        assert fetch(f"{base}/cover.webp", accept_gzip=True) == (
            None,
            b"RIFF....WEBPVP8 " + bytes(range(256)),
        )
        assert fetch(f"{base}/index.html", accept_gzip=False) == (None, page)
    with served(tmp_path) as base:
        assert fetch(f"{base}/index.html", accept_gzip=True) == (None, page)
