"""How the members' voice is written: an average rounds its half up, the same in `voice`,
the minutes and the sponsor's text; counts agree with their nouns; the free line's question
is not labelled twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_voice_reports import AT, LATEST, demo, run, write_voice

from actionset.export.voice import voice_text
from actionset.model.voice import (
    DEFAULT_SCALES,
    Average,
    answer_line,
    average_text,
    new_device,
    replay,
    round_line,
)
from actionset.model.voice_report import MeetingVoice
from actionset.screens.insights import voice_summary


@pytest.mark.parametrize(
    ("value", "written"),
    [(4.25, "4.3"), (2.75, "2.8"), (4.35, "4.4"), (3.0, "3.0"), (1.04, "1.0"), (17 / 4, "4.3")],
)
def test_an_average_rounds_its_half_up(value: float, written: str) -> None:
    assert average_text(value) == written


def test_a_change_carries_its_sign_and_rounds_its_half_away_from_nothing() -> None:
    assert average_text(0.25, signed=True) == "+0.3"
    assert average_text(-0.25, signed=True) == "-0.3"
    assert average_text(-0.01, signed=True) == "+0.0"


def pulse_of_4_25(sets_dir: Path) -> None:
    """Four answers to a pulse rating `useful` 4, 4, 4 and 5: an average of 4.25."""
    write_voice(
        demo(sets_dir),
        LATEST,
        round_line("r1", DEFAULT_SCALES["pulse"], AT),
        *(answer_line("r1", new_device(), AT, {"useful": r}) for r in (4, 4, 4, 5)),
    )


def test_4_25_is_4_3_in_voice_the_minutes_and_the_sponsor_s_minutes(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    pulse_of_4_25(sets_dir)
    date = LATEST.isoformat()
    _, said, _ = run(capsys, sets_dir, "voice", "demo", "--meeting", date)
    assert "Today's meeting was useful for my work: 4.3 (n=4)" in said
    _, minutes, _ = run(capsys, sets_dir, "report", "demo", "--meeting", date)
    assert "| Today's meeting was useful for my work | 4.3 | 4 |" in minutes
    _, history, _ = run(capsys, sets_dir, "report", "demo", "--all", "--format", "markdown")
    assert "4.3 (4)" in history and "4.2 (4)" not in history
    _, sponsor, _ = run(capsys, sets_dir, "report", "demo", "--meeting", date, "--for", "sponsor")
    assert "4.3 (n=4)" in sponsor and "4.2" not in sponsor


def test_the_insights_count_one_meeting_as_one_meeting() -> None:
    given = (Average("useful", "Useful", 4.25, 6),)
    (said,) = voice_summary([MeetingVoice(LATEST, given, (), 6, 0)])
    assert said == "Pulse (of 5, 6 answers at 1 meeting): useful 4.3"


def test_voice_writes_the_line_s_question_once() -> None:
    voice = replay(enumerate([round_line("r1", DEFAULT_SCALES["self"], AT)], start=1))
    text = voice_text(dt.date(2026, 9, 21), voice)
    assert "  One line: what would you like to get better at?\n" in text
    assert "Line: One line" not in text
