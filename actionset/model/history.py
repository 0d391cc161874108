"""A set's history across meetings and a programme's evaluation: every figure, computed once.

The reports (`actionset report SET --all`, `report --programme`) and the insights screen all
read their figures from here; how each is computed is said in `HOW` (one line a figure), so
a sponsor can rebuild any of them by hand from the files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from actionset.model.action import Action, ReportBack
from actionset.model.action_status import ActionStatus, Progress
from actionset.model.codebook import codebook_for
from actionset.model.contributions import same_member
from actionset.model.issue import Issue, IssueStatus
from actionset.model.ledger import Ledger
from actionset.model.meeting import AttendanceState, state_on_roll
from actionset.model.meeting_record import MeetingRecord, held
from actionset.model.record import facilitator_of
from actionset.model.schedule import booked_minutes, next_meeting
from actionset.model.set import Set
from actionset.model.stats import Tally, tally_said, tally_said_by_member

GRACE_DAYS = 7
"""A meeting held up to a week after its due date is on time (rooms and diaries move)."""
GROWTH_SPAN = 3
"""Questioning growth compares a set's (or member's) first three meetings with its last three."""
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"

HOW: dict[str, str] = {
    "attendance": "members present ÷ members expected (present + apologies + absent; every "
    "member of the set at the meeting's date when attendance was not taken), over the "
    "meetings held",
    "question share": "contributions tagged as questions ÷ all contributions tagged",
    "advice share": "contributions counted as advice (advice and leading questions) ÷ all "
    "contributions tagged",
    "advice per meeting": "contributions counted as advice ÷ meetings attended",
    "actions agreed": "actions in actions.toml whose agreed_at is the meeting's date",
    "actions completed": "actions reported done at the meeting's report-back",
    "action completion": "actions now done ÷ actions agreed before the latest meeting (those "
    "with a report-back since)",
    "participation balance": "a member's contributions ÷ all members' contributions, against "
    "an equal share (1 ÷ the members named, those who have left included)",
    "members": "everyone who belonged to the set at one of its meetings, those who have left "
    "included; a member's figures cover the meetings they belonged to (by the dates they "
    "joined and left, or named on the meeting's roll)",
    "issues": "issues by their latest status in issues.toml (resolved, parked)",
    "outcomes": "report-backs with an outcome or a value; values added up per unit",
    "cadence": "held: meetings dated on or before the report's day that began (the clock "
    "started, a tag made, the roll taken, or closed), one still open counted as held, in "
    "progress; one dated later, or opened and left untouched, is not held; each meeting after "
    "the first is due one cadence "
    f"(cadence_weeks) after the one before; held by {GRACE_DAYS} days after that date: "
    "on time, else late; each further whole "
    "cadence before it was held, or before today after the latest meeting: one missed",
    "coach prompts": "prompts the coach was shown at the meeting, from the journal's log "
    "(one line per prompt; a prompt kept up to date while it waited counts once)",
    "growth": f"question (advice) share pooled over the first {GROWTH_SPAN} meetings (a "
    f"member's: the first {GROWTH_SPAN} they attended) against the last {GROWTH_SPAN}; the "
    "change in percentage points between the two rounded shares",
}


# ---------------------------------------------------------------------------- input


@dataclass(frozen=True)
class SetRecord:
    """Everything a set's history is computed from; meetings oldest first."""

    the_set: Set
    meetings: Sequence[MeetingRecord]
    """Each meeting's file and journal as the history needs them (`meeting_record`)."""
    issues: Sequence[Issue]
    actions: Sequence[Action]
    slug: str = ""


# ---------------------------------------------------------------------------- small rules


def share(part: float, whole: float) -> float | None:
    """`part ÷ whole`, None when there is nothing to divide (shown as "–", never 0%)."""
    return part / whole if whole else None


def percent(value: float | None) -> str:
    """A share as a whole percentage, "–" for none."""
    return "–" if value is None else f"{round(value * 100)}%"


def points(first: float | None, last: float | None) -> str:
    """The change from one share to another in percentage points, signed ("+12 pts"), taken
    between the whole percentages shown so that the figures add up; "–" for none."""
    if first is None or last is None:
        return "–"
    return f"{round(last * 100) - round(first * 100):+d} pts"


def sparkline(values: Sequence[float | None]) -> str:
    """Shares from 0 to 1 as Unicode blocks, one a meeting; a space where there is none."""
    out = []
    for value in values:
        if value is None:
            out.append(" ")
        else:
            index = min(len(SPARK_BLOCKS) - 1, int(value * len(SPARK_BLOCKS)))
            out.append(SPARK_BLOCKS[max(0, index)])
    return "".join(out)


def expected_at(the_set: Set, record: MeetingRecord) -> list[str]:
    """Who was expected at a meeting: those on its roll, else every member of the set on its
    date (`Set.members_at`)."""
    if record.roll is not None:
        return [*record.roll.present, *record.roll.apologies, *record.roll.absent]
    return [m.name for m in the_set.members_at(record.date)]


def present_at(the_set: Set, record: MeetingRecord) -> list[str]:
    """Who came: the roll's present, else every member then (attendance not taken)."""
    roll = record.roll
    return [
        name
        for name in expected_at(the_set, record)
        if roll is None
        or state_on_roll(roll.present, roll.apologies, roll.absent, name) is AttendanceState.present
    ]


# ---------------------------------------------------------------------------- cadence


@dataclass(frozen=True)
class Cadence:
    """Meetings held against the set's cadence."""

    held: int = 0
    on_time: int = 0
    late: int = 0
    missed: int = 0


def against_cadence(the_set: Set, dates: Sequence[dt.date], today: dt.date) -> Cadence:
    """On time, late and missed (see `HOW["cadence"]`); the due date is `schedule.next_meeting`."""
    cadence_days = the_set.cadence_weeks * 7
    on_time = late = missed = 0
    for index in range(1, len(dates)):
        following = next_meeting(the_set, dates[:index])
        if following is None:
            continue
        delay = (dates[index] - following.date).days
        if delay <= GRACE_DAYS:
            on_time += 1
        else:
            late += 1
            missed += delay // cadence_days
    upcoming = next_meeting(the_set, dates)
    if upcoming is not None and upcoming.overdue(today):
        missed += (today - upcoming.date).days // cadence_days
    return Cadence(len(dates), on_time, late, missed)


# ---------------------------------------------------------------------------- per meeting


@dataclass(frozen=True)
class MeetingFigures:
    date: dt.date
    expected: int
    present: list[str]
    presenters: list[str]
    totals: Tally
    by_member: dict[str, Tally]
    actions_agreed: int
    actions_completed: int
    actions_reported: int
    prompts: int = 0
    members: tuple[str, ...] = ()
    """Who belonged to the set at the meeting: those expected (`expected_at`)."""
    facilitator: str = ""
    """Who facilitated it (`record.facilitator_of`)."""
    agreed_by: frozenset[str] = frozenset()
    """Whose actions were agreed at it: whom `actions_agreed` is about."""
    reported_by: frozenset[str] = frozenset()
    """Whose actions were reported on at it: whom `actions_completed` is about."""

    def belonged(self, name: str) -> bool:
        folded = same_member(name)
        return any(same_member(m) == folded for m in self.members)

    @property
    def contributions(self) -> int:
        return self.totals.total

    @property
    def question_share(self) -> float | None:
        return share(self.totals.questions, self.totals.total)

    @property
    def advice(self) -> int:
        return self.totals.advice

    @property
    def completion(self) -> float | None:
        """Actions reported done here ÷ actions reported on here (for the chart)."""
        return share(self.actions_completed, self.actions_reported)


def _meeting_figures(
    the_set: Set, record: MeetingRecord, actions: _ActionsByDate, roster: Sequence[str]
) -> MeetingFigures:
    codebook = codebook_for(the_set)
    reports = actions.reports.get(record.date, [])
    expected = expected_at(the_set, record)
    return MeetingFigures(
        date=record.date,
        expected=len(expected),
        present=present_at(the_set, record),
        presenters=list(record.presenters),
        totals=tally_said(record.said, codebook),
        by_member=tally_said_by_member(record.said, codebook, roster),
        actions_agreed=actions.agreed.get(record.date, 0),
        actions_completed=sum(1 for u in reports if u.progress is Progress.done),
        actions_reported=len(reports),
        prompts=len(record.prompts),
        members=tuple(expected),
        facilitator=facilitator_of(record, the_set),
        agreed_by=frozenset(actions.agreed_by.get(record.date, ())),
        reported_by=frozenset(actions.reported_by.get(record.date, ())),
    )


class _ActionsByDate:
    """The actions agreed and the report-backs given at each meeting, found in one pass (not
    one pass over every action per meeting)."""

    def __init__(self, actions: Iterable[Action]) -> None:
        self.agreed: dict[dt.date, int] = {}
        self.reports: dict[dt.date, list[ReportBack]] = {}
        self.agreed_by: dict[dt.date, set[str]] = {}
        self.reported_by: dict[dt.date, set[str]] = {}
        for action in actions:
            owner = same_member(action.owner)
            self.agreed[action.agreed_at] = self.agreed.get(action.agreed_at, 0) + 1
            self.agreed_by.setdefault(action.agreed_at, set()).add(owner)
            for update in action.updates:
                self.reports.setdefault(update.meeting, []).append(update)
                self.reported_by.setdefault(update.meeting, set()).add(owner)


# ---------------------------------------------------------------------------- per member


@dataclass(frozen=True)
class MemberFigures:
    name: str
    question_shares: list[float | None]  # one a meeting of the set, None where none
    advice: int
    attended: int
    meetings: int
    actions_agreed: int
    actions_done: int
    last_presented: dt.date | None
    issues_resolved: int
    contributions: int
    contribution_share: float | None
    growth: Growth

    @property
    def advice_per_meeting(self) -> float | None:
        return share(self.advice, self.attended)

    @property
    def trend(self) -> str:
        return sparkline(self.question_shares)


@dataclass(frozen=True)
class Growth:
    """Question and advice share over the first meetings against the last (`HOW["growth"]`)."""

    first_questions: float | None = None
    last_questions: float | None = None
    first_advice: float | None = None
    last_advice: float | None = None

    @property
    def questions_change(self) -> float | None:
        return _change(self.first_questions, self.last_questions)

    @property
    def advice_change(self) -> float | None:
        return _change(self.first_advice, self.last_advice)


def _change(first: float | None, last: float | None) -> float | None:
    return None if first is None or last is None else last - first


def pooled(tallies: Sequence[Tally]) -> tuple[float | None, float | None]:
    """(question share, advice share) of these tallies added together."""
    total = sum(t.total for t in tallies)
    return share(sum(t.questions for t in tallies), total), share(
        sum(t.advice for t in tallies), total
    )


def growth_of(tallies: Sequence[Tally]) -> Growth:
    """Pooled shares over the first and the last `GROWTH_SPAN` tallies (they overlap below six)."""
    if len(tallies) < 2:
        return Growth()

    first_questions, first_advice = pooled(tallies[:GROWTH_SPAN])
    last_questions, last_advice = pooled(tallies[-GROWTH_SPAN:])
    return Growth(first_questions, last_questions, first_advice, last_advice)


# ---------------------------------------------------------------------------- the set


@dataclass(frozen=True)
class Outcome:
    date: dt.date
    owner: str
    action: str
    outcome: str
    value: float | int | None
    unit: str
    value_text: str
    ledger: Ledger
    """Attribution, confidence, kind and evidence (`ReportBack.ledger`)."""


@dataclass
class History:
    """A set's figures: per meeting, per member and for the set as a whole."""

    name: str
    slug: str
    cadence_weeks: int
    meetings: list[MeetingFigures]
    members: list[MemberFigures]
    attendance_present: int
    attendance_expected: int
    actions_due: int  # agreed before the latest meeting
    actions_done: int  # of those, now done
    actions_agreed: int
    issues_resolved: int
    issues_parked: int
    issues: int
    outcomes: list[Outcome]
    growth: Growth
    cadence: Cadence = field(default_factory=Cadence)
    booked_minutes: int = 0
    """How long each meeting is booked for (`schedule.booked_minutes`)."""

    @property
    def attendance_rate(self) -> float | None:
        return share(self.attendance_present, self.attendance_expected)

    @property
    def completion_rate(self) -> float | None:
        return share(self.actions_done, self.actions_due)

    @property
    def values(self) -> dict[str, float]:
        return value_totals(self.outcomes)

    @property
    def equal_share(self) -> float | None:
        return share(1, len(self.members))


def value_totals(outcomes: Iterable[Outcome]) -> dict[str, float]:
    """The values reported back, added up per unit ("GBP", "hours"), units in order met."""
    totals: dict[str, float] = {}
    for outcome in outcomes:
        if outcome.value is not None:
            totals[outcome.unit] = totals.get(outcome.unit, 0) + outcome.value
    return totals


def history(record: SetRecord, today: dt.date) -> History:
    """Every figure of a set's history from its files (see `HOW` for how each is computed)."""
    the_set = record.the_set
    everyone = [m.name for m in the_set.members]
    by_date = _ActionsByDate(record.actions)
    meetings = [
        _meeting_figures(the_set, m, by_date, everyone) for m in record.meetings if held(m, today)
    ]
    # Current members, and those who have left if they belonged at one of the meetings.
    roster = [
        m.name
        for m in the_set.members
        if not m.retired or any(f.belonged(m.name) for f in meetings)
    ]
    dates = [m.date for m in meetings]
    latest = dates[-1] if dates else None
    due = [a for a in record.actions if latest is not None and a.agreed_at < latest]
    all_by_member: dict[str, int] = {}
    for figures in meetings:
        for name, counts in figures.by_member.items():
            if name in roster and figures.belonged(name):
                all_by_member[name] = all_by_member.get(name, 0) + counts.total
    members_total = sum(all_by_member.values())

    members: list[MemberFigures] = []
    for name in roster:
        folded = same_member(name)
        theirs = [f for f in meetings if f.belonged(name)]
        attended = [f for f in theirs if any(same_member(p) == folded for p in f.present)]
        tallies = [f.by_member[name] for f in attended]
        owned = [a for a in record.actions if same_member(a.owner) == folded]
        presented = [
            f.date for f in meetings if any(same_member(p) == folded for p in f.presenters)
        ]
        members.append(
            MemberFigures(
                name=name,
                question_shares=[
                    share(f.by_member[name].questions, f.by_member[name].total)
                    if f.belonged(name)
                    else None
                    for f in meetings
                ],
                advice=sum(t.advice for t in tallies),
                attended=len(attended),
                meetings=len(theirs),
                actions_agreed=len(owned),
                actions_done=sum(1 for a in owned if a.status is ActionStatus.done),
                last_presented=presented[-1] if presented else None,
                issues_resolved=sum(
                    1
                    for i in record.issues
                    if same_member(i.owner) == folded and i.status is IssueStatus.resolved
                ),
                contributions=all_by_member.get(name, 0),
                contribution_share=share(all_by_member.get(name, 0), members_total),
                growth=growth_of(tallies),
            )
        )
    outcomes = [
        Outcome(
            u.meeting, a.owner, a.text, u.outcome, u.value, u.value_unit, u.value_text, u.ledger
        )
        for a in record.actions
        for u in a.updates
        if u.outcome or u.value is not None
    ]
    outcomes.sort(key=lambda o: o.date)
    return History(
        name=the_set.name,
        slug=record.slug,
        cadence_weeks=the_set.cadence_weeks,
        meetings=meetings,
        members=members,
        attendance_present=sum(len(f.present) for f in meetings),
        attendance_expected=sum(f.expected for f in meetings),
        actions_due=len(due),
        actions_done=sum(1 for a in due if a.status is ActionStatus.done),
        actions_agreed=len(record.actions),
        issues_resolved=sum(1 for i in record.issues if i.status is IssueStatus.resolved),
        issues_parked=sum(1 for i in record.issues if i.status is IssueStatus.parked),
        issues=len(record.issues),
        outcomes=outcomes,
        growth=growth_of([f.totals for f in meetings]),
        cadence=against_cadence(the_set, dates, today),
        booked_minutes=booked_minutes(the_set.usual_hours),
    )
