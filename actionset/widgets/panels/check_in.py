"""The check-in: who is here (one key per member) and the set's ground rules beside the roll."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from actionset.model.meeting import AttendanceState
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
        *(
            Binding(key, f"cycle({index})", f"member {key}", show=False)
            for index, key in enumerate(ROLL_KEYS)
        ),
        Binding("up", "move(-1)", "up", show=False),
        Binding("down", "move(1)", "down", show=False),
        Binding("enter", "cycle_highlighted", "attendance"),
    ]

    DEFAULT_CSS = """
    CheckInPanel #roll { height: auto; margin-bottom: 1; }
    CheckInPanel #rules { height: auto; margin-bottom: 1; }
    """

    highlighted = 0

    class AttendanceChanged(Message):
        """Someone's attendance changed (and is saved): equal time may follow it."""

    @property
    def roster(self) -> list[str]:
        return [m.name for m in self.session.the_set.members_at(self.session.meeting.date)]

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="heading")
        yield Static(id="roll")
        yield Static(self._rules(), id="rules")
        yield Static(
            Text(
                f"1–{min(len(self.roster), 9)} member: present → apologies → absent · ↑↓ enter",
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
            text.append(rule)
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
        self.query_one("#heading", Static).update(heading)
        roll = Text()
        for index, (name, state) in enumerate(zip(roster, states, strict=True)):
            mark, colour = MARKS[state]
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{index + 1:>2} " if index < len(ROLL_KEYS) else "   ", style="dim")
            line.append(f"{mark} ", style=colour)
            line.append(f"{name:<28}"[:28])
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

    def action_cycle(self, index: int) -> None:
        roster = self.roster
        if index >= len(roster):
            self.app.bell()
            return
        self.highlighted = index
        name = roster[index]
        meeting = self.session.meeting
        meeting.set_attendance(name, next_state(meeting.attendance.state_of(name)), roster)
        self.session.save_meeting()
        self._show()
        self.post_message(self.AttendanceChanged())

    def action_cycle_highlighted(self) -> None:
        self.action_cycle(self.highlighted)


def check_in_for_the_room(
    meeting: Meeting, actions: list[Action], issues: list[Issue], the_set: Set
) -> Text | None:
    """Who is here (names only: nobody's apologies on the wall); the board above already
    shows the ground rules in the check-in."""
    here = [m.name for m in the_set.members_at(meeting.date) if meeting.is_present(m.name)]
    text = Text()
    text.append("Here today\n", style="bold")
    text.append(", ".join(here) if here else "nobody yet")
    return text
