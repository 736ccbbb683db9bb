"""`make bench`: build a synthetic course with plain Pelican and with ours; print ratios.

For N chapters (default 100 and 500) it measures, each as the median of several
runs in this one process's lifetime, taken in rounds of one run of each (machines are
shared and noisy, so only the ratios measured side by side mean much):

- plain: Pelican 4.12, its default theme, no plugins, the same content;
- plain-edit: the same plain Pelican, its content cache on (CACHE_CONTENT and
  LOAD_CONTENT_CACHE), after the edit below: what Pelican's own pipeline costs when
  one chapter changed, whatever its plugins do;
- cold: our `make html` with nothing cached (first build ever: every image
  variant and social card is made);
- full: our `make html` into an empty output folder, with every cache made from
  the Markdown emptied (Pelican's parsed chapters, author_errors' checks) but image
  variants and cards cached (what plain Pelican also redoes);
- edit: our `make html` after editing one chapter;
- unchanged: our `make html` with nothing changed.

It also prints the share of the full build spent rendering Markdown: the seconds
the chapter reader's parser (courselib.markdown) takes to turn the N chapters into
HTML in this process, over the seconds of the full build.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from author_errors.check_cache import CACHE_FILE as CHECKS_CACHE_FILE
from courselib.cached_products.page_rewrites import CACHE_NAME as REWRITES_CACHE_NAME
from courselib.markdown import chapter_body, render_markdown

from .generate import generate_course

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PLAIN_SETTINGS = """\
PATH = "content"
STATIC_PATHS = ["images"]
TIMEZONE = "UTC"
SITEURL = ""
RELATIVE_URLS = True
"""
PLAIN_CACHED_SETTINGS = (
    PLAIN_SETTINGS
    + """\
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache-plain"
"""
)
MEASURE = """\
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{code} {seconds} {peak_kb}")
"""


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Run `command`; return (wall seconds, peak RSS in KB of its largest process)."""
    finished = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True
    )
    code, seconds, peak_kb = finished.stdout.split()
    if code != "0":
        raise SystemExit(f"benchmark build failed: {' '.join(command)}\n{finished.stderr}")
    return float(seconds), int(peak_kb)


def our_build(content: Path, output: Path, cache: Path) -> list[str]:
    """Return the command line of our `make html` on another content folder."""
    return [
        "make",
        "--no-print-directory",
        "-C",
        str(PROJECT_ROOT),
        "html",
        f"INPUTDIR={content}",
        f"OUTPUTDIR={output}",
        f"PELICANOPTS=--cache-path {cache}",
    ]


def forget_markdown_cache(cache: Path) -> None:
    """Remove what is cached from the Markdown, keeping image variants and cards.

    That is Pelican's parsed Markdown, the author_errors checks of each file and the
    plugins' rewrites of each chapter's HTML; the image index, the WebP variants and the
    social cards stay.
    """
    for cache_file in cache.glob("*Generator*"):
        cache_file.unlink()
    (cache / CHECKS_CACHE_FILE).unlink(missing_ok=True)
    for rewrites in cache.glob(f"*/{REWRITES_CACHE_NAME}"):
        rewrites.unlink()


def edit_chapter(content: Path, chapter: int, run: int) -> None:
    """Append a paragraph to one chapter, as an author would."""
    with (content / f"chapter{chapter}.md").open("a", encoding="utf-8") as markdown:
        markdown.write(f"\nAn edit made by benchmark run {run}.\n")


def markdown_seconds(content: Path) -> float:
    """Return the seconds the chapter parser takes to render every chapter in `content`."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(content.glob("*.md"))]
    start = time.perf_counter()
    for text in texts:
        render_markdown(chapter_body(text))
    return time.perf_counter() - start


def bench_size(workdir: Path, chapters: int, runs: int) -> dict:
    """Measure every scenario on a course of `chapters` chapters; return the medians."""
    content = workdir / "content"
    generate_course(content, chapters)
    (workdir / "plain.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    (workdir / "plain-cached.py").write_text(PLAIN_CACHED_SETTINGS, encoding="utf-8")
    pelican = str(Path(sys.executable).parent / "pelican")
    plain = [pelican, "content", "-o", "out-plain", "-s", "plain.py", "-q"]
    plain_cached = [pelican, "content", "-o", "out-plain-cached", "-s", "plain-cached.py", "-q"]
    ours_output, cache = workdir / "out-ours", workdir / "cache"
    ours = our_build(content, ours_output, cache)
    names = ("plain", "plain-edit", "cold", "full", "edit", "unchanged")  # as the table lists them
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in names}

    def record(name: str, command: list[str]) -> None:
        results[name].append(measure(command, workdir))

    record("cold", ours)
    measure(plain_cached, workdir)  # fills plain Pelican's cache: each round's run follows one edit
    # Round by round, each scenario once a round: a change in the machine's load meets
    # every scenario alike, not the ones timed while it lasted.
    for run in range(runs):
        shutil.rmtree(workdir / "out-plain", ignore_errors=True)
        record("plain", plain)
        shutil.rmtree(ours_output, ignore_errors=True)
        forget_markdown_cache(cache)
        record("full", ours)
        edit_chapter(content, chapters // 2, run)
        record("edit", ours)
        record("plain-edit", plain_cached)
        record("unchanged", ours)
    medians = {
        name: {
            "seconds": statistics.median(seconds for seconds, _ in samples),
            "peak_mb": max(peak for _, peak in samples) / 1024,
        }
        for name, samples in results.items()
    }
    medians["markdown"] = statistics.median(markdown_seconds(content) for _ in range(runs))
    return medians


def report(by_size: dict[int, dict]) -> str:
    """Return the printed table: times, ratios to plain Pelican, growth between sizes."""
    lines = []
    for chapters, result in by_size.items():
        plain = result["plain"]["seconds"]
        full = result["full"]["seconds"]
        lines.append(f"N = {chapters} chapters")
        for name, figures in scenarios(result).items():
            ratio = figures["seconds"] / plain
            lines.append(
                f"  {name:<10} {figures['seconds']:7.2f} s  {ratio:5.2f}x plain"
                f"  {figures['seconds'] / full:5.2f}x full  peak {figures['peak_mb']:6.0f} MB"
            )
        lines.append(
            f"  rendering Markdown: {result['markdown']:.2f} s,"
            f" {result['markdown'] / full:.0%} of the full build"
        )
    sizes = sorted(by_size)
    if len(sizes) > 1:
        small, large = by_size[sizes[0]], by_size[sizes[-1]]
        lines.append(
            f"Growth from N={sizes[0]} to N={sizes[-1]} ({sizes[-1] / sizes[0]:.0f}x the chapters):"
        )
        for name in scenarios(small):
            growth = large[name]["seconds"] / small[name]["seconds"]
            per_chapter_kb = (
                (large[name]["peak_mb"] - small[name]["peak_mb"]) * 1024 / (sizes[-1] - sizes[0])
            )
            lines.append(
                f"  {name:<10} time {growth:5.2f}x"
                f"  peak memory +{per_chapter_kb:6.1f} KB per chapter"
            )
    lines.append("Targets: full <= 0.8x plain; edit <= 0.15x full (the edit-loop issue).")
    lines.append(
        "plain-edit is plain Pelican after the same edit, its content cache on: what any build"
        " run through Pelican's pipeline pays, before a plugin does anything."
    )
    return "\n".join(lines)


def scenarios(result: dict) -> dict:
    """Return the timed builds of one size, without the Markdown rendering figure."""
    return {name: figures for name, figures in result.items() if name != "markdown"}


def main() -> None:
    """Run the benchmark and print its table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    started = time.perf_counter()
    by_size = {}
    for chapters in arguments.chapters:
        with tempfile.TemporaryDirectory(prefix=f"course-bench-{chapters}-") as workdir:
            by_size[chapters] = bench_size(Path(workdir), chapters, arguments.runs)
        print(f"  (N={chapters} measured)", flush=True)
    print(report(by_size))
    print(f"Benchmark took {time.perf_counter() - started:.0f} s")
    if arguments.json:
        arguments.json.write_text(json.dumps(by_size, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
