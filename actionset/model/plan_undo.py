"""Undo for the changes of plan made while the meeting runs (the console's ctrl+z).

A change of plan (next, previous, more or less time, a skip, a break, a rebalance, a running
order confirmed), and each of the clock's own keys (a start or a pause, the chime, the view),
keeps the plan as it stood before it: the agenda, the clock's place in it, the presenters and
the record of changes. Undo puts that back, so that the meeting file is as it was before the
change. The wall clock keeps running: undoing `n` a minute later returns to the phase with that
minute spent in it, as if `n` had never been pressed; undoing a pause, the clock runs as if it
had never stopped. Undo goes back one change at a time, the newest first.

Undo does not touch the tags (`u` undoes those), the bids, the notes or the actions; a start
or a pause made other than by the console's key (a test's clock) stays. The attendance goes back
only when the change itself recorded it (leaving the check-in writes its roll); once someone
was marked here or away since, it stays. When the
plan was changed since by something undo does not cover (attendance sharing out the slots
again, a meeting reopened from its end screen), there is nothing left to undo. The history
lives as long as the console: after a crash, undo starts afresh from the resumed meeting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import update_wrapper
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

if TYPE_CHECKING:
    from actionset.model.meeting import (
        AgendaPhase,
        Attendance,
        ClockState,
        Meeting,
        PlanChange,
        Presentation,
    )

UNDO_KEY = "ctrl+z"
"""The key that undoes the last change of plan; the notices name it."""
UNDO_WORDS = "ctrl+z undoes it."


@dataclass(frozen=True, slots=True)
class Plan:
    """The part of a meeting that its changes of plan change, copied."""

    closed: bool
    attendance: Attendance  # the roll the clock records as it leaves the check-in
    clock: ClockState
    agenda: list[AgendaPhase]
    presenters: list[Presentation]
    changes: list[PlanChange]

    @classmethod
    def of(cls, meeting: Meeting) -> Plan:
        return cls(
            closed=meeting.closed,
            attendance=meeting.attendance.model_copy(deep=True),
            clock=meeting.clock.model_copy(),
            agenda=[phase.model_copy() for phase in meeting.agenda],
            presenters=[p.model_copy(deep=True) for p in meeting.presenters],
            changes=list(meeting.changes),  # a change, once recorded, is never altered
        )

    def put_back(self, meeting: Meeting, since: Plan) -> None:
        """This plan again; the attendance too, unless it changed `since` (taken with `h`)."""
        if meeting.attendance == since.attendance:
            meeting.attendance = self.attendance.model_copy(deep=True)
        meeting.closed = self.closed
        meeting.clock = self.clock.model_copy()
        meeting.agenda = [phase.model_copy() for phase in self.agenda]
        meeting.presenters = [p.model_copy(deep=True) for p in self.presenters]
        meeting.changes = list(self.changes)

    def same_plan(self, meeting: Meeting) -> bool:
        """The meeting has this plan, whatever the clock did since (a start, a pause) and
        whoever was marked here or away."""
        return (
            self.agenda == meeting.agenda
            and self.presenters == meeting.presenters
            and self.changes == meeting.changes
            and self.closed == meeting.closed
        )


def _spent(clock: ClockState, t: float) -> float:
    """Seconds spent in the clock's phase at `t`."""
    if clock.running and clock.since is not None:
        return clock.elapsed_seconds + t - clock.since.timestamp()
    return clock.elapsed_seconds


@dataclass(slots=True)
class Step:
    """One change of plan: the plan before it, the plan after it, when, and what it did."""

    before: Plan
    after: Plan
    at: float
    said: str = "The change of plan"


class _Clock(Protocol):
    """What undo needs of `MeetingClock`."""

    meeting: Meeting
    now: Callable[[], float]

    @property
    def running(self) -> bool: ...
    def elapsed(self) -> float: ...
    def stand(self, elapsed: float, *, running: bool) -> None: ...


class PlanHistory:
    """The changes of plan made since the console opened, the newest last."""

    def __init__(self, meeting: Meeting, now: Callable[[], float]) -> None:
        self.meeting = meeting
        self.now = now
        self.steps: list[Step] = []
        self._depth = 0  # a change made inside another (a confirmation's rebalance) is part of it
        self._fresh: Step | None = None  # the step just recorded, waiting for its words

    @contextmanager
    def change(self) -> Iterator[None]:
        """Record what happens inside as one change of plan, if the plan changed."""
        if self._depth:
            yield
            return
        before = Plan.of(self.meeting)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        after = Plan.of(self.meeting)
        if after != before:
            self._fresh = Step(before, after, self.now())
            self.steps.append(self._fresh)

    def name(self, said: str) -> bool:
        """Give the change just recorded its words (the notice's); False when there was none.

        What the console did after the change, as part of it (the roll recorded as the clock
        left the check-in), is part of it too, and undone with it."""
        step, self._fresh = self._fresh, None
        if step is None:
            return False
        step.said = said
        step.after = Plan.of(self.meeting)
        return True

    def can_undo(self) -> bool:
        return bool(self.steps) and self.steps[-1].after.same_plan(self.meeting)

    def undo(self, clock: _Clock) -> str | None:
        """Put the plan back as it was before the last change; returns what that change did,
        or None when there is nothing to undo (the history is then forgotten)."""
        self._fresh = None
        if not self.can_undo():
            self.steps.clear()
            return None
        step = self.steps.pop()
        running, spent = clock.running, clock.elapsed()
        step.before.put_back(self.meeting, step.after)
        if running != step.after.clock.running:
            # Started or paused since the change: that stays, and the time the clock ran
            # since the change counts in the phase put back.
            ran = spent - _spent(step.after.clock, step.at)
            clock.stand(_spent(step.before.clock, step.at) + ran, running=running)
        return step.said


class _Undoable(Protocol):
    @property
    def history(self) -> PlanHistory: ...


C = TypeVar("C", bound=_Undoable)
P = ParamSpec("P")
R = TypeVar("R")


def undoable(operation: Callable[Concatenate[C, P], R]) -> Callable[Concatenate[C, P], R]:
    """A change of plan of the clock: recorded in its history, so that it can be undone."""

    def recorded(clock: C, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with clock.history.change():
            return operation(clock, *args, **kwargs)

    update_wrapper(recorded, operation)
    return recorded
