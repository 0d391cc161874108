"""A meeting of the set: who came, the agenda as planned and as run, and the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from pydantic import Field, model_validator

from actionset.model.base import Record, problem_at


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

    @property
    def allotted(self) -> int:
        """Seconds the phase has now, after the facilitator's changes of plan."""
        return self.planned_minutes * 60 if self.allotted_seconds is None else self.allotted_seconds


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


class Attendance(Record):
    present: list[str] = Field(default_factory=list)
    apologies: list[str] = Field(default_factory=list)


class Presentation(Record):
    member: str = Field(min_length=1)
    issue: str = ""


class SummaryShown(StrEnum):
    hidden = "hidden"
    named = "named"
    anonymous = "anonymous"


class Meeting(Record):
    """One meeting, stored as `meetings/YYYY-MM-DD.toml`; its tags live in a journal beside it."""

    date: dt.date
    template: str = "half-day"
    closed: bool = False
    place: str = ""
    attendance: Attendance = Field(default_factory=Attendance)
    presenters: list[Presentation] = Field(default_factory=list)
    reflections: list[str] = Field(default_factory=list)
    summary: SummaryShown | None = None  # None: the set's own default (set.toml `summary`)
    clock: ClockState = Field(default_factory=ClockState)
    agenda: list[AgendaPhase] = Field(default_factory=list)
    changes: list[PlanChange] = Field(default_factory=list)

    @model_validator(mode="after")
    def _clock_within_agenda(self) -> Meeting:
        if self.agenda and self.clock.phase >= len(self.agenda):
            raise problem_at(("clock", "phase"),
                             f"phase {self.clock.phase} is past the last agenda phase")
        return self

    def is_present(self, member: str) -> bool:
        """Until attendance is taken, every member counts as present."""
        if not self.attendance.present and not self.attendance.apologies:
            return True
        return member in self.attendance.present

    def mark_present(self, member: str) -> None:
        """A member who sent apologies came after all."""
        if member not in self.attendance.present:
            self.attendance.present.append(member)
        self.attendance.apologies = [m for m in self.attendance.apologies if m != member]

    def summary_shown(self, set_default: str | None = None) -> SummaryShown:
        """What the room sees in the process review: the facilitator's choice (`o`), else the
        set's default (`summary = "anonymous" | "named" | "off"` in set.toml)."""
        if self.summary is not None:
            return self.summary
        if set_default in (None, "off"):
            return SummaryShown.hidden
        return SummaryShown(set_default)


SUMMARY_CYCLE = (SummaryShown.hidden, SummaryShown.anonymous, SummaryShown.named)


def next_summary(shown: SummaryShown) -> SummaryShown:
    """`o` in the process review: hidden, then anonymous, then named, then hidden again."""
    return SUMMARY_CYCLE[(SUMMARY_CYCLE.index(shown) + 1) % len(SUMMARY_CYCLE)]


def who_counts(members: Sequence[str], meeting: Meeting | None, *, facilitator: str = "",
               presenter: str | None = None) -> list[str]:
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
    return [name for name in members
            if name.casefold() not in excluded
            and (meeting is None or meeting.is_present(name))]
