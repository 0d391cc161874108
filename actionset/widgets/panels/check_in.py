"""The check-in: who is here (one key per member) and the set's ground rules beside the roll."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from actionset.model.meeting import AttendanceState
from actionset.model.members import roster_numbers
from actionset.model.record import facilitator_of
from actionset.safe_text import safe
from actionset.widgets.panels.base import PhasePanel

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set

ATTENDANCE_CYCLE = (AttendanceState.present, AttendanceState.apologies, AttendanceState.absent)
MARKS = {
    AttendanceState.present: ("●", "green"),
    AttendanceState.apologies: ("○", "yellow"),
    AttendanceState.absent: ("✗", "red"),
}
ROLL_KEYS = "123456789"  # a member's roster number; a tenth and later are reached with ↑↓ enter


def next_state(state: AttendanceState) -> AttendanceState:
    """One press on a member: present → apologies → absent → present."""
    return ATTENDANCE_CYCLE[(ATTENDANCE_CYCLE.index(state) + 1) % len(ATTENDANCE_CYCLE)]


class CheckInPanel(PhasePanel):
    """The roll call: each member's number (or enter on the highlighted one) moves them on from
    present to apologies to absent; saved to the meeting file at once."""

    BINDINGS = [
        *(Binding(key, f"cycle({key})", f"member {key}", show=False) for key in ROLL_KEYS),
        Binding("up", "move(-1)", "up", show=False),
        Binding("down", "move(1)", "down", show=False),
        Binding("enter", "cycle_highlighted", "attendance"),
    ]

    DEFAULT_CSS = """
    CheckInPanel #heading { height: auto; }  /* wraps where the facilitator's name does not fit */
    CheckInPanel #roll { height: auto; margin-bottom: 1; }
    CheckInPanel #rules { height: auto; margin-bottom: 1; }
    """

    highlighted = 0

    class AttendanceChanged(Message):
        """Someone's attendance changed (and is saved): equal time may follow it."""

    @property
    def numbered(self) -> list[tuple[int, str]]:
        """Each member at this meeting with their own number (`roster_numbers`)."""
        the_set, date = self.session.the_set, self.session.meeting.date
        return [(n, m.name) for n, m in roster_numbers(the_set, date)]

    @property
    def roster(self) -> list[str]:
        return [name for _, name in self.numbered]

    def compose(self) -> ComposeResult:
        top = min(max((n for n, _ in self.numbered), default=0), len(ROLL_KEYS))
        yield Static(classes="heading", id="heading")
        yield Static(id="roll")
        yield Static(self._rules(), id="rules")
        yield Static(
            Text(
                f"1–{top} member: present → apologies → absent · ↑↓ enter",
                no_wrap=True,
                overflow="ellipsis",
            ),
            classes="hint",
        )

    def on_mount(self) -> None:
        self._show()

    def _rules(self) -> Text:
        rules = self.session.the_set.ground_rules
        text = Text()
        text.append("Ground rules\n", style="bold")
        if not rules:
            text.append("none written in set.toml", style="italic dim")
        for number, rule in enumerate(rules, 1):
            text.append(f"{number}. ", style="dim")
            text.append(safe(rule))
            if number < len(rules):
                text.append("\n")
        return text

    def _show(self) -> None:
        meeting = self.session.meeting
        roster = self.roster
        states = [meeting.attendance.state_of(name) for name in roster]
        here = states.count(AttendanceState.present)
        heading = Text.assemble("Check-in", (f" · {here} of {len(roster)} here", "dim"))
        if not meeting.attendance.taken:
            heading.append(" · not taken yet", style="dim italic")
        if facilitator := facilitator_of(meeting, self.session.the_set):
            heading.append(f" · facilitated by {safe(facilitator)}", style="dim")
        self.query_one("#heading", Static).update(heading)
        roll = Text()
        for index, ((number, name), state) in enumerate(zip(self.numbered, states, strict=True)):
            mark, colour = MARKS[state]
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{number:>2} " if str(number) in ROLL_KEYS else "   ", style="dim")
            line.append(f"{mark} ", style=colour)
            line.append(f"{safe(name):<28}"[:28])
            line.append(f" {state.value}", style=colour)
            if index == self.highlighted:
                line.stylize("reverse")
            roll.append_text(line)
            roll.append("\n")
        roll.rstrip()
        self.query_one("#roll", Static).update(roll)

    def action_move(self, step: int) -> None:
        if self.roster:
            self.highlighted = (self.highlighted + step) % len(self.roster)
            self._show()

    def action_cycle(self, number: int) -> None:
        """The member with this number moves on; a number nobody holds says so."""
        index = next((i for i, (n, _) in enumerate(self.numbered) if n == number), None)
        if index is None:
            self.app.bell()
            self.notify(f"No member has number {number}.", severity="warning", timeout=2)
            return
        self._cycle_row(index)

    def _cycle_row(self, index: int) -> None:
        roster = self.roster
        self.highlighted = index
        name = roster[index]
        meeting = self.session.meeting
        meeting.set_attendance(name, next_state(meeting.attendance.state_of(name)), roster)
        self.session.save_meeting()
        self._show()
        self.post_message(self.AttendanceChanged())

    def action_cycle_highlighted(self) -> None:
        if self.highlighted < len(self.roster):
            self._cycle_row(self.highlighted)


def check_in_for_the_room(
    meeting: Meeting,
    actions: list[Action],
    issues: list[Issue],
    the_set: Set,
    *,
    past: Sequence[Meeting] = (),
    now: Callable[[], float] = time.time,
) -> Text | None:
    """Who is here and who sent apologies, by name only (nothing the facilitator typed, and
    nobody named as absent without word); the board above already shows the ground rules."""
    roster = [m.name for m in the_set.members_at(meeting.date)]
    here = [name for name in roster if meeting.is_present(name)]
    sorry = [
        name for name in roster if meeting.attendance.state_of(name) is AttendanceState.apologies
    ]
    text = Text()
    text.append("Here today\n", style="bold")
    text.append(safe(", ".join(here)) if here else "nobody yet")
    if sorry:
        text.append("\nApologies: ", style="bold")
        text.append(safe(", ".join(sorry)))
    return text
