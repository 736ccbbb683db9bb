"""A staged build: build into a folder beside output/, and replace output/ only on success."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from courselib.output_folders import (
    deleting_prefix,
    not_replaceable_reason,
    previous_prefix,
    refusal,
    staging_prefix,
    unsafe_output_reason,
)

from .lock import only_build

# Read by the unchanged_pages plugin.
PREVIOUS_OUTPUT_VARIABLE = "STAGED_BUILD_PREVIOUS_OUTPUT"


def run_command(command: list[str], environment: dict[str, str]) -> int:
    """Run the build command in a process of its own; return its exit code."""
    return subprocess.run(command, check=False, env=environment).returncode


def staged_build(
    output: Path,
    content: Path,
    pelican_command: list[str],
    run: Callable[[list[str], dict[str, str]], int] = run_command,
) -> int:
    """Run `pelican_command` into a staging folder; on success swap it in as `output`.

    Returns the build's exit code. A failed build leaves `output` exactly as it was.
    An `output` that is a symbolic link stays one: the folder it points to is replaced.
    `run` runs the command (the dev server runs Pelican in a process it forked).
    """
    if not content.is_dir():  # Pelican's own word is a traceback
        what = "is not a folder" if content.exists() else "does not exist"
        print(
            f"The build failed: the content folder {content} {what}: set INPUTDIR to the"
            " folder of the course's Markdown",
            file=sys.stderr,
        )
        return 2
    folders = replaceable_folder(output, content, "build into", refusal)
    if folders is None:
        return 2
    folder, shown = folders
    with only_build(folder):
        tidy_after_interrupted_builds(folder, shown)
        return build_and_swap(folder, shown, pelican_command, run)


def replaceable_folder(
    output: Path, content: Path, action: str, unsafe_line: Callable[[Path, str], str]
) -> tuple[Path, Path] | None:
    """Return the folder a build replaces (`output`, or the folder it links to) and `output`
    as given, made absolute; or None, saying why in one line, when it must not or cannot be
    replaced (`unsafe_line(output, reason)` says why it must not)."""
    unsafe = unsafe_output_reason(output, content)
    if unsafe:
        print(unsafe_line(output, unsafe), file=sys.stderr)
        return None
    shown = Path(os.path.abspath(output))
    folder = site_folder(shown)
    cannot = not_replaceable_reason(folder)
    if cannot:
        print(f"Cannot {action} {shown}: {cannot}", file=sys.stderr)
        return None
    return folder, shown


def tidy_after_interrupted_builds(output: Path, shown: Path) -> None:
    """Put back a site a build stopped while replacing, and delete what stopped builds left."""
    restore_interrupted_swap(output, shown)
    remove_leftovers(output)


def build_and_swap(
    output: Path,
    shown: Path,
    pelican_command: list[str],
    run: Callable[[list[str], dict[str, str]], int] = run_command,
) -> int:
    """Build into a new folder beside `output` and swap it in if the build passed."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
    make_readable(staging)
    try:
        # The last good site stays in place until the swap: pages can be linked from it.
        environment = {**os.environ, PREVIOUS_OUTPUT_VARIABLE: str(output)}
        exit_code = run([*pelican_command, "-o", str(staging)], environment)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if exit_code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        state = "left as it was (the last good build)" if output.exists() else "not created"
        print(f"The build failed: {shown} was {state}.", file=sys.stderr)
        return exit_code
    replace_folder(output, staging)
    return 0


def site_folder(output: Path) -> Path:
    """Return the folder a build replaces: `output`, or the folder it links to."""
    return Path(os.path.realpath(output)) if output.is_symlink() else output


def make_readable(folder: Path) -> None:
    """Give a folder made by mkdtemp (mode 0700) the usual permissions, for web servers."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def replace_folder(output: Path, staging: Path) -> None:
    """Put `staging` in place of `output` by renaming, then delete the previous site.

    Between the two renames the last good site is `.output.previous-<time>`: a build
    stopped there (killed, power cut) leaves no output/, and the next build, `make
    serve` or `make clean` puts it back (`restore_interrupted_swap`).
    """
    if not output.exists():
        staging.rename(output)
        return
    previous = output.parent / f"{previous_prefix(output)}{time.time_ns()}"
    output.rename(previous)
    try:
        staging.rename(output)
    except OSError:
        previous.rename(output)  # put the last good site back
        raise
    discard(previous, output)


def discard(folder: Path, output: Path) -> None:
    """Delete a folder beside `output`, first renamed so that, half deleted, it is never
    taken for the last good site."""
    doomed = output.parent / f"{deleting_prefix(output)}{time.time_ns()}"
    folder.rename(doomed)
    shutil.rmtree(doomed, ignore_errors=True)


def restore_interrupted_swap(output: Path, shown: Path | None = None) -> Path | None:
    """Put the last good site back if a build was stopped between its two renames.

    Returns the folder it was restored from, or None when there was nothing to do.
    """
    if output.exists() or output.is_symlink():
        return None
    previous = sorted(output.parent.glob(previous_prefix(output) + "*"))
    if not previous:
        return None
    previous[-1].rename(output)  # the newest: its name ends with the time it was made
    print(
        f"Restored {shown or output} from {previous[-1].name}: a build was stopped while"
        " replacing it.",
        file=sys.stderr,
        flush=True,
    )
    return previous[-1]


def remove_leftovers(output: Path) -> None:
    """Delete what interrupted builds of `output` left beside it (never `output` itself)."""
    if not output.parent.is_dir():
        return
    prefixes = (staging_prefix(output), previous_prefix(output), deleting_prefix(output))
    for path in output.parent.iterdir():
        if path.name.startswith(prefixes) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def clean(output: Path, content: Path) -> int:
    """Remove the built site and any leftovers of interrupted builds; nothing else.

    For an `output` that is a symbolic link, the folder it points to is removed; the link stays.
    """
    folders = replaceable_folder(output, content, "clean", cleaning_refusal)
    if folders is None:
        return 2
    output, shown = folders
    with only_build(output):
        tidy_after_interrupted_builds(output, shown)
        if output.is_dir():
            shutil.rmtree(output)
        elif output.exists():
            output.unlink()
    return 0


def cleaning_refusal(output: Path, unsafe: str) -> str:
    """Return the one line that refuses to clean `output`."""
    return f"Refusing to clean {output}: it is {unsafe}, not a built site."
