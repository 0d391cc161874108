"""The wall clock moved under a running phase: forward counts, backward keeps what was spent."""

from __future__ import annotations

import datetime as dt

import pytest
from test_clock import MIN, FakeTime, half_day, reload

from actionset.model.clock import MeetingClock

UTC = dt.UTC


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def clock(time: FakeTime) -> MeetingClock:
    clock = MeetingClock(half_day(), time, tz=UTC)
    clock.start()
    time.advance(5 * MIN)
    assert clock.remaining() == 10 * MIN
    return clock


def test_a_clock_stepped_forward_counts_the_step(clock: MeetingClock, time: FakeTime) -> None:
    time.advance(3 * MIN)  # a laptop's clock corrected forward: the phase had that time
    assert clock.remaining() == 7 * MIN


@pytest.mark.parametrize("back", [30, 4 * MIN, 2 * 3600, 400 * 86400])
def test_a_clock_stepped_back_keeps_what_was_spent_and_counts_on(
    clock: MeetingClock, time: FakeTime, back: float
) -> None:
    time.advance(-back)
    assert clock.remaining() == 10 * MIN, "the five minutes already spent are kept"
    time.advance(60)
    assert clock.remaining() == 9 * MIN, "counting resumes at once"
    clock.pause()
    time.advance(600)
    assert clock.remaining() == 9 * MIN
    assert reload(clock.meeting).clock.elapsed_seconds == pytest.approx(6 * MIN)


def test_a_clock_stepped_back_while_the_console_was_closed(
    clock: MeetingClock, time: FakeTime
) -> None:
    """Reopened after the step: what was saved is kept, and the phase counts from now."""
    meeting = reload(clock.meeting)
    time.advance(-2 * 3600)
    reopened = MeetingClock(meeting, time, tz=UTC)
    assert reopened.remaining() == 15 * MIN - meeting.clock.elapsed_seconds
    before = reopened.remaining()
    time.advance(60)
    assert reopened.remaining() == pytest.approx(before - 60)
