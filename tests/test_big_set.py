"""The benchmarks' long-history set: written through the store, one set, and valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from actionset import cli
from actionset.model.contributions import replay
from actionset.store import SetStore, set_slugs

ROOT = Path(__file__).resolve().parent.parent
MAKE_BIG_SET = ROOT / "benchmarks" / "make_big_set.py"


@pytest.fixture(scope="module")
def big_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sets")
    subprocess.run(
        [sys.executable, str(MAKE_BIG_SET), str(out), "--meetings", "3"],
        check=True,
        capture_output=True,
    )
    return out


def test_writes_exactly_one_set(big_set: Path) -> None:
    assert [p.name for p in big_set.iterdir()] == ["long-history"]
    assert set_slugs(big_set) == ["long-history"]
    store = SetStore(big_set / "long-history")
    assert len(store.meeting_dates()) == 3
    assert all(
        store.meeting_path(d).is_file() and store.tags_path(d).is_file()
        for d in store.meeting_dates()
    )


def test_check_finds_no_problem(big_set: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--sets-dir", str(big_set)]) == 0
    out, err = capsys.readouterr()
    assert "no problems" in out
    assert "warning" not in out and not err


def test_contributions_are_by_members_present_never_the_presenter(big_set: Path) -> None:
    store = SetStore(big_set / "long-history")
    members = {m.name for m in store.load_set().members}
    for meeting in store.load_meetings():
        read = store.read_journal(meeting.date)
        assert not read.problems and not read.warnings
        standing = replay(read.events)
        assert 290 <= len(standing) <= 310
        presenters = {p.member for p in meeting.presenters}
        assert {c.presenter for c in standing} == presenters
        for contribution in standing:
            assert contribution.member in members
            assert contribution.member in meeting.attendance.present
            assert contribution.member != contribution.presenter
        assert {event["op"] for event in read.events} == {"tag", "recode", "note", "delete"}


def test_actions_are_agreed_and_reported_back(big_set: Path) -> None:
    store = SetStore(big_set / "long-history")
    dates = store.meeting_dates()
    actions = store.load_actions()
    issues = {issue.id for issue in store.load_issues()}
    assert len(actions) == 4 * len(dates)
    assert {a.issue for a in actions} <= issues
    reported = [u for a in actions for u in a.updates]
    assert reported and {u.meeting for u in reported} <= set(dates[1:])
