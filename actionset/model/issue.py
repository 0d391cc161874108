"""An issue a member brings to the set, and how it moved across meetings."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from actionset.model.base import Record
from actionset.model.glance import ID_PATTERN


class IssueStatus(StrEnum):
    open = "open"
    worked = "worked"  # presented and worked on at a meeting
    resolved = "resolved"
    parked = "parked"


class StatusChange(Record):
    meeting: dt.date
    status: IssueStatus
    note: str = ""


class Issue(Record):
    id: str = Field(min_length=1, pattern=f"^{ID_PATTERN}$")
    owner: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    history: list[StatusChange] = Field(default_factory=list)

    @property
    def status(self) -> IssueStatus:
        return self.history[-1].status if self.history else IssueStatus.open

    @property
    def is_open(self) -> bool:
        """Still the member's to work on: neither resolved nor parked."""
        return self.status not in (IssueStatus.resolved, IssueStatus.parked)

    def record(self, change: StatusChange) -> None:
        """Record where the issue stands at a meeting; a second change at the same meeting
        replaces the first, and the history stays in meeting order."""
        others = [c for c in self.history if c.meeting != change.meeting]
        self.history = sorted([*others, change], key=lambda c: c.meeting)
