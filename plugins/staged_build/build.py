"""A staged build: build into a folder beside output/, and replace output/ only on success."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .paths import previous_prefix, refusal, staging_prefix, unsafe_output_reason

# Read by the unchanged_pages plugin.
PREVIOUS_OUTPUT_VARIABLE = "STAGED_BUILD_PREVIOUS_OUTPUT"


def staged_build(output: Path, content: Path, pelican_command: list[str]) -> int:
    """Run `pelican_command` into a staging folder; on success swap it in as `output`.

    Returns the build's exit code. A failed build leaves `output` exactly as it was.
    """
    unsafe = unsafe_output_reason(output, content)
    if unsafe:
        print(refusal(output, unsafe), file=sys.stderr)
        return 2
    output = Path(os.path.abspath(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
    make_readable(staging)
    try:
        # The last good site stays in place until the swap: pages can be linked from it.
        environment = {**os.environ, PREVIOUS_OUTPUT_VARIABLE: str(output)}
        finished = subprocess.run(
            [*pelican_command, "-o", str(staging)], check=False, env=environment
        )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if finished.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        state = "left as it was (the last good build)" if output.exists() else "not created"
        print(f"The build failed: {output} was {state}.", file=sys.stderr)
        return finished.returncode
    replace_folder(output, staging)
    return 0


def make_readable(folder: Path) -> None:
    """Give a folder made by mkdtemp (mode 0700) the usual permissions, for web servers."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def replace_folder(output: Path, staging: Path) -> None:
    """Put `staging` in place of `output` by renaming, then delete the previous site."""
    if not output.exists():
        staging.rename(output)
        return
    previous = Path(tempfile.mkdtemp(prefix=previous_prefix(output), dir=output.parent))
    previous.rmdir()  # only its unique name is needed
    output.rename(previous)
    try:
        staging.rename(output)
    except OSError:
        previous.rename(output)  # put the last good site back
        raise
    shutil.rmtree(previous, ignore_errors=True)


def clean(output: Path, content: Path) -> int:
    """Remove the built site and any leftovers of interrupted builds; nothing else."""
    unsafe = unsafe_output_reason(output, content)
    if unsafe:
        print(f"Refusing to clean {output}: it is {unsafe}, not a built site.", file=sys.stderr)
        return 2
    output = Path(os.path.abspath(output))
    leftovers = []
    if output.parent.is_dir():
        leftovers = [
            path
            for path in output.parent.iterdir()
            if path.is_dir()
            and path.name.startswith((staging_prefix(output), previous_prefix(output)))
        ]
    for folder in [output, *leftovers]:
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        elif folder.is_dir():
            shutil.rmtree(folder)
    return 0
