"""Lines of words on a screen laid out again only when their size may change: a layout pass
of the console costs more than drawing the lines that changed."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Static


def needs_layout(line: Static, last: str | None, text: str) -> bool:
    """Whether `line`, showing `last` (None: not yet shown), must be laid out again to show
    `text`. Not when it is as wide as before (its CSS does not make it as wide as its words,
    or they are as wide) and as high: its CSS gives its height in cells, or its words take as
    many rows, none of them wrapped (a line as wide as the space may wrap)."""
    lines = text.split("\n")
    before = None if last is None else last.split("\n")
    width, height = line.styles.width, line.styles.height
    fixed = height is not None and height.is_cells
    if width is not None and width.is_auto:  # as wide as its words: none wraps
        if before is None or max(map(cell_len, before)) != max(map(cell_len, lines)):
            return True
        return not fixed and len(lines) != len(before)
    if fixed:
        return False
    room = line.size.width
    return (
        before is None
        or len(lines) != len(before)
        or any(cell_len(words) >= room for words in lines + before)
    )
