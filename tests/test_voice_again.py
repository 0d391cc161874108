"""A second round of the same kind at one meeting: the console asks before opening it, and the
minutes pool it with the first as the history does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, meeting_at
from test_console_voice import make_app, store_of, voice_line
from test_voice_reports import AT, LATEST, demo, run, write_voice

from actionset.model.meeting import PhaseKind
from actionset.model.voice import DEFAULT_SCALES, answer_line, close_line, new_device, round_line
from actionset.screens.meeting import MeetingScreen
from actionset.screens.yes_no import YesNoScreen


async def test_a_after_a_closed_pulse_asks_before_opening_another(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A", "A")  # opened, closed
        assert voice_line(app) == "Pulse closed · 0 of 6 answered"
        await pilot.press("A")
        assert isinstance(app.screen, YesNoScreen)
        assert "Open another pulse at this meeting?" in app.screen.question
        await pilot.press("n")
        assert isinstance(app.screen, MeetingScreen)
        assert list(store_of(sets_dir).read_voice(TODAY).voice.rounds) == ["r1"]
        await pilot.press("A", "y")
        await pilot.pause()
        assert voice_line(app).startswith("Pulse open · 0 of 6 answered")
    rounds = store_of(sets_dir).read_voice(TODAY).voice.rounds
    assert [(r.id, r.kind, r.is_open) for r in rounds.values()] == [
        ("r1", "pulse", False),
        ("r2", "pulse", True),
    ]


def test_the_minutes_pool_two_pulses_of_one_meeting_as_the_history_does(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    later = AT + dt.timedelta(minutes=9)
    write_voice(
        demo(sets_dir),
        LATEST,
        round_line("r1", DEFAULT_SCALES["pulse"], AT),
        answer_line("r1", new_device(), AT, {"useful": 4}, "First"),
        close_line("r1", AT),
        round_line("r2", DEFAULT_SCALES["pulse"], later),
        answer_line("r2", new_device(), later, {"useful": 2}, "Second"),
        close_line("r2", later),
    )
    _, out, _ = run(capsys, sets_dir, "report", "demo")
    section = out[out.index("### Members' voice") : out.index("### Reflections")]
    assert "Pulse (r1 and r2, pooled): 2 answered, the last closed 12:49." in section
    assert section.count("| statement | average | n |") == 1
    assert "| Today's meeting was useful for my work | 3.0 | 2 |" in section
    assert "- “First”" in section and "- “Second”" in section
    _, history, _ = run(capsys, sets_dir, "report", "demo", "--all", "--format", "markdown")
    assert "| 2026-09-21 | 2 | 3.0 (2) | – | – | – |" in history
