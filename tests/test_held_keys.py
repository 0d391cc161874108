"""While the keys are held (after a refused letter or a burst of typing), no key but escape
does anything: the phase's panel takes none of its own keys either, even when a click gave it
the focus back."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, FakeClock, demo_console, typist
from test_console_typing import console, store_of
from test_typing_bursts import at, letters, meeting_bytes, settled
from textual.pilot import Pilot

from actionset.app import ActionSetApp
from actionset.model.meeting import PhaseKind
from actionset.widgets.panels import PhasePanel
from actionset.widgets.panels.check_in import CheckInPanel

SIZE = (80, 24)


async def held_with_the_panel_clicked(pilot: Pilot[None], app: ActionSetApp) -> PhasePanel:
    """A letter no one takes holds the keys; a click on the panel gives it the focus again."""
    screen = console(app)
    panel = screen.panel
    assert panel is not None
    await pilot.press("P")
    await pilot.click(type(panel))
    await settled(pilot, app)
    assert screen.held and screen.focused is panel
    return panel


async def test_a_sentence_typed_in_the_check_in_marks_no_one_away(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    at(new_set_dir, fake_clock, PhaseKind.check_in)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        before = meeting_bytes(new_set_dir)
        panel = await held_with_the_panel_clicked(pilot, app)
        sentence = "Priya done 2 of 3 items, Tom: partly. Next!"
        await typist(pilot, keys, "down", *letters(sentence), "enter", "down", "enter", every=0.5)
        await settled(pilot, app)
        assert console(app).held
        assert isinstance(panel, CheckInPanel) and panel.highlighted == 0
    assert meeting_bytes(new_set_dir) == before
    meeting = store_of(new_set_dir).load_meeting(TODAY)
    assert meeting is not None and not meeting.attendance.apologies


async def test_held_keys_change_no_bid(sets_dir: Path, fake_clock: FakeClock) -> None:
    """In the bids, the arrows change a bid's minutes and the running order: not while held."""
    at(sets_dir, fake_clock, PhaseKind.bids)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await typist(pilot, keys, "y", every=1)
        keys.advance(1)  # the bid's letter stands alone
        await pilot.pause(0.2)
        await settled(pilot, app)
        bids = [bid.model_dump() for bid in console(app).clock.meeting.bids]
        assert bids
        before = meeting_bytes(sets_dir)
        await held_with_the_panel_clicked(pilot, app)
        await typist(pilot, keys, "right", "left", "left", "shift+down", "down", every=1)
        await settled(pilot, app)
        assert [bid.model_dump() for bid in console(app).clock.meeting.bids] == bids
    assert meeting_bytes(sets_dir) == before


async def test_i_on_a_member_with_no_open_issue_says_so_and_holds_the_keys(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Mei Lin Chen bids with no open issue: `i` has nothing to go round, says so (`a` names a
    new one), and the title typed next changes nothing."""
    at(sets_dir, fake_clock, PhaseKind.bids)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot, app)
        await typist(pilot, keys, "down", "down", "down", "down", "y", every=1)
        keys.advance(1)
        await pilot.pause(0.2)
        await settled(pilot, app)
        bid = console(app).clock.meeting.bid_of("Mei Lin Chen")
        assert bid is not None and not bid.issue
        before = meeting_bytes(sets_dir)
        await typist(pilot, keys, "i", every=1)
        keys.advance(1)
        await pilot.pause(0.2)
        await settled(pilot, app)
        assert console(app).held
        said = [n.message for n in app._notifications]
        assert "i: Mei Lin Chen has no open issue; a names a new one" in said[-1], said
        await typist(pilot, keys, *letters("Library budgets"), every=0.2)
        await settled(pilot, app)
    assert meeting_bytes(sets_dir) == before
