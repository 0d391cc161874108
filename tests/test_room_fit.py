"""What a facilitator saw running a whole meeting at 80×24: the end screen's keys, the
reopen question and the check-in's ground rules, on the console and the projector."""

from __future__ import annotations

from pathlib import Path

from conftest import FakeClock, follow, on_disk
from test_clock_screens import at_the_close, console, projector, screen_text

from actionset import store as disk
from actionset.app import ActionSetApp
from actionset.widgets.panels.check_in import CheckInPanel


def footer_text(app: ActionSetApp) -> str:
    """The Footer's words, as the screen shows them (its last row)."""
    return screen_text(app).rstrip().splitlines()[-1]


async def test_the_end_screen_offers_no_clock_keys(sets_dir: Path, fake_clock: FakeClock) -> None:
    """Once the meeting has ended, space, n, ± time, r, b and v do nothing: the Footer does
    not offer them, and `p` says what it does now: it reopens the meeting."""
    at_the_close(sets_dir, fake_clock)
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(120, 30)) as pilot:
        assert "Next" in footer_text(app) and "Pause" in footer_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert (await on_disk(app, sets_dir)).closed
        footer = footer_text(app)
        for gone in ("Start", "Pause", "Next", "± time", "Rebalance", "Break", "View"):
            assert gone not in footer, gone
        assert "Reopen" in footer and "Help" in footer and "Quit" in footer
        for key in ("space", "n", "plus", "right_square_bracket", "r", "b"):
            await pilot.press(key, "escape")  # each refused, and its hold let go
        meeting = await on_disk(app, sets_dir)
        assert meeting.closed and meeting.clock.ended_at is not None
        await pilot.press("p")
        await pilot.pause()
        assert not (await on_disk(app, sets_dir)).closed
        assert "Next" in footer_text(app) and "Reopen" not in footer_text(app)


async def test_the_reopen_question_is_read_whole(sets_dir: Path, fake_clock: FakeClock) -> None:
    _, clock = at_the_close(sets_dir, fake_clock)
    clock.next()
    disk.SetStore(sets_dir / "demo").save_meeting(clock.meeting)
    for size in ((80, 24), (120, 40)):
        app = console(sets_dir, fake_clock)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert app.screen.__class__.__name__ == "ReopenScreen"
            text = " ".join(screen_text(app).split())
            assert "Its end time is cleared." in text.replace("│ │", " "), size


async def test_every_ground_rule_is_seen_at_80_by_24(sets_dir: Path, fake_clock: FakeClock) -> None:
    rules = disk.SetStore(sets_dir / "demo").load_set().ground_rules
    app = console(sets_dir, fake_clock)
    room = projector(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot, room.run_test(size=(80, 24)) as seen:
        await pilot.press("space")
        await follow(seen, pilot)
        for shown in (app, room):
            text = " ".join(screen_text(shown).split())  # a wrapped rule reads on
            assert "left" in text and "meeting" in text  # the status and the bar stay
            if shown is room:
                for rule in rules:
                    assert " ".join(rule.split()[-3:]) in text, (shown, rule)
        # the console's check-in panel holds the rules (it scrolls when the window is small)
        panel = app.screen.query_one(CheckInPanel)
        held = " ".join(" ".join(str(child.render()) for child in panel.query("*")).split())
        for rule in rules:
            assert " ".join(rule.split()[-3:]) in held, rule
