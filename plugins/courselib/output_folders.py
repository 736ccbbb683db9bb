"""Where a build may write: never over the project, content/, the home folder or `/`."""

import os
import re
from pathlib import Path


def unsafe_output_reason(output: str | os.PathLike, content: str | os.PathLike) -> str | None:
    """Return what `output` is when it must not be an output folder (e.g. "your home folder").

    The project folder is the one holding `content`. A build empties its output folder,
    so it is refused when that is `/`, the home folder, the project, content/, a parent of
    any of these, or a folder inside content/ (it would be read back as content).
    """
    target = Path(os.path.realpath(output))
    content_folder = Path(os.path.realpath(content))
    project = content_folder.parent
    home = Path(os.path.realpath(Path.home()))
    if target == Path(target.anchor):
        return "the root folder"
    if target == home:
        return "your home folder"
    if target == project:
        return "the project folder"
    if target == content_folder:
        return "the content folder"
    if target in content_folder.parents:
        return "a parent of the project folder"
    if target in home.parents:
        return "a parent of your home folder"
    if content_folder in target.parents:
        return "a folder inside the content folder"
    return None


def refusal(output: str | os.PathLike, unsafe: str) -> str:
    """Return the one line that refuses to build into `output`."""
    return (
        f"Refusing to build into {output}: it is {unsafe}, and a build empties its output"
        " folder. Set OUTPUTDIR to a folder of its own, such as output/."
    )


def staging_prefix(output: Path) -> str:
    """Return the name prefix of the temporary folders a build of `output` makes beside it."""
    return f".{output.name}.building-"


def shown_output_name(folder: str | os.PathLike) -> str:
    """Return the name an author knows a build folder by: `output` for `.output.building-x1`."""
    name = os.path.basename(os.path.abspath(folder))
    match = re.fullmatch(r"\.(?P<output>.+)\.building-[^.]*", name)
    return match["output"] if match else name


def previous_prefix(output: Path) -> str:
    """Return the name prefix of the folder holding the previous site while it is replaced."""
    return f".{output.name}.previous-"


def deleting_prefix(output: Path) -> str:
    """Return the name prefix of a previous site while it is being deleted."""
    return f".{output.name}.deleting-"


def not_replaceable_reason(output: Path) -> str | None:
    """Return why a staged build cannot replace the folder `output` by renaming, or None.

    A mount point cannot be renamed (nor replaced by a folder of the file system
    it is mounted on).
    """
    if os.path.ismount(output):
        return (
            "it is a mount point, which a build cannot replace."
            " Set OUTPUTDIR to a folder inside it, such as output/site."
        )
    return None
