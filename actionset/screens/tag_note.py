"""A short note of the words said, for the last tag; advice-like words suggest a re-code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from actionset.model.advice import suggest_recode
from actionset.model.codebook import code_label
from actionset.model.contributions import Contribution
from actionset.model.set import Code
from actionset.safe_text import safe
from actionset.widgets.field import TextField


class NoteScreen(ModalScreen[tuple[str, str | None] | None]):
    """Type the words; enter saves. If they sound like advice, y re-codes, n keeps the code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("y", "confirm(True)", "Re-code", show=False, id="note.recode"),
        Binding("n", "confirm(False)", "Keep", show=False, id="note.keep"),
    ]
    CSS_PATH = "tag_note.tcss"

    def __init__(self, contribution: Contribution, codebook: Sequence[Code]) -> None:
        super().__init__()
        self.contribution = contribution
        self.codebook = list(codebook)
        self.suggested: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                f"Words said by {safe(self.contribution.member)} "
                f"({safe(code_label(self.codebook, self.contribution.code))}):",
                markup=False,
            )
            yield TextField(self.contribution.note, placeholder="What did they say?")
            yield Static(id="suggestion")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        note = event.value.strip()
        self.suggested = suggest_recode(note, self.contribution.code)
        if self.suggested is None:
            self.dismiss((note, None))
            return
        event.input.disabled = True
        self.query_one("#suggestion", Static).update(
            f"That sounds like advice. "
            f"Re-code as {safe(code_label(self.codebook, self.suggested))}? "
            "y re-codes · n keeps it as it is"
        )
        self.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return self.suggested is not None
        return True

    def action_confirm(self, recode: bool) -> None:
        note = self.query_one(Input).value.strip()
        self.dismiss((note, self.suggested if recode else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
