"""Equal time planned to fill the booked hours."""

from __future__ import annotations

import math

from actionset.model.agenda import DEFAULT_RULES, Template, presenter_slots, slot_phases
from actionset.model.clock_plan import share_out
from actionset.model.meeting import QUESTIONING, AgendaPhase, PhaseKind, PhaseStatus

BREAK_FROM_MINUTES = 120
"""A meeting longer than this has a break planned, halfway through the slots."""
BREAK_MINUTES = 15


def fill_booked(agenda: list[AgendaPhase], booked_minutes: int) -> None:
    """Plan an equal-time agenda to last `booked_minutes`: a break halfway through the slots
    when the meeting is longer than two hours and has none, then the slots share what the
    phases outside them leave, each slot alike (as `rebalance` shares time: to spare, it goes
    to the questioning; short, every phase of a slot gives in proportion). The minutes that
    do not divide among the slots go to the report-back."""
    slots = [name for name in presenter_slots(agenda) if name]
    if not slots:
        return
    long = booked_minutes > BREAK_FROM_MINUTES and len(slots) > 1
    if long and not any(phase.kind is PhaseKind.break_ for phase in agenda):
        rule = DEFAULT_RULES[PhaseKind.break_]
        agenda.insert(
            _halfway(agenda, slots),
            AgendaPhase(
                title="Break", kind=PhaseKind.break_, planned_minutes=BREAK_MINUTES, rule=rule
            ),
        )
    outside = sum(phase.planned_minutes for phase in agenda if not phase.presenter)
    block = [phase for phase in agenda if phase.presenter == slots[0]]
    each = (booked_minutes - outside) // len(slots)
    if not _share_slots(agenda, slots, block, each):
        return
    left = booked_minutes - outside - each * len(slots)
    report_back = next((p for p in agenda if p.kind is PhaseKind.report_back), None)
    if left > 0 and report_back is not None:
        report_back.planned_minutes += left


def _halfway(agenda: list[AgendaPhase], slots: list[str]) -> int:
    """Where a break halfway through `slots` goes: before the first of their second half."""
    middle = slots[(len(slots) + 1) // 2]
    return next(i for i, phase in enumerate(agenda) if phase.presenter == middle)


def _share_slots(
    agenda: list[AgendaPhase], slots: list[str], block: list[AgendaPhase], each: int
) -> bool:
    """Give each of `slots` `each` minutes, phase by phase shaped as `block` is planned: to
    spare, it goes to the questioning; short, every phase gives in proportion. Returns
    whether the slots were planned again."""
    now = sum(phase.planned_minutes for phase in block)
    if each <= 0 or not now:
        return False
    weights = [phase.planned_minutes for phase in block]
    asking = [
        m if phase.kind in QUESTIONING else 0 for phase, m in zip(block, weights, strict=True)
    ]
    if each >= now and any(asking):
        minutes = [m + more for m, more in zip(weights, share_out(each - now, asking), strict=True)]
    else:
        minutes = share_out(each, weights)
    by_title = {phase.title: m for phase, m in zip(block, minutes, strict=True)}
    for phase in agenda:
        if phase.presenter in slots:
            phase.planned_minutes = by_title.get(phase.title, phase.planned_minutes)
            phase.allotted_seconds = None
    return True


def _not_begun(phase: AgendaPhase) -> bool:
    return phase.status is PhaseStatus.pending and not phase.actual_seconds


def share_booked_again(
    agenda: list[AgendaPhase], template: Template, booked_minutes: int, first_free: int
) -> None:
    """After attendance changed the slots, the slots not yet begun share again what the
    booked time leaves, and a planned break not yet begun goes back halfway among them.
    A phase that has begun or is done keeps its place and its time; one skipped counts
    the time it ran. The minutes that do not divide among the slots go to a report-back
    still to run, else to the close."""

    def free(phase: AgendaPhase, i: int) -> bool:
        return i >= first_free and _not_begun(phase)

    slots = [
        name
        for name in presenter_slots(agenda)
        if name and all(free(p, i) for i, p in enumerate(agenda) if p.presenter == name)
    ]
    if not slots:
        return
    breaks = [
        i
        for i, phase in enumerate(agenda)
        if phase.kind is PhaseKind.break_ and not phase.added and free(phase, i)
    ]
    if len(breaks) == 1 and len(slots) > 1:
        moved = agenda.pop(breaks[0])
        agenda.insert(max(_halfway(agenda, slots), first_free), moved)
    fixed = sum(
        phase.actual_seconds if phase.status is PhaseStatus.skipped else phase.allotted
        for phase in agenda
        if phase.presenter not in slots
    )
    budget = booked_minutes - math.ceil(fixed / 60)
    each = budget // len(slots)
    if not _share_slots(agenda, slots, slot_phases(template, slots[0]), each):
        return
    left = budget - each * len(slots)
    spare = [
        phase
        for kind in (PhaseKind.report_back, PhaseKind.close)
        for i, phase in enumerate(agenda)
        if phase.kind is kind and free(phase, i)
    ]
    if left > 0 and spare:
        spare[0].planned_minutes = spare[0].allotted // 60 + left
        spare[0].allotted_seconds = None
