"""A question the facilitator answers with one key: y for yes, n or escape for no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from actionset.safe_text import safe


class YesNoScreen(ModalScreen[bool]):
    """One line of question (plain text, never markup) and `y / n`; dismissed with the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="yes_no.yes"),
        Binding("n", "answer(False)", "No", id="yes_no.no"),
        Binding("escape", "answer(False)", "No", show=False, id="yes_no.escape"),
    ]
    CSS_PATH = "yes_no.tcss"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.question, "\n"), id="question", markup=False)
            yield Static("y yes · n no", id="keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
