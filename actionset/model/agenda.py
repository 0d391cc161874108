"""Agenda templates (half-day, equal time, single problem, quick) and their expansion."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from actionset.model.base import Record
from actionset.model.glance import ID_PATTERN
from actionset.model.meeting import AgendaPhase, Meeting, PhaseKind, PhaseStatus, Presentation

# The rule each kind of phase puts in front of the room when a phase does not name its own.
DEFAULT_RULES: dict[PhaseKind, str] = {
    PhaseKind.check_in: "One round, everyone speaks; the ground rules hold from here",
    PhaseKind.report_back: "Each member reports on their actions: done, partly, not done, dropped",
    PhaseKind.bids: "Each member says how much time they need and why now",
    PhaseKind.present: "Presenter speaks: the set listens without interrupting",
    PhaseKind.clarify: "Clarifying questions only: no advice",
    PhaseKind.probe: "Open questions that help the presenter think: no advice",
    PhaseKind.actions: "The presenter chooses their own actions: no advice",
    PhaseKind.reflect: "Presenter reflects on what they learned: the set listens",
    PhaseKind.questions: "Statements only in response to questions",
    PhaseKind.reframe: "Agree the real problem before any action",
    PhaseKind.break_: "Break: back on time",
    PhaseKind.process_review: "How did we question today? Protected time",
    PhaseKind.close: "Agree the next date; one word each to close",
    PhaseKind.other: "Keep to time",
}

# A slot nobody has been chosen for yet holds "Presenter 1", "Presenter 2", ... until `w`.
PRESENTER_PLACEHOLDER = "Presenter {n}"
_PLACEHOLDER = re.compile(re.escape(PRESENTER_PLACEHOLDER).replace(r"\{n\}", r"[1-9][0-9]*"))


def is_placeholder(presenter: str) -> bool:
    """Whether an agenda phase's presenter is a slot's placeholder rather than a member."""
    return _PLACEHOLDER.fullmatch(presenter) is not None


class PhaseSpec(Record):
    """One phase as a template plans it; `rule` left empty takes the kind's usual rule."""

    title: str = Field(min_length=1)
    kind: PhaseKind = PhaseKind.other
    minutes: int = Field(ge=0, le=600)
    rule: str = ""

    @property
    def reminder(self) -> str:
        return self.rule or DEFAULT_RULES[self.kind]


class Template(Record):
    """A meeting shape: fixed phases, a presenter block repeated per presenter, fixed phases after.

    `presenters` is how many presenter slots the meeting has, or "all" for one slot for every
    member present (equal time).
    """

    name: str = Field(min_length=1, pattern=f"^{ID_PATTERN}$")
    description: str = ""
    before: list[PhaseSpec] = Field(default_factory=list)
    presenter: list[PhaseSpec] = Field(default_factory=list)
    between: list[PhaseSpec] = Field(default_factory=list)
    after: list[PhaseSpec] = Field(default_factory=list)
    presenters: int | Literal["all"] = 1

    @field_validator("presenters")
    @classmethod
    def _some_presenters(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 0 <= value <= 20:
            raise ValueError('presenters must be between 0 and 20, or "all"')
        return value

    @model_validator(mode="after")
    def _has_phases(self) -> Template:
        if not (self.before or self.presenter or self.after):
            raise ValueError("a template needs at least one phase")
        return self

    def slots(self, presenters: list[str], present_members: list[str]) -> list[str]:
        """The presenter of each slot, in order; placeholders where nobody is chosen yet."""
        if not self.presenter:
            return []
        chosen = list(dict.fromkeys(presenters))
        if self.presenters == "all":
            rest = [m for m in present_members if m not in chosen]
            names = chosen + rest
            return names or [PRESENTER_PLACEHOLDER.format(n=1)]
        # The set may choose more presenters than the template plans; the clock's squeeze
        # warning then tells the facilitator the meeting no longer fits.
        count = max(self.presenters, len(chosen))
        return [
            chosen[i] if i < len(chosen) else PRESENTER_PLACEHOLDER.format(n=i + 1)
            for i in range(count)
        ]

    def total_minutes(self, slots: int | None = None) -> int:
        """Planned minutes with `slots` presenters (the template's own number by default)."""
        if slots is None:
            slots = self.presenters if isinstance(self.presenters, int) else 1
        if not self.presenter:
            slots = 0
        fixed = sum(p.minutes for p in (*self.before, *self.after))
        block = sum(p.minutes for p in self.presenter)
        gap = sum(p.minutes for p in self.between)
        return fixed + slots * block + max(slots - 1, 0) * gap


def _phase(spec: PhaseSpec, presenter: str = "") -> AgendaPhase:
    return AgendaPhase(
        title=spec.title,
        kind=spec.kind,
        planned_minutes=spec.minutes,
        rule=spec.reminder,
        presenter=presenter,
    )


def build_agenda(
    template: Template, presenters: list[str], present_members: list[str]
) -> list[AgendaPhase]:
    """The meeting's agenda: the template expanded for these presenters, rules filled in."""
    agenda = [_phase(spec) for spec in template.before]
    for number, name in enumerate(template.slots(presenters, present_members)):
        if number:
            agenda.extend(_phase(spec) for spec in template.between)
        agenda.extend(_phase(spec, name) for spec in template.presenter)
    agenda.extend(_phase(spec) for spec in template.after)
    return agenda


def complete_agenda(meeting: Meeting, template: Template, present_members: list[str]) -> None:
    """Give a meeting that has no agenda its template's, keeping everything else it holds.

    The chosen presenters fill the slots; a clock already started has done the phases before
    its own. A clock past the template's last phase cannot be completed: the meeting's own
    check raises (a pydantic ValidationError at `clock.phase`) and the meeting is unchanged.
    """
    agenda = build_agenda(template, [p.member for p in meeting.presenters], present_members)
    phase = meeting.clock.phase
    if meeting.clock.started_at is not None and phase < len(agenda):
        for done in agenda[:phase]:
            done.status = PhaseStatus.done
        agenda[phase].status = PhaseStatus.current
    Meeting.model_validate({**dict(meeting), "agenda": agenda})  # raises before any change
    meeting.agenda = agenda


def _spec(title: str, kind: PhaseKind, minutes: int, rule: str = "") -> PhaseSpec:
    return PhaseSpec(title=title, kind=kind, minutes=minutes, rule=rule)


K = PhaseKind

HALF_DAY = Template(
    name="half-day",
    description="Three hours, two presenters: report-back, bids, two issues, process review",
    before=[
        _spec("Check-in and ground rules", K.check_in, 15),
        _spec("Report-back on last meeting's actions", K.report_back, 25),
        _spec("Bids and running order", K.bids, 10),
    ],
    presenter=[
        _spec("Present", K.present, 5),
        _spec("Clarify", K.clarify, 10),
        _spec("Probe", K.probe, 15),
        _spec("Actions", K.actions, 10),
        _spec("Reflect", K.reflect, 5),
    ],
    between=[_spec("Break", K.break_, 15)],
    after=[
        _spec("Process review", K.process_review, 15),
        _spec("Close and next date", K.close, 10),
    ],
    presenters=2,
)

EQUAL_TIME = Template(
    name="equal-time",
    description="A slot of the same length for every member present, in the booked hours; no bids",
    before=[
        _spec("Check-in", K.check_in, 5),
        _spec("Report-back on last meeting's actions", K.report_back, 20),
    ],
    presenter=[
        _spec("Present", K.present, 3),
        _spec("Clarify", K.clarify, 5),
        _spec("Probe", K.probe, 8),
        _spec("Actions", K.actions, 4),
        _spec("Reflect", K.reflect, 2),
    ],
    after=[
        _spec("Process review", K.process_review, 15),
        _spec("Close and next date", K.close, 5),
    ],
    presenters="all",
)

SINGLE_PROBLEM = Template(
    name="single-problem",
    description="WIAL style, 90 minutes on one problem, with protected reflection",
    before=[
        _spec(
            "Check-in and ground rules",
            K.check_in,
            5,
            "Statements only in response to questions; the coach may intervene",
        ),
    ],
    presenter=[
        _spec("Problem", K.present, 5),
        _spec("Questions", K.questions, 35),
        _spec("Reframe the problem", K.reframe, 10),
        _spec("Actions", K.actions, 15),
    ],
    after=[
        _spec("Process review", K.process_review, 15),
        _spec("Close", K.close, 5),
    ],
    presenters=1,
)

QUICK = Template(
    name="quick",
    description="Ninety minutes, one presenter, no bids",
    before=[
        _spec("Check-in", K.check_in, 5),
        _spec("Report-back on last meeting's actions", K.report_back, 10),
    ],
    presenter=[
        _spec("Present", K.present, 5),
        _spec("Clarify", K.clarify, 10),
        _spec("Probe", K.probe, 25),
        _spec("Actions", K.actions, 10),
        _spec("Reflect", K.reflect, 5),
    ],
    after=[
        _spec("Process review", K.process_review, 15),
        _spec("Close and next date", K.close, 5),
    ],
    presenters=1,
)

BUILTIN_TEMPLATES: dict[str, Template] = {
    t.name: t for t in (HALF_DAY, EQUAL_TIME, SINGLE_PROBLEM, QUICK)
}


def presenter_slots(agenda: list[AgendaPhase]) -> list[str]:
    """Who holds each presenter slot, in running order: placeholders until chosen."""
    slots: list[str] = []
    for phase in agenda:
        if phase.presenter and phase.presenter not in slots:
            slots.append(phase.presenter)
    return slots


def assign_presenters(agenda: list[AgendaPhase], names: list[str]) -> None:
    """Put the chosen presenters into the agenda's slots, in running order.

    Slots are the presenter names as they stand (placeholders such as "Presenter 1" at first);
    the first slot gets the first name, and so on. Slots beyond the names keep theirs, except
    a holder now chosen for an earlier slot: that slot goes to a holder the names displaced
    (or back to a placeholder), so that no member holds two slots.
    """
    slots = presenter_slots(agenda)
    holders = list(names[: len(slots)])
    displaced = [holder for holder in slots[: len(holders)] if holder not in names]
    for number, holder in enumerate(slots[len(holders) :], start=len(holders) + 1):
        if holder not in holders:
            holders.append(holder)
        else:
            holders.append(
                displaced.pop(0) if displaced else PRESENTER_PLACEHOLDER.format(n=number)
            )
    renamed = dict(zip(slots, holders, strict=True))
    for phase in agenda:
        if phase.presenter in renamed:
            phase.presenter = renamed[phase.presenter]


def another_slot(agenda: list[AgendaPhase]) -> tuple[int, list[AgendaPhase]]:
    """Where one more presenter slot would go, and its phases.

    The new slot repeats the last slot's phases, as planned, straight after it; the phases
    that stand between the last two slots (a break, say) come before it again. Phases the
    facilitator inserted during the meeting are not repeated. No slot to repeat: (0, []).
    """
    slots = presenter_slots(agenda)
    if not slots:
        return 0, []
    held = [i for i, phase in enumerate(agenda) if phase.presenter == slots[-1]]
    first, last = held[0], held[-1]
    between: list[AgendaPhase] = []
    if len(slots) > 1:
        before = max(i for i, phase in enumerate(agenda) if phase.presenter == slots[-2])
        between = [p for p in agenda[before + 1 : first] if not p.added and not p.presenter]
    number = len(slots) + 1
    while PRESENTER_PLACEHOLDER.format(n=number) in slots:
        number += 1
    name = PRESENTER_PLACEHOLDER.format(n=number)
    phases = [
        AgendaPhase(
            title=p.title,
            kind=p.kind,
            planned_minutes=p.planned_minutes,
            rule=p.rule,
            presenter=name if p.presenter else "",
            added=True,
        )
        for p in [*between, *agenda[first : last + 1]]
    ]
    return last + 1, phases


def add_presenter_slot(agenda: list[AgendaPhase]) -> list[AgendaPhase]:
    """Add one more presenter slot after the last (see `another_slot`); returns its phases."""
    at, phases = another_slot(agenda)
    agenda[at:at] = phases
    return phases


def slot_phases(template: Template, presenter: str) -> list[AgendaPhase]:
    """One presenter's block of phases, as the template plans it."""
    return [_phase(spec, presenter) for spec in template.presenter]


def remove_slot(agenda: list[AgendaPhase], presenter: str, first_free: int) -> bool:
    """Take a presenter's slot out of the agenda, if none of it has run and all of it is at or
    after `first_free`; returns whether it was removed."""
    where = [i for i, phase in enumerate(agenda) if phase.presenter == presenter]
    if (
        not where
        or where[0] < first_free
        or any(agenda[i].status != PhaseStatus.pending or agenda[i].actual_seconds for i in where)
    ):
        return False
    for i in reversed(where):
        del agenda[i]
    return True


def _like_the_others(slot: list[AgendaPhase], agenda: list[AgendaPhase]) -> list[AgendaPhase]:
    """A slot given back planned as the agenda's other slots are (the booked hours may have
    made them longer or shorter than the template's), phase by phase."""
    planned = {
        phase.title: phase.planned_minutes
        for phase in agenda
        if phase.presenter and phase.status is PhaseStatus.pending
    }
    for phase in slot:
        phase.planned_minutes = planned.get(phase.title, phase.planned_minutes)
    return slot


def refit_equal_time(
    agenda: list[AgendaPhase],
    template: Template,
    roster: list[str],
    present: list[str],
    chosen: list[str],
    first_free: int,
) -> tuple[list[str], list[str]]:
    """Make an equal-time agenda ("presenters = all") give a slot to exactly the members
    present, touching only phases from `first_free` on that have not run.

    A member marked absent loses a slot still to come; a member marked present again gets
    one back, in the running order the template would give. Returns (removed, added) names.
    """
    if template.presenters != "all" or not template.presenter:
        return [], []

    def slot_of(name: str) -> list[int]:
        return [i for i, phase in enumerate(agenda) if phase.presenter == name]

    removed = [
        name for name in roster if name not in present and remove_slot(agenda, name, first_free)
    ]

    added: list[str] = []
    order = template.slots(chosen, present)
    for number, name in enumerate(order):
        if name not in present or slot_of(name):
            continue
        later = [slot_of(other)[0] for other in order[number + 1 :] if slot_of(other)]
        later = [i for i in later if i >= first_free]
        if later:
            at = min(later)
        else:
            taken = [i for i, phase in enumerate(agenda) if phase.presenter]
            at = taken[-1] + 1 if taken else len(agenda) - len(template.after)
            at = max(at, first_free)
        agenda[at:at] = _like_the_others(slot_phases(template, name), agenda)
        added.append(name)
    return removed, added


def presenters_from_the_roll(meeting: Meeting) -> None:
    """Equal time's presenters are the members holding its slots, in running order, recorded
    as they are planned: each keeps the issue and reflections already recorded for them, so
    that a slot's actions are its presenter's from the start."""
    holders = [name for name in presenter_slots(meeting.agenda) if not is_placeholder(name)]
    meeting.presenters = [
        meeting.presentation(name) or Presentation(member=name) for name in holders
    ]
