"""Check http(s) links over the network: concurrent, polite per host, cached with a time-to-live.

Off by default (CI has no internet). Only a definite answer (a success or a
4xx other than 429) is cached; a timeout or a 5xx is asked again next time.
"""

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from courselib.cached_products.cache_files import load_json, write_atomically

CACHE_FILE = "linkgate-external.json"
RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class ExternalOptions:
    """Limits for checking external links."""

    timeout: float = 10.0  # seconds for one request
    retries: int = 2  # further tries after a timeout, 429 or 5xx
    per_host: int = 2  # requests in flight to one host at a time
    cache_ttl: float = 86400.0  # seconds a definite answer is trusted
    max_retry_wait: float = 30.0  # longest Retry-After honoured, seconds
    workers: int = 16


def check_external_urls(
    urls: list[str], options: ExternalOptions, cache_dir: Path | None = None
) -> dict[str, str | None]:
    """Return {url: None when it answers, else why it is broken} for every http(s) URL."""
    from concurrent.futures import ThreadPoolExecutor  # here: the offline gate never needs it

    now = time.time()
    cache = _load(cache_dir)
    verdicts: dict[str, str | None] = {}
    to_check = []
    for url in urls:
        entry = cache.get(url)
        if _trusted(entry, now, options.cache_ttl):
            verdicts[url] = entry["reason"]
        else:
            to_check.append(url)
    limits: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()

    def host_limit(url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with lock:
            return limits.setdefault(host, threading.Semaphore(max(1, options.per_host)))

    def one(url: str) -> tuple[str, str | None, bool]:
        with host_limit(url):
            return (url, *check_url(url, options))

    if to_check:
        with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(to_check)))) as pool:
            for url, reason, definite in pool.map(one, to_check):
                verdicts[url] = reason
                if definite:
                    cache[url] = {"checked": time.time(), "reason": reason}
                else:
                    cache.pop(url, None)
        _save(cache_dir, cache)
    return verdicts


def check_url(url: str, options: ExternalOptions) -> tuple[str | None, bool]:
    """Return (why `url` is broken or None, whether that answer is definite enough to cache)."""
    parts = urlsplit(url)
    address = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
    reason: str | None = None
    for attempt in range(options.retries + 1):
        status, retry_after, reason = _request(address, options.timeout)
        if status is not None and status < 400:
            return None, True
        if status is not None and status not in RETRY_STATUSES:
            return reason, True
        if attempt < options.retries:
            wait = retry_after if retry_after is not None else 0.5 * 2**attempt
            time.sleep(min(max(wait, 0.0), options.max_retry_wait))
    return reason, False


def _request(url: str, timeout: float) -> tuple[int | None, float | None, str | None]:
    """Return (status or None, Retry-After seconds or None, reason) for one GET.

    Whatever a server answers, or fails to, is a verdict: nothing here raises.
    """
    import http.client
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(
            url, headers={"User-Agent": "linkgate/1 (course link checker)", "Accept": "*/*"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(1024)
            return response.status, None, None
    except urllib.error.HTTPError as error:
        retry_after = _retry_after(error.headers.get("Retry-After") if error.headers else None)
        label = f"HTTP {error.code}"
        if error.url and error.url != url:
            label += f" after a redirect to {error.url}"
        return error.code, retry_after, label
    except http.client.HTTPException as error:
        return None, None, f"not an HTTP answer ({type(error).__name__})"
    except (TimeoutError, urllib.error.URLError, OSError, ValueError) as error:
        cause = getattr(error, "reason", error)
        if isinstance(cause, TimeoutError) or "timed out" in str(cause):
            return None, None, f"timed out after {timeout:g} s"
        return None, None, f"cannot connect ({cause})"


def _retry_after(value: str | None) -> float | None:
    import email.utils

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def is_verdict(entry: object) -> bool:
    """True for one URL's entry as `check_external_urls` writes it."""
    return (
        isinstance(entry, dict)
        and type(entry.get("checked")) in (int, float)
        and (entry.get("reason") is None or isinstance(entry.get("reason"), str))
    )


def _trusted(entry: object, now: float, ttl: float) -> bool:
    """True when a cached answer is well formed and younger than `ttl` (a damaged one is not)."""
    return is_verdict(entry) and 0 <= now - entry["checked"] < ttl


def _load(cache_dir: Path | None) -> dict:
    """Return the cached verdicts; a damaged file is dropped (and said so), a bad entry a miss."""
    if cache_dir is None:
        return {}
    data = load_json(
        Path(cache_dir) / CACHE_FILE, lambda value: isinstance(value, dict), "a JSON object"
    )
    if not isinstance(data, dict):
        return {}
    return {url: entry for url, entry in data.items() if is_verdict(entry)}


def _save(cache_dir: Path | None, cache: dict) -> None:
    """Write the answers through a file of a unique name, so two checks never mix their writes."""
    if cache_dir is None:
        return
    with contextlib.suppress(OSError):  # the next check only asks again
        write_atomically(Path(cache_dir) / CACHE_FILE, json.dumps(cache, indent=0).encode())
