"""The example vertical set in sets/ward-to-board is exactly what its generator writes, is
valid, and shows what it is there to show: the set's questioning grows, the director's does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT
from make_vertical_set import DIRECTOR, SLUG, write_vertical
from test_demo_set import _files

from actionset import cli
from actionset.export.set_record import read_set_record
from actionset.model.history import history
from actionset.store import SetStore

SHIPPED = ROOT / "sets" / SLUG


def test_the_vertical_set_is_what_its_generator_writes(tmp_path: Path) -> None:
    write_vertical(tmp_path / SLUG)
    written, shipped = _files(tmp_path / SLUG), _files(SHIPPED)
    assert sorted(written) == sorted(shipped)
    differ = [name for name in written if written[name] != shipped[name]]
    assert not differ, (
        f"sets/{SLUG} differs from its generator; regenerate it with "
        f"`uv run python tests/make_vertical_set.py`: {differ}"
    )


def test_the_vertical_set_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", SLUG, "--sets-dir", str(SHIPPED.parent)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "no problems" in out


def test_the_set_learns_to_ask_while_the_director_does_not() -> None:
    record = read_set_record(SetStore(SHIPPED), cache=False)
    figures = history(record, dt.date(2026, 11, 22))
    the_set = SetStore(SHIPPED).load_set()
    assert the_set.kind == "vertical" and len(figures.meetings) >= 6
    assert figures.growth.questions_change is not None and figures.growth.questions_change > 0.15
    assert figures.growth.advice_change is not None and figures.growth.advice_change < -0.1
    director = next(m for m in figures.members if m.name == DIRECTOR)
    assert director.growth.questions_change is not None
    assert abs(director.growth.questions_change) < 0.05
    others = [m for m in figures.members if m.name != DIRECTOR]
    assert all((m.growth.questions_change or 0) > 0.1 for m in others)
    assert figures.outcomes and figures.values
    assert figures.issues_resolved and figures.issues_parked
    assert figures.cadence.late == 1 and figures.cadence.missed == 1
    assert all(len(set(m.presenters)) == len(m.presenters) for m in figures.meetings)
