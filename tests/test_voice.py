"""The members' voice as plain logic: the default scales, the lines, the rounds' state."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest

from actionset.model.voice import (
    DEFAULT_SCALES,
    Voice,
    answer_line,
    close_line,
    device_limit,
    new_device,
    release_line,
    replay,
    round_line,
    scales_for,
)

AT = dt.datetime(2026, 11, 21, 12, 40, tzinfo=dt.UTC)


def numbered(*records: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return list(enumerate(records, start=1))


def pulse(round_id: str = "r1") -> dict[str, Any]:
    return round_line(round_id, DEFAULT_SCALES["pulse"], AT)


def test_the_default_pulse_rates_three_to_five_statements_and_asks_a_free_line() -> None:
    scale = DEFAULT_SCALES["pulse"]
    assert 3 <= len(scale.statements) <= 5
    assert scale.ask
    texts = " ".join(s.text for s in scale.statements)
    assert "useful" in texts and "questioned more than it advised" in texts
    assert "say what I needed" in texts
    assert DEFAULT_SCALES["self"].statements and DEFAULT_SCALES["reflection"].statements == ()


def test_every_default_scale_is_a_round_the_file_takes() -> None:
    voice = Voice()
    for number, scale in enumerate(DEFAULT_SCALES.values(), start=1):
        assert voice.add(round_line(f"r{number}", scale, AT)), voice.faults
    assert [r.kind for r in voice.rounds.values()] == ["pulse", "self", "reflection"]


def test_a_round_counts_the_last_answer_of_each_device() -> None:
    phone, other = new_device(), new_device()
    voice = replay(
        numbered(
            pulse(),
            answer_line("r1", phone, AT, {"useful": 2}, "first go"),
            answer_line("r1", other, AT, {"useful": 4, "said": 5}),
            answer_line("r1", phone, AT, {"useful": 5}, "  changed\nmy  mind "),
        )
    )
    the_round = voice.rounds["r1"]
    assert the_round.count == 2 and not voice.faults
    averages = {a.id: a for a in the_round.averages()}
    assert (averages["useful"].mean, averages["useful"].n) == (4.5, 2)
    assert (averages["said"].mean, averages["said"].n) == (5.0, 1)
    assert averages["next"].mean is None and averages["next"].n == 0
    assert str(averages["useful"]) == "4.5 (n=2)"
    assert the_round.lines() == ["changed my mind"]


def test_a_round_takes_at_most_members_and_two_devices() -> None:
    limit = device_limit(3)
    assert limit == 5
    devices = [new_device() for _ in range(limit + 1)]
    records = [pulse()] + [answer_line("r1", d, AT, {"useful": 3}) for d in devices]
    voice = replay(numbered(*records), limit)
    assert voice.rounds["r1"].count == limit
    assert [(f.line, f.field) for f in voice.faults] == [(limit + 2, "device")]
    # A device already counted may still change its answer.
    again = answer_line("r1", devices[0], AT, {"useful": 1})
    assert voice.refusal(again) is None
    assert voice.refusal(answer_line("r1", new_device(), AT, {"useful": 1})) == (
        "device: round r1 already has answers from 5 devices"
    )


def test_a_closed_round_takes_answers_typed_in_only() -> None:
    voice = replay(numbered(pulse(), close_line("r1", AT)))
    assert voice.open_round is None
    late = answer_line("r1", new_device(), AT, {"useful": 3})
    assert voice.refusal(late) == "round: round r1 was closed before this answer"
    paper = answer_line("r1", new_device("paper"), AT, {"useful": 3}, by="paper")
    assert voice.refusal(paper) is None


@pytest.mark.parametrize(
    ("record", "fault"),
    [
        ({"type": "vote", "round": "r1", "at": AT.isoformat()}, "type"),
        ({"type": "close", "round": "one", "at": AT.isoformat()}, "round"),
        ({"type": "close", "round": "r2", "at": AT.isoformat()}, "round"),
        ({"type": "close", "round": "r1", "at": "teatime"}, "at"),
        (answer_line("r1", "short", AT, {"useful": 3}), "device"),
        (answer_line("r1", new_device(), AT, {"useful": 6}), "ratings.useful"),
        (answer_line("r1", new_device(), AT, {"useful": True}), "ratings.useful"),
        (answer_line("r1", new_device(), AT, {"kind": 3}), "ratings.kind"),
        (answer_line("r1", new_device(), AT, {}), "ratings"),
        (answer_line("r1", new_device(), AT, {}, "x" * 501), "line"),
        (answer_line("r1", new_device(), AT, {"useful": 3}, by="phone"), "by"),
        ({**answer_line("r1", new_device(), AT, {"useful": 3}), "name": "Tom"}, "name"),
        (pulse(), "round"),
        ({**pulse("r2"), "kind": "poll"}, "kind"),
        ({**pulse("r2"), "statements": pulse()["statements"][:2]}, "statements"),
        ({**pulse("r2"), "statements": [{"id": "Useful", "text": "x"}] * 3}, "statements.0.id"),
    ],
)
def test_a_line_that_does_not_hold_is_a_fault_at_its_line(
    record: dict[str, Any], fault: str
) -> None:
    voice = replay(numbered(pulse(), record, close_line("r1", AT)))
    assert [(f.line, f.field) for f in voice.faults] == [(2, fault)]
    assert not voice.rounds["r1"].is_open  # the lines after it are still read


def test_a_reflection_round_has_only_lines_and_is_released() -> None:
    scale = DEFAULT_SCALES["reflection"]
    phone = new_device()
    voice = replay(
        numbered(
            round_line("r1", scale, AT),
            answer_line("r1", phone, AT, {}, "We let Tom think"),
            close_line("r1", AT),
            release_line("r1", AT),
        )
    )
    the_round = voice.rounds["r1"]
    assert (the_round.released, the_round.lines(), the_round.averages()) == (
        AT,
        ["We let Tom think"],
        [],
    )
    assert voice.next_round_id() == "r2"


def test_a_set_s_scales_replace_the_defaults_kind_by_kind() -> None:
    programme = {
        "self": {"statements": [{"id": "ask", "text": "I ask"}, {"id": "hear", "text": "I hear"}]}
    }
    own = {"pulse": {"ask": "What now?"}, "self": {"free_line": False}}
    scales = scales_for(programme, own)
    assert scales["pulse"].statements == DEFAULT_SCALES["pulse"].statements
    assert scales["pulse"].ask == "What now?"
    assert [s.id for s in scales["self"].statements] == ["ask", "hear"]
    assert scales["self"].ask == ""
    assert scales["reflection"] == DEFAULT_SCALES["reflection"]


def test_the_voice_model_imports_neither_pydantic_nor_textual() -> None:
    code = (
        "import sys, actionset.model.voice, actionset.store.voice; "
        "print(sorted(m for m in ('pydantic', 'textual') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", check=True
    )
    assert out.stdout.strip() == "[]"


def test_a_set_s_scales_lie_over_its_programme_s() -> None:
    from actionset.model.voice_settings import VoiceScales, set_scales

    programme = VoiceScales.model_validate({"reflection": {"ask": "What did we notice?"}})
    own = VoiceScales.model_validate(
        {"self": {"statements": [{"id": "ask", "text": "I ask"}, {"id": "hear", "text": "I hear"}]}}
    )
    scales = set_scales(own, programme)
    assert scales["reflection"].ask == "What did we notice?"
    assert [s.id for s in scales["self"].statements] == ["ask", "hear"]
    assert set_scales(None) == DEFAULT_SCALES
