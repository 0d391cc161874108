"""The clock as the room sees it, console and projector: the end of a meeting, overtime,
breaks, views, equal time following attendance and the set's ground rules."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import MEMBERS, TODAY, FakeClock, follow, on_disk, tick, write_meeting

from actionset import cli
from actionset import store as disk
from actionset.app import ActionSetApp, console_app, projector_app
from actionset.model import Meeting, Member, Set
from actionset.model.clock import MeetingClock
from actionset.model.meeting import PhaseKind, PhaseStatus
from actionset.screens.meeting import MeetingScreen
from actionset.widgets.big_clock import BigClock
from actionset.widgets.phase_board import PhaseBoard


def console(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=clock,
        remember_theme=False,
    )


def projector(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=clock, remember_theme=False
    )


def saved(sets_dir: Path) -> Meeting:
    meeting = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
    assert meeting is not None
    return meeting


def screen_text(app: ActionSetApp) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def text_of(app: ActionSetApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def at_the_close(
    sets_dir: Path,
    clock: FakeClock,
    minutes_in: float = 12,
) -> tuple[disk.SetStore, MeetingClock]:
    """Today's demo meeting running in its last phase, the close, `minutes_in` minutes in."""
    store = disk.SetStore(sets_dir / "demo")
    from actionset.session import open_meeting

    phases = len(open_meeting(store, disk.SetsFolder(sets_dir), TODAY).agenda)
    return write_meeting(sets_dir, clock, phases_done=phases - 1, minutes_in=minutes_in)


def assert_calm_end(app: ActionSetApp, line: str) -> None:
    board = app.screen.query_one(PhaseBoard)
    assert board.has_class("-ended")
    assert text_of(app, "#ended") == line
    assert not board.query_one(BigClock).display or not board.query_one(BigClock).region.area
    text = screen_text(app)
    assert line in text
    assert "█" not in text and "━" not in text, "no frozen digits, no bar"
    assert "Next:" not in text


# ---------------------------------------------------------------------------- 8. the end


async def test_moving_past_the_last_phase_closes_the_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    at_the_close(sets_dir, fake_clock)
    app = console(sets_dir, fake_clock)
    room = projector(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)) as seen:
        await pilot.press("n")
        meeting = await on_disk(app, sets_dir)
        assert meeting.closed and meeting.clock.ended_at is not None
        assert f"{meeting.clock.ended_at:%H:%M}" == "12:32"
        line = "Meeting ended 12:32 · ran 3h 02m"
        await tick(pilot)
        assert_calm_end(app, line)
        await follow(seen, pilot)
        assert_calm_end(room, line)


async def test_quitting_at_the_close_closes_the_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    at_the_close(sets_dir, fake_clock, minutes_in=4)
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
    meeting = saved(sets_dir)
    assert meeting.closed and f"{meeting.clock.ended_at:%H:%M}" == "12:24"
    assert meeting.agenda[-1].status is PhaseStatus.done
    assert meeting.agenda[-1].actual_seconds == 4 * 60


async def test_quitting_mid_meeting_leaves_it_open(sets_dir: Path, fake_clock: FakeClock) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=3)
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
    meeting = saved(sets_dir)
    assert not meeting.closed and meeting.clock.ended_at is None


async def test_run_asks_before_reopening_a_closed_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    _, clock = at_the_close(sets_dir, fake_clock)
    clock.next()
    disk.SetStore(sets_dir / "demo").save_meeting(clock.meeting)
    fake_clock.advance(3600)
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReopenScreen"
        assert "Meeting ended 12:32 · ran 3h 02m" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("space")  # a closed meeting does not start again by accident
        assert (await on_disk(app, sets_dir)).closed
        assert_calm_end(app, "Meeting ended 12:32 · ran 3h 02m")
    again = console(sets_dir, fake_clock)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        meeting = await on_disk(again, sets_dir)
        assert not meeting.closed and meeting.clock.ended_at is None
        assert meeting.agenda[meeting.clock.phase].kind is PhaseKind.close
        assert not again.screen.query_one(PhaseBoard).has_class("-ended")
        assert "Close and next date" in text_of(again, "#status")


def test_report_says_closed_with_start_and_end(
    sets_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    _, clock = at_the_close(sets_dir, fake_clock)
    clock.next()
    disk.SetStore(sets_dir / "demo").save_meeting(clock.meeting)
    code = cli.main(
        [
            "report",
            "demo",
            "--meeting",
            "latest",
            "--sets-dir",
            str(sets_dir),
            "--today",
            str(TODAY),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "- Status:" not in out, "a closed meeting's minutes are not a draft"
    assert "- Time: 09:30 to 12:32\n" in out


# ---------------------------------------------------------------------------- 9. overtime


def lit_rows(widget: BigClock) -> tuple[int, int, int]:
    """(rows with lit cells, the columns left of the first lit cell and right of the last)."""
    rows, left, right = 0, widget.size.width, widget.size.width
    for y in range(widget.size.height):
        text = widget.render_line(y).text
        if "█" in text:
            rows += 1
            left = min(left, len(text) - len(text.lstrip()))
            right = min(right, len(text) - len(text.rstrip()))
    return rows, left, right


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
@pytest.mark.parametrize("where", ["console", "console with pane", "projector"])
async def test_overtime_is_as_tall_as_the_countdown(
    sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int], where: str
) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=14)  # Probe: 15 min
    app = projector(sets_dir, fake_clock) if where == "projector" else console(sets_dir, fake_clock)
    async with app.run_test(size=size) as pilot:
        if where == "console with pane":
            await pilot.press("t")
        await tick(pilot)
        big = app.screen.query_one(BigClock)
        assert big.text == "01:00"
        before = lit_rows(big)
        fake_clock.advance(68)
        await tick(pilot)
        assert big.text == "+00:08"
        after = lit_rows(big)
        assert after[0] == before[0] >= 5, (before, after)
        for _rows, left, right in (before, after):  # the + fits, and the room sees it centred
            assert abs(left - right) <= 1, (before, after)


# ---------------------------------------------------------------------------- 10. breaks


async def test_b_inserts_the_break_now_and_b_again_ends_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=6)  # 6 min into Probe
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        meeting = await on_disk(app, sets_dir)
        now, after = meeting.agenda[5], meeting.agenda[6]
        assert (now.title, now.added, meeting.clock.phase) == ("Break", True, 5)
        assert meeting.clock.running
        assert (after.title, after.status, after.actual_seconds) == (
            "Probe",
            PhaseStatus.pending,
            6 * 60,
        )
        assert text_of(app, "#status").startswith("Break · 10:00 left")
        fake_clock.advance(3 * 60)
        await pilot.press("b")
        meeting = await on_disk(app, sets_dir)
        assert meeting.agenda[5].status is PhaseStatus.done
        assert meeting.agenda[5].actual_seconds == meeting.agenda[5].allotted_seconds == 180
        assert meeting.clock.phase == 6 and meeting.clock.running
        assert text_of(app, "#status").startswith("Probe · 09:00 left")


# ---------------------------------------------------------------------------- 11. views


async def test_views_and_progress_say_what_they_show(sets_dir: Path, fake_clock: FakeClock) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=3)
    app = console(sets_dir, fake_clock)
    room = projector(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)) as seen:
        await pilot.pause()
        assert not app.screen.query_one("#view").display
        assert text_of(app, "#progress-label") == "meeting 37%"
        await pilot.press("v")
        await follow(seen, pilot)
        for shown in (app, room):
            assert shown.screen.query_one("#view").display
            assert text_of(shown, "#view") == "elapsed"
            assert "elapsed" in screen_text(shown)
            assert "meeting 37%" in screen_text(shown)
        await pilot.press("v")
        await follow(seen, pilot)
        for shown in (app, room):
            assert text_of(shown, "#view") == "time now"
        assert saved(sets_dir).clock.view == "clock"


# ---------------------------------------------------------------------------- 12. equal time


@pytest.fixture
def equal_time_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sets"
    the_set = Set(
        name="demo",
        facilitator="Grace Liu",
        agenda_template="equal-time",
        members=[Member(name=name) for name in MEMBERS],
    )
    disk.SetsFolder(folder).create(the_set)
    return folder


def slots(meeting: Meeting) -> list[str]:
    return list(dict.fromkeys(p.presenter for p in meeting.agenda if p.presenter))


async def test_equal_time_follows_attendance(equal_time_dir: Path, fake_clock: FakeClock) -> None:
    app = console(equal_time_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert slots(await on_disk(app, equal_time_dir)) == MEMBERS
        finish = re.search(r"finish (\d\d:\d\d)", text_of(app, "#status"))
        assert finish and finish.group(1) == "12:30"  # the booked three hours
        await pilot.press("h")
        await pilot.press("down", "space", "enter")  # Ben Osei sent apologies
        meeting = await on_disk(app, equal_time_dir)
        assert meeting.attendance.apologies == ["Ben Osei"]
        assert slots(meeting) == [m for m in MEMBERS if m != "Ben Osei"]
        # the slots left share the booked three hours (issue 23): the finish stays
        assert "finish 12:30 · on time" in text_of(app, "#status")
        await pilot.press("h")
        await pilot.press("down", "space", "enter")  # he came after all
        meeting = await on_disk(app, equal_time_dir)
        assert slots(meeting) == MEMBERS
        assert [p.member for p in meeting.presenters] == MEMBERS  # recorded from the roll
        assert "finish 12:30 · on time" in text_of(app, "#status"), "his slot back, the hours kept"


# ---------------------------------------------------------------------------- 20. ground rules


async def test_ground_rules_on_the_check_in(sets_dir: Path, fake_clock: FakeClock) -> None:
    rules = disk.SetStore(sets_dir / "demo").load_set().ground_rules
    app = console(sets_dir, fake_clock)
    room = projector(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot, room.run_test(size=(160, 48)) as seen:
        await pilot.press("space")
        await follow(seen, pilot)
        # the room sees them under the clock; the console's check-in panel holds them
        assert room.screen.query_one("#ground-rules").display
        assert all(rule in text_of(room, "#ground-rules") for rule in rules)
        for shown in (app, room):
            assert rules[0][:40] in screen_text(shown)
        await pilot.press("n")
        await follow(seen, pilot)
        assert rules[0][:40] not in screen_text(app)
        assert not room.screen.query_one("#ground-rules").display
