"""A meeting of the set: who came, the agenda as planned and as run, and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from actionset.model.base import Found, Record, every_problem, problem_at
from actionset.model.dates import check_hh_mm


class PhaseKind(StrEnum):
    check_in = "check-in"
    report_back = "report-back"
    bids = "bids"
    present = "present"
    clarify = "clarify"
    probe = "probe"
    actions = "actions"
    reflect = "reflect"
    questions = "questions"
    reframe = "reframe"
    break_ = "break"
    process_review = "process-review"
    close = "close"
    other = "other"


QUESTIONING = frozenset({PhaseKind.clarify, PhaseKind.probe, PhaseKind.questions})
"""The phases in which the set questions the presenter: the coach watches them, and time to
spare in a plan shared out again goes to them."""


class PhaseStatus(StrEnum):
    pending = "pending"
    current = "current"
    done = "done"
    skipped = "skipped"


MAX_SECONDS = 7 * 24 * 3600
"""No phase runs for more than a week: a larger figure in a file is a mistake, not a plan."""


class AgendaPhase(Record):
    """One phase of the agenda, as planned and as it ran."""

    title: str = Field(min_length=1)
    kind: PhaseKind = PhaseKind.other
    planned_minutes: int = Field(ge=0, le=600)
    rule: str = ""
    presenter: str = ""
    allotted_seconds: int | None = Field(default=None, ge=0, le=MAX_SECONDS)
    actual_seconds: int = Field(default=0, ge=0, le=MAX_SECONDS)
    status: PhaseStatus = PhaseStatus.pending
    added: bool = False  # inserted during the meeting, not in the plan
    plan_seconds: int | None = Field(default=None, ge=0, le=MAX_SECONDS)
    """Seconds this meeting planned for the phase: what it had when the meeting started. None
    before the start, for a phase added since, and in files from before it was kept."""

    @property
    def allotted(self) -> int:
        """Seconds the phase has now, after the facilitator's changes of plan."""
        return self.planned_minutes * 60 if self.allotted_seconds is None else self.allotted_seconds

    @property
    def planned(self) -> int:
        """Seconds this meeting planned for the phase as it started (`plan_seconds`); a phase
        added during the meeting had none; an older file's phase, its template's minutes."""
        if self.plan_seconds is not None:
            return self.plan_seconds
        return 0 if self.added else self.planned_minutes * 60


class PlanChange(Record):
    """A change of plan made during the meeting, kept so planned versus actual can be told."""

    at: dt.datetime
    change: str
    phase: str
    seconds: int = Field(default=0, ge=-MAX_SECONDS, le=MAX_SECONDS)


class ClockState(Record):
    """Where the meeting's clock stands; saved on every change so a crash loses nothing."""

    phase: int = Field(default=0, ge=0, le=10_000)
    running: bool = False
    since: dt.datetime | None = None  # wall-clock start of the current running stretch
    # in this phase, before `since`
    elapsed_seconds: float = Field(default=0.0, ge=0, le=MAX_SECONDS)
    started_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None  # when the last phase was finished
    view: str = Field(default="countdown", pattern="^(countdown|elapsed|clock)$")
    muted: bool = False

    @model_validator(mode="after")
    def _running_has_since(self) -> ClockState:
        if self.running and self.since is None:
            raise problem_at(("running",), "a running clock needs `since`")
        return self


class AttendanceState(StrEnum):
    present = "present"
    apologies = "apologies"  # sent apologies beforehand
    absent = "absent"  # did not come, no word


class Attendance(Record):
    """Who came. Each state is a list of names, so a file reads as a roll call."""

    present: list[str] = Field(default_factory=list)
    apologies: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)

    def twice(self) -> list[tuple[AttendanceState, int, str]]:
        """Each name listed again after its first state: (state, index, the first state)."""
        seen: dict[str, str] = {}
        again = []
        for state in AttendanceState:
            for index, name in enumerate(getattr(self, state.value)):
                if (folded := name.casefold()) in seen:
                    again.append((state, index, seen[folded]))
                else:
                    seen[folded] = state.value
        return again

    @property
    def taken(self) -> bool:
        """Whether the facilitator has taken attendance at all."""
        return bool(self.present or self.apologies or self.absent)

    def state_of(self, member: str) -> AttendanceState:
        """A member's state; until attendance is taken, every member counts as present."""
        return state_on_roll(self.present, self.apologies, self.absent, member)


def state_on_roll(
    present: Sequence[str], apologies: Sequence[str], absent: Sequence[str], member: str
) -> AttendanceState:
    """A member's state on a roll: where they are first listed; until attendance is taken
    (nobody listed), every member counts as present."""
    folded = member.casefold()
    for state, names in zip(AttendanceState, (present, apologies, absent), strict=True):
        if any(name.casefold() == folded for name in names):
            return state
    return AttendanceState.absent if present or apologies or absent else AttendanceState.present


class Urgency(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class Bid(Record):
    """One member's answer in the bidding round: time today on an issue, or a pass.

    The issue is one of the member's issues by id, or a new one by its title (`new_issue`),
    which gets an id when the bid is confirmed (see `record.raise_issue`).
    """

    member: str = Field(min_length=1)
    passes: bool = False
    minutes: int | None = Field(default=None, ge=1, le=600)  # None: the template's block
    urgency: Urgency = Urgency.medium
    issue: str = ""
    new_issue: str = ""
    place: int | None = Field(default=None, ge=1)
    """Where the facilitator moved this bid in the running order, before confirming it; None
    while the order is the suggested one (see `bids.running_order`)."""

    @model_validator(mode="after")
    def _one_issue(self) -> Bid:
        if self.issue and self.new_issue:
            raise problem_at(
                ("new_issue",),
                "a bid names an issue by `issue` (an id) or by "
                "`new_issue` (a new issue's title), not both",
            )
        return self


class Presentation(Record):
    """A presenter today, the issue they worked on, and what they said in their reflection."""

    member: str = Field(min_length=1)
    issue: str = ""
    reflections: list[str] = Field(default_factory=list)
    stand_in: str = ""
    """Who facilitates this slot when its presenter is the meeting's facilitator
    (`record.facilitating`); empty for any other presenter."""


class NextMeeting(Record):
    """The next meeting as confirmed at the close."""

    date: dt.date
    time: str = ""
    place: str = ""
    facilitator: str = ""

    @field_validator("time")
    @classmethod
    def _time_is_hh_mm(cls, value: str) -> str:
        return check_hh_mm(value, "time")


class SummaryShown(StrEnum):
    hidden = "hidden"
    named = "named"
    anonymous = "anonymous"


class Meeting(Record):
    """One meeting, stored as `meetings/YYYY-MM-DD.toml`; its tags live in a journal beside it."""

    date: dt.date
    template: str = "half-day"
    closed: bool = False
    time: str = ""  # when the meeting was called for, HH:MM (the clock keeps when it started)
    place: str = ""
    facilitator: str = ""  # who facilitated; empty: the set's facilitator
    attendance: Attendance = Field(default_factory=Attendance)
    bids: list[Bid] = Field(default_factory=list)
    presenters: list[Presentation] = Field(default_factory=list)
    reflections: list[str] = Field(default_factory=list)  # the set's, in the process review
    next_meeting: NextMeeting | None = None
    summary: SummaryShown | None = None  # None: the set's own default (set.toml `summary`)
    report_notes_shown: bool | None = None
    """Whether the room sees the report-back's notes, outcomes and values; unset: it does not."""
    reporting: str = ""
    """Who is reporting back: the member under the console's cursor; empty: the first listed."""
    clock: ClockState = Field(default_factory=ClockState)
    agenda: list[AgendaPhase] = Field(default_factory=list)
    changes: list[PlanChange] = Field(default_factory=list)

    @model_validator(mode="after")
    def _record_holds(self) -> Meeting:
        """The clock within the agenda, each member under one attendance state and bidding
        once: every problem of them at once."""
        found: Found = []
        if self.agenda and self.clock.phase >= len(self.agenda):
            found.append(
                (("clock", "phase"), f"phase {self.clock.phase} is past the last agenda phase")
            )
        # Here, not on Attendance: the screens assign its lists one after the other.
        for state, index, first in self.attendance.twice():
            name = getattr(self.attendance, state.value)[index]
            found.append(
                (("attendance", state.value, index), f"{name!r} is also listed under {first}")
            )
        seen: set[str] = set()
        for index, bid in enumerate(self.bids):
            if (folded := bid.member.casefold()) in seen:
                found.append((("bids", index, "member"), f"{bid.member!r} bids twice"))
            seen.add(folded)
        every_problem(self, found)
        return self

    @field_validator("time")
    @classmethod
    def _time_is_hh_mm(cls, value: str) -> str:
        return check_hh_mm(value, "time")

    def is_present(self, member: str) -> bool:
        """Until attendance is taken, every member counts as present."""
        return self.attendance.state_of(member) is AttendanceState.present

    def set_attendance(
        self, member: str, state: AttendanceState, roster: Sequence[str] = ()
    ) -> None:
        """Put a member in one attendance state (one key per member in the check-in).

        The first state set takes attendance: the rest of `roster` is written as present, so
        that the file says what the panel showed (everyone present until told otherwise).
        """
        attendance = self.attendance
        if not attendance.taken:
            attendance.present = [name for name in roster if name != member]
        folded = member.casefold()
        lists = {
            s: [n for n in getattr(attendance, s.value) if n.casefold() != folded]
            for s in AttendanceState
        }
        lists[state].append(member)
        self.attendance = Attendance(**{s.value: names for s, names in lists.items()})

    def keep_roll(self, roster: Sequence[str]) -> bool:
        """Once the clock has left the check-in (or the first phase, in an agenda without
        one), a roll nobody touched is written as the check-in showed it, everyone in `roster`
        present: the file, not the set's later roster, then says who came. Whether it wrote."""
        if self.attendance.taken or not self.agenda:
            return False
        kinds = [phase.kind for phase in self.agenda]
        check_in = kinds.index(PhaseKind.check_in) if PhaseKind.check_in in kinds else 0
        if not self.closed and self.clock.phase <= check_in:
            return False
        self.attendance = Attendance(present=list(roster))
        return True

    def mark_present(self, member: str) -> None:
        """A member who sent apologies came after all."""
        self.set_attendance(member, AttendanceState.present)

    @property
    def shows_report_notes(self) -> bool:
        """Whether the facilitator chose to show the report-back's notes to the room."""
        return bool(self.report_notes_shown)

    def toggle_report_notes(self) -> bool:
        """Show the report-back's notes to the room, or hide them again; returns the new choice."""
        self.report_notes_shown = not self.shows_report_notes or None
        return self.shows_report_notes

    def presentation(self, member: str) -> Presentation | None:
        """Today's presentation by `member`, if they present."""
        return next((p for p in self.presenters if p.member == member), None)

    def bid_of(self, member: str) -> Bid | None:
        """`member`'s bid at this meeting, if they have bid or passed."""
        return next((b for b in self.bids if b.member == member), None)

    def summary_shown(self, set_default: str | None = None) -> SummaryShown:
        """What the room sees in the process review: the facilitator's choice (`o`), else the
        set's default (`summary = "anonymous" | "named" | "off"` in set.toml)."""
        if self.summary is not None:
            return self.summary
        if set_default in (None, "off"):
            return SummaryShown.hidden
        return SummaryShown(set_default)


def next_summary(shown: SummaryShown, *, names: bool = False) -> SummaryShown:
    """What the room sees of the tags after a key in the process review: `o` shows the
    summary anonymous, or hides whatever shows; `O` (`names`) puts the names on it, or takes
    them off again. Hiding it never passes through the names: they show only when asked for."""
    if names:
        return SummaryShown.anonymous if shown is SummaryShown.named else SummaryShown.named
    return SummaryShown.anonymous if shown is SummaryShown.hidden else SummaryShown.hidden


def with_a_row(members: Sequence[str], meeting: Meeting | None, *, facilitator: str) -> list[str]:
    """Who has a row in the whole meeting's figures, in `members`' order: those who count
    (`who_counts`), and a member who facilitated it, whose questions stay theirs though they
    are never "not yet asked"."""
    counting = {name.casefold() for name in who_counts(members, meeting, facilitator=facilitator)}
    facilitating = facilitator.casefold()
    return [
        name
        for name in members
        if name.casefold() in counting
        or (
            facilitating
            and name.casefold() == facilitating
            and (meeting is None or meeting.is_present(name))
        )
    ]


def who_counts(
    members: Sequence[str],
    meeting: Meeting | None,
    *,
    facilitator: str = "",
    presenter: str | None = None,
) -> list[str]:
    """The members whose questions are counted, and who may be "not yet asked".

    Only members present at this meeting count (all of them until attendance is taken, or
    with no meeting file); the facilitator never does. For one slot (`presenter` given) its
    presenter does not; for the whole meeting (`presenter` None) a member who presented in
    every slot does not, as they never had the chance to ask.
    """
    excluded = {facilitator.casefold()} if facilitator else set()
    if presenter:
        excluded.add(presenter.casefold())
    elif meeting is not None:
        presenters = {phase.presenter for phase in meeting.agenda if phase.presenter}
        if len(presenters) == 1:
            excluded.add(presenters.pop().casefold())
    return [
        name
        for name in members
        if name.casefold() not in excluded and (meeting is None or meeting.is_present(name))
    ]
