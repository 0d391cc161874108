"""What the sponsor's pack is about and who reads it: the programme's sets (or one of them),
their records and readers, and the rule of a figure about them all or about one set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from actionset.model.audience import TOO_FEW, figure
from actionset.model.pack import NOT_COLLECTED
from actionset.model.voice_report import Reaction, SelfAssessment

if TYPE_CHECKING:
    from actionset.model.audience import Audience, Reader
    from actionset.model.history import SetRecord
    from actionset.model.programme import Programme

GAPS = (NOT_COLLECTED, TOO_FEW)


@dataclass(frozen=True)
class Scope:
    """What the pack is about: the programme's sets, or one of them; and who reads it."""

    p: Programme
    records: Sequence[SetRecord]
    readers: Sequence[Reader]
    today: dt.date
    reaction: Reaction = field(default_factory=Reaction)
    """The members' pulses pooled (`voice_report`); none answered: not collected."""
    assessment: SelfAssessment = field(default_factory=SelfAssessment)
    """Their self-assessment, first against latest (`voice_report`)."""

    @property
    def audience(self) -> Audience:
        return self.readers[0].audience

    @property
    def labels(self) -> list[str]:
        return [r.set_label(n) for n, r in enumerate(self.readers, start=1)]

    @property
    def everyone(self) -> list[str]:
        """Every member of every set, each set's told apart (a figure about them all)."""
        return [f"{n} {m.name}" for n, h in enumerate(self.p.sets) for m in h.members]

    @property
    def owners(self) -> set[str]:
        """Who reported an outcome back, each set's told apart."""
        return {f"{n} {o.owner}" for n, h in enumerate(self.p.sets) for o in h.outcomes}

    def total(self, people: Sequence[str] | set[str], words: str) -> str:
        """A figure about the programme's `people`, or too few to show."""
        return figure(self.audience, people, words)

    def of_set(self, index: int, words: str) -> str:
        """A figure about one set's members, or too few to show."""
        h = self.p.sets[index]
        return self.readers[index].figure([m.name for m in h.members], words)

    @property
    def meetings(self) -> int:
        return sum(len(h.meetings) for h in self.p.sets)


def counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def source(scope: Scope, files: str) -> str:
    sets = counted(len(scope.p.sets), "set", "sets")
    return f"{files}, {sets}, {counted(scope.meetings, 'meeting', 'meetings')}"
