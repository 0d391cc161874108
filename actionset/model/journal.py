"""The tag journal's events: which are valid, in one place for `check`, `report` and the console.

Each line of `meetings/YYYY-MM-DD.tags.jsonl` is one event (see `actionset.model.contributions`).
Reading is forgiving: an event that is not valid is left out of the replay. `check` names
each one with `journal_faults`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

OPS = ("tag", "recode", "note", "delete")
COACH_OPS = ("prompt", "dismiss")
"""A coach prompt shown, and dismissed (`actionset.model.coach`): numbered by `n`, no id."""


def event_id(event: dict[str, Any]) -> int | None:
    """The contribution an event is about; None when its id is not a whole number."""
    ident = event.get("id")
    return ident if type(ident) is int else None  # `true` is no id, though bool is an int


@dataclass(frozen=True, slots=True)
class JournalFault:
    """Something wrong with one event of a journal, at its line."""

    line: int
    field: str
    message: str


def journal_faults(
    events: Iterable[tuple[int, dict[str, Any]]],
    *,
    people: Collection[str] | None = None,
    codes: Collection[str] | None = None,
) -> list[JournalFault]:
    """What is wrong with each event, given as (line, event) in the order written.

    `people` are the casefolded names who may be tagged (the members and the facilitator) and
    `codes` the names of the set's codebook; None when the set could not be read, and then
    neither is checked.
    """
    faults: list[JournalFault] = []
    tagged: set[int] = set()
    prompted: set[int] = set()
    for line, event in events:
        op, ident = event.get("op"), event_id(event)
        if op in COACH_OPS:
            faults.extend(_coach_faults(line, event, prompted))
            continue
        if op not in OPS:
            faults.append(JournalFault(line, "op", f"unknown operation {op!r}"))
            continue
        if ident is None:
            faults.append(JournalFault(line, "id", "the contribution id must be a number"))
            continue
        if op == "tag":
            tagged.add(ident)
            try:
                dt.datetime.fromisoformat(str(event.get("at", "")))
            except ValueError:
                faults.append(JournalFault(line, "at", "not an ISO date and time"))
            member = str(event.get("member", ""))
            if people is not None and member.casefold() not in people:
                faults.append(
                    JournalFault(line, "member", f"{member!r} is not a member or the facilitator")
                )
        elif ident not in tagged:
            faults.append(JournalFault(line, "id", f"no contribution {ident} tagged before"))
        code = event.get("code")
        if (
            op in ("tag", "recode")
            and codes is not None
            and not (isinstance(code, str) and code in codes)
        ):
            faults.append(
                JournalFault(
                    line,
                    "code",
                    f"{event.get('code')!r} is not in the "
                    f"set's codebook ({', '.join(sorted(codes))})",
                )
            )
    return faults


PROMPT_KINDS = (
    "advice-creeping",
    "silent-member",
    "dominating",
    "closed-run",
    "no-open-question",
    "statements",
    "actions-without-time",
)
"""The coach's prompt kinds (`actionset.model.coach.PromptKind`; a test keeps the two equal)."""


def _coach_faults(line: int, event: dict[str, Any], prompted: set[int]) -> list[JournalFault]:
    number = event.get("n")
    if type(number) is not int:
        return [JournalFault(line, "n", "the prompt's number must be a whole number")]
    faults: list[JournalFault] = []
    try:
        dt.datetime.fromisoformat(str(event.get("at", "")))
    except ValueError:
        faults.append(JournalFault(line, "at", "not an ISO date and time"))
    if event.get("op") == "prompt":
        prompted.add(number)
        if event.get("kind") not in PROMPT_KINDS:
            faults.append(
                JournalFault(line, "kind", f"{event.get('kind')!r} is not a coach prompt's kind")
            )
    elif number not in prompted:
        faults.append(JournalFault(line, "n", f"no prompt {number} shown before"))
    return faults
