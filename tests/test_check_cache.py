"""`check` with the set's cache (`check.json` in its cache folder) says exactly what it says
without it, reads no meeting that has not changed and still agrees with the set, and never
hides a problem."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from test_history_cache import LATEST, TODAY, Reads, settle

from actionset import cli
from actionset.check import check_set
from actionset.store import SetStore
from actionset.store import cache as store_cache

MEETINGS = 8  # the demo's four meeting files and four journals


@pytest.fixture
def settled(sets_dir: Path) -> Path:
    settle(sets_dir)
    return sets_dir


def check(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, str, str]:
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def uncached(sets_dir: Path) -> list[str]:
    """The problems `check` finds read straight from the files, no cache read or written."""
    result = check_set(SetStore(sets_dir / "demo"), cache=False)
    return [*result.warnings, *(str(p) for p in result.sorted_problems())]


def said(out: str) -> list[str]:
    """What a check printed: its warnings and problems, one a line."""
    return [
        line.removeprefix("warning: ") for line in out.splitlines() if not line.startswith("OK")
    ]


def cache_file(sets_dir: Path) -> Path:
    return store_cache.CheckCache(sets_dir / "demo").path


def meeting(sets_dir: Path, date: str = LATEST, suffix: str = ".toml") -> Path:
    return sets_dir / "demo" / "meetings" / f"{date}{suffix}"


def test_a_warm_check_is_the_cold_one_and_reads_no_meeting(
    capsys: pytest.CaptureFixture[str], settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(monkeypatch)
    cold = check(capsys, settled)
    assert cold[0] == 0 and "11 files, no problems" in cold[1]
    assert len(reads.meetings()) == MEETINGS
    assert cache_file(settled).is_file()
    warm = check(capsys, settled)
    assert reads.meetings() == []  # neither a meeting file nor a journal parsed
    assert warm == cold
    # One meeting edited by hand: that one is read again, the others are not.
    path = meeting(settled)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    settle(path)
    assert check(capsys, settled) == cold
    assert reads.meetings() == [f"{LATEST}.tags.jsonl", f"{LATEST}.toml"]
    assert check(capsys, settled) == cold and reads.meetings() == []


def damage_meetings(sets_dir: Path) -> None:
    """A torn journal line, a journal line that is not JSON, a stranger tagged, a meeting
    file with a key no meeting has, and a presenter who is not a member."""
    first = meeting(sets_dir, "2026-05-18", ".tags.jsonl")
    first.write_bytes(first.read_bytes() + b"not json\n" + b'{"op": "tag"')
    second = meeting(sets_dir, "2026-06-29", ".tags.jsonl")
    text = second.read_text(encoding="utf-8")
    second.write_text(text.replace('"Tom Reyes"', '"Tom Stranger"', 1), encoding="utf-8")
    third = meeting(sets_dir, "2026-08-10")
    third.write_text(third.read_text(encoding="utf-8") + "\nnonsense = 1\n", encoding="utf-8")
    latest = meeting(sets_dir)
    text = latest.read_text(encoding="utf-8")
    latest.write_text(text.replace('"Tom Reyes"', '"Nobody Known"', 1), encoding="utf-8")
    settle(sets_dir)


def test_a_damaged_set_is_reported_warm_as_cold_and_writes_no_cache(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    check(capsys, settled)  # every meeting kept
    kept = cache_file(settled).read_bytes()
    damage_meetings(settled)
    code, out, err = check(capsys, settled)
    expected = uncached(settled)
    assert code == 1 and said(out) == expected and len(expected) >= 5
    assert any(line.startswith(f"{meeting(settled)}:") for line in expected)
    assert cache_file(settled).read_bytes() == kept  # nothing written for a damaged set
    assert check(capsys, settled) == (code, out, err)
    # Nor is anything written when the set is damaged from the start.
    cache_file(settled).unlink()
    assert check(capsys, settled) == (code, out, err)
    assert not cache_file(settled).exists()


def test_a_meeting_damaged_by_hand_after_a_warm_check_is_reported(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    check(capsys, settled)
    path = meeting(settled)
    old = path.stat().st_mtime_ns
    text = path.read_text(encoding="utf-8")
    damaged = text.replace("[attendance]\npresent = [", "[attendance]\npresnt  = [")
    assert len(damaged) == len(text) and damaged != text
    path.write_text(damaged, encoding="utf-8")  # in place, its time put back: the same size
    os.utime(path, ns=(old, old))
    code, out, _ = check(capsys, settled)
    assert code == 1 and said(out) == uncached(settled)
    assert re.search(rf"^{re.escape(str(path))}:\d+: attendance\.presnt: ", out, re.M)
    # The same by an atomic replace (a new inode), of the same size and time.
    path.write_text(text, encoding="utf-8")
    settle(path)
    assert check(capsys, settled)[0] == 0
    tmp = path.with_suffix(".new")
    tmp.write_text(damaged, encoding="utf-8")
    os.replace(tmp, path)
    os.utime(path, ns=(old, old))
    code, out, _ = check(capsys, settled)
    assert code == 1 and said(out) == uncached(settled)


def test_a_journal_that_grew_after_a_warm_check_is_checked(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    check(capsys, settled)
    journal = meeting(settled, suffix=".tags.jsonl")
    event = {"op": "tag", "id": 900, "at": f"{LATEST}T12:00:00+01:00", "phase": "Probe"}
    event |= {"presenter": "Priya Shah", "member": "Someone Else", "code": "advice"}
    with journal.open("a", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(event) + "\n")
    settle(journal)
    code, out, _ = check(capsys, settled)
    assert code == 1 and said(out) == uncached(settled)
    assert "'Someone Else' is not a member or the facilitator" in out


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(("Priya Shah", "Priya Shaw"), id="a-member-renamed-in-set.toml-only"),
        pytest.param(
            ('kind = "horizontal"\n', 'kind = "horizontal"\ncodebook_mode = "replace"\n'),
            id="only-the-set's-own-codes",
        ),
        pytest.param(('id = "void-turnaround"', 'id = "void-turnround"'), id="an-issue-id"),
    ],
)
def test_a_change_to_the_set_after_a_warm_check_reports_what_a_cold_one_does(
    capsys: pytest.CaptureFixture[str],
    settled: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: tuple[str, str],
) -> None:
    check(capsys, settled)
    name = "issues.toml" if change[0].startswith("id") else "set.toml"
    path = settled / "demo" / name
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    text = text.replace(change[0], change[1], 1)
    if "codebook_mode" in change[1]:  # the tags' other codes are no longer the set's
        text += '\n[[codebook]]\nkey = "q"\nname = "open-question"\ncounts_as = "question"\n'
    path.write_text(text, encoding="utf-8")
    settle(path)
    reads = Reads(monkeypatch)
    code, out, _ = check(capsys, settled)
    expected = uncached(settled)
    assert code == 1 and said(out) == expected
    # The meetings that name what went are read again, to name each line; no other.
    named = sorted({Path(line.split(":")[0]).name for line in expected if "/meetings/" in line})
    assert named and set(named) <= set(reads.meetings())


def test_a_member_removed_from_set_toml_after_a_warm_check_is_reported_everywhere(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    check(capsys, settled)
    path = settled / "demo" / "set.toml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r'\[\[members\]\]\nname = "Tom Reyes"\n(?:[a-z_]+ = .*\n)*\n', text)
    assert block is not None
    path.write_text(text.replace(block.group(0), ""), encoding="utf-8")
    settle(path)
    code, out, _ = check(capsys, settled)
    expected = uncached(settled)
    assert code == 1 and said(out) == expected
    for date in ("2026-05-18", "2026-06-29", "2026-08-10", "2026-09-21"):  # tagged at each
        assert any(
            line.startswith(f"{meeting(settled, date, '.tags.jsonl')}:") for line in expected
        )
    assert any(
        line.startswith(f"{meeting(settled)}:") and "attendance" in line for line in expected
    )


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe not json",
        b"[1, 2]",
        b'{"kind": "actionset history cache", "format": 1, "meetings": {}}',
        b"[" * 100_000,
        "files",
        "references",
        "reference",
        "tagged",
        "extra",
        "format",
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_written_again(
    capsys: pytest.CaptureFixture[str],
    settled: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: bytes | str,
) -> None:
    cold = check(capsys, settled)
    path = cache_file(settled)
    if isinstance(damage, bytes):
        path.write_bytes(damage)
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        if damage == "format":
            data["format"] += 1
        else:
            facts = data["meetings"][LATEST]["record"]
            facts.update(
                {
                    "files": {"files": True},
                    "references": {"references": "Tom Reyes"},
                    "reference": {"references": [["stranger", "Tom Reyes"]]},
                    "tagged": {"tagged": [1]},
                    "extra": {"extra": []},
                }[damage]
            )
        path.write_text(json.dumps(data), encoding="utf-8")
    reads = Reads(monkeypatch)
    assert check(capsys, settled) == cold
    read_again = reads.meetings()
    assert read_again and (
        len(read_again) == MEETINGS
        or read_again
        == [
            f"{LATEST}.tags.jsonl",
            f"{LATEST}.toml",
        ]
    )
    assert check(capsys, settled) == cold and reads.meetings() == []  # and kept again


def test_a_meeting_changed_a_moment_ago_is_not_kept(
    capsys: pytest.CaptureFixture[str], settled: Path
) -> None:
    journal = meeting(settled, suffix=".tags.jsonl")
    journal.write_bytes(journal.read_bytes())  # its time is now
    check(capsys, settled)
    kept = json.loads(cache_file(settled).read_text(encoding="utf-8"))["meetings"]
    assert LATEST not in kept and len(kept) == 3


@pytest.mark.parametrize("where", ["meeting-file", "journal"])
def test_a_member_named_in_one_file_only_and_then_removed_is_reported(
    capsys: pytest.CaptureFixture[str], settled: Path, where: str
) -> None:
    set_toml = settled / "demo" / "set.toml"
    before = set_toml.read_text(encoding="utf-8")
    newcomer = '\n[[members]]\nname = "Zoë Newcomer"\norganisation = "Northfield"\n'
    set_toml.write_text(before + newcomer, encoding="utf-8")
    if where == "meeting-file":  # sent apologies: named in the meeting's file, never tagged
        path = meeting(settled)
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("[attendance]\n", '[attendance]\napologies = ["Zoë Newcomer"]\n'),
            encoding="utf-8",
        )
    else:  # tagged, and in no meeting's file
        path = meeting(settled, suffix=".tags.jsonl")
        event = {"op": "tag", "id": 900, "at": f"{LATEST}T12:00:00+01:00", "phase": "Probe"}
        event |= {"presenter": "Priya Shah", "member": "Zoë Newcomer", "code": "advice"}
        with path.open("a", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(event) + "\n")
    settle(settled)
    assert check(capsys, settled)[0] == 0  # and every meeting kept
    set_toml.write_text(before, encoding="utf-8")
    settle(set_toml)
    code, out, _ = check(capsys, settled)
    expected = uncached(settled)
    assert code == 1 and said(out) == expected
    assert [line.split(":")[0] for line in expected] == [str(path)]
