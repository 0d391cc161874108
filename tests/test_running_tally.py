"""The pane's running tally reads the same as every figure computed afresh, whatever the tags."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from actionset.model.agenda import BUILTIN_TEMPLATES, assign_presenters, build_agenda
from actionset.model.clock import MeetingClock
from actionset.model.codebook import DEFAULT_CODEBOOK
from actionset.model.contributions import (
    Contribution,
    apply,
    resolve_presenters,
    slot,
    slot_presenters,
)
from actionset.model.meeting import Meeting
from actionset.model.running_tally import RunningTally, SlotFigures
from actionset.model.stats import not_yet_asked, per_minute, phase_mix, tally, tally_by_member
from actionset.model.tag_session import TagSession

BOOK = DEFAULT_CODEBOOK
ROSTER = ["Priya Shah", "Tom Reyes", "Ana Lopes", "Jo Kim"]
NINE = dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.UTC)


def same_figures(
    figures: SlotFigures, contributions: list[Contribution], members: list[str]
) -> None:
    """Every figure the pane shows equals its rule in `stats` over `contributions`."""
    assert figures.tally == tally(contributions, BOOK)
    by_member = tally_by_member(contributions, BOOK, members)
    for name in members:
        assert figures.member(name) == by_member[name], name
    assert figures.not_yet_asked(members) == not_yet_asked(contributions, BOOK, members)
    mix = phase_mix(contributions, BOOK)
    assert list(figures.phase_mix().items()) == list(mix.items())
    assert figures.per_minute() == per_minute(contributions, BOOK)


def check_all(running: RunningTally, standing: dict[int, Contribution], agenda: Any) -> None:
    contributions = resolve_presenters(standing.values(), agenda)
    members = [*ROSTER, "Someone Else"]
    same_figures(running.meeting, contributions, members)
    for presenter in [*slot_presenters(agenda), "", "Nobody", "priya shah"]:
        same_figures(running.slot(presenter), slot(contributions, presenter), members)


def random_event(
    rng: random.Random, next_id: int, standing: dict[int, Contribution]
) -> dict[str, Any]:
    """A journal event as the console writes it, or as a hand edit might."""
    roll = rng.random()
    known = list(standing) or [1]
    codes = [c.name for c in BOOK] + ["q", "a", "no-such-code"]
    if roll < 0.55 or not standing:
        ident = next_id if rng.random() < 0.95 else rng.choice(known)  # sometimes a re-tag
        at = NINE + dt.timedelta(seconds=rng.randrange(0, 3 * 3600, rng.choice([1, 30, 60])))
        event: dict[str, Any] = {
            "op": "tag",
            "id": ident,
            "at": at.isoformat() if rng.random() < 0.95 else rng.choice(["", "soon", "10:00"]),
            "phase": rng.choice(["Clarify", "Probe", "Check-in", "Reflect"]),
            "presenter": rng.choice(["Priya Shah", "Presenter 2", "Tom Reyes", ""]),
            "member": rng.choice([*ROSTER, "jo kim", "PRIYA SHAH", "Fran"]),
            "code": rng.choice(codes),
            "note": "",
        }
        slot_number = rng.choice([None, 0, 1, 2, 7])
        if slot_number is not None:
            event["slot"] = slot_number
        return event
    ident = rng.choice(known) if rng.random() < 0.9 else 999_999
    op = rng.choice(["recode", "note", "delete", "delete"])
    if op == "recode":
        return {"op": "recode", "id": ident, "code": rng.choice(codes)}
    if op == "note":
        return {"op": "note", "id": ident, "note": "a note"}
    return {"op": "delete", "id": ident}


@pytest.mark.parametrize("seed", range(12))
def test_the_running_tally_reads_as_a_full_recompute(seed: int) -> None:
    rng = random.Random(seed)
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], ["Priya Shah", "Presenter 2"], ROSTER)
    standing: dict[int, Contribution] = {}
    running = RunningTally(BOOK, slot_presenters(agenda))
    next_id = 1
    for step in range(300):
        event = random_event(rng, next_id, standing)
        next_id += event["op"] == "tag"
        ident = event["id"]
        old = standing.get(ident)
        before = None if old is None else _copy(old)  # `apply` changes it in place
        apply(standing, event)
        running.change(ident, before, standing.get(ident))
        if step % 60 == 59:  # the presenters are chosen: the slots' tags change hands
            names = rng.sample(ROSTER, 2)
            assign_presenters(agenda, names)
            running = RunningTally(BOOK, slot_presenters(agenda), standing.values())
        if step % 7 == 0:
            check_all(running, standing, agenda)
    check_all(running, standing, agenda)


def _copy(item: Contribution) -> Contribution:
    return Contribution(
        item.id, item.at, item.phase, item.presenter, item.member, item.code, item.note, item.slot
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_sessions_figures_follow_tags_undo_recode_and_delete(seed: int) -> None:
    """Through the keys: the figures the pane shows equal those of what stands, in every
    phase, as presenters are chosen."""
    rng = random.Random(seed)
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], ["Presenter 1", "Presenter 2"], ROSTER)
    meeting = Meeting(date=NINE.date(), agenda=agenda)
    moment = [NINE]
    clock = MeetingClock(meeting, lambda: moment[0].timestamp(), tz=dt.UTC)
    tags = TagSession(clock, ROSTER, "Fran", BOOK, moment=lambda: moment[0])
    for step in range(250):
        moment[0] += dt.timedelta(seconds=rng.randrange(1, 90))
        roll = rng.random()
        if roll < 0.6:
            tags.pick(rng.randrange(0, 5))
            tags.code(rng.choice([c.key for c in BOOK]))
        elif roll < 0.7:
            tags.undo()
        elif roll < 0.8 and tags.standing:
            tags.recode(rng.choice(list(tags.standing)), rng.choice([c.name for c in BOOK]))
        elif roll < 0.85 and tags.standing:
            tags.delete(rng.choice(list(tags.standing)))
        elif roll < 0.9 and tags.standing:
            tags.note(rng.choice(list(tags.standing)), "noted")
        elif roll < 0.95:
            clock.next()
        elif step > 100:
            assign_presenters(meeting.agenda, rng.sample(ROSTER, 2))
        contributions = tags.contributions
        presenter = tags.slot_presenter()
        here = slot(contributions, presenter) if presenter else contributions
        same_figures(tags.figures_here(), here, ROSTER)
        assert tags.tally.meeting.tally == tally(contributions, BOOK)
        assert tags.recent(3) == contributions[-3:]
