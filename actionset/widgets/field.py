"""The one kind of text field in the app: typing adds to what is there, never replaces it, and
every key acts in the order it was typed."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.widgets import Input

EDITING_KEYS: dict[str, str] = {
    key.strip(): binding.action
    for binding in Input.BINDINGS
    if isinstance(binding, Binding)
    for key in binding.key.split(",")
}
"""The keys Textual's Input binds (backspace, ctrl+u, enter, the arrows …), with their actions."""


class TextField(Input):
    """Textual's Input, keeping its words when it takes the focus, and keeping the order of
    the keys typed into it.

    Textual's Input selects all it holds on focus, so the first letter typed replaces it: a
    form opened to add a few words to an action's wording kept only those words, and a
    reflection left unsaved lost itself to the letter that went on typing it. Here the cursor
    stays where it was (at the end when the field opens) and nothing is selected; `ctrl+u`
    clears what is before it.

    Textual runs an Input's bound keys (backspace, ctrl+u, enter) once the key has gone up to
    the app and back, after the letters that followed it have been typed in: a fast typist's
    `ctrl+u` then a name cleared the name. Here they act as they arrive, in turn.
    """

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)

    def hold(self, words: str) -> None:
        """Hold `words` (a line opened to edit), the cursor after them, as a field opened with
        them does."""
        self.value = words
        self.cursor_position = len(words)

    async def on_key(self, event: events.Key) -> None:
        action = EDITING_KEYS.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
