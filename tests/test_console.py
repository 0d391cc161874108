"""Pilot tests of the facilitator console: every clock key, driven by a fake clock."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TODAY, FakeClock, on_disk, tick

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model import Meeting
from actionset.model.meeting import PhaseStatus
from actionset.screens.meeting import MeetingScreen
from actionset.widgets.phase_board import PhaseBoard

STATUS = re.compile(r"^(.+) · (\d{2,}):(\d{2}) (left|over)")


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    store = disk.SetStore(sets_dir / "demo")
    return console_app(
        store, disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def status_text(app: ActionSetApp) -> str:
    """The board's status line (the bids' panel has a status of its own)."""
    return str(app.screen.query_one("PhaseBoard #status").render())


def saved(sets_dir: Path) -> Meeting:
    meeting = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
    assert meeting is not None
    return meeting


async def test_opens_today_at_first_phase_paused(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        line = status_text(app)
        assert STATUS.match(line), line
        assert line.startswith("Check-in and ground rules · 15:00 left")
        meeting = await on_disk(app, new_set_dir)
        assert meeting is not None and not meeting.clock.running
        assert meeting.clock.phase == 0


async def test_space_starts_and_pauses_from_timestamps(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        fake_clock.advance(90)
        await tick(pilot)
        assert "13:30 left" in status_text(app)
        await pilot.press("space")
        fake_clock.advance(600)  # paused: time does not count
        await tick(pilot)
        assert "13:30 left" in status_text(app)
        meeting = await on_disk(app, new_set_dir)
        assert not meeting.clock.running
        assert round(meeting.clock.elapsed_seconds) == 90


async def test_next_and_previous_keep_running(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        fake_clock.advance(60)
        await pilot.press("n")
        assert (await on_disk(app, new_set_dir)).clock.running
        assert (await on_disk(app, new_set_dir)).clock.phase == 1
        assert status_text(app).startswith("Bids"), "a first meeting has no report-back"
        assert (await on_disk(app, new_set_dir)).agenda[0].status is PhaseStatus.done
        assert (await on_disk(app, new_set_dir)).agenda[0].actual_seconds == 60
        await pilot.press("p")
        assert (await on_disk(app, new_set_dir)).clock.phase == 0
        assert (await on_disk(app, new_set_dir)).clock.running


async def test_minute_keys_change_the_allotment(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("plus")
        assert "16:00 left" in status_text(app)
        await pilot.press("right_square_bracket")
        assert "21:00 left" in status_text(app)
        await pilot.press("minus", "left_square_bracket")
        assert "15:00 left" in status_text(app)
        changes = [c.change for c in (await on_disk(app, new_set_dir)).changes]
        assert changes.count("adjust") == 4


async def test_overtime_counts_up_and_rings_once(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    bells = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await tick(pilot)  # the console sees the phase with time left
        fake_clock.advance(15 * 60 + 75)
        await tick(pilot)
        assert "01:15 over" in status_text(app)
        assert app.screen.query_one(PhaseBoard).has_class("-over")
        await tick(pilot)
        assert len(bells) == 1


async def test_break_rebalance_and_view(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        agenda = (await on_disk(app, new_set_dir)).agenda
        assert agenda[0].added and agenda[0].title.lower().startswith("break")
        await pilot.press("space")
        fake_clock.advance(40 * 60)
        await pilot.press("r")
        assert any(c.change == "rebalance" for c in (await on_disk(app, new_set_dir)).changes)
        await pilot.press("v")
        assert (await on_disk(app, new_set_dir)).clock.view == "elapsed"
        await pilot.press("v")
        assert (await on_disk(app, new_set_dir)).clock.view == "clock"


async def test_help_and_quit_saves(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        fake_clock.advance(30)
        await pilot.press("question_mark")
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert saved(new_set_dir).clock.running


async def test_resumes_running_phase_as_if_it_kept_running(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        fake_clock.advance(120)
        await app.saved()  # or the next console opens on the meeting before the start
    fake_clock.advance(180)  # the lid was closed
    again = make_app(new_set_dir, fake_clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "10:00 left" in status_text(again)


async def test_w_names_the_presenters_and_h_takes_attendance(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.press("down", "space", "down", "down", "space", "enter")
        meeting = await on_disk(app, new_set_dir)
        assert [p.member for p in meeting.presenters] == ["Ben Osei", "Dev Patel"]
        assert {p.presenter for p in meeting.agenda} == {"", "Ben Osei", "Dev Patel"}
        await pilot.press("h")
        await pilot.press("space", "enter")  # untick the first member
        meeting = await on_disk(app, new_set_dir)
        assert meeting.attendance.apologies == ["Amira Haddad"]
        assert "Amira Haddad" not in meeting.attendance.present


async def test_status_keeps_the_time_left_beside_the_tag_pane(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "n")
        await tick(pilot)
        status = app.screen.query_one("PhaseBoard #status")
        line = status_text(app)
        assert len(line) <= status.size.width
        # the pane has the panel's place below the board's strip, which keeps its width
        assert line == "Bids and running order · 10:00 left · finish 12:15 · on time", line
        await pilot.press("t")  # the phase's panel again, below the strip
        await tick(pilot)
        assert status_text(app).startswith("Bids and running order")
        assert " · 10:00 left" in status_text(app)


async def test_a_presenter_chosen_with_w_takes_the_issue_they_named_with_their_pass(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """Dev passed in the bids but named a new issue; w later makes him a presenter: his slot
    is on that issue, not "issue not recorded"."""
    from actionset.model.meeting import Bid
    from actionset.model.record import raise_issue
    from actionset.session import open_meeting

    store = disk.SetStore(new_set_dir / "demo")
    meeting = open_meeting(store, disk.SetsFolder(new_set_dir), TODAY)
    issue = raise_issue([], "Dev Patel", "Team morale after the merger", TODAY)
    store.save_issues([issue])
    meeting.bids = [Bid(member="Dev Patel", passes=True, issue=issue.id)]
    store.save_meeting(meeting)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.press("down", "down", "down", "space", "enter")
        await app.saved()
    presented = saved(new_set_dir).presentation("Dev Patel")
    assert presented is not None and presented.issue == issue.id
