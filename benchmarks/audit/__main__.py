"""`python -m benchmarks.audit SITE PAGE...`: print the reader-quality figures of built pages."""

import argparse
import os
import sys
from pathlib import Path

from . import LIGHTHOUSE, audit_page, served

# The quality bar of issue 4, printed beside each figure: bytes transferred, as a host that
# compresses text (GitHub Pages, where publish.yml puts the site) sends them.
CHAPTER_BYTES_BUDGET = 40 * 1024
CHAPTER_REQUESTS_BUDGET = 6


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.audit", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site, e.g. output")
    parser.add_argument("pages", nargs="+", help="pages to audit, e.g. index.html chapter4.html")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument(
        "--uncompressed",
        action="store_true",
        help="serve every file as it is (by default HTML, CSS, scripts and SVG go"
        " gzip-compressed, as GitHub Pages and most hosts send them)",
    )
    arguments = parser.parse_args(argv)
    chromium = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        print(f"no Chromium at {chromium}: apt-get install chromium, or set COURSE_CHROMIUM")
        return 3
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is not installed: `make audit` runs npm ci in {LIGHTHOUSE.parents[2]}")
        return 3
    missing = [page for page in arguments.pages if not (arguments.site / page).is_file()]
    if missing:
        print(f"{arguments.site}: no such page(s): {', '.join(missing)}; run `make html` first")
        return 4
    failed = False
    compressed = not arguments.uncompressed
    serving = "text gzip-compressed" if compressed else "served uncompressed"
    with served(arguments.site.resolve(), compressed=compressed) as base_url:
        for page in arguments.pages:
            audit = audit_page(base_url, page, chromium, runs=arguments.runs)
            scores = "  ".join(f"{name} {score}" for name, score in audit.scores.items())
            runs = "/".join(map(str, audit.performance_runs))
            print(f"{page}: {scores}  (performance runs {runs}, median shown)")
            print(
                f"{page}: {audit.requests} requests (budget {CHAPTER_REQUESTS_BUDGET}),"
                f" {audit.transferred_bytes:,} bytes transferred"
                f" (budget {CHAPTER_BYTES_BUDGET:,}, {serving}),"
                f" {audit.uncompressed_bytes:,} once uncompressed"
            )
            if audit.failing_audits:
                print(f"{page}: Lighthouse audits not passed: {', '.join(audit.failing_audits)}")
            print(f"{page}: {len(audit.axe_violations)} axe violations", *audit.axe_violations)
            print(f"{page}: {len(audit.external_requests)} requests leaving 127.0.0.1")
            failed |= bool(audit.axe_violations or audit.external_requests)
            failed |= any(score < 100 for score in audit.scores.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
