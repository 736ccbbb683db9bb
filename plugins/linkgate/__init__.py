"""The link gate: every link, anchor and image of the built site resolves, or the build fails.

Runs last, once the whole site is written (Pelican's `finalized` signal), and
reports each problem at the Markdown line that wrote it. The checking itself
lives in plain functions (`check.check_site`), shared with the `linkgate` command.
The author_errors plugin (first in PLUGINS) turns the failed build's traceback into
one line and lets each rebuild of the dev server show an unfixed problem again.
"""


def register() -> None:
    """Connect the gate to Pelican (imported here, so the command never loads Pelican)."""
    import blinker
    from pelican import signals

    from .pelican_side import (
        check_written_site,
        note_static_files,
        note_written_page,
        start_build,
        start_static_files,
    )

    signals.static_generator_init.connect(start_static_files)
    signals.static_generator_finalized.connect(note_static_files)
    signals.all_generators_finalized.connect(start_build)
    signals.content_written.connect(note_written_page)
    # Pages the unchanged_pages plugin links from the last build, instead of writing them.
    blinker.signal("unchanged_page_linked").connect(note_written_page)
    signals.finalized.connect(check_written_site)
