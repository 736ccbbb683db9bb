"""Digests of what shapes a build's output: our code and the packages that render it.

Every cache key is derived here, never bumped by hand: `product_key` digests a
product's inputs, the source of the code that makes it and the versions of the
packages it uses, so an edited check, drawing or layout never meets what older code
made.
"""

import hashlib
import json
import marshal
import types
from collections.abc import Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path

# The packages that turn a chapter's Markdown into HTML: a new version may render differently.
RENDERING_PACKAGES = (
    "pelican",
    "markdown-it-py",
    "mdit-py-plugins",
    "pygments",
    "math-core",
    "emoji",
)


def folder_digest(folder: Path) -> str:
    """Return a digest of every file under `folder` (names and bytes), caches left out."""
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def code_digest(*sources: Path) -> str:
    """Return a digest of our code: each source a .py file, or a folder (its .py files).

    Kept for the process: code does not change under a running build (the dev server
    reloads its plugins by restarting).
    """
    digest = hashlib.sha256()
    for source in sources:
        files = sorted(source.rglob("*.py")) if source.is_dir() else [source]
        for file in files:
            digest.update(file.name.encode("utf-8", "surrogateescape") + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def package_version(name: str) -> str:
    """Return an installed package's version, read once a process (reading it costs ~2 ms)."""
    return version(name)


def product_key(*inputs: str, code: Iterable[Path] = (), packages: Iterable[str] = ()) -> str:
    """Return the key of a cached product: a digest of its inputs, the code that makes it
    (files or folders) and the versions of the packages it uses."""
    parts = [*inputs, code_digest(*code), *(f"{name}={package_version(name)}" for name in packages)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def rendering_versions() -> str:
    """Return the versions of the packages that render chapters, as one string."""
    return " ".join(f"{name}={package_version(name)}" for name in RENDERING_PACKAGES)


# Settings that change between runs without changing what is read.
VOLATILE_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH", "BIND", "PORT"}


def describe(value) -> str:
    """Return what a setting that is not plain data stands for in the fingerprint.

    A function (say in JINJA_FILTERS) by a digest of its code, so that editing it
    counts as a change of settings; anything else by its type.
    """
    code = getattr(value, "__code__", None)
    if isinstance(code, types.CodeType):
        return "function " + hashlib.sha256(marshal.dumps(code)).hexdigest()
    return type(value).__name__


def settings_fingerprint(settings: dict) -> str:
    """Return a digest of every plain-valued setting and the versions that shape parsed content."""
    plain = {
        key: value
        for key, value in settings.items()
        if key.isupper() and key not in VOLATILE_SETTINGS
    }
    text = json.dumps(plain, sort_keys=True, default=describe)
    text += rendering_versions()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
