"""The meeting's clock: time left, overtime, drift and changes of plan, all from timestamps.

The state lives in the meeting itself (`meeting.clock` and `meeting.agenda`), so saving the
meeting saves the clock, and a meeting read back after a crash resumes where it stood: a paused
phase at the same time, a running one as if it had kept running. Nothing here counts ticks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from actionset.model.clock_plan import PlanChanges
from actionset.model.meeting import (
    AgendaPhase,
    ClockState,
    Meeting,
    PhaseStatus,
)
from actionset.model.plan_undo import PlanHistory, undoable

ClockView = Literal["countdown", "elapsed", "clock"]
ClockColour = Literal["normal", "warning", "over"]

VIEWS: tuple[ClockView, ...] = ("countdown", "elapsed", "clock")
WARNING_SHARE = 0.2
WARNING_SECONDS = 120

_PENDING = PhaseStatus.pending
_OPEN = (PhaseStatus.pending, PhaseStatus.current)


@dataclass(frozen=True, slots=True)
class Reading:
    """The clock read at one moment (`MeetingClock.read`)."""

    moment: dt.datetime  # now, in the clock's zone
    remaining: float  # seconds left in the phase; negative in overtime
    elapsed: float  # seconds spent in the phase
    finish: dt.datetime  # when the meeting will end (or ended)
    drift: float  # the finish minus the planned end: positive means behind
    done: float  # seconds of the agenda done
    whole: float  # seconds of the agenda in all
    state: ClockColour


class MeetingClock(PlanChanges):
    """Runs a meeting's agenda against `now()`, wall-clock epoch seconds (time.time in the app)."""

    def __init__(
        self, meeting: Meeting, now: Callable[[], float], tz: dt.tzinfo | None = None
    ) -> None:
        self.meeting = meeting
        self.now = now
        self.tz = tz  # None: the machine's local time zone
        self._sample: tuple[int, float] | None = None
        self._latest = -math.inf  # the latest wall-clock time a running phase was read at
        self.history = PlanHistory(meeting, now)
        """The changes of plan made since the console opened, each undoable."""

    # ------------------------------------------------------------------ where we are

    @property
    def clock(self) -> ClockState:
        return self.meeting.clock

    @property
    def agenda(self) -> list[AgendaPhase]:
        return self.meeting.agenda

    @property
    def index(self) -> int:
        return self.meeting.clock.phase

    @property
    def phase(self) -> AgendaPhase | None:
        """The phase the clock stands on (the last one once the meeting has ended)."""
        agenda = self.meeting.agenda
        return agenda[self.meeting.clock.phase] if agenda else None

    @property
    def started(self) -> bool:
        return self.meeting.clock.started_at is not None

    @property
    def ended(self) -> bool:
        """The meeting is closed: past its last phase, or quit at the close."""
        return self.meeting.closed or self.meeting.clock.ended_at is not None

    @property
    def at_close(self) -> bool:
        """Started, not ended, and standing on the last phase still to run."""
        return (
            self.started
            and not self.ended
            and self.phase is not None
            and (self._next_index() is None)
        )

    @property
    def running(self) -> bool:
        return self.meeting.clock.running

    def next_phase(self) -> AgendaPhase | None:
        """The phase `next()` would move to, or None at the end."""
        index = self._next_index()
        return None if index is None else self.agenda[index]

    # ------------------------------------------------------------------ time

    def _moment(self, t: float) -> dt.datetime:
        if self.tz is not None:
            return dt.datetime.fromtimestamp(t, self.tz)
        return dt.datetime.fromtimestamp(t).astimezone()

    def _elapsed(self, t: float) -> float:
        clock = self.meeting.clock
        if clock.running and clock.since is not None:
            since = clock.since.timestamp()
            if t < self._latest or t < since - 1:
                # The wall clock stepped back (a laptop's clock corrected): keep the time
                # already spent and count on from now, instead of waiting for it to catch up.
                spent = clock.elapsed_seconds + max(self._latest - since, 0.0)
                self._run_from(t, spent)
                since = clock.since.timestamp()
            self._latest = t
            return max(clock.elapsed_seconds + (t - since), 0.0)
        return clock.elapsed_seconds

    def _remaining(self, t: float) -> float:
        phase = self.phase
        if phase is None:
            return 0.0
        # Milliseconds are enough, and rounding keeps float noise out of the whole seconds shown.
        return round(phase.allotted - self._elapsed(t), 3)

    def elapsed(self) -> float:
        """Seconds spent in the current phase, including earlier visits to it."""
        return self._elapsed(self.now())

    def remaining(self) -> float:
        """Seconds left in the current phase; negative in overtime."""
        return self._remaining(self.now())

    def _left(self, t: float) -> float:
        """Seconds of agenda still to run: the current phase's rest and every pending phase."""
        if self.ended:
            return 0.0
        left = 0.0
        current = self.index
        for i, phase in enumerate(self.agenda):
            if i == current:
                left += max(phase.allotted - self._elapsed(t), 0.0)
            elif phase.status == _PENDING:
                left += max(phase.allotted - phase.actual_seconds, 0)
        return left

    def _finish_ts(self, t: float) -> float:
        ended_at = self.meeting.clock.ended_at
        if ended_at is not None:
            return ended_at.timestamp()
        return t + self._left(t)

    def _drift(self, t: float) -> float:
        ends_at = self.meeting.clock.ends_at
        if ends_at is None:
            return 0.0  # not started: the plan starts now, so it fits by definition
        return self._finish_ts(t) - ends_at.timestamp()

    # ------------------------------------------------------------------ running

    def _run_from(self, t: float, already: float) -> None:
        """Start a running stretch at `t` with `already` seconds spent in the phase.

        `since` is stored on a whole second (TOML keeps no fractions of a second); the
        fraction is folded into elapsed_seconds so the sum stays exact.
        """
        clock = self.meeting.clock
        since = math.ceil(t)
        clock.elapsed_seconds = already + (since - t)
        clock.since = self._moment(since)
        clock.running = True

    def _stop(self, t: float) -> None:
        clock = self.meeting.clock
        clock.elapsed_seconds = self._elapsed(t)
        clock.running = False
        clock.since = None

    def start(self) -> None:
        """Start or resume the clock; the first start fixes when the meeting should end."""
        phase = self.phase
        if phase is None or self.ended or self.running:
            return
        t = self.now()
        clock = self.meeting.clock
        if clock.started_at is None:
            begin = round(t)
            clock.started_at = self._moment(begin)
            clock.ends_at = self._moment(begin + round(self._left(t)))
            for planned in self.agenda:  # the meeting's own plan, as it starts
                planned.plan_seconds = planned.allotted
        phase.status = PhaseStatus.current
        self._run_from(t, clock.elapsed_seconds)

    def pause(self) -> None:
        if self.running:
            self._stop(self.now())

    def stand(self, elapsed: float, *, running: bool) -> None:
        """Stand on the current phase with `elapsed` seconds spent in it, running or paused
        (undo keeps a start or a pause made since the change it undoes)."""
        clock = self.meeting.clock
        clock.running, clock.since, clock.elapsed_seconds = False, None, max(elapsed, 0.0)
        if running:
            self.start()

    @undoable
    def toggle(self) -> bool:
        """Start when paused, pause when running; returns whether the clock now runs (the
        console's space: undone, the clock runs or stands as if it had not been pressed)."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    # ------------------------------------------------------------------ moving

    def _record_actual(self, t: float) -> None:
        phase = self.phase
        if phase is not None:
            phase.actual_seconds = round(self._elapsed(t))

    def _enter(self, index: int, t: float, running: bool) -> None:
        clock = self.meeting.clock
        phase = self.agenda[index]
        if clock.running:
            clock.running = False
            clock.since = None
        clock.phase = index
        phase.status = PhaseStatus.current
        if running:
            self._run_from(t, phase.actual_seconds)
        else:
            clock.elapsed_seconds = float(phase.actual_seconds)

    def _next_index(self) -> int | None:
        for i in range(self.index + 1, len(self.agenda)):
            if self.agenda[i].status != PhaseStatus.skipped:
                return i
        return None

    def _advance(self, t: float, status: PhaseStatus) -> None:
        phase = self.phase
        assert phase is not None
        running = self.running
        self._record_actual(t)
        phase.status = status
        following = self._next_index()
        if following is None:
            self._end(t)
        else:
            self._enter(following, t, running)

    def _end(self, t: float) -> None:
        clock = self.meeting.clock
        phase = self.phase
        clock.running = False
        clock.since = None
        clock.elapsed_seconds = float(phase.actual_seconds if phase else 0)
        clock.ended_at = self._moment(round(t))
        self.meeting.closed = True

    def close(self) -> bool:
        """Close the meeting now, from its last phase (quitting at the close does this).

        The last phase keeps the time it ran; returns whether the meeting closed.
        """
        if not self.at_close:
            return False
        t = self.now()
        phase = self.phase
        assert phase is not None
        self._record_actual(t)
        phase.status = PhaseStatus.done
        self._end(t)
        return True

    def reopen(self) -> bool:
        """Open a closed meeting again on its last phase, paused with the time it had."""
        if not self.ended or self.phase is None:
            return False
        t = self.now()
        self.meeting.closed = False
        self.meeting.clock.ended_at = None
        self._enter(self.index, t, running=False)
        self._change(t, "reopen", self.agenda[self.index])
        return True

    @undoable
    def next(self) -> None:
        """Finish the current phase (its actual time kept, overtime included) and go on.

        At the last phase this ends the meeting.
        """
        if self.phase is None or self.ended:
            return
        self._advance(self.now(), PhaseStatus.done)

    @undoable
    def previous(self) -> bool:
        """Back to the phase before, its time resuming from what it had.

        After the last phase this reopens the meeting.
        """
        phase = self.phase
        if phase is None:
            return False
        if self.ended:
            return self.reopen()
        t = self.now()
        if self.index == 0:
            return False
        running = self.running
        self._record_actual(t)
        phase.status = PhaseStatus.pending
        self._enter(self.index - 1, t, running)
        return True

    # ------------------------------------------------------------------ the whole meeting

    def predicted_finish(self) -> dt.datetime:
        """When the meeting will end if every phase from here takes the time it has."""
        ended_at = self.meeting.clock.ended_at
        if ended_at is not None:
            return ended_at.astimezone(self.tz) if self.tz else ended_at.astimezone()
        t = self.now()
        return self._moment(t + self._left(t))

    def drift_seconds(self) -> int:
        """Predicted finish minus the planned end: positive means behind."""
        return round(self._drift(self.now()))

    def progress(self) -> tuple[float, float]:
        """(seconds done, seconds in all) of the agenda, for a progress bar."""
        return self._progress(self.now())

    def _progress(self, t: float) -> tuple[float, float]:
        done = 0.0
        for i, phase in enumerate(self.agenda):
            if i == self.index and not self.ended:
                done += self._elapsed(t)
            else:
                done += phase.actual_seconds
        return done, done + self._left(t)

    def phase_progress(self) -> tuple[float, float]:
        """(seconds used, seconds allotted) of the current phase."""
        phase = self.phase
        if phase is None:
            return 0.0, 0.0
        return self.elapsed(), float(phase.allotted)

    # ------------------------------------------------------------------ what to show

    def read(self) -> Reading:
        """The clock at this moment, once: what the room's words are made from
        (`actionset.model.clock_words`)."""
        t = self.now()
        done, whole = self._progress(t)
        return Reading(
            moment=self._moment(t),
            remaining=self._remaining(t),
            elapsed=self._elapsed(t),
            finish=self._moment(self._finish_ts(t)),
            drift=self._drift(t),
            done=done,
            whole=whole,
            state=self._state(t),
        )

    def state(self) -> ClockColour:
        """ "over" at or past zero; "warning" in the last 20% of the phase or its last 2 minutes."""
        return self._state(self.now())

    def _state(self, t: float) -> ClockColour:
        phase = self.phase
        if phase is None or self.ended:
            return "normal"
        remaining = self._remaining(t)
        if remaining <= 0:
            return "over"
        if remaining <= WARNING_SHARE * phase.allotted or remaining <= WARNING_SECONDS:
            return "warning"
        return "normal"

    def just_ran_out(self, previous_remaining: float) -> bool:
        """True when the phase had time at `previous_remaining` and has none now."""
        return previous_remaining > 0 >= self.remaining() and not self.ended

    def bell_due(self) -> bool:
        """True once each time the current phase runs out while watched (never when muted).

        Call it on every refresh; a phase already over when first seen does not ring.
        """
        if self.phase is None or self.ended:
            self._sample = None
            return False
        remaining = self.remaining()
        last = self._sample
        self._sample = (self.index, remaining)
        rang = last is not None and last[0] == self.index and last[1] > 0 >= remaining
        return rang and not self.meeting.clock.muted

    @undoable
    def cycle_view(self) -> ClockView:
        """countdown → elapsed → clock → countdown (the room's clock shows it too)."""
        clock = self.meeting.clock
        view = VIEWS[(VIEWS.index(clock.view) + 1) % len(VIEWS)]
        clock.view = view
        return view

    @undoable
    def toggle_mute(self) -> bool:
        """The chime at the end of a phase off, or on again; returns whether it is muted."""
        clock = self.meeting.clock
        clock.muted = not clock.muted
        return clock.muted
