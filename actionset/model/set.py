"""A set: its members, facilitator, cadence, ground rules and tag codebook."""

from __future__ import annotations

import datetime as dt
from enum import Enum, StrEnum
from typing import Literal

from pydantic import Field, field_validator, model_validator

from actionset.model.base import Found, Record, every_problem
from actionset.model.coach_settings import CoachSettings
from actionset.model.dates import check_hh_mm
from actionset.model.glance import DEFAULT_CADENCE_WEEKS, MAX_CADENCE_WEEKS, MAX_USUAL_HOURS
from actionset.model.guidance import GuidanceSettings
from actionset.model.voice_settings import VoiceScales

# Keys the facilitator console uses for the clock and the tagging pane: a set's own codes
# may not take them (d deletes in the contributions list).
RESERVED_KEYS = frozenset("0123456789 npbrvt?+-[]uegmodwh")

ROTATION_MEMBERS = "members"
"""`rotation = "members"`: the current members take the role in turn, in roster order."""


class SetKind(StrEnum):
    horizontal = "horizontal"
    vertical = "vertical"
    member_led = "member-led"
    """A set its members facilitate, with no external adviser: guidance is on by default."""


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


class CodebookMode(Enum):  # not StrEnum: `replace` would shadow str.replace
    """How a set's `[[codebook]]` entries combine with the default codes.

    In set.toml:
        codebook_mode = "extend"        # or leave it out; "replace" drops the defaults
        [[codebook]]
        key = "a"                        # a default's key: this entry replaces that code
        name = "suggestion"
        counts_as = "advice"
        [[codebook]]
        key = "f"                        # a new key: the code is added after the defaults
        name = "reflective-question"
        counts_as = "question"
    """

    extend = "extend"  # laid over the defaults: a default's key replaces it, a new key adds
    replace = "replace"  # the set's entries are the whole codebook


DEFAULT_CODEBOOK: tuple[Code, ...] = (
    Code(key="q", name="open-question", counts_as=CountsAs.question, label="open question"),
    Code(key="c", name="closed-question", counts_as=CountsAs.question, label="closed question"),
    Code(key="l", name="leading-question", counts_as=CountsAs.advice, label="leading question"),
    Code(key="a", name="advice", counts_as=CountsAs.advice, label="advice"),
    Code(key="s", name="statement", counts_as=CountsAs.other, label="statement"),
)


def merge_codebook(codes: list[Code] | None, mode: CodebookMode | None) -> tuple[Code, ...]:
    """The codes a coach tags with: the defaults, the set's own, or the set's laid over them."""
    if codes is None:
        return DEFAULT_CODEBOOK
    if mode is CodebookMode.replace:
        return tuple(codes)
    own = {code.key: code for code in codes}
    replaced = tuple(own.pop(code.key, code) for code in DEFAULT_CODEBOOK)
    return replaced + tuple(own.values())


def _codebook_errors(codes: list[Code] | None, mode: CodebookMode | None) -> Found:
    """Clashes inside a set's codebook, each at `codebook.N.key` or `codebook.N.name`."""
    errors: Found = []

    def clash(index: int, part: str, message: str) -> None:
        errors.append((("codebook", index, part), message))

    if mode is CodebookMode.replace and not codes:
        errors.append(
            (
                ("codebook_mode",),
                'codebook_mode = "replace" needs at least one [[codebook]] entry to tag with',
            )
        )
    keys: dict[str, int] = {}
    names: dict[str, int] = {}
    for index, code in enumerate(codes or []):
        if code.key in keys:
            clash(
                index,
                "key",
                f"key {code.key!r} is already used by codebook.{keys[code.key]}",
            )
        keys.setdefault(code.key, index)
        if code.name in names:
            clash(
                index,
                "name",
                f"name {code.name!r} is already used by codebook.{names[code.name]}",
            )
        names.setdefault(code.name, index)
        if mode is not CodebookMode.replace:
            default = next((d for d in DEFAULT_CODEBOOK if d.name == code.name), None)
            kept = default is not None and all(c.key != default.key for c in codes or [])
            if default is not None and kept:
                clash(
                    index,
                    "name",
                    f"{code.name!r} is the default code on key "
                    f"{default.key!r}; use key {default.key!r} to replace it, or another name",
                )
    return errors


class Member(Record):
    name: str = Field(min_length=1)
    organisation: str = ""
    role: str = ""
    retired: bool = False
    joined: dt.date | None = (
        None  # when they joined a set that had already met; unset: from the start
    )
    left: dt.date | None = None  # when they retired from the set
    number: int | None = Field(default=None, ge=1, le=9)
    """Their key on the console's roster, kept while they belong (`members.roster_numbers`);
    unset: the lowest number no other member holds, in the order of set.toml."""
    share: bool = True
    """Whether a sponsor's or a research export may name them or give a figure of theirs
    alone (`actionset.model.audience`); false: they are only ever counted within the set."""

    def belongs_at(self, date: dt.date) -> bool:
        """Whether they were a member of the set at a meeting on `date`."""
        if self.joined is not None and date < self.joined:
            return False
        return not self.retired or (self.left is not None and date < self.left)


class Set(Record):
    """Everything about a set that does not change from meeting to meeting."""

    name: str = Field(min_length=1)
    facilitator: str = ""
    facilitators: list[str] = Field(default_factory=list)
    """Who else may facilitate besides the members: external advisers, by name."""
    rotation: list[str] | Literal["members"] | None = None
    """Who facilitates in turn (`rotation = ["…", …]`, or `"members"`): each a member or one
    of `facilitators`; unset: the set's facilitator facilitates every meeting."""
    cadence_weeks: int = Field(default=DEFAULT_CADENCE_WEEKS, ge=1, le=MAX_CADENCE_WEEKS)
    kind: SetKind = SetKind.horizontal
    organisations: list[str] = Field(default_factory=list)
    agenda_template: str = "half-day"
    usual_time: str = ""
    usual_place: str = ""
    usual_hours: float | None = Field(default=None, gt=0, le=MAX_USUAL_HOURS)  # unset: 3 hours
    first_date: dt.date | None = None  # the first meeting's date, before the set has met
    ground_rules: list[str] = Field(default_factory=list)
    # What the room sees in the process review until the facilitator presses `o`; unset: "off"
    summary: Literal["anonymous", "named", "off"] | None = None
    share_names: bool = False
    """Whether the set agreed that its sponsor's reports name its members (those who share);
    unset: they name nobody (`actionset.model.audience`)."""
    codebook_mode: CodebookMode | None = None  # unset means extend
    codebook: list[Code] | None = None
    members: list[Member] = Field(default_factory=list)
    coach: CoachSettings | None = None
    """The coach's prompts: on or off, their thresholds and questions (`[coach]`); unset:
    every prompt on, at the thresholds of `actionset.model.coach_settings`."""
    guidance: GuidanceSettings | None = None
    """What to do now in each phase, on the console (`[guidance]`); unset: the defaults of
    `actionset.model.guidance`, shown for a member-led set only."""
    scales: VoiceScales | None = None
    """The members' rounds in the set's own words (`[scales]`); unset: the programme's, else
    the defaults of `actionset.model.voice`."""

    @field_validator("usual_time")
    @classmethod
    def _time_is_hh_mm(cls, value: str) -> str:
        return check_hh_mm(value, "usual_time")

    @model_validator(mode="after")
    def _record_holds(self) -> Set:
        """Each member once, each current member's number once, a codebook without clashes:
        every problem of them at once."""
        found: Found = []
        seen: set[str] = set()
        held: set[int] = set()
        for index, member in enumerate(self.members):
            folded = member.name.casefold()
            if folded in seen:
                found.append((("members", index, "name"), f"member {member.name!r} appears twice"))
            seen.add(folded)
            if member.retired or member.number is None:
                continue
            if member.number in held:
                found.append(
                    (
                        ("members", index, "number"),
                        f"number {member.number} is already another current member's",
                    )
                )
            held.add(member.number)
        if isinstance(self.rotation, list):
            for index, name in enumerate(self.rotation):
                if not self.may_facilitate(name):
                    found.append(
                        (
                            ("rotation", index),
                            f"{name!r} is not a member nor named in `facilitators`",
                        )
                    )
        every_problem(self, [*found, *_codebook_errors(self.codebook, self.codebook_mode)])
        return self

    @property
    def current_members(self) -> list[Member]:
        """Members in roster order, without those who have left the set."""
        return [m for m in self.members if not m.retired]

    def members_at(self, date: dt.date) -> list[Member]:
        """Members in roster order who belonged to the set at a meeting on `date`."""
        return [m for m in self.members if m.belongs_at(date)]

    def may_facilitate(self, name: str) -> bool:
        """Whether `name` may facilitate the set's meetings: the set's facilitator, or one
        `named_to_facilitate`."""
        return name.casefold() == self.facilitator.casefold() or self.named_to_facilitate(name)

    def named_to_facilitate(self, name: str) -> bool:
        """Whether `name` is a member or one named in `facilitators` (an external adviser)."""
        folded = name.casefold()
        return self.member(name) is not None or any(
            folded == other.casefold() for other in self.facilitators
        )

    def member(self, name: str) -> Member | None:
        folded = name.casefold()
        return next((m for m in self.members if m.name.casefold() == folded), None)
