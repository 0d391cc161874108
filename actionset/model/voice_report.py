"""The members' voice across meetings: each meeting's pulse and self-assessment averages, a
set's (or a programme's) reaction pooled over its meetings (Kirkpatrick's level 1), and its
self-assessment at the first meeting against the latest (level 2), each with its n.

Plain values, no pydantic: the history, the insights and the sponsor's pack read them here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from actionset.model.voice import Average, Voice, averages_of

NOT_COLLECTED = "not collected"
"""What a report says of a level no round has answered, so that the gap stays visible."""

HOW: dict[str, str] = {
    "reaction": "each pulse statement's ratings (1 to 5) averaged over every answer to a "
    "pulse at the meetings counted; n: the answers that rated it (a device answering twice "
    "counts once, its last answer)",
    "self-assessment": "each self-assessment statement's ratings (1 to 5) averaged over the "
    "answers at the first meeting that held one, and at the latest; change: latest less first",
}


@dataclass(frozen=True)
class MeetingVoice:
    """What the history needs of one meeting's voice: its pulse and self-assessment averages
    (every round of the kind pooled), and how many answered each kind."""

    date: dt.date
    pulse: tuple[Average, ...] = ()
    self_assessment: tuple[Average, ...] = ()
    pulse_answers: int = 0
    self_answers: int = 0


def meeting_voice(date: dt.date, voice: Voice) -> MeetingVoice:
    pulses, selves = voice.of_kind("pulse"), voice.of_kind("self")
    return MeetingVoice(
        date,
        tuple(averages_of(pulses)),
        tuple(averages_of(selves)),
        sum(r.count for r in pulses),
        sum(r.count for r in selves),
    )


def pooled(groups: Iterable[Sequence[Average]]) -> tuple[Average, ...]:
    """Averages of the same statements pooled (weighted by n), by id, in the order the last
    group gives them, then any it no longer has."""
    groups = list(groups)
    texts: dict[str, str] = {}
    for group in reversed(groups):
        for average in group:
            texts.setdefault(average.id, average.text)
    sums = dict.fromkeys(texts, 0.0)
    counts = dict.fromkeys(texts, 0)
    for group in groups:
        for average in group:
            if average.mean is not None:
                sums[average.id] += average.mean * average.n
                counts[average.id] += average.n
    return tuple(
        Average(key, text, sums[key] / counts[key] if counts[key] else None, counts[key])
        for key, text in texts.items()
    )


@dataclass(frozen=True)
class Reaction:
    """Level 1: how members rated their meetings, pooled over the meetings that held a pulse."""

    averages: tuple[Average, ...] = ()
    meetings: int = 0
    answers: int = 0
    sets: int = 0
    """A programme's: how many of its sets answered a pulse (0 for a set's own)."""
    of_sets: int = 0
    """A programme's: how many sets it has (0 for a set's own)."""

    @property
    def collected(self) -> bool:
        return self.answers > 0


@dataclass(frozen=True)
class SelfAssessment:
    """Level 2 as members see it: their self-assessment at the first meeting that held one
    against the latest (`latest` empty until a second meeting holds one)."""

    first: tuple[Average, ...] = ()
    latest: tuple[Average, ...] = ()
    first_answers: int = 0
    latest_answers: int = 0
    first_dates: tuple[dt.date, ...] = ()
    latest_dates: tuple[dt.date, ...] = ()
    """The meetings each side was taken at (one a set; a programme's: one for each set)."""
    of_sets: int = 0
    """A programme's: how many sets it has (0 for a set's own); those that answered one are
    `first_dates`."""

    @property
    def collected(self) -> bool:
        return self.first_answers > 0

    @property
    def compared(self) -> bool:
        """Whether there is a latest to set against the first."""
        return self.latest_answers > 0

    def change(self, statement: str) -> float | None:
        """The latest average less the first, of one statement (None: not rated in both)."""
        first = {a.id: a.mean for a in self.first}.get(statement)
        latest = {a.id: a.mean for a in self.latest}.get(statement)
        return None if first is None or latest is None else latest - first


def reaction(meetings: Iterable[MeetingVoice]) -> Reaction:
    """A set's reaction over its meetings (or a programme's, over every set's)."""
    held = [m for m in meetings if m.pulse_answers]
    return Reaction(pooled(m.pulse for m in held), len(held), sum(m.pulse_answers for m in held))


def _ends(meetings: Sequence[MeetingVoice]) -> tuple[MeetingVoice | None, MeetingVoice | None]:
    held = sorted((m for m in meetings if m.self_answers), key=lambda m: m.date)
    if not held:
        return None, None
    return held[0], held[-1] if len(held) > 1 else None


def self_assessment(meetings: Sequence[MeetingVoice]) -> SelfAssessment:
    """A set's self-assessment, first meeting against latest."""
    return programme_self_assessment([meetings])


def programme_self_assessment(sets: Iterable[Sequence[MeetingVoice]]) -> SelfAssessment:
    """Every set's first self-assessment pooled, against every set's latest (a set that
    held one only once counts on the first side only)."""
    ends = [_ends(meetings) for meetings in sets]
    firsts = [first for first, _ in ends if first is not None]
    latests = [latest for _, latest in ends if latest is not None]
    return SelfAssessment(
        pooled(m.self_assessment for m in firsts),
        pooled(m.self_assessment for m in latests),
        sum(m.self_answers for m in firsts),
        sum(m.self_answers for m in latests),
        tuple(m.date for m in firsts),
        tuple(m.date for m in latests),
        len(ends),
    )


def programme_reaction(sets: Iterable[Sequence[MeetingVoice]]) -> Reaction:
    """Every set's pulses pooled, and how many of the sets answered one."""
    sets = list(sets)
    pooled_sets = reaction(m for meetings in sets for m in meetings)
    answered = sum(1 for meetings in sets if any(m.pulse_answers for m in meetings))
    return replace(pooled_sets, sets=answered, of_sets=len(sets))
