"""Equal time fills the booked hours (`usual_hours`), with a break when the meeting is longer
than two hours, and records its presenters from the roll from the start."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY

from actionset import store as disk
from actionset.model import Member, Set
from actionset.model.meeting import Meeting, PhaseKind
from actionset.model.record import actions_by_presenter, capture_action
from actionset.session import open_meeting

FIVE = ["Olu Bankole", "Raj Mehta", "Sian Price", "Tariq Aziz", "Uma Rao"]


def planned(tmp_path: Path, members: list[str], hours: float | None) -> tuple[Set, Meeting]:
    folder = tmp_path / "sets"
    the_set = Set(
        name="Peers",
        agenda_template="equal-time",
        usual_hours=hours,
        members=[Member(name=name) for name in members],
    )
    disk.SetsFolder(folder).create(the_set)
    store = disk.SetStore(folder / "peers")
    return the_set, open_meeting(store, disk.SetsFolder(folder), TODAY, the_set=the_set)


def slot_minutes(meeting: Meeting) -> dict[str, int]:
    minutes: dict[str, int] = {}
    for phase in meeting.agenda:
        if phase.presenter:
            minutes[phase.presenter] = minutes.get(phase.presenter, 0) + phase.planned_minutes
    return minutes


def test_three_booked_hours_are_planned_with_a_break_and_equal_slots(tmp_path: Path) -> None:
    """It planned 2 h 35 for five members: the template's 22 minutes a slot."""
    _, meeting = planned(tmp_path, FIVE, None)  # unset: three hours
    # (a first meeting: the report-back's minutes went to the questioning, `allotted`)
    assert sum(p.allotted for p in meeting.agenda) == 180 * 60
    breaks = [i for i, p in enumerate(meeting.agenda) if p.kind is PhaseKind.break_]
    assert len(breaks) == 1
    assert meeting.agenda[breaks[0] - 1].presenter == "Sian Price"  # halfway: after three
    assert meeting.agenda[breaks[0] + 1].presenter == "Tariq Aziz"
    assert len(set(slot_minutes(meeting).values())) == 1
    probe = next(p for p in meeting.agenda if p.kind is PhaseKind.probe)
    assert probe.planned_minutes > 8  # time to spare went to the questioning
    present = next(p for p in meeting.agenda if p.kind is PhaseKind.present)
    assert present.planned_minutes == 3


def test_two_hours_have_no_break_and_a_crowd_shares_the_time(tmp_path: Path) -> None:
    _, meeting = planned(tmp_path / "two", FIVE, 2)
    assert sum(p.allotted for p in meeting.agenda) == 120 * 60
    assert not any(p.kind is PhaseKind.break_ for p in meeting.agenda)
    eight = [*FIVE, "Vic Lowe", "Wen Zhou", "Xan Bell"]
    _, meeting = planned(tmp_path / "eight", eight, 3)
    assert sum(p.allotted for p in meeting.agenda) == 180 * 60
    assert set(slot_minutes(meeting).values()) == {15}  # 180 - 60 outside, shared by eight


def test_equal_times_presenters_are_recorded_from_the_start(tmp_path: Path) -> None:
    """An action agreed in a slot was "other actions" until w recorded the presenters."""
    the_set, meeting = planned(tmp_path, FIVE, 3)
    assert [p.member for p in meeting.presenters] == FIVE
    action = capture_action([], meeting, the_set, "Raj Mehta", "Call the union rep")
    assert actions_by_presenter([action], meeting) == [("Raj Mehta", [action])]
