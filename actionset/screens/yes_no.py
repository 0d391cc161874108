"""A question the facilitator answers with one key: y for yes, n or escape for no."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class YesNoScreen(ModalScreen[bool]):
    """One line of question (plain text, never markup) and `y / n`; dismissed with the answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]
    DEFAULT_CSS = """
    YesNoScreen { align: center middle; }
    YesNoScreen > Vertical {
        width: auto; max-width: 90%; height: auto;
        border: round $warning; background: $surface; padding: 0 2;
    }
    YesNoScreen Static { width: auto; }
    YesNoScreen #keys { color: $text-muted; }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question", markup=False)
            yield Static("y yes · n no", id="keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
