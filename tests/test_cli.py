"""The command line, in-process on a copy of the example set, and a few runs as a real process."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_set

from actionset import __version__, cli, record_commands
from actionset.model.action_status import Progress
from actionset.model.contributions import replay
from actionset.model.meeting import NextMeeting
from actionset.store import SetLock, SetStore, TagJournal, read_journal

DEMO = Path(__file__).parent.parent / "sets" / "demo"
DEMO_NAME = "Heads of Service — Northfield Borough Council"
# Every run is told the date, so the suite gives the same answers on any day.
TODAY = "2026-11-21"
PROBLEM_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+): (?P<field>[\w.-]+): .+$")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTIONSET_SETS_DIR", raising=False)
    monkeypatch.delenv("ACTIONSET_TODAY", raising=False)


@pytest.fixture
def sets_dir(tmp_path: Path) -> Path:
    root = tmp_path / "sets"
    copy_set(DEMO, root / "demo")
    return root


def run(capsys: pytest.CaptureFixture[str], sets_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def run_process(
    *argv: str, cwd: Path | None = None, python_flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACTIONSET_TODAY": TODAY}
    env.pop("ACTIONSET_SETS_DIR", None)
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "actionset", *argv],
        capture_output=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


# ---------------------------------------------------------------------------- new


def test_new_creates_a_set_under_its_slug(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, err = run(
        capsys,
        sets_dir,
        "new",
        "Finance Leads — Eastshire",
        "--member",
        "Ann",
        "--member",
        "Bo",
        "--member",
        "Cy",
        "--member",
        "Di",
        "--cadence-weeks",
        "8",
        "--facilitator",
        "Fay",
    )
    assert code == 0, err
    assert err == ""
    the_set = SetStore(sets_dir / "finance-leads-eastshire").load_set()
    assert the_set.name == "Finance Leads — Eastshire"
    assert [m.name for m in the_set.members] == ["Ann", "Bo", "Cy", "Di"]
    assert the_set.cadence_weeks == 8
    assert the_set.facilitator == "Fay"
    assert "actionset run finance-leads-eastshire" in out


@pytest.mark.parametrize("count", [2, 3, 9])
def test_new_warns_outside_four_to_eight(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, count: int
) -> None:
    members = [arg for i in range(count) for arg in ("--member", f"Member {i}")]
    code, _, err = run(capsys, sets_dir, "new", f"Set of {count}", *members)
    assert code == 0
    assert "warning" in err
    assert f"{count} members" in err
    assert (sets_dir / f"set-of-{count}" / "set.toml").is_file()


@pytest.mark.parametrize("members", [["Ann"], ["Ann", "Bo", "ann"]])
def test_new_refuses_one_member_or_a_duplicate(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, members: list[str]
) -> None:
    args = [arg for m in members for arg in ("--member", m)]
    code, out, err = run(capsys, sets_dir, "new", "Bad Set", *args)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1
    assert not (sets_dir / "bad-set").exists()


def test_new_refuses_a_set_that_exists(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    args = ["new", "Twice", "--member", "A", "--member", "B", "--member", "C", "--member", "D"]
    assert run(capsys, sets_dir, *args)[0] == 0
    code, _, err = run(capsys, sets_dir, *args)
    assert code == 1
    assert "already" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------- list, actions


def test_list_piped_is_one_full_line_per_set(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    long_name = "A Rather Long Set Name For Cross-Organisation Leaders In The Eastern Region"
    run(capsys, sets_dir, "new", long_name, *[a for m in "ABCD" for a in ("--member", m)])
    code, out, _ = run(capsys, sets_dir, "list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    demo = next(line for line in lines if line.startswith("demo\t"))
    assert demo.split("\t") == [
        "demo",
        DEMO_NAME,
        "6",
        "2026-09-21",
        "2026-11-02",
        "overdue",
        "5",
    ]
    other = next(line for line in lines if long_name in line)
    assert other.split("\t")[3:6] == ["none", "none", ""]


def test_list_on_a_terminal_is_a_table(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_commands, "is_terminal", lambda: True)
    code, out, _ = run(capsys, sets_dir, "list")
    assert code == 0
    assert "next meeting" in out
    assert "2026-11-02" in out and "(overdue)" in out  # the table may fold the cell
    assert "\t" not in out


def test_actions_all_and_open(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    code, out, _ = run(capsys, sets_dir, "actions", "demo")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == len(SetStore(sets_dir / "demo").load_actions())
    assert all(len(row) == 4 for row in rows)
    assert {row[3] for row in rows} == {"open", "partly", "done", "dropped"}

    code, out, _ = run(capsys, sets_dir, "actions", DEMO_NAME, "--open")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0
    assert len(rows) >= 2
    assert {row[3] for row in rows} == {"open", "partly"}
    assert [
        "Priya Shah",
        "Trial a pre-void inspection on the next ten notices to quit and count the days saved",
        "2026-11-02",
        "open",
    ] in rows


# ---------------------------------------------------------------------------- check


def test_check_passes_on_the_example_set(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, err = run(capsys, sets_dir, "check", "demo")
    assert (code, err) == (0, "")
    assert out.startswith("OK: 1 set")
    assert len(out.splitlines()) == 1


def test_check_reports_path_line_field_and_leaves_files_alone(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    folder = sets_dir / "demo"
    actions = folder / "actions.toml"
    actions.write_text(
        actions.read_text(encoding="utf-8").replace('owner = "Tom Reyes"', 'owner = "Tom Rees"', 1),
        encoding="utf-8",
        newline="\n",
    )
    meeting = folder / "meetings" / "2026-08-10.toml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "planned_minutes = 15", 'planned_minutes = "fifteen"', 1
        ),
        encoding="utf-8",
        newline="\n",
    )
    journal = folder / "meetings" / "2026-06-29.tags.jsonl"
    with journal.open("a", encoding="utf-8", newline="\n") as f:
        f.write(
            '{"op":"tag","id":900,"at":"2026-06-29T11:00:00+01:00","phase":"Probe",'
            '"presenter":"Helen Okafor","member":"Tom Reyes","code":"shouting","note":""}\n'
        )
        f.write("not json\n")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    code, out, err = run(capsys, sets_dir, "check")
    assert code == 1
    assert "Traceback" not in out + err
    problems = [PROBLEM_LINE.match(line) for line in out.splitlines()]
    assert all(problems), out
    found = {(Path(m["path"]).name, m["field"]) for m in problems if m}
    assert ("actions.toml", "actions.8.owner") in found
    assert ("2026-08-10.toml", "agenda.0.planned_minutes") in found
    assert ("2026-06-29.tags.jsonl", "code") in found
    assert ("2026-06-29.tags.jsonl", "line") in found
    owner_line = next(m for m in problems if m and m["field"] == "actions.8.owner")
    text = actions.read_text(encoding="utf-8").splitlines()
    assert text[int(owner_line["line"]) - 1] == 'owner = "Tom Rees"'
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_check_cross_checks_names_and_issue_ids(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    meeting = sets_dir / "demo" / "meetings" / "2026-09-21.toml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8")
        .replace('issue = "depot-merger"', 'issue = "depot-mergers"')
        .replace('    "Sam Whitaker",\n]', '    "Sam Whittaker",\n]'),
        encoding="utf-8",
        newline="\n",
    )
    code, out, _ = run(capsys, sets_dir, "check", "demo")
    assert code == 1
    assert re.search(r"2026-09-21\.toml:\d+: presenters\.0\.issue: no issue", out)
    assert re.search(r"2026-09-21\.toml:\d+: attendance\.present: 'Sam Whittaker'", out)


# ---------------------------------------------------------------------------- report


def test_report_markdown_of_the_latest_meeting(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, _ = run(capsys, sets_dir, "report", "demo")
    assert code == 0
    assert out.startswith(f"# {DEMO_NAME}\n")
    for heading in (
        "Meeting of Monday 21 September 2026",
        "### Attendance",
        "### Presenters and issues",
        "### Agenda: planned and actual minutes",
        "### Actions agreed",
        "### Report-backs",
        "### Questioning",
        "### Reflections",
    ):
        assert heading in out
    assert "| Process review |  | 15 |" in out
    assert "Gareth Lewis: Merging two depots" in out


def test_report_all_has_every_meeting(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--all")
    assert code == 0
    assert "history across 4 meetings" in out
    for date in ("2026-05-18", "2026-06-29", "2026-08-10", "2026-09-21"):
        assert f"\n{date}  " in out
    assert "2026-06-29      5/6" in out, "Sam Whitaker sent apologies"


def test_report_csv_rows_are_the_replayed_journal(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, _ = run(
        capsys, sets_dir, "report", "demo", "--meeting", "2026-05-18", "--format", "csv"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "date,time,phase,presenter,member,kind,note"
    import csv

    rows = list(csv.reader(lines[1:]))
    events = read_journal(sets_dir / "demo" / "meetings" / "2026-05-18.tags.jsonl").events
    standing = replay(events)
    assert len(rows) == len(standing) < sum(e["op"] == "tag" for e in events)
    assert [tuple(r[2:]) for r in rows] == [
        (c.phase, c.presenter, c.member, c.code, c.note) for c in standing
    ]
    assert {r[0] for r in rows} == {"2026-05-18"}
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d", r[1]) for r in rows)
    assert rows[0][1] == dt.datetime.fromisoformat(standing[0].at).strftime("%H:%M:%S")


def test_report_latest_includes_a_meeting_with_only_a_journal(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    journal = TagJournal(SetStore(sets_dir / "demo").tags_path(dt.date.fromisoformat(TODAY)))
    journal.append(
        {
            "op": "tag",
            "id": 1,
            "at": f"{TODAY}T10:40:02+00:00",
            "phase": "Clarify",
            "presenter": "Tom Reyes",
            "member": "Helen Okafor",
            "code": "open-question",
            "note": "What would change first?",
        }
    )
    journal.close()
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--meeting", "latest", "--format", "csv")
    assert code == 0
    assert out.splitlines() == [
        "date,time,phase,presenter,member,kind,note",
        f"{TODAY},10:40:02,Clarify,Tom Reyes,Helen Okafor,open-question,What would change first?",
    ]
    code, out, _ = run(capsys, sets_dir, "report", "demo")
    assert code == 0
    assert "In progress" in out
    assert "| Helen Okafor | 1 | 0 | 0 | 1 |" in out


def test_report_all_as_csv_has_every_meetings_contributions_in_date_then_time_order(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    import csv

    code, out, err = run(capsys, sets_dir, "report", "demo", "--all", "--format", "csv")
    assert code == 0, err
    header, *rows = list(csv.reader(out.splitlines()))
    assert header == ["date", "time", "phase", "presenter", "member", "kind", "note"]
    store = SetStore(sets_dir / "demo")
    dates = store.meeting_dates()
    standing = sum(len(replay(store.read_journal(d).events)) for d in dates)
    assert len(rows) == standing > 0
    assert {r[0] for r in rows} == {
        d.isoformat() for d in dates if replay(store.read_journal(d).events)
    }
    assert [(r[0], r[1]) for r in rows] == sorted((r[0], r[1]) for r in rows)
    first = [r for r in rows if r[0] == "2026-05-18"]
    assert {r[3] for r in first} >= {"Priya Shah", "Gareth Lewis"}  # slots told apart
    code, one, _ = run(
        capsys, sets_dir, "report", "demo", "--meeting", "2026-05-18", "--format", "csv"
    )
    assert one.splitlines() == [",".join(header), *out.splitlines()[1 : len(first) + 1]]


def test_report_csv_names_codes_by_name_even_for_a_journal_written_with_keys(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    journal = TagJournal(SetStore(sets_dir / "demo").tags_path(dt.date.fromisoformat(TODAY)))
    journal.append(
        {
            "op": "tag",
            "id": 1,
            "at": f"{TODAY}T10:40:02+00:00",
            "phase": "Probe",
            "presenter": "Tom Reyes",
            "member": "Helen Okafor",
            "code": "q",
        }
    )
    journal.close()
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--format", "csv")
    assert code == 0
    assert out.splitlines()[1] == f"{TODAY},10:40:02,Probe,Tom Reyes,Helen Okafor,open-question,"


def test_minutes_say_who_asked_no_question_of_those_who_count(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """Sam sent apologies and Ruth facilitates: neither is listed as asking nothing; Gareth,
    who presented in the second slot and asked nothing in the first, is."""
    store = SetStore(sets_dir / "demo")
    date = dt.date(2026, 5, 18)
    meeting = store.load_meeting(date)
    assert meeting is not None
    meeting.attendance.present.remove("Sam Whitaker")
    meeting.attendance.apologies = ["Sam Whitaker"]
    store.save_meeting(meeting)
    journal = store.journal(date)
    events = store.read_journal(date).events
    last = max(e["id"] for e in events)
    for ident in {e["id"] for e in events if e.get("member") == "Sam Whitaker"}:
        journal.append({"op": "delete", "id": ident})
    journal.append(
        {
            "op": "tag",
            "id": last + 1,
            "at": "2026-05-18T12:00:00+01:00",
            "phase": "Process review",
            "presenter": "",
            "member": "Ruth Adeyemi",
            "code": "statement",
        }
    )
    journal.close()
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--meeting", "2026-05-18")
    assert code == 0
    assert "Asked no questions: Gareth Lewis." in out


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ('"named"', None),
        ('"anonymous"', None),
        ('"off"', None),
        ('"loud"', "summary: Input should be 'anonymous', 'named' or 'off'"),
    ],
)
def test_check_accepts_the_sets_summary_default(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, value: str, problem: str | None
) -> None:
    path = sets_dir / "demo" / "set.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("cadence_weeks = 6\n", f"cadence_weeks = 6\nsummary = {value}\n"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, sets_dir, "check", "demo")
    if problem is None:
        assert code == 0, out + err
        assert SetStore(sets_dir / "demo").load_set().summary == value.strip('"')
    else:
        assert code == 1
        assert f"{path}:4: {problem}" in out


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026-09-22"])
def test_report_bad_date_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, value: str
) -> None:
    code, out, err = run(capsys, sets_dir, "report", "demo", "--meeting", value)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert value in err


# ---------------------------------------------------------------------------- calendar


def test_calendar_starts_with_the_next_meeting_even_when_overdue(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, _ = run(capsys, sets_dir, "calendar", "demo")
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR\r\n")
    assert out.endswith("END:VCALENDAR\r\n")
    assert "\n" not in out.replace("\r\n", "")
    assert out.count("BEGIN:VEVENT") == 4
    starts = re.findall(r"DTSTART:(\d{8})T093000", out)
    # The next meeting (2026-11-02, overdue on 2026-11-21), then every six weeks.
    assert starts == ["20261102", "20261214", "20270125", "20270308"]
    assert "DTEND:20261102T123000" in out
    assert "UID:demo-2026-11-02@actionset" in out
    assert "LOCATION:Committee Room 2\\, Northfield Town Hall" in out
    assert re.search(r"DTSTAMP:\d{8}T\d{6}Z", out)
    assert all(len(line.encode()) <= 75 for line in out.split("\r\n"))
    code, out, _ = run(capsys, sets_dir, "calendar", "demo", "--count", "2")
    assert out.count("BEGIN:VEVENT") == 2


def test_calendar_uses_the_confirmed_date_and_the_sets_time_length_and_place(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    store = SetStore(sets_dir / "demo")
    latest = store.load_meeting(dt.date(2026, 9, 21))
    assert latest is not None
    latest.next_meeting = NextMeeting(date=dt.date(2026, 12, 1), time="13:00", place="Annexe")
    store.save_meeting(latest)
    the_set = store.load_set()
    store.save_set(the_set.model_copy(update={"usual_hours": 2.5}))
    code, out, _ = run(capsys, sets_dir, "calendar", "demo", "--count", "2")
    assert code == 0
    assert "DTSTART:20261201T130000" in out and "DTEND:20261201T153000" in out
    assert "LOCATION:Annexe" in out
    # after the confirmed date, the set's usual time and place, a cadence on
    assert "DTSTART:20270112T093000" in out and "DTEND:20270112T120000" in out
    code, out, _ = run(capsys, sets_dir, "list")
    assert out.split("\t")[4:6] == ["2026-12-01", ""]


def test_calendar_of_a_set_with_no_date_yet_says_so(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    run(capsys, sets_dir, "new", "Fresh", *[a for m in "ABCD" for a in ("--member", m)])
    code, out, err = run(capsys, sets_dir, "calendar", "fresh")
    assert (code, out) == (2, "")
    assert "first date" in err


# ---------------------------------------------------------------------------- arguments


def test_sets_dir_before_and_after_the_arguments(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    after = cli.main(
        ["report", "demo", "--sets-dir", str(sets_dir), "--meeting", "latest", "--today", TODAY]
    )
    out_after = capsys.readouterr().out
    before = cli.main([f"--sets-dir={sets_dir}", "report", "demo", "--meeting", "latest"])
    out_before = capsys.readouterr().out
    assert after == before == 0
    assert out_after == out_before
    assert "2026-09-21" in out_after


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"actionset {__version__}"


def test_help_imports_neither_textual_nor_pydantic() -> None:
    code = (
        "import sys\n"
        "from actionset.__main__ import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('textual', 'pydantic', 'rich') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, encoding="utf-8"
    )
    assert result.returncode == 0, result.stderr
    assert "actionset run SET" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "LOADED []"


def test_unknown_set_is_one_line(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    for command in ("run", "project", "actions", "report", "calendar", "check"):
        code, out, err = run(capsys, sets_dir, command, "no-such-set")
        assert (code, out) == (1, ""), command
        assert len(err.strip().splitlines()) == 1, err
        assert "no-such-set" in err
        assert "Traceback" not in err


def test_bad_today_is_one_line(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    code = cli.main(["list", "--sets-dir", str(sets_dir), "--today", "21/11/2026"])
    assert code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_python_dash_m_lists_the_sets_pipeably(sets_dir: Path) -> None:
    result = run_process("list", "--sets-dir", str(sets_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"demo\t{DEMO_NAME}\t6\t2026-09-21\t2026-11-02\toverdue\t5"
    ]


def test_the_default_sets_folder_is_sets_here(sets_dir: Path) -> None:
    result = run_process("check", cwd=sets_dir.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 1 set")


# ---------------------------------------------------------------------------- the console


def test_run_on_a_locked_set_is_refused_before_any_window(sets_dir: Path) -> None:
    with SetLock(sets_dir / "demo", "demo"):
        result = run_process(
            "run", "demo", "--sets-dir", str(sets_dir), python_flags=("-X", "importtime")
        )
    assert result.returncode == 1
    message = [line for line in result.stderr.splitlines() if not line.startswith("import time")]
    assert len(message) == 1, result.stderr
    assert f"process {os.getpid()}" in message[0]
    assert "actionset project demo" in message[0]
    imported = [
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time")
    ]
    assert "textual" not in imported


def test_new_takes_the_ground_rules(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    members = [a for m in "ABCD" for a in ("--member", m)]
    rules = ["Statements only in response to questions; anyone may ask anyone", "Phones away"]
    code, _, err = run(
        capsys,
        sets_dir,
        "new",
        "Ruled",
        *members,
        *(a for r in rules for a in ("--ground-rule", r)),
    )
    assert code == 0, err
    assert SetStore(sets_dir / "ruled").load_set().ground_rules == rules


def test_actions_says_partly_of_an_open_action_last_reported_partly(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """Tom's backlog board was partly done at its last report-back: still open, and partly."""
    for argv in (["actions", "demo"], ["actions", "demo", "--open"]):
        _, out, _ = run(capsys, sets_dir, *argv)
        rows = {row[1]: row[3] for row in (line.split("\t") for line in out.splitlines())}
        board = next(text for text in rows if text.startswith("Put the weekly backlog count"))
        assert rows[board] == "partly"
    action = next(a for a in SetStore(sets_dir / "demo").load_actions() if a.id == "backlog-board")
    assert action.is_open and action.latest_progress is Progress.partly
