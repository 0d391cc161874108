"""Equal time planned to fill the booked hours."""

from __future__ import annotations

from actionset.model.agenda import DEFAULT_RULES, presenter_slots
from actionset.model.clock_plan import share_out
from actionset.model.meeting import QUESTIONING, AgendaPhase, PhaseKind

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
        middle = slots[(len(slots) + 1) // 2]
        at = next(i for i, phase in enumerate(agenda) if phase.presenter == middle)
        rule = DEFAULT_RULES[PhaseKind.break_]
        agenda.insert(
            at,
            AgendaPhase(
                title="Break", kind=PhaseKind.break_, planned_minutes=BREAK_MINUTES, rule=rule
            ),
        )
    outside = sum(phase.planned_minutes for phase in agenda if not phase.presenter)
    block = [phase for phase in agenda if phase.presenter == slots[0]]
    each = (booked_minutes - outside) // len(slots)
    now = sum(phase.planned_minutes for phase in block)
    if each <= 0 or not now:
        return
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
        if phase.presenter:
            phase.planned_minutes = by_title.get(phase.title, phase.planned_minutes)
    left = booked_minutes - outside - each * len(slots)
    report_back = next((p for p in agenda if p.kind is PhaseKind.report_back), None)
    if left > 0 and report_back is not None:
        report_back.planned_minutes += left
