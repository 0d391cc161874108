"""Contributions tagged during a meeting: the journal replayed, slots, and the tagger.

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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from actionset.model.journal import event_id
from actionset.model.meeting import AgendaPhase


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


def replay(
    events: Iterable[dict[str, Any]], agenda: Sequence[AgendaPhase] | None = None
) -> list[Contribution]:
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
    return next(
        (
            number
            for number, (first, last, _) in enumerate(_slot_spans(agenda))
            if first <= phase <= last
        ),
        None,
    )


def presenter_at(agenda: Sequence[AgendaPhase], phase: int) -> str:
    """The presenter of the slot the agenda's phase number `phase` is part of (a placeholder
    until chosen); empty outside every slot."""
    number = slot_at(agenda, phase)
    return "" if number is None else slot_presenters(agenda)[number]


def resolve_presenters(
    contributions: Iterable[Contribution], agenda: Sequence[AgendaPhase]
) -> list[Contribution]:
    """The contributions with the presenter of their slot as the agenda has it now."""
    presenters = slot_presenters(agenda)
    return [
        item
        if (now := presenter_of(item, presenters)) == item.presenter
        else replace(item, presenter=now)
        for item in contributions
    ]


def presenter_of(item: Contribution, presenters: Sequence[str]) -> str:
    """The presenter of `item`'s slot among the agenda's `presenters` (`slot_presenters`);
    the one it recorded when it has no slot, or one the agenda no longer has."""
    if item.slot is not None and item.slot < len(presenters):
        return presenters[item.slot]
    return item.presenter


def same_member(name: str) -> str:
    """What two spellings of one member's name have in common (case is not a new member)."""
    return name.casefold()


def slots(contributions: Iterable[Contribution]) -> dict[str, list[Contribution]]:
    """Contributions grouped by presenter, presenters in the order they first appear."""
    grouped: dict[str, list[Contribution]] = {}
    for item in contributions:
        grouped.setdefault(item.presenter, []).append(item)
    return grouped


def slot(contributions: Iterable[Contribution], presenter: str) -> list[Contribution]:
    """The contributions made while `presenter` held the floor."""
    wanted = same_member(presenter)
    return [item for item in contributions if same_member(item.presenter) == wanted]


def moment_of(at: str) -> dt.datetime | None:
    """The time of a contribution; a time without a zone is taken as this machine's."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()


# ---------------------------------------------------------------------------- tagging


class Tagger:
    """Builds journal events for one meeting: ids carry on from what is already on disk.

    `clock` gives the moment of a tag (an aware datetime, or naive local time); tests pass a
    fake clock. The events are plain dicts for `TagJournal.append`.
    """

    def __init__(
        self,
        events: Iterable[dict[str, Any]] = (),
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        ids = [event_id(e) or 0 for e in events if e.get("op") == "tag"]
        self.next_id = max(ids, default=0) + 1
        self.clock = clock

    def tag(
        self,
        *,
        member: str,
        code: str,
        phase: str,
        presenter: str,
        note: str = "",
        slot: int | None = None,
    ) -> dict[str, Any]:
        """A new contribution; `slot` (see `slot_at`) is left out of the event outside every
        slot."""
        now = self.clock()
        if now.tzinfo is None:
            now = now.astimezone()  # naive means this machine's local time
        event: dict[str, Any] = {
            "op": "tag",
            "id": self.next_id,
            "at": now.isoformat(timespec="seconds"),
            "phase": phase,
        }
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
