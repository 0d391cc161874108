"""What every phase panel is: a focusable column fed by the console's session and its clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.message import Message

from actionset.model.keyboard import PANEL_KEY

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.model.clock import MeetingClock
    from actionset.session import ConsoleSession


class RoomView(Protocol):
    """What the room sees of a phase: built from the files the projector reads, never from what
    only the facilitator typed for themselves (notes stay off unless the facilitator shows them).

    `past` holds the set's meetings before this one that the view may need (the projector
    gives the latest), and `now` the clock the meeting runs by, as the console has them.
    """

    def __call__(
        self,
        meeting: Meeting,
        actions: list[Action],
        issues: list[Issue],
        the_set: Set,
        /,
        *,
        past: Sequence[Meeting] = (),
        now: Callable[[], float] = ...,
    ) -> Text | None: ...


class PhasePanel(VerticalScroll, can_focus=True):
    """A phase's panel in the console's right-hand column.

    The panel reads and changes the set's record through the console's `session` (its
    `meeting`, `actions`, `issues`, `past_meetings`) and saves at once with the session's
    `save_meeting`, `save_actions` or `save_issues` after every change: a change the
    facilitator made is on disk before the panel shows it.

    Keys: a panel's own bindings are plain (not priority) and never use the console's clock
    keys (space n p b r v t m h w o ? + - [ ] ctrl+q). While a panel shows (the tag pane
    hidden) the tagging keys (digits, the codes, u, e, g) are the panel's to use. A text field
    in a panel takes every key until enter or escape. A letter the panel refuses says so with
    `refuse`: the console then holds the keys (`actionset.model.keyboard`).
    """

    DEFAULT_CSS = """
    PhasePanel { width: 62; height: 1fr; border-left: tall $accent; padding: 0 1; }
    PhasePanel .heading { text-style: bold; height: 1; }
    PhasePanel .hint { color: $text-muted; height: auto; dock: bottom; }
    """

    @dataclass
    class Refused(Message):
        """A letter of the panel's was refused (a form it would have opened): the console
        holds the keys, so that the words typed next do nothing to the meeting."""

        why: str

    def __init__(
        self, session: ConsoleSession, clock: MeetingClock, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.session = session
        self.clock = clock

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The console's keyboard says whether the panel's keys act now: not while the keys
        are held, whatever has the focus (`actionset.model.keyboard.PANEL_KEY`)."""
        return self.screen.check_action(PANEL_KEY, (action,))

    def watch_has_focus(self, has_focus: bool) -> None:
        """The panel's own style follows its focus, and its parts' stay as they are: no rule
        styles a part by the panel's focus, and Textual's way restyles every part of the panel
        at each `t` (the focus leaves the panel under the pane, and comes back)."""
        self.app.stylesheet.update_nodes([self], animate=True)

    def refuse(self, why: str) -> None:
        """Refuse a letter of the panel's, saying why (the console holds the keys)."""
        self.post_message(self.Refused(why))

    async def on_event(self, event: events.Event) -> None:
        """A panel passed before it had shown (keys faster than the screen: `n` held down) is
        removed with its mount, focus or blur still queued: its parts are gone, so those
        are let go rather than painted on nothing."""
        if self._pruning and isinstance(event, (events.Mount, events.Focus, events.Blur)):
            return
        await super().on_event(event)

    def follow(self, clock: MeetingClock) -> None:
        """The clock moved on (a new second, or a new phase): show what changed, if anything."""
