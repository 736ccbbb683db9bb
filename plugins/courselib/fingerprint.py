"""Digests of what shapes a build's output: our code and the packages that render it."""

import hashlib
from importlib.metadata import version
from pathlib import Path

# The packages that turn a chapter's Markdown into HTML: a new version may render differently.
RENDERING_PACKAGES = ("pelican", "markdown-it-py", "mdit-py-plugins", "pygments", "math-core")


def folder_digest(folder: Path) -> str:
    """Return a digest of every file under `folder` (names and bytes), caches left out."""
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def rendering_versions() -> str:
    """Return the versions of the packages that render chapters, as one string."""
    return " ".join(f"{name}={version(name)}" for name in RENDERING_PACKAGES)
