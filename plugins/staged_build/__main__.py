"""Command line: `python -m staged_build build OUTPUT --content DIR -- pelican ...` or `clean`."""

import argparse
import sys
from pathlib import Path

from .build import clean, staged_build


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a staged build or a clean; return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command: list[str] = []
    if "--" in arguments:
        split = arguments.index("--")
        arguments, command = arguments[:split], arguments[split + 1 :]
    parser = argparse.ArgumentParser(
        prog="python -m staged_build",
        description="Build the site beside OUTPUT and replace OUTPUT only when the build passes.",
    )
    parser.add_argument("action", choices=["build", "clean"])
    parser.add_argument("output", type=Path, help="the site's folder, e.g. output")
    parser.add_argument("--content", type=Path, required=True, help="the content folder")
    options = parser.parse_args(arguments)
    if options.action == "clean":
        return clean(options.output, options.content)
    if not command:
        parser.error("build needs the Pelican command after --")
    return staged_build(options.output, options.content, command)


if __name__ == "__main__":
    sys.exit(main())
