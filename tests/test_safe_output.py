"""Text from a file reaches the terminal as text: never Rich markup (`[/x]`), never a control
character the terminal would obey (`\\x1b]0;…` retitles it, `\\x1b[2J` clears it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DEMO, copy_set

from actionset import cli, record_commands
from actionset import store as disk
from actionset.safe_text import CONTROLS, LINES, safe

TODAY = "2026-11-21"
EVERY_CONTROL = "".join(map(chr, CONTROLS))
# Every C0 and C1 control, and markup that Rich would refuse, in text a person typed.
TYPED = f"[/x] ends [bold]here\x1b]0;pwned\x07{EVERY_CONTROL}\x1b[2J"
COMMANDS = [
    ("list",),
    ("actions", "demo"),
    ("issues", "demo"),
    ("report", "demo"),
    ("report", "demo", "--all"),
    ("report", "demo", "--all", "--format", "markdown"),
    ("report", "demo", "--format", "csv"),
    ("report", "--programme"),
    ("calendar", "demo"),
    ("check",),
]


def controls_in(text: str, keep: str) -> set[str]:
    return {char for char in text if ord(char) in CONTROLS and char not in keep}


def test_every_control_is_shown_escaped() -> None:
    assert safe("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"
    assert safe("\x9b2J\x7f\x00") == "\\x9b2J\\x7f\\x00"
    assert controls_in(safe(EVERY_CONTROL), "") == set()
    assert safe(EVERY_CONTROL).count("\\x") == len(CONTROLS) == 65
    assert safe("one\n\ttwo\r", LINES) == "one\n\ttwo\\x0d"
    assert safe("Łukasz [/x] C:\\sets\u2014") == "Łukasz [/x] C:\\sets\u2014"  # nothing else


@pytest.fixture
def typed_set(tmp_path: Path) -> Path:
    """A copy of the example set whose name, actions, issues and reflections hold TYPED, in a
    sets folder whose own name holds an escape sequence (every path of `check` names it)."""
    root = tmp_path / "sets \x1b[2J\x9b"
    copy_set(DEMO, root / "demo")
    store = disk.SetStore(root / "demo")
    the_set = store.load_set()
    the_set.name = f"Heads {TYPED}"
    store.save_set(the_set)
    actions = store.load_actions()
    for action in actions:
        action.text = f"{action.text} {TYPED}"
    store.save_actions(actions)
    issues = store.load_issues()
    for issue in issues:
        issue.title = f"{issue.title} {TYPED}"
    store.save_issues(issues)
    latest = store.meeting_dates()[-1]
    meeting = store.load_meeting(latest)
    assert meeting is not None
    meeting.reflections = [*meeting.reflections, TYPED]
    meeting.place = TYPED
    store.save_meeting(meeting)
    with store.journal(latest) as journal:  # a tag whose note is TYPED
        journal.append(
            {
                "op": "tag",
                "id": 9999,
                "at": f"{latest}T10:31:00+00:00",
                "phase": "Check-in and ground rules",
                "presenter": "",
                "member": the_set.members[1].name,
                "code": "open-question",
                "note": TYPED,
            }
        )
    return root


def run(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(root), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_no_command_passes_a_control_to_the_terminal(
    argv: tuple[str, ...],
    terminal: bool,
    typed_set: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(record_commands, "is_terminal", lambda: terminal)
    code, out, err = run(capsys, typed_set, *argv)
    assert code == 0, err
    assert "Traceback" not in err
    # Only what the output is made of stays: its lines and tabs (and the calendar's \r\n).
    structure = out.replace("\r\n", "\n") if argv[0] == "calendar" else out
    assert controls_in(structure, LINES) == set()
    assert controls_in(err, "\n") == set()
    assert "\\x1b" in out + err


@pytest.mark.parametrize("argv", [("actions", "demo"), ("issues", "demo")], ids=" ".join)
def test_a_table_on_a_terminal_shows_brackets_as_typed(
    argv: tuple[str, ...],
    typed_set: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rich reads `[/x]` in a cell as markup and raises MarkupError: each cell is text."""
    monkeypatch.setattr(record_commands, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "400")  # each cell on one line, to be found whole
    code, out, err = run(capsys, typed_set, *argv)
    assert code == 0, err
    assert "[/x] ends [bold]here\\x1b]0;pwned\\x07\\x00" in out
    assert "s: Heads [/x] ends" in out  # the title too


@pytest.mark.parametrize("argv", [("list",), ("actions", "demo"), ("issues", "demo")], ids=" ".join)
def test_piped_rows_stay_one_line_of_tab_separated_cells(
    argv: tuple[str, ...], typed_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, typed_set, *argv)
    rows = out.splitlines()
    assert rows and len({row.count("\t") for row in rows}) == 1
    assert all("\\x1b]0;pwned\\x07" in row for row in rows)


def test_minutes_written_with_output_hold_no_control(
    typed_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = typed_set.parent / "minutes.md"
    code, _, err = run(capsys, typed_set, "report", "demo", "--output", str(target))
    assert code == 0, err
    written = target.read_text(encoding="utf-8")
    assert controls_in(written, LINES) == set()
    assert "\\x1b]0;pwned\\x07" in written


def test_the_calendar_escapes_controls_within_its_own_escaping(
    typed_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """iCalendar TEXT holds no control but a tab; a newline is `\\n` and a backslash `\\\\`."""
    _, out, _ = run(capsys, typed_set, "calendar", "demo")
    unfolded = out.replace("\r\n ", "")
    name = next(line for line in unfolded.split("\r\n") if line.startswith("X-WR-CALNAME:"))
    assert name.startswith("X-WR-CALNAME:Heads [/x] ends [bold]here\\\\x1b]0\\;pwned\\\\x07")
    assert "\\n" in name and re.search(r"\\\\x0d", name)


def test_problems_and_errors_are_shown_escaped(
    typed_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check`'s problems, `list`'s damaged set and an error all name the sets folder, whose
    name holds an escape sequence."""
    actions = typed_set / "demo" / "actions.toml"
    actions.write_text(
        actions.read_text(encoding="utf-8").replace('status = "done"', 'status = "x"', 1),
        encoding="utf-8",
    )
    for argv, status in [(("check",), 1), (("list",), 1), (("actions", "demo"), 1)]:
        code, out, err = run(capsys, typed_set, *argv)
        assert code == status
        assert controls_in(out + err, LINES) == set()  # piped: tab-separated rows
        assert "sets \\x1b[2J\\x9b" in out + err, argv


def test_the_served_projector_prints_the_sets_name_escaped() -> None:
    from actionset.serve import address_lines

    (line,) = address_lines(f"Heads {TYPED}", 8110, None, None)
    assert controls_in(line, "") == set()
    assert line.startswith("The projector of Heads [/x] ends [bold]here\\x1b]0;pwned\\x07")
