"""Pelican's path of each content file from content/, worked out once, not at every URL.

Pelican 4.12 formats a page's `url` and `save_as` anew each time either is read, and
each time works out the file's path from content/ with `os.path.relpath` of two
`abspath`s (its `url_format` does so even when the path is given). Pelican and our
plugins read them about ten times a chapter and four times a static file: at 500
chapters and 2,500 images, 23,500 times, about 0.3 s of every build. That path is a
function of the file's path and PATH (and of the working folder when either is
relative), so it is remembered by those; Pelican's own method is kept for any other
version of Pelican, whose method may differ.

A static file's `save_as` and `url` are also worked out once, when the files are found
(`pin_static_addresses`): about 0.1 s of a build at 2,500 images.
"""

import logging
import os
from functools import lru_cache

from pelican import __version__ as pelican_version
from pelican import signals
from pelican.contents import Content
from pelican.utils import posixize_path

logger = logging.getLogger(__name__)

# Pelican's own method, as this module found it (register() runs after the import).
PELICANS_OWN = Content.get_relative_source_path
# The versions whose Content.get_relative_source_path this module's copy was checked against.
CHECKED_VERSIONS = ("4.12.",)


@lru_cache(maxsize=1 << 16)
def relative_source_path(source_path: str, content_path: str, working_folder: str) -> str:
    """Return a file's path from the content folder, with `/` between names, as Pelican does.

    `working_folder` is the folder relative paths are read from ("" when both are absolute):
    part of the key only, as it is where `abspath` starts.
    """
    return posixize_path(
        os.path.relpath(
            os.path.abspath(os.path.join(content_path, source_path)),
            os.path.abspath(content_path),
        )
    )


def get_relative_source_path(self, source_path: str | None = None) -> str | None:
    """Pelican's Content.get_relative_source_path, remembered (see `relative_source_path`)."""
    if not source_path:
        source_path = self.source_path
    if source_path is None:
        return None
    content_path = self.settings["PATH"]
    both_absolute = os.path.isabs(source_path) and os.path.isabs(content_path)
    return relative_source_path(source_path, content_path, "" if both_absolute else os.getcwd())


def pin_static_addresses(generator) -> None:
    """Work out each static file's `save_as` and `url` once, as the files are found.

    Pelican formats both again at each read (four or five a file, by Pelican and our
    plugins), from metadata that does not change once the file is found. An address set
    already (EXTRA_PATH_METADATA's `save_as` or `url`) is left as it is. Pinned, an
    `{attach}` link cannot move the file, as it never could here: our plugins read every
    file's address when the files are found (`course_markdown.AttachAsStatic`).
    """
    for static in generator.staticfiles:
        if not hasattr(static, "override_save_as"):
            static.override_save_as = static.save_as
        if not hasattr(static, "override_url"):
            static.override_url = static.url


def register() -> None:
    if not pelican_version.startswith(CHECKED_VERSIONS):
        logger.debug("source_paths: Pelican %s is not one checked: left as it is", pelican_version)
        return
    Content.get_relative_source_path = get_relative_source_path
    signals.static_generator_finalized.connect(pin_static_addresses)
