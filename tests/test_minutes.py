"""The minutes of a meeting recorded through the model: every section filled, empty ones out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import START, TODAY, FakeClock

from actionset import cli
from actionset import store as disk
from actionset.export.minutes import meeting_markdown
from actionset.model.action import ReportBack
from actionset.model.action_status import Progress
from actionset.model.bids import confirm_presenters
from actionset.model.clock import MeetingClock
from actionset.model.meeting import AttendanceState, Bid, Meeting, NextMeeting, Urgency
from actionset.model.record import capture_action, meeting_before, report_back_list
from actionset.session import open_meeting


def record_a_meeting(sets_dir: Path) -> None:
    """Today's demo meeting, run and recorded as the panels record it, saved through the store."""
    store = disk.SetStore(sets_dir / "demo")
    the_set, actions, issues = store.load_set(), store.load_actions(), store.load_issues()
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    roster = [m.name for m in the_set.current_members]
    meeting.set_attendance("Sam Whitaker", AttendanceState.apologies, roster)
    meeting.set_attendance("Gareth Lewis", AttendanceState.absent, roster)
    meeting.facilitator = "Tom Reyes"
    reports = report_back_list(
        actions, meeting, roster, meeting_before(store.load_meetings(), TODAY)
    )
    first = next(r for r in reports if r.actions).actions[0]
    first.report(
        ReportBack(
            meeting=TODAY,
            progress=Progress.done,
            note="went well",
            outcome="bid went in two weeks early",
            value=4000,
            value_unit="GBP",
        )
    )
    clock = MeetingClock(meeting, FakeClock(START))
    clock.start()
    bids = [
        Bid(member="Helen Okafor", minutes=40, urgency=Urgency.high, issue="hospital-discharge"),
        Bid(member="Mei Lin Chen", new_issue="Digital skills in the front line"),
    ]
    meeting.bids = bids
    _, raised = confirm_presenters(clock, bids, issues)
    issues.extend(raised)
    meeting.presenters[0].reflections = ["I came in with a problem and leave with a plan."]
    meeting.reflections = ["Fewer stories in the probe."]
    meeting.next_meeting = NextMeeting(
        date=dt.date(2027, 1, 4), time="09:30", place="Committee Room 2", facilitator="Helen Okafor"
    )
    actions.append(
        capture_action(
            actions,
            meeting,
            the_set,
            "Helen Okafor",
            "Write to the three families before the board paper",
        )
    )
    store.save_meeting(meeting)
    store.save_actions(actions)
    store.save_issues(issues)


def report(capsys: pytest.CaptureFixture[str], sets_dir: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["report", "demo", "--sets-dir", str(sets_dir), *args])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_minutes_of_a_recorded_meeting_have_every_section(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    record_a_meeting(sets_dir)
    code, out = report(capsys, sets_dir, "--meeting", "latest")
    assert code == 0, out
    assert "## Meeting of Saturday 21 November 2026 (2026-11-21)" in out
    assert "- Facilitated by: Tom Reyes" in out
    assert "- Apologies: Sam Whitaker" in out and "- Absent: Gareth Lewis" in out
    present = next(line for line in out.splitlines() if line.startswith("- Present ("))
    assert "Sam Whitaker" not in present and "Gareth Lewis" not in present
    assert "**done**: went well" in out
    assert "  - Outcome: bid went in two weeks early (£4,000)" in out
    assert "1. Helen Okafor: Delayed discharges" in out
    assert "2. Mei Lin Chen: Digital skills in the front line" in out
    assert (  # the presenter's own action, under their name, does not name them again
        "- Helen Okafor:\n  - Write to the three families before the board paper (due 2027-01-04)"
    ) in out
    assert "- Helen Okafor:\n  - I came in with a problem and leave with a plan." in out
    assert "- The set:\n  - Fewer stories in the probe." in out
    assert "### Next meeting\n\n- Monday 4 January 2027, 09:30, Committee Room 2\n" in out
    assert "- Facilitated by: Helen Okafor" in out
    assert "### Contributions" not in out, "no tags: the section is left out"
    assert (
        out.index("### Attendance")
        < out.index("### Report-backs")
        < out.index("### Presenters and issues")
        < out.index("### Actions agreed")
        < out.index("### Reflections")
        < out.index("### Next meeting")
    )
    capsys.readouterr()
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", str(TODAY)])
    assert code == 0, capsys.readouterr()


def test_sections_with_nothing_in_them_are_left_out(sets_dir: Path) -> None:
    the_set = disk.SetStore(sets_dir / "demo").load_set()
    text = meeting_markdown(the_set, TODAY, Meeting(date=TODAY), [], [], [])
    for heading in (
        "Report-backs",
        "Presenters",
        "Actions agreed",
        "Contributions",
        "Reflections",
        "Coach prompts",
    ):
        assert f"### {heading}" not in text
    assert "### Attendance" in text and "- Facilitated by: Ruth Adeyemi" in text


def test_planned_is_this_meetings_plan_as_it_started(sets_dir: Path, fake_clock: FakeClock) -> None:
    """The template gives the check-in 15 minutes; this meeting planned 20 before it started,
    then gave it 10 more while it ran: the minutes plan 20, beside 26 run (+6). A phase added
    during the meeting is marked so, with no plan of its own."""
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    check_in = meeting.agenda[0]
    template_minutes = check_in.planned_minutes
    clock = MeetingClock(meeting, fake_clock)
    clock.adjust(20 * 60 - check_in.allotted)  # the meeting's own plan, before it starts
    clock.toggle()
    clock.adjust(10 * 60)  # a change of plan while it runs
    fake_clock.advance(26 * 60)
    clock.next()
    clock.insert_break()
    store.save_meeting(meeting)
    saved = store.load_meeting(TODAY)
    assert saved is not None and saved.agenda[0].plan_seconds == 20 * 60
    text = meeting_markdown(the_set, TODAY, saved, [], [], [])
    row = next(line for line in text.splitlines() if line.startswith(f"| {check_in.title} |"))
    assert row.split("|")[3:6] == [" 20 ", " 26 ", " +6 "], (row, template_minutes)
    # the break added while it ran: no plan at the start, the minutes it was given
    assert any("| added, 10 |" in line for line in text.splitlines() if "Break" in line), text

    # a meeting that confirmed no date: the date due by the set's cadence, said to be so
    assert (
        "### Next meeting\n\n- Saturday 2 January 2027, 09:30, Committee Room 2, Northfield Town "
        "Hall (due by the set's cadence; not confirmed at this meeting)"
    ) in text
