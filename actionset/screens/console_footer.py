"""The console's Footer and its mode line: which keys the Footer shows, lit or dimmed, and
what the line above it says the next key will do (`actionset.model.keyboard`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.widgets import Static

from actionset.model.keyboard import Mode, acts, footer_state, lit, mode_line, phase_keys
from actionset.screens.console_keys import footer_order
from actionset.screens.console_parts import ConsoleParts
from actionset.screens.keys import footer_bindings
from actionset.widgets.lines import needs_layout
from actionset.widgets.panels.reflect import NotesPanel, ReflectPanel

if TYPE_CHECKING:
    from textual.binding import ActiveBinding, Binding

    from actionset.model.keyboard import KeyState
    from actionset.widgets.panels import PhasePanel

FITTINGS_KEPT = 32
"""How many fittings of the Footer's keys are kept (the keys for a state, a width and the
clock's words): reading the hundred keys again at every key costs more than showing them."""

ANSWERS_KEPT = 4
"""How many of the Footer's answers are kept: `t` goes between two states and back, each
with its own keys, and reading the hundred keys' state again costs more than the rest of `t`."""


class FooterKeys(ConsoleParts):
    """The Footer's keys and the mode line, as the keyboard's model says them."""

    panel: PhasePanel | None
    _footer: dict[tuple[str, str], Binding]
    _footer_fitted: bool
    _fitted: dict[tuple[KeyState, int, bool, bool], list[Binding]]
    """The keys fitted for each state, width and clock's words lately asked (`fitted_keys`)."""
    _answered: list[tuple[tuple[KeyState, object], dict[str, ActiveBinding]]]
    """The keys lately given to the Footer, each with the state and fitting it was read for,
    the latest last (`ANSWERS_KEPT`)."""
    _state_now: KeyState | None
    _mode_words: str

    def fit_footer(self) -> None:
        """Show in the Footer the keys that fit its width, for what the next key can do:
        always `?` and `^q`, the codes while a number waits, else the clock's keys. Beside
        the tag pane, whose first line names the codes while a number waits, the Footer keeps
        the keys it shows between tags, instead of being built again twice for every tag; in
        a phase with a panel it keeps the pane's keys, dimmed while the panel shows
        (`footer_state`)."""
        width = self.size.width or self.app.size.width
        state = footer_state(self.key_state())
        running, ended = self.clock.meeting.clock.running, self.clock.ended
        fitting = (state, width, running, ended)
        fitted = self._fitted.get(fitting)
        if fitted is None:
            fitted = self.fitted_keys(state, width, running=running, ended=ended)
            if len(self._fitted) >= FITTINGS_KEPT:
                self._fitted.clear()
            self._fitted[fitting] = fitted
        self.show_mode()
        footer = {(b.key, b.action): b for b in fitted}
        if footer == self._footer and self._footer_fitted:
            return  # the same keys: the Footer would be built again for nothing
        self._footer, self._footer_fitted = footer, True
        self.refresh_bindings()

    def fitted_keys(
        self, state: KeyState, width: int, *, running: bool, ended: bool
    ) -> list[Binding]:
        """The keys that fit in `width` for `state`, the phase's first, with the words the
        clock's keys say now."""
        words = {"clock.toggle": "Pause" if running else "Start"}
        if ended:
            words["clock.previous"] = "Reopen"
        keys = [replace(b, description=words[b.id]) if b.id in words else b for b in self.keys]

        def live(binding: Binding) -> bool:
            return acts(state, binding.action.partition("(")[0])

        # the keys of the phase first, after what the next key must be (a code, esc)
        ids: dict[str, str | None] = {}
        for b in self.keys:  # an action's first key: `o` before `O`, which names the members
            ids.setdefault(b.action.partition("(")[0], b.id)
        first = [ids[action] or action for action in phase_keys(state)]
        order = footer_order(first, panel=state.panel)
        return footer_bindings(keys, live, width, order, self.app.get_key_display)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys as the Footer shows them: those that fit (`fit_footer`), in the console's
        order, lit where they act now and dimmed where they act only with the pane shown."""
        now = lit(self.key_state())
        asked = (now, self._footer)
        for answered, keys in self._answered:
            if answered == asked:
                return keys  # asked again (a focus moved, `t` back): the same keys
        order = {b.key: i for i, b in reversed(list(enumerate(self.keys)))}
        # One reading of the keys' state for every binding asked about (a hundred strays)
        self._state_now = footer_state(now)
        try:
            every = super().active_bindings
        finally:
            self._state_now = None
        # A panel's keys are in its own hint line: the Footer keeps the console's.
        live = {
            key: active
            for key, active in every.items()
            if active.node is self or active.node is self.app
        }
        answer = {
            key: active._replace(
                binding=self._footer.get((key, active.binding.action), active.binding),
                enabled=acts(now, active.binding.action.partition("(")[0]),
            )
            for key, active in sorted(live.items(), key=lambda item: order.get(item[0], len(order)))
        }
        self._answered = [*self._answered[1 - ANSWERS_KEPT :], (asked, answer)]
        return answer

    def show_mode(self) -> None:
        """The mode line: which mode the keys are in and what the next key will do."""
        state = self.key_state()
        field = "a line"
        if isinstance(self.panel, ReflectPanel):
            field = "a reflection"
        elif isinstance(self.panel, NotesPanel):
            field = "a note of the process review"
        member = ""
        if state.member is not None and self.tagging:
            member = self.tags.name_of(state.member) or ""
        words = mode_line(state, field=field, member=member)
        if words == self._mode_words:
            return  # the same line: no layout for nothing
        last, self._mode_words = self._mode_words, words
        line = self.query_one("#mode-line", Static)
        line.update(words, layout=needs_layout(line, last, words))
        line.set_class(state.mode is Mode.held, "-held")
