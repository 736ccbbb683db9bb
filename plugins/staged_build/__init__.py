"""A build never harms what it did not make.

As a Pelican plugin, it refuses an output folder that is `/`, the home folder, the
project, content/, a parent of these or a folder inside content/ (every build empties
its output folder); it puts the last good site back if a staged build was stopped
while replacing it (for `make serve`, `devserver` and `regenerate`); and it has static
files copied, not linked, when the output folder is on another file system than
content/ (Pelican would make symbolic links into content/) or when one of them is a
symbolic link (Pelican would hard-link the link).

As a command (`python -m staged_build`, used by `make html`, `make publish` and `make
clean`) it builds into a temporary folder beside output/ and swaps it in only when the
whole build, link checks included, passed; one build of a folder at a time.

The command needs only the standard library, so `make clean` runs it without the venv.
"""

import errno
import logging
import os
import re
from pathlib import Path

logger = logging.getLogger(__name__)

# Errors of the machine, not of the course nor of our code: one line, no traceback.
FULL_DISK = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}
# A staged build writes into `.output.building-x1`; an author knows it as `output`.
STAGING_FOLDER = re.compile(r"(?<=[/\\])\.(?P<name>[^/\\]+)\.building-[^/\\]*")


def write_error_line(error: OSError) -> str | None:
    """Return the one line that says a build could not write a file, or None for other errors."""
    if error.errno not in FULL_DISK | NOT_WRITABLE:
        return None
    target = error.filename2 if error.filename2 is not None else error.filename
    # A failed write() names no file: say what was being written.
    where = STAGING_FOLDER.sub(r"\g<name>", os.fsdecode(target)) if target else "the site"
    if error.errno in FULL_DISK:
        return (
            f"The disk is full: could not write {where} ({error.strerror})."
            " Free some space and build again."
        )
    return f"Could not write {where} ({error.strerror}): make its folder writable and build again."


class OneLineWriteErrors(logging.Filter):
    """Turns Pelican's traceback for a full disk or an unwritable folder into one line.

    Pelican logs any exception that ends a build as CRITICAL with its traceback (66
    lines for a full disk). With DEBUG=1 (`-D`) the traceback is kept.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if record.levelno < logging.CRITICAL or not isinstance(error, OSError):
            return True
        line = write_error_line(error)
        if line is not None and logging.getLogger("pelican").getEffectiveLevel() > logging.DEBUG:
            record.msg, record.args, record.exc_info = "%s", (line,), None
        return True


def refuse_unsafe_output(pelican) -> None:
    """Stop the build before anything is written when its output folder is unsafe."""
    from courselib.output_folders import refusal, unsafe_output_reason

    unsafe = unsafe_output_reason(pelican.output_path, pelican.path)
    if unsafe:
        logger.error("%s", refusal(pelican.output_path, unsafe))
        # Under --fatal errors this error already stops the build; without it (make serve,
        # devserver) an error alone would not. This runs while Pelican starts, before its
        # reload loop, so exiting cannot make `pelican -r` rebuild in a loop.
        raise SystemExit(2)


def restore_last_good_site(pelican) -> None:
    """Put back the last good site if a staged build was stopped between its two renames."""
    from courselib.output_folders import previous_prefix

    from .build import restore_interrupted_swap, site_folder
    from .lock import only_build

    output = site_folder(Path(os.path.abspath(pelican.output_path)))
    if output.exists() or not any(output.parent.glob(previous_prefix(output) + "*")):
        return
    with only_build(output):  # a `make html` swapping right now finishes first
        restore_interrupted_swap(output)


def copy_static_files_across_file_systems(pelican) -> None:
    """Have Pelican copy static files when output/ and content/ are on two file systems.

    With STATIC_CREATE_LINKS, Pelican hard-links static files, and where it cannot
    (another file system) makes symbolic links into content/: a site that breaks when
    published, and that the link gate rightly fails.
    """
    settings = pelican.settings
    if settings.get("STATIC_CREATE_LINKS") and device_of(pelican.output_path) != device_of(
        pelican.path
    ):
        logger.info("staged_build: output is on another file system: static files are copied")
        settings["STATIC_CREATE_LINKS"] = False


def copy_static_files_behind_symbolic_links(generator) -> None:
    """Have Pelican copy static files when one of them is a symbolic link (inside content/;
    one leading out of it is refused): a hard link would be of the link itself, published
    pointing at a file the site may not have (`1-intro/diagram.png` -> `../shared/...`, as
    google/comprehensive-rust keeps a figure two lessons show)."""
    settings = generator.settings
    if settings.get("STATIC_CREATE_LINKS") and any(
        os.path.islink(static.source_path) for static in generator.staticfiles
    ):
        logger.info("staged_build: a static file is a symbolic link: static files are copied")
        settings["STATIC_CREATE_LINKS"] = False


def device_of(path: str | os.PathLike) -> int:
    """Return the file system of `path`, or of its nearest existing parent."""
    folder = Path(os.path.abspath(path))
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.stat().st_dev


def register() -> None:
    from pelican import signals

    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(known, OneLineWriteErrors) for known in pelican_logger.filters):
        pelican_logger.addFilter(OneLineWriteErrors())

    signals.initialized.connect(refuse_unsafe_output)
    signals.initialized.connect(restore_last_good_site)
    signals.initialized.connect(copy_static_files_across_file_systems)
    signals.static_generator_finalized.connect(copy_static_files_behind_symbolic_links)
