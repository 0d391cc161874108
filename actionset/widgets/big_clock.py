"""A block-letter time display that grows with its widget, for the back of the room."""

from __future__ import annotations

import math

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

# 3x5 glyphs: '#' is lit. Terminal cells are about twice as tall as wide, so each lit cell
# is drawn two columns wide per step of scale.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}
ROWS = 5


def layout(text: str) -> list[str]:
    """The glyph rows of `text` at scale 1, one column a cell, glyphs one cell apart."""
    glyphs = [GLYPHS.get(ch, GLYPHS[" "]) for ch in text]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]


def _glyph_columns(text: str) -> tuple[int, int]:
    """(lit columns of all glyphs, gaps between them) at scale 1."""
    glyphs = [GLYPHS.get(ch, GLYPHS[" "]) for ch in text]
    return sum(len(glyph[0]) for glyph in glyphs), max(len(glyphs) - 1, 0)


def cell_sizes(text: str, width: int, height: int) -> tuple[int, int, int]:
    """(scale, glyph column width, gap width) for the largest drawing of `text` that fits.

    The scale sets the height (five rows each). A glyph's column is two cells wide per step
    of scale (terminal cells are about twice as tall as wide), the gap between glyphs one;
    where the width is short, columns narrow down to three quarters of that before the
    drawing loses height. When even scale 1 is too wide, the glyphs are drawn narrow rather
    than cut off.
    """
    columns, gaps = _glyph_columns(text)
    columns = max(columns, 1)
    for scale in range(max(height // ROWS, 1), 0, -1):
        column = min(2 * scale, (width - gaps * scale) // columns)
        if column >= max(2, math.ceil(1.5 * scale)):
            return scale, column, scale
    return 1, 1, 1


def scale_to_fit(text: str, width: int, height: int) -> int:
    """The largest whole scale at which `text` fits the given cells (at least 1)."""
    return cell_sizes(text, width, height)[0]


def sized_like(text: str) -> str:
    """The text the drawing is sized for: a countdown keeps room for overtime's "+", so that
    "+00:08" is drawn as tall as "00:08" was."""
    return text if text[:1] in "+-" else "+" + text


def drawn_width(text: str, column: int, gap: int) -> int:
    columns, gaps = _glyph_columns(text)
    return columns * column + gaps * gap


class BigClock(Widget):
    """Draws its `text` in block letters as large as its own size allows, centred."""

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; content-align: center middle; }
    """

    text: reactive[str] = reactive("00:00")
    """What to draw: digits, ':', '+' and '-'."""

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        text = self.text
        room = sized_like(text)
        scale, column, gap = cell_sizes(room, width, height)
        top = (height - ROWS * scale) // 2
        base = self.rich_style
        if not top <= y < top + ROWS * scale:
            return Strip.blank(width, base)
        row = (y - top) // scale
        # Centred as drawn; sized for the "+" of overtime, so that it does not shrink then.
        left = max(0, (width - drawn_width(text, column, gap)) // 2)
        segments = [Segment(" " * left, base)]
        for number, ch in enumerate(text):
            if number:
                segments.append(Segment(" " * gap, base))
            for cell in GLYPHS.get(ch, GLYPHS[" "])[row]:
                segments.append(Segment(("█" if cell == "#" else " ") * column, base))
        used = left + drawn_width(text, column, gap)
        segments.append(Segment(" " * max(0, width - used), base))
        return Strip(segments, width).crop(0, width)
