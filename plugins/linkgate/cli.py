"""The `linkgate` command: check a built site folder; exit 0 clean, 1 broken, 2 bad usage."""

import argparse
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

from .address import SiteAddress
from .check import GateOptions, check_site
from .external import ExternalOptions
from .report import FORMATS, format_problem, summary


def build_parser() -> argparse.ArgumentParser:
    """Return the command's argument parser."""
    parser = argparse.ArgumentParser(
        prog="linkgate",
        description="Check that every link, anchor and image of a built static site resolves.",
    )
    parser.add_argument("site_dir", help="the built site folder, e.g. output/")
    parser.add_argument("--site-url", default="", help="where the site is served (SITEURL)")
    parser.add_argument("--format", choices=FORMATS, default="text", dest="style")
    parser.add_argument("--external", action="store_true", help="also check http(s) links")
    parser.add_argument("--strict", action="store_true", help="an image without alt is an error")
    parser.add_argument("--ignore", action="append", default=[], metavar="REGEX")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per external request")
    parser.add_argument("--cache-dir", default=None, help="keep page records here between runs")
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per core)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code."""
    parser = build_parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as stop:
        return 0 if stop.code == 0 else 2
    site_dir = Path(arguments.site_dir)
    if not site_dir.is_dir():
        print(f"linkgate: {site_dir} is not a folder", file=sys.stderr)
        return 2
    for pattern in arguments.ignore:
        try:
            re.compile(pattern)
        except re.error as error:
            print(
                f"linkgate: --ignore {pattern!r} is not a regular expression: {error}",
                file=sys.stderr,
            )
            return 2
    options = GateOptions(
        site=SiteAddress.from_site_url(arguments.site_url),
        ignore=tuple(arguments.ignore),
        strict=arguments.strict,
        external=arguments.external,
        external_options=replace(ExternalOptions(), timeout=arguments.timeout),
        cache_dir=Path(arguments.cache_dir) if arguments.cache_dir else None,
        workers=arguments.workers,
    )
    problems = check_site(site_dir, options)
    shown = os.path.normpath(arguments.site_dir)
    try:
        for problem in problems:
            line = format_problem(replace(problem, file=f"{shown}/{problem.page}"), arguments.style)
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left early (`linkgate output | head`): drop the rest, keep the verdict.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if arguments.style == "text" or any(p.is_error for p in problems):
        print(summary(problems), file=sys.stderr)
    return 1 if any(problem.is_error for problem in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
