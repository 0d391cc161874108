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


CODED_OPS = ("tag", "recode")
"""The events that give a contribution its code."""


def tagged_member(event: dict[str, Any]) -> str:
    """The member a tag event names."""
    return str(event.get("member", ""))


def is_person(member: str, people: Collection[str]) -> bool:
    """Whether a tag names someone who may be tagged (`people`: casefolded names)."""
    return member.casefold() in people


def is_code(code: object, codes: Collection[str]) -> bool:
    """Whether a tag or re-code gives a code of the set's codebook (`codes`: their names)."""
    return isinstance(code, str) and code in codes


def journal_names(events: Iterable[dict[str, Any]]) -> tuple[set[str], set[str]] | None:
    """What `journal_faults` checks of a journal against the set: the members its tags name
    and the codes its tags and re-codes give; None when a code is not text (a fault whatever
    the codebook says)."""
    members: set[str] = set()
    codes: set[str] = set()
    for event in events:
        op = event.get("op")
        if op == "tag":
            members.add(tagged_member(event))
        if op in CODED_OPS:
            code = event.get("code")
            if not isinstance(code, str):
                return None
            codes.add(code)
    return members, codes


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
            member = tagged_member(event)
            if people is not None and not is_person(member, people):
                faults.append(
                    JournalFault(line, "member", f"{member!r} is not a member or the facilitator")
                )
        elif ident not in tagged:
            faults.append(JournalFault(line, "id", f"no contribution {ident} tagged before"))
        code = event.get("code")
        if op in CODED_OPS and codes is not None and not is_code(code, codes):
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
