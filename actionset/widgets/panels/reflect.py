"""Short notes, one per line: the presenter's reflection, and the set's in the process review."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from actionset.model.record import presentation_for
from actionset.safe_text import safe
from actionset.screens.yes_no import YesNoScreen
from actionset.widgets.field import TextField
from actionset.widgets.panels.actions import slot_presenter
from actionset.widgets.panels.base import PhasePanel
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.model.clock import MeetingClock
    from actionset.session import ConsoleSession


def notes_for_the_room(
    meeting: Meeting,
    actions: list[Action],
    issues: list[Issue],
    the_set: Set,
    *,
    past: Sequence[Meeting] = (),
    now: Callable[[], float] = time.time,
) -> Text | None:
    """Nothing: reflections are the facilitator's notes of what was said, not the room's to
    read (in the process review the projector shows its tag summary, `o`)."""
    return None


def _note_lines(notes: list[str], cursor: int | None) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=3, no_wrap=True, justify="right")
    table.add_column(ratio=1)
    for number, note in enumerate(notes, start=1):
        chosen = cursor == number - 1
        body = Text()
        body.append(safe(note), style="reverse" if chosen else "")
        table.add_row(Text(f"{'▶' if chosen else ' '} {number}", style="bold"), body)
    return table


class NotesPanel(PhasePanel):
    """Notes one per line, with a field at the bottom: enter there adds the line typed (or
    saves the line being edited). Every change is in the meeting file at once."""

    DEFAULT_CSS = """
    NotesPanel #notes { margin-top: 1; }
    NotesPanel #note { dock: bottom; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "type_note", "Add note"),
        Binding("enter", "edit", "Edit note"),
        Binding("delete", "remove", "Remove note"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("escape", "leave_field", "Leave the field", show=False),
    ]
    EMPTY = "Nothing noted yet: a (or ↓) to type a line, enter to add it."

    def __init__(
        self, session: ConsoleSession, clock: MeetingClock, *, id: str | None = None
    ) -> None:
        super().__init__(session, clock, id=id)
        self.cursor: int | None = 0
        self.editing: int | None = None
        """The line the field holds for editing; None while it adds a new one."""

    # -- what a kind of notes panel says: overridden

    def heading(self) -> Text:
        raise NotImplementedError

    def can_note(self) -> bool:
        return True

    def notes(self) -> list[str]:
        raise NotImplementedError

    def keep(self, notes: list[str]) -> None:
        """Put the notes in the meeting (the panel saves it)."""
        raise NotImplementedError

    # -- the panel

    def compose(self) -> ComposeResult:
        yield Static("", id="heading", classes="heading", markup=False)
        yield Static("", id="notes", markup=False)
        yield Static(
            "a type · enter add/edit · del remove · ↑↓ choose · esc back",
            classes="hint",
            markup=False,
        )
        yield TextField(placeholder="type a line, enter to add it", id="note")

    def on_mount(self) -> None:
        self.show()

    def follow(self, clock: MeetingClock) -> None:
        self.show()

    @property
    def field(self) -> TextField:
        return self.query_one("#note", TextField)

    def show(self) -> None:
        self.query_one("#heading", Static).update(escaped(self.heading()))
        listing = self.query_one("#notes", Static)
        field = self.field
        field.disabled = not self.can_note()
        # a field only while it has the keys: focused, or holding a line not yet added
        field.display = field.has_focus or bool(field.value)
        if not self.can_note():
            listing.update(
                Text("No presenter in this slot yet: confirm the bids first.", style="dim")
            )
            return
        notes = self.notes()
        if self.cursor is not None:
            self.cursor = max(min(self.cursor, len(notes) - 1), 0)
        chosen = None if self.field.has_focus else self.cursor
        listing.update(_note_lines(notes, chosen) if notes else Text(self.EMPTY, style="dim"))

    def _save(self, notes: list[str]) -> None:
        self.keep(notes)
        self.session.save_meeting()
        self.show()

    # -- keys

    def action_move(self, step: int) -> None:
        notes = self.notes() if self.can_note() else []
        if self.field.has_focus:
            if step < 0 and notes:
                self._leave_field(len(notes) - 1)
            return
        at = (self.cursor or 0) + step
        if step > 0 and at >= len(notes):
            self.action_type_note()
            return
        self.cursor = max(min(at, len(notes) - 1), 0)
        self.show()

    def action_type_note(self) -> None:
        if not self.can_note():
            self.refuse("a types a line once the slot has a presenter")
            return
        self.editing = None
        self._type_in_field()

    def _type_in_field(self) -> None:
        self.field.display = True
        self.field.focus()
        self.show()

    def action_edit(self) -> None:
        notes = self.notes() if self.can_note() else []
        if not notes or self.cursor is None or (self.editing is None and self.field.value):
            # a new line's draft waits in the field: back to it, rather than over it
            self.action_type_note()
            return
        self.editing = self.cursor
        self.field.hold(notes[self.cursor])
        self._type_in_field()

    def on_descendant_focus(self) -> None:
        self.show()

    def on_descendant_blur(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is the field's only: elsewhere it stays the console's."""
        if action != "leave_field":
            return super().check_action(action, parameters)
        fields = self.query(Input)
        return bool(fields) and fields.first().has_focus

    def action_leave_field(self) -> None:
        self._leave_field(self.editing if self.editing is not None else self.cursor)

    def _leave_field(self, cursor: int | None) -> None:
        """Back to the lines: an edit left is dropped, a new line's draft stays typed."""
        if self.editing is not None:
            self.field.value = ""
        self.editing = None
        self.cursor = cursor
        self.focus()
        self.show()

    @on(Input.Submitted, "#note")
    def _add_or_change(self, event: Input.Submitted) -> None:
        event.stop()
        # The words enter was pressed on: what was typed after it (faster than the panel) is
        # the next line's start and stays in the field; an enter whose words an earlier one
        # already added (the field no longer begins with them) adds nothing again.
        typed = self.field.value
        if not typed.startswith(event.value):
            return
        line, rest = event.value.strip(), typed[len(event.value) :]
        notes = self.notes()
        if self.editing is not None:
            at = self.editing
            if line and at < len(notes):
                notes[at] = line
                self._save(notes)
            self._leave_field(at)
            return
        if line:
            self._save([*notes, line])
            self.cursor = len(notes)
        self.field.hold(rest)

    def action_remove(self) -> None:
        notes = self.notes() if self.can_note() else []
        if not notes or self.cursor is None:
            return
        at = self.cursor
        note = notes[at]

        def answered(yes: bool | None) -> None:
            if yes:
                self._save([n for i, n in enumerate(self.notes()) if i != at])

        short = note if len(note) <= 40 else note[:39] + "…"
        self.app.push_screen(YesNoScreen(f"Remove the line “{short}”?"), answered)


class ReflectPanel(NotesPanel):
    """The presenter's reflection on their block: what they take away, one line each."""

    def heading(self) -> Text:
        presenter = slot_presenter(self.session.meeting)
        return Text(f"Reflect · {presenter}" if presenter else "Reflect")

    def can_note(self) -> bool:
        return bool(slot_presenter(self.session.meeting))

    def notes(self) -> list[str]:
        presentation = self.session.meeting.presentation(slot_presenter(self.session.meeting))
        return list(presentation.reflections) if presentation else []

    def keep(self, notes: list[str]) -> None:
        meeting = self.session.meeting
        presentation_for(meeting, slot_presenter(meeting)).reflections = notes


class ProcessReviewPanel(NotesPanel):
    """The set's reflection on how it worked today (the tag summary is the console's, `o`)."""

    def heading(self) -> Text:
        return Text("Process review · the set's reflections")

    def notes(self) -> list[str]:
        return list(self.session.meeting.reflections)

    def keep(self, notes: list[str]) -> None:
        self.session.meeting.reflections = notes
