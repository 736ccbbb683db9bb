"""A build never harms what it did not make.

As a Pelican plugin, it refuses an output folder that is `/`, the home folder, the
project, content/, a parent of these or a folder inside content/ (every build empties
its output folder). As a command (`python -m staged_build`, used by `make html` and
`make publish`) it builds into a temporary folder beside output/ and swaps it in only
when the whole build, link checks included, passed.

The command needs only the standard library, so `make clean` runs it without the venv.
"""

import logging

logger = logging.getLogger(__name__)


def refuse_unsafe_output(pelican) -> None:
    """Stop the build before anything is written when its output folder is unsafe."""
    from .paths import refusal, unsafe_output_reason

    unsafe = unsafe_output_reason(pelican.output_path, pelican.path)
    if unsafe:
        logger.error("%s", refusal(pelican.output_path, unsafe))
        # Under --fatal errors this error already stops the build; without it (make serve,
        # devserver) an error alone would not. This runs while Pelican starts, before its
        # reload loop, so exiting cannot make `pelican -r` rebuild in a loop.
        raise SystemExit(2)


def register() -> None:
    from pelican import signals

    signals.initialized.connect(refuse_unsafe_output)
