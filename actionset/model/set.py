"""A set: its members, facilitator, cadence, ground rules and tag codebook."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from actionset.model.base import Record, problem_at

# Keys the facilitator console uses for the clock and the tagging pane: a set's own codes
# may not take them.
RESERVED_KEYS = frozenset("0123456789 npbrvt?+-[]ue")


class SetKind(StrEnum):
    horizontal = "horizontal"
    vertical = "vertical"


class CountsAs(StrEnum):
    question = "question"
    advice = "advice"
    other = "other"


class Code(Record):
    """One tag in the codebook: the key the coach presses and what it counts as."""

    key: str = Field(min_length=1, max_length=1)
    name: str = Field(min_length=1, pattern=r"^[a-z][a-z0-9-]*$")
    counts_as: CountsAs
    label: str = ""

    @field_validator("key")
    @classmethod
    def _key_is_free(cls, key: str) -> str:
        if key in RESERVED_KEYS or key.isupper():
            raise ValueError(f"key {key!r} is reserved for the console; choose another letter")
        return key


class Member(Record):
    name: str = Field(min_length=1)
    organisation: str = ""
    role: str = ""
    retired: bool = False


class Set(Record):
    """Everything about a set that does not change from meeting to meeting."""

    name: str = Field(min_length=1)
    facilitator: str = ""
    cadence_weeks: int = Field(default=6, ge=1, le=52)
    kind: SetKind = SetKind.horizontal
    organisations: list[str] = Field(default_factory=list)
    agenda_template: str = "half-day"
    usual_time: str = ""
    usual_place: str = ""
    ground_rules: list[str] = Field(default_factory=list)
    codebook: list[Code] | None = None
    members: list[Member] = Field(default_factory=list)

    @field_validator("usual_time")
    @classmethod
    def _time_is_hh_mm(cls, value: str) -> str:
        if value:
            hours, _, minutes = value.partition(":")
            if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24
                    and int(minutes) < 60 and len(minutes) == 2):
                raise ValueError("usual_time must be HH:MM, e.g. 09:30")
        return value

    @model_validator(mode="after")
    def _names_are_unique(self) -> Set:
        seen: set[str] = set()
        for index, member in enumerate(self.members):
            folded = member.name.casefold()
            if folded in seen:
                raise problem_at(("members", index, "name"),
                                 f"member {member.name!r} appears twice")
            seen.add(folded)
        keys: set[str] = set()
        for index, code in enumerate(self.codebook or []):
            if code.key in keys:
                raise problem_at(("codebook", index, "key"),
                                 f"codebook key {code.key!r} is used twice")
            keys.add(code.key)
        return self

    @property
    def current_members(self) -> list[Member]:
        """Members in roster order, without those who have left the set."""
        return [m for m in self.members if not m.retired]

    def member(self, name: str) -> Member | None:
        folded = name.casefold()
        return next((m for m in self.members if m.name.casefold() == folded), None)
