"""Where a full check's time goes, phase by phase, in one process (one core, no cache).

Times are processor time of this process (the start-up excepted), which a busy
machine disturbs less than wall-clock time.

Each phase is timed on its own, by calling the gate's own functions one after
the other as `check_site` does: start-up (a `linkgate` run on an empty folder:
the interpreter and the imports), listing the files, reading the bytes,
parsing the HTML (selectolax's Lexbor, the floor for extraction), extracting
ids and URLs on top of the parse, resolving every URL, judging each distinct
target (images decoded, did-you-mean suggestions for the missing), and
reporting (each problem made and found at its line and column).
"""

import subprocess
import tempfile
import time
from pathlib import Path

from courselib.html_urls import read_html
from linkgate.address import resolve_in_folder
from linkgate.check import GateOptions, _judge_images, _judge_targets, _local_problems, _locate
from linkgate.inventory import list_site
from linkgate.pages import _MEMOS, read_record
from selectolax.lexbor import LexborHTMLParser

PHASES = (
    "start-up",
    "listing",
    "reading",
    "parsing",
    "extracting",
    "resolving",
    "judging",
    "reporting",
)


def phase_times(site_folder: Path, linkgate: Path) -> dict[str, float]:
    """Return {phase: seconds} for one full check of `site_folder`."""
    times = {}
    with tempfile.TemporaryDirectory() as empty:
        runs = []
        for _ in range(3):  # a separate process: its time is wall time, the best of three
            started = time.perf_counter()
            subprocess.run([str(linkgate), empty], capture_output=True, check=False)
            runs.append(time.perf_counter() - started)
        times["start-up"] = min(runs)

    started = time.process_time()
    site = list_site(site_folder)
    times["listing"] = time.process_time() - started

    pages = site.pages + site.stylesheets
    started = time.process_time()
    texts = [(site.root / page).read_bytes().decode("utf-8", errors="replace") for page in pages]
    times["reading"] = time.process_time() - started

    started = time.process_time()
    for text in texts[: len(site.pages)]:
        LexborHTMLParser(text).css_first("html")
    times["parsing"] = time.process_time() - started

    started = time.process_time()
    for text in texts[: len(site.pages)]:
        read_html(text)
    read_html_time = time.process_time() - started
    times["extracting"] = read_html_time - times["parsing"]

    options = GateOptions(workers=1)
    _MEMOS.clear()  # as in a new `linkgate` process: nothing resolved yet
    resolve_in_folder.cache_clear()
    started = time.process_time()
    records = {
        page: read_record(site.root, page, site.stamps[page], options.site) for page in pages
    }
    # read_record reads, parses, extracts and resolves: what is left is the resolving.
    times["resolving"] = max(0.0, time.process_time() - started - read_html_time - times["reading"])

    started = time.process_time()
    image_verdicts = _judge_images(site, records, {}, options)
    failures = _judge_targets(site, records, records, image_verdicts)
    times["judging"] = time.process_time() - started

    started = time.process_time()
    _locate(site.root, _local_problems(records, failures, options))
    times["reporting"] = time.process_time() - started
    return times


def describe(times: dict[str, float]) -> str:
    """Return the phases as one line: `start-up 0.11 s, listing 0.01 s, ...`."""
    return ", ".join(f"{phase} {times[phase]:.2f} s" for phase in PHASES)
