"""`make bench-links`: time the link gate against lychee, linkinator and LinkChecker.

Generates (once) two sites of 2,000 pages with planted breakage, shaped
differently: a course (about 50 links and 5 images a page, one level of
folders, 1% broken) and a documentation site (folders 1 to 4 deep, pages of 3 to
90 KB, a sidebar and a table of contents into 15 to 120 headings on every page,
about 20 images a page in srcset and picture, 0.4% broken). On each it runs every
checker, prints each one's time, what it found against the answer key, and the
ratios, times a re-check after one page changes (the gate's cache), and shows
where a full check's time goes. Figures are printed, never asserted.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from linkgate.check import GateOptions, check_site

from .peers import install_peers, peers_for
from .phases import describe, phase_times
from .sites import SITES, BenchSite, course_site, docs_site, target

LINKGATE = Path(sys.executable).parent / "linkgate"


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


def time_in_process(site: Path, changed_page: str, repeat: int) -> tuple[float, float]:
    """Return the best (full check, re-check after one page changed) times, in this process."""
    fulls, rechecks = [], []
    changed = site / changed_page
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


def bench_site(bench: BenchSite, peer_names: set[str], arguments) -> tuple[float, float | None]:
    """Run every checker on one site and print its table; return (ours, lychee) seconds."""
    site, planted = bench.folder, bench.planted
    size = sum(path.stat().st_size for path in site.rglob("*.html")) / 1e6
    print(
        f"\n== {bench.name} site: {bench.description} ({size:.1f} MB of HTML),"
        f" {len(planted)} planted problems"
    )
    unavailable = install_peers()
    peers = [peer for peer in peers_for(site) if peer.name in peer_names]
    lychee = next((p for p in peers if p.name == "lychee" and p.name not in unavailable), None)

    # The fast runs are interleaved (ours, re-check, lychee, again...) and the best of each
    # kept, so a busy moment on a shared machine does not favour one checker.
    ours_times, recheck_times, lychee_times = [], [], []
    ours_found: set | None = None
    lychee_output = ""
    changed = site / bench.changed_page
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
    in_process_full, in_process_recheck = time_in_process(
        site, bench.changed_page, arguments.repeat
    )
    rows = [("linkgate (ours)", ours_time, verdict(ours_found, planted))]
    if lychee is not None:
        (SITES / f"{bench.name}-lychee-report.txt").write_text(lychee_output)
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
        (SITES / f"{bench.name}-{peer.name}-report.txt").write_text(stdout)
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
        f"re-check after one page changed (linkgate --cache-dir): {recheck:.2f} s,"
        f" {100 * recheck / ours_time:.0f}% of a full check ({ours_time:.2f} s)"
    )
    print(
        f"the same, inside one Python process (as the Pelican plugin runs it, no start-up):"
        f" re-check {in_process_recheck:.3f} s, full {in_process_full:.2f} s,"
        f" {100 * in_process_recheck / in_process_full:.0f}%"
    )
    print(f"where a full check goes (one core): {describe(phase_times(site, LINKGATE))}")
    return ours_time, (min(lychee_times) if lychee_times else None)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark on both sites and print their figures."""
    parser = argparse.ArgumentParser(prog="make bench-links", description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--links", type=int, default=50)
    parser.add_argument("--images", type=int, default=5)
    parser.add_argument("--broken", type=float, default=0.01)
    parser.add_argument("--docs-broken", type=float, default=0.004)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the fast checkers (best)")
    parser.add_argument("--peer-timeout", type=float, default=300.0)
    parser.add_argument("--peers", default="lychee,linkinator,linkchecker", help="on the course")
    parser.add_argument(
        "--docs-peers", default="lychee", help="on the docs site (slow ones: 10 min)"
    )
    parser.add_argument("--sites", default="course,docs")
    arguments = parser.parse_args(argv)

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    sites = []
    if "course" in arguments.sites:
        bench = course_site(arguments.pages, arguments.links, arguments.images, arguments.broken)
        sites.append((bench, arguments.peers))
    if "docs" in arguments.sites:
        sites.append((docs_site(arguments.pages, arguments.docs_broken), arguments.docs_peers))
    ratios = []
    for bench, peer_names in sites:
        ours, lychee = bench_site(bench, set(filter(None, peer_names.split(","))), arguments)
        if lychee:
            ratios.append(f"{bench.name} site {ours / lychee:.2f}")
    print(
        f"\n(best of {arguments.repeat} interleaved runs for ours and lychee; one run for the"
        f" others; load average {os.getloadavg()[0]:.1f} at the end)"
    )
    if ratios:
        print("full check vs lychee, as a share of lychee's time: " + "; ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
