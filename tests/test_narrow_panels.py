"""A phase's panel at 80x24: below the board (a status strip), the whole width its own."""

from __future__ import annotations

from pathlib import Path

from conftest import FakeClock
from test_clock_screens import screen_text
from test_console_panels import console, goto, loaded, make_app, store_of
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

from actionset.model.meeting import AttendanceState, PhaseKind
from actionset.widgets.big_clock import BigClock
from actionset.widgets.phase_board import PhaseBoard
from actionset.widgets.tag_pane import TagPane

KINDS = [
    PhaseKind.check_in,
    PhaseKind.report_back,
    PhaseKind.bids,
    PhaseKind.actions,
    PhaseKind.reflect,
    PhaseKind.process_review,
    PhaseKind.close,
]


def in_agenda_order(app: App[None]) -> list[PhaseKind]:
    """Every kind of panel, in the order its first phase comes in the demo set's agenda: one
    walk through the meeting reaches each of them (the walk a test of the last one makes)."""
    order = list(dict.fromkeys(p.kind for p in console(app).clock.agenda if p.kind in KINDS))
    assert sorted(order) == sorted(KINDS)
    return order


async def tags_in_place(pilot: Pilot[None], app: App[None], panel: Widget) -> None:
    """`t` shows the tag pane where the panel was, as wide and as high, and leaves the rest
    of the screen as it was (the board where it was, as large)."""
    board = console(app).query_one(PhaseBoard)
    where, board_was = panel.region, board.region
    await pilot.press("t")
    await pilot.pause()
    assert not panel.display
    assert console(app).query_one(TagPane).region == where, where
    assert board.region == board_was, board_was


async def test_each_panel_has_the_width_at_80_by_24(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for kind in in_agenda_order(app):
            panel = await goto(pilot, app, kind)
            await pilot.pause()
            board = console(app).query_one(PhaseBoard)
            assert panel.region.width >= 76, (kind, panel.region)
            assert panel.region.y >= board.region.bottom, (kind, panel.region, board.region)
            assert panel.region.height >= 12, (kind, panel.region)
            assert not board.query_one(BigClock).display, kind  # the board is a status strip
            text = screen_text(app)
            assert "left" in text and "meeting" in text, kind  # the time left and the bar stay
            # the panel's keys stay in sight at its foot, whatever scrolls above them
            hint = panel.query_one(".hint")
            assert panel.region.contains_region(hint.region), (kind, hint.region, panel.region)
            # the tag pane comes over the panel in its place, the board's strip kept
            await tags_in_place(pilot, app, panel)
            await pilot.press("t")
            await pilot.pause()
            assert panel.region.width >= 76, (kind, panel.region)


async def test_each_panel_sits_beside_the_board_at_120_by_40(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for kind in in_agenda_order(app):
            panel = await goto(pilot, app, kind)
            board = console(app).query_one(PhaseBoard)
            assert panel.region.x >= board.region.right, (kind, panel.region, board.region)
            assert board.query_one(BigClock).display, kind
            await tags_in_place(pilot, app, panel)
            await pilot.press("t")
            await pilot.pause()


async def test_the_roll_is_read_and_taken_at_80_by_24(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Each member's name and attendance on a line of its own, and the keys still work."""
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await goto(pilot, app, PhaseKind.check_in)
        await pilot.press("2")  # Tom Reyes: apologies
        await pilot.pause()
        lines = screen_text(app).splitlines()
        tom = next(line for line in lines if "Tom Reyes" in line)
        assert "apologies" in tom
        assert (
            loaded(store_of(sets_dir)).attendance.state_of("Tom Reyes") is AttendanceState.apologies
        )


async def test_a_panel_passed_before_it_has_shown_does_not_fail(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Keys faster than the screen: each panel is mounted and at once removed (n, n, n held
    down); none of them fails for its parts being gone, and the console goes on."""
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = console(app)
        for _ in range(len(screen.clock.agenda) - 1):
            screen.action_next()  # no pause between: the panel's mount is still pending
        await pilot.pause()
        await pilot.pause()
        assert screen.clock.phase is not None and screen.clock.phase.kind is PhaseKind.close
        assert screen.panel is not None and screen.panel.is_mounted
