"""Pilot tests of the phase panels in the console and the room's view on the projector."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, follow, tick
from textual.app import App
from textual.pilot import Pilot

from actionset import store as disk
from actionset.app import ActionSetApp, console_app, projector_app
from actionset.model.action_status import Progress
from actionset.model.clock import MeetingClock
from actionset.model.dates import long_date
from actionset.model.meeting import AttendanceState, Meeting, NextMeeting, PhaseKind
from actionset.screens.meeting import MeetingScreen
from actionset.session import open_console
from actionset.widgets.panels import PhasePanel
from actionset.widgets.panels.actions import ActionsPanel
from actionset.widgets.panels.check_in import CheckInPanel
from actionset.widgets.panels.close import close_for_the_room
from actionset.widgets.panels.report_back import (
    ReportBackPanel,
    report_back_for_the_room,
    reporting_now,
)
from actionset.widgets.tag_pane import TagPane

SIZE = (120, 40)


def loaded(store: disk.SetStore) -> Meeting:
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    return meeting


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        store_of(sets_dir), disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def console(app: App[None]) -> MeetingScreen:
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def goto(pilot: Pilot[None], app: App[None], kind: PhaseKind) -> PhasePanel:
    screen = console(app)
    while screen.clock.phase is not None and screen.clock.phase.kind is not kind:
        await pilot.press("n")
    await pilot.pause()
    assert screen.panel is not None and app.focused is screen.panel
    return screen.panel


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


async def test_a_meeting_walked_through_its_panels_lands_on_disk(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    store = store_of(sets_dir)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        assert app.session is not None
        roster = [m.name for m in app.session.the_set.current_members]
        # check-in: the second member sent apologies
        panel = await goto(pilot, app, PhaseKind.check_in)
        assert isinstance(panel, CheckInPanel)
        await pilot.press("2")
        await app.saved()
        assert loaded(store).attendance.state_of(roster[1]) is AttendanceState.apologies
        # t brings the tag pane over the panel, and tagging works there
        await pilot.press("t")
        assert screen.query_one(TagPane).display and not panel.display
        await pilot.press("1", "q")
        assert [c.member for c in screen.tags.contributions] == [roster[0]]
        await pilot.press("t")
        assert panel.display and app.focused is panel
        await pilot.press("1")  # the panel's key again: the first member's attendance
        assert len(screen.tags.contributions) == 1
        await pilot.press("1", "1")  # back to present
        # report-back: the first open action marked done; space still starts the clock
        panel = await goto(pilot, app, PhaseKind.report_back)
        assert isinstance(panel, ReportBackPanel)
        first = panel.rows[0].id
        await pilot.press("1")
        [saved] = [a for a in store.load_actions() if a.id == first]
        assert saved.report_at(TODAY).progress is Progress.done
        await pilot.press("space")
        assert screen.clock.running
        # bids: a bid, then the order confirmed
        panel = await goto(pilot, app, PhaseKind.bids)
        await pilot.press("y", "enter")
        await app.saved()
        meeting = store.load_meeting(TODAY)
        assert meeting.bids and meeting.presenters
        presenter = meeting.presenters[0].member
        # actions: n warns once, then an action is captured
        panel = await goto(pilot, app, PhaseKind.actions)
        assert isinstance(panel, ActionsPanel)
        index = screen.clock.index
        await pilot.press("n")
        assert screen.clock.index == index  # a warning, not a move
        await pilot.press("a")
        await type_text(pilot, "Ring the gas team by Friday")
        await pilot.press("enter")
        assert [
            (a.owner, a.agreed_at)
            for a in store.load_actions()
            if a.text == "Ring the gas team by Friday"
        ] == [(presenter, TODAY)]
        # reflect: a line
        await goto(pilot, app, PhaseKind.reflect)
        await pilot.press("a")
        await type_text(pilot, "The hand-off is the problem")
        await pilot.press("enter", "escape")
        await app.saved()
        written = store.meeting_path(TODAY).read_text(encoding="utf-8")
        assert "The hand-off is the problem" in written
        # close: the next meeting confirmed
        await goto(pilot, app, PhaseKind.close)
        await pilot.press("c")
        await app.saved()
        assert store.load_meeting(TODAY).next_meeting is not None


def meeting_at(
    sets_dir: Path, clock: FakeClock, kind: PhaseKind, next_meeting: NextMeeting | None = None
) -> None:
    """Today's meeting saved as the console leaves it, on the first phase of `kind`."""
    with open_console(store_of(sets_dir), disk.SetsFolder(sets_dir), TODAY) as session:
        meeting_clock = MeetingClock(session.meeting, clock)
        if not meeting_clock.running:
            meeting_clock.toggle()
        while meeting_clock.phase is not None and meeting_clock.phase.kind is not kind:
            meeting_clock.next()
        if next_meeting is not None:
            session.meeting.next_meeting = next_meeting
        session.save_meeting()


async def test_the_projector_shows_the_report_back_and_the_next_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    store = store_of(sets_dir)
    meeting_at(sets_dir, fake_clock, PhaseKind.report_back)
    app = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        await follow(pilot)
        room = app.screen.query_one("#room")
        expected = report_back_for_the_room(
            loaded(store),
            store.load_actions(),
            store.load_issues(),
            store.load_set(),
            past=store.load_meetings(),
            now=fake_clock,
        )
        assert expected is not None and room.display
        assert str(room.render()).splitlines()[0] == expected.plain.splitlines()[0]
        nxt = NextMeeting(
            date=TODAY + dt.timedelta(weeks=6), time="09:30", place="Room 2", facilitator=""
        )
        meeting_at(sets_dir, fake_clock, PhaseKind.close, nxt)
        await follow(pilot)
        closing = close_for_the_room(loaded(store), [], [], store.load_set())
        assert closing is not None and str(room.render()) == closing.plain
        assert long_date(nxt.date) in closing.plain


async def test_the_room_sees_the_report_back_in_the_consoles_order(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Last meeting's presenters report first in the room as on the console: the same member
    is current on both, and the others wait in the console's order."""
    store = store_of(sets_dir)
    meeting_at(sets_dir, fake_clock, PhaseKind.report_back)
    with open_console(store, disk.SetsFolder(sets_dir), TODAY) as session:
        panel = ReportBackPanel(session, MeetingClock(session.meeting, fake_clock))
        order = [r.member for r in panel.reports if r.actions]
        reporting = reporting_now(panel.reports, session.meeting)
    assert order[:2] == ["Gareth Lewis", "Priya Shah"]
    assert reporting is not None and reporting.member == order[0]
    app = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        await follow(pilot)
        lines = str(app.screen.query_one("#room").render()).splitlines()
    assert lines[0] == f"▶ {reporting.member}"
    [waiting] = [line for line in lines if line.startswith("Waiting: ")]
    assert [name.rsplit(" (", 1)[0] for name in waiting[9:].split(", ")] == order[1:]


async def test_n_warns_once_in_the_actions_phase_and_the_warning_goes_as_it_moves_on(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """No action captured for the presenter: the first `n` says so (once, in plain words) and
    stays; the second moves on, and the warning does not linger over the next phase's panel."""
    from conftest import write_meeting

    from actionset.session import open_meeting

    planned = open_meeting(store_of(sets_dir), disk.SetsFolder(sets_dir), TODAY)
    actions = next(i for i, p in enumerate(planned.agenda) if p.kind is PhaseKind.actions)
    write_meeting(sets_dir, fake_clock, phases_done=actions, minutes_in=1)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = console(app)
        assert isinstance(screen.panel, ActionsPanel) and screen.panel.presenter
        await pilot.press("n")
        assert screen.clock.index == actions
        [toast] = app.screen.query("Toast")
        said = str(toast.render())
        assert said.count("again") == 1 and "n again moves on without one" in said, said
        await pilot.press("n")
        assert screen.clock.index == actions + 1
        await pilot.pause()
        [toast] = app.screen.query("Toast")  # what n did, and how to undo it: no warning
        assert str(toast.render()).endswith("ctrl+z undoes it."), str(toast.render())


async def test_leaving_check_in_untouched_records_the_roll_as_shown(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Six of six here, not taken yet, and n: the file says all six were here, so that a member
    who joins later is not counted at this meeting."""
    store = store_of(sets_dir)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        roster = [m.name for m in app.session.the_set.members_at(TODAY)]
        phase = console(app).clock.phase
        assert phase is not None and phase.kind is PhaseKind.check_in
        await pilot.press("n")
        await app.saved()
        attendance = loaded(store).attendance
        assert attendance.taken and attendance.present == roster
        assert not attendance.apologies and not attendance.absent


async def test_skipping_past_an_untouched_check_in_records_the_roll_too(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    store = store_of(sets_dir)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE):
        assert app.session is not None
        roster = [m.name for m in app.session.the_set.members_at(TODAY)]
        console(app).action_skip()
        await app.saved()
        assert loaded(store).attendance.present == roster


async def test_a_roll_taken_in_the_check_in_is_kept_as_it_was_when_leaving(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    store = store_of(sets_dir)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is not None
        roster = [m.name for m in app.session.the_set.members_at(TODAY)]
        await pilot.press("2", "n")
        await app.saved()
        attendance = loaded(store).attendance
        assert attendance.apologies == [roster[1]]
        assert attendance.present == [n for n in roster if n != roster[1]]


@pytest.mark.parametrize("size", [(80, 24), SIZE], ids=["80x24", "120x40"])
async def test_the_heading_and_the_room_name_the_member_the_cursor_is_on(
    sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """Moved on to the third member reporting, the console's heading names them and their
    time, as the room's ▶ does: the heading named the first member's time-box still, and at
    80x24 it scrolled away with the list."""
    meeting_at(sets_dir, fake_clock, PhaseKind.report_back)
    app = make_app(sets_dir, fake_clock)
    room = projector_app(store_of(sets_dir), today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=size) as pilot, room.run_test(size=size) as seen:
        panel = console(app).panel
        assert isinstance(panel, ReportBackPanel) and app.focused is panel
        third = [r.member for r in panel.reports if r.actions][2]
        await pilot.press("down", "down", "down")  # Gareth's two actions, Priya's one
        assert panel.row_members[panel.cursor] == third
        fake_clock.advance(70)
        await tick(pilot)
        heading = panel.query_one("#heading")
        assert f"{third} · 1:10 of " in str(heading.render())
        assert heading.region.height == 1 and panel.region.contains_region(heading.region)
        await follow(seen, pilot)
        assert str(room.screen.query_one("#room").render()).startswith(f"▶ {third}\n")
