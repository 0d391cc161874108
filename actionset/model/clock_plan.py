"""Changes to the plan while the meeting runs: more or less time, a skip, a break, a phase
shared out again, slots that follow attendance. Each is recorded in `meeting.changes`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from actionset.model.agenda import (
    DEFAULT_RULES,
    Template,
    presenters_from_the_roll,
    refit_equal_time,
)
from actionset.model.clock_words import KEEP_LENGTH, NOTHING_TO_REPORT, phase_label
from actionset.model.meeting import QUESTIONING, AgendaPhase, PhaseKind, PhaseStatus, PlanChange
from actionset.model.plan_undo import undoable

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from actionset.model.meeting import Meeting
    from actionset.model.plan_undo import PlanHistory

_PENDING = PhaseStatus.pending
_OPEN = (PhaseStatus.pending, PhaseStatus.current)


def share_out(total: float, weights: Sequence[float]) -> list[int]:
    """`total` seconds in whole seconds, in proportion to `weights`; they add up to `total`.

    The running total is rounded, so that the rounding of single shares does not add up.
    """
    whole = sum(weights)
    if not whole:
        return [0 for _ in weights]
    shares: list[int] = []
    running = 0.0
    for weight in weights:
        running += total * weight / whole
        shares.append(round(running) - sum(shares))
    return shares


class _Clock(Protocol):
    """What the changes of plan need of `MeetingClock`."""

    meeting: Meeting
    now: Callable[[], float]
    history: PlanHistory

    @property
    def agenda(self) -> list[AgendaPhase]: ...
    @property
    def index(self) -> int: ...
    @property
    def phase(self) -> AgendaPhase | None: ...
    @property
    def ended(self) -> bool: ...
    @property
    def running(self) -> bool: ...
    @property
    def on_inserted_break(self) -> bool: ...
    @property
    def started(self) -> bool: ...
    def _left(self, t: float) -> float: ...
    def rebalance(self, *, end: float | None = None, keep_current: bool = False) -> int: ...
    def _moment(self, t: float) -> dt.datetime: ...
    def _elapsed(self, t: float) -> float: ...
    def _record_actual(self, t: float) -> None: ...
    def _enter(self, index: int, t: float, running: bool) -> None: ...
    def _advance(self, t: float, status: PhaseStatus) -> None: ...
    def _next_index(self) -> int | None: ...
    def _change(self, t: float, change: str, phase: AgendaPhase, seconds: int = 0) -> None: ...


class PlanChanges:
    """The changes of plan of `MeetingClock` (its base class), kept apart from the running
    clock itself."""

    def _change(self: _Clock, t: float, change: str, phase: AgendaPhase, seconds: int = 0) -> None:
        self.meeting.changes.append(
            PlanChange(at=self._moment(t), change=change, phase=phase_label(phase), seconds=seconds)
        )

    @undoable
    def adjust(self: _Clock, seconds: int, index: int | None = None) -> int:
        """Give a phase more or less time (the current one by default); returns the change made.

        A phase never gets less than it has already used, nor less than nothing.
        """
        if not self.agenda or self.ended:
            return 0
        index = self.index if index is None else index
        if not 0 <= index < len(self.agenda):
            return 0
        phase = self.agenda[index]
        if phase.status not in _OPEN:
            return 0
        t = self.now()
        used = self._elapsed(t) if index == self.index else float(phase.actual_seconds)
        old = phase.allotted
        new = old + seconds
        if seconds < 0:
            new = max(new, min(old, math.ceil(used)))
        new = max(new, 0)
        delta = new - old
        if delta:
            phase.allotted_seconds = new
            self._change(t, "adjust", phase, delta)
        return delta

    @undoable
    def skip(self: _Clock, index: int | None = None) -> bool:
        """Skip the current phase (and go on), or a pending phase still to come."""
        if not self.agenda or self.ended:
            return False
        t = self.now()
        if index is None or index == self.index:
            phase = self.agenda[self.index]
            unused = max(phase.allotted - round(self._elapsed(t)), 0)
            self._change(t, "skip", phase, -unused)
            self._advance(t, PhaseStatus.skipped)
            return True
        if not self.index < index < len(self.agenda):
            return False
        phase = self.agenda[index]
        if phase.status != _PENDING:
            return False
        phase.status = PhaseStatus.skipped
        self._change(t, "skip", phase, -max(phase.allotted - phase.actual_seconds, 0))
        return True

    @undoable
    def insert_break(self: _Clock, minutes: int = 10) -> int | None:
        """A break now: the current phase stops with what it has used and resumes after the
        break with the time it has left. Returns where the break went (the clock stands on it).
        """
        if not self.agenda or self.ended or minutes <= 0:
            return None
        t = self.now()
        at = self.index
        interrupted = self.agenda[at]
        running = self.running
        self._record_actual(t)
        interrupted.status = PhaseStatus.pending
        phase = AgendaPhase(
            title="Break",
            kind=PhaseKind.break_,
            planned_minutes=minutes,
            rule=DEFAULT_RULES[PhaseKind.break_],
            added=True,
        )
        self.agenda.insert(at, phase)
        self._enter(at, t, running)
        self._change(t, "break", phase, minutes * 60)
        return at

    @property
    def on_inserted_break(self: _Clock) -> bool:
        """The clock stands on a break inserted during the meeting."""
        phase = self.phase
        return (
            phase is not None and not self.ended and phase.added and phase.kind is PhaseKind.break_
        )

    @undoable
    def end_break(self: _Clock) -> bool | None:
        """End an inserted break early and drop what is left of it, going on to what follows.

        A break of under a minute was a slip of the key: it leaves the agenda altogether.
        Returns None when the clock is not on an inserted break, True when the break was
        removed, False when it stays in the record with the time it ran.
        """
        if not self.on_inserted_break:
            return None
        t = self.now()
        phase = self.phase
        assert phase is not None
        used = round(self._elapsed(t))
        self._change(t, "end break", phase, -max(phase.allotted - used, 0))
        if used >= 60 or self._next_index() is None:
            phase.allotted_seconds = max(used, 0)
            self._advance(t, PhaseStatus.done)
            return False
        running = self.running
        following = self._next_index()
        assert following is not None
        self.agenda.pop(self.index)
        self._enter(following - 1, t, running)
        return True

    def follow_attendance(
        self: _Clock, template: Template, roster: list[str], booked_minutes: int | None = None
    ) -> tuple[list[str], list[str]]:
        """An equal-time meeting gives a slot to each member present: after attendance
        changes, slots still to come are removed or restored. With `booked_minutes`, the
        slots not yet begun share the booked time again and a break still to come goes
        back halfway among them (`share_booked_again`); without, the finish moves.
        Returns (removed, added) presenters."""
        if not self.agenda or self.ended:
            return [], []
        meeting = self.meeting
        present = [name for name in roster if meeting.is_present(name)]
        chosen = [p.member for p in meeting.presenters]
        if chosen == [name for name in roster if name in chosen]:
            chosen = []  # the roll's own order: a member back takes their place in it
        removed, added = refit_equal_time(
            self.agenda, template, roster, present, chosen, self.index + 1
        )
        if booked_minutes is not None and (removed or added):
            from actionset.model.equal_time import share_booked_again

            share_booked_again(self.agenda, template, booked_minutes, self.index + 1)
        presenters_from_the_roll(meeting)  # each slot's presenter, as the slots now stand
        t = self.now()
        minutes = sum(spec.minutes for spec in template.presenter)
        for name in removed:
            self.meeting.changes.append(
                PlanChange(
                    at=self._moment(t),
                    change="slot removed: absent",
                    phase=name,
                    seconds=-minutes * 60,
                )
            )
        for name in added:
            self.meeting.changes.append(
                PlanChange(
                    at=self._moment(t),
                    change="slot added: present",
                    phase=name,
                    seconds=minutes * 60,
                )
            )
        return removed, added

    def give_report_back_away(self: _Clock) -> int:
        """Before the meeting starts, take its report-back out of the agenda, there being
        nothing to report back on (a set's first meeting), and let the rest of the plan share
        its minutes: the meeting keeps its length (`rebalance`: time to spare goes to the
        questioning). The change is recorded; returns the seconds given."""
        if self.started or self.ended:
            return 0
        t = self.now()
        end = t + self._left(t)
        given = 0
        for i in reversed(range(self.index + 1, len(self.agenda))):
            phase = self.agenda[i]
            if phase.kind is PhaseKind.report_back and phase.status == _PENDING:
                self._change(t, NOTHING_TO_REPORT, phase, -phase.allotted)
                given += phase.allotted
                del self.agenda[i]
        if given:
            self.rebalance(end=end)
        return given

    @undoable
    def rebalance(self: _Clock, *, end: float | None = None, keep_current: bool = False) -> int:
        """Share the time left before the planned end (or `end`, epoch seconds) over the
        phases still to run.

        Breaks and the process review keep their length (`KEEP_LENGTH`), and so does the
        current phase with `keep_current`. Short of time, the others give in proportion to
        what they have left; time to spare goes to the questioning still to run (`QUESTIONING`),
        in proportion, or with none left to the others. Returns how many phases changed.
        """
        ends_at = self.meeting.clock.ends_at
        if end is None and ends_at is not None:
            end = ends_at.timestamp()
        if end is None or self.ended or not self.agenda:
            return 0
        t = self.now()
        current = self.index
        open_phases: list[tuple[AgendaPhase, float, float, bool]] = []  # used, left, kept
        for i, phase in enumerate(self.agenda):
            if i == current:
                used = self._elapsed(t)
            elif i > current and phase.status == _PENDING:
                used = float(phase.actual_seconds)
            else:
                continue
            held = phase.kind in KEEP_LENGTH or (keep_current and i == current)
            open_phases.append((phase, used, max(phase.allotted - used, 0.0), held))
        kept = sum(left for _, _, left, held in open_phases if held)
        flexible = [(p, used, left) for p, used, left, held in open_phases if not held and left]
        total = sum(left for _, _, left in flexible)
        if not total:
            return 0
        budget = max(end - t - kept, 0.0)
        asking = [left if p.kind in QUESTIONING else 0.0 for p, _, left in flexible]
        if budget > total and any(asking):  # to spare: the questioning has it
            extra = share_out(budget - total, asking)
            targets = [
                round(used + left) + more
                for (_, used, left), more in zip(flexible, extra, strict=True)
            ]
        else:
            shares = share_out(budget, [left for _, _, left in flexible])
            targets = [
                round(used) + share for (_, used, _), share in zip(flexible, shares, strict=True)
            ]
        changed = 0
        for (phase, _, _), target in zip(flexible, targets, strict=True):
            delta = max(target, 0) - phase.allotted
            if delta:
                phase.allotted_seconds = phase.allotted + delta
                self._change(t, "rebalance", phase, delta)
                changed += 1
        return changed
