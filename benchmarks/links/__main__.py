"""`make bench-links`: time the link gate against lychee, linkinator and LinkChecker.

Generates (once) a synthetic site of 2,000 pages with about 50 links and 5
images a page and about 1% planted breakage, runs every checker on it in one
run, and prints each one's time, what it found against the answer key, and
the ratios. Also times a re-check after one page changes (the gate's cache).
Figures are printed, never asserted.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from linkgate.address import resolve_url
from linkgate.check import GateOptions, check_site

from .peers import install_peers, peers_for
from .synthetic_site import write_site

SITES = Path(__file__).resolve().parent.parent / ".sites"
LINKGATE = Path(sys.executable).parent / "linkgate"


def planted_site(pages: int, links: int, images: int, broken: float) -> tuple[Path, set]:
    """Return the synthetic site folder (written on first use) and its answer key."""
    folder = SITES / f"synthetic-v2-{pages}-{links}-{images}-{broken}"
    answers = folder.with_suffix(".answers.json")
    if not answers.exists():
        shutil.rmtree(folder, ignore_errors=True)
        planted = write_site(folder, pages=pages, links=links, images=images, broken_share=broken)
        answers.write_text(json.dumps(sorted(planted)))
    planted = {(page, target(url, page)) for page, url in json.loads(answers.read_text())}
    return folder, planted


def target(url: str, page: str) -> str:
    """Return what a URL found in `page` means, as `site/path#fragment`."""
    resolution = resolve_url(url, page)
    return resolution.path + (f"#{resolution.fragment}" if resolution.fragment else "")


def timed(command: list[str], timeout: float) -> tuple[float, str, bool]:
    """Run `command`; return (seconds, stdout, finished in time).

    Output goes to a file, not a pipe: Node programs that exit at once (linkinator)
    lose whatever a pipe had not taken yet.
    """
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        started = time.perf_counter()
        try:
            subprocess.run(
                command, stdout=output, stderr=subprocess.DEVNULL, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return time.perf_counter() - started, "", False
        seconds = time.perf_counter() - started
        output.seek(0)
        return seconds, output.read(), True


def run_ours(site: Path, cache: Path | None = None) -> tuple[float, set]:
    """Time one `linkgate` run on `site`; return (seconds, problems as (page, target))."""
    command = [str(LINKGATE), str(site), "--format", "json"]
    if cache is not None:
        command += ["--cache-dir", str(cache)]
    seconds, stdout, _ = timed(command, 600)
    found = set()
    for line in stdout.splitlines():
        problem = json.loads(line)
        found.add((problem["source"], target(problem["target"], problem["source"])))
    return seconds, found


def time_in_process(site: Path, repeat: int) -> tuple[float, float]:
    """Return the best (full check, re-check after one page changed) times, in this process."""
    fulls, rechecks = [], []
    changed = site / "sec05" / "page0005.html"
    original = changed.read_bytes()
    with tempfile.TemporaryDirectory() as cache:
        check_site(site, GateOptions(cache_dir=Path(cache)))
        try:
            for number in range(repeat):
                started = time.perf_counter()
                check_site(site, GateOptions())
                fulls.append(time.perf_counter() - started)
                changed.write_bytes(original + f"<!-- edit {number} -->\n".encode())
                started = time.perf_counter()
                check_site(site, GateOptions(cache_dir=Path(cache)))
                rechecks.append(time.perf_counter() - started)
        finally:
            changed.write_bytes(original)
    return min(fulls), min(rechecks)


def verdict(found: set, planted: set) -> str:
    """Return `found N/M, missed K, wrong W` against the answer key."""
    right = len(found & planted)
    return (
        f"found {right}/{len(planted)}, missed {len(planted - found)}, wrong {len(found - planted)}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="make bench-links", description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--links", type=int, default=50)
    parser.add_argument("--images", type=int, default=5)
    parser.add_argument("--broken", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the fast checkers (best)")
    parser.add_argument("--peer-timeout", type=float, default=300.0)
    parser.add_argument("--peers", default="lychee,linkinator,linkchecker")
    arguments = parser.parse_args(argv)

    site, planted = planted_site(
        arguments.pages, arguments.links, arguments.images, arguments.broken
    )
    size = sum(path.stat().st_size for path in site.rglob("*.html")) / 1e6
    print(f"site: {arguments.pages} pages ({size:.1f} MB of HTML), {len(planted)} planted problems")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")

    unavailable = install_peers()
    wanted = set(arguments.peers.split(",")) if arguments.peers else set()
    peers = [peer for peer in peers_for(site) if peer.name in wanted]
    lychee = next((p for p in peers if p.name == "lychee" and p.name not in unavailable), None)

    # The fast runs are interleaved (ours, re-check, lychee, again...) and the best of each
    # kept, so a busy moment on a shared machine does not favour one checker.
    ours_times, recheck_times, lychee_times = [], [], []
    ours_found: set | None = None
    lychee_output = ""
    changed = site / "sec03" / "page0003.html"
    original = changed.read_bytes()
    with tempfile.TemporaryDirectory() as cache:
        run_ours(site, Path(cache))
        try:
            for number in range(arguments.repeat):
                seconds, found = run_ours(site)
                ours_times.append(seconds)
                ours_found = found if ours_found is None else ours_found
                changed.write_bytes(original + f"<!-- edit {number} -->\n".encode())
                seconds, found = run_ours(site, Path(cache))
                recheck_times.append(seconds)
                assert found == ours_found, "the re-check must find what the full check found"
                if lychee is not None:
                    seconds, output, _ = timed(lychee.command, arguments.peer_timeout)
                    lychee_times.append(seconds)
                    lychee_output = lychee_output or output
        finally:
            changed.write_bytes(original)
    ours_time, recheck = min(ours_times), min(recheck_times)
    in_process_full, in_process_recheck = time_in_process(site, arguments.repeat)
    rows = [("linkgate (ours)", ours_time, verdict(ours_found, planted))]
    if lychee is not None:
        (SITES / "lychee-report.txt").write_text(lychee_output)
        rows.append(
            ("lychee", min(lychee_times), verdict(lychee.read(lychee_output, site), planted))
        )

    for peer in peers:
        if peer.name == "lychee" and lychee is not None:
            continue
        if peer.name in unavailable:
            rows.append((peer.name, None, f"not available: {unavailable[peer.name]}"))
            continue
        seconds, stdout, finished = timed(peer.command, arguments.peer_timeout)
        if not finished:
            rows.append((peer.name, None, f"did not finish in {arguments.peer_timeout:.0f} s"))
            continue
        (SITES / f"{peer.name}-report.txt").write_text(stdout)
        try:
            found = peer.read(stdout, site)
        except (ValueError, KeyError) as error:
            rows.append((peer.name, seconds, f"unreadable report ({error})"))
            continue
        rows.append((peer.name, seconds, verdict(found, planted)))

    print(f"{'checker':<18} {'seconds':>8} {'vs ours':>8}  what it found")
    for name, seconds, found in rows:
        shown = f"{seconds:8.2f}" if seconds is not None else f"{'-':>8}"
        ratio = f"{seconds / ours_time:7.1f}x" if seconds is not None else f"{'-':>8}"
        print(f"{name:<18} {shown} {ratio}  {found}")
    print(
        f"\nre-check after one page changed (linkgate --cache-dir): {recheck:.2f} s,"
        f" {100 * recheck / ours_time:.0f}% of a full check ({ours_time:.2f} s)"
    )
    print(
        f"the same, inside one Python process (as the Pelican plugin runs it, no start-up):"
        f" re-check {in_process_recheck:.3f} s, full {in_process_full:.2f} s,"
        f" {100 * in_process_recheck / in_process_full:.0f}%"
    )
    if lychee_times:
        print(f"full check vs lychee: {ours_time / min(lychee_times):.2f} of lychee's time")
    print(
        f"(best of {arguments.repeat} interleaved runs for ours and lychee; one run for the others)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
