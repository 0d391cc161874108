"""Pilot tests of the console's screens: the footer, help, the lists, the timeline, privacy."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, FakeClock
from textual.geometry import Region

from actionset import store as disk
from actionset.app import console_app
from actionset.screens.meeting import MeetingScreen
from actionset.widgets.tag_pane import TagPane


def make_app(sets_dir: Path, clock: FakeClock):
    return console_app(disk.SetStore(sets_dir / "demo"), disk.SetsFolder(sets_dir),
                       today=TODAY, now=clock, remember_theme=False)


def console(app) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


def line_of(widget) -> str:
    """The first line a widget draws, as text."""
    return widget.render_lines(Region(0, 0, widget.size.width, 1))[0].text


# ---------------------------------------------------------------------------- the timeline


async def test_timeline_draws_questions_and_advice_on_one_scale(new_set_dir: Path,
                                                                fake_clock: FakeClock):
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        for _ in range(14):
            await pilot.press("2", "q")
        for _ in range(3):
            await pilot.press("3", "a")
        await pilot.pause()
        pane = console(app).query_one(TagPane)
        questions, advice = line_of(pane.query_one("#questions")), line_of(
            pane.query_one("#advice"))
        assert questions[0] == "█"
        assert advice[0] in "▂▃▄", advice  # 3 of 14: low, but above the empty minutes
        assert questions[-1] == advice[-1] == "▁"
