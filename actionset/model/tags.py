"""Contributions tagged during a meeting: the codebook, the journal replayed, stats and export.

The journal (`meetings/YYYY-MM-DD.tags.jsonl`) holds one event per line:
  {"op": "tag", "id": 7, "at": "2026-09-14T10:12:03+01:00", "phase": "Probe",
   "presenter": "Priya Shah", "member": "Tom Reyes", "code": "open-question", "note": ""}
  {"op": "recode", "id": 7, "code": "advice"}
  {"op": "note", "id": 7, "note": "Have you tried asking finance?"}
  {"op": "delete", "id": 7}            (undo and delete both append this)
Reading replays the events into `Contribution`s without a pydantic model per tag.

A *slot* is one presenter's phases; contributions carry their presenter, so a slot's
contributions are those with that presenter.

The question-to-advice ratio is shown as "3.5 : 1" (questions per piece of advice). With no
advice it is shown as the raw counts, "7 : 0", never as infinity; with neither it is "–".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    "contributions_csv",
    "not_yet_asked",
    "per_minute",
    "phase_mix",
    "process_review",
    "ratio_text",
    "replay",
    "running_counts",
    "slot",
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


def replay(events: Iterable[dict[str, Any]]) -> list[Contribution]:
    """The contributions still standing, in the order they were made."""
    standing: dict[int, Contribution] = {}
    for event in events:
        apply(standing, event)
    return list(standing.values())


def apply(standing: dict[int, Contribution], event: dict[str, Any]) -> None:
    """One journal event applied to the contributions standing (by id, in the order made)."""
    op = event.get("op")
    ident = event.get("id")
    if not isinstance(ident, int):
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
        )
    elif ident in standing:
        if op == "recode":
            standing[ident].code = str(event.get("code", standing[ident].code))
        elif op == "note":
            standing[ident].note = str(event.get("note", ""))
        elif op == "delete":
            del standing[ident]


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
    """Questions per piece of advice for the room: "3.5 : 1", "7 : 0" with no advice, or "–"."""
    if advice == 0:
        return f"{questions} : 0" if questions else "–"
    return f"{questions / advice:.3g} : 1"


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
                  roster: Sequence[str], presenter: str) -> list[str]:
    """Roster members, the presenter aside, who have asked no question in this slot."""
    kinds = _counts_as(codebook)
    asked = {
        _same(item.member) for item in slot(contributions, presenter)
        if kinds.get(item.code) is CountsAs.question
    }
    return [name for name in roster
            if _same(name) != _same(presenter) and _same(name) not in asked]


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
    """What the room sees in the process review, named or anonymous."""

    anonymous: bool
    rows: list[ReviewRow]
    totals: Tally
    phases: dict[str, Tally]
    not_asked: list[str]  # named: who asked nothing all meeting; anonymous: always empty
    silent_count: int

    def lines(self) -> list[str]:
        """Plain text for the projector or the meeting record."""
        out = [f"The set asked {self.totals.questions} questions and gave "
               f"{_pieces(self.totals.advice)} of advice ({self.totals.ratio_text}); "
               f"{self.totals.question_share:.0%} of contributions were questions."]
        for phase, mix in self.phases.items():
            out.append(f"  {phase}: {mix.questions} questions, {mix.advice} advice, "
                       f"{mix.other} other")
        for row in self.rows:
            out.append(f"  {row.label}: {row.questions} questions, {row.advice} advice, "
                       f"{row.other} other ({row.ratio})")
        if self.not_asked:
            out.append("Not yet asked a question: " + ", ".join(self.not_asked))
        elif self.anonymous and self.silent_count:
            out.append(f"{self.silent_count} member(s) have not asked a question yet.")
        return out


def process_review(contributions: Sequence[Contribution], codebook: Sequence[Code],
                   roster: Sequence[str], *, anonymous: bool = False) -> ProcessReview:
    """The room's summary for the process review.

    Named: one row per member in roster order. Anonymous: the same rows labelled
    "Member A", "Member B", ... in order of most questions asked (ties: least advice), so a
    letter says nothing about roster order and is not kept from one meeting to the next; the
    list of who has not asked is replaced by a count.
    """
    members = tally_by_member(contributions, codebook, roster)
    rows = [ReviewRow(name, t.questions, t.advice, t.other, t.ratio_text)
            for name, t in members.items()]
    silent = [row.label for row in rows if row.questions == 0]
    if anonymous:
        ranked = sorted(rows, key=lambda row: (-row.questions, row.advice, -row.other))
        rows = [ReviewRow(f"Member {_letter(i)}", r.questions, r.advice, r.other, r.ratio)
                for i, r in enumerate(ranked)]
    return ProcessReview(
        anonymous=anonymous, rows=rows, totals=tally(contributions, codebook),
        phases=phase_mix(contributions, codebook),
        not_asked=[] if anonymous else silent, silent_count=len(silent))


def _pieces(count: int) -> str:
    return "1 piece" if count == 1 else f"{count} pieces"


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
        ids = [e["id"] for e in events if e.get("op") == "tag" and isinstance(e.get("id"), int)]
        self.next_id = max(ids, default=0) + 1
        self.clock = clock

    def tag(self, *, member: str, code: str, phase: str, presenter: str,
            note: str = "") -> dict[str, Any]:
        now = self.clock()
        if now.tzinfo is None:
            now = now.astimezone()  # naive means this machine's local time
        event = {"op": "tag", "id": self.next_id, "at": now.isoformat(timespec="seconds"),
                 "phase": phase, "presenter": presenter, "member": member, "code": code,
                 "note": note}
        self.next_id += 1
        return event

    def recode(self, ident: int, code: str) -> dict[str, Any]:
        return {"op": "recode", "id": ident, "code": code}

    def note(self, ident: int, note: str) -> dict[str, Any]:
        return {"op": "note", "id": ident, "note": note}

    def delete(self, ident: int) -> dict[str, Any]:
        """Undo and delete are the same event: the contribution stops standing."""
        return {"op": "delete", "id": ident}


# ---------------------------------------------------------------------------- export


CSV_HEADER = ("time", "phase", "member", "kind", "note")


def contributions_csv(contributions: Iterable[Contribution], codebook: Sequence[Code]) -> str:
    """The standing contributions as CSV (`time,phase,member,kind,note`), one per row.

    `time` is the wall-clock time in the meeting's own zone (as written in `at`), HH:MM:SS;
    `kind` is the code's name. Lines end with "\\n".
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for item in contributions:
        moment = _moment(item.at)
        writer.writerow((moment.strftime("%H:%M:%S") if moment else "", item.phase,
                         item.member, _code_name(codebook, item.code), item.note))
    return out.getvalue()
