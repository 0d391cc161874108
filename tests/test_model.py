"""The record models on their own: validation rules and the report-back semantics."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest
from pydantic import ValidationError

from actionset.model import (
    Action,
    ActionStatus,
    AgendaPhase,
    ClockState,
    Issue,
    IssueStatus,
    Meeting,
    Member,
    Progress,
    ReportBack,
    Set,
    StatusChange,
)
from actionset.model.set import Code

SEPT = dt.date(2026, 9, 14)
OCT = dt.date(2026, 10, 26)
DEC = dt.date(2026, 12, 7)


def an_action(**changes: object) -> Action:
    fields: dict[str, object] = {
        "id": "call-finance",
        "owner": "Priya Shah",
        "text": "Call finance",
        "agreed_at": SEPT,
    }
    return Action.model_validate(fields | changes)


# ---------------------------------------------------------------------------- Action.report


def test_a_new_action_is_open() -> None:
    assert an_action().is_open


@pytest.mark.parametrize(
    ("progress", "status"),
    [
        (Progress.done, ActionStatus.done),
        (Progress.dropped, ActionStatus.dropped),
        (Progress.partly, ActionStatus.open),
        (Progress.not_done, ActionStatus.open),
    ],
)
def test_an_action_stays_open_until_done_or_dropped(
    progress: Progress, status: ActionStatus
) -> None:
    action = an_action()
    action.report(ReportBack(meeting=OCT, progress=progress))
    assert action.status is status
    assert action.is_open is (status is ActionStatus.open)


def test_a_second_report_at_the_same_meeting_replaces_the_first() -> None:
    action = an_action()
    action.report(ReportBack(meeting=OCT, progress=Progress.done, note="sent"))
    action.report(ReportBack(meeting=OCT, progress=Progress.partly, note="only half"))
    assert [(u.meeting, u.progress, u.note) for u in action.updates] == [
        (OCT, Progress.partly, "only half")
    ]
    assert action.is_open


def test_reports_at_later_meetings_are_kept_in_order() -> None:
    action = an_action()
    action.report(ReportBack(meeting=OCT, progress=Progress.partly))
    action.report(ReportBack(meeting=DEC, progress=Progress.done))
    assert [u.meeting for u in action.updates] == [OCT, DEC]
    assert action.status is ActionStatus.done


def test_correcting_an_earlier_report_does_not_undo_a_later_one() -> None:
    action = an_action()
    action.report(ReportBack(meeting=OCT, progress=Progress.not_done))
    action.report(ReportBack(meeting=DEC, progress=Progress.done))
    action.report(ReportBack(meeting=OCT, progress=Progress.partly, note="corrected"))
    assert [(u.meeting, u.progress) for u in action.updates] == [
        (OCT, Progress.partly),
        (DEC, Progress.done),
    ]
    assert action.status is ActionStatus.done


def test_a_dropped_action_reported_on_again_reopens() -> None:
    action = an_action()
    action.report(ReportBack(meeting=OCT, progress=Progress.dropped))
    action.report(ReportBack(meeting=DEC, progress=Progress.partly))
    assert action.is_open


def test_due_before_agreed_is_refused_at_due() -> None:
    with pytest.raises(ValidationError) as caught:
        an_action(due=SEPT - dt.timedelta(days=1))
    (error,) = caught.value.errors()
    assert error["ctx"]["at"] == ("due",)
    assert "before the meeting" in error["msg"]


def test_progress_is_written_with_a_hyphen() -> None:
    assert (
        ReportBack.model_validate({"meeting": OCT, "progress": "not-done"}).progress
        is Progress.not_done
    )


# ---------------------------------------------------------------------------- Set


def test_member_names_are_unique_ignoring_case() -> None:
    with pytest.raises(ValidationError) as caught:
        Set(name="North", members=[Member(name="Ann"), Member(name="Bo"), Member(name="ANN")])
    (error,) = caught.value.errors()
    assert error["ctx"]["at"] == ("members", 2, "name")
    assert error["msg"] == "member 'ANN' appears twice"


def test_every_record_wide_problem_is_named_at_once() -> None:
    """Two members listed twice and a number held twice: all three, not the first."""
    with pytest.raises(ValidationError) as caught:
        Set(
            name="North",
            members=[
                Member(name="Ann", number=1),
                Member(name="Bo", number=1),
                Member(name="ANN"),
                Member(name="bo"),
            ],
        )
    assert [(*e["loc"], *e["ctx"]["at"]) for e in caught.value.errors()] == [
        ("members", 1, "number"),
        ("members", 2, "name"),
        ("members", 3, "name"),
    ]
    with pytest.raises(ValidationError) as caught:
        Meeting.model_validate(
            {
                "date": OCT,
                "attendance": {"present": ["Ann", "Bo"], "absent": ["Ann", "Bo"]},
                "bids": [{"member": "Ann"}, {"member": "Ann"}, {"member": "Ann"}],
            }
        )
    assert [(*e["loc"], *e["ctx"]["at"]) for e in caught.value.errors()] == [
        ("attendance", "absent", 0),
        ("attendance", "absent", 1),
        ("bids", 1, "member"),
        ("bids", 2, "member"),
    ]


def test_codebook_keys_are_unique() -> None:
    with pytest.raises(ValidationError) as caught:
        Set(
            name="North",
            codebook=[
                Code(key="x", name="one", counts_as="question"),
                Code(key="x", name="two", counts_as="advice"),
            ],
        )
    (error,) = caught.value.errors()
    assert (*error["loc"], *error["ctx"]["at"]) == ("codebook", 1, "key")


@pytest.mark.parametrize("key", ["n", "Q", "7", "?"])
def test_codes_may_not_take_the_console_keys(key: str) -> None:
    with pytest.raises(ValidationError, match="reserved"):
        Code(key=key, name="mine", counts_as="other")


@pytest.mark.parametrize("value", ["9:5", "24:00", "09:60", "noon", "09-30"])
def test_usual_time_is_hh_mm(value: str) -> None:
    with pytest.raises(ValidationError, match="HH:MM"):
        Set(name="North", usual_time=value)


def test_current_members_leave_out_the_retired_and_lookup_ignores_case() -> None:
    the_set = Set(name="North", members=[Member(name="Ann"), Member(name="Bo", retired=True)])
    assert [m.name for m in the_set.current_members] == ["Ann"]
    assert the_set.member("bo") is the_set.members[1]
    assert the_set.member("Cy") is None


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Set.model_validate({"name": "North", "cadense_weeks": 4})


def test_assignment_is_validated() -> None:
    the_set = Set(name="North")
    with pytest.raises(ValidationError):
        the_set.cadence_weeks = 0


# ---------------------------------------------------------------------------- Issue, Meeting


def test_an_issue_takes_the_status_of_its_latest_change() -> None:
    issue = Issue(id="hiring", owner="Ann", title="Hiring freeze")
    assert issue.status is IssueStatus.open
    issue.history = [
        StatusChange(meeting=SEPT, status=IssueStatus.worked),
        StatusChange(meeting=OCT, status=IssueStatus.resolved),
    ]
    assert cast(IssueStatus, issue.status) is IssueStatus.resolved


def test_a_running_clock_needs_since() -> None:
    with pytest.raises(ValidationError) as caught:
        ClockState(running=True)
    assert caught.value.errors()[0]["ctx"]["at"] == ("running",)


def test_the_clock_cannot_point_past_the_agenda() -> None:
    with pytest.raises(ValidationError) as caught:
        Meeting(
            date=SEPT,
            agenda=[AgendaPhase(title="Check-in", planned_minutes=15)],
            clock=ClockState(phase=1),
        )
    assert caught.value.errors()[0]["ctx"]["at"] == ("clock", "phase")


def test_allotted_follows_changes_of_plan() -> None:
    phase = AgendaPhase(title="Probe", planned_minutes=15)
    assert phase.allotted == 900
    phase.allotted_seconds = 600
    assert phase.allotted == 600


def test_everyone_counts_as_present_until_attendance_is_taken() -> None:
    meeting = Meeting(date=SEPT)
    assert meeting.is_present("Ann")
    meeting.attendance.present = ["Bo"]
    assert not meeting.is_present("Ann")
    assert meeting.is_present("Bo")


def test_who_counts_is_who_came_without_the_facilitator_or_the_presenter() -> None:
    from actionset.model.meeting import who_counts

    members = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo"]
    meeting = Meeting(date=SEPT)
    meeting.attendance.present = ["Ann", "Bo", "Cy", "Di", "Ed"]
    meeting.attendance.apologies = ["Flo"]
    assert who_counts(members, meeting, facilitator="Ruth") == ["Ann", "Bo", "Cy", "Di", "Ed"]
    assert who_counts(members, meeting, facilitator="Ruth", presenter="Bo") == [
        "Ann",
        "Cy",
        "Di",
        "Ed",
    ]
    # a peer set where a member facilitates: they are never counted
    assert who_counts(members, meeting, facilitator="cy") == ["Ann", "Bo", "Di", "Ed"]
    assert who_counts(members, None) == members  # a meeting with only its tags saved


def test_who_counts_in_the_whole_meeting_leaves_out_the_only_presenter() -> None:
    from actionset.model.meeting import who_counts

    meeting = Meeting(
        date=SEPT,
        agenda=[
            AgendaPhase(title="Present", planned_minutes=5, presenter="Ann"),
            AgendaPhase(title="Probe", planned_minutes=5, presenter="Ann"),
        ],
    )
    assert who_counts(["Ann", "Bo"], meeting) == ["Bo"]
    meeting.agenda.append(AgendaPhase(title="Present", planned_minutes=5, presenter="Bo"))
    assert who_counts(["Ann", "Bo"], meeting) == ["Ann", "Bo"]  # each asks in the other's


def test_marking_present_a_member_who_sent_apologies() -> None:
    meeting = Meeting(date=SEPT)
    meeting.attendance.present, meeting.attendance.apologies = ["Ann"], ["Bo", "Cy"]
    meeting.mark_present("Bo")
    assert meeting.attendance.present == ["Ann", "Bo"]
    assert meeting.attendance.apologies == ["Cy"]


def test_the_summary_follows_the_sets_default_until_o_is_pressed() -> None:
    from actionset.model.meeting import SummaryShown, next_summary

    meeting = Meeting(date=SEPT)
    assert meeting.summary_shown() is SummaryShown.hidden
    assert meeting.summary_shown("off") is SummaryShown.hidden
    assert meeting.summary_shown("named") is SummaryShown.named
    hidden, anonymous, named = SummaryShown.hidden, SummaryShown.anonymous, SummaryShown.named
    # o shows it anonymous and hides whatever shows; only O puts the names on, or off again
    assert [next_summary(shown) for shown in (hidden, anonymous, named)] == [
        anonymous,
        hidden,
        hidden,
    ]
    assert [next_summary(shown, names=True) for shown in (hidden, anonymous, named)] == [
        named,
        named,
        anonymous,
    ]
    meeting.summary = SummaryShown.hidden  # chosen with o: the set's default no longer applies
    assert meeting.summary_shown("anonymous") is SummaryShown.hidden


def test_an_untouched_roll_is_kept_as_shown_once_the_check_in_is_left() -> None:
    from actionset.model.agenda import BUILTIN_TEMPLATES, build_agenda
    from actionset.model.meeting import AttendanceState

    roster = ["Ann", "Ben", "Cy"]
    meeting = Meeting(date=DEC, agenda=build_agenda(BUILTIN_TEMPLATES["half-day"], [], roster))
    assert not meeting.keep_roll(roster)  # still in the check-in: nothing written
    assert not meeting.attendance.taken
    meeting.clock.phase = 1
    assert meeting.keep_roll(roster)
    assert meeting.attendance.present == roster
    meeting.set_attendance("Ben", AttendanceState.apologies, roster)
    assert not meeting.keep_roll([*roster, "Dee"])  # a roll taken is never written over
    assert meeting.attendance.present == ["Ann", "Cy"]
