"""Run Pagefind over a built site and report its failure as one line an author can act on."""

import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

# Pagefind indexes only elements with this attribute (the chapter bodies); the
# theme puts it on written chapters, so home, upcoming and 404 pages stay out.
INDEXED_ATTRIBUTE = "data-pagefind-body"
TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class SearchSettings:
    """What the SEARCH_* settings ask for."""

    enabled: bool = True
    bundle_folder: str = "pagefind"


def read_settings(settings: dict) -> SearchSettings:
    """Return the search settings with defaults; log an error naming a bad key."""
    enabled = settings.get("SEARCH_ENABLED", True)
    if not isinstance(enabled, bool):
        logger.error("pelicanconf: SEARCH_ENABLED must be True or False, not %r", enabled)
        enabled = False
    return SearchSettings(enabled=enabled)


def pagefind_command(site: Path, bundle_folder: str) -> list[str]:
    """Return the command that indexes `site` with the Pagefind binary shipped on PyPI."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        bundle_folder,
        "--quiet",
    ]


def index_site(output_path: str | Path, settings: SearchSettings) -> bool:
    """Index the built site at `output_path`; return True when the search bundle was written."""
    if not settings.enabled:
        return False
    site = Path(output_path)
    command = pagefind_command(site, settings.bundle_folder)
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.TimeoutExpired) as problem:
        logger.error("%s: search index not built: %s", site, problem)
        return False
    if finished.returncode != 0:
        reason = (finished.stderr or finished.stdout).strip().splitlines()
        hint = reason[-1] if reason else f"exit code {finished.returncode}"
        if "No module named pagefind" in finished.stderr:
            hint = "Pagefind is not installed: run `make venv` (pyproject.toml lists pagefind[bin])"
        logger.error("%s: search index not built: %s", site, hint)
        return False
    logger.info("Search index written to %s", site / settings.bundle_folder)
    return True
