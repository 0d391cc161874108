"""Between meetings: `new` with the set's first date, time and place; `run --date` and
`--template`; `issues`; members renamed and retired across every file and report; the set
screen's changes, read back from disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock
from textual.widgets import DataTable, Input, OptionList, Static

from actionset import cli
from actionset import store as disk
from actionset.app import ActionSetApp, home_app
from actionset.check import check_set
from actionset.model import IssueStatus
from actionset.screens.form import FormScreen
from actionset.screens.meeting import MeetingScreen
from actionset.screens.set_screen import SetScreen
from actionset.session import open_console


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTIONSET_SETS_DIR", raising=False)
    monkeypatch.delenv("ACTIONSET_TODAY", raising=False)


def run(capsys: pytest.CaptureFixture[str], sets_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def toml(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def no_problems(sets_dir: Path) -> None:
    assert check_set(disk.SetStore(sets_dir / "demo")).sorted_problems() == []


# ---------------------------------------------------------------------------- new, run


def test_new_takes_first_date_time_length_place_kind_and_template(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    members = [a for m in ("Ann", "Bo", "Cy", "Di") for a in ("--member", m)]
    code, _, err = run(
        capsys, sets_dir, "new", "East", *members, "--first-date", "2027-01-11", "--time",
        "14:00", "--hours", "2.5", "--place", "Room 4", "--kind", "vertical", "--template",
        "quick", "--facilitator", "Fay", "--cadence-weeks", "4",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = toml(sets_dir / "east" / "set.toml")
    assert data["first_date"] == dt.date(2027, 1, 11)
    assert (data["usual_time"], data["usual_hours"], data["usual_place"]) == (
        "14:00",
        2.5,
        "Room 4",
    )
    assert (data["kind"], data["agenda_template"], data["cadence_weeks"]) == (
        "vertical",
        "quick",
        4,
    )
    code, out, _ = run(capsys, sets_dir, "list")
    assert "east\tEast\t4\tnone\t2027-01-11\t\t0" in out.splitlines()
    code, out, _ = run(capsys, sets_dir, "calendar", "east", "--count", "2")
    assert "DTSTART:20270111T140000" in out and "DTEND:20270111T163000" in out
    assert "DTSTART:20270208T140000" in out and "LOCATION:Room 4" in out


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--time", "2pm", "usual_time"),
        ("--template", "nope", "no agenda template 'nope'"),
        ("--first-date", "11/01/2027", "--first-date"),
        ("--hours", "40", "usual_hours"),
    ],
)
def test_new_refuses_a_bad_setting_in_one_line(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, option: str, value: str, words: str
) -> None:
    members = [a for m in ("Ann", "Bo", "Cy", "Di") for a in ("--member", m)]
    code, out, err = run(capsys, sets_dir, "new", "East", *members, option, value)
    assert (code, out) == (2, "")
    assert words in err and len(err.strip().splitlines()) == 1
    assert not (sets_dir / "east").exists()


def test_run_date_opens_that_days_meeting_with_another_template(sets_dir: Path) -> None:
    store = disk.SetStore(sets_dir / "demo")
    folder = disk.SetsFolder(sets_dir)
    day = dt.date(2026, 11, 2)
    with open_console(store, folder, day, "quick") as session:
        assert session.meeting.date == day
        assert session.meeting.template == "quick"
        # the set's usual time and place, as the next-date rule has it for this date
        assert (session.meeting.time, session.meeting.place) == (
            "09:30",
            "Committee Room 2, Northfield Town Hall",
        )
    assert toml(store.meeting_path(day))["template"] == "quick"
    with pytest.raises(disk.StoreError, match="already planned from template 'quick'"):
        open_console(store, folder, day, "half-day")
    with pytest.raises(disk.StoreError, match="no agenda template 'nope'"):
        open_console(store, folder, dt.date(2026, 11, 3), "nope")
    args = cli.parse_arguments(["run", "demo", "--date", "2026-11-02", "--template", "quick"])
    assert (args.date, args.template) == ("2026-11-02", "quick")


def test_run_date_that_is_not_a_date_is_one_line(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, err = run(capsys, sets_dir, "run", "demo", "--date", "2 Nov")
    assert (code, out) == (2, "")
    assert "--date '2 Nov' is not a date" in err


# ---------------------------------------------------------------------------- issues


def test_issues_one_line_each_when_piped(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, _ = run(capsys, sets_dir, "issues", "demo")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 8 and all(len(row) == 6 for row in rows)
    rangers = next(row for row in rows if row[1].startswith("Friends groups"))
    assert rangers[0] == "Gareth Lewis" and rangers[2] == "resolved"
    assert rangers[3] == "2026-05-18"
    assert rangers[5] == "2026-08-10 joint agreement signed with the three friends groups"
    code, out, _ = run(capsys, sets_dir, "issues", "demo", "--member", "gareth lewis", "--open")
    rows = [line.split("\t") for line in out.splitlines()]
    assert [row[0] for row in rows] == ["Gareth Lewis"] * len(rows)
    assert all(row[2] in ("open", "worked") for row in rows)
    code, out, err = run(capsys, sets_dir, "issues", "demo", "--member", "Nobody")
    assert (code, out) == (2, "")
    assert "no member 'Nobody'" in err


def test_issues_name_the_actions_from_each_meeting(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    from actionset.model.issue_history import issue_history

    store = disk.SetStore(sets_dir / "demo")
    actions = store.load_actions()
    issue = next(i for i in store.load_issues() if any(a.issue == i.id for a in actions))
    history = issue_history(issue, actions)
    from_it = [a for a in actions if a.issue == issue.id]
    assert sum(len(w.actions) for w in history.worked) == len(from_it)
    _, out, _ = run(capsys, sets_dir, "issues", "demo")
    line = next(row for row in out.splitlines() if issue.title in row)
    assert "actions)" in line.split("\t")[4]


# ---------------------------------------------------------------------------- members over time


def test_a_renamed_member_is_renamed_in_every_file_and_report(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    from actionset.set_changes import rename_member

    store = disk.SetStore(sets_dir / "demo")
    rename_member(store, "Tom Reyes", "Tomás Reyes")
    no_problems(sets_dir)
    for path in (sets_dir / "demo").rglob("*"):
        if path.is_file() and path.suffix in (".toml", ".jsonl"):
            assert "Tom Reyes" not in path.read_text(encoding="utf-8"), path
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--all")
    assert code == 0
    assert "Tomás Reyes" in out and "Tom Reyes" not in out
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--format", "csv", "--all")
    assert "Tomás Reyes" in out and "Tom Reyes" not in out
    code, out, _ = run(capsys, sets_dir, "issues", "demo", "--member", "Tomás Reyes")
    assert out.count("Tomás Reyes") == 1


def test_a_retired_member_leaves_the_roster_but_not_the_record(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    from actionset.model.members import retire_member
    from actionset.set_changes import change_set

    store = disk.SetStore(sets_dir / "demo")
    change_set(store, lambda s: retire_member(s, "Sam Whitaker", dt.date(2026, 10, 1)))
    no_problems(sets_dir)
    sam = toml(sets_dir / "demo" / "set.toml")["members"][-1]  # type: ignore[index]
    assert sam == {
        "name": "Sam Whitaker",
        "organisation": "Northfield Borough Council",
        "role": "Head of Environmental Health",
        "retired": True,
        "left": dt.date(2026, 10, 1),
        "number": 6,  # the number he had: kept with his record, not reused at once
    }
    _, out, _ = run(capsys, sets_dir, "report", "demo", "--meeting", "2026-09-21")
    assert "Sam Whitaker" in out  # the meetings he belonged to still name him
    _, out, _ = run(capsys, sets_dir, "list")
    assert out.split("\t")[2] == "5"
    with open_console(store, disk.SetsFolder(sets_dir), TODAY) as session:
        assert "Sam Whitaker" not in [p.presenter for p in session.meeting.agenda]
        assert [m.name for m in session.the_set.members_at(TODAY)][-1] == "Mei Lin Chen"


# ---------------------------------------------------------------------------- the set screen


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return home_app(disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False)


async def fill(pilot: object, app: ActionSetApp, **values: str) -> None:
    form = app.screen
    assert isinstance(form, FormScreen)
    for key, value in values.items():
        form.query_one(f"#field-{key}", Input).value = value
    form.query_one(f"#field-{next(iter(values))}", Input).focus()


async def test_enter_opens_the_set_screen_with_the_next_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetScreen)
        shown = str(screen.query_one("#next", Static).render())
        assert "2026-11-02 (overdue) · 09:30 · Committee Room 2" in shown
        assert "facilitated by Ruth Adeyemi" in shown
        members = screen.query_one("#members", DataTable)
        assert members.row_count == 6
        assert [str(c) for c in members.get_row_at(0)[:2]] == ["1", "Priya Shah"]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)


async def test_the_set_screens_footer_shows_every_key_at_80_columns(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetScreen)
        row = app.screen._compositor.render_strips()[-1].text
        for key in ("r", "a", "e", "x", "s", "v", "p", "^q"):
            assert f" {key} " in f" {row}", (key, row)


async def test_each_set_screen_change_is_saved(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(sets_dir, fake_clock)
    set_toml = sets_dir / "demo" / "set.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetScreen)

        await pilot.press("a")
        await fill(pilot, app, name="Zara Ahmed")
        await pilot.press("enter")
        await pilot.pause()
        members = toml(set_toml)["members"]
        assert members[-1] == {  # type: ignore[index]
            "name": "Zara Ahmed",
            "retired": False,
            "joined": TODAY,
            "number": 7,
        }
        assert [m["number"] for m in members] == [1, 2, 3, 4, 5, 6, 7]  # type: ignore[attr-defined]

        await pilot.press("down")  # Tom Reyes
        await pilot.press("e")
        await fill(pilot, app, name="Tomás Reyes")
        await pilot.press("enter")
        await pilot.pause()
        assert toml(set_toml)["members"][1]["name"] == "Tomás Reyes"  # type: ignore[index]
        assert toml(set_toml)["members"][1]["number"] == 2  # type: ignore[index]  # kept
        assert "Tom Reyes" not in (sets_dir / "demo" / "actions.toml").read_text(encoding="utf-8")

        await pilot.press("x")
        await fill(pilot, app, left="2026-11-21")
        await pilot.press("enter")
        await pilot.pause()
        tomas = toml(set_toml)["members"][1]  # type: ignore[index]
        assert (tomas["retired"], tomas["left"]) == (True, TODAY)

        await pilot.press("s")
        await fill(
            pilot, app, cadence_weeks="4", kind="vertical", facilitator="Priya Shah",
            agenda_template="quick", usual_time="13:30", usual_place="Annexe",
            codebook_mode="extend",
        )  # fmt: skip
        await pilot.press("enter")
        await pilot.pause()
        data = toml(set_toml)
        assert (data["cadence_weeks"], data["kind"], data["facilitator"]) == (
            4,
            "vertical",
            "Priya Shah",
        )
        assert (data["agenda_template"], data["usual_time"], data["usual_place"]) == (
            "quick",
            "13:30",
            "Annexe",
        )
        assert "codebook_mode" not in data
        assert "2026-10-19 (overdue) · 13:30 · Annexe" in str(
            screen.query_one("#next", Static).render()
        )

        issues = screen.query_one("#issues", DataTable)
        issues.focus()
        issue_id = str(issues.coordinate_to_cell_key(issues.cursor_coordinate).row_key.value)
        await pilot.press("v")
        await fill(pilot, app, note="settled with the union")
        await pilot.press("enter")
        await pilot.pause()
        stored = {i.id: i for i in disk.SetStore(sets_dir / "demo").load_issues()}
        assert stored[issue_id].status is IssueStatus.resolved
        assert stored[issue_id].history[-1].note == "settled with the union"
        assert stored[issue_id].history[-1].meeting == TODAY

        issue_id = str(issues.coordinate_to_cell_key(issues.cursor_coordinate).row_key.value)
        await pilot.press("p")
        await fill(pilot, app, note="after the restructure")
        await pilot.press("enter")
        await pilot.pause()
        stored = {i.id: i for i in disk.SetStore(sets_dir / "demo").load_issues()}
        assert stored[issue_id].status is IssueStatus.parked
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.query_one(OptionList), OptionList)
    no_problems(sets_dir)


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"cadence_weeks": "0"}, "cadence_weeks"),
        ({"usual_time": "half nine"}, "usual_time"),
        ({"codebook_mode": "replace"}, "codebook_mode"),
        ({"kind": "diagonal"}, "kind"),
        ({"facilitator": "Zed"}, "'Zed' is not a member nor named in facilitators"),
    ],
)
async def test_a_setting_that_check_would_refuse_is_not_saved(
    sets_dir: Path, fake_clock: FakeClock, values: dict[str, str], words: str
) -> None:
    set_toml = sets_dir / "demo" / "set.toml"
    before = set_toml.read_bytes()
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "s")
        await fill(pilot, app, **values)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)  # the form stays, with the reason
        assert words in str(form.query_one("#error", Static).render())
    assert set_toml.read_bytes() == before


async def test_a_rename_to_another_members_name_is_refused(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "e")
        await fill(pilot, app, name="tom reyes")
        await pilot.press("enter")
        await pilot.pause()
        assert "already a member" in str(app.screen.query_one("#error", Static).render())
    assert toml(sets_dir / "demo" / "set.toml")["members"][0]["name"] == "Priya Shah"  # type: ignore[index]


async def test_the_settings_change_the_ground_rules_one_line_each(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    set_toml = sets_dir / "demo" / "set.toml"
    rules = disk.SetStore(sets_dir / "demo").load_set().ground_rules
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        form = app.screen
        assert isinstance(form, FormScreen)
        spare = len(rules) + 1
        shown = [form.query_one(f"#field-ground_rule_{n}", Input).value for n in (1, 2, spare)]
        assert shown == [rules[0], rules[1], ""], "a rule with a ; in it is one rule"
        await fill(pilot, app, ground_rule_1="", **{f"ground_rule_{spare}": "Phones away"})
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert toml(set_toml)["ground_rules"] == [*rules[1:], "Phones away"]


async def test_an_adviser_named_in_the_settings_may_facilitate(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "s")
        await fill(pilot, app, facilitator="Zed Amos", facilitators="Zed Amos, zed amos, Ann")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    data = toml(sets_dir / "demo" / "set.toml")
    assert (data["facilitator"], data["facilitators"]) == ("Zed Amos", ["Zed Amos", "Ann"])
    no_problems(sets_dir)
