"""The check-in panel: one key per member for attendance, saved at once; the room's view."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, FakeClock, SnapCompare
from panel_harness import PanelHarness
from textual.pilot import Pilot

from actionset import store as disk
from actionset.model.meeting import AttendanceState, PhaseKind
from actionset.widgets.panels import PANELS, ROOM_VIEWS
from actionset.widgets.panels.check_in import CheckInPanel, check_in_for_the_room

ROSTER = ["Priya Shah", "Tom Reyes", "Helen Okafor", "Gareth Lewis", "Mei Lin Chen", "Sam Whitaker"]


def harness(sets_dir: Path, clock: FakeClock) -> PanelHarness[CheckInPanel]:
    return PanelHarness(sets_dir, CheckInPanel, PhaseKind.check_in, clock)


def saved_attendance(sets_dir: Path) -> dict[str, list[str]]:
    meeting = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
    assert meeting is not None
    return meeting.attendance.model_dump()


def test_the_check_in_panel_is_registered() -> None:
    assert PANELS[PhaseKind.check_in] is CheckInPanel
    assert ROOM_VIEWS[PhaseKind.check_in] is check_in_for_the_room


async def test_a_members_number_cycles_present_apologies_absent_saved_at_once(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        meeting = app.session.meeting
        assert not meeting.attendance.taken
        assert all(meeting.is_present(name) for name in ROSTER), "present until taken"
        await pilot.press("2")
        assert meeting.attendance.state_of("Tom Reyes") is AttendanceState.apologies
        assert saved_attendance(sets_dir) == {
            "present": [n for n in ROSTER if n != "Tom Reyes"],
            "apologies": ["Tom Reyes"],
            "absent": [],
        }
        await pilot.press("2", "5")
        assert meeting.attendance.state_of("Tom Reyes") is AttendanceState.absent
        assert meeting.attendance.state_of("Mei Lin Chen") is AttendanceState.apologies
        saved = saved_attendance(sets_dir)
        assert saved["absent"] == ["Tom Reyes"] and saved["apologies"] == ["Mei Lin Chen"]
        await pilot.press("2")
        assert meeting.is_present("Tom Reyes")
        assert "Tom Reyes" in saved_attendance(sets_dir)["present"]
        await pilot.press("9")  # nobody is ninth: nothing changes
        assert saved_attendance(sets_dir)["absent"] == []


async def test_arrows_and_enter_reach_every_member(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("up", "enter", "enter")  # up from the first wraps to the last
        assert app.session.meeting.attendance.state_of("Sam Whitaker") is AttendanceState.absent
        assert saved_attendance(sets_dir)["absent"] == ["Sam Whitaker"]


def test_the_room_sees_who_is_here_and_who_sent_apologies_names_only(sets_dir: Path) -> None:
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    from actionset.model import Meeting

    meeting = Meeting(date=TODAY)
    meeting.set_attendance("Tom Reyes", AttendanceState.apologies, ROSTER)
    meeting.set_attendance("Sam Whitaker", AttendanceState.absent, ROSTER)
    view = check_in_for_the_room(meeting, [], [], the_set)
    assert view is not None
    text = view.plain
    assert the_set.ground_rules[0] not in text  # the board shows them above
    assert text.splitlines() == [
        "Here today",
        "Priya Shah, Helen Okafor, Gareth Lewis, Mei Lin Chen",
        "Apologies: Tom Reyes",
    ]
    assert "Sam Whitaker" not in text and "absent" not in text


def test_check_in_panel_snapshot(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("2", "6", "6")
        await pilot.pause()

    assert snap_compare(
        harness(sets_dir, fake_clock), terminal_size=(120, 40), run_before=run_before
    )
