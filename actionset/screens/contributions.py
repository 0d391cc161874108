"""Every contribution of the meeting, to re-code or delete any of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from actionset.model.codebook import code_for_key

if TYPE_CHECKING:
    from actionset.screens.meeting import MeetingScreen


class ContributionsScreen(ModalScreen[None]):
    """Arrows choose a row; a code key re-codes it; d deletes it; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("d,delete", "delete", "Delete"),
    ]
    DEFAULT_CSS = """
    ContributionsScreen { align: center middle; }
    ContributionsScreen > Vertical {
        width: 90%; height: 80%; border: round $accent; background: $surface;
    }
    ContributionsScreen DataTable { height: 1fr; }
    """

    def __init__(self, console: MeetingScreen) -> None:
        super().__init__()
        self.console = console
        for code in console.codebook:
            self._bindings.bind(code.key, f"recode('{code.key}')", f"as {code.name}")

    def compose(self) -> ComposeResult:
        keys = " ".join(code.key for code in self.console.codebook)
        with Vertical():
            yield Static(f"Contributions · {keys} re-codes the chosen row · d deletes it")
            yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("time", "phase", "member", "kind", "note")
        self.fill()
        table.move_cursor(row=table.row_count - 1)

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.console.contributions:
            table.add_row(*(Text(cell) for cell in (item.at[11:19], item.phase, item.member,
                                                    item.code, item.note)), key=str(item.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _chosen(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_recode(self, key: str) -> None:
        ident = self._chosen()
        code = code_for_key(self.console.codebook, key)
        if ident is not None and code is not None:
            self.console.recode(ident, code.name)
            self.fill()

    def action_delete(self) -> None:
        ident = self._chosen()
        if ident is not None:
            self.console.delete(ident)
            self.fill()

    def action_close(self) -> None:
        self.dismiss(None)
