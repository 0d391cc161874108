"""The `[scales]` table of `set.toml` (or of a programme's file): a set's own words for the
members' rounds (see `actionset.model.voice`).

    [scales.pulse]
    ask = "One line: what will you take from today?"     # the free line's question
    free_line = true                                      # false: no free line
    statements = [
      { id = "useful", text = "Today was useful for my work" },
      { id = "questioned", text = "We asked more than we told" },
      { id = "said", text = "I could say what I needed to" },
    ]
    [scales.self]                                         # the self-assessment
    statements = [ … ]
    [scales.reflection]
    ask = "What did you notice about how we listened?"

A kind left out keeps the default's scale; `statements` left out keep the default's statements.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict, Field, model_validator

from actionset.model.base import Found, Record, every_problem
from actionset.model.voice import (
    MAX_ASK,
    MAX_ID,
    MAX_STATEMENT,
    RoundKind,
    Scale,
    device_limit,
    scales_for,
    statements_fault,
)

if TYPE_CHECKING:
    from actionset.model.set import Set


class StatementSetting(Record):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=MAX_ID)
    text: str = Field(min_length=1, max_length=MAX_STATEMENT)


class ScaleSetting(Record):
    ask: str | None = Field(default=None, min_length=1, max_length=MAX_ASK)
    """The free line's question; unset: the default's."""
    free_line: bool | None = None
    """false: the round asks no free line; unset: it does (a reflection always does)."""
    statements: list[StatementSetting] | None = None


class VoiceScales(Record):
    """The set's (or programme's) own scales, by the kinds of round they word."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, allow_inf_nan=False, populate_by_name=True
    )
    pulse: ScaleSetting | None = None
    self_assessment: ScaleSetting | None = Field(default=None, alias="self")
    reflection: ScaleSetting | None = None

    @model_validator(mode="after")
    def _scales_hold(self) -> VoiceScales:
        """Each kind rates as many statements as a round of it may show, each id once."""
        found: Found = []
        for kind, scale in self.by_kind().items():
            if scale is None or scale.statements is None:
                continue
            statements = [s.model_dump() for s in scale.statements]
            wrong = statements_fault(kind, statements)
            if wrong is not None:
                at = tuple(int(p) if p.isdigit() else p for p in wrong[0].split("."))
                found.append(((kind, *at), wrong[1]))
        every_problem(self, found)
        return self

    def by_kind(self) -> dict[str, ScaleSetting | None]:
        return {"pulse": self.pulse, "self": self.self_assessment, "reflection": self.reflection}

    def data(self) -> dict[str, Any]:
        """As `actionset.model.voice.scales_for` takes it."""
        return {
            kind: scale.model_dump(exclude_none=True)
            for kind, scale in self.by_kind().items()
            if scale is not None
        }


def set_scales(
    own: VoiceScales | None, programme: VoiceScales | None = None
) -> dict[RoundKind, Scale]:
    """The scales a set's rounds ask: the defaults, the programme's `[scales]` over them, and
    the set's own (`Set.scales`) over those."""
    return scales_for(
        None if programme is None else programme.data(), None if own is None else own.data()
    )


def answer_limit(the_set: Set, date: dt.date) -> int:
    """How many devices may answer a round at the set's meeting of `date`: one for each
    member of the set then, and two more."""
    return device_limit(len(the_set.members_at(date)))
