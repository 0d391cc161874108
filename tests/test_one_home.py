"""Each rule the commands and the console share has one home, and every user of it agrees:
the options taken anywhere, the next meeting's date, a valid journal event, a code found by
its key, and the keys a set's codes may not take."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FakeClock
from textual.keys import key_to_character
from textual.widgets import OptionList

from actionset import cli
from actionset import store as disk
from actionset.app import console_app, home_app
from actionset.model.contributions import Tagger, replay
from actionset.model.journal import JournalFault, event_id, journal_faults
from actionset.model.meeting import Meeting, NextMeeting
from actionset.model.schedule import NextDate, meetings_ahead, next_meeting
from actionset.model.set import RESERVED_KEYS, Set
from actionset.screens.console_keys import console_bindings
from actionset.screens.contributions import ContributionsScreen
from actionset.screens.meeting import MeetingScreen

DEMO = Path(__file__).parent.parent / "sets" / "demo"
LAST_DEMO_MEETING = dt.date(2026, 9, 21)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTIONSET_SETS_DIR", raising=False)
    monkeypatch.delenv("ACTIONSET_TODAY", raising=False)


def run(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, today: str, *argv: str
) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", today])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------- options anywhere


@pytest.mark.parametrize(
    "argv",
    [
        ["--sets-dir", "A", "--today", "2026-01-02", "list"],
        ["list", "--sets-dir", "A", "--today", "2026-01-02"],
        ["--sets-dir=A", "list", "--today=2026-01-02"],
        [
            "--sets-dir",
            "B",
            "--today",
            "2025-01-01",
            "list",
            "--sets-dir",
            "A",
            "--today",
            "2026-01-02",
        ],
    ],
)
def test_the_sets_folder_and_today_may_come_before_or_after_the_command(argv: list[str]) -> None:
    args = cli.parse_arguments(argv)
    assert (args.command, args.sets_dir, args.today) == ("list", "A", "2026-01-02")


def test_options_given_nowhere_read_as_none() -> None:
    args = cli.parse_arguments(["report", "demo"])
    assert (args.sets_dir, args.today, args.theme) == (None, None, None)
    assert cli.parse_arguments([]).command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--theme", "nord", "run", "demo"],
        ["run", "demo", "--theme", "nord"],
        ["project", "--theme", "nord", "demo"],
        ["--theme", "nord"],
    ],
)
def test_the_theme_comes_before_any_command_or_after_one_that_opens_a_window(
    argv: list[str],
) -> None:
    assert cli.parse_arguments(argv).theme == "nord"


def test_a_command_without_a_window_takes_no_theme(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse_arguments(["list", "--theme", "nord"])
    assert "unrecognized arguments: --theme nord" in capsys.readouterr().err


# ---------------------------------------------------------------------------- the next meeting


def a_set(cadence: int = 6) -> Set:
    return Set(name="North", cadence_weeks=cadence)


def test_next_meeting_is_the_latest_plus_the_cadence_even_when_past() -> None:
    dates = [dt.date(2026, 5, 18), dt.date(2026, 6, 29)]
    assert next_meeting(a_set(), []) is None
    assert next_meeting(a_set(), dates) == NextDate(dt.date(2026, 8, 10))
    assert next_meeting(a_set(2), dates) == NextDate(dt.date(2026, 7, 13))


def test_the_date_confirmed_at_the_close_comes_first() -> None:
    dates = [dt.date(2026, 5, 18), dt.date(2026, 6, 29)]
    latest = Meeting(
        date=dt.date(2026, 6, 29),
        next_meeting=NextMeeting(date=dt.date(2026, 8, 3), time="14:00", facilitator="Bo"),
    )
    confirmed = next_meeting(a_set(), dates, latest)
    assert confirmed == NextDate(dt.date(2026, 8, 3), "14:00", "", "Bo", confirmed=True)
    # an older meeting's confirmation says nothing about the latest one's next
    older = latest.model_copy(update={"date": dt.date(2026, 5, 18)})
    assert next_meeting(a_set(), dates, older) == NextDate(dt.date(2026, 8, 10))


def test_a_set_that_has_not_met_meets_on_its_first_date() -> None:
    the_set = Set(
        name="North", first_date=dt.date(2027, 1, 11), usual_time="09:30", usual_place="Hall"
    )
    assert next_meeting(the_set, []) == NextDate(dt.date(2027, 1, 11), "09:30", "Hall")
    # once it has met, the cadence takes over
    assert next_meeting(the_set, [dt.date(2027, 1, 11)]) == NextDate(
        dt.date(2027, 2, 22), "09:30", "Hall"
    )


def test_overdue_once_the_date_has_passed() -> None:
    following = NextDate(dt.date(2026, 11, 2))
    assert not following.overdue(dt.date(2026, 11, 2))
    assert following.overdue(dt.date(2026, 11, 3))
    assert following.label(dt.date(2026, 11, 21)) == "2026-11-02 (overdue)"
    assert following.label(dt.date(2026, 11, 1)) == "2026-11-02"


def test_the_meetings_ahead_start_with_the_next_meeting_even_when_overdue() -> None:
    first = NextDate(dt.date(2026, 8, 10), "10:00", "Hall", "Bo", confirmed=True)
    ahead = meetings_ahead(first, a_set(), 3)
    assert [m.date for m in ahead] == [
        dt.date(2026, 8, 10),
        dt.date(2026, 9, 21),
        dt.date(2026, 11, 2),
    ]
    assert ahead[0] is first
    assert meetings_ahead(None, a_set(), 3) == []


def list_next_meeting(capsys: pytest.CaptureFixture[str], sets_dir: Path, today: str) -> str:
    code, out, err = run(capsys, sets_dir, today, "list")
    assert (code, err) == (0, "")
    [row] = [line.split("\t") for line in out.splitlines() if line.startswith("demo\t")]
    return row[4] + (f" ({row[5]})" if row[5] else "")


def calendar_dates(capsys: pytest.CaptureFixture[str], sets_dir: Path, today: str) -> list[dt.date]:
    code, out, _ = run(capsys, sets_dir, today, "calendar", "demo")
    assert code == 0
    return [
        dt.datetime.strptime(line[8:16], "%Y%m%d").date()
        for line in out.splitlines()
        if line.startswith("DTSTART:")
    ]


async def home_next_meeting(sets_dir: Path, today: dt.date, clock: FakeClock) -> str:
    app = home_app(disk.SetsFolder(sets_dir), today=today, now=clock, remember_theme=False)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
    return shown.split(" next ", 1)[1].split(" · ", 1)[0]


@pytest.mark.parametrize("cadence", [6, 3])
async def test_list_home_and_calendar_agree_on_the_next_meeting(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, fake_clock: FakeClock, cadence: int
) -> None:
    path = sets_dir / "demo" / "set.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("cadence_weeks = 6\n", f"cadence_weeks = {cadence}\n"), encoding="utf-8"
    )
    expected = LAST_DEMO_MEETING + dt.timedelta(weeks=cadence)
    before = expected - dt.timedelta(days=1)
    assert list_next_meeting(capsys, sets_dir, before.isoformat()) == expected.isoformat()
    assert await home_next_meeting(sets_dir, before, fake_clock) == expected.isoformat()
    assert calendar_dates(capsys, sets_dir, before.isoformat())[0] == expected

    # Overdue: list, home and the calendar still name it, marked overdue where people read it.
    later = expected + dt.timedelta(days=1)
    overdue = f"{expected.isoformat()} (overdue)"
    assert list_next_meeting(capsys, sets_dir, later.isoformat()) == overdue
    assert await home_next_meeting(sets_dir, later, fake_clock) == overdue
    assert calendar_dates(capsys, sets_dir, later.isoformat())[0] == expected


# ---------------------------------------------------------------------------- journal events


def test_an_event_id_is_a_whole_number_and_true_is_none() -> None:
    assert event_id({"id": 7}) == 7
    assert event_id({"id": True}) is None
    assert event_id({"id": "7"}) is None
    assert event_id({}) is None


def test_journal_faults_name_the_line_and_field() -> None:
    tag = {
        "op": "tag",
        "id": 1,
        "at": "2026-09-21T10:00:00+01:00",
        "member": "Tom Reyes",
        "code": "open-question",
    }
    events = [
        (1, tag),
        (2, {"op": "shout", "id": 2}),
        (3, {"op": "tag", "id": True}),
        (4, {"op": "recode", "id": 9, "code": "advice"}),
        (5, {**tag, "id": 2, "at": "soon", "member": "Zed", "code": "x"}),
    ]
    assert journal_faults(events, people={"tom reyes"}, codes={"open-question", "advice"}) == [
        JournalFault(2, "op", "unknown operation 'shout'"),
        JournalFault(3, "id", "the contribution id must be a number"),
        JournalFault(4, "id", "no contribution 9 tagged before"),
        JournalFault(5, "at", "not an ISO date and time"),
        JournalFault(5, "member", "'Zed' is not a member or the facilitator"),
        JournalFault(5, "code", "'x' is not in the set's codebook (advice, open-question)"),
    ]
    # Without the set, members and codes are not checked.
    assert [f.field for f in journal_faults(events)] == ["op", "id", "id", "at"]


BAD_ID = {
    "op": "tag",
    "id": True,
    "at": "2026-09-21T11:59:00+01:00",
    "phase": "Probe",
    "presenter": "Gareth Lewis",
    "member": "Tom Reyes",
    "code": "open-question",
    "note": "id true",
}


def test_an_event_check_refuses_is_left_out_of_every_reading(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """`"id": true` was read as contribution 1 by report while check refused it."""
    journal = sets_dir / "demo" / "meetings" / "2026-09-21.tags.jsonl"
    _, markdown, _ = run(capsys, sets_dir, "2026-11-21", "report", "demo")
    _, table, _ = run(capsys, sets_dir, "2026-11-21", "report", "demo", "--format", "csv")
    lines = journal.read_text(encoding="utf-8").count("\n")
    with journal.open("a", encoding="utf-8") as f:
        f.write(json.dumps(BAD_ID) + "\n")

    code, out, _ = run(capsys, sets_dir, "2026-11-21", "check", "demo")
    assert code == 1
    assert out.splitlines() == [f"{journal}:{lines + 1}: id: the contribution id must be a number"]
    assert run(capsys, sets_dir, "2026-11-21", "report", "demo")[1] == markdown
    assert run(capsys, sets_dir, "2026-11-21", "report", "demo", "--format", "csv")[1] == table
    events = disk.read_journal(journal).events
    assert replay(events) == replay(events[:-1])
    assert Tagger(events).next_id == Tagger(events[:-1]).next_id


def test_check_uses_the_one_journal_rule(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    journal = sets_dir / "demo" / "meetings" / "2026-09-21.tags.jsonl"
    the_set = disk.SetStore(sets_dir / "demo").load_set()
    with journal.open("a", encoding="utf-8") as f:
        f.write('{"op": "recode", "id": 999, "code": "advice"}\n{"op": "nod", "id": 1}\n')
    numbered = [
        (n, json.loads(line))
        for n, line in enumerate(journal.read_text(encoding="utf-8").splitlines(), start=1)
    ]
    people = {m.name.casefold() for m in the_set.members} | {the_set.facilitator.casefold()}
    codes = {"open-question", "closed-question", "leading-question", "advice", "statement"}
    faults = journal_faults(numbered, people=people, codes=codes)
    assert len(faults) == 2
    _, out, _ = run(capsys, sets_dir, "2026-11-21", "check", "demo")
    assert out.splitlines() == [f"{journal}:{f.line}: {f.field}: {f.message}" for f in faults]


# ---------------------------------------------------------------------------- keys


def test_reserved_keys_are_the_consoles_own() -> None:
    """A code may not take a key the console or its contributions list binds."""
    # Textual names "+" "plus": the public key_to_character gives no character for it
    named = {"plus": "+", "minus": "-", "space": " "}
    bound = set()
    from actionset.screens.console_voice import VOICE_BINDINGS

    keys = [*console_bindings(()), *VOICE_BINDINGS, *ContributionsScreen.BINDINGS]  # no codes
    for binding in keys:
        for key in binding.key.split(","):  # type: ignore[union-attr]
            character = named.get(key.strip()) or key_to_character(key.strip())
            if character is not None and character.isprintable():
                bound.add(character)
    # a capital is no code's (`Code.key`): the members' voice has them
    assert {c for c in bound if not c.isupper()} == RESERVED_KEYS


async def test_the_contributions_list_recodes_by_the_sets_own_key(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    path = new_set_dir / "demo" / "set.toml"
    with path.open("a", encoding="utf-8") as f:
        f.write('\n[[codebook]]\nkey = "f"\nname = "reflective-question"\ncounts_as = "question"\n')
    store = disk.SetStore(new_set_dir / "demo")
    app = console_app(
        store,
        disk.SetsFolder(new_set_dir),
        today=dt.date(2026, 11, 21),
        now=fake_clock,
        remember_theme=False,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "1", "a", "g")
        assert isinstance(app.screen, ContributionsScreen)
        await pilot.press("f", "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert [c.code for c in app.screen.tags.contributions] == ["reflective-question"]
        await pilot.press("ctrl+q")
    journal = new_set_dir / "demo" / "meetings" / "2026-11-21.tags.jsonl"
    events = disk.read_journal(journal).events
    assert events[-1] == {"op": "recode", "id": 1, "code": "reflective-question"}


def test_a_journal_written_with_keys_reads_as_code_names(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """The minutes counted a key as a statement, and a member written in other letters as
    someone else, where the pane and the CSV did not."""
    journal = sets_dir / "demo" / "meetings" / "2026-09-21.tags.jsonl"
    tags = [
        {**BAD_ID, "id": 1, "code": "a", "note": ""},
        {**BAD_ID, "id": 2, "code": "q", "member": "tom reyes", "note": ""},
    ]
    journal.write_text("".join(json.dumps(tag) + "\n" for tag in tags), encoding="utf-8")
    _, out, _ = run(capsys, sets_dir, "2026-11-21", "report", "demo", "--format", "csv")
    assert [row[5] for row in csv.reader(io.StringIO(out))] == ["kind", "advice", "open-question"]
    _, out, _ = run(capsys, sets_dir, "2026-11-21", "report", "demo")
    assert "| Tom Reyes | 1 | 1 | 0 | 2 |" in out
    assert "| **All** | 1 | 1 | 0 | 2 |" in out
    assert "| tom reyes |" not in out


# ---------------------------------------------------------------------------- hygiene


def test_the_commands_modules_do_not_import_textual() -> None:
    code = textwrap.dedent("""
        import sys
        import actionset.check, actionset.overview
        import actionset.export.calendar, actionset.export.contributions
        import actionset.export.minutes, actionset.model.journal, actionset.model.schedule
        assert "textual" not in sys.modules, sorted(m for m in sys.modules if "textual" in m)
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
