"""The programme's value for its report: the value ledger, claimed, adjusted and confirmed
totals, the cost, ROI and the benefit/cost ratio, each with a line on how it is computed.

The figures come from `actionset.model.value`; this module only words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionset.export.history import values_text, whole
from actionset.model.action import value_text
from actionset.model.audience import TOO_FEW
from actionset.model.history import History
from actionset.model.ledger import EVIDENCE_WORDS, KIND_WORDS
from actionset.model.value import HOURS, HOW, ProgrammeCost, Return

if TYPE_CHECKING:
    from actionset.model.audience import Reader
    from actionset.model.programme import Programme


def money(amount: float, currency: str) -> str:
    """An amount to the whole unit of its currency: "£13,750", "−£830"."""
    rounded = round(amount)
    text = value_text(abs(rounded), currency)
    return f"−{text}" if rounded < 0 else text  # a true minus, as `signed` writes


def percent_of(value: float) -> str:
    return f"{whole(value)}%"


def signed(number: int) -> str:
    """A whole number with a true minus sign when it is below nought: "−25"."""
    return f"−{-number}" if number < 0 else str(number)


def cost_text(cost: ProgrammeCost, currency: str) -> str:
    """The cost and its parts: "£15,040: facilitators 8 days × £900 = £7,200; …"."""
    hours = "counted from the record" if cost.hours_counted else "as given"
    parts = [
        f"facilitators {whole(cost.facilitator_days)} days × {money(cost.day_rate, currency)} "
        f"= {money(cost.facilitators, currency)}",
        f"members {whole(cost.member_hours)} hours ({hours}) × "
        f"{money(cost.hourly_rate, currency)} = {money(cost.members, currency)}",
    ]
    if cost.other:
        parts.append(f"other {money(cost.other, currency)}")
    return f"{money(cost.total, currency)}: " + "; ".join(parts)


def benefit_text(r: Return, values: dict[str, float]) -> str:
    """A total in the programme's currency, with its hours valued when there is a rate."""
    amount = money(r.benefit(values), r.currency)
    rate = r.hourly_rate
    hours = values.get(HOURS, 0)
    if rate and hours:
        return f"{amount} (hours valued at {money(rate, r.currency)} an hour)"
    return amount


def return_lines(r: Return) -> list[str]:
    """Claimed, adjusted, confirmed, cost, ROI and ratio: one line each."""
    t = r.totals
    lines = [
        f"Claimed: {values_text(t.claimed)}",
        f"Adjusted (× attribution × confidence): {values_text(t.adjusted)}",
        f"Confirmed (adjusted, confirmed by the sponsor or a manager): {values_text(t.confirmed)}",
    ]
    if r.hourly_rate:
        lines.append(f"Adjusted benefit: {benefit_text(r, t.adjusted)}")
    if r.kept_apart:
        lines.append(f"Kept apart, out of the ROI: {values_text(r.kept_apart)}")
    if r.cost is None:
        lines.append("Cost: not collected (add [cost] to programme.toml in the sets folder)")
        return lines
    lines.append(f"Cost: {cost_text(r.cost, r.currency)}")
    if not t.claimed:
        lines.append("ROI: not collected (no value reported back yet)")
        return lines
    roi, ratio = r.roi_percent, r.ratio
    if roi is None or ratio is None:
        lines.append("ROI: – (the cost is nothing)")
        return lines
    benefit = money(r.benefit(t.adjusted), r.currency)
    total = money(r.cost.total, r.currency)
    lines += [
        f"ROI: {signed(round(roi))}% (({benefit} − {total}) ÷ {total} × 100)",
        f"Benefit/cost ratio: {ratio:.2f} ({benefit} ÷ {total})",
    ]
    return lines


LEDGER_HEADERS = (
    "set",
    "date",
    "owner",
    "outcome",
    "kind",
    "value",
    "attribution",
    "confidence",
    "adjusted",
    "evidence",
)


def ledger_rows(
    sets: Sequence[History], readers: Sequence[Reader] | None = None
) -> list[list[str]]:
    """One row per outcome reported back, with its ledger's figures; each set's as its
    `readers` entry may read them (`actionset.model.audience`): none for research, none of a
    member who does not share, and the owner only where they may be named."""
    rows = []
    for number, h in enumerate(sets, start=1):
        reader = readers[number - 1] if readers is not None else None
        if reader is not None and not reader.may_show("ReportBack.outcome"):
            continue
        for o in h.outcomes:
            if reader is not None and not reader.individual(o.owner):
                continue
            adjusted = (
                "–" if o.value is None else value_text(whole(o.value * o.ledger.factor), o.unit)
            )
            named = reader is None or reader.may_name(o.owner)
            rows.append(
                [
                    h.name if reader is None else reader.set_label(number),
                    o.date.isoformat(),
                    o.owner if named else "not named",
                    o.outcome or o.action,
                    KIND_WORDS[o.ledger.kind],
                    o.value_text or "–",
                    "–" if o.value is None else percent_of(o.ledger.attribution),
                    "–" if o.value is None else percent_of(o.ledger.confidence),
                    adjusted,
                    EVIDENCE_WORDS[o.ledger.evidence],
                ]
            )
    return rows


VALUE_HOW = ("claimed", "adjusted", "confirmed", "hours", "cost", "roi", "ratio", "by kind")


def how_lines() -> list[str]:
    return [f"{name}: {HOW[name]}" for name in VALUE_HOW]


def value_markdown(p: Programme, readers: Sequence[Reader] | None = None) -> list[str]:
    """The programme report's section on value: the totals, the cost and the ROI, then the
    ledger of every outcome (as `ledger_rows` gives it to `readers`)."""
    from actionset.export.history import table

    out = ["", "## Value and return on investment", ""]
    lines = return_lines(p.value)
    if readers:  # the totals are figures about the outcomes' owners, every set's
        owners = {f"{n} {o.owner}" for n, h in enumerate(p.sets) for o in h.outcomes}
        if readers[0].too_few(owners):
            lines = [f"{line.split(':', 1)[0]}: {TOO_FEW}" for line in lines]
    out += [f"- {line}" for line in lines]
    rows = ledger_rows(p.sets, readers)
    if rows:
        out += ["", "### The value ledger", ""]
        out += table(LEDGER_HEADERS, rows, markdown=True)
    return out
