"""Golden files: the demo set's latest minutes and its CSV, and its minutes and history as a
sponsor and as research read them, byte for byte.

After a deliberate change to the minutes or the CSV, regenerate them with
`ACTIONSET_UPDATE_GOLDEN=1 uv run pytest tests/test_golden_reports.py -n0`, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT

from actionset import cli

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "demo-latest-minutes.md": ["report", "demo", "--meeting", "latest"],
    "demo-latest-minutes-anonymous.md": ["report", "demo", "--anonymous"],
    "demo-latest.csv": ["report", "demo", "--format", "csv"],
    "demo-latest-minutes-sponsor.md": ["report", "demo", "--for", "sponsor"],
    "demo-latest-minutes-research.md": ["report", "demo", "--for", "research"],
    "demo-history-sponsor.md": [
        "report",
        "demo",
        "--all",
        "--format",
        "markdown",
        "--for",
        "sponsor",
    ],
    "demo-history-research.md": [
        "report",
        "demo",
        "--all",
        "--format",
        "markdown",
        "--for",
        "research",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_demo_report_is_its_golden_file(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = cli.main([*CASES[name], "--sets-dir", str(ROOT / "sets"), "--today", "2026-10-01"])
    out = capsys.readouterr().out
    assert code == 0
    golden = GOLDEN / name
    if os.environ.get("ACTIONSET_UPDATE_GOLDEN"):
        golden.write_bytes(out.encode("utf-8"))
    assert out == golden.read_bytes().decode("utf-8")


def test_output_writes_the_same_minutes_to_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "minutes.md"
    argv = ["report", "demo", "--output", str(target), "--sets-dir", str(ROOT / "sets")]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == ""
    assert target.read_bytes() == (GOLDEN / "demo-latest-minutes.md").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.md"], "no temporary file is left"


def test_the_sets_summary_default_makes_the_minutes_anonymous(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    path = sets_dir / "demo" / "set.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("cadence_weeks = 6\n", 'cadence_weeks = 6\nsummary = "anonymous"\n'),
        encoding="utf-8",
    )
    assert cli.main(["report", "demo", "--sets-dir", str(sets_dir)]) == 0
    out = capsys.readouterr().out
    assert out == (GOLDEN / "demo-latest-minutes-anonymous.md").read_text(encoding="utf-8")


def test_anonymous_minutes_name_nobody_in_the_questioning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (GOLDEN / "demo-latest-minutes-anonymous.md").read_text(encoding="utf-8")
    section = text.split("### Questioning", 1)[1].split("###", 1)[0]
    assert "| Member A |" in section and "| Member F |" in section
    for name in ("Priya", "Tom", "Helen", "Gareth", "Mei Lin", "Sam"):
        assert name not in section
