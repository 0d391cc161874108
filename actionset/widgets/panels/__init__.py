"""The console's right-hand column belongs to the phase: one panel per kind of phase.

`PANELS` maps a phase's kind to the panel the console shows beside the clock while that phase
runs (the tagging pane, `t`, still comes over it). `ROOM_VIEWS` says what the room may see of
each kind of phase, which the projector shows under its clock.
"""

from __future__ import annotations

from actionset.model.meeting import PhaseKind
from actionset.widgets.panels.actions import ActionsPanel, actions_for_the_room
from actionset.widgets.panels.base import PhasePanel, RoomView
from actionset.widgets.panels.bids import BidsPanel, bids_for_the_room
from actionset.widgets.panels.check_in import CheckInPanel, check_in_for_the_room
from actionset.widgets.panels.close import ClosePanel, close_for_the_room
from actionset.widgets.panels.reflect import ProcessReviewPanel, ReflectPanel, notes_for_the_room
from actionset.widgets.panels.report_back import ReportBackPanel, report_back_for_the_room

PANELS: dict[PhaseKind, type[PhasePanel]] = {
    PhaseKind.check_in: CheckInPanel,
    PhaseKind.report_back: ReportBackPanel,
    PhaseKind.bids: BidsPanel,
    PhaseKind.actions: ActionsPanel,
    PhaseKind.reflect: ReflectPanel,
    PhaseKind.process_review: ProcessReviewPanel,
    PhaseKind.close: ClosePanel,
}
"""The panel for each kind of phase that has one."""

ROOM_VIEWS: dict[PhaseKind, RoomView] = {
    PhaseKind.check_in: check_in_for_the_room,
    PhaseKind.report_back: report_back_for_the_room,
    PhaseKind.bids: bids_for_the_room,
    PhaseKind.actions: actions_for_the_room,
    PhaseKind.reflect: notes_for_the_room,
    PhaseKind.process_review: notes_for_the_room,
    PhaseKind.close: close_for_the_room,
}
"""What the projector shows of each kind of phase, beside its clock."""

__all__ = ["PANELS", "ROOM_VIEWS", "PhasePanel", "RoomView"]
