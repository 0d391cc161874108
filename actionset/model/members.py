"""Members over the life of a set: joining, renaming, retiring, and their roster numbers.

A member is known by their name in every file (set.toml, the meetings, actions, issues and tag
journals), so that a file edited by hand reads as the set speaks. A rename therefore follows
the member through every file; the functions here change one record each, and the store
writes them all.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from actionset.model.action import Action
from actionset.model.issue import Issue
from actionset.model.meeting import Attendance, Meeting
from actionset.model.set import Member, Set

ROSTER_KEYS = range(1, 10)
"""The numbers a member can hold: one key each on the console."""


def roster_numbers(the_set: Set, date: dt.date | None = None) -> list[tuple[int, Member]]:
    """The members' numbers on the console's roster, lowest first: current members, or those
    who belonged at a meeting on `date`. A member keeps the number set.toml gives them; one
    without (a set written before numbers were kept, or by hand) has the lowest number no
    other member there holds, in the order of set.toml, so that such a set numbers its
    members 1, 2, 3 as listed. Numbers above 9 have no key."""
    members = the_set.current_members if date is None else the_set.members_at(date)
    held: dict[int, Member] = {}
    unnumbered: list[Member] = []
    for member in members:
        if member.number is not None and member.number not in held:
            held[member.number] = member
        else:
            unnumbered.append(member)
    free = (n for n in itertools.count(1) if n not in held)
    for member in unnumbered:
        held[next(free)] = member
    return sorted(held.items(), key=lambda pair: pair[0])


def keyed_roster(the_set: Set, date: dt.date | None = None) -> dict[int, str]:
    """Who each number key (1 to 9) names: `roster_numbers` with a key."""
    return {n: m.name for n, m in roster_numbers(the_set, date) if n in ROSTER_KEYS}


def roll(the_set: Set, date: dt.date) -> list[str]:
    """Everyone on a meeting's roll, by roster number: the check-in's rows, keyed or not."""
    return [m.name for _, m in roster_numbers(the_set, date)]


def _keep_numbers(the_set: Set) -> None:
    """Write down every current member's number, so that a member joining or leaving moves
    no one else's."""
    for number, member in roster_numbers(the_set):
        if number in ROSTER_KEYS:
            member.number = number


def free_number(the_set: Set, latest: dt.date | None) -> int | None:
    """The number a joining member takes: the lowest of 1 to 9 held by no current member, nor
    by a member who left at or after the set's `latest` meeting (the room still knows them
    by it); None when all are held."""
    held = {n for n, _ in roster_numbers(the_set)}
    held |= {
        m.number
        for m in the_set.members
        if m.retired
        and m.number is not None
        and latest is not None
        and m.left is not None
        and m.left >= latest
    }
    return next((n for n in ROSTER_KEYS if n not in held), None)


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def add_member(the_set: Set, name: str, joined: dt.date, *, latest: dt.date | None) -> Set:
    """The set with a new member at the end of the roster, on the number `free_number` gives;
    `joined` is kept when the set has already met (`latest` is its latest meeting's date:
    their figures start there). A retired member of the same name comes back, on their old
    number if it is free."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a member needs a name")
    changed = the_set.model_copy(deep=True)
    known = changed.member(name)
    if known is not None and not known.retired:
        raise ValueError(f"{known.name} is already a member")
    _keep_numbers(changed)
    met = latest is not None
    if known is not None:
        held = {n for n, _ in roster_numbers(changed)}
        if known.number is None or known.number in held:
            known.number = free_number(changed, latest)
        known.retired, known.left, known.joined = False, None, joined if met else known.joined
        return Set.model_validate(changed.model_dump())
    number = free_number(changed, latest)
    changed.members.append(Member(name=name, joined=joined if met else None, number=number))
    return Set.model_validate(changed.model_dump())


def retire_member(the_set: Set, name: str, left: dt.date) -> Set:
    """The set with the member off the roster from `left` on; their history stays."""
    changed = the_set.model_copy(deep=True)
    member = changed.member(name)
    if member is None or member.retired:
        raise ValueError(f"no current member {name!r}")
    _keep_numbers(changed)
    member.retired, member.left = True, left
    if _same(changed.facilitator, member.name):
        changed.facilitator = ""
    return Set.model_validate(changed.model_dump())


def rename_in_set(the_set: Set, old: str, new: str) -> Set:
    """The set with member `old` called `new` (also as its facilitator)."""
    new = " ".join(new.split())
    if not new:
        raise ValueError("a member needs a name")
    changed = the_set.model_copy(deep=True)
    member = changed.member(old)
    if member is None:
        raise ValueError(f"no member {old!r}")
    other = changed.member(new)
    if other is not None and other is not member:
        raise ValueError(f"{other.name} is already a member")
    member.name = new
    if _same(changed.facilitator, old):
        changed.facilitator = new
    return Set.model_validate(changed.model_dump())


def rename_in_meeting(meeting: Meeting, old: str, new: str) -> bool:
    """Every mention of `old` in a meeting renamed; whether there was any."""
    before = meeting.model_dump()

    def swap(name: str) -> str:
        return new if _same(name, old) else name

    meeting.attendance = Attendance(
        present=[swap(n) for n in meeting.attendance.present],
        apologies=[swap(n) for n in meeting.attendance.apologies],
        absent=[swap(n) for n in meeting.attendance.absent],
    )
    for bid in meeting.bids:
        bid.member = swap(bid.member)
    for presentation in meeting.presenters:
        presentation.member = swap(presentation.member)
    for phase in meeting.agenda:
        phase.presenter = swap(phase.presenter) if phase.presenter else ""
    meeting.facilitator = swap(meeting.facilitator) if meeting.facilitator else ""
    meeting.reporting = swap(meeting.reporting) if meeting.reporting else ""
    if meeting.next_meeting is not None and meeting.next_meeting.facilitator:
        meeting.next_meeting.facilitator = swap(meeting.next_meeting.facilitator)
    return meeting.model_dump() != before


def rename_in_record(actions: list[Action], issues: list[Issue], old: str, new: str) -> bool:
    """Actions and issues owned by `old` owned by `new`; whether any were."""
    changed = False
    for action in actions:
        if _same(action.owner, old):
            action.owner, changed = new, True
    for issue in issues:
        if _same(issue.owner, old):
            issue.owner, changed = new, True
    return changed


def rename_in_event(event: dict[str, Any], old: str, new: str) -> bool:
    """A tag journal event's member and presenter renamed; whether it named `old`."""
    changed = False
    for key in ("member", "presenter"):
        value = event.get(key)
        if isinstance(value, str) and _same(value, old):
            event[key], changed = new, True
    return changed
