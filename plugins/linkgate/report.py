"""Problems as text lines, JSON lines or GitHub workflow commands.

Each is one line that a terminal or CI runner only shows: a URL or file name holding a
newline, an ESC sequence or a forged `::error ...::` command is written as text.
"""

import json

from courselib.log_text import one_json_line, one_line

from .problems import Problem

FORMATS = ("text", "json", "github")


def where(problem: Problem) -> str:
    """Return `file:line:column` (as much as is known) for a problem."""
    place = problem.file or problem.page
    if problem.line is not None:
        place += f":{problem.line}"
        if problem.column is not None:
            place += f":{problem.column}"
    return place


def as_text(problem: Problem) -> str:
    """Return the one line an author reads: `content/chapter4.md:97:5: broken link ...`."""
    prefix = "" if problem.is_error else "warning: "
    return one_line(f"{where(problem)}: {prefix}{problem.message()}")


def as_json(problem: Problem) -> str:
    """Return one JSON object (one line) describing the problem."""
    return one_json_line(
        json.dumps(
            {
                "source": problem.page,
                "target": problem.target,
                "written": problem.written or problem.target,
                "kind": problem.kind,
                "severity": problem.severity,
                "reason": problem.reason,
                "suggestion": problem.suggestion,
                "file": problem.file,
                "line": problem.line,
                "column": problem.column,
                "template": problem.template,
                "message": problem.message(),
            },
            ensure_ascii=False,
        )
    )


def as_github(problem: Problem) -> str:
    """Return a `::error file=...,line=...::...` workflow command for a pull request."""
    properties = [f"file={_property(one_line(problem.file or problem.page))}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    if problem.column is not None:
        properties.append(f"col={problem.column}")
    level = "error" if problem.is_error else "warning"
    return f"::{level} {','.join(properties)}::{_data(one_line(problem.message()))}"


def format_problem(problem: Problem, style: str) -> str:
    """Return the problem in `style` (one of FORMATS)."""
    return {"text": as_text, "json": as_json, "github": as_github}[style](problem)


def summary(problems: list[Problem]) -> str:
    """Return the closing sentence: how many errors and warnings the gate found; none said
    of warnings when it found none ("0 warning(s)" read as none at all, under other
    steps' warnings)."""
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    said = f"link gate: {errors} broken link(s), anchor(s) or image(s)"
    return f"{said}; {warnings} warning(s) of its own" if warnings else said


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
