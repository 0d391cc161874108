"""A programme's evaluation: every set's history, and the programme's totals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actionset.model.history import (
    GROWTH_SPAN,
    Cadence,
    Growth,
    History,
    Outcome,
    SetRecord,
    history,
    pooled,
    share,
    value_totals,
)
from actionset.model.value import Return, programme_return

if TYPE_CHECKING:
    from actionset.model.programme_file import ProgrammeFile


@dataclass
class Programme:
    """Every set's history, and the programme's totals."""

    sets: list[History]
    file: ProgrammeFile | None = None
    """programme.toml: the programme's name, currency and cost; None when there is none."""

    def total(self, name: str) -> int:
        return sum(getattr(h, name) for h in self.sets)

    @property
    def cadence(self) -> Cadence:
        return Cadence(
            held=sum(h.cadence.held for h in self.sets),
            on_time=sum(h.cadence.on_time for h in self.sets),
            late=sum(h.cadence.late for h in self.sets),
            missed=sum(h.cadence.missed for h in self.sets),
        )

    @property
    def attendance_rate(self) -> float | None:
        return share(self.total("attendance_present"), self.total("attendance_expected"))

    @property
    def completion_rate(self) -> float | None:
        return share(self.total("actions_done"), self.total("actions_due"))

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for h in self.sets for o in h.outcomes]

    @property
    def values(self) -> dict[str, float]:
        return value_totals(self.outcomes)

    @property
    def value(self) -> Return:
        """The value ledger's totals against the cost (`actionset.model.value`)."""
        if self.file is None:
            return programme_return(self.sets, None)
        return programme_return(self.sets, self.file.cost, self.file.currency)

    @property
    def growth(self) -> Growth:
        """Each set's first and last meetings pooled together (sets with two meetings or more)."""
        grown = [h for h in self.sets if len(h.meetings) >= 2]
        first = [f.totals for h in grown for f in h.meetings[:GROWTH_SPAN]]
        last = [f.totals for h in grown for f in h.meetings[-GROWTH_SPAN:]]
        if not grown:
            return Growth()
        (first_questions, first_advice), (last_questions, last_advice) = (
            pooled(first),
            pooled(last),
        )
        return Growth(first_questions, last_questions, first_advice, last_advice)


def programme(
    records: Iterable[SetRecord], today: dt.date, file: ProgrammeFile | None = None
) -> Programme:
    """The programme's figures: one `History` per set, in the order given."""
    return Programme([history(record, today) for record in records], file)
