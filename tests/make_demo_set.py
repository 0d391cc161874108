"""Writes the example set `sets/demo/` that ships with actionset: `python tests/make_demo_set.py`.

The files are written through the store, exactly as the console writes them, and are then
ordinary hand-editable TOML; the script is only kept so the example can be regenerated after a
change of format. It is deterministic: the same files every time.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from actionset.model import (
    Action,
    AgendaPhase,
    Attendance,
    ClockState,
    Issue,
    IssueStatus,
    Meeting,
    Member,
    PlanChange,
    Presentation,
    ReportBack,
    Set,
    StatusChange,
)
from actionset.model.action_status import Progress
from actionset.model.meeting import PhaseKind, PhaseStatus
from actionset.store import SetStore, TagJournal

BST = dt.timezone(dt.timedelta(hours=1))
PLACE = "Committee Room 2, Northfield Town Hall"

MEMBERS = [
    Member(name="Priya Shah", role="Head of Housing Services"),
    Member(name="Tom Reyes", role="Head of Revenues and Benefits"),
    Member(name="Helen Okafor", role="Head of Adult Social Care"),
    Member(name="Gareth Lewis", role="Head of Parks and Open Spaces"),
    Member(name="Mei Lin Chen", role="Head of Digital Services"),
    Member(name="Sam Whitaker", role="Head of Environmental Health"),
]
for _member in MEMBERS:
    _member.organisation = "Northfield Borough Council"

THE_SET = Set(
    name="Heads of Service — Northfield Borough Council",
    facilitator="Ruth Adeyemi",
    cadence_weeks=6,
    kind="horizontal",
    organisations=["Northfield Borough Council"],
    agenda_template="half-day",
    usual_time="09:30",
    usual_place=PLACE,
    ground_rules=[
        "What is said in the set stays in the set; actions and progress may be shared, "
        "the conversation may not.",
        "Statements only in response to questions; anyone may ask anyone a question.",
        "The facilitator may step in whenever there is a chance to learn.",
        "Questions, not advice: the presenter finds their own way forward.",
        "The presenter owns the issue and chooses their own actions.",
        "Phones away; we start and finish on time, and the final reflection is never cut.",
    ],
    members=MEMBERS,
)

ISSUES = [
    Issue(
        id="void-turnaround",
        owner="Priya Shah",
        title="Empty council homes take nine weeks to relet",
        description="Voids sit empty while repairs, gas safety and lettings pass the keys "
        "between them; the target is four weeks and the waiting list is growing.",
        history=[
            StatusChange(meeting=dt.date(2026, 5, 18), status=IssueStatus.worked),
            StatusChange(
                meeting=dt.date(2026, 9, 21),
                status=IssueStatus.worked,
                note="back with what the walk-through found",
            ),
        ],
    ),
    Issue(
        id="volunteer-rangers",
        owner="Gareth Lewis",
        title="Friends groups and the ranger service pulling in different directions",
        description="Volunteers feel managed, rangers feel undermined, and the summer "
        "programme is late again.",
        history=[
            StatusChange(meeting=dt.date(2026, 5, 18), status=IssueStatus.worked),
            StatusChange(
                meeting=dt.date(2026, 8, 10),
                status=IssueStatus.resolved,
                note="joint agreement signed with the three friends groups",
            ),
        ],
    ),
    Issue(
        id="hospital-discharge",
        owner="Helen Okafor",
        title="Delayed discharges: my team and the hospital blame each other",
        description="Weekly delayed-discharge figures have become a blame meeting; people "
        "wait on wards for packages of care that nobody owns.",
        history=[StatusChange(meeting=dt.date(2026, 6, 29), status=IssueStatus.worked)],
    ),
    Issue(
        id="digital-adoption",
        owner="Mei Lin Chen",
        title="Services will not move onto the new case system",
        description="Two years into the programme, four services still keep their own "
        "spreadsheets alongside the new system.",
        history=[
            StatusChange(meeting=dt.date(2026, 6, 29), status=IssueStatus.worked),
            StatusChange(
                meeting=dt.date(2026, 9, 21),
                status=IssueStatus.parked,
                note="waiting for the new director's decision on the system",
            ),
        ],
    ),
    Issue(
        id="backlog-morale",
        owner="Tom Reyes",
        title="A benefits backlog and a team that has stopped believing it can clear it",
        description="Eleven weeks of claims waiting; sickness absence is up and two senior "
        "assessors have left.",
        history=[StatusChange(meeting=dt.date(2026, 8, 10), status=IssueStatus.worked)],
    ),
    Issue(
        id="inspection-cuts",
        owner="Sam Whitaker",
        title="Food inspections: a statutory duty and a 20% budget cut",
        description="The service cannot meet the inspection programme with the officers "
        "left, and members have not been told what will stop.",
        history=[StatusChange(meeting=dt.date(2026, 8, 10), status=IssueStatus.worked)],
    ),
    Issue(
        id="depot-merger",
        owner="Gareth Lewis",
        title="Merging two depots without losing the crews' goodwill",
        description="The grounds and street-cleansing crews move to one site in spring; "
        "rumours are already doing the damage.",
        history=[StatusChange(meeting=dt.date(2026, 9, 21), status=IssueStatus.worked)],
    ),
    Issue(
        id="recruiting-social-workers",
        owner="Helen Okafor",
        title="We train social workers and the neighbouring county hires them",
        description="Bid at the September meeting; not yet worked.",
    ),
]


def _action(
    ident: str,
    owner: str,
    text: str,
    issue: str,
    agreed: str,
    due: str,
    *updates: tuple[str, Progress, str],
) -> Action:
    action = Action(
        id=ident,
        owner=owner,
        text=text,
        issue=issue,
        agreed_at=dt.date.fromisoformat(agreed),
        due=dt.date.fromisoformat(due),
    )
    for meeting, progress, note in updates:
        action.report(
            ReportBack(meeting=dt.date.fromisoformat(meeting), progress=progress, note=note)
        )
    return action


P = Progress
ACTIONS = [
    _action(
        "void-walk-through",
        "Priya Shah",
        "Walk one empty home end to end with repairs and lettings and time each hand-off",
        "void-turnaround",
        "2026-05-18",
        "2026-06-29",
        ("2026-06-29", P.done, "eleven days lost waiting for the gas safety certificate"),
    ),
    _action(
        "void-contractor",
        "Priya Shah",
        "Ask the repairs contractor what would let them start before the keys come back",
        "void-turnaround",
        "2026-05-18",
        "2026-06-29",
        ("2026-06-29", P.partly, "meeting booked for July"),
        ("2026-08-10", P.done, "they can start on a pre-void inspection if we give notice"),
    ),
    _action(
        "rangers-chairs",
        "Gareth Lewis",
        "Meet the chairs of the three largest friends groups before the summer programme is fixed",
        "volunteer-rangers",
        "2026-05-18",
        "2026-06-29",
        ("2026-06-29", P.done, ""),
    ),
    _action(
        "rangers-one-page",
        "Gareth Lewis",
        "Write one page with the friends groups on what rangers do and what volunteers do",
        "volunteer-rangers",
        "2026-05-18",
        "2026-06-29",
        ("2026-06-29", P.partly, "first draft shared, one group still to reply"),
        ("2026-08-10", P.done, "signed by all three groups"),
    ),
    _action(
        "discharge-ward-morning",
        "Helen Okafor",
        "Spend a morning on the discharge ward with the hospital's discharge coordinator",
        "hospital-discharge",
        "2026-06-29",
        "2026-08-10",
        ("2026-08-10", P.done, "saw the Friday afternoon rush for herself"),
    ),
    _action(
        "discharge-three-cases",
        "Helen Okafor",
        "Map where three recent delayed patients waited, and bring the maps to the joint meeting",
        "hospital-discharge",
        "2026-06-29",
        "2026-08-10",
        ("2026-08-10", P.partly, "two mapped; the third patient's records were on paper"),
        ("2026-09-21", P.done, "the joint meeting looked at the maps, not the figures"),
    ),
    _action(
        "adoption-ask-leaders",
        "Mei Lin Chen",
        "Ask the two most reluctant team leaders what the old spreadsheets do for them "
        "that the system does not",
        "digital-adoption",
        "2026-06-29",
        "2026-08-10",
        ("2026-08-10", P.done, "both said: let them see the whole caseload on one screen"),
    ),
    _action(
        "adoption-one-team",
        "Mei Lin Chen",
        "Agree a go-live date with one willing team instead of all four at once",
        "digital-adoption",
        "2026-06-29",
        "2026-08-10",
        ("2026-08-10", P.not_done, "the interim director asked her to wait"),
        ("2026-09-21", P.dropped, "parked until the new director decides on the system"),
    ),
    _action(
        "backlog-team-session",
        "Tom Reyes",
        "Hold a team session on what clearing the backlog would look like, without "
        "presenting the figures himself",
        "backlog-morale",
        "2026-08-10",
        "2026-09-21",
        ("2026-09-21", P.done, "the team set its own target: under six weeks by Christmas"),
    ),
    _action(
        "backlog-board",
        "Tom Reyes",
        "Put the weekly backlog count on the team board, with the age of the oldest claim",
        "backlog-morale",
        "2026-08-10",
        "2026-11-02",
        ("2026-09-21", P.partly, "the count is up; the oldest claim not yet, carried forward"),
    ),
    _action(
        "inspection-ask-region",
        "Sam Whitaker",
        "Ask the regional food lead how other councils risk-rate with fewer officers",
        "inspection-cuts",
        "2026-08-10",
        "2026-09-21",
        ("2026-09-21", P.done, "two councils share their risk model; copies promised"),
    ),
    _action(
        "inspection-options-paper",
        "Sam Whitaker",
        "Draft the options paper for councillors with the statutory minimum spelled out",
        "inspection-cuts",
        "2026-08-10",
        "2026-11-02",
        ("2026-09-21", P.not_done, "overtaken by the outbreak in August; carried forward"),
    ),
    _action(
        "void-pre-inspection-trial",
        "Priya Shah",
        "Trial a pre-void inspection on the next ten notices to quit and count the days saved",
        "void-turnaround",
        "2026-09-21",
        "2026-11-02",
    ),
    _action(
        "depot-ask-crews",
        "Gareth Lewis",
        "Ask the crews at both depots, separately, what they want to keep",
        "depot-merger",
        "2026-09-21",
        "2026-11-02",
    ),
    _action(
        "depot-find-others",
        "Gareth Lewis",
        "Find someone in the council who has merged two teams on one site, and ask how it went",
        "depot-merger",
        "2026-09-21",
        "2026-11-02",
    ),
]


# ---------------------------------------------------------------------------- meetings


@dataclass
class Plan:
    date: dt.date
    presenters: list[tuple[str, str]]
    apologies: list[str] = field(default_factory=list)
    place: str = PLACE
    late_start_minutes: int = 3
    reflections: list[str] = field(default_factory=list)
    first: bool = False
    # (open, closed, leading, advice, statement): the set asks better as the months go by.
    mix: tuple[float, ...] = (0.28, 0.22, 0.2, 0.16, 0.14)
    tags: int = 40


PLANS = [
    Plan(
        dt.date(2026, 5, 18),
        [("Priya Shah", "void-turnaround"), ("Gareth Lewis", "volunteer-rangers")],
        first=True,
        late_start_minutes=6,
        tags=44,
        reflections=[
            "Lots of 'have you tried…?' in Priya's probing round; we named it and agreed to "
            "turn them into 'what…?' questions.",
            "Clarifying ran into probing in Gareth's slot; Ruth will call the switch out loud.",
            "Helen and Mei Lin held questions back because they know nothing about housing; "
            "we agreed that not knowing is what makes a fresh question.",
        ],
    ),
    Plan(
        dt.date(2026, 6, 29),
        [("Helen Okafor", "hospital-discharge"), ("Mei Lin Chen", "digital-adoption")],
        apologies=["Sam Whitaker"],
        tags=38,
        mix=(0.36, 0.22, 0.17, 0.14, 0.11),
        reflections=[
            "Fewer leading questions than in May, but advice crept in during the first "
            "minutes of probing.",
            "Helen found the silence after 'what are you not saying to the hospital?' the "
            "most useful moment of her slot.",
            "Sam sent apologies; the set agreed he gets the actions only, not the discussion.",
        ],
    ),
    Plan(
        dt.date(2026, 8, 10),
        [("Tom Reyes", "backlog-morale"), ("Sam Whitaker", "inspection-cuts")],
        place="The Lodge, Northfield Park",
        tags=50,
        mix=(0.48, 0.2, 0.14, 0.1, 0.08),
        reflections=[
            "Most questions were open; Gareth caught himself twice and rephrased.",
            "Report-back over-ran by six minutes: next time one minute each, then questions.",
        ],
    ),
    Plan(
        dt.date(2026, 9, 21),
        [("Gareth Lewis", "depot-merger"), ("Priya Shah", "void-turnaround")],
        late_start_minutes=2,
        tags=54,
        mix=(0.62, 0.18, 0.09, 0.06, 0.05),
        reflections=[
            "Best probing round yet: Tom's 'what would you stop doing?' changed Priya's actions.",
            "Everyone asked at least one open question in both slots.",
            "The set wants to try equal time for all six in January.",
        ],
    ),
]

CODES = ("open-question", "closed-question", "leading-question", "advice", "statement")

WORDS: dict[str, dict[str, list[str]]] = {
    "void-turnaround": {
        "open-question": [
            "What happens to the keys on the day a tenant leaves?",
            "Who notices first that a home is empty?",
            "What would four weeks look like from the new tenant's side?",
            "What have you already tried that nearly worked?",
            "What would you stop doing?",
        ],
        "closed-question": [
            "Is the gas safety check done by the same contractor?",
            "Does lettings see the repairs schedule?",
        ],
        "leading-question": [
            "Have you thought about a pre-void inspection?",
            "Wouldn't it be quicker to bring gas checks in-house?",
        ],
        "advice": [
            "You should put one person in charge of every void.",
            "In my experience you just give the contractor a penalty clause.",
        ],
    },
    "volunteer-rangers": {
        "open-question": [
            "What do the friends groups want that they are not getting?",
            "What does a good Saturday in the park look like to a ranger?",
            "Where does the friction show first?",
        ],
        "closed-question": [
            "Have the chairs met the rangers together?",
            "Is the summer programme already published?",
        ],
        "leading-question": ["Have you tried a volunteer agreement?"],
        "advice": ["You need a volunteer coordinator, full stop."],
    },
    "hospital-discharge": {
        "open-question": [
            "What are you not saying to the hospital?",
            "What does the discharge coordinator need from your team?",
            "Where did the last delayed patient actually wait?",
            "What would it take for the weekly meeting to stop being about blame?",
        ],
        "closed-question": [
            "Do you have a named contact on each ward?",
            "Are the figures shared before the meeting?",
        ],
        "leading-question": ["Shouldn't the trust be paying for the packages?"],
        "advice": ["I'd take it straight to the chief executive."],
    },
    "digital-adoption": {
        "open-question": [
            "What do the spreadsheets do for the teams that the system doesn't?",
            "Who would be the first team to move if you asked nicely?",
            "What are you afraid will happen if you stop pushing?",
        ],
        "closed-question": [
            "Is there a deadline from the director?",
            "Can the old spreadsheets be switched off?",
        ],
        "leading-question": ["Have you tried making the spreadsheets read-only?"],
        "advice": ["You should just switch them off on a Friday."],
    },
    "backlog-morale": {
        "open-question": [
            "What does the team believe about the backlog?",
            "When did they last feel they were winning?",
            "What would the team say if you weren't in the room?",
            "What is in your control here, and what isn't?",
        ],
        "closed-question": ["Is overtime still frozen?", "Do they see the weekly numbers?"],
        "leading-question": ["Wouldn't a backlog blitz weekend help?"],
        "advice": ["Bring in agency assessors for three months."],
    },
    "inspection-cuts": {
        "open-question": [
            "What will stop if nobody decides?",
            "Who needs to hear this before councillors do?",
            "What does the statutory minimum actually require of you?",
        ],
        "closed-question": ["Have councillors seen the figures?", "Is the 20% cut final?"],
        "leading-question": ["Have you thought about sharing officers with the county?"],
        "advice": ["You should write to the portfolio holder this week."],
    },
    "depot-merger": {
        "open-question": [
            "What are the crews afraid of losing?",
            "What have you told them, and what have they heard?",
            "Who do the crews trust at each depot?",
            "What would a good first day on the new site look like?",
        ],
        "closed-question": [
            "Is the move date fixed?",
            "Will the two crews keep separate supervisors?",
        ],
        "leading-question": ["Have you tried asking the union reps first?"],
        "advice": ["Get them all in a room and tell them straight."],
    },
}
STATEMENTS = [
    "We had exactly this in revenues last year.",
    "Contractors are always the problem in my experience.",
    "I think the director should sort this out.",
    "That's the same as the restructure in 2019.",
    "Honestly, it sounds like a staffing issue.",
]

# Gareth reaches for advice more than the others; Mei Lin speaks least; Tom asks most.
ADVICE_LEAN = {"Gareth Lewis": 1.7, "Tom Reyes": 0.6}
TALK = {"Mei Lin Chen": 0.7, "Tom Reyes": 1.3}


def half_day(plan: Plan) -> list[AgendaPhase]:
    def phase(
        title: str, kind: PhaseKind, minutes: int, presenter: str = "", rule: str = ""
    ) -> AgendaPhase:
        return AgendaPhase(
            title=title, kind=kind, planned_minutes=minutes, presenter=presenter, rule=rule
        )

    def block(presenter: str) -> list[AgendaPhase]:
        return [
            phase(
                "Present", PhaseKind.present, 5, presenter, "The presenter speaks; no interruptions"
            ),
            phase("Clarify", PhaseKind.clarify, 10, presenter, "Clarifying questions only"),
            phase(
                "Probe",
                PhaseKind.probe,
                15,
                presenter,
                "Open questions that help the presenter think; no advice",
            ),
            phase("Actions", PhaseKind.actions, 10, presenter, "The presenter chooses"),
            phase("Reflect", PhaseKind.reflect, 5, presenter),
        ]

    first, second = (member for member, _ in plan.presenters)
    return [
        phase("Check-in and ground rules", PhaseKind.check_in, 15),
        phase("Report-back on last meeting's actions", PhaseKind.report_back, 25),
        phase("Bids and running order", PhaseKind.bids, 10),
        *block(first),
        phase("Break", PhaseKind.break_, 15),
        *block(second),
        phase("Process review", PhaseKind.process_review, 15, rule="Protected: never squeezed out"),
        phase("Close and next date", PhaseKind.close, 10),
    ]


def run_agenda(
    plan: Plan, rng: random.Random
) -> tuple[list[AgendaPhase], list[PlanChange], dt.datetime]:
    """The agenda as it ran: actual times near the plan, the process review kept whole."""
    agenda = half_day(plan)
    start = dt.datetime.combine(plan.date, dt.time(9, 30), BST) + dt.timedelta(
        minutes=plan.late_start_minutes
    )
    changes: list[PlanChange] = []
    for phase in agenda:
        phase.status = PhaseStatus.done
        if phase.kind in (PhaseKind.process_review, PhaseKind.break_):
            phase.actual_seconds = phase.planned_minutes * 60 + rng.randint(-20, 40)
        else:
            phase.actual_seconds = max(60, phase.planned_minutes * 60 + rng.randint(-100, 140))
    if plan.first:
        # Nothing to report back at the first meeting: the time went on agreeing ground rules.
        check_in, report_back = agenda[0], agenda[1]
        report_back.status = PhaseStatus.skipped
        report_back.actual_seconds = 0
        check_in.allotted_seconds = 40 * 60
        check_in.actual_seconds = 38 * 60 + 40
        at = start + dt.timedelta(minutes=2)
        changes += [
            PlanChange(at=at, change="skip", phase=report_back.title, seconds=1500),
            PlanChange(at=at, change="add", phase=check_in.title, seconds=1500),
        ]
    if plan.date == dt.date(2026, 8, 10):
        agenda[1].actual_seconds = 31 * 60 + 12
    return agenda, changes, start


def tag_events(
    plan: Plan, agenda: list[AgendaPhase], start: dt.datetime, rng: random.Random
) -> list[dict[str, object]]:
    """Tags inside the clarify and probe phases, with one re-code, one delete and one late note."""
    present = [m.name for m in MEMBERS if m.name not in plan.apologies]
    issue_of = dict(plan.presenters)
    windows: list[tuple[AgendaPhase, dt.datetime, dt.datetime]] = []
    clock = start
    for phase in agenda:
        end = clock + dt.timedelta(seconds=phase.actual_seconds)
        if phase.kind in (PhaseKind.clarify, PhaseKind.probe):
            windows.append((phase, clock, end))
        clock = end
    pools = {
        issue: {code: rng.sample(words, len(words)) for code, words in table.items()}
        for issue, table in WORDS.items()
    }
    statements = rng.sample(STATEMENTS, len(STATEMENTS))

    tags: list[dict[str, object]] = []
    weights = [2 if p.kind is PhaseKind.probe else 1.4 for p, _, _ in windows]
    per_window = [round(plan.tags * w / sum(weights)) for w in weights]
    total = sum(per_window)
    # Codes by quota, so each meeting shows the mix it was meant to: asking improves over time.
    codes = [
        code
        for code, share in zip(CODES, plan.mix, strict=True)
        for _ in range(round(share * total))
    ]
    codes = (codes + ["open-question"] * total)[:total]
    rng.shuffle(codes)
    spoken: dict[str, float] = dict.fromkeys(present, 0.0)
    for (phase, begin, end), count in zip(windows, per_window, strict=True):
        askers = [m for m in present if m != phase.presenter]
        span = (end - begin).total_seconds() - 30
        offsets = sorted(rng.sample(range(20, int(span)), count))
        for offset in offsets:
            code = codes.pop()
            if phase.kind is PhaseKind.clarify and code == "open-question" and rng.random() < 0.3:
                code = "closed-question"  # clarifying rounds draw closed questions
            advice = code in ("leading-question", "advice")

            def share(m: str, advice: bool = advice) -> float:
                lean = ADVICE_LEAN.get(m, 1.0) if advice else 1.0
                return spoken[m] / (TALK.get(m, 1.0) * lean) + rng.random() * 1.5

            member = min(askers, key=share)
            spoken[member] += 1
            note = ""
            if rng.random() < 0.5:
                pool = (
                    statements
                    if code == "statement"
                    else (pools[issue_of[phase.presenter]].get(code, []))
                )
                note = pool.pop() if pool else ""
            tags.append(
                {
                    "at": begin + dt.timedelta(seconds=offset),
                    "phase": phase.title,
                    "presenter": phase.presenter,
                    "member": member,
                    "code": code,
                    "note": note,
                }
            )

    events: list[dict[str, object]] = []
    ident = 0
    recoded = deleted = noted = False
    for tag in tags:
        ident += 1
        at: dt.datetime = tag.pop("at")  # type: ignore[assignment]
        events.append({"op": "tag", "id": ident, "at": at.isoformat(), **tag})
        if not recoded and tag["code"] == "closed-question" and tag["phase"] == "Probe":
            # The coach hears the rest of the sentence: a suggestion, not a question.
            events.append({"op": "recode", "id": ident, "code": "leading-question"})
            recoded = True
        elif not deleted and ident > 8:
            # Tagged the wrong person: undone, and tagged again for the one who spoke.
            events.append({"op": "delete", "id": ident})
            others = [m for m in present if m not in (tag["member"], tag["presenter"])]
            ident += 1
            events.append(
                {
                    "op": "tag",
                    "id": ident,
                    "at": (at + dt.timedelta(seconds=4)).isoformat(),
                    **{**tag, "member": rng.choice(others)},
                }
            )
            deleted = True
        elif not noted and not tag["note"] and tag["code"] == "open-question" and ident > 15:
            events.append({"op": "note", "id": ident, "note": "What else?"})
            noted = True
    return events


def write_demo(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    store = SetStore(folder)
    folder.mkdir(parents=True)
    store.save_set(THE_SET)
    store.save_issues(ISSUES)
    store.save_actions(ACTIONS)
    rng = random.Random(20260518)
    for plan in PLANS:
        agenda, changes, start = run_agenda(plan, rng)
        total = sum(p.actual_seconds for p in agenda)
        meeting = Meeting(
            date=plan.date,
            template="half-day",
            closed=True,
            place=plan.place,
            attendance=Attendance(
                present=[m.name for m in MEMBERS if m.name not in plan.apologies],
                apologies=plan.apologies,
            ),
            presenters=[Presentation(member=m, issue=i) for m, i in plan.presenters],
            reflections=plan.reflections,
            clock=ClockState(
                phase=len(agenda) - 1,
                running=False,
                elapsed_seconds=agenda[-1].actual_seconds,
                started_at=start,
                ends_at=start + dt.timedelta(seconds=total),
            ),
            agenda=agenda,
            changes=changes,
        )
        store.save_meeting(meeting)
        journal = TagJournal(store.tags_path(plan.date))
        for event in tag_events(plan, agenda, start, rng):
            journal.append(event)
        journal.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "sets"
    write_demo(target / "demo")
    print(f"wrote {target / 'demo'}")
