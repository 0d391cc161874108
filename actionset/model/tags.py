"""Contributions tagged during a meeting: the codebook and the journal replayed as light records.

The journal (`meetings/YYYY-MM-DD.tags.jsonl`) holds one event per line:
  {"op": "tag", "id": 7, "at": "2026-09-14T10:12:03+01:00", "phase": "Probe",
   "presenter": "Priya Shah", "member": "Tom Reyes", "code": "open-question", "note": ""}
  {"op": "recode", "id": 7, "code": "advice"}
  {"op": "note", "id": 7, "note": "Have you tried asking finance?"}
  {"op": "delete", "id": 7}            (undo and delete both append this)
Reading replays the events into `Contribution`s without a pydantic model per tag.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from actionset.model.set import Code, CountsAs

DEFAULT_CODEBOOK: tuple[Code, ...] = (
    Code(key="q", name="open-question", counts_as=CountsAs.question, label="open question"),
    Code(key="c", name="closed-question", counts_as=CountsAs.question, label="closed question"),
    Code(key="l", name="leading-question", counts_as=CountsAs.advice, label="leading question"),
    Code(key="a", name="advice", counts_as=CountsAs.advice, label="advice"),
    Code(key="s", name="statement", counts_as=CountsAs.other, label="statement"),
)


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
        op = event.get("op")
        ident = event.get("id")
        if not isinstance(ident, int):
            continue
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
    return list(standing.values())
