"""Text from banks, cards and names, made safe for where it goes: a terminal (no control
characters) and a spreadsheet (no live formulas). HTML is escaped by Jinja's autoescape."""

from __future__ import annotations

import re
from typing import TypeVar

_Cell = TypeVar("_Cell")

# Text from banks, cards and file names is printed without these: C0 controls but tab and
# newline (ESC starts every escape sequence: cursor moves, screen clears, clipboard writes,
# window titles), DEL, C1 controls (0x9b is a one-character CSI), and the bidirectional
# embeddings, overrides and isolates, which make text display otherwise than it reads.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def terminal_text(text: str) -> str:
    """`text` made safe to print on a terminal: a carriage return becomes a line break (it
    would let text overwrite its own line) and the characters above are removed."""
    return UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def spreadsheet_cell(value: _Cell) -> _Cell | str:
    """A CSV cell that a spreadsheet shows as written: text that would start a formula gets
    a leading apostrophe; control characters go as for a terminal, since CSV is often read on
    one. Numbers stay numbers: -0.75 is a value, not a formula."""
    if not isinstance(value, str):
        return value
    text = terminal_text(value)
    # checked before and after cleaning: "\r=1" and "\x1b=1" are both neutralised
    if value.startswith(FORMULA_STARTS) or text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
