"""A small form as a modal screen: labelled fields, enter saves, escape cancels.

The caller checks the answer (`check`): a message keeps the form open with the message
shown, so a mistake is told in words and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from actionset.safe_text import safe

Answer = dict[str, str]


@dataclass(frozen=True)
class Field:
    """One line of the form: its key in the answer, its label, its value now, a hint."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""


class FormScreen(ModalScreen[Answer | None]):
    """A title, fields and Save; dismissed with the values by key, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    CSS_PATH = "form.tcss"

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        check: Callable[[Answer], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.title_text, "\n"), id="title", markup=False)
            # Above the fields, so a long form never scrolls the reason out of sight.
            yield Static(id="error", markup=False)
            with VerticalScroll():
                for field in self.fields:
                    yield Label(safe(field.label), markup=False)
                    yield Input(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{field.key}",
                        compact=True,
                    )
            yield Static("enter saves · tab moves on · escape cancels", id="keys")
            yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).can_focus = False
        self.query(Input).first().focus()

    def answer(self) -> Answer:
        return {f.key: self.query_one(f"#field-{f.key}", Input).value.strip() for f in self.fields}

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        answer = self.answer()
        problem = self.check(answer) if self.check is not None else None
        if problem:
            self.query_one("#error", Static).update(safe(problem, "\n"))
            return
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
