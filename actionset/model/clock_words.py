"""The clock in words for the room: the big time, the status line, the finish, the squeeze
warning, the end; and the `Face`, all of them read at one moment for a repaint."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actionset.model.meeting import AgendaPhase, Meeting, PhaseKind, PhaseStatus

if TYPE_CHECKING:
    from actionset.model.clock import ClockColour, MeetingClock, Reading

DOT = " · "
# Said beside the big display, so that the room never reads it as a countdown.
VIEW_LABELS: dict[str, str] = {"countdown": "", "elapsed": "elapsed", "clock": "time now"}
# Phases that keep their length when the plan is shared out again (`rebalance`): breaks, and
# the process review (WIAL protects reflection).
KEEP_LENGTH = frozenset({PhaseKind.process_review, PhaseKind.break_})
# The change of plan by which a meeting with nothing to report back gives that phase's time
# to the rest (`give_report_back_away`).
NOTHING_TO_REPORT = "nothing to report back"
# Those, and the short ritual phases, the squeeze warning never offers up.
NOT_SQUEEZED = KEEP_LENGTH | {PhaseKind.reflect, PhaseKind.close}


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


def _time_left_text(remaining: float) -> tuple[str, bool]:
    if remaining > 0:
        return clock_text(math.ceil(remaining)), False
    return clock_text(math.floor(-remaining)), True


def finish_line(clock: MeetingClock, reading: Reading | None = None) -> str:
    """ "finish 12:04 · 4 min behind", "… ahead" or "… on time"."""
    r = reading or clock.read()
    minutes = round(r.drift / 60)
    if minutes > 0:
        how = f"{minutes} min behind"
    elif minutes < 0:
        how = f"{-minutes} min ahead"
    else:
        how = "on time"
    return f"finish {r.finish:%H:%M}{DOT}{how}"


def status_line(clock: MeetingClock, finish: bool = False, reading: Reading | None = None) -> str:
    """ "Probe · 12:00 left" or "Probe · 02:13 over", then " · finish 12:04 · on time"."""
    r = reading or clock.read()
    phase = clock.phase
    if phase is None:
        line = "No agenda"
    elif clock.ended:
        line = "Meeting ended"
    else:
        text, over = _time_left_text(r.remaining)
        line = f"{phase.title}{DOT}{text} {'over' if over else 'left'}"
    if finish and phase is not None:
        line += DOT + finish_line(clock, r)
    return line


def time_text(clock: MeetingClock, reading: Reading | None = None) -> str:
    """The big display, by the clock's view: time left ("+MM:SS" in overtime, counting up),
    time used in the phase, or the time of day (HH:MM)."""
    r = reading or clock.read()
    view = clock.meeting.clock.view
    if view == "clock":
        return f"{r.moment:%H:%M}"
    if view == "elapsed":
        return clock_text(math.floor(round(r.elapsed, 3)))
    text, over = _time_left_text(r.remaining)
    return f"+{text}" if over else text


def squeeze(clock: MeetingClock, reading: Reading | None = None) -> str | None:
    """A warning when what remains no longer fits before the planned end, else None.

    Names the later phases that will have to give time (each up to half of it), never the
    process review, the presenter's reflection or the close.
    """
    if clock.ended or not clock.agenda:
        return None
    drift = (reading or clock.read()).drift
    short = round(drift / 60)
    if short < 1:
        return None
    agenda = clock.agenda
    named: list[int] = []
    give = 0.0
    for i in range(len(agenda) - 1, clock.index, -1):
        phase = agenda[i]
        if phase.status != PhaseStatus.pending or phase.kind in NOT_SQUEEZED:
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
        phase = agenda[i]
        if phase.presenter and phase.presenter != presenter:
            labels.append(phase_label(phase))
        else:
            labels.append(phase.title)
        presenter = phase.presenter
    return f"{short} min short: {join_names(labels)} will be squeezed"


def view_label(clock: MeetingClock) -> str:
    """What the big display shows when it is not the countdown: "elapsed", "time now"."""
    return VIEW_LABELS[clock.meeting.clock.view]


def progress_label(clock: MeetingClock, reading: Reading | None = None) -> str:
    """ "meeting 33%": how far through the whole meeting's time the room is."""
    r = reading or clock.read()
    return f"meeting {math.floor(100 * r.done / r.whole) if r.whole else 100}%"


def end_line(clock: MeetingClock) -> str:
    """ "Meeting ended 13:02 · ran 3h 02m": the closed meeting, in one calm line."""
    state = clock.meeting.clock
    if state.ended_at is None:
        return "Meeting ended"
    ended = state.ended_at.astimezone(clock.tz) if clock.tz else state.ended_at.astimezone()
    line = f"Meeting ended {ended:%H:%M}"
    if state.started_at is not None:
        minutes = max(round((state.ended_at - state.started_at).total_seconds() / 60), 0)
        hours, minutes = divmod(minutes, 60)
        line += f"{DOT}ran {hours}h {minutes:02d}m" if hours else f"{DOT}ran {minutes} min"
    return line


@dataclass(frozen=True, slots=True)
class Face:
    """Everything the phase board shows, read once: equal faces paint the same screen."""

    ended: bool
    end_line: str = ""
    title: str = ""  # the phase, with "(paused)"
    presenter: str = ""  # "Phase 5 of 16 · Presenter: Priya Shah"
    time: str = ""
    view: str = ""
    rule: str = ""
    check_in: bool = False  # the ground rules are shown at check-in
    status_long: str = ""  # with the finish
    status_short: str = ""
    squeeze: str = ""
    done: float = 0.0
    whole: float = 1.0
    progress: str = ""
    next: str = ""
    state: ClockColour = "normal"
    paused: bool = False


def face(clock: MeetingClock) -> Face:
    """The phase board's words and figures at this moment (one reading of the clock)."""
    phase = clock.phase
    if phase is None or clock.ended:
        return Face(ended=True, end_line=end_line(clock))
    r = clock.read()
    number, total = clock.meeting.clock.phase + 1, len(clock.meeting.agenda)
    running = clock.meeting.clock.running
    upcoming = clock.next_phase()
    if upcoming is None:
        next_line = "Next: the end of the meeting"
    else:
        who = f" ({upcoming.presenter})" if upcoming.presenter else ""
        next_line = f"Next: {upcoming.title}{who} · {round(upcoming.allotted / 60)} min"
    presenter = f" · Presenter: {phase.presenter}" if phase.presenter else ""
    return Face(
        ended=False,
        title=f"{phase.title}{'' if running else '  (paused)'}",
        presenter=f"Phase {number} of {total}{presenter}",
        time=time_text(clock, r),
        view=view_label(clock),
        rule=phase.rule,
        check_in=phase.kind is PhaseKind.check_in,
        status_long=status_line(clock, finish=True, reading=r),
        status_short=status_line(clock, reading=r),
        squeeze=squeeze(clock, r) or "",
        whole=max(r.whole, 1),
        done=float(math.floor(min(r.done, r.whole))),  # whole seconds: a repaint a second
        progress=progress_label(clock, r),
        next=next_line,
        state=r.state,
        paused=not running,
    )


REPAINT_LAG = 0.02
"""How long after a displayed second turns the face is read again: past the turn, not before."""


def seconds_to_next_face(clock: MeetingClock | None, now: float) -> float:
    """Seconds from `now` until what the face shows can next change by itself: the next whole
    second of the running countdown; paused, of the wall clock (the finish time moves on).

    A screen that repaints then, and sleeps in between, repaints once per displayed second
    (what follows the wall clock while the countdown runs is at most that second late).
    """
    if clock is not None and clock.meeting.clock.running and not clock.ended:
        step = clock.remaining() % 1.0
        return (step or 1.0) + REPAINT_LAG
    return 1.0 - now % 1.0 + REPAINT_LAG


def report_back_given_away(meeting: Meeting) -> str | None:
    """What the console says as it opens a meeting not yet started whose report-back was
    taken out as it was planned, there being nothing to report back on; else None."""
    if meeting.clock.started_at is not None:
        return None
    given = -sum(c.seconds for c in meeting.changes if c.change == NOTHING_TO_REPORT)
    if given <= 0:
        return None
    return (
        "Nothing to report back on at this meeting (no action is open): the report-back's "
        f"{round(given / 60)} min go to the questioning."
    )
