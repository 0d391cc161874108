"""What the coach's prompts count in each slot, kept up to date tag by tag."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from actionset.model.contributions import Contribution

TAIL = 100
"""The most recent contributions a slot's tally keeps: the longest run a setting may ask for."""


@dataclass
class SlotTally:
    """What the prompts count in one slot, kept up to date tag by tag."""

    total: int = 0
    members: dict[str, int] = field(default_factory=dict)
    """Contributions per member, by the name tagged."""
    codes: dict[tuple[str, str], int] = field(default_factory=dict)
    """Contributions per (phase title, code)."""
    tail: list[Contribution] = field(default_factory=list)
    """The latest contributions, oldest first (at most `TAIL`)."""

    @classmethod
    def of(cls, contributions: Iterable[Contribution]) -> SlotTally:
        tally = cls()
        for contribution in contributions:
            tally.add(contribution)
        return tally

    def add(self, contribution: Contribution) -> None:
        self.total += 1
        self.members[contribution.member] = self.members.get(contribution.member, 0) + 1
        code = (contribution.phase, contribution.code)
        self.codes[code] = self.codes.get(code, 0) + 1
        self.tail.append(contribution)
        if len(self.tail) > 2 * TAIL:
            del self.tail[:-TAIL]

    def spoke(self) -> set[str]:
        return {member.casefold() for member in self.members}

    def plus(self, other: SlotTally) -> SlotTally:
        """Two tallies as one (a slot's tags with and without a slot number)."""
        both = SlotTally(
            total=self.total + other.total,
            tail=sorted([*self.tail, *other.tail], key=lambda c: c.id),
        )
        for tally in (self, other):
            for member, count in tally.members.items():
                both.members[member] = both.members.get(member, 0) + count
            for code, count in tally.codes.items():
                both.codes[code] = both.codes.get(code, 0) + count
        return both


class Tallies:
    """Every slot's tally, kept up to date as the meeting is tagged: a new tag adds to its
    slot's tally; any other change (a re-code, a note, an undo) counts again from the start."""

    def __init__(self) -> None:
        self._by_slot: dict[int | str, SlotTally] = {}
        self._seen = 0

    def update(self, contributions: Sequence[Contribution], *, appended: bool | None) -> None:
        """After a change: `appended` when the only change is a new last contribution, False
        for any other change, None when nothing is known to have changed."""
        if appended is None:
            if len(contributions) == self._seen:
                return
            appended = False
        if appended and len(contributions) == self._seen + 1:
            self._add(contributions[-1])
        else:
            self._by_slot = {}
            for contribution in contributions:
                self._add(contribution)
        self._seen = len(contributions)

    def _add(self, contribution: Contribution) -> None:
        key = contribution.slot if contribution.slot is not None else contribution.presenter
        self._by_slot.setdefault(key, SlotTally()).add(contribution)

    def of(self, slot: int | None, presenter: str) -> SlotTally:
        """The tally of a slot (with the tags from before tags had slots, by presenter)."""
        if slot is None:
            return SlotTally()
        tally = self._by_slot.get(slot, SlotTally())
        legacy = self._by_slot.get(presenter)
        return tally if legacy is None else legacy.plus(tally)
