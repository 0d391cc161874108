"""The set's record and the meeting's pure logic: pydantic models, no UI, no disk."""

from actionset.model.action import Action, ActionStatus, Progress, ReportBack
from actionset.model.issue import Issue, IssueStatus, StatusChange
from actionset.model.meeting import (
    AgendaPhase,
    Attendance,
    ClockState,
    Meeting,
    PlanChange,
    Presentation,
)
from actionset.model.set import Code, Member, Set, SetKind

__all__ = [
    "Action",
    "ActionStatus",
    "AgendaPhase",
    "Attendance",
    "ClockState",
    "Code",
    "Issue",
    "IssueStatus",
    "Meeting",
    "Member",
    "PlanChange",
    "Presentation",
    "Progress",
    "ReportBack",
    "Set",
    "SetKind",
    "StatusChange",
]
