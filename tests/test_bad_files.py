"""Files a person, an editor or a broken disk left wrong: every command names the file and the
line and goes on, never hangs, never shows a traceback, and changes nothing on disk."""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
from pathlib import Path

import pytest
from conftest import DEMO, copy_set

from actionset import cli
from actionset import store as disk
from actionset.session import open_console

TODAY = "2026-11-21"
PROBLEM = re.compile(r"^(?P<path>/.+):(?P<line>\d+): (?P<field>[\w.-]+): .+$")
JOURNAL = "meetings/2026-05-18.tags.jsonl"
MEETING = "meetings/2026-05-18.toml"
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and links")


@pytest.fixture
def sets_dir(tmp_path: Path) -> Path:
    root = tmp_path / "sets"
    copy_set(DEMO, root / "demo")
    return root


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under `root`: a file's bytes, or what else it is."""
    seen: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        if path.name.startswith(".console."):  # the lock's own files
            continue
        name = str(path.relative_to(root))
        if path.is_symlink():
            seen[name] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            seen[name] = "folder"
        elif path.is_file():
            seen[name] = path.read_bytes()
        else:
            seen[name] = "special"
    return seen


def run(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, *argv: str, today: str = TODAY
) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", today])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    out.encode("utf-8")  # a real terminal or file could write all of it
    err.encode("utf-8")
    return code, out, err


def problems(text: str) -> list[re.Match[str]]:
    return [m for line in text.splitlines() if (m := PROBLEM.match(line))]


def named(text: str, path: Path) -> list[int]:
    """The lines of `path` the output names as `path:line: field: message`."""
    return [int(m["line"]) for m in problems(text) if m["path"] == str(path)]


# ---------------------------------------------------------------------------- hangs


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_journal_that_is_not_a_file_is_named_and_never_read(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, kind: str
) -> None:
    journal = sets_dir / "demo" / JOURNAL
    journal.unlink()
    if kind == "fifo":
        os.mkfifo(journal)
    else:
        journal.symlink_to(kind)
    before = snapshot(sets_dir)
    signal.signal(signal.SIGALRM, _hung)
    for argv in (
        ["report", "demo", "--all"],
        ["check"],
        ["report", "demo", "--all", "--format", "csv"],
    ):
        signal.alarm(20)  # a hang fails the test instead of stopping the suite
        try:
            _, out, err = run(capsys, sets_dir, *argv)
        finally:
            signal.alarm(0)
        assert f"{journal}:1: file: " in out + err, argv
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert snapshot(sets_dir) == before


def _hung(signum: int, frame: object) -> None:
    raise TimeoutError("the command hung")


# ---------------------------------------------------------------------------- tracebacks

DEEP = "[" * 1000 + "]" * 1000


TODAYS = f"meetings/{TODAY}.toml"


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("set.toml", f'name = "x"\ncadence_weeks = {DEEP}\n', 2),
        ("set.toml", 'name = "x"\ncadence_weeks = 1' + "2" * 5000 + "\n", 2),
        ("issues.toml", "[[issues]]\nid = " + "{a = " * 1000 + "1" + "}" * 1000 + "\n", 2),
        (TODAYS, f"date = {TODAY}\n[clock]\nelapsed_seconds = inf\n", 3),
        (TODAYS, f"date = {TODAY}\n[clock]\nelapsed_seconds = nan\n", 3),
        (TODAYS, f"date = {TODAY}\n[clock]\nelapsed_seconds = 1e300\n", 3),
    ],
)
def test_values_no_reader_can_take_are_a_problem_on_their_line(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, name: str, text: str, line: int
) -> None:
    path = sets_dir / "demo" / name
    path.write_text(text, encoding="utf-8")
    before = snapshot(sets_dir)
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1 and line in named(out, path)
    for argv in (["list"], ["report", "demo", "--all"], ["calendar", "demo"]):
        run(capsys, sets_dir, *argv)  # no traceback, output a terminal can write
    if name != "issues.toml":  # the console reads the set and today's meeting
        folder = disk.SetsFolder(sets_dir)
        with pytest.raises(disk.StoreError) as refused:
            open_console(disk.SetStore(sets_dir / "demo"), folder, disk_today())
        assert named(str(refused.value), path)
    assert snapshot(sets_dir) == before


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ('{"op":"tag","id":2,"member":"Ben Osei","code":' + DEEP + "}", "line"),
        ('{"op":"tag","id":2' + "0" * 5000 + ',"member":"Ben Osei","code":"Q"}', "line"),
        (
            '{"op":"tag","id":2,"at":"2026-05-18T10:00:00+00:00","member":"Ben Osei",'
            '"code":{"a":1}}',
            "code",
        ),
        (
            '{"op":"tag","id":2,"at":"2026-05-18T10:00:00+00:00","member":"Ben \\ud800",'
            '"code":"Q"}',
            "line",
        ),
    ],
)
def test_a_journal_line_no_reader_can_take_is_a_problem_on_its_line(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, line: str, field: str
) -> None:
    journal = sets_dir / "demo" / JOURNAL
    lines = journal.read_bytes().split(b"\n")
    lines.insert(1, line.encode())
    journal.write_bytes(b"\n".join(lines))
    before = snapshot(sets_dir)
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1 and f"{journal}:2: {field}:" in out
    for fmt in ("markdown", "csv"):
        code, out, err = run(capsys, sets_dir, "report", "demo", "--all", "--format", fmt)
        assert code == 0
        assert (f"{journal}:2:" in err) == (field == "line")  # a bad code is only for check
    assert snapshot(sets_dir) == before


def test_a_meeting_in_the_year_9999(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    meeting = sets_dir / "demo" / "meetings" / "9999-12-31.toml"
    meeting.write_text("date = 9999-12-31\n", encoding="utf-8")
    code, out, _ = run(capsys, sets_dir, "list")
    assert code == 0 and "9999-12-31" in out
    code, out, _ = run(capsys, sets_dir, "calendar", "demo")
    assert code == 0 and "BEGIN:VCALENDAR" in out and "BEGIN:VEVENT" not in out
    meeting.unlink()
    code, out, _ = run(capsys, sets_dir, "calendar", "demo", today="9999-12-31")
    assert code == 0 and "BEGIN:VCALENDAR" in out
    code, out, _ = run(capsys, sets_dir, "list", today="9999-12-31")
    assert code == 0


# ---------------------------------------------------------------------------- not files


def _break(path: Path, how: str) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    if how == "folder":
        path.mkdir()
    elif how == "dangling link":
        path.symlink_to(path.with_name("nowhere"))
    elif how == "link loop":
        path.symlink_to(path.name)


@posix_only
@pytest.mark.parametrize("how", ["folder", "dangling link", "link loop"])
@pytest.mark.parametrize("name", [MEETING, JOURNAL, "actions.toml", "issues.toml"])
def test_a_file_that_is_not_a_file_is_named_and_the_rest_still_checked(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, name: str, how: str
) -> None:
    path = sets_dir / "demo" / name
    _break(path, how)
    other = sets_dir / "demo" / "meetings" / "2026-06-29.tags.jsonl"
    other.write_bytes(other.read_bytes() + b"not json\n")
    before = snapshot(sets_dir)
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1
    assert named(out, path) == [1], out
    assert named(out, other), "the other problems are still listed"
    assert snapshot(sets_dir) == before


@posix_only
@pytest.mark.parametrize("how", ["folder", "dangling link", "link loop"])
def test_a_set_toml_that_is_not_a_file_is_a_damaged_set(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, how: str
) -> None:
    path = sets_dir / "demo" / "set.toml"
    _break(path, how)
    code, out, err = run(capsys, sets_dir, "list")
    assert code == 1 and named(err, path) == [1] and "no sets" not in err
    code, out, err = run(capsys, sets_dir, "check")
    assert code == 1 and named(out, path) == [1]


def test_an_unreadable_journal_is_named_and_the_rest_still_checked(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = sets_dir / "demo" / JOURNAL
    journal.chmod(0)
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(journal):  # root reads anything: refuse as the kernel would
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    other = sets_dir / "demo" / "meetings" / "2026-06-29.tags.jsonl"
    other.write_bytes(other.read_bytes() + b"not json\n")
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1
    assert f"{journal}:1: file: Permission denied" in out
    assert named(out, other)
    code, out, err = run(capsys, sets_dir, "report", "demo", "--all")
    assert f"{journal}:1: file: Permission denied" in err
    journal.chmod(0o644)


# ---------------------------------------------------------------------------- templates

BROKEN_TEMPLATES = [
    'name = "x"\nbefore = [1]\n',
    "name = \n",
    'name = "Not A Slug"\n[[before]]\ntitle = "a"\nminutes = 5\n',
    '[[before]]\ntitle = "a"\nminutes = -1\n',
    "\xff",
]


@pytest.mark.parametrize("where", ["_templates", "demo/templates"])
@pytest.mark.parametrize("text", BROKEN_TEMPLATES)
def test_a_damaged_template_is_found_by_check_and_does_not_stop_the_console(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, where: str, text: str
) -> None:
    folder = sets_dir / where
    folder.mkdir()
    path = folder / "spare.toml"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if text != "\xff" else b"\xff")
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1 and named(out, path), out
    store = disk.SetsFolder(sets_dir).find("demo")
    with open_console(store, disk.SetsFolder(sets_dir), disk_today()) as session:
        assert session.meeting.agenda
    assert path.read_bytes() == (b"\xff" if text == "\xff" else text.encode())


def disk_today() -> dt.date:
    import datetime as dt

    return dt.date.fromisoformat(TODAY)


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_a_journal_not_in_utf8_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, encoding: str
) -> None:
    import datetime as dt

    journal = sets_dir / "demo" / "meetings" / f"{TODAY}.tags.jsonl"
    text = (
        '{"op":"tag","id":1,"at":"2026-11-21T10:00:00+00:00","member":"Ben Osei",'
        '"code":"Q","note":"café"}\n{"op":"tag","id":2,"at":"2026-11-21T10:0'
    )  # torn
    journal.write_bytes(text.encode(encoding))
    before = snapshot(sets_dir)
    code, out, err = run(capsys, sets_dir, "check")
    assert code == 1 and named(out, journal)
    store = disk.SetsFolder(sets_dir).find("demo")
    with pytest.raises(disk.StoreError) as refused:
        open_console(store, disk.SetsFolder(sets_dir), dt.date.fromisoformat(TODAY))
    assert named(str(refused.value), journal)
    code, out, err = run(capsys, sets_dir, "run", "demo")
    assert code == 1 and named(err, journal)
    after = snapshot(sets_dir)
    after.pop(f"demo/meetings/{TODAY}.toml", None)  # today's meeting may be planned
    assert after == before
    store.lock().acquire()  # and the set was let go


# ---------------------------------------------------------------------------- names

ODD_NAMES = [
    "../../etc/passwd",
    "/abs/path",
    'Ann "Nan" O\'Neil',
    "[bold]Bo[/bold] {x}",
    "Cy 🎉 👩‍👩‍👧",
    "D" * 300,
]


def test_odd_member_and_set_names_go_everywhere_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = tmp_path / "sets"
    set_name = '../[Set] "quoted" 🎉 ' + "n" * 300
    argv = ["new", set_name, *(a for name in ODD_NAMES for a in ("--member", name))]
    code, out, err = run(capsys, root, *argv)
    assert code == 0, err
    (folder,) = [p for p in root.iterdir() if p.is_dir()]
    assert folder.parent == root and len(folder.name) <= disk.MAX_SLUG
    store = disk.SetStore(folder)
    journal = store.journal(disk_today())
    for ident, name in enumerate(ODD_NAMES, start=1):
        journal.append(
            {
                "op": "tag",
                "id": ident,
                "at": f"{TODAY}T10:00:00+00:00",
                "member": name,
                "code": "open-question",
            }
        )
    journal.close()
    store.save_meeting(
        __import__("actionset.model", fromlist=["Meeting"]).Meeting(date=disk_today())
    )
    code, out, _ = run(capsys, root, "check")
    assert code == 0, out
    code, out, _ = run(capsys, root, "report", folder.name)
    assert code == 0 and all(name in out for name in ODD_NAMES[:4])
    for argv in (
        ["list"],
        ["calendar", folder.name],
        ["actions", folder.name],
        ["report", folder.name, "--format", "csv"],
    ):
        assert run(capsys, root, *argv)[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sets"]  # nothing written outside
