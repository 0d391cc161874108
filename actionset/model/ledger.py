"""The value ledger's words and defaults: what share of an outcome is due to the set, how sure
its owner is, what kind of benefit it is and who has confirmed it.

A report-back keeps only what was said (`ReportBack.attribution` and the rest, None when not);
`ledger_of` gives every outcome the figures the reports count with, the defaults filled in.
Plain values, no pydantic, so that a report can read them without the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OutcomeKind(StrEnum):
    saving = "saving"
    income = "income"
    cost_avoided = "cost-avoided"
    time = "time"
    quality = "quality"
    intangible = "intangible"


class Evidence(StrEnum):
    self_reported = "self-reported"
    confirmed_by_sponsor = "confirmed-by-sponsor"
    confirmed_by_manager = "confirmed-by-manager"


KIND_WORDS = {
    OutcomeKind.saving: "saving",
    OutcomeKind.income: "income",
    OutcomeKind.cost_avoided: "cost avoided",
    OutcomeKind.time: "time",
    OutcomeKind.quality: "quality",
    OutcomeKind.intangible: "intangible",
}
EVIDENCE_WORDS = {
    Evidence.self_reported: "self-reported",
    Evidence.confirmed_by_sponsor: "confirmed by the sponsor",
    Evidence.confirmed_by_manager: "confirmed by a manager",
}

# The defaults are conservative, as Phillips' method asks of every estimate: never credit the
# set with the whole of a benefit nobody has weighed. An action a set shaped is carried out
# among everything else going on at work, so half the benefit is due to the set until its
# owner says more or less; and an estimate nobody has checked counts for half until its
# owner says how sure they are. Together they count an unweighed value at a quarter, and the
# reports always show the value as claimed beside it.
DEFAULT_ATTRIBUTION = 50
"""Percent of an outcome due to the set's work when its owner has not said."""
DEFAULT_CONFIDENCE = 50
"""Percent sure of the value when its owner has not said."""
DEFAULT_EVIDENCE = Evidence.self_reported
"""What the owner said in the room: confirming it is a later step, by the sponsor or a manager."""


def default_kind(unit: str) -> OutcomeKind:
    """The kind of an outcome whose owner has not said: hours are time, money a saving (the
    commonest a report-back gives), an outcome without a value intangible."""
    if unit == "hours":
        return OutcomeKind.time
    return OutcomeKind.saving if unit else OutcomeKind.intangible


@dataclass(frozen=True)
class Ledger:
    """An outcome's figures for the ledger, the defaults filled in where nothing was said."""

    attribution: float
    """Percent due to the set's work, 0 to 100."""
    confidence: float
    """Percent sure of the value, 0 to 100."""
    kind: OutcomeKind
    evidence: Evidence

    @property
    def factor(self) -> float:
        """What a claimed value is multiplied by to adjust it: attribution × confidence."""
        return self.attribution / 100 * self.confidence / 100

    @property
    def confirmed(self) -> bool:
        """Confirmed by the sponsor or a manager, not only said by its owner."""
        return self.evidence is not Evidence.self_reported


def ledger_of(
    attribution: float | None,
    confidence: float | None,
    kind: OutcomeKind | None,
    evidence: Evidence | None,
    unit: str,
) -> Ledger:
    """What was said, the defaults where it was not (a value's `unit` gives the kind's)."""
    return Ledger(
        DEFAULT_ATTRIBUTION if attribution is None else attribution,
        DEFAULT_CONFIDENCE if confidence is None else confidence,
        default_kind(unit) if kind is None else kind,
        DEFAULT_EVIDENCE if evidence is None else evidence,
    )
