"""The question asked when `run` opens a meeting that has already closed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from actionset.safe_text import safe


class ReopenScreen(ModalScreen[bool]):
    """Reopen the closed meeting (y), or leave it closed (n, escape): True to reopen."""

    BINDINGS = [
        Binding("y", "answer(True)", "Reopen", id="reopen.yes"),
        Binding("n,escape", "answer(False)", "Leave closed", id="reopen.no"),
    ]
    CSS_PATH = "reopen.tcss"

    def __init__(self, ended: str) -> None:
        super().__init__()
        self.ended = ended

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Today's meeting has closed.")
            yield Label(safe(self.ended), markup=False)
            yield Label("Reopen it on its last phase, paused? Its end time is cleared.")
            with Horizontal():
                yield Button("Leave closed (n)", id="leave", variant="primary")
                yield Button("Reopen (y)", id="reopen")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "reopen")

    def action_answer(self, reopen: bool) -> None:
        self.dismiss(reopen)
