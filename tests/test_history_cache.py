"""The set's history cache (in the user's cache folder): a report with it says exactly what one
without it says, reads again only the meetings whose files changed, and is never in anyone's
way."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from actionset import cli
from actionset import store as disk
from actionset.export.history import history_report
from actionset.export.set_record import read_set_record
from actionset.model import Attendance
from actionset.model.contributions import Contribution
from actionset.model.history import expected_at, history, present_at
from actionset.model.meeting import AttendanceState
from actionset.model.meeting_record import MeetingRecord, Roll, record_data, record_from_data
from actionset.model.set import DEFAULT_CODEBOOK
from actionset.model.stats import (
    said_counts,
    tally,
    tally_by_member,
    tally_said,
    tally_said_by_member,
)
from actionset.store import SetStore
from actionset.store import cache as store_cache
from actionset.store import files as store_files
from actionset.store import journal as store_journal

TODAY = "2026-11-21"
LATEST = "2026-09-21"
HOUR_NS = 3600 * 10**9


# ---------------------------------------------------------------------------- the model


def _said(member: str, code: str, n: int = 1) -> list[Contribution]:
    return [Contribution(id=0, at="", phase="", presenter="", member=member, code=code)] * n


def test_counted_contributions_tally_as_the_contributions_do() -> None:
    contributions = [
        *_said("Ann", "open-question", 3),
        *_said("ann", "advice"),  # the same member, spelt otherwise
        *_said("Zed", "q", 2),  # a code written by its key (a hand-written journal)
        *_said("Ann", "gone-code"),  # a code no longer in the codebook: other
        *_said("Bea", "statement"),
        *_said("Ann", "open-question"),
    ]
    said = said_counts(contributions)
    assert said[0] == ("Ann", "open-question", 4)
    roster = ["Bea", "ANN", "Cy"]
    assert tally_said(said, DEFAULT_CODEBOOK) == tally(contributions, DEFAULT_CODEBOOK)
    by_member = tally_said_by_member(said, DEFAULT_CODEBOOK, roster)
    assert by_member == tally_by_member(contributions, DEFAULT_CODEBOOK, roster)
    assert list(by_member) == ["Bea", "ANN", "Cy", "Zed"]  # the roster, then as they spoke
    assert by_member["ANN"].questions == 4 and by_member["ANN"].advice == 1


def test_a_meeting_record_comes_back_from_its_data_unchanged() -> None:
    record = MeetingRecord(
        date=dt.date(2026, 1, 5),
        roll=Roll(("Ann", "Zoë 🙂"), ("Ben",), ()),
        presenters=("Ann",),
        said=(("Ann", "open-question", 3), ("Zoë 🙂", "mystery", 1)),
        prompts=("advice-creeping",),
    )
    data = json.loads(json.dumps(record_data(record)))  # as the cache keeps it
    assert record_from_data(record.date, data) == record
    bare = MeetingRecord(date=record.date)  # only tags: no file, so no roll
    assert record_from_data(bare.date, json.loads(json.dumps(record_data(bare)))) == bare


@pytest.mark.parametrize(
    "change",
    [
        lambda d: "not a record",
        lambda d: {k: v for k, v in d.items() if k != "said"},
        lambda d: {**d, "extra": 1},
        lambda d: {**d, "roll": [["Ann"], []]},
        lambda d: {**d, "roll": [["Ann"], [], [3]]},
        lambda d: {**d, "said": [["Ann", "advice", 0]]},
        lambda d: {**d, "said": [["Ann", "advice", True]]},
        lambda d: {**d, "said": [["Ann", "advice"]]},
        lambda d: {**d, "said": "Ann"},
        lambda d: {**d, "presenters": "Ann"},
        lambda d: {**d, "prompts": [None]},
    ],
)
def test_a_damaged_record_is_refused(change: Any) -> None:
    good = record_data(MeetingRecord(dt.date(2026, 1, 5), Roll(("Ann",)), ("Ann",)))
    with pytest.raises(ValueError):
        record_from_data(dt.date(2026, 1, 5), change(good))


def test_who_came_follows_the_roll_as_the_meeting_file_does(sets_dir: Path) -> None:
    the_set = SetStore(sets_dir / "demo").load_set()
    # Listed twice, in another case: the first state listed counts, as `Attendance.state_of`.
    attendance = Attendance(present=["Ann", "Ben"], apologies=["ann", "Cat"], absent=["Dan"])
    roll = Roll(("Ann", "Ben"), ("ann", "Cat"), ("Dan",))
    record = MeetingRecord(dt.date(2026, 9, 21), roll)
    assert expected_at(the_set, record) == ["Ann", "Ben", "ann", "Cat", "Dan"]
    came = [
        n for n in expected_at(the_set, record) if attendance.state_of(n) is AttendanceState.present
    ]
    assert present_at(the_set, record) == came == ["Ann", "Ben", "ann"]
    no_roll = MeetingRecord(dt.date(2026, 9, 21))
    everyone = [m.name for m in the_set.members_at(no_roll.date)]
    assert present_at(the_set, no_roll) == expected_at(the_set, no_roll) == everyone


# ---------------------------------------------------------------------------- the store


def settle(folder: Path, ns: int | None = None) -> int:
    """Every file's (or this file's) time put back an hour (or to `ns`): a file changed a
    moment ago is never cached, and a fresh checkout's files may be that new."""
    ns = time.time_ns() - HOUR_NS if ns is None else ns
    for path in [folder] if folder.is_file() else folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(ns, ns))
    return ns


def test_a_files_stamp_changes_with_its_content_however_it_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    old = settle(tmp_path)
    now = time.time_ns()
    stamp = store_cache.file_stamp(path, now)
    assert stamp is not None and stamp == store_cache.file_stamp(path, now)
    # An atomic replace by one of the same size and time: only the inode (and ctime) says so.
    tmp = tmp_path / "new"
    tmp.write_text("a = 2\n", encoding="utf-8")
    os.replace(tmp, path)
    os.utime(path, ns=(old, old))
    assert store_cache.file_stamp(path, now) not in (None, stamp)
    assert store_cache.file_stamp(tmp_path / "none.toml", now) == "-"
    (tmp_path / "broken.toml").symlink_to(tmp_path / "nowhere")
    assert store_cache.file_stamp(tmp_path / "broken.toml", now) is None  # read, and reported
    assert store_cache.file_stamp(tmp_path, now) is None  # a folder is read, and reported
    path.write_text("a = 3\n", encoding="utf-8")
    assert store_cache.file_stamp(path, time.time_ns()) is None  # changed a moment ago


# ---------------------------------------------------------------------------- the report


@pytest.fixture
def settled(sets_dir: Path) -> Path:
    settle(sets_dir)
    return sets_dir


def report(capsys: pytest.CaptureFixture[str], sets_dir: Path, *more: str) -> str:
    code = cli.main(
        ["report", "demo", "--all", *more, "--sets-dir", str(sets_dir), "--today", TODAY]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def uncached(sets_dir: Path) -> str:
    """The history report read straight from the files, no cache read or written."""
    record = read_set_record(SetStore(sets_dir / "demo"), warn=False, cache=False)
    return history_report(history(record, dt.date.fromisoformat(TODAY)))


def cache_file(sets_dir: Path) -> Path:
    return disk.HistoryCache(sets_dir / "demo").path


class Reads:
    """The meeting files parsed and the journals read, by name."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        parse, journal = store_files.parse_toml, store_journal.read_journal

        def parse_toml(path: Path, text: str) -> dict[str, Any]:
            self.names.append(path.name)
            return parse(path, text)

        def read_journal(path: Path) -> disk.JournalRead:
            self.names.append(path.name)
            return journal(path)

        monkeypatch.setattr(store_files, "parse_toml", parse_toml)
        monkeypatch.setattr(store_journal, "read_journal", read_journal)

    def meetings(self) -> list[str]:
        found, self.names = sorted(n for n in self.names if n.startswith("20")), []
        return found


def test_a_warm_report_is_the_cold_one_and_reads_only_what_changed(
    capsys: pytest.CaptureFixture[str], settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(monkeypatch)
    cold = report(capsys, settled)
    assert len(reads.meetings()) == 8  # four meeting files, four journals
    assert cache_file(settled).is_file()
    warm = report(capsys, settled)
    assert reads.meetings() == []  # every meeting from the cache
    assert cold == warm == uncached(settled)
    assert report(capsys, settled, "--format", "markdown") == history_report(
        history(read_set_record(SetStore(settled / "demo"), cache=False), dt.date(2026, 11, 21)),
        markdown=True,
    )
    # A meeting edited by hand is read again, and only that one.
    meeting = settled / "demo" / "meetings" / f"{LATEST}.toml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace('    "Tom Reyes",\n', "", 1),
        encoding="utf-8",
    )
    settle(meeting)
    reads.meetings()
    edited = report(capsys, settled)
    assert reads.meetings() == [f"{LATEST}.tags.jsonl", f"{LATEST}.toml"]
    assert report(capsys, settled) == edited and reads.meetings() == []
    assert edited != cold and edited == uncached(settled)


def test_a_meeting_replaced_by_one_of_the_same_size_and_time_is_read_again(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    before = report(capsys, settled)
    meeting = settled / "demo" / "meetings" / f"{LATEST}.toml"
    old = meeting.stat().st_mtime_ns
    text = meeting.read_text(encoding="utf-8")
    replaced = text.replace("[attendance]\npresent = [", "[attendance]\nabsent  = [")
    assert len(replaced) == len(text) and replaced != text
    disk.atomic_write(meeting, replaced.encode("utf-8"))  # as an editor that saves safely
    os.utime(meeting, ns=(old, old))
    after = report(capsys, settled)
    assert after != before and after == uncached(settled)
    assert "0/6" in after


def test_a_journal_that_grew_is_read_again(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    before = report(capsys, settled)
    journal = settled / "demo" / "meetings" / f"{LATEST}.tags.jsonl"
    with journal.open("a", encoding="utf-8", newline="\n") as f:
        for n in range(900, 940):
            event = {"op": "tag", "id": n, "at": f"{LATEST}T12:00:00+01:00", "phase": "Probe"}
            event |= {"presenter": "Priya Shah", "member": "Tom Reyes", "code": "advice"}
            f.write(json.dumps(event) + "\n")
    settle(journal)  # its meeting file untouched
    after = report(capsys, settled)
    assert after != before and after == uncached(settled)


def test_a_change_to_set_toml_reaches_every_meeting(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    before = report(capsys, settled)
    set_toml = settled / "demo" / "set.toml"
    with set_toml.open("a", encoding="utf-8") as f:  # closed questions now count as advice
        f.write('\n[[codebook]]\nkey = "c"\nname = "closed-question"\ncounts_as = "advice"\n')
    settle(set_toml)
    after = report(capsys, settled)
    assert after != before and after == uncached(settled)


def test_a_meeting_changed_a_moment_ago_is_not_kept(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    journal = settled / "demo" / "meetings" / f"{LATEST}.tags.jsonl"
    journal.write_bytes(journal.read_bytes())  # its time is now
    report(capsys, settled)
    kept = json.loads(cache_file(settled).read_text(encoding="utf-8"))["meetings"]
    assert LATEST not in kept and len(kept) == 3
    settle(settled)
    report(capsys, settled)
    assert LATEST in json.loads(cache_file(settled).read_text(encoding="utf-8"))["meetings"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe not json",
        b"[1, 2]",
        b'{"kind": "someone else\'s", "format": 1, "meetings": {}}',
        b"[" * 100_000,
        "entry",  # one entry whose stamps match but whose record is damaged
        "format",  # a cache written by another version
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_written_again(
    capsys: pytest.CaptureFixture[str],
    settled: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: bytes | str,
) -> None:
    cold = report(capsys, settled)
    path = cache_file(settled)
    if damage == "entry":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["meetings"][LATEST]["record"]["said"] = [["Tom Reyes", "advice", -5]]
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "format":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["format"] += 1
        for entry in data["meetings"].values():
            entry["record"]["said"] = []  # what another version would mean is not read
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    reads = Reads(monkeypatch)
    assert report(capsys, settled) == cold
    assert reads.meetings()  # read again from the files
    assert disk.HistoryCache(settled / "demo").load()  # and kept again
    assert report(capsys, settled) == cold and reads.meetings() == []


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_report_and_a_check_write_nothing_in_the_sets_folder(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    """A set kept in git, OneDrive or Dropbox carries no cache, and a copy of the shipped sets
    brings none along: it is kept in the user's cache folder."""

    def run(*argv: str) -> tuple[int, str]:
        code = cli.main([*argv, "--sets-dir", str(settled), "--today", TODAY])
        return code, capsys.readouterr().out

    before = files_in(settled)
    checked, listed = run("check"), run("list")
    report(capsys, settled)
    assert files_in(settled) == before
    folder = disk.HistoryCache(settled / "demo").folder
    assert folder.is_relative_to(os.environ[disk.ENV_CACHE_DIR])
    assert sorted(p.name for p in folder.iterdir()) == [
        "CACHEDIR.TAG",  # backup tools that honour it leave the folder out
        "check.json",  # `check` keeps what it needs of each meeting beside the report's
        "history.json",
    ]
    assert run("check") == checked and checked[0] == 0
    assert run("list") == listed
    assert disk.SetsFolder(settled).slugs() == ["demo"]
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(settled)], check=True)
    status = subprocess.run(
        ["git", "-C", str(settled), "status", "--porcelain", "--untracked-files=all"],
        check=True,
        capture_output=True,
        encoding="utf-8",
    ).stdout
    assert sorted(line[3:] for line in status.splitlines()) == sorted(before)


def test_the_shipped_sets_are_left_as_they_are_by_a_report_and_a_check(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The README's first command and then its second, `uv run pytest`, pass in either order:
    running the app on the repository's own sets writes nothing among them."""
    shipped = ROOT / "sets"
    before = files_in(shipped)
    for argv in (["report", "demo", "--all"], ["report", "ward-to-board", "--all"], ["check"]):
        cli.main([*argv, "--sets-dir", str(shipped), "--today", TODAY])
    capsys.readouterr()
    assert files_in(shipped) == before


def test_each_set_has_its_own_cache_by_its_full_path(tmp_path: Path) -> None:
    one, other = tmp_path / "a" / "demo", tmp_path / "b" / "demo"
    one.mkdir(parents=True)
    other.mkdir(parents=True)
    assert disk.set_cache_folder(one) != disk.set_cache_folder(other)
    assert disk.set_cache_folder(one).name.startswith("demo-")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert disk.set_cache_folder(tmp_path / "link" / "demo") == disk.set_cache_folder(one)
    assert disk.set_cache_folder(one, tmp_path / "c").parent == tmp_path / "c" / "sets"
    odd = tmp_path / "Zoë's set: 🙂"
    assert disk.set_cache_folder(odd).name.startswith("Zo-s-set-")


def test_a_set_whose_cache_cannot_be_written_still_reports(
    capsys: pytest.CaptureFixture[str], settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = uncached(settled)
    folder = disk.HistoryCache(settled / "demo").folder
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the folder would be", encoding="utf-8")
    assert report(capsys, settled) == expected
    folder.unlink()

    def refused(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(store_cache, "atomic_write", refused)
    assert report(capsys, settled) == expected
    assert not cache_file(settled).exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_a_read_only_cache_folder_still_reports(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    folder = Path(os.environ[disk.ENV_CACHE_DIR])
    folder.chmod(0o555)
    try:
        assert report(capsys, settled) == uncached(settled)
        assert not cache_file(settled).exists()
    finally:
        folder.chmod(0o755)


def test_a_report_of_a_damaged_set_writes_no_cache(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    journal = settled / "demo" / "meetings" / f"{LATEST}.tags.jsonl"
    good = journal.read_bytes()
    journal.write_bytes(good + b"not json\n")
    settle(settled)
    code = cli.main(["report", "demo", "--all", "--sets-dir", str(settled), "--today", TODAY])
    assert code == 0 and f"{journal}:" in capsys.readouterr().err  # warned, and went on
    assert not cache_file(settled).exists()
    journal.write_bytes(good)
    meeting = settled / "demo" / "meetings" / f"{LATEST}.toml"
    meeting.write_text("date = 2026-09-21\nnonsense = 1\n", encoding="utf-8")
    settle(settled)
    code = cli.main(["report", "demo", "--all", "--sets-dir", str(settled), "--today", TODAY])
    assert code != 0 and f"{meeting}:2: nonsense:" in capsys.readouterr().err
    assert not cache_file(settled).exists()
