"""The console's right-hand column belongs to the phase: one panel per kind of phase.

`PANELS` maps a phase's kind to the panel the console shows beside the clock while that phase
runs (the tagging pane, `t`, still comes over it). Each panel module also says what the room
may see of it (`for_the_room`), which the projector shows under its clock.
"""

from __future__ import annotations

from actionset.model.meeting import PhaseKind
from actionset.widgets.panels.base import PhasePanel, RoomView

PANELS: dict[PhaseKind, type[PhasePanel]] = {}
"""The panel for each kind of phase that has one (filled in by each panel's module below)."""

ROOM_VIEWS: dict[PhaseKind, RoomView] = {}
"""What the projector shows of each kind of phase, beside its clock."""

__all__ = ["PANELS", "ROOM_VIEWS", "PhasePanel", "RoomView"]

from actionset.widgets.panels.check_in import CheckInPanel, check_in_for_the_room  # noqa: E402

PANELS[PhaseKind.check_in], ROOM_VIEWS[PhaseKind.check_in] = CheckInPanel, check_in_for_the_room

from actionset.widgets.panels.report_back import (  # noqa: E402
    ReportBackPanel,
    report_back_for_the_room,
)

PANELS[PhaseKind.report_back] = ReportBackPanel
ROOM_VIEWS[PhaseKind.report_back] = report_back_for_the_room
