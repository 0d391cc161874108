"""A block-letter time display that grows with its widget, for the back of the room."""

from __future__ import annotations

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


def scale_to_fit(text: str, width: int, height: int) -> int:
    """The largest whole scale at which `text` fits the given cells (at least 1)."""
    columns = len(layout(text)[0]) * 2
    return max(1, min(width // max(columns, 1), height // ROWS))


class BigClock(Widget):
    """Draws its `text` in block letters as large as its own size allows."""

    DEFAULT_CSS = """
    BigClock { width: 1fr; height: 1fr; content-align: center middle; }
    """

    text: reactive[str] = reactive("00:00")
    """What to draw: digits, ':', '+' and '-'."""

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        rows = layout(self.text)
        scale = scale_to_fit(self.text, width, height)
        drawn_width = len(rows[0]) * 2 * scale
        top = (height - ROWS * scale) // 2
        if not top <= y < top + ROWS * scale:
            return Strip.blank(width, self.rich_style)
        row = rows[(y - top) // scale]
        left = max(0, (width - drawn_width) // 2)
        base = self.rich_style
        segments = [Segment(" " * left, base)]
        for cell in row:
            segments.append(Segment(("█" if cell == "#" else " ") * (2 * scale), base))
        segments.append(Segment(" " * max(0, width - left - drawn_width), base))
        return Strip(segments, width).crop(0, width)
