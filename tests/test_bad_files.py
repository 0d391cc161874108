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


# ---------------------------------------------------------------------------- every problem


def edit(path: Path, *changes: tuple[str, str]) -> None:
    """Each change made by hand, once, where the text first has it."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def found(text: str, path: Path) -> list[tuple[int, str, str]]:
    """What the output names of `path`: (line, field, message)."""
    return [
        (int(m["line"]), m["field"], m.group(0).split(": ", 2)[2])
        for m in problems(text)
        if m["path"] == str(path)
    ]


def test_a_bad_status_hides_no_unknown_owner(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """One action's status is wrong and two owners are no member (one of them on that same
    action): check names all three, at their lines."""
    actions = sets_dir / "demo" / "actions.toml"
    edit(
        actions,
        ('owner = "Priya Shah"', 'owner = "Nobody One"'),  # actions.0, whose status is wrong
        ('status = "done"', 'status = "finished"'),
        ('owner = "Gareth Lewis"', 'owner = "Nobody Two"'),  # actions.2
    )
    before = snapshot(sets_dir)
    code, out, err = run(capsys, sets_dir, "check")
    assert code == 1
    assert found(out, actions) == [
        (3, "actions.0.owner", "'Nobody One' (action owner) is not a member of the set"),
        (8, "actions.0.status", "Input should be 'open', 'done' or 'dropped'"),
        (36, "actions.2.owner", "'Nobody Two' (action owner) is not a member of the set"),
    ]
    assert err.startswith("3 problems in 1 set")
    assert snapshot(sets_dir) == before


def test_a_wrong_field_hides_no_problem_of_the_record_nor_of_the_other_files(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """pydantic checks a record as a whole only once each field holds, and the set's other
    files were checked against a set.toml only once it read: a wrong cadence hid two members
    listed twice and an action's unknown owner; a wrong clock view hid a meeting's unknown
    presenter, a name under two states and its date."""
    demo = sets_dir / "demo"
    edit(
        demo / "set.toml",
        ("cadence_weeks = 6", 'cadence_weeks = "six"'),
        ('name = "Gareth Lewis"', 'name = "Tom Reyes"'),
        ('name = "Mei Lin Chen"', 'name = "Priya Shah"'),
    )
    edit(demo / "actions.toml", ('owner = "Priya Shah"', 'owner = "Nobody One"'))
    meeting = demo / "meetings" / "2026-09-21.toml"
    edit(
        meeting,
        ("date = 2026-09-21", "date = 2026-09-22"),
        ('    "Sam Whitaker",\n]', '    "Sam Whitaker",\n    "Tom Reyes",\n    "Priya Shah",\n]'),
        ('member = "Priya Shah"\nissue = "void', 'member = "Nobody Two"\nissue = "void'),
        ('view = "countdown"', 'view = "big"'),
    )
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1
    assert found(out, demo / "set.toml") == [
        (
            3,
            "cadence_weeks",
            "Input should be a valid integer, unable to parse string as an integer",
        ),
        (39, "members.3.name", "member 'Tom Reyes' appears twice"),
        (45, "members.4.name", "member 'Priya Shah' appears twice"),
    ]
    assert (3, "actions.0.owner", "'Nobody One' (action owner) is not a member of the set") in (
        found(out, demo / "actions.toml")
    )
    renamed = ("'Gareth Lewis'", "'Mei Lin Chen'")  # no members now: named wherever they are
    assert [f for f in found(out, meeting) if not f[2].startswith(renamed)] == [
        (1, "date", "2026-09-22 does not match the file name 2026-09-21"),
        (12, "attendance.present.6", "'Tom Reyes' is also listed under present"),
        (12, "attendance.present.7", "'Priya Shah' is also listed under present"),
        (28, "presenters.1.member", "'Nobody Two' (presenter) is not a member of the set"),
        (37, "clock.view", "String should match pattern '^(countdown|elapsed|clock)$'"),
    ]


def test_what_cannot_be_read_is_not_misread(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """A record that cannot stand without its faulty part is left out of the cross-checks,
    never read as something it is not: an issue without its owner still has its id, a member
    whose retirement cannot be read is no clash of numbers, an unknown key of the file still
    lets its records be checked."""
    demo = sets_dir / "demo"
    edit(demo / "issues.toml", ('owner = "Priya Shah"', "owner = 5"))
    edit(
        demo / "set.toml",
        ("retired = false", 'number = 2\nretired = "perhaps"'),  # Priya Shah, meant to be retired
        ('name = "Tom Reyes"', 'name = "Tom Reyes"\nnumber = 2'),
    )
    edit(demo / "actions.toml", ("[[actions]]", 'colour = "blue"\n\n[[actions]]'))
    edit(demo / "actions.toml", ('owner = "Gareth Lewis"', 'owner = "Nobody"'))
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1
    assert [(f, m) for _, f, m in found(out, demo / "set.toml")] == [
        ("members.0.retired", "Input should be a valid boolean, unable to interpret input")
    ]
    assert [(f, m) for _, f, m in found(out, demo / "issues.toml")] == [
        ("issues.0.owner", "Input should be a valid string")
    ]
    assert [(f, m) for _, f, m in found(out, demo / "actions.toml")] == [
        ("colour", "unknown key (this file holds only [[actions]] tables)"),
        ("actions.2.owner", "'Nobody' (action owner) is not a member of the set"),
    ]


@pytest.mark.parametrize(
    "change",
    [
        ('name = "Gareth Lewis"', "name = 5"),  # whose name cannot be read
        ('[[members]]\nname = "Priya Shah"', '[[members]]\nname = "Priya Shah"\njoined = 3'),
        ('facilitator = "Ruth Adeyemi"', "facilitator = []"),
    ],
    ids=["a member's name", "a member's date", "the facilitator"],
)
def test_a_set_that_cannot_say_who_its_members_are_names_no_one_missing(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, change: tuple[str, str]
) -> None:
    """Read with a member (or the facilitator) left out, set.toml would make every file that
    names them wrong: what it cannot say is not taken as no one."""
    set_toml = sets_dir / "demo" / "set.toml"
    edit(set_toml, change)
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1
    assert [p["path"] for p in problems(out)] == [str(set_toml)], out


def test_a_code_that_cannot_be_read_leaves_the_journals_unjudged(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    demo = sets_dir / "demo"
    with (demo / "set.toml").open("a", encoding="utf-8") as set_toml:
        set_toml.write('\n[[codebook]]\nkey = "f"\nname = "reflective"\ncounts_as = "insight"\n')
    journal = demo / "meetings" / "2026-09-21.tags.jsonl"
    first = journal.read_text(encoding="utf-8").splitlines()[0]
    edit(journal, (first, first.replace('"open-question"', '"reflective"')))
    code, out, _ = run(capsys, sets_dir, "check")
    assert code == 1
    assert [p["field"] for p in problems(out)] == ["codebook.0.counts_as"], out
