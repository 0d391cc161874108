"""The meeting clock, driven by a fake wall clock: nothing here sleeps."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import tomllib
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionset.model import clock_words as words
from actionset.model.agenda import BUILTIN_TEMPLATES, build_agenda
from actionset.model.clock import MeetingClock
from actionset.model.meeting import Meeting, PhaseKind, PhaseStatus
from actionset.store import dump_toml

UTC = dt.UTC
NINE = dt.datetime(2026, 9, 14, 9, 0, tzinfo=UTC).timestamp()
STATUS = re.compile(r"^(.+) · (\d{2,}):(\d{2}) (left|over)")
MIN = 60


class FakeTime:
    """Wall-clock seconds that move only when a test says so."""

    def __init__(self, t: float = NINE) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def half_day(presenters: list[str] | None = None) -> Meeting:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], presenters or [], [])
    return Meeting(date=dt.date(2026, 9, 14), agenda=agenda)


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def clock(time: FakeTime) -> MeetingClock:
    return MeetingClock(half_day(), time, tz=UTC)


def titles(clock: MeetingClock) -> list[str]:
    return [p.title for p in clock.agenda]


def reload(meeting: Meeting) -> Meeting:
    """The meeting as it would come back from its TOML file."""
    return Meeting.model_validate(tomllib.loads(dump_toml(meeting.model_dump()).decode()))


def run_on_time(clock: MeetingClock, time: FakeTime, phases: int) -> None:
    """Run the next `phases` phases each for exactly its time."""
    for _ in range(phases):
        assert clock.phase is not None
        time.advance(clock.phase.allotted)
        clock.next()


# ---------------------------------------------------------------------------- running


def test_before_start_the_first_phase_waits_with_its_full_time(
    clock: MeetingClock, time: FakeTime
) -> None:
    assert words.status_line(clock) == "Check-in and ground rules · 15:00 left"
    time.advance(600)
    assert clock.remaining() == 15 * MIN
    assert not clock.started and not clock.running
    assert words.finish_line(clock) == "finish 12:10 · on time"  # predicted from now


def test_remaining_comes_from_timestamps(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    assert clock.running and clock.phase is not None
    assert clock.phase.status == PhaseStatus.current
    assert clock.clock.started_at == dt.datetime(2026, 9, 14, 9, 0, tzinfo=UTC)
    assert clock.clock.ends_at == dt.datetime(2026, 9, 14, 12, 0, tzinfo=UTC)
    time.advance(60.5)
    assert clock.remaining() == 15 * MIN - 60.5
    assert words.status_line(clock) == "Check-in and ground rules · 14:00 left"
    time.advance(0.4)
    assert words.status_line(clock) == "Check-in and ground rules · 14:00 left"
    time.advance(0.1)
    assert words.status_line(clock) == "Check-in and ground rules · 13:59 left"


def test_pause_and_resume(clock: MeetingClock, time: FakeTime) -> None:
    assert clock.toggle() is True
    time.advance(100)
    assert clock.toggle() is False
    time.advance(5000)
    assert clock.elapsed() == 100
    clock.pause()  # pausing a paused clock changes nothing
    clock.start()
    time.advance(20)
    assert clock.elapsed() == 120
    assert clock.clock.started_at == dt.datetime(2026, 9, 14, 9, 0, tzinfo=UTC)


def test_overtime_counts_up(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(15 * MIN)
    assert clock.state() == "over"
    assert words.status_line(clock) == "Check-in and ground rules · 00:00 over"
    time.advance(73)
    assert clock.remaining() == -73
    assert words.status_line(clock) == "Check-in and ground rules · 01:13 over"
    assert words.time_text(clock) == "+01:13"


def test_next_records_actual_time_including_overtime(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(17 * MIN)
    clock.next()
    first, second = clock.agenda[0], clock.agenda[1]
    assert first.actual_seconds == 17 * MIN and first.status == PhaseStatus.done
    assert second.status == PhaseStatus.current and clock.index == 1
    assert clock.running, "moving keeps the clock running"
    time.advance(30)
    assert clock.remaining() == 25 * MIN - 30


def test_next_while_paused_stays_paused(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(MIN)
    clock.pause()
    clock.next()
    time.advance(MIN)
    assert not clock.running
    assert clock.remaining() == 25 * MIN


def test_previous_resumes_from_the_recorded_actual(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(14 * MIN)
    clock.next()
    time.advance(2 * MIN)
    assert clock.previous() is True
    assert clock.index == 0 and clock.running
    assert clock.agenda[0].status == PhaseStatus.current
    assert clock.agenda[1].status == PhaseStatus.pending
    assert clock.agenda[1].actual_seconds == 2 * MIN
    assert clock.remaining() == MIN
    time.advance(3 * MIN)
    assert words.status_line(clock) == "Check-in and ground rules · 02:00 over"
    clock.next()
    assert clock.agenda[0].actual_seconds == 17 * MIN
    assert clock.remaining() == 23 * MIN, "report-back resumes from its 2 minutes"
    assert clock.previous() and clock.previous() is False, "nothing before the first phase"


def test_next_at_the_last_phase_ends_the_meeting(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    for _ in range(len(clock.agenda)):
        time.advance(MIN)
        clock.next()
    assert clock.ended and not clock.running
    assert all(p.status == PhaseStatus.done for p in clock.agenda)
    assert clock.clock.ended_at == dt.datetime(2026, 9, 14, 9, 16, tzinfo=UTC)
    clock.next()
    clock.start()
    assert clock.ended and not clock.running
    assert words.status_line(clock) == "Meeting ended"
    assert words.status_line(clock, finish=True) == "Meeting ended · finish 09:16 · 164 min ahead"
    assert clock.state() == "normal" and words.squeeze(clock) is None
    assert clock.next_phase() is None
    time.advance(MIN)
    assert clock.previous() is True, "an accidental end can be undone"
    assert not clock.ended and clock.phase is not None
    assert clock.phase.title == "Close and next date" and clock.elapsed() == MIN


def test_the_end_closes_the_meeting_and_says_when(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    run_on_time(clock, time, len(clock.agenda) - 1)
    assert clock.at_close and not clock.meeting.closed
    time.advance(12 * MIN)  # two minutes over
    clock.next()
    assert clock.meeting.closed and clock.clock.ended_at is not None
    assert words.end_line(clock) == "Meeting ended 12:02 · ran 3h 02m"
    saved = reload(clock.meeting)
    assert saved.closed and saved.clock.ended_at == clock.clock.ended_at


def test_quitting_at_the_close_closes_the_meeting(clock: MeetingClock, time: FakeTime) -> None:
    assert clock.close() is False, "not started: nothing to close"
    clock.start()
    run_on_time(clock, time, 3)
    assert clock.close() is False, "only at the close"
    run_on_time(clock, time, len(clock.agenda) - 4)
    time.advance(4 * MIN)
    assert clock.close() is True
    assert clock.ended and clock.meeting.closed and not clock.running
    assert clock.agenda[-1].actual_seconds == 4 * MIN
    assert clock.agenda[-1].status is PhaseStatus.done
    assert words.end_line(clock) == "Meeting ended 11:54 · ran 2h 54m"
    time.advance(MIN)
    assert clock.reopen() is True
    assert not clock.meeting.closed and clock.clock.ended_at is None
    assert clock.elapsed() == 4 * MIN and not clock.running
    assert clock.meeting.changes[-1].change == "reopen"


def test_a_short_meeting_ran_minutes(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    for _ in range(len(clock.agenda)):
        time.advance(MIN)
        clock.next()
    assert words.end_line(clock) == "Meeting ended 09:16 · ran 16 min"


def test_empty_agenda_never_crashes(time: FakeTime) -> None:
    clock = MeetingClock(Meeting(date=dt.date(2026, 9, 14)), time, tz=UTC)
    clock.start()
    clock.next()
    assert clock.previous() is False
    assert clock.skip() is False and clock.adjust(60) == 0 and clock.insert_break() is None
    assert words.status_line(clock, finish=True) == "No agenda"
    assert clock.progress() == (0, 0)
    assert clock.bell_due() is False


# ---------------------------------------------------------------------------- changes of plan


def test_adjust_by_one_and_five_minutes(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    assert clock.adjust(+MIN) == MIN
    assert clock.adjust(+5 * MIN) == 5 * MIN
    assert clock.remaining() == 21 * MIN
    assert clock.adjust(-5 * MIN) == -5 * MIN
    assert clock.agenda[0].allotted == 16 * MIN
    assert clock.agenda[0].planned_minutes == 15, "the plan is kept beside the change"
    assert [(c.change, c.phase, c.seconds) for c in clock.meeting.changes] == [
        ("adjust", "Check-in and ground rules", 60),
        ("adjust", "Check-in and ground rules", 300),
        ("adjust", "Check-in and ground rules", -300),
    ]
    assert clock.meeting.changes[0].at == dt.datetime(2026, 9, 14, 9, 0, tzinfo=UTC)


def test_adjust_never_takes_away_time_already_used(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(13 * MIN + 30)
    assert clock.adjust(-5 * MIN) == -(MIN + 30)
    assert clock.remaining() == 0
    assert clock.adjust(-MIN) == 0
    assert len(clock.meeting.changes) == 1
    time.advance(2 * MIN)  # in overtime a cut does not hand back time
    assert clock.adjust(-MIN) == 0 and clock.remaining() == -2 * MIN


def test_adjust_never_goes_below_zero(clock: MeetingClock) -> None:
    assert clock.adjust(-5 * MIN, index=2) == -5 * MIN
    assert clock.adjust(-5 * MIN, index=2) == -5 * MIN
    assert clock.adjust(-5 * MIN, index=2) == 0
    assert clock.agenda[2].allotted == 0
    assert clock.adjust(MIN, index=99) == 0


def test_skip_the_current_phase(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    clock.next()
    time.advance(MIN)
    assert clock.skip() is True
    report = clock.agenda[1]
    assert report.status == PhaseStatus.skipped and report.actual_seconds == MIN
    assert clock.index == 2 and clock.running
    change = clock.meeting.changes[-1]
    assert (change.change, change.phase, change.seconds) == (
        "skip",
        "Report-back on last meeting's actions",
        -24 * MIN,
    )


def test_skip_a_phase_still_to_come(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    assert clock.skip(2) is True
    assert clock.agenda[2].status == PhaseStatus.skipped
    assert clock.next_phase() is clock.agenda[1]
    clock.next()
    clock.next()
    assert clock.phase is not None and clock.phase.title == "Present", "skipped phases are passed"
    assert clock.skip(0) is False, "a finished phase cannot be skipped"
    assert words.finish_line(clock) == "finish 11:10 · 50 min ahead"  # 15 + 25 + 10 not used


def test_insert_break_now_pauses_the_phase_until_after_it(
    clock: MeetingClock, time: FakeTime
) -> None:
    clock.start()
    run_on_time(clock, time, 1)
    time.advance(5 * MIN)  # five minutes into the report-back's 25
    assert clock.insert_break() == 1
    added = clock.agenda[1]
    assert clock.phase is added and clock.running
    assert (added.title, added.kind, added.planned_minutes, added.added) == (
        "Break",
        PhaseKind.break_,
        10,
        True,
    )
    interrupted = clock.agenda[2]
    assert interrupted.title.startswith("Report-back")
    assert interrupted.status is PhaseStatus.pending and interrupted.actual_seconds == 5 * MIN
    assert clock.remaining() == 10 * MIN
    assert clock.drift_seconds() == 10 * MIN
    assert words.finish_line(clock) == "finish 12:10 · 10 min behind"
    assert clock.meeting.changes[-1].seconds == 10 * MIN
    time.advance(10 * MIN)
    clock.next()
    assert clock.phase is interrupted and clock.remaining() == 20 * MIN, "resumes with its rest"
    time.advance(20 * MIN)
    clock.next()
    assert (
        interrupted.actual_seconds == 25 * MIN
        and cast(PhaseStatus, interrupted.status) is PhaseStatus.done
    )


def test_b_again_ends_an_inserted_break_early(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(3 * MIN)
    clock.insert_break()
    time.advance(4 * MIN)
    assert clock.end_break() is False, "a break that ran stays in the record"
    assert clock.agenda[0].title == "Break" and clock.agenda[0].actual_seconds == 4 * MIN
    assert clock.agenda[0].allotted == 4 * MIN, "what was left of it is dropped"
    assert clock.phase is clock.agenda[1] and clock.remaining() == 12 * MIN and clock.running
    assert clock.drift_seconds() == 4 * MIN
    assert clock.end_break() is None, "not on a break"


def test_a_break_inserted_by_mistake_goes_away(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(3 * MIN)
    planned = titles(clock)
    clock.insert_break()
    time.advance(5)
    assert clock.end_break() is True
    assert titles(clock) == planned and clock.index == 0
    assert clock.remaining() == 12 * MIN and clock.drift_seconds() == 5


def test_a_planned_break_is_not_ended_by_b(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    run_on_time(clock, time, 8)
    assert clock.phase is not None and clock.phase.kind is PhaseKind.break_
    assert not clock.on_inserted_break and clock.end_break() is None


# ---------------------------------------------------------------------------- the whole meeting


def test_drift_and_finish_line(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    assert words.finish_line(clock) == "finish 12:00 · on time"
    time.advance(19 * MIN)
    assert clock.drift_seconds() == 4 * MIN
    assert words.finish_line(clock) == "finish 12:04 · 4 min behind"
    assert clock.predicted_finish() == dt.datetime(2026, 9, 14, 12, 4, tzinfo=UTC)
    clock.next()
    time.advance(17 * MIN)
    clock.next()
    assert clock.drift_seconds() == -4 * MIN
    assert words.finish_line(clock) == "finish 11:56 · 4 min ahead"
    clock.pause()
    time.advance(10 * MIN)
    assert words.finish_line(clock) == "finish 12:06 · 6 min behind", "a pause costs wall time"
    assert words.status_line(clock, finish=True) == (
        "Bids and running order · 10:00 left · finish 12:06 · 6 min behind"
    )


def test_predicted_finish_is_in_local_time_by_default(time: FakeTime) -> None:
    clock = MeetingClock(half_day(), time)
    finish = clock.predicted_finish()
    assert finish.tzinfo is not None
    assert finish.timestamp() == NINE + 180 * MIN


def test_squeeze_names_the_later_phases_but_never_the_process_review_nor_a_break(
    clock: MeetingClock, time: FakeTime
) -> None:
    clock.start()
    assert words.squeeze(clock) is None
    run_on_time(clock, time, 5)  # into presenter 1's probe
    assert clock.phase is not None and clock.phase.title == "Probe"
    time.advance(23 * MIN)
    assert words.squeeze(clock) == "8 min short: Probe (Presenter 2) and Actions will be squeezed"
    time.advance(30 * MIN)
    warning = words.squeeze(clock)
    assert warning == (
        "38 min short: Actions (Presenter 1), Present (Presenter 2), "
        "Clarify, Probe and Actions will be squeezed"
    )


def test_squeeze_when_nothing_can_give(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    run_on_time(clock, time, 14)
    time.advance(20 * MIN)
    assert clock.phase is not None and clock.phase.kind == PhaseKind.process_review
    assert words.squeeze(clock) == "5 min short: the meeting will run over"


def test_rebalance_shares_what_is_left_and_keeps_the_process_review(
    clock: MeetingClock, time: FakeTime
) -> None:
    clock.start()
    time.advance(25 * MIN)  # ten minutes over in check-in
    clock.next()
    assert clock.drift_seconds() == 10 * MIN
    planned = {i: p.allotted for i, p in enumerate(clock.agenda)}
    changed = clock.rebalance()
    assert changed == 13
    assert clock.drift_seconds() == 0
    assert words.finish_line(clock) == "finish 12:00 · on time"
    assert words.squeeze(clock) is None
    for kind in (PhaseKind.process_review, PhaseKind.break_):
        kept = next(p for p in clock.agenda if p.kind == kind)
        assert kept.allotted == 15 * MIN and kept.allotted_seconds is None
    report, probe = clock.agenda[1], clock.agenda[5]
    # 165 planned minutes less 15 kept for the review and 15 for the break: 135 shared as 125
    assert abs(report.allotted - 25 * MIN * 125 / 135) <= 1
    assert abs(probe.allotted - 15 * MIN * 125 / 135) <= 1
    assert clock.agenda[0].allotted == planned[0], "finished phases keep their plan"
    assert {c.change for c in clock.meeting.changes} == {"rebalance"}
    assert sum(c.seconds for c in clock.meeting.changes) == -10 * MIN


def test_rebalance_gives_time_to_spare_to_the_questioning(
    clock: MeetingClock, time: FakeTime
) -> None:
    clock.start()
    time.advance(5 * MIN)  # ten minutes ahead after the check-in
    clock.next()
    planned = [p.allotted for p in clock.agenda]
    clock.rebalance()
    assert clock.drift_seconds() == 0
    gained = {
        (p.title, p.presenter): p.allotted - before
        for p, before in zip(clock.agenda, planned, strict=True)
        if p.allotted != before
    }
    # clarify and probe of each presenter, 10 and 15 minutes each: 10 minutes as 2:3:2:3
    assert gained == {
        ("Clarify", "Presenter 1"): 2 * MIN,
        ("Probe", "Presenter 1"): 3 * MIN,
        ("Clarify", "Presenter 2"): 2 * MIN,
        ("Probe", "Presenter 2"): 3 * MIN,
    }
    assert clock.rebalance() == 0, "nothing left to change"


def test_rebalance_keeps_a_break_as_long_as_it_was(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(10 * MIN)  # the check-in five minutes short
    clock.next()
    time.advance(5 * MIN)
    assert clock.insert_break() is not None  # a ten-minute break, in the report-back
    time.advance(10 * MIN)
    clock.next()
    clock.rebalance()
    for phase in clock.agenda:
        if phase.kind is PhaseKind.break_:
            assert phase.allotted == phase.planned_minutes * MIN, phase
    assert clock.drift_seconds() == 0


def test_with_no_questioning_left_the_time_to_spare_goes_to_the_rest(
    clock: MeetingClock, time: FakeTime
) -> None:
    clock.start()
    run_on_time(clock, time, 13)  # into presenter 2's reflect
    time.advance(MIN)
    clock.next()  # four minutes ahead, at the process review
    close = clock.agenda[-1]
    clock.rebalance()
    assert clock.drift_seconds() == 0
    assert close.allotted == 14 * MIN, "the close has the four minutes; the review keeps its 15"


def test_rebalance_needs_a_started_meeting(clock: MeetingClock) -> None:
    assert clock.rebalance() == 0
    assert clock.meeting.changes == []


def test_simulated_half_day_runs_to_time(clock: MeetingClock, time: FakeTime) -> None:
    clock.toggle()
    for phase in list(clock.agenda):
        assert clock.phase is phase
        assert words.status_line(clock, finish=True).endswith(" · on time")
        time.advance(phase.planned_minutes * MIN)
        assert clock.remaining() == 0
        clock.next()
    assert clock.ended
    assert time.t - NINE == 180 * MIN
    assert clock.drift_seconds() == 0
    assert words.finish_line(clock) == "finish 12:00 · on time"
    assert all(p.actual_seconds == p.planned_minutes * MIN for p in clock.agenda)
    assert clock.progress() == (180 * MIN, 180 * MIN)


# ---------------------------------------------------------------------------- display


def test_status_line_format(clock: MeetingClock, time: FakeTime) -> None:
    match = STATUS.match(words.status_line(clock, finish=True))
    assert match and match.groups() == ("Check-in and ground rules", "15", "00", "left")
    clock.adjust(110 * MIN)
    assert words.status_line(clock) == "Check-in and ground rules · 125:00 left"
    clock.start()
    time.advance(126 * MIN)
    match = STATUS.match(words.status_line(clock))
    assert match and match.groups()[1:] == ("01", "00", "over")


def test_views_cycle_and_show(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    time.advance(95)
    assert words.time_text(clock) == "13:25"
    assert clock.cycle_view() == "elapsed"
    assert words.time_text(clock) == "01:35"
    assert clock.cycle_view() == "clock"
    assert words.time_text(clock) == "09:01"
    assert clock.cycle_view() == "countdown"
    assert clock.clock.view == "countdown"


def test_views_say_what_they_show(clock: MeetingClock, time: FakeTime) -> None:
    assert words.view_label(clock) == ""
    clock.cycle_view()
    assert words.view_label(clock) == "elapsed"
    clock.cycle_view()
    assert words.view_label(clock) == "time now"


def test_progress_says_it_is_the_meetings(clock: MeetingClock, time: FakeTime) -> None:
    assert words.progress_label(clock) == "meeting 0%"
    clock.start()
    run_on_time(clock, time, 4)  # 55 of 180 minutes
    assert words.progress_label(clock) == "meeting 30%"


def test_colour_states(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    assert clock.state() == "normal"
    time.advance(12 * MIN - 1)
    assert clock.state() == "normal"
    time.advance(1)  # last 20% of fifteen minutes
    assert clock.state() == "warning"
    time.advance(3 * MIN)
    assert clock.state() == "over"
    clock.adjust(-15 * MIN, index=3)
    clock.adjust(+5 * MIN, index=3)  # present: 5 minutes, so the last two warn
    for _ in range(3):
        clock.next()
    time.advance(2 * MIN + 59)
    assert clock.state() == "normal"
    time.advance(1)
    assert clock.state() == "warning"


def test_the_bell_rings_once_when_a_phase_runs_out(clock: MeetingClock, time: FakeTime) -> None:
    clock.start()
    assert clock.bell_due() is False
    time.advance(15 * MIN - 1)
    before = clock.remaining()
    assert clock.bell_due() is False
    time.advance(1)
    assert clock.just_ran_out(before) is True
    assert clock.bell_due() is True
    time.advance(1)
    assert clock.bell_due() is False
    assert clock.just_ran_out(clock.remaining()) is False
    clock.adjust(MIN)
    assert clock.bell_due() is False
    time.advance(MIN)
    assert clock.bell_due() is True, "more time given, run out again"
    clock.clock.muted = True
    clock.adjust(MIN)
    clock.bell_due()
    time.advance(2 * MIN)
    assert clock.bell_due() is False


def test_a_phase_already_over_when_first_seen_does_not_ring(time: FakeTime) -> None:
    meeting = half_day()
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    time.advance(20 * MIN)
    again = MeetingClock(reload(meeting), time, tz=UTC)
    assert again.bell_due() is False
    clock.next()
    assert clock.bell_due() is False


def test_progress(clock: MeetingClock, time: FakeTime) -> None:
    assert clock.progress() == (0, 180 * MIN)
    clock.start()
    time.advance(20 * MIN)
    assert clock.progress() == (20 * MIN, 185 * MIN)
    assert clock.phase_progress() == (20 * MIN, 15 * MIN)
    clock.next()
    assert clock.progress() == (20 * MIN, 185 * MIN)


# ---------------------------------------------------------------------------- resuming


def test_resume_a_paused_meeting_exactly(time: FakeTime) -> None:
    meeting = half_day(["Priya Shah"])
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    time.advance(16 * MIN + 0.25)
    clock.next()
    time.advance(3 * MIN + 0.5)
    clock.pause()
    line = words.status_line(clock, finish=True)
    time.advance(40 * MIN)  # the laptop is off
    for copy in (Meeting.model_validate(meeting.model_dump()), reload(meeting)):
        again = MeetingClock(copy, time, tz=UTC)
        assert again.remaining() == clock.remaining()
        assert words.status_line(again) == words.status_line(clock)
        assert not again.running
    assert line == (
        "Report-back on last meeting's actions · 22:00 left · finish 12:01 · 1 min behind"
    )


def test_resume_a_running_meeting_as_if_it_had_kept_running(time: FakeTime) -> None:
    time.t += 0.37  # fractions of a second do not survive TOML; the clock must not care
    meeting = half_day()
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    time.advance(14 * MIN + 0.2)
    clock.next()
    time.advance(1.1)
    saved = dump_toml(meeting.model_dump())
    remaining = clock.remaining()
    time.advance(7 * MIN)  # crashed, and the laptop slept for a while
    again = MeetingClock(Meeting.model_validate(tomllib.loads(saved.decode())), time, tz=UTC)
    assert again.running
    assert again.remaining() == pytest.approx(remaining - 7 * MIN, abs=1e-6)
    assert again.remaining() == pytest.approx(clock.remaining(), abs=1e-6)
    assert again.agenda[0].actual_seconds == 14 * MIN
    assert again.drift_seconds() == clock.drift_seconds()
    assert clock.drift_seconds() == -59  # a minute ahead, less the 0.37 s the start rounded off
    again.next()
    assert again.agenda[1].actual_seconds == round(7 * MIN + 1.1)


def test_the_model_does_not_import_textual() -> None:
    code = (
        "import sys, actionset.model.clock, actionset.model.agenda, actionset.model; "
        "sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ---------------------------------------------------------------------------- any order


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.floats(min_value=0, max_value=3600)),
        st.tuples(
            st.sampled_from(["toggle", "next", "previous", "skip", "break", "rebalance", "reload"]),
            st.just(0.0),
        ),
        st.tuples(st.just("adjust"), st.sampled_from([-300.0, -60.0, 60.0, 300.0])),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(OPERATIONS)
def test_any_sequence_keeps_the_clock_consistent(operations: list[tuple[str, float]]) -> None:
    time = FakeTime()
    meeting = half_day()
    clock = MeetingClock(meeting, time, tz=UTC)
    for name, value in operations:
        if name == "advance":
            time.advance(value)
        elif name == "adjust":
            clock.adjust(int(value))
        elif name == "break":
            clock.insert_break()
        elif name == "reload":
            meeting = reload(meeting)
            clock = MeetingClock(meeting, time, tz=UTC)
        else:
            getattr(clock, name)()
        state = meeting.clock
        phase = clock.phase
        assert phase is not None and 0 <= state.phase < len(meeting.agenda)
        elapsed = state.elapsed_seconds
        if state.running:
            assert state.since is not None
            elapsed += time.t - state.since.timestamp()
        assert clock.elapsed() == pytest.approx(max(elapsed, 0), abs=1e-6)
        assert clock.remaining() == pytest.approx(phase.allotted - clock.elapsed(), abs=1e-3)
        assert clock.elapsed() >= 0
        assert sum(p.status == PhaseStatus.current for p in meeting.agenda) <= 1
        assert STATUS.match(words.status_line(clock)) or clock.ended
        done, total = clock.progress()
        assert 0 <= done <= total
        if state.ends_at is not None:
            assert clock.drift_seconds() == round(
                clock.predicted_finish().timestamp() - state.ends_at.timestamp()
            )


# ---------------------------------------------------------------------------- equal time


def test_equal_time_follows_attendance(time: FakeTime) -> None:
    template = BUILTIN_TEMPLATES["equal-time"]
    roster = ["Ana", "Ben", "Cai", "Dee", "Eve"]
    meeting = Meeting(
        date=dt.date(2026, 9, 14), template="equal-time", agenda=build_agenda(template, [], roster)
    )
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    before = clock.predicted_finish()
    slots = [p.presenter for p in meeting.agenda if p.presenter]
    assert list(dict.fromkeys(slots)) == roster
    meeting.attendance.present = ["Ana", "Ben", "Dee", "Eve"]
    meeting.attendance.apologies = ["Cai"]
    assert clock.follow_attendance(template, roster) == (["Cai"], [])
    assert "Cai" not in [p.presenter for p in meeting.agenda]
    assert (before - clock.predicted_finish()).total_seconds() == 22 * MIN
    assert meeting.changes[-1].change == "slot removed: absent"
    assert clock.follow_attendance(template, roster) == ([], []), "nothing more to do"
    meeting.attendance.present = roster
    meeting.attendance.apologies = []
    assert clock.follow_attendance(template, roster) == ([], ["Cai"])
    assert list(dict.fromkeys(p.presenter for p in meeting.agenda if p.presenter)) == roster
    assert clock.predicted_finish() == before
    assert [p.title for p in meeting.agenda] == [
        p.title for p in build_agenda(template, [], roster)
    ]


def test_equal_time_shares_the_booked_hours_again_after_an_absence(time: FakeTime) -> None:
    """Issue 23: the slots of the members present fill the booked time; the break stays
    halfway among the slots not yet begun."""
    from actionset.model.equal_time import fill_booked

    template = BUILTIN_TEMPLATES["equal-time"]
    roster = ["Ana", "Ben", "Cai", "Dee", "Eve"]
    meeting = Meeting(
        date=dt.date(2026, 9, 14), template="equal-time", agenda=build_agenda(template, [], roster)
    )
    fill_booked(meeting.agenda, 180)
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    assert sum(p.allotted for p in meeting.agenda) == 180 * MIN
    meeting.attendance.present = ["Ana", "Ben", "Dee", "Eve"]
    meeting.attendance.apologies = ["Cai"]
    assert clock.follow_attendance(template, roster, 180) == (["Cai"], [])
    assert sum(p.allotted for p in meeting.agenda) == 180 * MIN
    assert clock.drift_seconds() == 0
    order = [
        p.presenter or p.title for p in meeting.agenda if p.presenter or p.kind is PhaseKind.break_
    ]
    assert list(dict.fromkeys(order)) == ["Ana", "Ben", "Break", "Dee", "Eve"]
    assert meeting.agenda[0].status is PhaseStatus.current, "the check-in keeps its place"
    meeting.attendance.present = roster
    meeting.attendance.apologies = []
    assert clock.follow_attendance(template, roster, 180) == ([], ["Cai"])
    assert sum(p.allotted for p in meeting.agenda) == 180 * MIN
    order = [
        p.presenter or p.title for p in meeting.agenda if p.presenter or p.kind is PhaseKind.break_
    ]
    assert list(dict.fromkeys(order)) == ["Ana", "Ben", "Cai", "Break", "Dee", "Eve"]


def test_equal_time_shares_again_only_the_slots_not_begun(time: FakeTime) -> None:
    from actionset.model.equal_time import fill_booked

    template = BUILTIN_TEMPLATES["equal-time"]
    roster = ["Ana", "Ben", "Cai", "Dee", "Eve"]
    meeting = Meeting(
        date=dt.date(2026, 9, 14), template="equal-time", agenda=build_agenda(template, [], roster)
    )
    fill_booked(meeting.agenda, 180)
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    run_on_time(clock, time, 3)  # into Ana's slot
    ana = [p.allotted for p in meeting.agenda if p.presenter == "Ana"]
    meeting.attendance.present = ["Ana", "Ben", "Cai", "Dee"]
    meeting.attendance.apologies = ["Eve"]
    assert clock.follow_attendance(template, roster, 180) == (["Eve"], [])
    assert [p.allotted for p in meeting.agenda if p.presenter == "Ana"] == ana
    assert sum(p.allotted for p in meeting.agenda) == 180 * MIN
    order = [
        p.presenter or p.title for p in meeting.agenda if p.presenter or p.kind is PhaseKind.break_
    ]
    assert list(dict.fromkeys(order)) == ["Ana", "Ben", "Cai", "Break", "Dee"]


def test_equal_time_keeps_a_slot_that_has_run(time: FakeTime) -> None:
    template = BUILTIN_TEMPLATES["equal-time"]
    roster = ["Ana", "Ben", "Cai"]
    meeting = Meeting(
        date=dt.date(2026, 9, 14), template="equal-time", agenda=build_agenda(template, [], roster)
    )
    clock = MeetingClock(meeting, time, tz=UTC)
    clock.start()
    run_on_time(clock, time, 3)  # into Ana's Clarify
    meeting.attendance.present = ["Ben", "Cai"]
    meeting.attendance.apologies = ["Ana"]
    assert clock.follow_attendance(template, roster) == ([], [])
    assert clock.phase is not None and clock.phase.presenter == "Ana"


def test_a_fixed_number_of_slots_ignores_attendance(clock: MeetingClock) -> None:
    planned = titles(clock)
    clock.meeting.attendance.present = ["Ana"]
    clock.meeting.attendance.apologies = ["Ben"]
    assert clock.follow_attendance(BUILTIN_TEMPLATES["half-day"], ["Ana", "Ben"]) == ([], [])
    assert titles(clock) == planned


def test_the_face_next_changes_at_the_next_displayed_second(
    clock: MeetingClock, time: FakeTime
) -> None:
    """A screen sleeps until then: once per displayed second, never four times."""
    lag = words.REPAINT_LAG
    time.advance(0.25)  # paused: only the wall clock's second turns (the finish moves)
    assert words.seconds_to_next_face(clock, time()) == pytest.approx(0.75 + lag)
    clock.start()
    time.advance(0.6)  # running: the countdown's seconds turn a whole second after the start
    assert words.seconds_to_next_face(clock, time()) == pytest.approx(0.4 + lag)
    time.advance(0.2)
    assert words.seconds_to_next_face(clock, time()) == pytest.approx(0.2 + lag)
    assert words.seconds_to_next_face(None, time()) == pytest.approx(0.95 + lag)
