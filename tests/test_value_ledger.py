"""The value ledger: attribution, confidence, kind and evidence kept as said and checked, the
programme's cost from programme.toml, and its return on investment worked out by hand."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_set

from actionset import cli
from actionset.model.action import ReportBack
from actionset.model.history import Outcome
from actionset.model.ledger import (
    DEFAULT_ATTRIBUTION,
    DEFAULT_CONFIDENCE,
    Evidence,
    Ledger,
    OutcomeKind,
    default_kind,
)
from actionset.model.value import ProgrammeCost, Return, by_kind, ledger_totals
from actionset.store import SetStore

DAY = dt.date(2026, 5, 18)


def outcome(value: float | None, unit: str, ledger: Ledger) -> Outcome:
    return Outcome(DAY, "Aisha Bello", "an action", "what changed", value, unit, "", ledger)


def test_what_was_not_said_takes_the_defaults_and_stays_out_of_the_file(tmp_path: Path) -> None:
    said = ReportBack(meeting=DAY, progress="done", outcome="faster", value=10, value_unit="hours")
    assert said.ledger == Ledger(
        DEFAULT_ATTRIBUTION, DEFAULT_CONFIDENCE, OutcomeKind.time, Evidence.self_reported
    )
    assert (default_kind("GBP"), default_kind("")) == (OutcomeKind.saving, OutcomeKind.intangible)
    store = SetStore(copy_set(ROOT / "sets" / "demo", tmp_path / "demo"))
    actions = store.load_actions()
    actions[0].report(said)
    store.save_actions(actions)
    text = (store.folder / "actions.toml").read_text(encoding="utf-8")
    assert "attribution" not in text and "evidence" not in text, "a file says only what was said"
    said = said.model_copy(update={"attribution": 80, "evidence": Evidence.confirmed_by_manager})
    actions[0].report(said)
    store.save_actions(actions)
    text = (store.folder / "actions.toml").read_text(encoding="utf-8")
    assert 'attribution = 80\nevidence = "confirmed-by-manager"\n' in text
    reloaded = store.load_actions()[0].report_at(DAY)
    assert reloaded is not None and reloaded.ledger.attribution == 80


@pytest.mark.parametrize(
    ("said", "wrong", "field", "message"),
    [
        ("attribution = 60\n", "attribution = 140\n", "attribution", "a percent from 0 to 100"),
        ("confidence = 80\n", "confidence = -5\n", "confidence", "a percent from 0 to 100"),
        ('kind = "cost-avoided"\n', 'kind = "savings"\n', "kind", "Input should be 'saving'"),
        (
            'evidence = "confirmed-by-sponsor"\n',
            'evidence = "my boss"\n',
            "evidence",
            "Input should be 'self-",
        ),
    ],
)
def test_check_names_a_ledger_field_that_is_wrong_by_its_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    said: str,
    wrong: str,
    field: str,
    message: str,
) -> None:
    sets = tmp_path / "sets"
    shutil.copytree(ROOT / "sets" / "ward-to-board", sets / "ward-to-board")
    path = sets / "ward-to-board" / "actions.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("Weekend discharges")  # the sponsor-confirmed outcome, in actions.7
    changed = text[:start] + text[start:].replace(said, wrong, 1)
    path.write_text(changed, encoding="utf-8")
    line = changed[: changed.index(wrong, start)].count("\n") + 1
    assert cli.main(["check", "--sets-dir", str(sets)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}: actions.7.updates.0.{field}: {message}" in out
    assert path.read_text(encoding="utf-8") == changed, "the file is left as it is"


def test_a_ledger_without_an_outcome_or_a_value_is_refused() -> None:
    with pytest.raises(ValueError, match="attribution is given but there is no outcome or value"):
        ReportBack(meeting=DAY, progress="done", note="rang them", attribution=50)


def test_the_totals_and_the_return_worked_out_by_hand() -> None:
    # Three outcomes reported back:
    #   £10,000 saving, 60% due to the set, 50% sure, confirmed by a manager:
    #       adjusted 10,000 × 0.6 × 0.5 = £3,000; confirmed £3,000
    #   £4,000 cost avoided, the defaults (50%, 50%), self-reported:
    #       adjusted 4,000 × 0.5 × 0.5 = £1,000; not confirmed
    #   20 hours, 100% and 80%, self-reported: adjusted 20 × 1 × 0.8 = 16 hours
    # Claimed £14,000 and 20 hours; adjusted £4,000 and 16 hours; confirmed £3,000.
    # Cost: facilitators 4 days × £600 = £2,400; members 50 hours × £40 = £2,000; other £100:
    #   £4,500. The hours saved are valued at the members' £40: 16 × 40 = £640, so the
    #   adjusted benefit is £4,000 + £640 = £4,640.
    # ROI % = (4,640 − 4,500) ÷ 4,500 × 100 = 140 ÷ 45 = 3.11…%; ratio 4,640 ÷ 4,500 = 1.031…
    outcomes = [
        outcome(10_000, "GBP", Ledger(60, 50, OutcomeKind.saving, Evidence.confirmed_by_manager)),
        outcome(4_000, "GBP", Ledger(50, 50, OutcomeKind.cost_avoided, Evidence.self_reported)),
        outcome(20, "hours", Ledger(100, 80, OutcomeKind.time, Evidence.self_reported)),
    ]
    totals = ledger_totals(outcomes)
    assert totals.claimed == {"GBP": 14_000, "hours": 20}
    assert totals.adjusted == pytest.approx({"GBP": 4_000, "hours": 16})
    assert totals.confirmed == pytest.approx({"GBP": 3_000})
    cost = ProgrammeCost(4, 600, 50, 40, 100, hours_counted=False)
    assert cost.total == 4_500
    r = Return("GBP", totals, cost)
    assert r.benefit(totals.adjusted) == pytest.approx(4_640)
    assert r.roi_percent == pytest.approx(140 / 45)
    assert r.ratio == pytest.approx(4_640 / 4_500)
    assert r.kept_apart == {}
    # Without an hourly rate the hours are kept apart and out of the benefit.
    unpriced = Return("GBP", totals, ProgrammeCost(4, 600, 50, 0, 100, hours_counted=False))
    assert unpriced.benefit(totals.adjusted) == pytest.approx(4_000)
    assert unpriced.kept_apart == {"hours": 20}
    assert Return("GBP", totals, None).roi_percent is None
    kinds = {k.kind: k for k in by_kind(outcomes)}
    assert list(kinds) == [OutcomeKind.saving, OutcomeKind.cost_avoided, OutcomeKind.time]
    assert kinds[OutcomeKind.time].outcomes == 1
    assert kinds[OutcomeKind.time].adjusted == pytest.approx({"hours": 16})


def test_the_programme_report_gives_the_value_cost_and_return(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The shipped sets and programme.toml (10 facilitator days at £850, £45 an hour):
    #   adjusted money: 18,000 × 0.6 × 0.8 = 8,640; 12,000 × 0.7 × 0.6 = 5,040;
    #   25,000 × 0.3 × 0.6 = 4,500: £18,180. Adjusted hours: 40 × 0.8 × 0.7 = 22.4 and
    #   6 × 0.5 × 0.5 = 1.5: 23.9 hours × £45 = £1,075.50; benefit £19,255.50.
    #   Members' hours from the record: 68 places taken × 3 hours = 204 hours × £45 = £9,180;
    #   cost £8,500 + £9,180 = £17,680. ROI (19,255.5 − 17,680) ÷ 17,680 = 8.9% → 9%;
    #   ratio 1.089 → 1.09.
    argv = ["report", "--programme", "--sets-dir", str(ROOT / "sets"), "--today", "2026-12-07"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    for line in (
        "- Claimed: 46 hours, £55,000",
        "- Adjusted (× attribution × confidence): 23.9 hours, £18,180",
        "- Confirmed (adjusted, confirmed by the sponsor or a manager): 22.4 hours, £13,140",
        "- Adjusted benefit: £19,256 (hours valued at £45 an hour)",
        "- Cost: £17,680: facilitators 10 days × £850 = £8,500; members 204 hours (counted "
        "from the record) × £45 = £9,180",
        "- ROI: 9% ((£19,256 − £17,680) ÷ £17,680 × 100)",
        "- Benefit/cost ratio: 1.09 (£19,256 ÷ £17,680)",
        "- roi: ROI % = (adjusted benefit − cost) ÷ cost × 100, the adjusted benefit being the "
        "adjusted money and hours valued at the hourly rate",
    ):
        assert line in out


def test_without_a_programme_file_the_cost_is_said_to_be_missing(
    sets_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["report", "--programme", "--sets-dir", str(sets_dir)]) == 0
    out = capsys.readouterr().out
    assert "- Cost: not collected (add [cost] to programme.toml in the sets folder)" in out


def test_a_damaged_programme_file_is_named_by_its_line(
    sets_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sets_dir / "programme.toml"
    text = 'currency = "pounds"\n\n[cost]\nday_rate = -1\n'
    path.write_text(text, encoding="utf-8")
    assert cli.main(["check", "--sets-dir", str(sets_dir)]) == 1
    out = capsys.readouterr().out
    assert f'{path}:1: currency: a currency code such as "GBP"' in out
    assert f"{path}:4: cost.day_rate: " in out
    assert cli.main(["report", "--programme", "--sets-dir", str(sets_dir)]) != 0
    err = capsys.readouterr().err
    assert f"{path}:1: currency" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == text
