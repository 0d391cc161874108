"""The form of one action's report-back: its note, what changed, what it was worth, and the
value ledger's share due to the set, how sure its owner is, its kind and who confirmed it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static

from actionset.model.action import parse_value
from actionset.model.ledger import (
    DEFAULT_ATTRIBUTION,
    DEFAULT_CONFIDENCE,
    DEFAULT_EVIDENCE,
    KIND_WORDS,
    Evidence,
    OutcomeKind,
    default_kind,
)
from actionset.screens.form import FORM_KEYS, FieldsForm, Problem
from actionset.widgets.field import TextField
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.model import Action, ReportBack

T = TypeVar("T")

EVIDENCE_CHOICES = {
    Evidence.self_reported: "self-reported",
    Evidence.confirmed_by_sponsor: "sponsor confirmed",
    Evidence.confirmed_by_manager: "manager confirmed",
}
"""The evidence as the form offers it, short enough for its column."""


@dataclass(frozen=True)
class Said:
    """What the form gives back: the note, the outcome and its value, and the ledger's figures
    where they differ from the defaults (None where they do not, or with nothing to weigh)."""

    note: str
    outcome: str
    value: float | int | None
    value_unit: str
    attribution: float | None = None
    confidence: float | None = None
    kind: OutcomeKind | None = None
    evidence: Evidence | None = None


def parse_percent(text: str, what: str) -> float | int:
    """A percent as typed ("60", "62.5"), from 0 to 100; ValueError otherwise."""
    try:
        number = float(text.strip().removesuffix("%"))
    except ValueError:
        raise ValueError(f"{what} is a percent from 0 to 100") from None
    if not 0 <= number <= 100:
        raise ValueError(f"{what} is a percent from 0 to 100")
    return int(number) if number.is_integer() else number


def _whole(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


class ReportForm(FieldsForm[Said]):
    """The note, outcome and value of one action's report-back, and the value ledger's figures
    filled with what was said or the defaults; enter saves from any field (`FieldsForm`),
    escape leaves."""

    DEFAULT_CSS = """
    ReportForm { align: center middle; }
    ReportForm > Vertical { width: 72; height: auto; max-height: 100%; border: thick $accent;
                            padding: 0 1; background: $surface; overflow-y: auto; }
    ReportForm Horizontal { height: auto; }
    ReportForm Horizontal > Vertical { height: auto; }
    ReportForm #value-column { width: 1fr; }
    ReportForm #kind-column { width: 22; margin-left: 1; }
    ReportForm #attribution-column { width: 18; }
    ReportForm #confidence-column { width: 14; margin-left: 1; }
    ReportForm #evidence-column { width: 1fr; margin-left: 1; }
    ReportForm #problem { color: $error; height: auto; }
    """

    def __init__(self, action: Action, said: ReportBack) -> None:
        super().__init__()
        self.action = action
        self.said = said
        self._kind_default = default_kind(said.value_unit)

    def compose(self) -> ComposeResult:
        said, ledger = self.said, self.said.ledger
        with Vertical():
            yield Static(
                escaped(Text.assemble((f"{self.action.owner}: ", "bold"), self.action.text))
            )
            yield Label("Note (for the record; the room sees it only if shown)")
            yield TextField(said.note, id="note")
            yield Label("Outcome: what changed")
            yield TextField(said.outcome, id="outcome")
            with Horizontal():
                with Vertical(id="value-column"):
                    yield Label("Value: money or hours (£4,000 · 12 h)")
                    yield TextField(said.value_text, id="value")
                with Vertical(id="kind-column"):
                    yield Label("Kind")
                    yield Select(
                        [(word, kind) for kind, word in KIND_WORDS.items()],
                        value=ledger.kind,
                        allow_blank=False,
                        id="kind",
                    )
            with Horizontal():
                with Vertical(id="attribution-column"):
                    yield Label("Due to the set %")
                    yield TextField(_whole(ledger.attribution), id="attribution", max_length=5)
                with Vertical(id="confidence-column"):
                    yield Label("How sure %")
                    yield TextField(_whole(ledger.confidence), id="confidence", max_length=5)
                with Vertical(id="evidence-column"):
                    yield Label("Evidence")
                    yield Select(
                        [(word, evidence) for evidence, word in EVIDENCE_CHOICES.items()],
                        value=ledger.evidence,
                        allow_blank=False,
                        id="evidence",
                    )
            yield Static(id="problem")
            yield Static(Text(FORM_KEYS, style="dim"))

    @on(Input.Changed, "#value")
    def _kind_follows_the_value(self, event: Input.Changed) -> None:
        """A kind nobody chose follows the value's unit: hours are time, money a saving."""
        try:
            _, unit = parse_value(event.value)
        except ValueError:
            return
        kind = self.query_one("#kind", Select)
        fresh = default_kind(unit)
        if kind.value == self._kind_default and fresh != self._kind_default:
            kind.value = fresh
        self._kind_default = fresh

    def answer(self) -> Said | Problem:
        try:
            value, unit = parse_value(self.query_one("#value", Input).value)
        except ValueError as exc:
            return Problem(str(exc), "value")
        percents: dict[str, float | int] = {}
        for field, what in (("attribution", "due to the set"), ("confidence", "how sure")):
            try:
                percents[field] = parse_percent(self.query_one(f"#{field}", Input).value, what)
            except ValueError as exc:
                return Problem(str(exc), field)
        outcome = self.query_one("#outcome", Input).value.strip()
        kind = self.query_one("#kind", Select).value
        evidence = self.query_one("#evidence", Select).value
        weighed = bool(outcome) or value is not None  # a ledger needs something to weigh
        return Said(
            self.query_one("#note", Input).value.strip(),
            outcome,
            value,
            unit,
            attribution=_unless(weighed, percents["attribution"], DEFAULT_ATTRIBUTION),
            confidence=_unless(weighed, percents["confidence"], DEFAULT_CONFIDENCE),
            kind=_unless(weighed, OutcomeKind(str(kind)), default_kind(unit)),
            evidence=_unless(weighed, Evidence(str(evidence)), DEFAULT_EVIDENCE),
        )


def _unless(weighed: bool, given: T, default: T) -> T | None:
    """What the form holds, kept only when there is an outcome or a value to weigh and it is
    not the default (a file says only what was said)."""
    return given if weighed and given != default else None
