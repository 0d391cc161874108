"""Pilot tests of the home screen: the sets in the folder, opened and created."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, FakeClock
from textual.widgets import OptionList

from actionset import store as disk
from actionset.app import ActionSetApp, home_app
from actionset.screens.meeting import MeetingScreen


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return home_app(disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False)


async def test_lists_the_demo_set_by_its_full_name(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        sets = app.screen.query_one(OptionList)
        assert sets.option_count == 1
        shown = str(sets.get_option_at_index(0).prompt)
        assert "Heads of Service — Northfield Borough Council" in shown
        assert "next 2026-11-02" in shown


async def test_enter_opens_todays_meeting_and_holds_the_set(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert disk.SetStore(sets_dir / "demo").load_meeting(TODAY) is not None
        other = disk.SetStore(sets_dir / "demo").lock()
        try:
            other.acquire()
            raise AssertionError("a second console took the set")
        except disk.SetLocked as refusal:
            assert "actionset project demo" in str(refusal)
        await pilot.press("ctrl+q")
    with disk.SetStore(sets_dir / "demo").lock():  # the app let go of the set as it stopped
        pass


async def test_n_creates_a_set(tmp_path: Path, fake_clock: FakeClock) -> None:
    app = make_app(tmp_path, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.click("#name")
        await pilot.press(*"Nurses")
        await pilot.click("#members")
        await pilot.press(*"Ann, Bo, Cy, Di", "enter")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 1
    the_set = disk.SetStore(tmp_path / "nurses").load_set()
    assert [m.name for m in the_set.members] == ["Ann", "Bo", "Cy", "Di"]
