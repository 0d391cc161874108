"""The console on the event loop: a paused clock repaints nothing, a running one once a
second, and the meeting is saved in a thread, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock
from textual.widgets import Static

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.screens.meeting import MeetingScreen
from actionset.widgets.phase_board import PhaseBoard


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=clock,
        remember_theme=False,
    )


@pytest.fixture
def board_updates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the phase board's lines updated, in order."""
    seen: list[str] = []
    update = Static.update

    def counted(self: Static, *args: object, **kwargs: object) -> None:
        if any(isinstance(node, PhaseBoard) for node in self.ancestors):
            seen.append(self.id or "")
        update(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Static, "update", counted)
    return seen


async def test_a_paused_console_updates_nothing_on_its_ticks(
    new_set_dir: Path, fake_clock: FakeClock, board_updates: list[str]
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.pause()
        board_updates.clear()
        for _ in range(8):
            fake_clock.advance(0.25)
            screen.tick()
        assert board_updates == []


async def test_a_running_console_repaints_once_a_shown_second(
    new_set_dir: Path, fake_clock: FakeClock, board_updates: list[str]
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("space")
        board_updates.clear()
        for _ in range(3):
            fake_clock.advance(0.25)
            screen.tick()
        assert board_updates == [], "the clock still shows the same second"
        fake_clock.advance(0.25)
        screen.tick()
        assert "status" in board_updates and "phase" not in board_updates


async def test_saves_land_in_order_off_the_event_loop(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    store = disk.SetStore(new_set_dir / "demo")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("space", "n", "n", "plus", "n", "p")
        await app.saved()
        saved = store.load_meeting(TODAY)
        assert saved is not None
        assert saved.clock.phase == screen.clock.meeting.clock.phase == 2
        assert saved.agenda == screen.clock.meeting.agenda
        # A save overtaken by a later one is never written over it.
        newer = screen.clock.meeting.model_copy(deep=True)
        older = newer.model_copy(deep=True)
        older.clock.phase = 0
        app._save_in_order(10, newer)
        app._save_in_order(9, older)
        saved = store.load_meeting(TODAY)
        assert saved is not None and saved.clock.phase == 2
        await pilot.press("ctrl+q")
