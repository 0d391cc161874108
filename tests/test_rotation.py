"""A set its members facilitate in turn: the rotation in set.toml, the close's proposal (the
next in turn who was here and is not to present next) and `f`'s round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock
from panel_harness import PanelHarness
from pydantic import ValidationError

from actionset import store as disk
from actionset.model import Member, Set
from actionset.model.meeting import Attendance, Bid, Meeting, PhaseKind
from actionset.model.record import next_in_turn, next_meeting_default
from actionset.model.rotation import after, rotation_of, the_round
from actionset.widgets.panels.close import ClosePanel

FIVE = ["Olu Bankole", "Raj Mehta", "Sian Price", "Tariq Aziz", "Uma Rao"]


def five(**kw: object) -> Set:
    return Set(name="Peers", members=[Member(name=name) for name in FIVE], **kw)


def test_the_rotation_is_the_members_or_the_names_set_toml_gives() -> None:
    assert rotation_of(five()) == []
    assert rotation_of(five(rotation="members")) == FIVE
    named = five(rotation=["uma rao", "Olu Bankole", "Ann Field"], facilitators=["Ann Field"])
    assert rotation_of(named) == ["Uma Rao", "Olu Bankole", "Ann Field"]
    named.members[0].retired = True
    assert rotation_of(named) == ["Uma Rao", "Ann Field"]  # who left the set takes no turn


def test_a_rotation_names_only_members_and_the_sets_advisers() -> None:
    with pytest.raises(ValidationError, match="'Zed' is not a member nor named in `facilitators`"):
        five(rotation=["Olu Bankole", "Zed"])


def test_f_goes_round_everyone_once_even_when_the_facilitator_is_a_member() -> None:
    """The round was [facilitator, *members]: a facilitator who is a member came twice."""
    the_set = five(facilitator="Raj Mehta")
    turn = the_round(the_set)
    assert turn == ["Raj Mehta", "Olu Bankole", "Sian Price", "Tariq Aziz", "Uma Rao"]
    name, seen = "Raj Mehta", []
    for _ in turn:
        name = after(turn, name)
        seen.append(name)
    assert seen == [*turn[1:], "Raj Mehta"]


def meeting(facilitator: str, **kw: object) -> Meeting:
    return Meeting(date=TODAY, facilitator=facilitator, **kw)


def test_the_close_proposes_the_next_in_turn_who_was_here() -> None:
    the_set = five(rotation="members", cadence_weeks=4)
    assert next_in_turn(meeting("Olu Bankole"), the_set) == "Raj Mehta"
    assert next_in_turn(meeting("Uma Rao"), the_set) == "Olu Bankole"  # back round
    away = Attendance(present=["Olu Bankole", "Sian Price", "Tariq Aziz"], apologies=["Raj Mehta"])
    assert next_in_turn(meeting("Olu Bankole", attendance=away), the_set) == "Sian Price"
    proposal = next_meeting_default(meeting("Olu Bankole", attendance=away), the_set)
    assert proposal.facilitator == "Sian Price"
    assert proposal.date == TODAY + dt.timedelta(weeks=4)


def test_the_close_skips_whoever_is_to_present_next() -> None:
    """A member who bid for time today and did not get it presents next: not facilitating."""
    the_set = five(rotation="members")
    bids = [Bid(member="Raj Mehta"), Bid(member="Sian Price", passes=True)]
    assert next_in_turn(meeting("Olu Bankole", bids=bids), the_set) == "Sian Price"


def test_without_a_rotation_the_same_facilitator_is_proposed() -> None:
    assert next_in_turn(meeting(""), five(facilitator="Ann Field")) == "Ann Field"
    assert next_in_turn(meeting("Tariq Aziz"), five(facilitator="Ann Field")) == "Tariq Aziz"


@pytest.fixture
def peers_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sets"
    disk.SetsFolder(folder).create(five(rotation="members", facilitator="Olu Bankole"))
    return folder


def on_disk(folder: Path) -> Meeting:
    found = disk.SetStore(folder / "peers").load_meeting(TODAY)
    assert found is not None
    return found


async def test_f_moves_along_the_whole_rotation_and_only_c_confirms(
    peers_dir: Path, fake_clock: FakeClock
) -> None:
    app = PanelHarness(peers_dir, ClosePanel, PhaseKind.close, fake_clock, slug="peers")
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.panel
        assert panel.proposed.facilitator == "Raj Mehta"  # next in turn after Olu
        chosen = []
        for _ in FIVE:
            await pilot.press("f")
            chosen.append(panel.proposed.facilitator)
            assert on_disk(peers_dir).next_meeting is None  # f confirms nothing
        assert chosen == ["Sian Price", "Tariq Aziz", "Uma Rao", "Olu Bankole", "Raj Mehta"]
        await pilot.press("f", "c")
        confirmed = on_disk(peers_dir).next_meeting
        assert confirmed is not None and confirmed.facilitator == "Sian Price"
        await pilot.press("f")  # once confirmed, f changes who facilitates, the date stays
        confirmed = on_disk(peers_dir).next_meeting
        assert confirmed is not None and confirmed.facilitator == "Tariq Aziz"


def test_check_takes_an_adviser_named_in_facilitators_as_a_meetings_facilitator(
    peers_dir: Path,
) -> None:
    from actionset.check import check_set

    store = disk.SetStore(peers_dir / "peers")
    the_set = store.load_set()
    store.save_meeting(meeting("Ann Field"))
    assert any("Ann Field" in str(p) for p in check_set(store, cache=False).problems)
    the_set.facilitators = ["Ann Field"]
    store.save_set(the_set)
    assert check_set(store, cache=False).problems == []


# ---------------------------------------------------------------------------- who facilitated when


def held(folder: Path, facilitator: str, date: dt.date = TODAY) -> None:
    store = disk.SetStore(folder / "peers")
    store.save_meeting(Meeting(date=date, facilitator=facilitator, closed=True))


def test_the_calendar_names_the_next_in_turn_then_in_turn(
    capsys: pytest.CaptureFixture[str], peers_dir: Path
) -> None:
    """It named the set's facilitator at every date after the rotation had moved."""
    from actionset import cli

    held(peers_dir, "Sian Price")
    capsys.readouterr()
    argv = ["calendar", "peers", "--count", "3", "--sets-dir", str(peers_dir)]
    assert cli.main([*argv, "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out.replace("\r\n ", "")
    said = [line for line in text.splitlines() if line.startswith("DESCRIPTION")]
    assert "Facilitator: Tariq Aziz." in said[0]
    assert all("Facilitator: in turn." in line for line in said[1:])


async def test_the_set_screen_says_who_facilitated_when_and_who_is_next(
    peers_dir: Path, fake_clock: FakeClock
) -> None:
    from textual.widgets import DataTable, Static

    from actionset.app import home_app

    held(peers_dir, "Raj Mehta", TODAY - dt.timedelta(weeks=6))
    held(peers_dir, "Sian Price")
    app = home_app(disk.SetsFolder(peers_dir), today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        past = str(app.screen.query_one("#past", Static).render())
        assert "· facilitated by Sian Price" in past.splitlines()[0]
        assert "· facilitated by Raj Mehta" in past
        assert "facilitated by Tariq Aziz" in str(app.screen.query_one("#next", Static).render())
        table = app.screen.query_one("#members", DataTable)
        assert "facilitates next" in str(table.get_row("Tariq Aziz")[2])
        assert "facilitates" not in str(table.get_row("Olu Bankole")[2])  # the set's own
