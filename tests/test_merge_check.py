"""`check` names a field changed on both laptops at its line until a person chooses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from actionset import cli
from actionset.merge import merge_file

THEIRS = 'text = "B"'
WALK = "Walk one empty home end to end with repairs and lettings and time each hand-off"


def merged_with_conflict(folder: Path, name: str, old: str, here: str, there: str) -> str:
    path = folder / name
    base = path.read_text(encoding="utf-8")
    assert old in base
    merged = merge_file(name, base, base.replace(old, here, 1), base.replace(old, there, 1))
    assert len(merged.conflicts) == 1
    path.write_text(merged.text, encoding="utf-8")
    return merged.text


def check(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, list[str]]:
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", "2026-10-01"])
    out, err = capsys.readouterr()
    return code, (out + err).splitlines()


def line_of(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


def test_check_names_each_unresolved_conflict_at_the_line_of_the_other_value(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    folder = sets_dir / "demo"
    actions = merged_with_conflict(folder, "actions.toml", WALK, "A", "B")
    the_set = merged_with_conflict(
        folder, "set.toml", "cadence_weeks = 6", "cadence_weeks = 8", "cadence_weeks = 4"
    )
    meeting = merged_with_conflict(
        folder,
        "meetings/2026-09-21.toml",
        "actual_seconds = 383",
        "actual_seconds = 390",
        "actual_seconds = 400",
    )
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    code, lines = check(capsys, sets_dir)

    assert code == 1
    at = folder / "actions.toml"
    assert (
        f"{at}:{line_of(actions, THEIRS)}: actions.0.text: changed on both laptops: "
        "'A' in the record, 'B' in [actions.conflict]; keep the one you want in the record "
        "and delete [actions.conflict]"
    ) in lines
    assert (
        f"{folder / 'set.toml'}:{line_of(the_set, 'cadence_weeks = 4')}: cadence_weeks: changed "
        "on both laptops: 8 in the record, 4 in [conflict]; keep the one you want in the "
        "record and delete [conflict]"
    ) in lines
    meeting_path = folder / "meetings" / "2026-09-21.toml"
    assert (
        f"{meeting_path}:{line_of(meeting, 'actual_seconds = 400')}: agenda.3.actual_seconds: "
        "changed on both laptops: 390 in the record, 400 in [agenda.conflict]; keep the one you "
        "want in the record and delete [agenda.conflict]"
    ) in lines
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_a_conflict_resolved_by_deleting_its_table_checks_clean(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    folder = sets_dir / "demo"
    text = merged_with_conflict(folder, "actions.toml", WALK, "A", "B")
    (folder / "actions.toml").write_text(
        text.replace('[actions.conflict]\ntext = "B"\n\n', ""), encoding="utf-8"
    )
    code, lines = check(capsys, sets_dir)
    assert code == 0, lines
    from actionset.store import SetsFolder

    actions = SetsFolder(sets_dir).find("demo").load_actions()
    assert next(a for a in actions if a.id == "void-walk-through").text == "A"
    assert actions[0].agreed_at == dt.date(2026, 5, 18)


def test_a_key_named_conflict_that_no_merge_wrote_is_an_unknown_key(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    path = sets_dir / "demo" / "set.toml"
    path.write_text('conflict = "none"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, lines = check(capsys, sets_dir)
    assert code == 1
    assert f"{path}:1: conflict: unknown key (check its spelling)" in lines


def test_the_words_of_a_conflict_table_need_the_table_where_pydantic_says() -> None:
    from actionset.merge.conflicts import conflict_problems

    text = '[[actions]]\nid = "a"\n\n[actions.conflict]\ntext = "B"\n'
    assert conflict_problems(Path("actions.toml"), text, {}, ("actions", 3, "conflict")) is None
    assert conflict_problems(Path("actions.toml"), "a = [", {}, ("conflict",)) is None
    found = conflict_problems(Path("actions.toml"), text, {}, ("actions", 0, "conflict"))
    assert [p.field for p in found or []] == ["actions.0.text"]
