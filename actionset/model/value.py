"""What the programme was worth against what it cost: the value ledger's totals (claimed,
adjusted, confirmed), the programme's cost, its return on investment and benefit/cost ratio.

Every figure is computed here once, for the programme report and the sponsor's pack, and how
each is computed is said in `HOW` (one line a figure), so that a sponsor can rebuild it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from actionset.model.ledger import OutcomeKind

if TYPE_CHECKING:
    from actionset.model.history import History, Outcome
    from actionset.model.programme_file import Cost

HOURS = "hours"

HOW: dict[str, str] = {
    "claimed": "every value reported back, added up per unit, as its owner gave it",
    "adjusted": "each value × its attribution (share due to the set's work) × its confidence "
    "(how sure its owner is), added up; 50% and 50% where the owner did not say",
    "confirmed": "the adjusted values of the outcomes confirmed by the sponsor or a manager",
    "hours": "hours saved are valued at the members' hourly rate in programme.toml (hours × "
    "hourly_rate) and added to the money; with no rate they are kept apart, out of the ROI",
    "cost": "facilitator days × day rate + members' hours × hourly rate + other costs, from "
    "programme.toml; members' hours, unless given: members present at each meeting × the "
    "hours the meeting is booked for",
    "roi": "ROI % = (adjusted benefit − cost) ÷ cost × 100, the adjusted benefit being the "
    "adjusted money and hours valued at the hourly rate",
    "ratio": "benefit/cost ratio = adjusted benefit ÷ cost",
    "a set's cost": "one set's share of the programme's cost: the facilitator days and other "
    "costs (and members' hours when programme.toml gives them) × the set's meetings ÷ all the "
    "sets' meetings; members' hours otherwise counted from the set's own record",
    "by kind": "outcomes reported back by their kind (saving, income, cost avoided, time, "
    "quality, intangible; unset: time for hours, saving for money, intangible without a "
    "value), with their adjusted value",
}


# ---------------------------------------------------------------------------- the ledger


@dataclass(frozen=True)
class LedgerTotals:
    """The values reported back added up per unit, three ways (`HOW`)."""

    claimed: dict[str, float] = field(default_factory=dict)
    adjusted: dict[str, float] = field(default_factory=dict)
    confirmed: dict[str, float] = field(default_factory=dict)


def ledger_totals(outcomes: Iterable[Outcome]) -> LedgerTotals:
    """Claimed, adjusted and confirmed, per unit in the order met."""
    totals = LedgerTotals()
    for o in outcomes:
        if o.value is None:
            continue
        adjusted = o.value * o.ledger.factor
        _add(totals.claimed, o.unit, o.value)
        _add(totals.adjusted, o.unit, adjusted)
        if o.ledger.confirmed:
            _add(totals.confirmed, o.unit, adjusted)
    return totals


def _add(totals: dict[str, float], unit: str, value: float) -> None:
    totals[unit] = totals.get(unit, 0) + value


@dataclass(frozen=True)
class KindFigures:
    """The outcomes of one kind: how many, and their adjusted values per unit."""

    kind: OutcomeKind
    outcomes: int
    adjusted: dict[str, float]


def by_kind(outcomes: Iterable[Outcome]) -> list[KindFigures]:
    """Each kind with an outcome, in the ledger's order of kinds."""
    found: dict[OutcomeKind, tuple[int, dict[str, float]]] = {}
    for o in outcomes:
        count, adjusted = found.get(o.ledger.kind, (0, {}))
        if o.value is not None:
            _add(adjusted, o.unit, o.value * o.ledger.factor)
        found[o.ledger.kind] = (count + 1, adjusted)
    return [KindFigures(kind, *found[kind]) for kind in OutcomeKind if kind in found]


# ---------------------------------------------------------------------------- cost and ROI


def member_hours(sets: Sequence[History]) -> float:
    """The hours the members gave: members present at each meeting × its booked hours."""
    return sum(h.attendance_present * h.booked_minutes / 60 for h in sets)


@dataclass(frozen=True)
class ProgrammeCost:
    facilitator_days: float
    day_rate: float
    member_hours: float
    hourly_rate: float
    other: float
    hours_counted: bool
    """Whether the members' hours were counted from the record (not given in the file)."""

    @property
    def facilitators(self) -> float:
        return self.facilitator_days * self.day_rate

    @property
    def members(self) -> float:
        return self.member_hours * self.hourly_rate

    @property
    def total(self) -> float:
        return self.facilitators + self.members + self.other


def programme_cost(cost: Cost | None, sets: Sequence[History]) -> ProgrammeCost | None:
    """The cost from programme.toml's `[cost]`; None when there is none."""
    if cost is None:
        return None
    counted = cost.member_hours is None
    hours = member_hours(sets) if cost.member_hours is None else cost.member_hours
    return ProgrammeCost(
        cost.facilitator_days, cost.day_rate, hours, cost.hourly_rate, cost.other, counted
    )


@dataclass(frozen=True)
class Return:
    """The programme's value against its cost, in its currency (`HOW`)."""

    currency: str
    totals: LedgerTotals
    cost: ProgrammeCost | None

    @property
    def hourly_rate(self) -> float | None:
        """What an hour saved is worth: the members' hourly rate, when the file gives one."""
        return self.cost.hourly_rate if self.cost is not None and self.cost.hourly_rate else None

    def benefit(self, values: dict[str, float]) -> float:
        """The money in the programme's currency, with the hours valued at the hourly rate."""
        rate = self.hourly_rate or 0
        return values.get(self.currency, 0) + values.get(HOURS, 0) * rate

    @property
    def kept_apart(self) -> dict[str, float]:
        """The claimed values in no unit the benefit counts: other currencies (no exchange
        rate is assumed), and hours when there is no hourly rate."""
        counted = {self.currency, HOURS} if self.hourly_rate else {self.currency}
        return {u: v for u, v in self.totals.claimed.items() if u not in counted}

    @property
    def roi_percent(self) -> float | None:
        """(adjusted benefit − cost) ÷ cost × 100; None without a cost."""
        if self.cost is None or not self.cost.total:
            return None
        return (self.benefit(self.totals.adjusted) - self.cost.total) / self.cost.total * 100

    @property
    def ratio(self) -> float | None:
        """Adjusted benefit ÷ cost; None without a cost."""
        if self.cost is None or not self.cost.total:
            return None
        return self.benefit(self.totals.adjusted) / self.cost.total


def programme_return(sets: Sequence[History], cost: Cost | None, currency: str = "GBP") -> Return:
    """The value ledger of these sets against the cost programme.toml gives."""
    outcomes = [o for h in sets for o in h.outcomes]
    return Return(currency, ledger_totals(outcomes), programme_cost(cost, sets))


def set_cost(cost: Cost, part: History, sets: Sequence[History]) -> Cost:
    """One set's share of the programme's cost (`HOW["a set's cost"]`)."""
    held = sum(h.cadence.held for h in sets)
    fraction = part.cadence.held / held if held else 0
    hours = None if cost.member_hours is None else cost.member_hours * fraction
    return cost.model_copy(
        update={
            "facilitator_days": cost.facilitator_days * fraction,
            "other": cost.other * fraction,
            "member_hours": hours,
        }
    )
