"""The set's record and the meeting's pure logic: pydantic models, no UI, no disk.

The models are imported on first use (`from actionset.model import Set` imports pydantic and
builds them then), so that a module of plain rules, such as `actionset.model.schedule`, can be
imported by a command that only lists without paying for pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionset.lazy import names_on_first_use

if TYPE_CHECKING:
    from actionset.model.action import Action, ReportBack
    from actionset.model.action_status import ActionStatus, Progress
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

_HOMES = {
    "Action": "action",
    "ActionStatus": "action_status",
    "Progress": "action_status",
    "ReportBack": "action",
    "Issue": "issue",
    "IssueStatus": "issue",
    "StatusChange": "issue",
    "AgendaPhase": "meeting",
    "Attendance": "meeting",
    "ClockState": "meeting",
    "Meeting": "meeting",
    "PlanChange": "meeting",
    "Presentation": "meeting",
    "Code": "set",
    "Member": "set",
    "Set": "set",
    "SetKind": "set",
}

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


__getattr__ = names_on_first_use(__name__, _HOMES, globals())
