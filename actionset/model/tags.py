"""Contributions tagged during a meeting: the codebook, the journal replayed and stats.

The journal (`meetings/YYYY-MM-DD.tags.jsonl`) holds one event per line:
  {"op": "tag", "id": 7, "at": "2026-09-14T10:12:03+01:00", "phase": "Probe", "slot": 0,
   "presenter": "Priya Shah", "member": "Tom Reyes", "code": "open-question", "note": ""}
  {"op": "recode", "id": 7, "code": "advice"}
  {"op": "note", "id": 7, "note": "Have you tried asking finance?"}
  {"op": "delete", "id": 7}            (undo and delete both append this)
Reading replays the events into `Contribution`s without a pydantic model per tag.

A *slot* is one presenter's phases: the agenda's phases from the first that names a presenter
to the last that names the same one (a break inside a slot is part of it). A tag records the
number of the slot it was made in (0 for the first; none outside every slot) and the name the
presenter had then. Reading resolves the presenter from the agenda by that number, so tags made
before the presenters were chosen (under "Presenter 1") belong to whoever was then chosen for
that slot; journals written before tags had a slot keep the presenter they recorded.

The question-to-advice ratio is shown in whole numbers at their smallest, "2 : 3" for 4
questions and 6 pieces of advice, "7 : 0" with no advice (never infinity), "–" with neither.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from actionset.model.journal import event_id
from actionset.model.meeting import AgendaPhase
from actionset.model.set import DEFAULT_CODEBOOK, Code, CountsAs, Set, merge_codebook

__all__ = [
    "DEFAULT_CODEBOOK",
    "Contribution",
    "ProcessReview",
    "ReviewRow",
    "Tagger",
    "Tally",
    "Timeline",
    "code_for_key",
    "codebook_for",
    "counts_text",
    "not_yet_asked",
    "per_minute",
    "phase_mix",
    "process_review",
    "ratio_text",
    "replay",
    "resolve_presenters",
    "running_counts",
    "slot",
    "slot_at",
    "slot_presenters",
    "slots",
    "tally",
    "tally_by_member",
]


@dataclass(slots=True)
class Contribution:
    """One tagged contribution, as it stands after re-codes, notes and deletes."""

    id: int
    at: str
    phase: str
    presenter: str
    member: str
    code: str
    note: str = ""
    slot: int | None = None  # the agenda's slot it was made in; None outside every slot


def replay(events: Iterable[dict[str, Any]],
           agenda: Sequence[AgendaPhase] | None = None) -> list[Contribution]:
    """The contributions still standing, in the order they were made.

    With the meeting's agenda, each carries the presenter of its slot as the agenda now has
    it (see `resolve_presenters`).
    """
    standing: dict[int, Contribution] = {}
    for event in events:
        apply(standing, event)
    if agenda is None:
        return list(standing.values())
    return resolve_presenters(standing.values(), agenda)


def apply(standing: dict[int, Contribution], event: dict[str, Any]) -> None:
    """One journal event applied to the contributions standing (by id, in the order made)."""
    op = event.get("op")
    ident = event_id(event)
    if ident is None:
        return
    if op == "tag":
        standing[ident] = Contribution(
            id=ident,
            at=str(event.get("at", "")),
            phase=str(event.get("phase", "")),
            presenter=str(event.get("presenter", "")),
            member=str(event.get("member", "")),
            code=str(event.get("code", "")),
            note=str(event.get("note", "")),
            slot=_slot_number(event.get("slot")),
        )
    elif ident in standing:
        if op == "recode":
            standing[ident].code = str(event.get("code", standing[ident].code))
        elif op == "note":
            standing[ident].note = str(event.get("note", ""))
        elif op == "delete":
            del standing[ident]


# ---------------------------------------------------------------------------- slots


def _slot_number(value: object) -> int | None:
    return value if type(value) is int and value >= 0 else None


def _slot_spans(agenda: Sequence[AgendaPhase]) -> list[tuple[int, int, str]]:
    """(first phase, last phase, presenter) of each slot, in running order."""
    spans: list[tuple[int, int, str]] = []
    for index, phase in enumerate(agenda):
        if not phase.presenter:
            continue
        if spans and spans[-1][2] == phase.presenter:
            spans[-1] = (spans[-1][0], index, phase.presenter)
        else:
            spans.append((index, index, phase.presenter))
    return spans


def slot_presenters(agenda: Sequence[AgendaPhase]) -> list[str]:
    """The presenter of each slot, in running order (placeholders until they are chosen)."""
    return [presenter for _, _, presenter in _slot_spans(agenda)]


def slot_at(agenda: Sequence[AgendaPhase], phase: int) -> int | None:
    """The slot the agenda's phase number `phase` is part of, or None outside every slot."""
    return next((number for number, (first, last, _) in enumerate(_slot_spans(agenda))
                 if first <= phase <= last), None)


def resolve_presenters(contributions: Iterable[Contribution],
                       agenda: Sequence[AgendaPhase]) -> list[Contribution]:
    """The contributions with the presenter of their slot as the agenda has it now."""
    presenters = slot_presenters(agenda)
    return [replace(item, presenter=presenters[item.slot])
            if item.slot is not None and item.slot < len(presenters)
            and item.presenter != presenters[item.slot] else item
            for item in contributions]


# ---------------------------------------------------------------------------- the codebook


def codebook_for(the_set: Set | None) -> tuple[Code, ...]:
    """The codes this set tags with.

    No `[[codebook]]` in set.toml: the defaults. With entries and `codebook_mode` unset or
    "extend": an entry whose key is a default's key replaces that code, a new key is added
    after the defaults. With `codebook_mode = "replace"`: only the set's entries. Clashes are
    rejected when set.toml is read (see `actionset.model.set`).
    """
    if the_set is None:
        return DEFAULT_CODEBOOK
    return merge_codebook(the_set.codebook, the_set.codebook_mode)


def code_for_key(codebook: Sequence[Code], key: str) -> Code | None:
    """The code a coach gets by pressing `key`, if any."""
    return next((code for code in codebook if code.key == key), None)


def _counts_as(codebook: Sequence[Code]) -> dict[str, CountsAs]:
    """Code name (and key, for hand-written journals) to what it counts as."""
    kinds = {code.key: code.counts_as for code in codebook}
    kinds.update({code.name: code.counts_as for code in codebook})
    return kinds


def _code_name(codebook: Sequence[Code], code: str) -> str:
    for known in codebook:
        if code == known.name:
            return code
    known_key = code_for_key(codebook, code)
    return known_key.name if known_key else code


# ---------------------------------------------------------------------------- stats


def ratio_text(questions: int, advice: int) -> str:
    """Questions to advice in whole numbers at their smallest: "2 : 3" (for 4 and 6), "7 : 0"
    with no advice, "0 : 3" with no questions, "–" with neither."""
    if not questions and not advice:
        return "–"
    if questions and advice:
        common = math.gcd(questions, advice)
        questions, advice = questions // common, advice // common
    return f"{questions} : {advice}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def counts_text(questions: int, advice: int, other: int = 0) -> str:
    """Counts in plain English: "1 question", "4 questions, 6 pieces of advice, 1 other"."""
    parts = [_plural(questions, "question", "questions")]
    if advice:
        parts.append(_plural(advice, "piece of advice", "pieces of advice"))
    if other:
        parts.append(f"{other} other")
    return ", ".join(parts)


@dataclass(slots=True)
class Tally:
    """Counts per code (every code of the codebook, zeros included) and what they add up to."""

    counts: dict[str, int] = field(default_factory=dict)
    questions: int = 0
    advice: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.questions + self.advice + self.other

    @property
    def question_share(self) -> float:
        """Questions as a share of all contributions, 0.0 when there are none."""
        return self.questions / self.total if self.total else 0.0

    @property
    def ratio(self) -> float | None:
        """Questions per piece of advice; None when there was no advice."""
        return self.questions / self.advice if self.advice else None

    @property
    def ratio_text(self) -> str:
        return ratio_text(self.questions, self.advice)

    def add(self, code: str, counts_as: CountsAs) -> None:
        self.counts[code] = self.counts.get(code, 0) + 1
        if counts_as is CountsAs.question:
            self.questions += 1
        elif counts_as is CountsAs.advice:
            self.advice += 1
        else:
            self.other += 1


def _empty_tally(codebook: Sequence[Code]) -> Tally:
    return Tally(counts={code.name: 0 for code in codebook})


def tally(contributions: Iterable[Contribution], codebook: Sequence[Code]) -> Tally:
    """Totals for a slot or a meeting. A code no longer in the codebook counts as other."""
    kinds = _counts_as(codebook)
    result = _empty_tally(codebook)
    for item in contributions:
        result.add(_code_name(codebook, item.code), kinds.get(item.code, CountsAs.other))
    return result


def _same(name: str) -> str:
    return name.casefold()


def tally_by_member(contributions: Iterable[Contribution], codebook: Sequence[Code],
                    roster: Sequence[str] = ()) -> dict[str, Tally]:
    """Per member counts: the roster first (zeros included), then anyone else as they spoke."""
    kinds = _counts_as(codebook)
    by_member: dict[str, Tally] = {name: _empty_tally(codebook) for name in roster}
    spelling = {_same(name): name for name in roster}
    for item in contributions:
        name = spelling.setdefault(_same(item.member), item.member)
        if name not in by_member:
            by_member[name] = _empty_tally(codebook)
        by_member[name].add(_code_name(codebook, item.code), kinds.get(item.code, CountsAs.other))
    return by_member


def slots(contributions: Iterable[Contribution]) -> dict[str, list[Contribution]]:
    """Contributions grouped by presenter, presenters in the order they first appear."""
    grouped: dict[str, list[Contribution]] = {}
    for item in contributions:
        grouped.setdefault(item.presenter, []).append(item)
    return grouped


def slot(contributions: Iterable[Contribution], presenter: str) -> list[Contribution]:
    """The contributions made while `presenter` held the floor."""
    wanted = _same(presenter)
    return [item for item in contributions if _same(item.presenter) == wanted]


def not_yet_asked(contributions: Iterable[Contribution], codebook: Sequence[Code],
                  members: Sequence[str]) -> list[str]:
    """Of `members` (those who count: `actionset.model.meeting.who_counts`), the ones who
    asked no question in these contributions (a slot's, or the whole meeting's)."""
    kinds = _counts_as(codebook)
    asked = {_same(item.member) for item in contributions
             if kinds.get(item.code) is CountsAs.question}
    return [name for name in members if _same(name) not in asked]


def phase_mix(contributions: Iterable[Contribution], codebook: Sequence[Code]
              ) -> dict[str, Tally]:
    """The mix of codes in each phase (e.g. Clarify against Probe), phases in order of use."""
    kinds = _counts_as(codebook)
    mix: dict[str, Tally] = {}
    for item in contributions:
        if item.phase not in mix:
            mix[item.phase] = _empty_tally(codebook)
        mix[item.phase].add(_code_name(codebook, item.code), kinds.get(item.code, CountsAs.other))
    return mix


def running_counts(contributions: Iterable[Contribution], codebook: Sequence[Code]
                   ) -> list[tuple[int, int]]:
    """(questions so far, advice so far) after each contribution: one point per contribution."""
    kinds = _counts_as(codebook)
    questions = advice = 0
    points: list[tuple[int, int]] = []
    for item in contributions:
        kind = kinds.get(item.code, CountsAs.other)
        questions += kind is CountsAs.question
        advice += kind is CountsAs.advice
        points.append((questions, advice))
    return points


@dataclass(slots=True)
class Timeline:
    """Questions and advice per minute through a slot, ready for two Sparklines."""

    start: dt.datetime | None
    questions: list[int] = field(default_factory=list)
    advice: list[int] = field(default_factory=list)


def _moment(at: str) -> dt.datetime | None:
    """The time of a contribution; a time without a zone is taken as this machine's."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


def per_minute(contributions: Iterable[Contribution], codebook: Sequence[Code],
               start: dt.datetime | None = None, until: dt.datetime | None = None) -> Timeline:
    """Counts per whole minute from `start` (default: the first contribution) to `until`.

    Contributions with an unreadable time, or before `start`, are left out.
    """
    kinds = _counts_as(codebook)
    timed = [(moment, item) for item in contributions if (moment := _moment(item.at))]
    if start is None:
        if not timed:
            return Timeline(start=None)
        start = min(moment for moment, _ in timed)
    elif start.tzinfo is None:
        start = start.astimezone()
    if until is not None and until.tzinfo is None:
        until = until.astimezone()
    last = max([moment for moment, _ in timed] + ([until] if until else []), default=start)
    minutes = max(0, int((last - start).total_seconds() // 60)) + 1
    timeline = Timeline(start=start, questions=[0] * minutes, advice=[0] * minutes)
    for moment, item in timed:
        index = int((moment - start).total_seconds() // 60)
        if not 0 <= index < minutes:
            continue
        kind = kinds.get(item.code, CountsAs.other)
        if kind is CountsAs.question:
            timeline.questions[index] += 1
        elif kind is CountsAs.advice:
            timeline.advice[index] += 1
    return timeline


# ---------------------------------------------------------------------------- process review


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One line of the process review: a member (or "Member B") and their counts."""

    label: str
    questions: int
    advice: int
    other: int
    ratio: str


@dataclass(slots=True)
class ProcessReview:
    """What the room sees in the process review, named or anonymous: the whole meeting."""

    anonymous: bool
    rows: list[ReviewRow]
    totals: Tally
    phases: dict[str, Tally]
    not_asked: list[str]  # named: who asked nothing all meeting; anonymous: always empty
    silent_count: int

    def lines(self) -> list[str]:
        """Plain English for the projector or the meeting record."""
        totals = self.totals
        out = [f"Whole meeting: {_counts_and_ratio(totals.questions, totals.advice, totals.other)}"]
        out += [f"  {phase}: {_counts_and_ratio(mix.questions, mix.advice, mix.other)}"
                for phase, mix in self.phases.items()]
        out += [f"  {row.label}: {_counts_and_ratio(row.questions, row.advice, row.other)}"
                for row in self.rows]
        if self.not_asked:
            names = self.not_asked
            who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            verb = "has" if len(names) == 1 else "have"
            out.append(f"{who} {verb} not asked a question yet.")
        elif self.anonymous and self.silent_count:
            out.append(f"{_plural(self.silent_count, 'member has', 'members have')} "
                       "not asked a question yet.")
        return out


def _counts_and_ratio(questions: int, advice: int, other: int) -> str:
    """"4 questions, 6 pieces of advice (2 : 3)": the ratio only when there are both."""
    ratio = f" ({ratio_text(questions, advice)})" if questions and advice else ""
    return counts_text(questions, advice, other) + ratio


def process_review(contributions: Sequence[Contribution], codebook: Sequence[Code],
                   members: Sequence[str], *, anonymous: bool = False,
                   seed: str = "") -> ProcessReview:
    """The room's summary of the whole meeting for the process review.

    `members` are those who count (`actionset.model.meeting.who_counts` for the whole
    meeting): one row each, in roster order when named. Anonymous: the same rows labelled
    "Member A", "Member B", ... in a shuffled order fixed by `seed` (the meeting's date), so a
    letter says nothing about roster order or rank and is not kept from one meeting to the
    next; the list of who has not asked is replaced by a count. Totals and the phase mix
    count every contribution, the facilitator's included.
    """
    members = list(members)
    by_member = tally_by_member(contributions, codebook, members)
    rows = [ReviewRow(name, t.questions, t.advice, t.other, t.ratio_text)
            for name, t in by_member.items() if name in members]
    silent = [row.label for row in rows if row.questions == 0]
    if anonymous:
        random.Random(seed).shuffle(rows)
        rows = [ReviewRow(f"Member {_letter(i)}", r.questions, r.advice, r.other, r.ratio)
                for i, r in enumerate(rows)]
    return ProcessReview(
        anonymous=anonymous, rows=rows, totals=tally(contributions, codebook),
        phases=phase_mix(contributions, codebook),
        not_asked=[] if anonymous else silent, silent_count=len(silent))


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ---------------------------------------------------------------------------- tagging


class Tagger:
    """Builds journal events for one meeting: ids carry on from what is already on disk.

    `clock` gives the moment of a tag (an aware datetime, or naive local time); tests pass a
    fake clock. The events are plain dicts for `TagJournal.append`.
    """

    def __init__(self, events: Iterable[dict[str, Any]] = (),
                 clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        ids = [event_id(e) or 0 for e in events if e.get("op") == "tag"]
        self.next_id = max(ids, default=0) + 1
        self.clock = clock

    def tag(self, *, member: str, code: str, phase: str, presenter: str,
            note: str = "", slot: int | None = None) -> dict[str, Any]:
        """A new contribution; `slot` (see `slot_at`) is left out of the event outside every
        slot."""
        now = self.clock()
        if now.tzinfo is None:
            now = now.astimezone()  # naive means this machine's local time
        event: dict[str, Any] = {"op": "tag", "id": self.next_id,
                                 "at": now.isoformat(timespec="seconds"), "phase": phase}
        if slot is not None:
            event["slot"] = slot
        event.update(presenter=presenter, member=member, code=code, note=note)
        self.next_id += 1
        return event

    def recode(self, ident: int, code: str) -> dict[str, Any]:
        return {"op": "recode", "id": ident, "code": code}

    def note(self, ident: int, note: str) -> dict[str, Any]:
        return {"op": "note", "id": ident, "note": note}

    def delete(self, ident: int) -> dict[str, Any]:
        """Undo and delete are the same event: the contribution stops standing."""
        return {"op": "delete", "id": ident}
