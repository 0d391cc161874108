"""The members' own voice: the rounds a facilitator opens (a pulse, a self-assessment, a
reflection line) and the answers members give, from their phones, the laptop or paper.

A meeting's voice is kept beside its file, `meetings/YYYY-MM-DD.voice.jsonl`, one JSON object
a line, appended as it comes (`actionset.store.voice`):

    {"type": "round", "round": "r1", "kind": "pulse", "at": "…", "statements": [{"id": …,
     "text": …}, …], "ask": "…"}
    {"type": "answer", "round": "r1", "device": "…", "at": "…", "ratings": {"useful": 4, …},
     "line": "…"}                      # "by": "laptop" or "paper" when typed in for a member
    {"type": "close", "round": "r1", "at": "…"}
    {"type": "release", "round": "r1", "at": "…"}

A round holds its statements as shown, so that a later change of the set's scales does not
change what was answered; `ask` is the free line's question (empty: no free line). Answers
are anonymous: a random key per device, never a name; a device answering again replaces its
answer (the last counts), and at most `device_limit` devices answer a round. This module
reads and checks the lines (`replay`) and holds the rounds' state; it imports neither
pydantic nor Textual, so the members' page and the console can use it at no cost.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

RoundKind = Literal["pulse", "self", "reflection"]
KINDS: tuple[RoundKind, ...] = ("pulse", "self", "reflection")
KIND_NAMES: dict[str, str] = {
    "pulse": "pulse",
    "self": "self-assessment",
    "reflection": "reflection",
}
"""Each kind in the words the console and the reports use."""
TYPES = ("round", "answer", "close", "release")
TYPED_IN = ("laptop", "paper")
"""`by` of an answer the facilitator typed in for a member: on the laptop in the room, or
from a paper form after."""

LOWEST, HIGHEST = 1, 5
"""A statement is rated from 1 (not at all) to 5 (very much)."""
MAX_LINE = 500
"""The longest free line, in characters."""
MAX_STATEMENT = 200
MAX_ID = 32
MAX_ASK = 200
EXTRA_DEVICES = 2
"""A round takes answers from at most as many devices as the set has members, and two more
(a borrowed phone, a page opened again in another browser)."""
STATEMENT_ID = re.compile(r"[a-z][a-z0-9-]*")
ROUND_ID = re.compile(r"r[1-9][0-9]{0,5}")
DEVICE = re.compile(r"[A-Za-z0-9_-]{8,64}")
PULSE_STATEMENTS = (3, 5)
"""How many statements a pulse rates: at least, at most."""
SELF_STATEMENTS = (2, 8)


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement a member rates, by its id in the file and its words as shown."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Scale:
    """What a round of one kind asks: its statements (none for a reflection) and the free
    line's question (empty: no free line)."""

    kind: RoundKind
    statements: tuple[Statement, ...]
    ask: str


DEFAULT_SCALES: dict[RoundKind, Scale] = {
    "pulse": Scale(
        "pulse",
        (
            Statement("useful", "Today's meeting was useful for my work"),
            Statement("questioned", "The set questioned more than it advised"),
            Statement("said", "I could say what I needed to say"),
            Statement("next", "I know what I will do before we next meet"),
        ),
        "One line: what will you take from today?",
    ),
    "self": Scale(
        "self",
        (
            Statement("open", "I ask open questions that help the presenter think"),
            Statement("no-advice", "I hold back advice, even when I think I know the answer"),
            Statement("listen", "I listen to understand, not to reply"),
            Statement("build", "My questions build on what the presenter has just said"),
            Statement("silence", "I leave a silence while someone thinks"),
        ),
        "One line: what would you like to get better at?",
    ),
    "reflection": Scale(
        "reflection",
        (),
        "How did we question and listen today? One line.",
    ),
}
"""The scales a set uses unless its `[scales]` (or its programme's) words them its own way."""


def scales_for(*settings: Mapping[str, Any] | None) -> dict[RoundKind, Scale]:
    """The scales in use: the defaults, with each kind that a setting gives (`[scales]` of a
    programme, then of the set, as plain data already validated by
    `actionset.model.voice_settings`) replaced by the later one. A kind's `statements` replace
    the default's whole; its `ask` replaces the question alone, and `free_line = false` asks
    none (a reflection, which is its free line, always asks one)."""
    scales = dict(DEFAULT_SCALES)
    for given in settings:
        for kind in KINDS:
            scale = (given or {}).get(kind)
            if not isinstance(scale, Mapping):
                continue
            statements = scales[kind].statements
            if scale.get("statements") is not None:
                statements = tuple(Statement(s["id"], s["text"]) for s in scale["statements"])
            ask = scale.get("ask") or scales[kind].ask
            if scale.get("free_line") is False and kind != "reflection":
                ask = ""
            scales[kind] = Scale(kind, statements, ask)
    return scales


def device_limit(members: int) -> int:
    """How many devices may answer a round of a set of `members`."""
    return members + EXTRA_DEVICES


def new_device(by: str = "") -> str:
    """A random key for a device (a phone's page keeps its own); one typed in on the laptop
    or from paper is a device of its own each time (`by-…`), so none replaces another."""
    key = secrets.token_urlsafe(16)
    return f"{by}-{key}" if by else key


def _at(at: dt.datetime) -> str:
    return at.isoformat(timespec="seconds")


# ---------------------------------------------------------------------------- the lines


def round_line(
    round_id: str, scale: Scale, at: dt.datetime, *, for_paper: bool = False
) -> dict[str, Any]:
    """The line that opens a round asking `scale`, as shown at `at`; `for_paper`: a round for
    answers typed in from paper, never shown to the phones (`"by": "paper"`)."""
    line = {
        "type": "round",
        "round": round_id,
        "kind": scale.kind,
        "at": _at(at),
        "statements": [{"id": s.id, "text": s.text} for s in scale.statements],
        "ask": scale.ask,
    }
    return {**line, "by": "paper"} if for_paper else line


def answer_line(
    round_id: str,
    device: str,
    at: dt.datetime,
    ratings: Mapping[str, int],
    line: str = "",
    by: str | None = None,
) -> dict[str, Any]:
    """The line of one answer; the free line is kept on one line, its spaces trimmed."""
    record: dict[str, Any] = {
        "type": "answer",
        "round": round_id,
        "device": device,
        "at": _at(at),
        "ratings": dict(ratings),
        "line": " ".join(line.split()),
    }
    if by is not None:
        record["by"] = by
    return record


def close_line(round_id: str, at: dt.datetime) -> dict[str, Any]:
    return {"type": "close", "round": round_id, "at": _at(at)}


def release_line(round_id: str, at: dt.datetime) -> dict[str, Any]:
    """The line that shows a round's free lines to the room, anonymously."""
    return {"type": "release", "round": round_id, "at": _at(at)}


# ---------------------------------------------------------------------------- the state


@dataclass(frozen=True, slots=True)
class Answer:
    """One device's answer to a round (the last it gave)."""

    device: str
    at: dt.datetime
    ratings: dict[str, int]
    line: str
    by: str | None = None


def average_text(value: float, *, signed: bool = False) -> str:
    """An average (or, `signed`, a change of one) as every report and screen writes it: one
    decimal place, a half rounded up as a person rounds it (4.25 is 4.3, 2.75 is 2.8), where
    a float's own rounding would give 4.2 for one and 2.8 for the other."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if exact.is_zero():
        exact = Decimal("0.0")
    return f"{exact:+}" if signed else str(exact)


@dataclass(frozen=True, slots=True)
class Average:
    """The mean rating of one statement over the answers that rated it, and how many did."""

    id: str
    text: str
    mean: float | None
    n: int

    def __str__(self) -> str:
        return "not rated" if self.mean is None else f"{average_text(self.mean)} (n={self.n})"


@dataclass(slots=True)
class Round:
    """A round as its lines make it: opened, perhaps closed and released, and its answers,
    the last of each device."""

    id: str
    kind: RoundKind
    at: dt.datetime
    statements: tuple[Statement, ...]
    ask: str = ""
    closed: dt.datetime | None = None
    released: dt.datetime | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    for_paper: bool = False
    """Opened for answers typed in from paper, closed to the phones from the start."""

    @property
    def is_open(self) -> bool:
        return self.closed is None

    @property
    def count(self) -> int:
        """How many have answered (devices, each once)."""
        return len(self.answers)

    @property
    def name(self) -> str:
        return KIND_NAMES[self.kind]

    def averages(self) -> list[Average]:
        """Each statement's mean rating, with n, in the order shown."""
        return averages_of([self])

    def lines(self) -> list[str]:
        """The free lines given, in the order of the answers that count, the empty ones left
        out."""
        return [a.line for a in self.answers.values() if a.line]


def averages_of(rounds: Sequence[Round]) -> list[Average]:
    """Each statement's mean over the answers of `rounds` (of one kind), pooled by id, in
    the order the latest round shows them, then any the latest no longer has."""
    order: dict[str, str] = {}
    for a_round in reversed(rounds):
        for statement in a_round.statements:
            order.setdefault(statement.id, statement.text)
    given: dict[str, list[int]] = {key: [] for key in order}
    for a_round in rounds:
        for answer in a_round.answers.values():
            for key, rating in answer.ratings.items():
                given.setdefault(key, []).append(rating)
    return [
        Average(key, order.get(key, key), sum(r) / len(r) if r else None, len(r))
        for key, r in given.items()
    ]


@dataclass(frozen=True, slots=True)
class VoiceFault:
    """Something wrong with one line of a voice file, at its line."""

    line: int
    field: str
    message: str


@dataclass
class Voice:
    """A meeting's rounds as its voice file's lines make them, and what is wrong with any line
    (each line left out of the rounds). `limit`: how many devices may answer a round (None:
    not checked, when the set's members are not known)."""

    limit: int | None = None
    rounds: dict[str, Round] = field(default_factory=dict)
    faults: list[VoiceFault] = field(default_factory=list)

    @property
    def open_round(self) -> Round | None:
        """The latest round still open."""
        return next((r for r in reversed(self.rounds.values()) if r.is_open), None)

    def of_kind(self, kind: str) -> list[Round]:
        return [r for r in self.rounds.values() if r.kind == kind]

    def next_round_id(self) -> str:
        numbers = [int(key[1:]) for key in self.rounds]
        return f"r{max(numbers, default=0) + 1}"

    def refusal(self, record: Mapping[str, Any]) -> str | None:
        """Why `record` may not be the file's next line (`field: what is wrong`), or None."""
        wrong = self._fault(record)
        return None if wrong is None else f"{wrong[0]}: {wrong[1]}"

    def add(self, record: Mapping[str, Any], line: int = 0) -> bool:
        """Take the next line: applied when it holds, else noted as a fault at `line`."""
        wrong = self._fault(record)
        if wrong is not None:
            self.faults.append(VoiceFault(line, *wrong))
            return False
        kind = record["type"]
        at = _time(record["at"])
        assert at is not None  # checked by `_fault`
        if kind == "round":
            self.rounds[record["round"]] = Round(
                record["round"],
                record["kind"],
                at,
                tuple(Statement(s["id"], s["text"]) for s in record["statements"]),
                record.get("ask", ""),
                for_paper=record.get("by") == "paper",
            )
            return True
        the_round = self.rounds[record["round"]]
        if kind == "answer":
            the_round.answers.pop(record["device"], None)  # the last answer counts
            the_round.answers[record["device"]] = Answer(
                record["device"],
                at,
                dict(record.get("ratings") or {}),
                record.get("line", ""),
                record.get("by"),
            )
        elif kind == "close" and the_round.closed is None:
            the_round.closed = at
        elif kind == "release" and the_round.released is None:
            the_round.released = at
        return True

    def _fault(self, record: Mapping[str, Any]) -> tuple[str, str] | None:
        kind = record.get("type")
        if kind not in TYPES:
            return "type", f"{kind!r} is not one of {', '.join(TYPES)}"
        round_id = record.get("round")
        if not isinstance(round_id, str) or not ROUND_ID.fullmatch(round_id):
            return "round", f"{round_id!r} is not a round's id (r1, r2, …)"
        if _time(record.get("at")) is None:
            return "at", "not an ISO date and time"
        if kind == "round":
            return self._round_fault(record)
        the_round = self.rounds.get(round_id)
        if the_round is None:
            return "round", f"no round {round_id} opened before"
        extra = set(record) - {"type", "round", "at"}
        if kind == "answer":
            return _answer_fault(record, the_round, self.limit)
        if extra:
            return sorted(extra)[0], f"a {kind} line has no {sorted(extra)[0]!r}"
        return None

    def _round_fault(self, record: Mapping[str, Any]) -> tuple[str, str] | None:
        if record["round"] in self.rounds:
            return "round", f"round {record['round']} is opened twice"
        extra = set(record) - {"type", "round", "at", "kind", "statements", "ask", "by"}
        if extra:
            return sorted(extra)[0], f"a round has no {sorted(extra)[0]!r}"
        if record.get("by", "paper") != "paper":
            return "by", f"{record['by']!r}: a round is opened by the console, or for paper"
        kind = record.get("kind")
        if kind not in KINDS:
            return "kind", f"{kind!r} is not one of {', '.join(KINDS)}"
        ask = record.get("ask", "")
        if not isinstance(ask, str) or len(ask) > MAX_ASK:
            return "ask", f"the free line's question must be text of at most {MAX_ASK} characters"
        return statements_fault(kind, record.get("statements"))


def statements_fault(kind: str, statements: object) -> tuple[str, str] | None:
    """What is wrong with a round's statements (as plain data), or None."""
    if not isinstance(statements, list):
        return "statements", "must be a list of {id, text}"
    low, high = {"pulse": PULSE_STATEMENTS, "self": SELF_STATEMENTS}.get(kind, (0, 0))
    if not low <= len(statements) <= high:
        wanted = "none" if high == 0 else f"{low} to {high}"
        given = len(statements)
        return "statements", f"a {KIND_NAMES[kind]} rates {wanted} statements, not {given}"
    seen: set[str] = set()
    for index, statement in enumerate(statements):
        at = f"statements.{index}"
        if not isinstance(statement, dict) or set(statement) != {"id", "text"}:
            return at, "must be {id, text}"
        ident, text = statement["id"], statement["text"]
        if not isinstance(ident, str) or not STATEMENT_ID.fullmatch(ident) or len(ident) > MAX_ID:
            return f"{at}.id", f"{ident!r} is not an id (lowercase letters, digits and -)"
        if ident in seen:
            return f"{at}.id", f"{ident!r} is used twice"
        seen.add(ident)
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_STATEMENT:
            return f"{at}.text", f"must be words, at most {MAX_STATEMENT} characters"
    return None


def _answer_fault(
    record: Mapping[str, Any], the_round: Round, limit: int | None
) -> tuple[str, str] | None:
    extra = set(record) - {"type", "round", "at", "device", "ratings", "line", "by"}
    if extra:
        return sorted(extra)[0], f"an answer has no {sorted(extra)[0]!r}"
    by = record.get("by")
    if by is not None and by not in TYPED_IN:
        return "by", f"{by!r} is not one of {', '.join(TYPED_IN)}"
    device = record.get("device")
    if not isinstance(device, str) or not DEVICE.fullmatch(device):
        return "device", "not a device's key (8 to 64 letters, digits, - and _)"
    if not the_round.is_open and by is None:
        return "round", f"round {the_round.id} was closed before this answer"
    new = device not in the_round.answers
    if new and limit is not None and the_round.count >= limit:
        return "device", f"round {the_round.id} already has answers from {limit} devices"
    ratings = record.get("ratings", {})
    if not isinstance(ratings, dict):
        return "ratings", "must be a table of statement ids and ratings"
    shown = {s.id for s in the_round.statements}
    for key, rating in ratings.items():
        if key not in shown:
            return f"ratings.{key}", f"round {the_round.id} shows no statement {key!r}"
        if type(rating) is not int or not LOWEST <= rating <= HIGHEST:
            return f"ratings.{key}", f"{rating!r} is not a rating from {LOWEST} to {HIGHEST}"
    line = record.get("line", "")
    if not isinstance(line, str):
        return "line", "must be text"
    if len(line) > MAX_LINE:
        return "line", f"{len(line)} characters; at most {MAX_LINE}"
    if not ratings and not line.strip():
        return "ratings", "an answer with no rating and no line"
    return None


def _time(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def replay(lines: Iterable[tuple[int, Mapping[str, Any]]], limit: int | None = None) -> Voice:
    """A meeting's voice from its lines, given as (line number, record) in the order written;
    each line that does not hold is a fault, and the rest are still read."""
    voice = Voice(limit)
    for number, record in lines:
        voice.add(record, number)
    return voice
