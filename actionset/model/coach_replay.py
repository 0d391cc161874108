"""Coach prompts at a moment of a meeting: from the clock in the console, or replayed from a
meeting that ran and its journal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from actionset.model.coach import QUESTIONING, Coach, Moment, Prompt
from actionset.model.coach_settings import CoachSettings
from actionset.model.coach_tally import SlotTally
from actionset.model.contributions import (
    Contribution,
    apply,
    moment_of,
    presenter_at,
    resolve_presenters,
    slot_at,
)
from actionset.model.meeting import Meeting, who_counts
from actionset.model.set import Code


def moment_in(
    meeting: Meeting,
    index: int,
    elapsed: float,
    contributions: Sequence[Contribution],
    codebook: Sequence[Code],
    *,
    members: Sequence[str],
    facilitator: str = "",
    actions_agreed: int = 0,
    tally: SlotTally | None = None,
) -> Moment:
    """The moment `elapsed` seconds into phase number `index` of the meeting's agenda."""
    agenda = meeting.agenda
    if not 0 <= index < len(agenda):
        return Moment(contributions, codebook, None)
    phase = agenda[index]
    slot = slot_at(agenda, index)
    presenter = presenter_at(agenda, index)
    in_slot = [
        (number, each)
        for number, each in enumerate(agenda)
        if slot is not None and slot_at(agenda, number) == slot and each.kind in QUESTIONING
    ]
    spent = sum(each.actual_seconds for number, each in in_slot if number < index)
    return Moment(
        contributions=contributions,
        codebook=codebook,
        phase=phase.kind,
        phase_title=phase.title,
        slot=slot,
        presenter=presenter,
        counting=who_counts(members, meeting, facilitator=facilitator, presenter=presenter)
        if presenter
        else (),
        phase_elapsed=elapsed,
        phase_left=phase.allotted - elapsed,
        questioning_elapsed=spent + (elapsed if phase.kind in QUESTIONING else 0),
        questioning_planned=sum(each.allotted for _, each in in_slot),
        questioning=frozenset(each.title for _, each in in_slot),
        actions_agreed=actions_agreed,
        tally=tally,
    )


def replay_prompts(
    meeting: Meeting,
    events: Sequence[dict[str, Any]],
    codebook: Sequence[Code],
    *,
    members: Sequence[str],
    facilitator: str = "",
    actions_per_slot: Sequence[int] = (),
    step: float = 30,
) -> list[tuple[dt.datetime, Prompt]]:
    """The prompts that would have fired in a meeting that ran, from its journal in time order.

    Phases are taken to have run back to back from the clock's start for the seconds each
    ran; the prompts are evaluated at each tag and every `step` seconds, and each is taken as
    dismissed as soon as it shows. The journal does not
    say when an action was typed: a slot's actions agreed are taken as typed when its actions
    phase began, so the actions prompt fires only for a slot that agreed none.
    """
    start = meeting.clock.started_at
    if start is None:
        return []
    spans: list[tuple[float, float]] = []  # each phase's start and end, in seconds from start
    offset = 0.0
    for phase in meeting.agenda:
        spans.append((offset, offset + phase.actual_seconds))
        offset += phase.actual_seconds
    tagged: list[tuple[float, list[dict[str, Any]]]] = []  # a tag and what changed it after
    for event in events:
        if event.get("op") == "tag":
            when = moment_of(str(event.get("at", "")))
            if when is not None:
                tagged.append(((when - start).total_seconds(), [event]))
        elif event.get("op") in ("recode", "note", "delete") and tagged:
            tagged[-1][1].append(event)
    times = sorted({t for t, _ in tagged} | {n * step for n in range(int(offset // step) + 1)})
    coach = Coach(CoachSettings())
    fired: list[tuple[dt.datetime, Prompt]] = []
    for t in times:
        index = next((i for i, (a, b) in enumerate(spans) if a <= t < b), None)
        if index is None:
            continue
        standing: dict[int, Contribution] = {}
        for _, group in (item for item in tagged if item[0] <= t):
            for event in group:
                apply(standing, event)
        contributions = resolve_presenters(standing.values(), meeting.agenda)
        slot = slot_at(meeting.agenda, index)
        agreed = actions_per_slot[slot] if slot is not None and slot < len(actions_per_slot) else 0
        moment = moment_in(
            meeting,
            index,
            t - spans[index][0],
            contributions,
            codebook,
            members=members,
            facilitator=facilitator,
            actions_agreed=agreed,
        )
        for entry in coach.after(moment, t):
            fired.append((start + dt.timedelta(seconds=t), entry.prompt))
            coach.dismiss(entry.number)  # the coach read it at once
    return fired
