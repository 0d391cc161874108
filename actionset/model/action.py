"""An action a presenter commits to, and what they reported back about it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from actionset.model.base import Record, problem_at


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"


class Progress(StrEnum):
    done = "done"
    partly = "partly"
    not_done = "not-done"
    dropped = "dropped"


class ReportBack(Record):
    """What the owner said about the action at one meeting's report-back."""

    meeting: dt.date
    progress: Progress
    note: str = ""


class Action(Record):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
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
