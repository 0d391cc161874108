"""What the console's parts share: the meeting's clock, the set, its roster and its tags.

The console (`MeetingScreen`) is built from parts, each a class of its own module: the
tagging keys (`console_tagging`), the room's keys for presenters, attendance and help
(`console_room`), the clock and the plan (`console_clock`), the coach (`console_coach`),
the keys as they come in time (`console_burst`), the Footer and the mode line
(`console_footer`), and the phase's panel and the keyboard (`meeting`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.reactive import reactive

from actionset.screens.base import AppScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.binding import Binding

    from actionset.model import Set
    from actionset.model.agenda import Template
    from actionset.model.clock import MeetingClock
    from actionset.model.keyboard import KeyState
    from actionset.model.set import Code
    from actionset.model.tag_session import TagSession
    from actionset.session import ConsoleSession
    from actionset.widgets.panels import PhasePanel


class ConsoleParts(AppScreen):
    """The state every part of the console reads, and the hooks each part may call."""

    pending: reactive[int | None] = reactive(None)
    """The member number pressed, waiting for a code key."""
    held: reactive[str] = reactive("")
    """Why the keys are held after a refused letter (`actionset.model.keyboard.Mode.held`);
    empty while they are not."""

    clock: MeetingClock
    the_set: Set
    template: Template | None
    roster: list[str]
    codebook: tuple[Code, ...]
    tags: TagSession
    keys: list[Binding]
    tagging: bool
    """Whether the tag pane is shown (`t`): only then may the screen name who said what."""
    panel: PhasePanel | None
    """The phase's panel, where the phase has one."""

    @property
    def session(self) -> ConsoleSession | None:
        """The set's record (actions, issues, past meetings) the panels work on."""
        session = getattr(self.app, "session", None)
        return session if session is not None and session.meeting is self.clock.meeting else None

    def changed(self) -> None:
        """Save the meeting and repaint after a change (the console's own)."""
        raise NotImplementedError

    def follow_phase(self, *, again: bool = False) -> bool:
        """Show the panel of the phase now running; whether it changed (the console's own)."""
        raise NotImplementedError

    def plan_changed(self, done: str, *, also: str = "", timeout: float = 4) -> None:
        """Save and repaint after a change of plan, saying what it did and how to undo it."""
        raise NotImplementedError

    def paint_tags(self) -> None:
        """Repaint the tag pane, when it shows."""
        raise NotImplementedError

    def fit_footer(self) -> None:
        """Show in the Footer the keys that fit, for what the next key can do."""
        raise NotImplementedError

    def coach_after_tag(self, *, appended: bool) -> None:
        """Run the coach's rules after a tag changed (the coach's part)."""
        raise NotImplementedError

    def hold(self, why: str, *, notice: str = "") -> None:
        """A letter was refused: hold the keys until escape (the console's own)."""
        raise NotImplementedError

    def when_alone(self, step: Callable[[], object]) -> None:
        """Run `step` now, or once the keys stand alone (the keys' timing's own)."""
        raise NotImplementedError

    def key_state(self) -> KeyState:
        """What the keys care about of what the console shows (the console's own)."""
        raise NotImplementedError

    def action_toggle_tags(self) -> None:
        """Show or hide the tag pane (the console's own)."""
        raise NotImplementedError

    def put_plan_back(self) -> str | None:
        """Undo the last change of plan, unannounced; what it did, or None (the clock's)."""
        raise NotImplementedError

    def attendance_changed(self) -> None:
        """Equal time follows attendance; the change is saved."""
        raise NotImplementedError
