"""A meeting's voice file through the store: appended under a lock by two processes, damaged
lines named and left alone, a line the file may not take refused."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from actionset import store as disk
from actionset.model.voice import (
    DEFAULT_SCALES,
    answer_line,
    close_line,
    device_limit,
    new_device,
    round_line,
)

DATE = dt.date(2026, 11, 21)
AT = dt.datetime(2026, 11, 21, 12, 40, tzinfo=dt.UTC)


@pytest.fixture
def the_store(new_set_dir: Path) -> disk.SetStore:
    return disk.SetsFolder(new_set_dir).find("demo")


def test_appended_lines_are_read_back_as_rounds(the_store: disk.SetStore) -> None:
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    voice = the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 4}))
    assert voice.rounds["r1"].count == 1
    path = the_store.voice_path(DATE)
    assert path.name == "2026-11-21.voice.jsonl"
    raw = path.read_bytes()
    assert raw.count(b"\n") == 2 and raw.endswith(b"\n") and b"\r" not in raw
    read = the_store.read_voice(DATE)
    assert (read.problems, read.voice.rounds["r1"].count) == ([], 1)
    assert the_store.voice_dates() == [DATE]


def test_a_line_the_file_may_not_take_is_refused_and_nothing_written(
    the_store: disk.SetStore,
) -> None:
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    the_store.append_voice(DATE, close_line("r1", AT))
    before = the_store.voice_path(DATE).read_bytes()
    with pytest.raises(disk.VoiceRefused, match="r1 was closed"):
        the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 4}))
    with pytest.raises(disk.VoiceRefused, match="rating from 1 to 5"):
        the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 9}, by="paper"))
    assert the_store.voice_path(DATE).read_bytes() == before


def test_the_device_limit_is_kept_as_answers_arrive(the_store: disk.SetStore) -> None:
    limit = device_limit(len(the_store.load_set().members))
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT), limit)
    for _ in range(limit):
        the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 3}), limit)
    with pytest.raises(disk.VoiceRefused, match=f"from {limit} devices"):
        the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 3}), limit)


def test_a_damaged_line_is_named_where_it_is_and_the_rest_still_read(
    the_store: disk.SetStore,
) -> None:
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    path = the_store.voice_path(DATE)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write('{"type": "answer", "round": "r1", oops\n')
        f.write(json.dumps(answer_line("r1", new_device(), AT, {"useful": 7})) + "\n")
    the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 5}))
    before = path.read_bytes()
    read = the_store.read_voice(DATE)
    assert [str(p).removeprefix(f"{path}:") for p in read.problems] == [
        "2: line: not a JSON record (Expecting property name enclosed in double quotes: "
        "line 1 column 35 (char 34))",
        "3: ratings.useful: 7 is not a rating from 1 to 5",
    ]
    assert read.voice.rounds["r1"].count == 1
    assert path.read_bytes() == before


def test_a_line_cut_off_mid_write_stays_and_the_next_starts_a_line_of_its_own(
    the_store: disk.SetStore,
) -> None:
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    path = the_store.voice_path(DATE)
    with path.open("ab") as f:
        f.write(b'{"type": "answer", "rou')
    read = the_store.read_voice(DATE)
    assert read.warnings == [f"{path}:2: the last answer was cut off mid-write and is left out"]
    the_store.append_voice(DATE, answer_line("r1", new_device(), AT, {"useful": 5}))
    read = the_store.read_voice(DATE)
    assert [(p.line, p.field) for p in read.problems] == [(2, "line")]
    assert read.voice.rounds["r1"].count == 1
    assert path.read_bytes().startswith(b'{"type":"round"')


def test_a_voice_file_that_is_not_utf8_is_never_appended_to(the_store: disk.SetStore) -> None:
    path = the_store.voice_path(DATE)
    path.write_bytes(b"\xff\xfe{\x00")
    with pytest.raises(disk.StoreError, match="UTF-16"):
        the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    assert path.read_bytes() == b"\xff\xfe{\x00"


APPENDER = """
import datetime as dt, sys
from pathlib import Path
from actionset import store as disk
from actionset.model.voice import answer_line, new_device
the_store = disk.SetStore(Path(sys.argv[1]))
at = dt.datetime(2026, 11, 21, 12, 40, tzinfo=dt.UTC)
date = at.date()
sys.stdin.readline()  # both start appending together
for _ in range(int(sys.argv[2])):
    the_store.append_voice(date, answer_line("r1", new_device(), at, {"useful": 4}))
"""


def test_two_processes_appending_at_once_lose_no_line(the_store: disk.SetStore) -> None:
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    each = 40
    args = [sys.executable, "-c", APPENDER, str(the_store.folder), str(each)]
    both = [subprocess.Popen(args, stdin=subprocess.PIPE) for _ in range(2)]
    for process in both:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        process.stdin.close()
    assert [process.wait(timeout=60) for process in both] == [0, 0]
    read = the_store.read_voice(DATE)
    assert read.problems == [] and read.warnings == []
    assert read.voice.rounds["r1"].count == 2 * each


def test_a_set_s_scales_are_checked_at_their_line(the_store: disk.SetStore) -> None:
    path = the_store.folder / disk.SET_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + '\n[scales.pulse]\nstatements = [\n  { id = "useful", text = "Useful" },\n'
        '  { id = "useful", text = "Again" },\n  { id = "said", text = "Said" },\n]\n',
        encoding="utf-8",
    )
    with pytest.raises(disk.StoreError) as caught:
        the_store.load_set()
    line = text.count("\n") + 5
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}: scales.pulse.statements.1.id: 'useful' is used twice"
    ]


def test_check_names_each_damaged_voice_line_and_leaves_the_file_alone(
    the_store: disk.SetStore,
) -> None:
    from actionset.check import check_set
    from actionset.model import Meeting

    the_store.save_meeting(Meeting(date=DATE))
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    path = the_store.voice_path(DATE)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write("not json\n")
        f.write(json.dumps(answer_line("r2", new_device(), AT, {"useful": 3})) + "\n")
    before = path.read_bytes()
    found = [str(p).removeprefix(f"{path}:") for p in check_set(the_store).sorted_problems()]
    assert found == [
        "2: line: not a JSON record (Expecting value: line 1 column 1 (char 0))",
        "3: round: no round r2 opened before",
    ]
    assert path.read_bytes() == before


def test_check_counts_a_round_s_devices_against_every_member_the_set_had(
    the_store: disk.SetStore,
) -> None:
    from actionset.check import check_set
    from actionset.model import Meeting

    the_store.save_meeting(Meeting(date=DATE))
    members = len(the_store.load_set().members)
    lines = [round_line("r1", DEFAULT_SCALES["pulse"], AT)] + [
        answer_line("r1", new_device(), AT, {"useful": 3}) for _ in range(members + 3)
    ]
    path = the_store.voice_path(DATE)
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    problems = check_set(the_store).sorted_problems()
    assert [(p.line, p.field) for p in problems] == [(members + 4, "device")]


def test_check_names_a_voice_file_with_no_meeting(the_store: disk.SetStore) -> None:
    from actionset.check import check_set

    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    problems = check_set(the_store).sorted_problems()
    assert [str(p) for p in problems] == [
        f"{the_store.voice_path(DATE)}:1: file: no meeting on 2026-11-21 "
        "(2026-11-21.toml is missing)"
    ]


def test_a_set_s_scales_survive_the_set_screen_s_save(the_store: disk.SetStore) -> None:
    path = the_store.folder / disk.SET_FILE
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[scales.self]\nfree_line = false\n[scales.reflection]\nask = "What did we hear?"\n',
        encoding="utf-8",
    )
    the_set = the_store.load_set()
    the_store.save_set(the_set)
    again = the_store.load_set()
    assert again.scales == the_set.scales and again.scales is not None
    assert again.scales.data() == {
        "self": {"free_line": False},
        "reflection": {"ask": "What did we hear?"},
    }
