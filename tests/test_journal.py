"""The tag journal survives re-codes, deletes, power cuts, hand damage and a killed process."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from actionset.model.contributions import Tagger, replay
from actionset.store import SetStore, TagJournal, read_journal

DAY = dt.date(2026, 9, 14)
START = dt.datetime(2026, 9, 14, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=20)
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> SetStore:
    return SetStore(tmp_path / "learning-set")


@pytest.fixture
def journal(store: SetStore) -> Iterator[TagJournal]:
    with store.journal(DAY) as journal:
        yield journal


def tag(
    tagger: Tagger, member: str, code: str = "open-question", note: str = ""
) -> dict[str, object]:
    return tagger.tag(member=member, code=code, phase="Probe", presenter="Priya Shah", note=note)


def test_tag_recode_note_and_delete_replay(store: SetStore, journal: TagJournal) -> None:
    tagger = Tagger(clock=FakeClock())
    for event in (
        tag(tagger, "Tom Reyes"),
        tag(tagger, "Ana Lopes", "closed-question"),
        tag(tagger, "Jo Kim"),
        tagger.recode(1, "leading-question"),
        tagger.note(1, "Have you tried asking finance?"),
        tagger.delete(2),
        tagger.delete(99),  # an undo of something never tagged is ignored
    ):
        journal.append(event)

    read = store.read_journal(DAY)
    assert read.problems == [] and read.warnings == []
    standing = replay(read.events)
    assert [(c.id, c.member, c.code, c.note) for c in standing] == [
        (1, "Tom Reyes", "leading-question", "Have you tried asking finance?"),
        (3, "Jo Kim", "open-question", ""),
    ]
    assert standing[0].at == "2026-09-14T10:00:20+01:00"
    assert Tagger(read.events).next_id == 4


def test_a_deleted_tag_comes_back_only_as_a_new_one(store: SetStore, journal: TagJournal) -> None:
    tagger = Tagger(clock=FakeClock())
    journal.append(tag(tagger, "Tom Reyes"))
    journal.append(tagger.delete(1))
    journal.append(tagger.recode(1, "advice"))  # too late: it is gone
    journal.append(tag(tagger, "Tom Reyes", "advice"))
    assert [(c.id, c.code) for c in replay(store.read_journal(DAY).events)] == [(2, "advice")]


def test_a_missing_journal_reads_as_empty(store: SetStore) -> None:
    read = store.read_journal(DAY)
    assert (read.events, read.warnings, read.problems) == ([], [], [])


def test_a_torn_last_line_is_dropped_with_a_warning(store: SetStore) -> None:
    tagger = Tagger(clock=FakeClock())
    with store.journal(DAY) as journal:
        for member in ("Tom Reyes", "Ana Lopes"):
            journal.append(tag(tagger, member))
    path = store.tags_path(DAY)
    whole = json.dumps(tag(tagger, "Jo Kim"))
    with open(path, "ab") as f:  # the power went mid-write
        f.write(whole[: len(whole) // 2].encode())

    read = read_journal(path)
    assert [c.member for c in replay(read.events)] == ["Tom Reyes", "Ana Lopes"]
    assert read.problems == []
    assert read.warnings == [f"{path}:3: the last tag was cut off mid-write and is left out"]


def test_the_next_append_after_a_torn_tail_makes_a_valid_journal(store: SetStore) -> None:
    tagger = Tagger(clock=FakeClock())
    with store.journal(DAY) as journal:
        journal.append(tag(tagger, "Tom Reyes"))
    path = store.tags_path(DAY)
    torn = b'{"op":"tag","id":2,"at":"2026-09-14T1'
    with open(path, "ab") as f:
        f.write(torn)

    events = read_journal(path).events
    tagger = Tagger(events, clock=FakeClock())
    with store.journal(DAY) as journal:
        journal.append(tag(tagger, "Ana Lopes"))
        journal.append(tag(tagger, "Jo Kim"))

    read = read_journal(path)
    assert read.problems == [] and read.warnings == []
    assert [(c.id, c.member) for c in replay(read.events)] == [
        (1, "Tom Reyes"),
        (2, "Ana Lopes"),
        (3, "Jo Kim"),
    ]
    assert path.with_name(path.name + ".torn").read_bytes() == torn  # kept for a person to see


def test_a_journal_that_is_all_torn_line(store: SetStore) -> None:
    path = store.tags_path(DAY)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"op":"tag","id":1,"at"' + b"x" * 10_000)  # longer than one read
    with store.journal(DAY) as journal:
        journal.append({"op": "tag", "id": 1, "member": "Tom Reyes", "code": "advice"})
    read = read_journal(path)
    assert (read.problems, read.warnings) == ([], [])
    assert [c.member for c in replay(read.events)] == ["Tom Reyes"]


def test_a_hand_damaged_middle_line_is_reported_where_it_is(store: SetStore) -> None:
    tagger = Tagger(clock=FakeClock())
    with store.journal(DAY) as journal:
        for member in ("Tom Reyes", "Ana Lopes", "Jo Kim"):
            journal.append(tag(tagger, member))
    path = store.tags_path(DAY)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace('"op":"tag",', '"op":"tag" ')  # a slip while editing by hand
    lines.insert(2, "[1, 2]\n")
    path.write_text("".join(lines), encoding="utf-8", newline="\n")

    read = read_journal(path)
    assert [str(p).split(": ", 2)[0] for p in read.problems] == [f"{path}:2", f"{path}:3"]
    assert all(str(p).startswith(f"{path}:") for p in read.problems)
    assert "not a JSON record" in str(read.problems[0])
    assert str(read.problems[1]) == f"{path}:3: line: not a JSON object"
    assert [c.member for c in replay(read.events)] == ["Tom Reyes", "Jo Kim"]


def test_appending_writes_one_line_and_never_rewrites(
    store: SetStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    tagger = Tagger(clock=FakeClock())
    with store.journal(DAY) as journal:
        for i in range(500):
            journal.append(tag(tagger, f"Member {i % 6}"))
    path = store.tags_path(DAY)
    before = path.read_bytes()
    inode = path.stat().st_ino

    written: list[int] = []
    real_write = os.write

    def counting_write(fd: int, data: bytes) -> int:
        written.append(len(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", counting_write)
    event = tag(tagger, "Jo Kim")
    with store.journal(DAY) as journal:
        journal.append(event)

    line = (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    assert written == [len(line)]  # only the new line is written, whatever the journal's size
    after = path.read_bytes()
    assert after == before + line
    assert path.stat().st_ino == inode  # appended in place, not replaced


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from actionset.store import TagJournal
    journal = TagJournal(Path(sys.argv[1]))
    for ident in range(1, int(sys.argv[2]) + 1):
        journal.append({"op": "tag", "id": ident, "at": "2026-09-14T10:00:00+01:00",
                        "phase": "Probe", "presenter": "Priya Shah",
                        "member": "Tom Reyes", "code": "open-question", "note": ""})
        if sys.argv[3] == "each":
            print(ident, flush=True)
    print("done", flush=True)
    time.sleep(60)
""")


def _child(path: Path, count: int, report: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(count), report],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL


def test_every_tag_of_a_burst_survives_sigkill(store: SetStore) -> None:
    path = store.tags_path(DAY)
    child = _child(path, 200, "end")
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "done"
    finally:
        _kill(child)
    read = read_journal(path)
    assert (read.problems, read.warnings) == ([], [])
    assert [c.id for c in replay(read.events)] == list(range(1, 201))


def test_killing_mid_burst_leaves_whole_lines(store: SetStore) -> None:
    path = store.tags_path(DAY)
    child = _child(path, 100_000, "each")
    try:
        assert child.stdout is not None
        for _ in range(100):
            last_reported = int(child.stdout.readline())
    finally:
        _kill(child)
    read = read_journal(path)
    assert read.problems == []
    ids = [c.id for c in replay(read.events)]
    assert len(ids) >= last_reported == 100
    assert ids == list(range(1, len(ids) + 1))


@pytest.mark.parametrize(
    "damage",
    [
        b'{"op":"tag","id":2}, {"op":"tag","id":3}',  # two records run together on one line
        b'{"op":"tag","id":2,"note":"abc',  # a line split by a stray newline...
        b'def"}',  # ...inside a note
        b"\xff\xfe not text",
    ],
)
def test_damage_the_quick_whole_file_parse_would_hide_is_still_found(
    store: SetStore, damage: bytes
) -> None:
    path = store.tags_path(DAY)
    path.parent.mkdir(parents=True)
    path.write_bytes(b'{"op":"tag","id":1}\n' + damage + b'\n{"op":"tag","id":4}\n')
    read = read_journal(path)
    assert [str(p).split(": ")[0] for p in read.problems] == [f"{path}:2"]
    assert [event["id"] for event in read.events] == [1, 4]


def test_check_reads_each_journal_once(sets_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` parses a journal once for its events, their lines and their faults."""
    from actionset import check
    from actionset.store import journal as journal_module

    store = SetStore(sets_dir / "demo")
    journals = [store.tags_path(date) for date in store.meeting_dates()]
    journals = [path for path in journals if path.exists()]
    assert journals
    reads: list[Path] = []
    real = journal_module._read

    def counted(path: Path, result: journal_module.JournalRead) -> bytes | None:
        reads.append(path)
        return real(path, result)

    monkeypatch.setattr(journal_module, "_read", counted)
    result = check.check_set(store)
    assert result.problems == []
    assert sorted(reads) == sorted(journals)
    path = journals[0]
    with path.open("a", encoding="utf-8") as file:  # a fault is still named at its line
        file.write('{"op": "tag", "id": 999, "member": "Nobody Here", "code": "q"}\n')
    lines = path.read_text(encoding="utf-8").count("\n")
    problems = check.check_set(store).problems
    assert {(p.path, p.line, p.field) for p in problems} >= {(path, lines, "member")}
