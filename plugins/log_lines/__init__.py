"""Every line the build logs is one whole line, shown and never obeyed by a terminal or CI.

- Each message goes through `text.one_line`: a newline, an ESC sequence or a forged
  `::error file=...::` workflow command in a URL or file name is written as text.
- Without a terminal (CI, `make html > log`), messages are written as plain
  `[12:00:00] WARNING  message` lines: Pelican's rich handler wraps them at 80 columns
  (the width it assumes without one) with its `file.py:line` column in the middle, so a
  problem took several lines of a log. In a terminal, rich stays.

First in PLUGINS, so that every message after it, ours and Pelican's, is covered.
"""


def register() -> None:
    """Make Pelican's log handler write one safe line a message (plain lines without a TTY)."""
    import logging

    from pelican.log import DEFAULT_LOG_HANDLER, console

    from .handler import use_one_line_handler

    use_one_line_handler(logging.getLogger(), DEFAULT_LOG_HANDLER, console.file)
