"""An issue's life across the set's meetings: raised, worked on (with the actions from it),
resolved or parked with a note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from actionset.model.action import Action
from actionset.model.issue import Issue, IssueStatus, StatusChange

SETTLED = (IssueStatus.resolved, IssueStatus.parked)


@dataclass(frozen=True)
class WorkedOn:
    """A meeting the issue was worked on at, and the actions agreed on it there."""

    meeting: dt.date
    note: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class IssueHistory:
    issue: Issue
    raised: dt.date | None
    worked: tuple[WorkedOn, ...]
    ended: StatusChange | None  # resolved or parked, when it is


def issue_history(issue: Issue, actions: Iterable[Action]) -> IssueHistory:
    """What happened to an issue, meeting by meeting; actions agreed on it at a meeting where
    its history does not say it was worked on count as work on it there too."""
    from_it = [a for a in actions if a.issue == issue.id]
    raised = issue.history[0].meeting if issue.history else None
    dates = {c.meeting: c.note for c in issue.history if c.status is IssueStatus.worked}
    for action in from_it:
        dates.setdefault(action.agreed_at, "")
    worked = tuple(
        WorkedOn(date, note, tuple(a for a in from_it if a.agreed_at == date))
        for date, note in sorted(dates.items())
    )
    ended = issue.history[-1] if issue.history and issue.status in SETTLED else None
    return IssueHistory(issue, raised, worked, ended)


def settle_issue(issue: Issue, status: IssueStatus, on: dt.date, note: str = "") -> None:
    """Resolve or park an issue on a date (a meeting's, or the day it was decided between
    meetings), with a note of why."""
    if status not in SETTLED:
        raise ValueError(f"an issue is resolved or parked, not {status.value}")
    issue.record(StatusChange(meeting=on, status=status, note=note.strip()))


def reopen_issue(issue: Issue, on: dt.date, note: str = "") -> None:
    """A parked or resolved issue the member brings back."""
    issue.record(StatusChange(meeting=on, status=IssueStatus.open, note=note.strip()))
