"""The close panel: the next meeting confirmed, and who facilitates it."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from actionset.model import Action, Issue, Meeting, Set
from actionset.model.dates import long_date
from actionset.model.meeting import NextMeeting
from actionset.model.record import facilitator_of, follow_the_next_meeting, next_meeting_default
from actionset.model.rotation import after, the_round
from actionset.safe_text import safe
from actionset.screens.form import FORM_KEYS, FieldsForm, Problem
from actionset.widgets.field import TextField
from actionset.widgets.panels.base import PhasePanel
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.model.clock import MeetingClock
    from actionset.session import ConsoleSession


@dataclass(frozen=True)
class CloseRecord:
    """What the close form returns: the next meeting, and who facilitated this one."""

    next_meeting: NextMeeting
    facilitated_by: str


class CloseForm(FieldsForm[CloseRecord]):
    """The next meeting's date, time, place and facilitator, and today's facilitator.

    Enter in any field (or ctrl+s) keeps them (`FieldsForm`); escape leaves them as they were.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save")]
    DEFAULT_CSS = """
    CloseForm { align: center middle; }
    CloseForm > Vertical {
        width: 70; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    CloseForm #problem { color: $error; height: auto; }
    """

    FIELDS = (
        ("date", "Next meeting (YYYY-MM-DD)"),
        ("time", "Time (HH:MM)"),
        ("place", "Place"),
        ("facilitator", "Facilitates it"),
        ("facilitated_by", "Facilitated today by"),
    )

    def __init__(self, proposed: NextMeeting, facilitated_by: str) -> None:
        super().__init__()
        self.values = {
            "date": proposed.date.isoformat(),
            "time": proposed.time,
            "place": proposed.place,
            "facilitator": proposed.facilitator,
            "facilitated_by": facilitated_by,
        }

    def compose(self) -> ComposeResult:
        with Vertical():
            for name, label in self.FIELDS:
                yield Label(label)
                yield TextField(self.values[name], id=name)
            yield Static(id="problem")
            yield Label(FORM_KEYS)

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def answer(self) -> CloseRecord | Problem:
        try:
            date = dt.date.fromisoformat(self.value("date"))
        except ValueError:
            return Problem("The date is written YYYY-MM-DD.", "date")
        try:
            following = NextMeeting(
                date=date,
                time=self.value("time"),
                place=self.value("place"),
                facilitator=self.value("facilitator"),
            )
        except ValidationError:
            return Problem("The time is written HH:MM, e.g. 09:30.", "time")
        return CloseRecord(following, self.value("facilitated_by"))


def next_meeting_text(following: NextMeeting) -> str:
    """ "Monday 4 January 2027, 09:30, Committee Room 2"."""
    return ", ".join(
        filter(None, (long_date(following.date, weekday=True), following.time, following.place))
    )


class ClosePanel(PhasePanel):
    """The next meeting as proposed (a cadence on, this meeting's time and place) until the
    facilitator confirms it (`c`) or changes it (enter: a form); each is saved at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "confirm", "Confirm"),
        Binding("enter", "change", "Change"),
        Binding("f", "next_facilitator", "Facilitator"),
    ]

    def __init__(
        self, session: ConsoleSession, clock: MeetingClock, *, id: str | None = None
    ) -> None:
        super().__init__(session, clock, id=id)
        self.chosen: str | None = None
        """Whom `f` chose to facilitate a next meeting not yet confirmed."""

    @property
    def proposed(self) -> NextMeeting:
        """The next meeting as confirmed, else as the set's rules propose it, with the
        facilitator `f` chose (not saved until `c` confirms it)."""
        meeting = self.session.meeting
        if meeting.next_meeting is not None:
            return meeting.next_meeting
        proposal = next_meeting_default(meeting, self.session.the_set)
        if self.chosen is not None:
            return proposal.model_copy(update={"facilitator": self.chosen})
        return proposal

    def compose(self) -> ComposeResult:
        yield Static(Text("Close"), classes="heading")
        yield Static(id="record")
        yield Static(
            Text(
                "c confirm · enter change · f next facilitator in turn\n"
                "the room sees the next meeting once it is confirmed"
            ),
            classes="hint",
        )

    def on_mount(self) -> None:
        self.show_record()

    def show_record(self) -> None:
        meeting, the_set = self.session.meeting, self.session.the_set
        following = self.proposed
        text = Text()
        text.append("Next meeting  ", style="bold")
        text.append(
            ", ".join(filter(None, (long_date(following.date, weekday=True), following.time)))
        )
        text.append("\nPlace         ", style="bold")
        text.append(safe(following.place) or "—")
        text.append("\n" + " " * 14)
        text.append(
            "confirmed" if meeting.next_meeting else "proposed: c confirms it",
            style="green" if meeting.next_meeting else "yellow",
        )
        text.append("\nFacilitates   ", style="bold")
        text.append(safe(following.facilitator) or "—")
        text.append("\n\nFacilitated today by  ", style="dim")
        text.append(safe(facilitator_of(meeting, the_set)))
        text.append("\n")
        self.query_one("#record", Static).update(escaped(text))

    def _keep(self, following: NextMeeting, facilitated_by: str | None = None) -> None:
        meeting = self.session.meeting
        old = self.proposed.date
        meeting.next_meeting = following
        moved = follow_the_next_meeting(self.session.actions, meeting, old, following.date)
        if moved:
            self.session.save_actions()
            count = (
                "1 action agreed today is"
                if len(moved) == 1
                else (f"{len(moved)} actions agreed today are")
            )
            self.notify(
                f"{count} due on {long_date(following.date)} now, with the next meeting.",
                timeout=4,
                markup=False,
            )
        if facilitated_by is not None:
            # The set's own facilitator is the default: the file names only someone else.
            set_default = self.session.the_set.facilitator
            meeting.facilitator = "" if facilitated_by == set_default else facilitated_by
        self.session.save_meeting()
        self.show_record()

    def action_confirm(self) -> None:
        already = self.session.meeting.next_meeting is not None
        self._keep(self.proposed)
        said = "is confirmed" if already else "confirmed"
        self.notify(
            f"Next meeting {said}: {next_meeting_text(self.proposed)}. The room sees it; "
            "enter changes it.",
            timeout=4,
            markup=False,
        )

    def action_change(self) -> None:
        meeting = self.session.meeting

        def changed(record: CloseRecord | None) -> None:
            if record is not None:
                self._keep(record.next_meeting, record.facilitated_by)

        self.app.push_screen(
            CloseForm(self.proposed, facilitator_of(meeting, self.session.the_set)), changed
        )

    def action_next_facilitator(self) -> None:
        """The next in the whole round (`rotation.the_round`), then back to its first; a
        confirmed next meeting keeps its date, one only proposed stays to confirm with `c`."""
        following = after(the_round(self.session.the_set), self.proposed.facilitator)
        if not following:
            return
        if self.session.meeting.next_meeting is not None:
            self._keep(self.proposed.model_copy(update={"facilitator": following}))
            said = f"{following} facilitates the next meeting now: saved"
        else:
            self.chosen = following
            self.show_record()
            said = f"{following} proposed to facilitate the next meeting: c confirms it"
        self.notify(f"{said}. f moves on the turn.", timeout=4, markup=False)  # shown escaped


def close_for_the_room(
    meeting: Meeting,
    actions: list[Action],
    issues: list[Issue],
    the_set: Set,
    *,
    past: Sequence[Meeting] = (),
    now: Callable[[], float] = time.time,
) -> Text | None:
    """ "Next meeting: Monday 4 January 2027, 09:30, Committee Room 2", once confirmed."""
    if meeting.next_meeting is None:
        return None
    return Text(safe(f"Next meeting: {next_meeting_text(meeting.next_meeting)}"))
