"""What a check will fail the build for at its end, for a check that fails it first.

Under `--fatal errors` the first error ends the build, and its line is the last an
author reads: content/'s problems and a search index not built wait for the link gate
(so every broken link is shown too), and the gate's closing line, when it fails the
build, names them as well.
"""

import logging

_waiting: dict[str, str] = {}  # by check: its closing sentence


def wait_to_fail(check: str, sentence: str | None) -> None:
    """Record what `check` will fail the build for (`content/ has 2 problem(s), listed
    above`), or with None that it will not."""
    if sentence is None:
        _waiting.pop(check, None)
    else:
        _waiting[check] = sentence


def also_failing() -> list[str]:
    """Return the sentence of each check still waiting to fail the build."""
    return list(_waiting.values())


def fail_if_waiting(logger: logging.Logger) -> None:
    """At the very end of a build, log the one error that fails it for every check still
    waiting to (under `pelican -r` it is only logged, once)."""
    sentences = also_failing()
    _waiting.clear()
    if sentences:
        logger.error("%s", " ".join(f"{sentence}." for sentence in sentences))
