"""Every screen at the smallest terminal a laptop may give it (40×12), the usual (80×24) and a
large one (200×60): each phase of a whole meeting on the console (the tag pane over the
questioning's and the review's panels, and back), the projector, the home screen, the set
screen and its settings, the help and the insights; none fails, and the console still says
where the meeting is."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, tick
from textual.pilot import Pilot

from actionset import store as disk
from actionset.app import ActionSetApp, console_app, home_app, projector_app
from actionset.model.meeting import PhaseKind
from actionset.screens.meeting import MeetingScreen
from actionset.screens.set_screen import SetScreen

SIZES = [(40, 12), (80, 24), (200, 60)]
IDS = ["40x12", "80x24", "200x60"]


def seen(app: ActionSetApp) -> str:
    """The screen as drawn (its SVG export, whose text is the characters shown)."""
    return app.export_screenshot().replace("&#160;", " ")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_whole_meeting_on_the_console_at_every_size(
    sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    app = console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("space")
        while not screen.clock.ended:
            phase = screen.clock.phase
            assert phase is not None
            if phase.kind in (PhaseKind.clarify, PhaseKind.process_review):
                await pilot.press("t")  # the pane over the phase's panel, and back
                await tick(pilot)
                await pilot.press("t")
            fake_clock.advance(30)
            await tick(pilot)
            assert isinstance(app.screen, MeetingScreen)  # no crash, no other screen
            drawn = seen(app)
            assert "left" in drawn or "over" in drawn or size == (40, 12), phase.title
            await pilot.press("n")
            if phase.kind is PhaseKind.actions and screen.clock.phase is phase:
                await pilot.press("n")  # no action agreed: n asks twice
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        assert app.return_code is None


@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_projector_home_and_insights_at_every_size(
    sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    store = disk.SetStore(sets_dir / "demo")
    projector = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    async with projector.run_test(size=size) as pilot:
        await tick(pilot)
        assert "Heads of Service" in seen(projector) or size == (40, 12)
    home = home_app(disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False)
    async with home.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await _settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the set screen
        await pilot.pause()
        assert isinstance(home.screen, SetScreen)
        await pilot.press("s")  # its settings form
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert home.return_code is None


async def _settle(pilot: Pilot[None]) -> None:
    """Let the insights' worker finish and the charts draw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
