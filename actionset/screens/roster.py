"""Who came, and who presents: chosen from the roster with the arrows, space and enter."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList


class ChooseMembersScreen(ModalScreen[list[str] | None]):
    """A list of members to tick; enter (or the button) confirms in roster order."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ChooseMembersScreen { align: center middle; }
    ChooseMembersScreen > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ChooseMembersScreen SelectionList { height: auto; max-height: 14; }
    """

    def __init__(self, question: str, members: Sequence[str], chosen: Sequence[str]) -> None:
        super().__init__()
        self.question = question
        self.members = list(members)
        self.chosen = set(chosen)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question)
            yield SelectionList[str](*((Text(name), name, name in self.chosen)
                                      for name in self.members))
            yield Label("space ticks · enter confirms · escape cancels")
            yield Button("Confirm", variant="primary")

    @on(Button.Pressed)
    def confirm(self) -> None:
        ticked = set(self.query_one(SelectionList).selected)
        self.dismiss([name for name in self.members if name in ticked])

    def key_enter(self) -> None:
        self.confirm()

    def action_cancel(self) -> None:
        self.dismiss(None)
