"""The tag pane's roster, drawn a row at a time: a tag changes one row, and only that row is
drawn again.

Textual's DataTable, which the pane had, draws every cell again after any change (its caches
follow a count of updates), 5 to 7 ms at each code key and at each `t` that shows the pane.
This table draws the same cells the same way (each cell a Rich `Text` rendered to its
column's width over the row's style, the header in the header's style, the rest of a line
in a fainter shade of it), and keeps each row's line until that row, its width or its
styles change.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.geometry import Region, Size
from textual.renderables.styled import Styled
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = tuple[tuple[str, str, str | None], ...]
"""What a row shows: each cell's words, style and justification."""


def _drawn(row: Sequence[Text]) -> Cells:
    return tuple((cell.plain, str(cell.style), cell.justify) for cell in row)


class RosterTable(ScrollView, can_focus=False):
    """A table of a header and rows of `Text` cells, looking as Textual's DataTable does with
    no cursor and no padding; its header stays while the rows scroll."""

    COMPONENT_CLASSES = {"roster-table--header"}
    DEFAULT_CSS = """
    RosterTable { background: $surface; color: $foreground; height: auto; max-height: 100%; }
    RosterTable > .roster-table--header {
        text-style: bold; background: $panel; color: $foreground;
    }
    RosterTable:ansi > .roster-table--header {
        background: ansi_bright_blue; color: ansi_default;
    }
    """

    def __init__(self, columns: Sequence[tuple[str, int | None]], *, id: str | None = None) -> None:
        """`columns`: each column's label and width (None: as wide as its widest cell)."""
        super().__init__(id=id)
        self.labels = [Text.from_markup(label) for label, _ in columns]
        self._fixed = [width for _, width in columns]
        self._widths = [
            width if width is not None else cell_len(label.plain)
            for label, width in zip(self.labels, self._fixed, strict=True)
        ]
        self.rows: list[list[Text]] = []
        self._drawn: list[Cells] = []
        self._lines: dict[int, tuple[object, Strip]] = {}
        """Each row's line as last drawn (the header's at -1), with what it was drawn from."""
        self._styles: tuple[Style, Style] | None = None
        """The table's and its header's style while its lines are drawn (`render_lines`)."""

    def on_mount(self) -> None:
        self.virtual_size = Size(sum(self._widths), 1)  # the header, before any row

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def show(self, rows: Sequence[Sequence[Text]]) -> None:
        """Show `rows`: only those that changed are drawn again, unless the columns widen."""
        drawn = [_drawn(row) for row in rows]
        if drawn == self._drawn:
            return
        self.rows = [list(row) for row in rows]
        self._drawn = drawn
        widths = [
            fixed if fixed is not None else max(width, *(cell_len(r[i].plain) for r in rows))
            for i, (fixed, width) in enumerate(zip(self._fixed, self._widths, strict=True))
        ]  # auto columns only grow, as the DataTable's did
        size = Size(sum(widths), 1 + len(rows))
        self._widths = widths
        if size != self.virtual_size:
            self.virtual_size = size
            self.refresh(layout=True)
        else:
            self.refresh()  # the rows that did not change are drawn from `_lines`

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in `crop`, each drawn over the styles read once for all of them: the
        table's style is read up its ancestors, and read for each line it cost more than the
        rows kept."""
        self._styles = self._read_styles()
        try:
            return super().render_lines(crop)
        finally:
            self._styles = None

    def _read_styles(self) -> tuple[Style, Style]:
        """The table's style and its header's."""
        return self.rich_style, self.get_component_styles("roster-table--header").rich_style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base, header_style = self._styles or self._read_styles()  # or a line drawn on its own
        scroll_x, scroll_y = self.scroll_offset
        index = -1 if y == 0 else y - 1 + scroll_y  # the header stays
        if index >= len(self.rows):
            return Strip.blank(width, base)
        if index == -1:
            cells = self.labels
            row_style = header_style
        else:
            cells = self.rows[index]
            row_style = base
        key = (_drawn(cells), tuple(self._widths), width, scroll_x, base, row_style)
        kept = self._lines.get(index)
        if kept is not None and kept[0] == key:
            return kept[1]
        strip = self._row_strip(index, cells, row_style, base, width, scroll_x)
        self._lines[index] = (key, strip)
        return strip

    def _row_strip(
        self,
        index: int,
        cells: Sequence[Text],
        row_style: Style,
        base: Style,
        width: int,
        scroll_x: int,
    ) -> Strip:
        """One line of the table, drawn as the DataTable draws a row."""
        console = self.app.console
        segments: list[Segment] = []
        no_style = Style.from_color(color=None) + Style.from_color(bgcolor=None)
        for column, (cell, cell_width) in enumerate(zip(cells, self._widths, strict=True)):
            options = self.app.console_options.update_dimensions(cell_width, 1)
            lines = console.render_lines(
                Styled(
                    Padding(cell, (0, 0)),
                    pre_style=row_style + Style.from_meta({"row": index, "column": column}),
                    post_style=no_style,
                ),
                options.update(no_wrap=True),
            )
            segments.extend(lines[0])
        # The rest of the line in the row's colours, its background faded into the widget's
        if row_style.bgcolor is not None:
            faded = Color.from_rich_color(row_style.bgcolor).blend(
                self.background_colors[1], factor=0.25
            )
            rest = Style.from_color(color=row_style.color, bgcolor=faded.rich_color)
        else:
            rest = Style.from_color(row_style.color, row_style.bgcolor)
        rest += Style.from_meta({"row": index, "column": 0, "out_of_bounds": True})
        segments.append(Segment(" " * max(0, width - sum(self._widths)), rest))
        line = Strip(segments).crop(scroll_x, scroll_x + width)
        return line.adjust_cell_length(width, base).simplify()
