"""Pilot tests of the home screen: the sets in the folder, opened and created."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import TODAY, FakeClock
from textual.widgets import Input, OptionList, Static

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
        assert "next 2026-11-02 (overdue)" in shown


async def test_r_opens_todays_meeting_and_holds_the_set(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
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
        await pilot.click("#field-name")
        await pilot.press(*"Nurses")
        await pilot.click("#field-members")
        await pilot.press(*"Ann, Bo, Cy, Di", "enter")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 1
    the_set = disk.SetStore(tmp_path / "nurses").load_set()
    assert [m.name for m in the_set.members] == ["Ann", "Bo", "Cy", "Di"]


async def test_the_new_set_form_asks_for_facilitator_cadence_date_time_and_place(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    app = make_app(tmp_path, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        values = {
            "name": "Nurses",
            "members": "Ann, Bo, Cy, Di",
            "facilitator": "Fay",
            "cadence_weeks": "4",
            "first_date": "2027-01-11",
            "usual_time": "14:00",
            "usual_hours": "2.5",
            "usual_place": "Room 4",
            "kind": "vertical",
        }
        for key, value in values.items():
            form.query_one(f"#field-{key}", Input).value = value
        form.query_one("#field-usual_time", Input).value = "2pm"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form  # refused in words, nothing written
        assert "usual_time" in str(form.query_one("#error", Static).render())
        assert not (tmp_path / "nurses").exists()
        form.query_one("#field-usual_time", Input).value = "14:00"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
        shown = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "next 2027-01-11 ·" in shown
    the_set = disk.SetStore(tmp_path / "nurses").load_set()
    assert (the_set.facilitator, the_set.cadence_weeks, the_set.kind.value) == (
        "Fay",
        4,
        "vertical",
    )
    assert the_set.first_date == dt.date(2027, 1, 11)
    assert (the_set.usual_time, the_set.usual_hours, the_set.usual_place) == (
        "14:00",
        2.5,
        "Room 4",
    )


async def test_the_new_set_form_starts_at_0930_for_3_hours_as_values_and_takes_ground_rules(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    """The time and length shown are what the set gets, not grey hints that save nothing."""
    app = make_app(tmp_path, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        for key, shown in (("usual_time", "09:30"), ("usual_hours", "3")):
            field = form.query_one(f"#field-{key}", Input)
            assert (field.value, field.placeholder) == (shown, "")
        form.query_one("#field-name", Input).value = "Nurses"
        form.query_one("#field-members", Input).value = "Ann, Bo, Cy, Di"
        form.query_one("#field-ground_rule_1", Input).value = "What is said here; stays here"
        form.query_one("#field-ground_rule_3", Input).value = "Questions, not advice"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not form
    the_set = disk.SetStore(tmp_path / "nurses").load_set()
    assert (the_set.usual_time, the_set.usual_hours) == ("09:30", 3.0)
    assert the_set.ground_rules == ["What is said here; stays here", "Questions, not advice"]


async def test_a_set_check_refuses_says_so_on_its_line(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    set_file = sets_dir / "demo" / "set.toml"
    set_file.write_text(
        set_file.read_text(encoding="utf-8").replace("name = ", 'name = "x"\nname = ', 1),
        encoding="utf-8",
    )
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "(a file to mend or a conflict to choose: run `actionset check`)" in shown
        assert "0 members" not in shown and "last met" not in shown
