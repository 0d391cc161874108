"""An action a presenter commits to, and what they reported back about it."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field, field_validator, model_validator

from actionset.model.action_status import ActionStatus, Progress
from actionset.model.base import Record, problem_at
from actionset.model.glance import ID_PATTERN
from actionset.model.ledger import Evidence, Ledger, OutcomeKind, ledger_of

# What a value is counted in: hours saved, or money in a currency's ISO 4217 code ("GBP").
VALUE_UNIT = r"hours|[A-Z]{3}"
CURRENCY_SIGNS = {"GBP": "£", "EUR": "€", "USD": "$"}


class ReportBack(Record):
    """What the owner said about the action at one meeting's report-back.

    `outcome` is what changed as a result; `value` what it was worth, a number in
    `value_unit` ("hours" or a currency such as "GBP"), so that a programme's values add up.
    The value ledger's `attribution` (percent due to the set's work), `confidence` (percent
    sure of the value), `kind` and `evidence` are kept as said, None when not: `ledger` fills
    in the defaults (`actionset.model.ledger`), so that a file says only what people said.
    """

    meeting: dt.date
    progress: Progress
    note: str = ""
    outcome: str = ""
    value: int | float | None = Field(default=None, ge=0)
    value_unit: str = ""
    attribution: int | float | None = None
    confidence: int | float | None = None
    kind: OutcomeKind | None = None
    evidence: Evidence | None = None

    @field_validator("value_unit")
    @classmethod
    def _unit_is_known(cls, unit: str) -> str:
        if unit and not re.fullmatch(VALUE_UNIT, unit):
            raise ValueError('value_unit must be "hours" or a currency code such as "GBP"')
        return unit

    @field_validator("attribution", "confidence")
    @classmethod
    def _is_a_percent(cls, percent: float | None) -> float | None:
        if percent is not None and not 0 <= percent <= 100:
            raise ValueError("a percent from 0 to 100")
        return percent

    @model_validator(mode="after")
    def _value_has_unit(self) -> ReportBack:
        if self.value is not None and not self.value_unit:
            raise problem_at(
                ("value_unit",),
                'a value needs its unit: value_unit = "hours" or a currency code such as "GBP"',
            )
        if self.value is None and self.value_unit:
            raise problem_at(("value",), "value_unit is given but there is no value")
        if not self.outcome and self.value is None:
            for name in ("attribution", "confidence", "kind", "evidence"):
                if getattr(self, name) is not None:
                    raise problem_at((name,), f"{name} is given but there is no outcome or value")
        return self

    @property
    def ledger(self) -> Ledger:
        """The outcome's attribution, confidence, kind and evidence, defaults filled in."""
        return ledger_of(
            self.attribution, self.confidence, self.kind, self.evidence, self.value_unit
        )

    @property
    def value_text(self) -> str:
        """ "£4,000", "12.5 hours", "3,000 CHF"; empty without a value."""
        return "" if self.value is None else value_text(self.value, self.value_unit)


def value_text(value: float, unit: str) -> str:
    """A value in its unit: "£4,000", "12.5 hours", "3,000 CHF"."""
    number = f"{value:,}"
    if unit == "hours":
        return f"{number} hour{'s' * (value != 1)}"
    sign = CURRENCY_SIGNS.get(unit)
    return f"{sign}{number}" if sign else f"{number} {unit}"


CURRENCY_CODES = {sign: code for code, sign in CURRENCY_SIGNS.items()}
_VALUE_TEXT = re.compile(r"(?P<sign>[£€$])?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[A-Za-z]*)")
PROGRESS_SYMBOLS = {
    None: "·",
    Progress.done: "✓",
    Progress.partly: "◐",
    Progress.not_done: "✗",
    Progress.dropped: "–",
}
"""How the room sees each action's progress; `·` for not yet reported on."""


def parse_value(text: str, default_unit: str = "GBP") -> tuple[float | int | None, str]:
    """A value as typed ("£4,000", "4000", "12 hours", "12h", "300 EUR") as (value, unit).

    A bare number is in `default_unit`; empty text is no value. Raises ValueError otherwise.
    """
    text = text.strip()
    if not text:
        return None, ""
    match = _VALUE_TEXT.fullmatch(text)
    if match is None:
        raise ValueError('a value is a number, with "hours" or a currency: £4,000, 12 hours')
    number_text = match["number"].replace(",", "")
    number: float | int = float(number_text) if "." in number_text else int(number_text)
    unit = match["unit"]
    if match["sign"]:
        if unit:
            raise ValueError("a value has a currency sign or a unit, not both")
        return number, CURRENCY_CODES[match["sign"]]
    if not unit:
        return number, default_unit
    if unit.casefold() in ("h", "hr", "hrs", "hour", "hours"):
        return number, "hours"
    if re.fullmatch(r"[A-Za-z]{3}", unit):
        return number, unit.upper()
    raise ValueError(f'unknown unit {unit!r}: use "hours" or a currency code such as GBP')


class Action(Record):
    id: str = Field(min_length=1, pattern=f"^{ID_PATTERN}$")
    owner: str = Field(min_length=1)
    text: str = Field(min_length=1)
    issue: str = ""
    agreed_at: dt.date
    due: dt.date | None = None
    status: ActionStatus = ActionStatus.open
    updates: list[ReportBack] = Field(default_factory=list)

    @model_validator(mode="after")
    def _due_after_agreed(self) -> Action:
        if self.due is not None and self.due < self.agreed_at:
            raise problem_at(("due",), "due date is before the meeting the action was agreed at")
        return self

    def report(self, update: ReportBack) -> None:
        """Record a report-back; an action stays open until it is done or dropped.

        A second report at the same meeting replaces the first. Reports are kept in meeting
        order and the status follows the latest meeting's, so correcting an earlier meeting's
        report does not undo a later one.
        """
        others = [u for u in self.updates if u.meeting != update.meeting]
        self.updates = sorted([*others, update], key=lambda u: u.meeting)
        latest = self.updates[-1].progress
        if latest is Progress.done:
            self.status = ActionStatus.done
        elif latest is Progress.dropped:
            self.status = ActionStatus.dropped
        else:
            self.status = ActionStatus.open

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.open

    @property
    def latest_progress(self) -> Progress | None:
        """What the latest report-back said, if there was one."""
        return max(self.updates, key=lambda u: u.meeting).progress if self.updates else None

    def report_at(self, meeting: dt.date) -> ReportBack | None:
        """What was reported about the action at that meeting, if anything yet."""
        return next((u for u in self.updates if u.meeting == meeting), None)

    def open_before(self, meeting: dt.date) -> bool:
        """Whether the action was still open when that meeting began, so is reported on there.

        Agreed at an earlier meeting, and not done or dropped at any meeting before this one:
        an action reported done at this very meeting still belongs to its report-back.
        """
        if self.agreed_at >= meeting:
            return False
        if all(u.meeting < meeting for u in self.updates):
            return self.is_open  # nothing said since: the status stands (it may be hand-set)
        earlier = [u for u in self.updates if u.meeting < meeting]
        return not earlier or earlier[-1].progress not in (Progress.done, Progress.dropped)
