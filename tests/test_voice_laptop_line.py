"""The laptop form's free line takes the keys once the statements are rated (Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, meeting_at
from textual.widgets import Input

from actionset import store as disk
from actionset.screens.voice_answer import LaptopAnswerScreen


async def test_words_typed_after_the_ratings_reach_the_free_line_in_the_console(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.app import console_app
    from actionset.model.meeting import PhaseKind

    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    the_store = disk.SetStore(sets_dir / "demo")
    app = console_app(
        the_store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A", "L")
        assert isinstance(app.screen, LaptopAnswerScreen)
        # Three of the four statements rated; the fourth left unrated, the words typed.
        await pilot.press("4", "5", "3")
        line = app.screen.query_one("#line", Input)
        await pilot.press(*"Good", "space", *"day")
        assert app.screen.focused is line and line.value == "Good day"
        await pilot.press("enter")
        await pilot.pause()
    (answer,) = the_store.read_voice(TODAY).voice.rounds["r1"].answers.values()
    assert answer.line == "Good day"
    assert answer.ratings == {"useful": 4, "questioned": 5, "said": 3}


async def test_the_last_rating_hands_the_keys_to_the_line_and_the_hint_names_the_keys(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.app import console_app
    from actionset.model.meeting import PhaseKind

    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    the_store = disk.SetStore(sets_dir / "demo")
    app = console_app(
        the_store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A", "L", "4", "5", "3", "4")
        assert isinstance(app.screen, LaptopAnswerScreen)
        line = app.screen.query_one("#line", Input)
        assert app.screen.focused is line and line.region.height > 0
        hint = str(app.screen.query_one("#keys").render())
        assert "←/→ 0 change" in hint and "type the line" in hint


async def test_at_80x24_no_notice_covers_the_voice_line(
    sets_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line under the clock says the round's count and what A did; a notice of it too
    would lie over the line's right half at 80x24 for seconds."""
    from actionset.app import console_app
    from actionset.model.meeting import PhaseKind
    from actionset.screens.console_voice import VoiceLine
    from actionset.screens.meeting import MeetingScreen

    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    the_store = disk.SetStore(sets_dir / "demo")
    app = console_app(
        the_store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    notices: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        monkeypatch.setattr(screen, "notify", lambda message, **_: notices.append(message))
        await pilot.press("A")
        assert "Pulse open · 0 of 6 answered · Q the code · A closes it" in str(
            screen.query_one(VoiceLine).render()
        )
        await pilot.press("A")
        assert str(screen.query_one(VoiceLine).render()) == "Pulse closed · 0 of 6 answered"
    assert notices == []
