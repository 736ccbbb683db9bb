"""The files of a built site, listed once, never following a link out of the site folder."""

import os
from dataclasses import dataclass, field
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm")
STYLESHEET_SUFFIXES = (".css",)


@dataclass
class SiteFiles:
    """Every file (site-relative, `/`-separated) with its size and mtime, and every folder."""

    root: Path
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)

    def __contains__(self, path: str) -> bool:
        return path in self.stamps

    @property
    def pages(self) -> list[str]:
        """The HTML pages of the site, sorted."""
        return sorted(path for path in self.stamps if path.lower().endswith(PAGE_SUFFIXES))

    @property
    def stylesheets(self) -> list[str]:
        """The CSS files of the site, sorted."""
        return sorted(path for path in self.stamps if path.lower().endswith(STYLESHEET_SUFFIXES))


def list_site(root: Path) -> SiteFiles:
    """Return the files under `root`; a symlink leading out of `root` counts as missing."""
    root = Path(root)
    real_root = root.resolve()
    site = SiteFiles(root=root)
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_symlink() and not _inside(Path(entry.path), real_root):
                continue
            if entry.is_dir():
                site.folders.add(relative)
                pending.append((relative + "/", Path(entry.path)))
            elif entry.is_file():
                status = entry.stat()
                site.stamps[relative] = (status.st_size, status.st_mtime_ns)
    return site


def _inside(path: Path, real_root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(real_root)
    except (OSError, RuntimeError):
        return False
