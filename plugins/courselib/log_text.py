"""Text for a terminal or a CI log, made one line that is shown and never obeyed.

Standard library only: the `linkgate` command uses it without loading Pelican.

- A newline would start a line of its sender's choosing, so it is written `\\n`.
- A terminal obeys ESC sequences and other control characters (C0, DEL, C1: `\\x9b` is
  CSI on some terminals); each is written as its escape, `\\x1b`, so an author still sees
  what is in a file name or URL.
- Bidirectional controls reorder what is shown (`evil\\u202etxt.exe`); line and paragraph
  separators break lines in some viewers: escaped too (`\\u202e`).
- A CI runner obeys a line starting with `::command ...::` (GitHub's workflow commands)
  and, in its older form, `##[command]` anywhere in a line: every second `:` of a `::`
  is written `\\:`, and `##[` as `#\\#[`, wherever they are.
"""

import re

HIDDEN_CODES = [
    *range(0x00, 0x09),  # a tab stays: shown as space, obeyed by nothing
    *range(0x0A, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
]
NAMED = {0x0A: "\\n", 0x0D: "\\r"}
SHOWN = str.maketrans(
    {
        code: NAMED.get(code, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        for code in HIDDEN_CODES
    }
)
# In JSON, the same characters as \u escapes: a reader gets the exact text back.
AS_JSON = str.maketrans({code: f"\\u{code:04x}" for code in HIDDEN_CODES})
SECOND_COLON = re.compile(r"(?<=:):")
OLD_COMMAND = re.compile(r"(?<=#)#(?=\[)")


def one_line(text: str) -> str:
    """Return `text` as one line a terminal or CI runner only shows (see the module's notes)."""
    return _disarmed(text.translate(SHOWN), colon="\\:", hash_sign="\\#")


def one_json_line(line: str) -> str:
    """Return a line of JSON (from json.dumps) with the same escapes, as JSON escapes.

    json.dumps escapes C0 controls already, but not DEL, C1 or bidirectional controls
    when `ensure_ascii=False`; `::` and `##[` can only be inside its strings.
    """
    return _disarmed(line.translate(AS_JSON), colon="\\u003a", hash_sign="\\u0023")


def _disarmed(line: str, colon: str, hash_sign: str) -> str:
    """Return `line` with every second `:` of a `::`, and the second `#` of `##[`, replaced."""
    if "::" in line:
        line = SECOND_COLON.sub(lambda _colon: colon, line)
    if "##[" in line:
        line = OLD_COMMAND.sub(lambda _hash: hash_sign, line)
    return line
