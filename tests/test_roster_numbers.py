"""Roster numbers stay with their members: a member who leaves moves no one else's number, a
member who joins does not take the number of one the room still knows, and the console's
keys, tag pane and check-in all name each member by their own number."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock
from panel_harness import PanelHarness
from textual.widgets import Static

from actionset import cli
from actionset import store as disk
from actionset.app import console_app
from actionset.model import Member, Set
from actionset.model.meeting import Attendance, AttendanceState, PhaseKind
from actionset.model.members import add_member, keyed_roster, retire_member, roster_numbers
from actionset.set_changes import change_set, rename_member
from actionset.widgets.panels.check_in import CheckInPanel
from actionset.widgets.roster_table import RosterTable
from actionset.widgets.tag_pane import TagPane

FOUR = ["Ann", "Bo", "Cy", "Di"]
LEFT = dt.date(2026, 10, 1)


def four() -> Set:
    return Set(name="Four", facilitator="Fay", members=[Member(name=n) for n in FOUR])


def numbers(the_set: Set, date: dt.date | None = None) -> dict[int, str]:
    return {n: m.name for n, m in roster_numbers(the_set, date)}


@pytest.fixture
def four_dir(tmp_path: Path) -> Path:
    """A sets folder with the set `four` (Ann, Bo, Cy, Di, no numbers written), Bo retired."""
    folder = tmp_path / "sets"
    disk.SetsFolder(folder).create(four())
    change_set(disk.SetStore(folder / "four"), lambda s: retire_member(s, "Bo", TODAY))
    return folder


def test_a_set_without_numbers_numbers_its_members_as_listed() -> None:
    assert numbers(four()) == {1: "Ann", 2: "Bo", 3: "Cy", 4: "Di"}


def test_retiring_member_2_of_4_keeps_3_and_4() -> None:
    the_set = retire_member(four(), "Bo", LEFT)
    assert numbers(the_set) == {1: "Ann", 3: "Cy", 4: "Di"}
    assert keyed_roster(the_set) == {1: "Ann", 3: "Cy", 4: "Di"}
    # A meeting he belonged to still numbers him as he was.
    assert numbers(the_set, LEFT - dt.timedelta(days=1)) == dict(enumerate(FOUR, start=1))
    assert [m.number for m in the_set.members] == [1, 2, 3, 4]


def test_a_joining_member_does_not_take_a_number_the_room_still_knows() -> None:
    retired = retire_member(four(), "Bo", LEFT)
    # Bo left after the latest meeting: he was there, so 2 is not given at once.
    joined = add_member(retired, "Ed", LEFT, latest=LEFT - dt.timedelta(weeks=6))
    assert numbers(joined) == {1: "Ann", 3: "Cy", 4: "Di", 5: "Ed"}
    # Leaving on the latest meeting's day is leaving at it: still not reused.
    assert add_member(retired, "Ed", LEFT, latest=LEFT).member("Ed").number == 5  # type: ignore[union-attr]
    # Once the set has met without him, his number is free again.
    later = add_member(retired, "Ed", LEFT, latest=LEFT + dt.timedelta(weeks=6))
    assert numbers(later) == {1: "Ann", 2: "Ed", 3: "Cy", 4: "Di"}
    # A set that has not met gives the lowest free number.
    assert add_member(retired, "Ed", LEFT, latest=None).member("Ed").number == 2  # type: ignore[union-attr]


def test_a_member_who_comes_back_takes_their_number_if_it_is_free() -> None:
    retired = retire_member(four(), "Bo", LEFT)
    back = add_member(retired, "Bo", LEFT, latest=LEFT)
    assert numbers(back) == {1: "Ann", 2: "Bo", 3: "Cy", 4: "Di"}


def test_renaming_keeps_the_number(four_dir: Path) -> None:
    store = disk.SetStore(four_dir / "four")
    rename_member(store, "Cy", "Cyrus")
    assert numbers(store.load_set()) == {1: "Ann", 3: "Cyrus", 4: "Di"}


def check(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, str]:
    code = cli.main(["check", "four", "--sets-dir", str(sets_dir), "--today", str(TODAY)])
    return code, capsys.readouterr().out


def test_check_refuses_two_current_members_on_one_number_or_a_number_past_9(
    capsys: pytest.CaptureFixture[str], four_dir: Path
) -> None:
    path = four_dir / "four" / "set.toml"
    text = path.read_text(encoding="utf-8")
    assert check(capsys, four_dir)[0] == 0
    # Bo (retired) still holds 2: a current member may hold it too.
    path.write_text(text.replace("number = 3", "number = 2"), encoding="utf-8")
    assert check(capsys, four_dir)[0] == 0
    path.write_text(text.replace("number = 4", "number = 3"), encoding="utf-8")
    code, out = check(capsys, four_dir)
    assert code == 1
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t == "number = 4")
    assert re.search(rf"set\.toml:{line}: members\.3\.number: .*number 3 is already", out), out
    path.write_text(text.replace("number = 4", "number = 10"), encoding="utf-8")
    code, out = check(capsys, four_dir)
    assert code == 1
    assert re.search(rf"set\.toml:{line}: members\.3\.number: .*9", out), out


def test_set_toml_of_a_set_never_changed_stays_without_numbers(four_dir: Path) -> None:
    tmp = four_dir.parent / "other"
    disk.SetsFolder(tmp).create(four())
    assert "number" not in (tmp / "four" / "set.toml").read_text(encoding="utf-8")
    data = tomllib.loads((four_dir / "four" / "set.toml").read_text(encoding="utf-8"))
    assert [m["number"] for m in data["members"]] == [1, 2, 3, 4]


async def test_the_console_tags_and_shows_each_member_on_their_own_number(
    four_dir: Path, fake_clock: FakeClock
) -> None:
    store = disk.SetStore(four_dir / "four")
    app = console_app(
        store, disk.SetsFolder(four_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "3", "q", "4", "a")
        pane = app.screen.query_one(TagPane)
        table = pane.query_one(RosterTable)
        rows = [[c.plain.strip() for c in row[:2]] for row in table.rows]
        assert rows == [["1", "Ann"], ["3", "Cy"], ["4", "Di"]]
        await pilot.press("2")  # Bo's number: nobody holds it now
        await pilot.pause()
        assert any(
            n.message == "Keys held: no member has number 2. esc resumes."
            for n in app._notifications
        )
        await pilot.press("escape", "q")  # the refused number leaves nobody to tag
        await pilot.press("ctrl+q")
    events = store.read_journal(TODAY).events
    assert [(e["member"], e["code"]) for e in events if e["op"] == "tag"] == [
        ("Cy", "open-question"),
        ("Di", "advice"),
    ]


async def test_the_check_in_calls_each_member_by_their_own_number(
    four_dir: Path, fake_clock: FakeClock
) -> None:
    app = PanelHarness(four_dir, CheckInPanel, PhaseKind.check_in, fake_clock, slug="four")
    async with app.run_test(size=(120, 40)) as pilot:
        roll = str(app.panel.query_one("#roll", Static).render())
        assert [line.split()[0] for line in roll.splitlines()] == ["1", "3", "4"]
        assert "Cy" in roll.splitlines()[1]
        await pilot.press("3")
        meeting = app.session.meeting
        assert meeting.attendance.state_of("Cy") is AttendanceState.apologies
        await pilot.press("2")  # nobody: nothing changes
        await pilot.press("4", "4")
        assert meeting.attendance.state_of("Di") is AttendanceState.absent
    saved = store_meeting(four_dir)
    assert (saved.apologies, saved.absent) == (["Cy"], ["Di"])
    assert saved.present == ["Ann"]


def store_meeting(sets_dir: Path) -> Attendance:
    meeting = disk.SetStore(sets_dir / "four").load_meeting(TODAY)
    assert meeting is not None
    return meeting.attendance
