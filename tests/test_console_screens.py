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


# ---------------------------------------------------------------------------- who presents


def saved(sets_dir: Path):
    return disk.SetStore(sets_dir / "demo").load_meeting(TODAY)


def prompts(app) -> list[str]:
    from textual.widgets import SelectionList

    choices = app.screen.query_one(SelectionList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


async def test_w_keeps_the_order_names_are_ticked_and_numbers_them(new_set_dir: Path,
                                                                   fake_clock: FakeClock):
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "down", "space", "up", "up", "space")
        shown = prompts(app)
        assert shown[0] == "✓  2 Amira Haddad"
        assert shown[1] == "·    Ben Osei"
        assert shown[2] == "✓  1 Carla Jones"
        await pilot.press("enter")
        meeting = saved(new_set_dir)
        assert [p.member for p in meeting.presenters] == ["Carla Jones", "Amira Haddad"]
        slots = [p.presenter for p in meeting.agenda if p.presenter]
        assert slots == ["Carla Jones"] * 5 + ["Amira Haddad"] * 5
        await pilot.press("w")  # opened again: the running order stands, numbered
        assert prompts(app)[:3] == ["✓  2 Amira Haddad", "·    Ben Osei", "✓  1 Carla Jones"]


async def test_w_refuses_more_presenters_than_slots_unless_a_slot_is_added(
        new_set_dir: Path, fake_clock: FakeClock):
    from actionset.screens.roster import ChooseMembersScreen

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        planned = sum(p.planned_minutes for p in saved(new_set_dir).agenda)
        await pilot.press("w", "space", "down", "space", "down", "space", "enter")
        assert isinstance(app.screen, ChooseMembersScreen)  # refused: half-day has 2 slots
        offer = str(app.screen.query_one("#offer").render())
        assert "3 presenters but the agenda has 2 presenter slots" in offer
        assert "Add a slot of 60 min? y adds · n goes back" in offer
        await pilot.press("n")
        assert isinstance(app.screen, ChooseMembersScreen)
        assert str(app.screen.query_one("#offer").render()) == ""
        assert saved(new_set_dir).presenters == []
        await pilot.press("enter", "y")
        assert isinstance(app.screen, MeetingScreen)
        meeting = saved(new_set_dir)
        assert [p.member for p in meeting.presenters] == [
            "Amira Haddad", "Ben Osei", "Carla Jones"]
        slots = [p.presenter for p in meeting.agenda if p.presenter]
        assert slots == ["Amira Haddad"] * 5 + ["Ben Osei"] * 5 + ["Carla Jones"] * 5
        assert sum(p.planned_minutes for p in meeting.agenda) == planned + 60
        assert any("plan grows by 60 min" in n.message for n in app._notifications)


async def test_a_slot_added_during_the_meeting_keeps_the_planned_end(new_set_dir: Path,
                                                                     fake_clock: FakeClock):
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        fake_clock.advance(300)
        ends_at = saved(new_set_dir).clock.ends_at
        await pilot.press("w", "space", "down", "space", "down", "space", "enter", "y")
        meeting = saved(new_set_dir)
        assert len({p.presenter for p in meeting.agenda if p.presenter}) == 3
        assert meeting.clock.ends_at == ends_at
        assert console(app).clock.predicted_finish() == ends_at
        assert any("share the time left" in n.message for n in app._notifications)


async def test_h_and_w_lists_mark_ticked_and_unticked_with_a_symbol(new_set_dir: Path,
                                                                    fake_clock: FakeClock):
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert all(shown.startswith("✓ ") for shown in prompts(app))
        await pilot.press("space")
        assert prompts(app)[0] == "· Amira Haddad"
        assert prompts(app)[1] == "✓ Ben Osei"
        await pilot.press("escape", "w")
        assert all(shown.startswith("· ") for shown in prompts(app))
