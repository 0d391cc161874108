"""A five-member set its members facilitate in turn, over three meetings with three different
facilitators: `0 q` lands on each day's facilitator (and on the stand-in in the slot of a
facilitator who presents), the rotation skips a member who sent apologies, and each day's
questioning table adds up to its All."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import TODAY, FakeClock
from test_member_facilitated import questioning_rows

from actionset import store as disk
from actionset.app import console_app
from actionset.export.minutes import minutes_markdown
from actionset.model import Member, Set
from actionset.model.agenda import EQUAL_TIME
from actionset.model.clock import MeetingClock
from actionset.model.contributions import replay
from actionset.model.meeting import Meeting, PhaseKind
from actionset.model.record import facilitator_of, next_meeting_default
from actionset.screens.meeting import MeetingScreen
from actionset.session import open_meeting

FIVE = ["Olu Bankole", "Raj Mehta", "Sian Price", "Tariq Aziz", "Uma Rao"]
DAYS = [TODAY - dt.timedelta(weeks=12), TODAY - dt.timedelta(weeks=6), TODAY]


def peers(tmp_path: Path) -> tuple[Path, disk.SetStore]:
    folder = tmp_path / "sets"
    the_set = Set(
        name="Peers",
        facilitator="Olu Bankole",
        rotation="members",
        agenda_template="equal-time",
        first_date=DAYS[0],
        members=[Member(name=name) for name in FIVE],
    )
    disk.SetsFolder(folder).create(the_set)
    return folder, disk.SetStore(folder / "peers")


def planned(folder: Path, store: disk.SetStore, day: dt.date, away: str, clock: FakeClock) -> None:
    """The day's meeting opened, its roll taken (`away` sent apologies) and started."""
    meeting = open_meeting(store, disk.SetsFolder(folder), day)
    meeting.attendance.present = [name for name in FIVE if name != away]
    meeting.attendance.apologies = [away] if away else []
    meeting_clock = MeetingClock(meeting, clock)
    meeting_clock.follow_attendance(EQUAL_TIME, FIVE)
    meeting_clock.toggle()
    store.save_meeting(meeting)


def to_clarify(store: disk.SetStore, day: dt.date, presenter: str, clock: FakeClock) -> None:
    meeting = store.load_meeting(day)
    assert meeting is not None
    meeting_clock = MeetingClock(meeting, clock)
    for _ in meeting.agenda:  # onwards only: the slots are taken in running order
        phase = meeting_clock.phase
        if phase is None or (phase.kind is PhaseKind.clarify and phase.presenter == presenter):
            break
        meeting_clock.next()
    assert meeting_clock.phase is not None and meeting_clock.phase.presenter == presenter
    store.save_meeting(meeting)


async def zero_q(folder: Path, store: disk.SetStore, day: dt.date, clock: FakeClock) -> str:
    """Whom `0 q` tagged in the console, as the journal has it; a member who may ask then
    asks a question, by their roster number."""
    before = len(store.read_journal(day).events)
    app = console_app(store, disk.SetsFolder(folder), today=day, now=clock, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("t", "0", "q")
        asking = screen.tags.counting()
        number = next(n for n, name in screen.numbers.items() if name in asking)
        await pilot.press(str(number), "q")
        await pilot.pause()
    events = store.read_journal(day).events[before:]
    assert len(events) == 2
    return str(events[0]["member"])


async def test_three_meetings_three_facilitators(tmp_path: Path, fake_clock: FakeClock) -> None:
    folder, store = peers(tmp_path)
    facilitators = []
    for day, away in zip(DAYS, ["", "Sian Price", ""], strict=True):
        planned(folder, store, day, away, fake_clock)
        the_set = store.load_set()
        meeting = store.load_meeting(day)
        assert meeting is not None
        today = facilitator_of(meeting, the_set)
        facilitators.append(today)
        if day == DAYS[0]:  # the facilitator presents first: their slot has a stand-in
            to_clarify(store, day, today, fake_clock)
            stand_in = await zero_q(folder, store, day, fake_clock)
            meeting = store.load_meeting(day)
            assert meeting is not None
            own = meeting.presentation(today)
            assert own is not None and own.stand_in == stand_in == "Raj Mehta"
        others = [p.member for p in meeting.presenters if p.member != today]
        to_clarify(store, day, others[-1], fake_clock)
        assert await zero_q(folder, store, day, fake_clock) == today
        meeting = store.load_meeting(day)
        assert meeting is not None
        events = store.read_journal(day).events
        minutes = minutes_markdown(the_set, day, meeting, [], [], replay(events, meeting.agenda))
        rows = questioning_rows(minutes)
        everyone = [r for label, r in rows.items() if label != "**All**"]
        assert rows["**All**"] == [sum(r[i] for r in everyone) for i in range(4)], minutes
        assert f"{today} (facilitating)" in rows
        meeting.next_meeting = next_meeting_default(meeting, the_set)  # the close's c
        meeting.closed = True
        store.save_meeting(meeting)
    # Raj followed Olu; Sian sent apologies at Raj's meeting, so Tariq came next.
    assert facilitators == ["Olu Bankole", "Raj Mehta", "Tariq Aziz"]


def test_a_facilitator_who_presents_gets_the_next_in_turn_as_stand_in(tmp_path: Path) -> None:
    from actionset.model.record import facilitating, record_stand_ins

    _, store = peers(tmp_path)
    the_set = store.load_set()
    meeting = Meeting(date=TODAY, facilitator="Raj Mehta")
    meeting.attendance.present = ["Olu Bankole", "Raj Mehta", "Tariq Aziz", "Uma Rao"]
    meeting.attendance.apologies = ["Sian Price"]
    from actionset.model.meeting import Presentation

    meeting.presenters = [Presentation(member="Raj Mehta"), Presentation(member="Uma Rao")]
    record_stand_ins(meeting, the_set)
    assert meeting.presenters[0].stand_in == "Tariq Aziz"  # Sian is away
    assert meeting.presenters[1].stand_in == ""
    assert facilitating(meeting, the_set, "Raj Mehta") == "Tariq Aziz"
    assert facilitating(meeting, the_set, "Uma Rao") == "Raj Mehta"
    assert facilitating(meeting, the_set) == "Raj Mehta"
