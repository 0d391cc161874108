"""The one rule of a meeting held (`meeting_record.held`), and every report that reads it: a
meeting dated after the report's day is not held yet, nor one opened and left untouched; one
that began and is still open is held, in progress."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, FakeClock, copy_set

from actionset import cli
from actionset import store as disk
from actionset.model.clock import MeetingClock
from actionset.model.meeting_record import MeetingRecord, held, meeting_record
from actionset.session import open_meeting

DAY = dt.date(2026, 12, 7)
LATER = dt.date(2027, 1, 18)  # planned with --today 2027-01-18 on another laptop


def _shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "sets"
    folder.mkdir()
    for slug in ("demo", "ward-to-board"):
        copy_set(ROOT / "sets" / slug, folder / slug)
    shutil.copy(ROOT / "sets" / "programme.toml", folder / "programme.toml")
    return folder


def _open(folder: Path, slug: str, date: dt.date) -> disk.SetStore:
    """A console opened on the set for `date` and left without anything done: the file it wrote."""
    store = disk.SetStore(folder / slug)
    store.save_meeting(open_meeting(store, disk.SetsFolder(folder), date))
    return store


def test_a_meeting_that_began_on_or_before_the_day_is_held() -> None:
    assert held(MeetingRecord(DAY), DAY)
    assert not held(MeetingRecord(LATER), DAY)
    assert not held(MeetingRecord(DAY, begun=False), DAY)


def test_a_meeting_opened_and_left_began_nothing_and_one_started_is_held_in_progress(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    store = _open(_shipped(tmp_path), "demo", DAY)
    meeting = store.load_meeting(DAY)
    assert meeting is not None
    assert not meeting_record(DAY, meeting, []).begun
    MeetingClock(meeting, fake_clock).start()  # still open: in progress
    assert not meeting.closed
    assert meeting_record(DAY, meeting, []).begun


def _programme(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    argv = ["report", "--programme", "--sets-dir", str(folder), "--today", DAY.isoformat()]
    assert cli.main([*argv, *extra]) == 0
    return capsys.readouterr().out


def test_meetings_not_held_change_no_figure_of_the_programme(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _shipped(tmp_path)
    before = _programme(folder, capsys)
    assert "members 204 hours" in before and "- ROI: 9%" in before
    _open(folder, "demo", DAY)  # opened today and left without closing
    _open(folder, "ward-to-board", LATER)  # a meeting dated after the report's day
    after = _programme(folder, capsys)
    assert after == before
    pack = _programme(folder, capsys, "--format", "html")
    assert "204 hours" in pack and "12 meetings held" in pack


def test_the_set_history_and_its_cadence_leave_out_a_later_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _shipped(tmp_path)
    argv = ["report", "ward-to-board", "--all", "--sets-dir", str(folder), "--today", "2026-12-07"]
    assert cli.main(argv) == 0
    before = capsys.readouterr().out
    _open(folder, "ward-to-board", LATER)
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == before


def test_a_meeting_dated_later_is_the_next_meeting_never_the_last_one_met(
    tmp_path: Path,
) -> None:
    from actionset.overview import overview

    store = _open(_shipped(tmp_path), "ward-to-board", LATER)
    row = overview(store, DAY)
    assert row.last_meeting == dt.date(2026, 11, 2)
    assert row.next_meeting is not None and row.next_meeting.date == LATER
    assert overview(store, LATER).last_meeting == LATER
