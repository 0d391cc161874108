"""Writes the example vertical set `sets/ward-to-board/`: `python tests/make_vertical_set.py`.

A vertical set: six members from different levels of one NHS trust, from a director to a
staff nurse, meeting every six weeks through 2026 (one meeting a cycle late, after the winter
pressures). Over eight meetings the set's questioning grows (more open questions, less
advice) while one member's does not: the director keeps reaching for advice. Actions are
agreed and reported back with outcomes and values, issues are resolved and parked, and a
member sends apologies now and then.

Written through actionset's store, as the console writes it, so `actionset check` finds no
problem; deterministic, the same files every time. `tests/test_vertical_set.py` checks that
sets/ward-to-board is exactly what this writes.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from pathlib import Path

from actionset.model import (
    Action,
    Attendance,
    ClockState,
    Issue,
    IssueStatus,
    Meeting,
    Member,
    Presentation,
    ReportBack,
    Set,
    StatusChange,
)
from actionset.model.action_status import Progress
from actionset.model.agenda import BUILTIN_TEMPLATES, build_agenda
from actionset.model.contributions import Tagger, slot_at
from actionset.model.ledger import Evidence, OutcomeKind
from actionset.model.meeting import AgendaPhase, NextMeeting, PhaseKind, PhaseStatus
from actionset.store import SetStore, TagJournal

SLUG = "ward-to-board"
ZONE_WINTER = dt.UTC
ZONE_SUMMER = dt.timezone(dt.timedelta(hours=1))
PLACE = "Seminar Room 3, Education Centre, Harbourside General"
ORGANISATION = "Harbourside NHS Foundation Trust"

MEMBERS = [
    Member(name="Claire Morgan", role="Director of Operations"),
    Member(name="Dev Patel", role="Ward Manager, Elderly Care"),
    Member(name="Aisha Bello", role="Consultant in Acute Medicine"),
    Member(name="Leah Murphy", role="Staff Nurse, Emergency Department"),
    Member(name="Kofi Mensah", role="Estates Supervisor"),
    Member(name="Rob Hayes", role="Finance Business Partner"),
]
for _member in MEMBERS:
    _member.organisation = ORGANISATION
NAMES = [m.name for m in MEMBERS]
DIRECTOR = "Claire Morgan"

THE_SET = Set(
    name="Ward to Board — Harbourside NHS Foundation Trust",
    facilitator="Joanna Reid",
    cadence_weeks=6,
    kind="vertical",
    organisations=[ORGANISATION],
    agenda_template="half-day",
    usual_time="13:30",
    usual_place=PLACE,
    ground_rules=[
        "Rank stays at the door: in the set a director and a staff nurse are equal members.",
        "What is said in the set stays in the set; actions and progress may be shared.",
        "Questions, not advice: the presenter finds their own way forward.",
        "We start and finish on time, and the final reflection is never cut.",
    ],
    members=MEMBERS,
)

# (date, presenters with their issue, apologies). Meeting 4 is a cycle late: winter pressures.
DATES = [
    dt.date(2025, 12, 1),
    dt.date(2026, 1, 12),
    dt.date(2026, 2, 23),
    dt.date(2026, 5, 18),
    dt.date(2026, 6, 29),
    dt.date(2026, 8, 10),
    dt.date(2026, 9, 21),
    dt.date(2026, 11, 2),
]
APOLOGIES = {3: ["Leah Murphy"], 5: ["Kofi Mensah"], 6: ["Rob Hayes"]}

ISSUES = [
    # (id, owner, title, worked at meetings, final status and where)
    ("discharge-lounge", "Dev Patel", "Patients wait all day for a discharge lounge bed", [0, 4]),
    ("rota-gaps", "Leah Murphy", "Night shift gaps filled by agency staff nobody knows", [0, 5]),
    ("board-hears", "Claire Morgan", "The board hears about problems months after the ward", [1]),
    ("estates-backlog", "Kofi Mensah", "Repair requests disappear into a queue", [1]),
    ("consultant-rounds", "Aisha Bello", "Weekend rounds start too late to discharge", [2]),
    ("budget-visibility", "Rob Hayes", "Ward managers cannot see their own budgets", [2, 7]),
    ("winter-beds", "Claire Morgan", "Escalation beds open every winter and never close", [3]),
    ("falls", "Dev Patel", "Falls on the ward at night", [3]),
    ("handover", "Aisha Bello", "Handover from ED to the wards loses information", [5, 6]),
    ("apprentices", "Kofi Mensah", "Apprentices leave after a year", [6]),
    ("cost-of-agency", "Rob Hayes", "Agency spend reported but never owned", [4]),
    ("board-visits", "Claire Morgan", "Board walk-rounds that staff dread", [7]),
]
RESOLVED = {"discharge-lounge": 4, "estates-backlog": 6, "budget-visibility": 7, "falls": 5}
PARKED = {"winter-beds": 5}

# What the owners said of their outcomes for the value ledger, by outcome: the share due to the
# set's work, how sure they were, its kind and who confirmed it (the rest take the defaults).
LEDGER: dict[str, dict[str, object]] = {
    "Take-home medicines now ordered the evening before": {
        "attribution": 80,
        "confidence": 70,
        "evidence": Evidence.confirmed_by_manager,
    },
    "Oldest urgent repair down from 60 days to 9": {"kind": OutcomeKind.quality},
    "Weekend discharges before noon up from 4 to 11 a weekend": {
        "attribution": 60,
        "confidence": 80,
        "kind": OutcomeKind.cost_avoided,
        "evidence": Evidence.confirmed_by_sponsor,
    },
    "Every ward manager now gets a monthly one-page budget": {"kind": OutcomeKind.quality},
    "Bay lighting changed; night falls halved": {
        "attribution": 70,
        "confidence": 60,
        "kind": OutcomeKind.cost_avoided,
    },
    "Agency spend owned by each divisional manager": {
        "attribution": 30,
        "confidence": 60,
        "evidence": Evidence.confirmed_by_manager,
    },
}

# What each presenter agrees, and how it went: (text, progress, outcome, value, unit).
ACTION_PLANS: dict[str, list[tuple[str, Progress, str, float | None, str]]] = {
    "discharge-lounge": [
        (
            "Sit in the discharge lounge for a morning and count the empty chairs",
            Progress.done,
            "",
            None,
            "",
        ),
        (
            "Ask pharmacy when take-home medicines are actually ready",
            Progress.done,
            "Take-home medicines now ordered the evening before",
            40,
            "hours",
        ),
    ],
    "rota-gaps": [
        (
            "Ask the three longest-serving night nurses what would keep them",
            Progress.done,
            "",
            None,
            "",
        ),
        ("Propose a bank-staff induction shift to the matron", Progress.partly, "", None, ""),
    ],
    "board-hears": [
        (
            "Ask two ward managers what they stopped telling the board, and why",
            Progress.not_done,
            "",
            None,
            "",
        ),
    ],
    "estates-backlog": [
        (
            "Walk the repair queue with a ward manager and sort it by risk",
            Progress.done,
            "Oldest urgent repair down from 60 days to 9",
            None,
            "",
        ),
        ("Publish the queue on the intranet every Monday", Progress.done, "", None, ""),
    ],
    "consultant-rounds": [
        (
            "Trial an 8 am weekend board round on one ward for a month",
            Progress.done,
            "Weekend discharges before noon up from 4 to 11 a weekend",
            18000,
            "GBP",
        ),
    ],
    "budget-visibility": [
        (
            "Build a one-page budget view with two ward managers",
            Progress.done,
            "Every ward manager now gets a monthly one-page budget",
            None,
            "",
        ),
        (
            "Ask the finance director to drop one report nobody reads",
            Progress.done,
            "Two monthly reports retired",
            6,
            "hours",
        ),
    ],
    "winter-beds": [
        (
            "List every escalation bed open since last winter, with its cost",
            Progress.partly,
            "",
            None,
            "",
        ),
    ],
    "falls": [
        (
            "Ask the night team where falls happen, not how many",
            Progress.done,
            "Bay lighting changed; night falls halved",
            12000,
            "GBP",
        ),
    ],
    "handover": [
        ("Shadow three ED-to-ward handovers and note what is lost", Progress.done, "", None, ""),
    ],
    "apprentices": [
        ("Ask last year's leavers what would have kept them", Progress.partly, "", None, ""),
    ],
    "cost-of-agency": [
        (
            "Name an owner for agency spend on each division's report",
            Progress.done,
            "Agency spend owned by each divisional manager",
            25000,
            "GBP",
        ),
    ],
    "board-visits": [
        ("Ask a staff nurse to plan the next board walk-round", Progress.done, "", None, ""),
    ],
}

NOTES = {
    "open-question": [
        "What would a good day on the ward look like?",
        "What are you not saying to the board?",
        "Who else sees this problem first?",
        "What have you already tried?",
        "What would you stop doing?",
    ],
    "closed-question": ["Is that in the budget?", "Has the matron seen it?"],
    "leading-question": ["Have you thought about escalating it?", "Wouldn't a policy fix it?"],
    "advice": ["You should take it to the executive meeting.", "Just write a business case."],
    "statement": ["We had this on my last ward too."],
}


def mix(member: str, number: int) -> list[tuple[str, float]]:
    """Weights of the codes a member reaches for at the meeting `number` (0 for the first).

    The set learns to ask: open questions grow and advice falls from meeting to meeting. The
    director does not: her mix stays advice-heavy all year.
    """
    if member == DIRECTOR:
        return [
            ("open-question", 0.2),
            ("closed-question", 0.15),
            ("leading-question", 0.25),
            ("advice", 0.3),
            ("statement", 0.1),
        ]
    grown = number / (len(DATES) - 1)
    return [
        ("open-question", 0.25 + 0.45 * grown),
        ("closed-question", 0.2),
        ("leading-question", 0.2 - 0.14 * grown),
        ("advice", 0.2 - 0.16 * grown),
        ("statement", 0.15 - 0.1 * grown),
    ]


def zone(day: dt.date) -> dt.timezone:
    return (
        ZONE_SUMMER if dt.date(day.year, 3, 29) <= day < dt.date(day.year, 10, 25) else ZONE_WINTER
    )


def run_agenda(presenters: list[str], present: list[str], rng: random.Random) -> list[AgendaPhase]:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], presenters, present)
    for phase in agenda:
        phase.status = PhaseStatus.done
        drift = 0 if phase.kind is PhaseKind.process_review else rng.randint(-90, 120)
        phase.actual_seconds = max(60, phase.planned_minutes * 60 + drift)
    return agenda


def tag_events(
    number: int, day: dt.date, agenda: list[AgendaPhase], present: list[str], rng: random.Random
) -> list[dict[str, object]]:
    """Tags in the clarify and probe phases by members present other than the presenter."""
    start = dt.datetime.combine(day, dt.time(13, 30), zone(day))
    moment = start
    at = start
    tagger = Tagger(clock=lambda: at)
    events: list[dict[str, object]] = []
    for index, phase in enumerate(agenda):
        end = moment + dt.timedelta(seconds=phase.actual_seconds)
        if phase.kind in (PhaseKind.clarify, PhaseKind.probe):
            askers = [m for m in present if m != phase.presenter]
            count = 9 if phase.kind is PhaseKind.clarify else 14
            step = (end - moment) / (count + 1)
            for i in range(count):
                at = moment + step * (i + 1)
                member = askers[(i + rng.randrange(len(askers))) % len(askers)]
                codes, weights = zip(*mix(member, number), strict=True)
                code = rng.choices(codes, weights)[0]
                note = rng.choice(NOTES[code]) if rng.random() < 0.4 else ""
                events.append(
                    tagger.tag(
                        member=member,
                        code=code,
                        phase=phase.title,
                        presenter=phase.presenter,
                        note=note,
                        slot=slot_at(agenda, index),
                    )
                )
        moment = end
    return events


def write_vertical(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    store = SetStore(folder)
    store.save_set(THE_SET)
    rng = random.Random(20260112)

    issues = {ident: Issue(id=ident, owner=owner, title=title) for ident, owner, title, _ in ISSUES}
    worked_at = {ident: meetings for ident, _, _, meetings in ISSUES}
    actions: list[Action] = []
    for number, day in enumerate(DATES):
        apologies = APOLOGIES.get(number, [])
        present = [name for name in NAMES if name not in apologies]
        presenting = [ident for ident, meetings in worked_at.items() if number in meetings]
        presenters = [issues[ident].owner for ident in presenting]

        # The report-back: every open action agreed earlier, as planned for its issue.
        for action in actions:
            if action.is_open and action.owner in present and action.agreed_at < day:
                plan = next(p for p in ACTION_PLANS[action.issue] if p[0] == action.text)
                _, progress, outcome, value, unit = plan
                if progress is Progress.partly and action.updates:
                    progress = Progress.done  # finished by the meeting after
                done = progress is Progress.done
                action.report(
                    ReportBack(
                        meeting=day,
                        progress=progress,
                        note="" if done else "carried forward",
                        outcome=outcome if done else "",
                        value=value if done else None,
                        value_unit=unit if done and value is not None else "",
                        **(LEDGER.get(outcome, {}) if done else {}),
                    )
                )

        for ident in presenting:
            issue = issues[ident]
            if RESOLVED.get(ident) == number:
                status = IssueStatus.resolved
            elif PARKED.get(ident) == number:
                status = IssueStatus.parked
            else:
                status = IssueStatus.worked
            issue.record(StatusChange(meeting=day, status=status))
            if status is IssueStatus.worked and worked_at[ident][0] == number:
                for text, *_ in ACTION_PLANS[ident]:
                    actions.append(
                        Action(
                            id=f"{ident}-{len([a for a in actions if a.issue == ident]) + 1}",
                            owner=issue.owner,
                            text=text,
                            issue=ident,
                            agreed_at=day,
                            due=day + dt.timedelta(weeks=THE_SET.cadence_weeks),
                        )
                    )
        for ident, meeting in {**RESOLVED, **PARKED}.items():
            if meeting == number and number not in worked_at[ident]:
                issues[ident].record(
                    StatusChange(
                        meeting=day,
                        status=IssueStatus.resolved if ident in RESOLVED else IssueStatus.parked,
                        note="said at the report-back",
                    )
                )

        agenda = run_agenda(presenters, present, rng)
        start = dt.datetime.combine(day, dt.time(13, 30), zone(day)) + dt.timedelta(
            minutes=rng.randint(0, 5)
        )
        total = sum(p.actual_seconds for p in agenda)
        following = DATES[number + 1] if number + 1 < len(DATES) else None
        store.save_meeting(
            Meeting(
                date=day,
                template="half-day",
                closed=True,
                time="13:30",
                place=PLACE,
                attendance=Attendance(present=present, apologies=apologies),
                presenters=[Presentation(member=issues[i].owner, issue=i) for i in presenting],
                reflections=REFLECTIONS[number],
                next_meeting=NextMeeting(date=following, time="13:30", place=PLACE)
                if following
                else None,
                clock=ClockState(
                    phase=len(agenda) - 1,
                    elapsed_seconds=agenda[-1].actual_seconds,
                    started_at=start,
                    ends_at=start + dt.timedelta(seconds=total),
                ),
                agenda=agenda,
            )
        )
        journal = TagJournal(store.tags_path(day))
        for event in tag_events(number, day, agenda, present, rng):
            journal.append(event)
        journal.close()
    store.save_issues(list(issues.values()))
    store.save_actions(actions)


REFLECTIONS = [
    ["Rank came into the room with us: most questions went to the director, not the presenter."],
    ["Advice still outnumbers open questions; we agreed to count to five before speaking."],
    ["Leah asked the question that changed Aisha's plan: 'who starts the round?'"],
    ["Winter pushed this meeting back a cycle; the set agreed to protect the next dates."],
    ["More open questions than ever; the facilitator named advice dressed as questions."],
    ["Claire noticed she still offers solutions first; the set asked her to try questions only."],
    ["Kofi's issue drew the best probing round of the year."],
    ["A year in: the set asks far more than it tells, except when the board is the topic."],
]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "sets"
    write_vertical(target / SLUG)
    print(f"wrote {target / SLUG}")
