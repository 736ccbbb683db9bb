"""The `linkgate` command: check a built site folder; exit 0 clean, 1 broken, 2 bad usage."""

import argparse
import math
import os
import re
import sys
from dataclasses import replace
from pathlib import Path

from .address import SiteAddress, SiteURLError
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
    mistake = usage_problem(arguments)
    if mistake:
        print(f"linkgate: {mistake}", file=sys.stderr)
        return 2
    site_dir = Path(arguments.site_dir)
    options = GateOptions(
        site=SiteAddress.from_site_url(arguments.site_url),  # checked by usage_problem
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


def usage_problem(arguments: argparse.Namespace) -> str | None:
    """Return what is wrong with the command's arguments (one line), or None."""
    if not arguments.site_dir:
        return "SITE_DIR is empty: name the built site folder, e.g. output/"
    if not Path(arguments.site_dir).is_dir():
        return f"{arguments.site_dir} is not a folder"
    try:
        SiteAddress.from_site_url(arguments.site_url)
    except SiteURLError as error:
        return f"--site-url {arguments.site_url!r} {error}"
    if not 0 < arguments.timeout < math.inf:  # NaN fails both
        return f"--timeout must be more than 0 seconds, not {arguments.timeout:g}"
    if arguments.workers < 0:
        return f"--workers must be 0 or more, not {arguments.workers}"
    for pattern in arguments.ignore:
        try:
            re.compile(pattern)
        except re.error as error:
            return f"--ignore {pattern!r} is not a regular expression: {error}"
    return None


if __name__ == "__main__":
    sys.exit(main())
