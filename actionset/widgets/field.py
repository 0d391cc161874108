"""The one kind of text field in the app: typing adds to what is there, never replaces it."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class TextField(Input):
    """Textual's Input, keeping its words when it takes the focus.

    Textual's Input selects all it holds on focus, so the first letter typed replaces it: a
    form opened to add a few words to an action's wording kept only those words, and a
    reflection left unsaved lost itself to the letter that went on typing it. Here the cursor
    stays where it was (at the end when the field opens) and nothing is selected; `ctrl+u`
    clears what is before it.
    """

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(value, select_on_focus=False, **kwargs)

    def hold(self, words: str) -> None:
        """Hold `words` (a line opened to edit), the cursor after them, as a field opened with
        them does."""
        self.value = words
        self.cursor_position = len(words)
