"""The console's forms of several fields, and the one rule they keep (`FieldsForm`): enter in
any field saves the form when it holds; when it does not, the field that is wrong takes the
focus and the problem line says what is wrong, in words, with nothing saved. Tab and
shift+tab move between the fields (Textual's own focus keys); escape leaves without a change.
A field that takes the focus keeps its text, the cursor at its end, so the letters typed next
add to a filled-in value (an owner, a date) and never silently replace it.

`FormScreen` is the small form of labelled fields whose caller checks the answer (`check`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from actionset.safe_text import safe
from actionset.widgets.field import TextField

T = TypeVar("T")
Answer = dict[str, str]

FORM_KEYS = "enter save · tab next field · escape cancel"
"""The keys of every form of several fields, in words, for the line under its fields."""


@dataclass(frozen=True)
class Problem:
    """What is wrong with a form as filled in, and the field to put right (its id), if one."""

    text: str
    field: str | None = None


class FieldsForm(ModalScreen[T | None]):
    """A form of several Inputs that enter saves from any field (`answer`), or refuses with
    the focus on the field that is wrong and the reason on its `#problem` line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        # Tab moves the focus as it is pressed, before the keys after it are handed to a
        # field: Textual's own tab moves it only once the field it leaves has had the key,
        # and letters typed straight after it went on into that field.
        Binding("tab", "app.focus_next", show=False, priority=True, id="form.next"),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True, id="form.previous"),
    ]
    PROBLEM: ClassVar[str] = "#problem"
    """The line that says what is wrong."""

    def answer(self) -> T | Problem:
        """What the form holds, or what is wrong with it."""
        raise NotImplementedError

    @on(Input.Submitted)
    def _enter_saves(self, event: Input.Submitted) -> None:
        event.stop()
        # The field as enter found it: letters typed after enter, faster than the form, were
        # not meant for it (the form closes), and are not saved in it.
        if event.input.value != event.value and event.input.value.startswith(event.value):
            event.input.value = event.value
        self.action_save()

    def action_save(self) -> None:
        answer = self.answer()
        if isinstance(answer, Problem):
            self.refuse(answer)
            return
        self.dismiss(answer)

    def refuse(self, problem: Problem) -> None:
        """The problem said on the form, and the focus on the field that is wrong, its text
        as it was."""
        self.query_one(self.PROBLEM, Static).update(Text(problem.text))
        if problem.field is not None:
            self.query_one(f"#{problem.field}", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Field:
    """One line of the form: its key in the answer, its label, its value now, a hint."""

    key: str
    label: str
    value: str = ""
    placeholder: str = ""


class FormScreen(FieldsForm[Answer]):
    """A title, fields and Save; dismissed with the values by key, or None on escape. The
    caller checks the answer (`check`): a message keeps the form open with the message shown,
    so a mistake is told in words and nothing is saved."""

    CSS_PATH = "form.tcss"
    PROBLEM = "#error"

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
                    yield TextField(
                        field.value,
                        placeholder=field.placeholder,
                        id=f"field-{field.key}",
                        compact=True,
                    )
            yield Static(FORM_KEYS, id="keys", markup=False)
            yield Button("Save", variant="primary", id="save", compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).can_focus = False
        self.query(Input).first().focus()

    def answer(self) -> Answer | Problem:
        answer = {
            f.key: self.query_one(f"#field-{f.key}", Input).value.strip() for f in self.fields
        }
        problem = self.check(answer) if self.check is not None else None
        return Problem(safe(problem, "\n")) if problem else answer

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()
