"""Run Pagefind over a built site and report its failure as one line an author can act on."""

import contextlib
import hashlib
import logging
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from cached_products import place_in_site

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


def pages_digest(site: Path, bundle_folder: str) -> str:
    """Return a digest of every HTML page of the site (what Pagefind indexes) and its version."""
    digest = hashlib.sha256()
    with contextlib.suppress(PackageNotFoundError):
        digest.update(version("pagefind").encode())
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        if relative.startswith(bundle_folder + "/"):
            continue
        digest.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(page.read_bytes())
    return digest.hexdigest()[:32]


def reuse_cached_bundle(site: Path, bundle_folder: str, cached: Path) -> bool:
    """Link a bundle indexed from the very same pages into the site; True if there was one."""
    if not (cached / "pagefind.js").is_file():
        return False
    for file in cached.rglob("*"):
        if file.is_file():
            place_in_site(file, site / bundle_folder / file.relative_to(cached))
    return True


def keep_bundle(site: Path, bundle_folder: str, cache_dir: Path, digest: str) -> None:
    """Keep the bundle just written, under its pages' digest, as the only one in the cache."""
    if cache_dir.is_dir():
        shutil.rmtree(cache_dir)
    partial = cache_dir.with_name(cache_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(site / bundle_folder, partial / digest)
    partial.rename(cache_dir)


def index_site(
    output_path: str | Path, settings: SearchSettings, cache_dir: Path | None = None
) -> bool:
    """Index the built site at `output_path`; return True when the search bundle was written.

    With a `cache_dir`, a site whose pages are byte for byte those indexed last
    time gets that bundle again instead of a new run of Pagefind.
    """
    if not settings.enabled:
        return False
    site = Path(output_path)
    digest = pages_digest(site, settings.bundle_folder) if cache_dir else ""
    if cache_dir and reuse_cached_bundle(site, settings.bundle_folder, cache_dir / digest):
        logger.info("Search index unchanged: reused from %s", cache_dir)
        return True
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
    if cache_dir:
        keep_bundle(site, settings.bundle_folder, cache_dir, digest)
    return True
