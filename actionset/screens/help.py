"""The keys of a screen, in a box that closes with any key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

Section = tuple[str, Sequence[tuple[str, str]]]
"""A heading and its lines: (keys, what they do)."""


class HelpScreen(ModalScreen[None]):
    """Every key the facilitator can press, grouped as the room uses them.

    Each line's words wrap under themselves, never back under the keys.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,q,enter,space", "dismiss", "Close", priority=True, id="help.close"
        )
    ]

    CSS_PATH = "help.tcss"

    def __init__(
        self,
        sections: Sequence[Section],
        *,
        footnote: str = "",
        first: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.sections = list(sections)
        self.footnote = footnote
        self.first = first
        """A heading and its words, before the keys: the panel's own keys, as its hint says."""

    def compose(self) -> ComposeResult:
        widest = max((len(keys) for _, lines in self.sections for keys, _ in lines), default=1)
        with VerticalScroll() as keys:
            keys.border_title = "Keys"
            keys.border_subtitle = "escape or ? closes this"  # in view however far it scrolls
            if self.first is not None:
                heading, words = self.first
                yield Static(Text(heading), classes="heading -first")
                yield Static(Text(words), classes="keys", id="first")
            for number, (heading, lines) in enumerate(self.sections):
                opens = not number and self.first is None  # the box's first heading
                yield Static(Text(heading), classes="heading" + (" -first" if opens else ""))
                yield Static(keys_table(lines, widest), classes="keys")
            if self.footnote:
                yield Static(Text(self.footnote), id="footnote")
            yield Static("escape or ? closes this.", id="close")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


def keys_table(lines: Sequence[tuple[str, str]], width: int) -> Table:
    """Keys in a column `width` wide; the words wrap in theirs, under themselves."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, width=width)
    table.add_column(ratio=1, overflow="fold")
    for keys, what in lines:
        table.add_row(Text(keys, style="bold"), Text(what))
    return table
