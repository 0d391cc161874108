"""The console's keys for the clock and the plan: start and pause, next and previous, time,
rebalance, a break, skip, the view and the chime; each change of plan says what it did, and
ctrl+z undoes it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from actionset.model.clock_words import clock_text, phase_label
from actionset.model.meeting import PhaseKind
from actionset.model.plan_undo import UNDO_WORDS
from actionset.screens.console_parts import ConsoleParts
from actionset.widgets.panels.actions import ActionsPanel

if TYPE_CHECKING:
    from actionset.widgets.panels import PhasePanel

VIEW_WORDS = {
    "countdown": "the time left in the phase",
    "elapsed": "the time spent in the phase",
    "clock": "the time of day",
}
"""What the big clock shows in each of its views, as the notice of `v` says it."""


class ClockKeys(ConsoleParts):
    """Steer the clock and the plan; every change of plan can be undone."""

    panel: PhasePanel | None
    _leave_warned: bool  # `n` warned once in this phase (the actions panel)

    def plan_changed(self, done: str, *, also: str = "", timeout: float = 4) -> None:
        """Save and repaint after a change of plan; when the plan did change, a notice says
        what the change did (`done`, the words its undo repeats), `also`, and that ctrl+z
        undoes it."""
        self.changed()
        if self.clock.history.name(done):
            self.notify(f"{done} {also}{UNDO_WORDS}", timeout=timeout, markup=False)

    def put_plan_back(self) -> str | None:
        """Put the plan back as it stood before its last change (`PlanHistory.undo`), saying
        nothing; what the change did, or None when there was none to undo."""
        undone = self.clock.history.undo(self.clock)
        if undone is not None:
            self.follow_phase(again=True)  # the phase's panel, from the plan put back
            self.changed()
        return undone

    def action_undo_plan(self) -> None:
        undone = self.put_plan_back()
        if undone is None:
            self.notify("No change of plan to undo.", timeout=3)
            return
        phase = self.clock.phase
        now = f" Now on {phase_label(phase)}." if phase is not None else ""
        self.notify(f"Undone: {undone}{now}", timeout=4, markup=False)

    def action_start_pause(self) -> None:
        self.plan_changed("Clock started." if self.clock.toggle() else "Clock paused.", timeout=3)

    def action_next(self) -> None:
        if isinstance(self.panel, ActionsPanel) and not self._leave_warned:
            warning = self.panel.wants_to_leave()
            if warning:
                self._leave_warned = True
                self.notify(
                    f"{warning} n again moves on without one.",
                    severity="warning",
                    timeout=5,
                    markup=False,
                )
                return
        if self._leave_warned:
            self.app.clear_notifications()  # the warning is answered: not over the next panel
        left = self.clock.phase
        self.clock.next()
        phase = self.clock.phase
        if self.clock.ended or phase is None:
            self.plan_changed("Meeting ended.")
        elif left is not None:
            self.plan_changed(f"{left.title} done; now {phase_label(phase)}.", timeout=3)

    def action_previous(self) -> None:
        ended = self.clock.ended
        if not self.clock.previous():
            return
        phase = self.clock.phase
        if ended:
            self.plan_changed("Meeting reopened on its last phase, paused.")
        elif phase is not None:
            self.plan_changed(f"Back to {phase_label(phase)}.", timeout=3)

    def action_adjust(self, seconds: int) -> None:
        phase = self.clock.phase
        more = self.clock.adjust(seconds) > 0
        if phase is not None:
            self.plan_changed(
                f"{'More' if more else 'Less'} time for {phase.title}: "
                f"{clock_text(phase.allotted)} in all.",
                timeout=3,
            )

    def action_rebalance(self) -> None:
        self.clock.rebalance()
        self.plan_changed(
            "Remaining time shared over the remaining phases; breaks and the process review "
            "keep their length, time to spare goes to the questioning."
        )

    def action_insert_break(self) -> None:
        """A break now; pressed again during that break, it ends the break early."""
        clock = self.clock
        if clock.ended:
            return
        removed = clock.end_break()
        if removed is not None:
            self.plan_changed("Break removed." if removed else "Break ended early.", timeout=3)
            return
        if clock.phase is not None and clock.phase.kind is PhaseKind.break_:
            self.notify("Already on a break: n moves on.", timeout=3)
            return
        interrupted = clock.phase
        if clock.insert_break() is None:
            return
        after = f"; {interrupted.title} resumes after it" if interrupted else ""
        self.plan_changed(f"A 10 minute break, now{after}.", also="b again ends it, ")

    def commands(self) -> Iterable[SystemCommand]:
        """What the command palette offers beyond the keys."""
        yield SystemCommand(
            "Skip this phase",
            "Mark the phase skipped and move on; the time it had left goes back to the meeting",
            self.action_skip,
        )

    def action_skip(self) -> None:
        phase = self.clock.phase
        if phase is None or not self.clock.skip():
            return
        self.plan_changed(f"{phase.title} skipped.", timeout=3)

    def action_cycle_view(self) -> None:
        self.plan_changed(f"The clock shows {VIEW_WORDS[self.clock.cycle_view()]}.", timeout=3)

    def action_toggle_mute(self) -> None:
        muted = self.clock.toggle_mute()
        self.plan_changed(
            "Chime muted: no chime at the end of a phase."
            if muted
            else "Chime on: it sounds as a phase runs out.",
            timeout=3,
        )
