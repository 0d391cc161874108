"""The console's keys as they come in time: a key pressed on its own is a command, a burst of
typing is not (`actionset.model.keyboard.Burst`).

Every key reaches the console here before its bindings (`key_arrives`, from the app). A key
that makes a burst of typing runs nothing: what the burst's first keys did is undone (the plan
through its undo, a tag through `u`'s, the tag pane shown again or hidden), what waited for
them is dropped, and the keys are held with one notice. While a key may still turn out to be
the first of a burst, what it would show beyond the console waits until it stands alone: its
notices, the save the projector reads, the coach's look, and the keys that open a list or a
form or are a panel's (`WAITS`). The key clock is the app's (`ActionSetApp.key_clock`)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding

from actionset.model.keyboard import (
    EDITING,
    TYPING,
    TYPING_NOTICE,
    WAITS,
    Burst,
    KeyState,
    Mode,
    Verdict,
)
from actionset.screens.console_parts import ConsoleParts

if TYPE_CHECKING:
    from textual import events
    from textual.notifications import SeverityLevel
    from textual.timer import Timer

    from actionset.widgets.panels import PhasePanel

Later = Callable[[], object]
"""Something a key did that waits until the key stands alone (it may be a coroutine)."""
TIMED = (Mode.command, Mode.member, Mode.panel)
"""The modes whose keys are commands: in a field or a draft every key is text, and held keys
do nothing."""


@dataclass(frozen=True, slots=True)
class Before:
    """What a key may change that a burst puts back, as it stood before the key."""

    steps: int  # the changes in the plan's history
    tags: frozenset[int]  # the tags standing
    tagging: bool  # the tag pane shown
    leave_warned: bool  # `n` warned once in the actions phase


class BurstKeys(ConsoleParts):
    """Time the keys: a burst of typing undoes what its first keys did and holds the keys."""

    panel: PhasePanel | None
    _leave_warned: bool

    burst: Burst
    _later: list[Later]
    _undo: list[Callable[[], None]]
    _before: Before | None = None
    _wait_timer: Timer | None = None
    _save_waits = False

    def start_timing(self) -> None:
        self.burst = Burst()
        self._later = []
        self._undo = []

    # -- the keys as they come

    async def key_arrives(self, event: events.Key) -> bool:
        """A key, before the console's bindings: whether it is taken here (a burst's, or a
        key that waits until it stands alone), so that no binding runs it now."""
        typed = event.is_printable
        state = self.key_state()
        if state.mode not in TIMED or not (typed or (self.burst.open and event.key in EDITING)):
            await self.stand_alone()  # another kind of key: the keys before it stood alone
            return False
        at = self.actionset.key_clock()
        if self.burst.stands(at):
            await self.stand_alone()  # its timer is late: the last key stood alone
            if not typed:
                return False  # enter after keys that stood alone: as ever
        taggable = state.mode in (Mode.command, Mode.member)
        verdict = self.burst.press(
            event.character or event.key,
            at,
            codes=[code.key for code in self.codebook] if taggable else (),
            waiting=state.member is not None,
        )
        if verdict is Verdict.typing:
            self.looked_like_typing()
            return True
        later = self.waiting_action(event.key, state)
        if later is not None:
            self._later.append(later)
            await self.try_standing()
            return True
        self._before = Before(
            steps=len(self.clock.history.steps),
            tags=frozenset(self.tags.standing),
            tagging=self.tagging,
            leave_warned=self._leave_warned,
        )
        return False

    async def key_done(self, event: events.Key) -> None:
        """After the console's bindings ran a key: how to undo what it did, should a burst
        follow; and whether it already stands alone."""
        before, self._before = self._before, None
        if before is not None:
            self._undo.append(self.undoing(before))
        if self.burst.open:
            await self.try_standing()

    def waiting_action(self, key: str, state: KeyState) -> Later | None:
        """What the key runs, when it is a key that waits until it stands alone: one of the
        console's (`WAITS`), or the panel's letter."""
        for binding in self.keys:
            if binding.key != key:
                continue
            _, name, parameters = parse(binding.action)
            if self.check_action(name, parameters):
                return partial(self.run_action, binding.action) if name in WAITS else None
        panel = self.panel
        if state.mode is Mode.panel and panel is not None and key in state.panel_keys:
            for binding in Binding.make_bindings(type(panel).BINDINGS):
                if binding.key == key:
                    return partial(self.panel_key, panel, binding.action)
        return None

    @staticmethod
    async def panel_key(panel: PhasePanel, action: str) -> None:
        """A panel's letter that stood alone: the panel runs it, if it still shows."""
        if panel.is_mounted:
            await panel.run_action(action)

    def undoing(self, before: Before) -> Callable[[], None]:
        """How to undo what a key changed since `before`."""
        steps = len(self.clock.history.steps) - before.steps
        tagged = len(set(self.tags.standing) - before.tags)
        toggled = self.tagging != before.tagging

        def undo() -> None:
            self._leave_warned = before.leave_warned
            for _ in range(tagged):
                self.tags.undo()
                self.paint_tags()
            for _ in range(steps):
                self.put_plan_back()
            if toggled:
                self.action_toggle_tags()

        return undo

    def looked_like_typing(self) -> None:
        """A burst: undo what its first keys did, drop what waited for them, hold the keys."""
        self.burst.end()
        self._stop_waiting()
        undo, self._undo = self._undo, []
        self._later = []
        for step in reversed(undo):
            step()
        self.hold(TYPING, notice=TYPING_NOTICE)
        if self._save_waits:
            self.save_when_alone()

    async def try_standing(self) -> None:
        """The last key stands alone once the key clock says the interval has passed: then
        what waits runs; until then, look again when it should have."""
        if not self.burst.open:
            return
        at = self.actionset.key_clock()
        if self.burst.stands(at):
            await self.stand_alone()
            return
        self._stop_waiting()
        self._wait_timer = self.set_timer(max(self.burst.left(at), 0.01), self.try_standing)

    async def stand_alone(self) -> None:
        """The keys stood alone: they were commands, and what waited for that runs now."""
        self.burst.end()
        self._stop_waiting()
        self._undo = []
        later, self._later = self._later, []
        if self._save_waits:
            self.save_when_alone()
        for step in later:
            done = step()
            if inspect.isawaitable(done):
                await done

    def _stop_waiting(self) -> None:
        if self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None

    # -- what waits until the keys stand alone

    def when_alone(self, step: Later) -> None:
        """Run `step` now, or once the keys stand alone if a burst may yet undo them."""
        if self.burst.open:
            self._later.append(step)
        else:
            step()

    def save_when_alone(self) -> None:
        """Save the meeting for the room (the projector reads the file) once the keys stand
        alone: a burst's first key is undone before the room sees it."""
        if self.burst.open:
            self._save_waits = True
            return
        self._save_waits = False
        self.actionset.save_soon(self.clock.meeting)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notice, once the keys stand alone: a burst's first key says nothing."""
        self.when_alone(
            lambda: super(BurstKeys, self).notify(
                message, title=title, severity=severity, timeout=timeout, markup=markup
            )
        )

    def coach_after_tag(self, *, appended: bool) -> None:
        """The coach looks at a tag once it stands alone: a burst's tag is undone unseen."""
        self.when_alone(lambda: super(BurstKeys, self).coach_after_tag(appended=appended))
