"""The meeting's clock: time left, overtime, drift and changes of plan, all from timestamps.

The state lives in the meeting itself (`meeting.clock` and `meeting.agenda`), so saving the
meeting saves the clock, and a meeting read back after a crash resumes where it stood: a paused
phase at the same time, a running one as if it had kept running. Nothing here counts ticks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from actionset.model.agenda import DEFAULT_RULES, Template, refit_equal_time
from actionset.model.meeting import (
    AgendaPhase,
    ClockState,
    Meeting,
    PhaseKind,
    PhaseStatus,
    PlanChange,
)

ClockView = Literal["countdown", "elapsed", "clock"]
ClockColour = Literal["normal", "warning", "over"]

VIEWS: tuple[ClockView, ...] = ("countdown", "elapsed", "clock")
# Said beside the big display, so that the room never reads it as a countdown.
VIEW_LABELS: dict[str, str] = {"countdown": "", "elapsed": "elapsed", "clock": "time now"}
DOT = " · "
# The process review keeps its time whatever happens to the rest (WIAL protects reflection).
PROTECTED = frozenset({PhaseKind.process_review})
# Short ritual phases the squeeze warning never offers up.
NOT_SQUEEZED = frozenset({PhaseKind.process_review, PhaseKind.reflect, PhaseKind.close})
WARNING_SHARE = 0.2
WARNING_SECONDS = 120

_PENDING = PhaseStatus.pending
_OPEN = (PhaseStatus.pending, PhaseStatus.current)


def clock_text(seconds: int) -> str:
    """Whole seconds as MM:SS; the minutes may pass 59 ("125:00")."""
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes:02d}:{secs:02d}"


def phase_label(phase: AgendaPhase) -> str:
    """The phase as the room would name it: "Probe (Priya)"."""
    return f"{phase.title} ({phase.presenter})" if phase.presenter else phase.title


def join_names(names: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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


class MeetingClock:
    """Runs a meeting's agenda against `now()`, wall-clock epoch seconds (time.time in the app)."""

    def __init__(self, meeting: Meeting, now: Callable[[], float],
                 tz: dt.tzinfo | None = None) -> None:
        self.meeting = meeting
        self.now = now
        self.tz = tz  # None: the machine's local time zone
        self._sample: tuple[int, float] | None = None
        self._latest = -math.inf  # the latest wall-clock time a running phase was read at

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
        return self.started and not self.ended and self.phase is not None and (
            self._next_index() is None)

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
        phase.status = PhaseStatus.current
        self._run_from(t, clock.elapsed_seconds)

    def pause(self) -> None:
        if self.running:
            self._stop(self.now())

    def toggle(self) -> bool:
        """Start when paused, pause when running; returns whether the clock now runs."""
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

    def next(self) -> None:
        """Finish the current phase (its actual time kept, overtime included) and go on.

        At the last phase this ends the meeting.
        """
        if self.phase is None or self.ended:
            return
        self._advance(self.now(), PhaseStatus.done)

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

    # ------------------------------------------------------------------ changes of plan

    def _change(self, t: float, change: str, phase: AgendaPhase, seconds: int = 0) -> None:
        self.meeting.changes.append(
            PlanChange(at=self._moment(t), change=change, phase=phase_label(phase),
                       seconds=seconds))

    def adjust(self, seconds: int, index: int | None = None) -> int:
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

    def skip(self, index: int | None = None) -> bool:
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

    def move(self, index: int, to: int) -> bool:
        """Move a phase still to come to another place still to come."""
        agenda = self.agenda
        current = self.index
        if (self.ended or index == to or not current < index < len(agenda)
                or not current < to < len(agenda) or agenda[index].status != _PENDING):
            return False
        phase = agenda.pop(index)
        agenda.insert(to, phase)
        self._change(self.now(), f"move from {index + 1} to {to + 1}", phase)
        return True

    def insert_break(self, minutes: int = 10) -> int | None:
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
        phase = AgendaPhase(title="Break", kind=PhaseKind.break_, planned_minutes=minutes,
                            rule=DEFAULT_RULES[PhaseKind.break_], added=True)
        self.agenda.insert(at, phase)
        self._enter(at, t, running)
        self._change(t, "break", phase, minutes * 60)
        return at

    @property
    def on_inserted_break(self) -> bool:
        """The clock stands on a break inserted during the meeting."""
        phase = self.phase
        return (phase is not None and not self.ended and phase.added
                and phase.kind is PhaseKind.break_)

    def end_break(self) -> bool | None:
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

    def follow_attendance(self, template: Template, roster: list[str]) -> tuple[list[str],
                                                                                list[str]]:
        """An equal-time meeting gives a slot to each member present: after attendance
        changes, slots still to come are removed or restored, and the finish moves.
        Returns (removed, added) presenters."""
        if not self.agenda or self.ended:
            return [], []
        meeting = self.meeting
        present = [name for name in roster if meeting.is_present(name)]
        removed, added = refit_equal_time(
            self.agenda, template, roster, present, [p.member for p in meeting.presenters],
            self.index + 1)
        t = self.now()
        minutes = sum(spec.minutes for spec in template.presenter)
        for name in removed:
            self.meeting.changes.append(PlanChange(
                at=self._moment(t), change="slot removed: absent", phase=name,
                seconds=-minutes * 60))
        for name in added:
            self.meeting.changes.append(PlanChange(
                at=self._moment(t), change="slot added: present", phase=name,
                seconds=minutes * 60))
        return removed, added

    def rebalance(self) -> int:
        """Share the time left before the planned end over the phases still to run.

        Each gets time in proportion to what it has left; the process review keeps its own.
        Returns how many phases changed.
        """
        ends_at = self.meeting.clock.ends_at
        if ends_at is None or self.ended or not self.agenda:
            return 0
        t = self.now()
        current = self.index
        open_phases: list[tuple[AgendaPhase, float, float]] = []  # phase, used, left
        for i, phase in enumerate(self.agenda):
            if i == current:
                used = self._elapsed(t)
            elif i > current and phase.status == _PENDING:
                used = float(phase.actual_seconds)
            else:
                continue
            open_phases.append((phase, used, max(phase.allotted - used, 0.0)))
        kept = sum(left for phase, _, left in open_phases if phase.kind in PROTECTED)
        flexible = [(p, used, left) for p, used, left in open_phases
                    if p.kind not in PROTECTED and left > 0]
        total = sum(left for _, _, left in flexible)
        if not total:
            return 0
        budget = max(ends_at.timestamp() - t - kept, 0.0)
        changed = 0
        shares = share_out(budget, [left for _, _, left in flexible])
        for (phase, used, _), seconds in zip(flexible, shares, strict=True):
            new = max(round(used) + seconds, 0)
            delta = new - phase.allotted
            if delta:
                phase.allotted_seconds = new
                self._change(t, "rebalance", phase, delta)
                changed += 1
        return changed

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

    def _finish_line(self, t: float) -> str:
        finish = self._moment(self._finish_ts(t))
        minutes = round(self._drift(t) / 60)
        if minutes > 0:
            how = f"{minutes} min behind"
        elif minutes < 0:
            how = f"{-minutes} min ahead"
        else:
            how = "on time"
        return f"finish {finish:%H:%M}{DOT}{how}"

    def finish_line(self) -> str:
        """ "finish 12:04 · 4 min behind", "… ahead" or "… on time"."""
        return self._finish_line(self.now())

    def squeeze(self) -> str | None:
        """A warning when what remains no longer fits before the planned end, else None.

        Names the later phases that will have to give time (each up to half of it), never the
        process review, the presenter's reflection or the close.
        """
        if self.ended or not self.agenda:
            return None
        drift = self._drift(self.now())
        short = round(drift / 60)
        if short < 1:
            return None
        named: list[int] = []
        give = 0.0
        for i in range(len(self.agenda) - 1, self.index, -1):
            phase = self.agenda[i]
            if phase.status != _PENDING or phase.kind in NOT_SQUEEZED:
                continue
            named.append(i)
            give += max(phase.allotted - phase.actual_seconds, 0) / 2
            if give >= drift:
                break
        if not named:
            return f"{short} min short: the meeting will run over"
        labels: list[str] = []
        presenter = ""
        for i in sorted(named):
            phase = self.agenda[i]
            if phase.presenter and phase.presenter != presenter:
                labels.append(phase_label(phase))
            else:
                labels.append(phase.title)
            presenter = phase.presenter
        return f"{short} min short: {join_names(labels)} will be squeezed"

    def progress(self) -> tuple[float, float]:
        """(seconds done, seconds in all) of the agenda, for a progress bar."""
        t = self.now()
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

    def _time_left_text(self, remaining: float) -> tuple[str, bool]:
        if remaining > 0:
            return clock_text(math.ceil(remaining)), False
        return clock_text(math.floor(-remaining)), True

    def status_line(self, finish: bool = False) -> str:
        """ "Probe · 12:00 left" or "Probe · 02:13 over", then " · finish 12:04 · on time"."""
        t = self.now()
        phase = self.phase
        if phase is None:
            line = "No agenda"
        elif self.ended:
            line = "Meeting ended"
        else:
            text, over = self._time_left_text(self._remaining(t))
            line = f"{phase.title}{DOT}{text} {'over' if over else 'left'}"
        if finish and phase is not None:
            line += DOT + self._finish_line(t)
        return line

    def time_text(self) -> str:
        """The big display, by the clock's view: time left ("+MM:SS" in overtime, counting up),
        time used in the phase, or the time of day (HH:MM)."""
        t = self.now()
        view = self.meeting.clock.view
        if view == "clock":
            return f"{self._moment(t):%H:%M}"
        if view == "elapsed":
            return clock_text(math.floor(round(self._elapsed(t), 3)))
        text, over = self._time_left_text(self._remaining(t))
        return f"+{text}" if over else text

    def state(self) -> ClockColour:
        """ "over" at or past zero; "warning" in the last 20% of the phase or its last 2 minutes."""
        phase = self.phase
        if phase is None or self.ended:
            return "normal"
        remaining = self._remaining(self.now())
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

    def view_label(self) -> str:
        """What the big display shows when it is not the countdown: "elapsed", "time now"."""
        return VIEW_LABELS[self.meeting.clock.view]

    def progress_label(self) -> str:
        """ "meeting 33%": how far through the whole meeting's time the room is."""
        done, whole = self.progress()
        return f"meeting {math.floor(100 * done / whole) if whole else 100}%"

    def end_line(self) -> str:
        """ "Meeting ended 13:02 · ran 3h 02m": the closed meeting, in one calm line."""
        clock = self.meeting.clock
        if clock.ended_at is None:
            return "Meeting ended"
        ended = clock.ended_at.astimezone(self.tz) if self.tz else clock.ended_at.astimezone()
        line = f"Meeting ended {ended:%H:%M}"
        if clock.started_at is not None:
            minutes = max(round((clock.ended_at - clock.started_at).total_seconds() / 60), 0)
            hours, minutes = divmod(minutes, 60)
            line += f"{DOT}ran {hours}h {minutes:02d}m" if hours else f"{DOT}ran {minutes} min"
        return line

    def cycle_view(self) -> ClockView:
        """countdown → elapsed → clock → countdown."""
        clock = self.meeting.clock
        view = VIEWS[(VIEWS.index(clock.view) + 1) % len(VIEWS)]
        clock.view = view
        return view
