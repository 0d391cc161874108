"""The programme's own file, `programme.toml` in the sets folder: its name, its currency and
what it cost, for the programme report's return on investment, and the scales of its sets'
rounds (the members' voice)."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from actionset.model.base import Record
from actionset.model.voice_settings import VoiceScales

PROGRAMME_FILE = "programme.toml"


class Cost(Record):
    """What the programme cost: the facilitators' days at their day rate, the members' hours at
    their hourly rate, and anything else (rooms, materials), all in the programme's currency."""

    facilitator_days: float = Field(default=0, ge=0)
    day_rate: float = Field(default=0, ge=0)
    member_hours: float | None = Field(default=None, ge=0)
    """The hours the members gave; unset: counted from the record (`value.member_hours`)."""
    hourly_rate: float = Field(default=0, ge=0)
    """What an hour of a member's time costs; hours saved are valued at it too."""
    other: float = Field(default=0, ge=0)


class ProgrammeFile(Record):
    name: str = ""
    currency: str = "GBP"
    cost: Cost | None = None
    scales: VoiceScales | None = None
    """The members' rounds in the programme's words (`[scales]`, as in set.toml), for every
    set that does not word them its own way."""

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, code: str) -> str:
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError('a currency code such as "GBP"')
        return code
