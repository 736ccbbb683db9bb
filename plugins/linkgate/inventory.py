"""The files of a built site, listed once, never following a link out of the site folder.

A symbolic link that leads back into a folder it is in (or to itself) would
make the listing endless: it is listed as a loop, to report, and not followed.
"""

import errno
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
    loops: list[tuple[str, str]] = field(default_factory=list)  # (symbolic link, why)

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
    # (site-relative prefix, folder, real paths of the folders walked down to it)
    pending: list[tuple[str, Path, tuple[Path, ...]]] = [("", root, (real_root,))]
    while pending:
        prefix, folder, walked = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            real = None  # the folder's real path, made only for a folder (a Path each: costly)
            try:
                if entry.is_symlink():
                    followed, loop = _follow(Path(entry.path), walked)
                    if loop:
                        site.loops.append((relative, loop))
                    if followed is None or not followed.is_relative_to(real_root):
                        continue
                    real = followed
                if entry.is_dir():
                    site.folders.add(relative)
                    real = real or walked[-1] / entry.name
                    pending.append((relative + "/", Path(entry.path), (*walked, real)))
                elif entry.is_file():
                    status = entry.stat()
                    site.stamps[relative] = (status.st_size, status.st_mtime_ns)
            except OSError:  # removed while listed, or unreadable: as good as missing
                continue
    site.loops.sort()
    return site


def _follow(link: Path, walked: tuple[Path, ...]) -> tuple[Path | None, str]:
    """Return where the symbolic `link` leads (None: nowhere) and, when it is a loop, why."""
    pointed = os.readlink(link)
    loop = f"a symbolic link loop (it points to '{pointed}', "
    leads_back = loop + "which leads back to it): remove the link"
    try:
        real = link.resolve(strict=True)
    except RuntimeError:  # Python before 3.13 raises this for a loop of links
        return None, leads_back
    except OSError as error:  # a loop of links since 3.13; else a link to nothing
        return None, leads_back if error.errno == errno.ELOOP else ""
    if any(folder.is_relative_to(real) for folder in walked):
        return None, loop + "a folder that contains it): remove the link"
    return real, ""
