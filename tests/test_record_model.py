"""The set's record kept in the meeting: attendance, report-back, bids, actions, issues, close."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import FakeClock
from pydantic import ValidationError

from actionset.model.action import Action, ReportBack
from actionset.model.action_status import ActionStatus, Progress
from actionset.model.agenda import BUILTIN_TEMPLATES, build_agenda, presenter_slots
from actionset.model.bids import (
    confirm_presenters,
    last_presented,
    meetings_since_presented,
    since_text,
    suggested_order,
)
from actionset.model.clock import MeetingClock
from actionset.model.clock_plan import share_out
from actionset.model.issue import Issue, IssueStatus
from actionset.model.meeting import (
    AttendanceState,
    Bid,
    Meeting,
    NextMeeting,
    PhaseKind,
    Presentation,
    Urgency,
)
from actionset.model.record import (
    MemberReport,
    OrderRefused,
    capture_action,
    check_order,
    due_default,
    meeting_before,
    next_meeting_default,
    raise_issue,
    record_worked,
    report_back_list,
    report_back_turns,
    slug_words,
)
from actionset.model.set import Member, Set
from actionset.store import SetStore, dump_toml

MAY, JUNE, JULY = dt.date(2026, 5, 4), dt.date(2026, 6, 15), dt.date(2026, 7, 27)
ROSTER = ["Ana", "Ben", "Cai", "Dee"]
MIN = 60


def a_set(**kw: object) -> Set:
    return Set(
        name="Leads",
        facilitator="Ruth",
        usual_time="09:30",
        usual_place="Room 1",
        members=[Member(name=n) for n in ROSTER],
        **kw,
    )


def action(ident: str, owner: str, agreed: dt.date = MAY, **kw: object) -> Action:
    return Action(
        id=ident,
        owner=owner,
        text=f"do {ident}",
        agreed_at=agreed,
        due=agreed + dt.timedelta(weeks=6),
        **kw,
    )


# ---------------------------------------------------------------------------- the files


def test_old_meeting_files_stay_valid_and_the_new_fields_round_trip() -> None:
    old = Meeting.model_validate(
        {
            "date": MAY,
            "reflections": ["good questions"],
            "attendance": {"present": ["Ana"], "apologies": ["Ben"]},
        }
    )
    assert old.bids == [] and old.next_meeting is None and old.attendance.absent == []
    new = Meeting(
        date=JUNE,
        time="09:30",
        facilitator="Ana",
        bids=[
            Bid(member="Ana", minutes=45, urgency=Urgency.high, issue="voids"),
            Bid(member="Ben", passes=True),
            Bid(member="Cai", new_issue="Digital skills"),
        ],
        presenters=[
            Presentation(
                member="Ana", issue="voids", reflections=["I was solving the wrong problem"]
            )
        ],
        reflections=["more open questions than last time"],
        next_meeting=NextMeeting(date=JULY, time="09:30", place="Room 1", facilitator="Ben"),
    )
    new.set_attendance("Dee", AttendanceState.absent, ROSTER)
    data = tomllib.loads(dump_toml(new.model_dump(mode="python")).decode())
    assert Meeting.model_validate(data) == new
    assert data["attendance"] == {"present": ["Ana", "Ben", "Cai"], "absent": ["Dee"]}


@pytest.mark.parametrize(
    "data, message",
    [
        ({"time": "9.30"}, "HH:MM"),
        ({"next_meeting": {"date": JULY, "time": "25:00"}}, "HH:MM"),
        ({"bids": [{"member": "Ana", "urgency": "urgent"}]}, "urgency"),
        ({"bids": [{"member": "Ana", "minutes": 0}]}, "minutes"),
        ({"bids": [{"member": "Ana", "issue": "x", "new_issue": "X"}]}, "not both"),
        ({"bids": [{"member": "Ana"}, {"member": "ana", "passes": True}]}, "bids twice"),
        ({"attendance": {"present": ["Ana"], "absent": ["Ana"]}}, "also listed under present"),
    ],
)
def test_a_wrong_meeting_value_is_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Meeting.model_validate({"date": JUNE, **data})


@pytest.mark.parametrize(
    "data, message",
    [
        ({"value": 4000}, "needs its unit"),
        ({"value_unit": "GBP"}, "no value"),
        ({"value": 4000, "value_unit": "pounds"}, "currency code"),
        ({"value": -1, "value_unit": "hours"}, "greater than or equal"),
    ],
)
def test_a_wrong_value_reported_back_is_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ReportBack.model_validate({"meeting": JUNE, "progress": "done", **data})


def test_a_value_reads_as_money_or_hours() -> None:
    def text(value: float, unit: str) -> str:
        return ReportBack(
            meeting=JUNE,
            progress=Progress.done,
            outcome="bid went in early",
            value=value,
            value_unit=unit,
        ).value_text

    assert text(4000, "GBP") == "£4,000"
    assert text(12.5, "hours") == "12.5 hours"
    assert text(1, "hours") == "1 hour"
    assert text(3000, "CHF") == "3,000 CHF"
    assert ReportBack(meeting=JUNE, progress=Progress.done).value_text == ""


# ---------------------------------------------------------------------------- attendance


def test_attendance_has_three_states_and_everyone_is_present_until_taken() -> None:
    meeting = Meeting(date=JUNE)
    assert all(meeting.is_present(name) for name in ROSTER)
    meeting.set_attendance("Ben", AttendanceState.apologies, ROSTER)
    assert meeting.attendance.present == ["Ana", "Cai", "Dee"]
    meeting.set_attendance("Cai", AttendanceState.absent, ROSTER)
    meeting.set_attendance("Ben", AttendanceState.present, ROSTER)
    assert [meeting.attendance.state_of(n) for n in ROSTER] == [
        AttendanceState.present,
        AttendanceState.present,
        AttendanceState.absent,
        AttendanceState.present,
    ]
    assert not meeting.is_present("Cai")
    meeting.mark_present("Cai")
    assert meeting.attendance.absent == []


# ---------------------------------------------------------------------------- report-back


def test_the_report_back_lists_open_actions_of_members_present_last_presenters_first() -> None:
    done_before = action("old", "Ana")
    done_before.report(ReportBack(meeting=JUNE, progress=Progress.done))
    done_now = action("now", "Cai")
    done_now.report(ReportBack(meeting=JULY, progress=Progress.done))
    actions = [
        action("ana-1", "Ana"),
        done_before,
        action("ben-1", "Ben"),
        done_now,
        action("cai-2", "Cai", JUNE),
        action("dee-1", "Dee"),
        action("agreed-today", "Ana", JULY),
    ]
    last = Meeting(date=JUNE, presenters=[Presentation(member="Cai"), Presentation(member="Ben")])
    meeting = Meeting(date=JULY)
    meeting.set_attendance("Ben", AttendanceState.apologies, ROSTER)
    reports = report_back_list(actions, meeting, ROSTER, last)
    assert [(r.member, [a.id for a in r.actions]) for r in reports] == [
        ("Cai", ["now", "cai-2"]),
        ("Ana", ["ana-1"]),
        ("Dee", ["dee-1"]),
    ]


def test_an_action_carries_forward_until_done_or_dropped() -> None:
    item = action("walk", "Ana")
    item.report(ReportBack(meeting=JUNE, progress=Progress.partly))
    assert item.open_before(JULY) and item.is_open
    item.report(ReportBack(meeting=JULY, progress=Progress.dropped, note="overtaken"))
    assert item.open_before(JULY), "still on the list of the meeting it was dropped at"
    assert not item.open_before(JULY + dt.timedelta(weeks=6))
    assert item.report_at(JULY) is not None and item.status is ActionStatus.dropped
    hand_closed = action("hand", "Ana", status=ActionStatus.done)
    assert not hand_closed.open_before(JULY)


def test_the_report_back_time_is_shared_among_members_with_actions() -> None:
    reports = [
        MemberReport("Cai", (action("a", "Cai"),)),
        MemberReport("Ana", ()),
        MemberReport("Dee", (action("b", "Dee"), action("c", "Dee"))),
    ]
    turns = report_back_turns(reports, 25 * MIN + 1)
    assert [(t.member, t.starts, t.seconds) for t in turns] == [("Cai", 0, 750), ("Dee", 750, 751)]
    assert turns[1].used(760) == 10 and turns[1].used(0) == 0
    assert share_out(10, [1, 1, 1]) == [3, 4, 3]


# ---------------------------------------------------------------------------- bids


def test_when_each_member_last_presented() -> None:
    meetings = [
        Meeting(date=MAY, presenters=[Presentation(member="Ana")]),
        Meeting(date=JUNE, presenters=[Presentation(member="Ben")]),
    ]
    assert meetings_since_presented("Ben", meetings, JULY) == 1
    assert meetings_since_presented("Ben", meetings, JUNE) is None, "only earlier meetings"
    assert last_presented(ROSTER[:3], meetings, JULY) == {"Ana": 2, "Ben": 1, "Cai": None}
    assert [since_text(n) for n in (None, 1, 3)] == ["never", "last meeting", "3 meetings ago"]
    assert meeting_before(meetings, JULY) == meetings[1]


def test_an_equal_time_meeting_counts_its_slot_holders_as_presenters() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["equal-time"], [], ["Ana", "Ben"])
    assert meetings_since_presented("Ben", [Meeting(date=MAY, agenda=agenda)], JUNE) == 1


def test_the_suggested_order_is_longest_since_presenting_then_urgency() -> None:
    bids = [
        Bid(member="Ana", urgency=Urgency.high),
        Bid(member="Ben", urgency=Urgency.low),
        Bid(member="Cai", passes=True),
        Bid(member="Dee", urgency=Urgency.high),
        Bid(member="Eve", urgency=Urgency.low),
    ]
    since = {"Ana": 1, "Ben": None, "Cai": None, "Dee": 3, "Eve": 3}
    assert [b.member for b in suggested_order(bids, since)] == ["Ben", "Dee", "Eve", "Ana"]


def started(presenters: int = 2, fake: FakeClock | None = None) -> MeetingClock:
    meeting = Meeting(date=JULY, agenda=build_agenda(BUILTIN_TEMPLATES["half-day"], [], ROSTER))
    clock = MeetingClock(meeting, fake or FakeClock(), tz=dt.UTC)
    clock.start()
    clock.next()
    clock.next()  # in the bids
    assert clock.phase is not None and clock.phase.kind is PhaseKind.bids
    return clock


def block_minutes(clock: MeetingClock, presenter: str) -> int:
    return sum(p.allotted for p in clock.agenda if p.presenter == presenter) // MIN


def test_confirmed_bids_become_presenters_with_the_minutes_asked() -> None:
    clock = started()
    issues = [Issue(id="voids", owner="Ana", title="Voids")]
    bids = [
        Bid(member="Cai", minutes=30, new_issue="Digital skills in the front line"),
        Bid(member="Ana", minutes=40, issue="voids"),
    ]
    fit, raised = confirm_presenters(clock, bids, issues, fit=False)
    assert presenter_slots(clock.agenda) == ["Cai", "Ana"]
    assert (block_minutes(clock, "Cai"), block_minutes(clock, "Ana")) == (30, 40)
    assert fit.squeeze is None and fit.shared == 0
    assert [i.id for i in raised] == ["digital-skills-in-the-front"]
    assert [(p.member, p.issue) for p in clock.meeting.presenters] == [
        ("Cai", "digital-skills-in-the-front"),
        ("Ana", "voids"),
    ]
    assert bids[0].issue == "digital-skills-in-the-front" and bids[0].new_issue == ""


def test_one_bid_takes_out_the_slot_nobody_holds() -> None:
    clock = started()
    fit, _ = confirm_presenters(clock, [Bid(member="Dee")], fit=False)
    assert (fit.added, fit.removed) == (0, 1)
    assert presenter_slots(clock.agenda) == ["Dee"]
    assert block_minutes(clock, "Dee") == 45, "no minutes asked: the block as planned"


def test_bids_that_do_not_fit_name_what_is_squeezed_and_keep_the_process_review() -> None:
    fake = FakeClock()
    clock = started(fake=fake)
    planned_end = clock.meeting.clock.ends_at
    bids = [Bid(member=name, minutes=45) for name in ("Ana", "Ben", "Cai")]
    fit, _ = confirm_presenters(clock, bids)
    assert fit.added == 1 and presenter_slots(clock.agenda) == ["Ana", "Ben", "Cai"]
    assert fit.squeeze is not None and "min short" in fit.squeeze
    assert "Process review" not in fit.squeeze
    assert fit.shared > 0
    assert clock.predicted_finish() == planned_end
    review = next(p for p in clock.agenda if p.kind is PhaseKind.process_review)
    assert review.allotted == 15 * MIN
    assert clock.phase is not None and clock.phase.allotted == 10 * MIN, "the bids keep theirs"


def test_confirming_fits_the_running_order_to_the_time_left() -> None:
    fake = FakeClock()
    clock = started(fake=fake)  # the check-in and report-back took no time: 40 min ahead
    planned_end = clock.meeting.clock.ends_at
    fake.advance(4 * MIN)
    fit, _ = confirm_presenters(clock, [Bid(member="Dee", minutes=45)])
    assert fit.removed == 1 and fit.squeeze is None and fit.shared == 2
    assert clock.predicted_finish() == planned_end, "the agenda fills the time left"
    assert clock.phase is not None and clock.phase.allotted == 10 * MIN, "the bids keep theirs"
    phases = {p.title: p.allotted // MIN for p in clock.agenda if p.presenter == "Dee"}
    # 45 min of the other slot and 40 gained share out over Dee's clarify and probe, 2:3
    assert phases == {"Present": 5, "Clarify": 44, "Probe": 66, "Actions": 10, "Reflect": 5}
    for kind in (PhaseKind.break_, PhaseKind.process_review):
        assert all(p.allotted == 15 * MIN for p in clock.agenda if p.kind is kind)


def test_bids_confirmed_before_the_meeting_starts_keep_its_planned_length() -> None:
    meeting = Meeting(date=JULY, agenda=build_agenda(BUILTIN_TEMPLATES["half-day"], [], ROSTER))
    clock = MeetingClock(meeting, FakeClock(), tz=dt.UTC)
    planned = clock.predicted_finish()
    confirm_presenters(clock, [Bid(member="Dee", minutes=30)])
    assert clock.predicted_finish() == planned


def test_confirming_again_keeps_each_presenters_issue_and_reflections() -> None:
    clock = started()
    confirm_presenters(clock, [Bid(member="Ana", issue="voids"), Bid(member="Ben")])
    ana = clock.meeting.presentation("Ana")
    assert ana is not None
    ana.reflections = ["I saw the voids differently"]
    # The order moved, and Ana's bid (re-made) names no issue: hers stays, and her reflection.
    confirm_presenters(clock, [Bid(member="Ben"), Bid(member="Ana")])
    assert clock.meeting.presenters == [
        Presentation(member="Ben"),
        Presentation(member="Ana", issue="voids", reflections=["I saw the voids differently"]),
    ]
    confirm_presenters(clock, [Bid(member="Ben", issue="rota"), Bid(member="Ana")])
    assert clock.meeting.presenters[0].issue == "rota", "a bid naming an issue changes it"


def test_a_presenter_with_something_recorded_cannot_be_left_out() -> None:
    clock = started()
    meeting = clock.meeting
    confirm_presenters(clock, [Bid(member="Ana", issue="voids"), Bid(member="Ben")])
    meeting.presenters[0].reflections = ["a reflection"]
    agreed = [action("call-the-board", "Ben", agreed=JULY)]
    before = meeting.model_copy(deep=True)
    with pytest.raises(OrderRefused) as refused:
        confirm_presenters(clock, [Bid(member="Cai")], actions=agreed)
    assert str(refused.value) == (
        "Ana has 1 reflection recorded today: keep them in the running order; "
        "Ben has 1 action recorded today: keep them in the running order."
    )
    assert meeting == before, "nothing changed"
    check_order(meeting, ["Ben", "Ana", "Cai"], agreed)  # moved and joined: allowed


def test_a_block_that_has_begun_stays_with_its_presenter_in_its_place() -> None:
    clock = started()
    confirm_presenters(clock, [Bid(member="Ana"), Bid(member="Ben")])
    clock.next()  # into Ana's block
    with pytest.raises(OrderRefused, match="Ana's block has begun: they stay number 1"):
        check_order(clock.meeting, ["Ben", "Ana"])
    check_order(clock.meeting, ["Ana", "Cai"])  # Ben has nothing recorded: he may give way


# ---------------------------------------------------------------------------- actions


def test_an_action_captured_for_a_presenter_takes_the_defaults() -> None:
    the_set = a_set()
    meeting = Meeting(date=JULY, presenters=[Presentation(member="Ana", issue="voids")])
    existing = [Action(id="write-to-the-three-families", owner="Ana", text="x", agreed_at=MAY)]
    item = capture_action(
        existing, meeting, the_set, "Ana", "Write to the three families before the board paper"
    )
    assert (item.id, item.owner, item.issue, item.agreed_at, item.due) == (
        "write-to-the-three-families-2",
        "Ana",
        "voids",
        JULY,
        JULY + dt.timedelta(weeks=6),
    )
    meeting.next_meeting = NextMeeting(date=JULY + dt.timedelta(weeks=5))
    other = capture_action([*existing, item], meeting, the_set, "Ana", "Ask Tom", owner="Ben")
    assert (other.owner, other.due, other.issue) == ("Ben", meeting.next_meeting.date, "voids")
    assert capture_action([], meeting, the_set, "Ana", "Поговорить с Томом").id == "ana-action"


def test_ids_come_from_the_first_words() -> None:
    assert slug_words("Café: meet the union rep — before it opens!") == "cafe-meet-the-union-rep"
    assert slug_words("写信") == ""


# ---------------------------------------------------------------------------- close, issues


def test_the_next_meeting_defaults_to_a_cadence_on_at_this_meetings_time_and_place() -> None:
    the_set = a_set(cadence_weeks=4)
    meeting = Meeting(date=JULY, time="10:00", place="Room 2")
    assert next_meeting_default(meeting, the_set) == NextMeeting(
        date=JULY + dt.timedelta(weeks=4), time="10:00", place="Room 2", facilitator="Ruth"
    )
    meeting = Meeting(date=JULY, facilitator="Ben")
    assert next_meeting_default(meeting, the_set) == NextMeeting(
        date=JULY + dt.timedelta(weeks=4), time="09:30", place="Room 1", facilitator="Ben"
    )
    assert due_default(meeting, the_set) == JULY + dt.timedelta(weeks=4)


def test_an_issue_raised_and_worked_on_keeps_one_status_per_meeting() -> None:
    issues = [Issue(id="voids", owner="Ana", title="Voids")]
    issue = raise_issue(issues, "Ana", "Voids", JUNE)
    assert issue.id == "voids-2" and issue.status is IssueStatus.open
    record_worked(issue, JUNE)
    record_worked(issue, MAY, "worked before, entered late")
    assert [(c.meeting, c.status) for c in issue.history] == [
        (MAY, IssueStatus.worked),
        (JUNE, IssueStatus.worked),
    ]


# ---------------------------------------------------------------------------- actionset check


def check(sets_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actionset", "check", "demo", "--sets-dir", str(sets_dir)],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ},
        timeout=60,
    )


def test_check_accepts_every_new_field(sets_dir: Path) -> None:
    store = SetStore(sets_dir / "demo")
    meeting = store.load_meeting(dt.date(2026, 9, 21))
    assert meeting is not None
    meeting.time, meeting.facilitator = "09:30", "Tom Reyes"
    meeting.set_attendance(
        "Sam Whitaker", AttendanceState.absent, [m.name for m in store.load_set().members]
    )
    meeting.bids = [
        Bid(member="Gareth Lewis", minutes=45, urgency=Urgency.high, issue="depot-merger"),
        Bid(member="Mei Lin Chen", passes=True),
    ]
    meeting.presenters[0].reflections = ["I had been asking the wrong question"]
    meeting.next_meeting = NextMeeting(
        date=dt.date(2026, 11, 2),
        time="09:30",
        place="Committee Room 2",
        facilitator="Ruth Adeyemi",
    )
    store.save_meeting(meeting)
    actions = store.load_actions()
    first = actions[0].updates[0]
    actions[0].report(
        ReportBack(
            meeting=first.meeting,
            progress=first.progress,
            outcome="relets down to six weeks",
            value=12,
            value_unit="hours",
        )
    )
    store.save_actions(actions)
    text = (sets_dir / "demo" / "actions.toml").read_text(encoding="utf-8")
    assert 'value = 12\nvalue_unit = "hours"' in text
    result = check(sets_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_points_at_the_line_of_a_wrong_new_value(sets_dir: Path) -> None:
    path = sets_dir / "demo" / "meetings" / "2026-09-21.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[bids]]\nmember = "Tom Reyes"\n'
        'urgency = "urgent"\n\n[next_meeting]\ndate = 2026-11-02\ntime = "9am"\n',
        encoding="utf-8",
        newline="\n",
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    result = check(sets_dir)
    assert result.returncode == 1
    urgency, time = lines.index('urgency = "urgent"') + 1, lines.index('time = "9am"') + 1
    assert f"{path}:{urgency}: bids.0.urgency:" in result.stdout
    assert f"{path}:{time}: next_meeting.time:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
