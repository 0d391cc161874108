"""Every contribution of the meeting, to re-code or delete any of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from actionset.model.codebook import code_for_key, code_label
from actionset.model.set import Code
from actionset.model.tag_session import CLOSED, Outcome, Step, TagSession
from actionset.safe_text import safe
from actionset.screens.keys import with_bindings
from actionset.widgets.steady_footer import SteadyFooter

CLOSE_AND_DELETE = [
    Binding("escape", "close", "Close", id="list.close"),
    Binding("d,delete", "delete", "Delete", id="list.delete"),
]


def recode_bindings(codebook: Sequence[Code]) -> list[Binding]:
    return [
        Binding(
            code.key,
            f"recode('{code.key}')",
            f"as {code_label(codebook, code.name)}",
            id=f"list.recode.{code.key}",
        )
        for code in codebook
    ]


class ContributionsScreen(ModalScreen[bool]):
    """Arrows choose a row; a code key re-codes it; d deletes it; escape closes.

    Changes go to the meeting's tags (and so to its journal) as they are made; the screen
    closes with whether anything changed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*CLOSE_AND_DELETE]
    CSS_PATH = "contributions.tcss"

    def __new__(cls, tags: TagSession) -> ContributionsScreen:
        """`ContributionsScreen(tags)` has a key for each of the set's codes."""
        if cls is ContributionsScreen:
            cls = with_bindings(
                ContributionsScreen, [*CLOSE_AND_DELETE, *recode_bindings(tags.codebook)]
            )
        return super().__new__(cls)

    def __init__(self, tags: TagSession) -> None:
        super().__init__()
        self.tags = tags
        self.changed = False

    def compose(self) -> ComposeResult:
        keys = " ".join(code.key for code in self.tags.codebook)
        with Vertical():
            yield Static(f"Contributions · {keys} re-codes the chosen row · d deletes it")
            yield DataTable(cursor_type="row", zebra_stripes=True)
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("time", "phase", "presenter", "member", "kind", "note")
        self.fill()
        table.move_cursor(row=table.row_count - 1)

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.tags.contributions:
            table.add_row(
                *(
                    Text(safe(cell))
                    for cell in (
                        item.at[11:19],
                        item.phase,
                        item.presenter,
                        item.member,
                        code_label(self.tags.codebook, item.code),
                        item.note,
                    )
                ),
                key=str(item.id),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _chosen(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def _done(self, step: Step) -> None:
        if step.outcome is Outcome.not_saved:
            self.notify(f"Tag not saved: {step.error}", severity="error", timeout=10, markup=False)
            return
        if step.outcome is Outcome.closed:
            self.notify(CLOSED, timeout=4)
            return
        self.changed = True
        self.fill()

    def action_recode(self, key: str) -> None:
        ident = self._chosen()
        code = code_for_key(self.tags.codebook, key)
        if ident is not None and code is not None:
            self._done(self.tags.recode(ident, code.name))

    def action_delete(self) -> None:
        """Delete the chosen tag once the facilitator says yes."""
        from actionset.screens.yes_no import YesNoScreen

        ident = self._chosen()
        item = next((c for c in self.tags.contributions if c.id == ident), None)
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._done(self.tags.delete(item.id))

        kind = code_label(self.tags.codebook, item.code)
        self.app.push_screen(
            YesNoScreen(f"Delete the tag: {item.member}, {kind}, at {item.at[11:19]}?"), answered
        )

    def action_close(self) -> None:
        self.dismiss(self.changed)
