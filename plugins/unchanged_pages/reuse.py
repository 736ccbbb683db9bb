"""Which chapter pages of the last build can be linked into this one instead of rendered again.

A page is reused when the key of everything its templates read is the key
recorded when its file was written, and the file in the last build's folder is
that very file (same inode, size and modification time: a failed or interrupted
build, or a hand edit, leaves a file that does not match).
"""

import hashlib
import json
import locale
import os
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from courselib.cached_products import write_atomically
from courselib.cached_products.cache_files import load_json
from courselib.fingerprint import code_digest, folder_digest, rendering_versions

MANIFEST_NAME = "manifest.json"
# The manifest's layout and meaning are this plugin's code: its digest replaces a format number.
FORMAT = code_digest(Path(__file__).parent)


def build_key(
    settings_fingerprint: str,
    theme: Path,
    plugin_folders: list[Path],
    template_folders: tuple[Path, ...] | list[Path] = (),
) -> str:
    """Return the part of every page's key that is the same for the whole build.

    The settings, the theme's templates and files, the folders of templates that
    override the theme's (THEME_TEMPLATES_OVERRIDES), our plugins' code (which shapes
    content and context), the versions of what renders, and the locale Pelican set
    from the environment (LOCALE defaults to it): "Last updated" names the month in it.
    """
    parts = [FORMAT, settings_fingerprint, rendering_versions(), version("jinja2")]
    parts += [folder_digest(theme), locale.setlocale(locale.LC_ALL)]
    parts += [folder_digest(folder) for folder in plugin_folders if folder.is_dir()]
    parts += [folder_digest(folder) for folder in template_folders if folder.is_dir()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def chapter_facts(chapter) -> str:
    """Return what the templates read of a page's syllabus entry, its neighbours and its units."""
    if chapter is None:
        return ""
    neighbours = [
        (other.heading, other.url) if other is not None else None
        for other in (chapter.previous, chapter.next)
    ]
    ancestors = [(above.heading, above.url) for above in chapter.ancestors]
    return repr(chapter) + repr(neighbours) + repr(ancestors)


def metadata_text(metadata: dict) -> str:
    """Return the metadata as stable text (values as their str and repr)."""
    return "\n".join(f"{key}={value!s}|{value!r}" for key, value in sorted(metadata.items()))


def page_key(key_of_build: str, name: str, site_url: str, sidebar_digest: str, article) -> str:
    """Return the key of a chapter page: the build's key and all the page's own inputs
    (the sidebar by its digest)."""
    digest = hashlib.sha256()
    for part in (
        key_of_build,
        name,
        site_url,
        sidebar_digest,
        article.title,
        article.content,
        repr(getattr(article, "contents", None)),
        metadata_text(article.metadata),
        chapter_facts(getattr(article, "course_chapter", None)),
    ):
        digest.update(str(part).encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def file_stamp(path: Path) -> list[int]:
    """Return what identifies one written file: inode, size, modification time (ns)."""
    status = os.stat(path)
    return [status.st_ino, status.st_size, status.st_mtime_ns]


def is_manifest(data: object) -> bool:
    """True for a manifest as `PageReuse.save` writes it (the pages are checked one by one)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("format"), str)
        and isinstance(data.get("output"), str)
        and isinstance(data.get("pages"), dict)
    )


def is_page_entry(entry: object) -> bool:
    """True for a page's entry as `PageReuse.record` writes it: its key and its file's stamp."""
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], str)
        and isinstance(entry[1], list)
        and len(entry[1]) == 3
        and all(type(number) is int for number in entry[1])
    )


@dataclass
class PageReuse:
    """The pages recorded at the last build, and those written or linked in this one."""

    previous_output: Path
    output: Path
    manifest_path: Path
    previous: dict[str, list] = field(default_factory=dict)
    current: dict[str, list] = field(default_factory=dict)
    reused: int = 0

    @classmethod
    def open(cls, cache_dir: Path, previous_output: Path, output: Path) -> "PageReuse":
        """Read the manifest of the last build in `cache_dir` (nothing if missing or damaged)."""
        manifest_path = cache_dir / MANIFEST_NAME
        reuse = cls(previous_output, output, manifest_path)
        data = load_json(manifest_path, is_manifest, "a manifest as this build writes it")
        wanted = [FORMAT, str(previous_output)]
        if isinstance(data, dict) and [data["format"], data["output"]] == wanted:
            reuse.previous = data["pages"]
        return reuse

    def link_previous(self, name: str, key: str) -> Path | None:
        """Link the last build's file `name` into this build if it was made from `key`."""
        entry = self.previous.get(name)
        if not is_page_entry(entry) or entry[0] != key:
            return None
        old = self.previous_output / name
        try:
            if file_stamp(old) != entry[1]:
                return None
            new = self.output / name
            new.parent.mkdir(parents=True, exist_ok=True)
            os.link(old, new)
        except OSError:
            return None
        self.current[name] = entry
        self.reused += 1
        return new

    def record(self, name: str, key: str) -> None:
        """Remember the file just written for `name` and the key it was made from."""
        try:
            self.current[name] = [key, file_stamp(self.output / name)]
        except OSError:
            self.current.pop(name, None)

    def save(self) -> None:
        """Write this build's manifest, to be read by the next build."""
        data = {"format": FORMAT, "output": str(self.previous_output), "pages": self.current}
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.manifest_path, json.dumps(data).encode("utf-8"))
