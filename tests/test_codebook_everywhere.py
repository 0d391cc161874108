"""A set's own codebook (extending or replacing the defaults) reaches check, report and the pane."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock

from actionset import cli
from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model.codebook import code_for_key, codebook_for
from actionset.widgets.roster_table import RosterTable
from actionset.widgets.tag_pane import TagPane

EXTRA = """
[[codebook]]
key = "f"
name = "reflective-question"
counts_as = "question"
label = "reflective question"
"""
REPLACEMENT = """
[[codebook]]
key = "k"
name = "question"
counts_as = "question"

[[codebook]]
key = "x"
name = "telling"
counts_as = "advice"
"""


def with_codebook(folder: Path, mode: str, entries: str) -> None:
    """The set's set.toml with `codebook_mode` at the top and the entries at the end."""
    path = folder / "set.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(f'codebook_mode = "{mode}"\n' + text + entries, encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], sets_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def contributions_table(report: str) -> list[str]:
    section = report.split("### Questioning", 1)[1]
    return [line for line in section.splitlines() if line.startswith("| ")]


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    store = disk.SetStore(sets_dir / "demo")
    return console_app(
        store, disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def test_one_home_for_a_code_by_its_key() -> None:
    book = codebook_for(None)
    assert code_for_key(book, "q") is not None
    assert code_for_key(book, "q").name == "open-question"  # type: ignore[union-attr]
    assert code_for_key(book, "z") is None


def test_check_and_report_on_a_set_extending_the_defaults(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    _, default_report, _ = run(capsys, sets_dir, "report", "demo", "--meeting", "2026-05-18")
    with_codebook(sets_dir / "demo", "extend", EXTRA)

    code, out, err = run(capsys, sets_dir, "check", "demo")
    assert (code, err) == (0, ""), out
    assert out.startswith("OK: 1 set")

    code, out, _ = run(capsys, sets_dir, "report", "demo", "--meeting", "2026-05-18")
    assert code == 0
    # The default codes still count as they did: questions as questions.
    assert contributions_table(out) == contributions_table(default_report)
    all_rows = [line for line in contributions_table(out) if line.startswith("| **All**")]
    assert all_rows and all(int(row.split("|")[2]) > 0 for row in all_rows)


def test_check_refuses_a_code_the_extended_set_does_not_have(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    with_codebook(sets_dir / "demo", "extend", EXTRA)
    journal = sets_dir / "demo" / "meetings" / "2026-09-21.tags.jsonl"
    with journal.open("a", encoding="utf-8") as f:
        f.write(
            '{"op":"tag","id":900,"at":"2026-09-21T11:00:00+01:00","phase":"Probe",'
            '"presenter":"Gareth Lewis","member":"Tom Reyes","code":"shouting","note":""}\n'
        )
    code, out, _ = run(capsys, sets_dir, "check", "demo")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert re.search(
        r"2026-09-21\.tags\.jsonl:\d+: code: 'shouting' is not in the set's "
        r"codebook \(.*reflective-question",
        out,
    )


async def test_extended_codebook_through_the_pane_check_and_report(
    capsys: pytest.CaptureFixture[str], new_set_dir: Path, fake_clock: FakeClock
) -> None:
    with_codebook(new_set_dir / "demo", "extend", EXTRA)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "1", "q", "2", "f", "3", "a")
        pane = app.screen.query_one(TagPane)
        table = pane.query_one(RosterTable)
        assert [label.plain.strip() for label in table.labels][2:-1] == [
            "q",
            "c",
            "l",
            "a",
            "s",
            "f",
        ]
        assert "2 q · 1 adv" in str(pane.query_one("#totals").render())
        await pilot.press("ctrl+q")

    code, out, err = run(capsys, new_set_dir, "check", "demo")
    assert (code, err) == (0, ""), out
    code, out, _ = run(capsys, new_set_dir, "report", "demo")
    assert "| **All** | 2 | 1 | 0 | 3 |" in out


async def test_replaced_codebook_through_the_pane_check_and_report(
    capsys: pytest.CaptureFixture[str], new_set_dir: Path, fake_clock: FakeClock
) -> None:
    with_codebook(new_set_dir / "demo", "replace", REPLACEMENT)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "1", "k", "2", "x", "3", "q")  # q is no code of this set
        pane = app.screen.query_one(TagPane)
        table = pane.query_one(RosterTable)
        assert [label.plain.strip() for label in table.labels][2:-1] == ["k", "x"]
        assert "1 q · 1 adv" in str(pane.query_one("#totals").render())
        await pilot.press("ctrl+q")

    code, out, err = run(capsys, new_set_dir, "check", "demo")
    assert (code, err) == (0, ""), out
    code, out, _ = run(capsys, new_set_dir, "report", "demo")
    assert "| **All** | 1 | 1 | 0 | 2 |" in out

    journal = new_set_dir / "demo" / "meetings" / f"{TODAY}.tags.jsonl"
    with journal.open("a", encoding="utf-8") as f:
        f.write(
            '{"op":"tag","id":9,"at":"2026-11-21T11:00:00+00:00","phase":"Probe",'
            '"presenter":"","member":"Ben Osei","code":"open-question","note":""}\n'
        )
    code, out, _ = run(capsys, new_set_dir, "check", "demo")
    assert code == 1
    assert "code: 'open-question' is not in the set's codebook (question, telling)" in out
