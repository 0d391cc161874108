"""Text from a file made safe for a terminal: every control character shown escaped, never
obeyed, so that a name or a note holding `\\x1b]0;…` or `\\x1b[2J` cannot retitle or clear the
facilitator's terminal, nor hide what follows it.

The one home of the rule, for every command's output: the tables of `list`, `actions` and
`issues`, the problems of `check`, the minutes and histories of `report` (on the terminal and
in the file `--output` writes: a file someone will `cat` or mail on is no place for them
either), the calendar's values, and every error line.
"""

from __future__ import annotations

import functools

CONTROLS = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))  # C0, DEL and C1
LINES = "\n\t"
"""What output meant to run over many lines keeps (the minutes, a report, CSV)."""


@functools.cache
def _table(keep: str) -> dict[int, str]:
    return {code: f"\\x{code:02x}" for code in CONTROLS if chr(code) not in keep}


def safe(text: str, keep: str = "") -> str:
    """`text` with every C0 and C1 control character but those in `keep` written as `\\x1b`."""
    return text.translate(_table(keep))
