"""The close panel: the next meeting confirmed or changed, and who facilitates it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare
from panel_harness import PanelHarness
from test_console_screens import notices
from textual.pilot import Pilot
from textual.widgets import Input

from actionset import cli
from actionset import store as disk
from actionset.model import Action, Meeting
from actionset.model.meeting import NextMeeting, PhaseKind
from actionset.model.record import facilitator_of
from actionset.widgets.panels import PANELS, ROOM_VIEWS
from actionset.widgets.panels.close import CloseForm, ClosePanel, close_for_the_room

PLACE = "Committee Room 2, Northfield Town Hall"


def harness(sets_dir: Path, fake_clock: FakeClock) -> PanelHarness[ClosePanel]:
    return PanelHarness(sets_dir, ClosePanel, PhaseKind.close, fake_clock)


def on_disk(sets_dir: Path) -> Meeting:
    meeting = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
    assert meeting is not None
    return meeting


def check(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_close_panel_is_registered() -> None:
    assert PANELS[PhaseKind.close] is ClosePanel
    assert ROOM_VIEWS[PhaseKind.close] is close_for_the_room


async def test_c_confirms_the_proposed_next_meeting(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert on_disk(sets_dir).next_meeting is None
        await pilot.press("c")
        expected = NextMeeting(
            date=TODAY + dt.timedelta(weeks=6),
            time="09:30",
            place=PLACE,
            facilitator="Ruth Adeyemi",
        )
        assert app.session.meeting.next_meeting == expected
        assert on_disk(sets_dir).next_meeting == expected
        await pilot.press("f")  # the first member takes their turn
        next_meeting = on_disk(sets_dir).next_meeting
        assert next_meeting is not None
        assert next_meeting.facilitator == "Priya Shah"
        await pilot.press("f")
        next_meeting = on_disk(sets_dir).next_meeting
        assert next_meeting is not None
        assert next_meeting.facilitator == "Tom Reyes"
    code, out = check(capsys, sets_dir)
    assert code == 0, out


async def test_c_says_what_it_confirmed_and_how_to_change_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("c")
        following = TODAY + dt.timedelta(weeks=6)
        (said,) = notices(app)
        assert said.startswith(f"Next meeting confirmed: {following:%A} {following.day} ")
        assert said.endswith(f"09:30, {PLACE}. The room sees it; enter changes it.")
        app.clear_notifications()
        await pilot.press("c")  # again: nothing changes, and it says so
        assert notices(app)[0].startswith("Next meeting is confirmed: ")


async def test_f_says_whom_it_chose_and_whether_that_is_saved(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """`f` on a proposed meeting only proposes; on a confirmed one it saves: each says so."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("f")
        assert notices(app) == [
            "Priya Shah proposed to facilitate the next meeting: c confirms it. "
            "f moves on the turn."
        ]
        assert on_disk(sets_dir).next_meeting is None
        await pilot.press("c")
        app.clear_notifications()
        await pilot.press("f")
        assert notices(app) == [
            "Tom Reyes facilitates the next meeting now: saved. f moves on the turn."
        ]
        next_meeting = on_disk(sets_dir).next_meeting
        assert next_meeting is not None and next_meeting.facilitator == "Tom Reyes"


async def test_the_form_changes_the_next_meeting_and_todays_facilitator(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, CloseForm)
        form.query_one("#date", Input).value = "2027-01-04"
        form.query_one("#time", Input).value = "9.30"  # wrong: the form says so and stays
        form.query_one("#place", Input).value = "Committee Room 2"
        form.query_one("#facilitator", Input).value = "Helen Okafor"
        form.query_one("#facilitated_by", Input).value = "Tom Reyes"
        form.query_one("#facilitated_by", Input).focus()
        await pilot.press("enter")
        assert app.screen is form and on_disk(sets_dir).next_meeting is None
        form.query_one("#time", Input).value = "09:30"
        await pilot.press("enter")
        assert app.screen is not form
        meeting = on_disk(sets_dir)
        assert meeting.next_meeting == NextMeeting(
            date=dt.date(2027, 1, 4),
            time="09:30",
            place="Committee Room 2",
            facilitator="Helen Okafor",
        )
        assert meeting.facilitator == "Tom Reyes"
        assert facilitator_of(meeting, app.session.the_set) == "Tom Reyes"
        text = close_for_the_room(meeting, [], [], app.session.the_set)
        assert text is not None
        assert text.plain == "Next meeting: Monday 4 January 2027, 09:30, Committee Room 2"
        await pilot.press("enter", "escape")  # escape leaves everything as it was
        assert on_disk(sets_dir) == meeting
    code, out = check(capsys, sets_dir)
    assert code == 0, out


async def test_a_time_written_wrong_takes_the_focus_with_its_text_as_typed(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Enter in the place with the time written wrong: the form stays on the time, which keeps
    what was typed, the cursor after it, and says how to write it."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, CloseForm)
        time = form.query_one("#time", Input)
        time.value = "9.30"
        form.query_one("#place", Input).focus()
        await pilot.press("enter")
        assert app.screen is form and form.focused is time
        assert time.value == "9.30" and time.selection.is_empty
        assert "HH:MM" in str(form.query_one("#problem").render())
    assert on_disk(sets_dir).next_meeting is None


async def test_actions_due_at_the_next_meeting_move_with_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Those agreed today and due on the old proposed date follow it; a date typed stays."""
    store = disk.SetStore(sets_dir / "demo")
    proposed = TODAY + dt.timedelta(weeks=6)
    typed = dt.date(2027, 2, 1)
    actions = store.load_actions()
    actions += [
        Action(id="a90", owner="Priya Shah", text="call the ward", agreed_at=TODAY, due=proposed),
        Action(id="a91", owner="Tom Reyes", text="draft the rota", agreed_at=TODAY, due=typed),
    ]
    earlier = next(a for a in actions if a.agreed_at < TODAY)
    earlier_due = earlier.due
    store.save_actions(actions)
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, CloseForm)
        form.query_one("#date", Input).value = "2027-01-11"
        form.query_one("#facilitated_by", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        due = {a.id: a.due for a in store.load_actions()}
        assert due["a90"] == dt.date(2027, 1, 11)
        assert due["a91"] == typed, "a date the facilitator typed stays"
        assert due[earlier.id] == earlier_due, "an action from an earlier meeting stays"
        notices = [n.message for n in app._notifications]
        assert any("1 action agreed today is due on 11 January 2027" in n for n in notices)


def test_the_room_sees_nothing_until_the_next_meeting_is_confirmed(sets_dir: Path) -> None:
    store = disk.SetStore(sets_dir / "demo")
    meeting = store.load_meeting(store.meeting_dates()[-1])
    assert meeting is not None
    meeting.next_meeting = None
    assert close_for_the_room(meeting, [], [], store.load_set()) is None


def test_close_panel_snapshot(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    async def confirmed(pilot: Pilot[None]) -> None:
        await pilot.press("c", "f")

    assert snap_compare(
        harness(sets_dir, fake_clock), terminal_size=(120, 40), run_before=confirmed
    )
