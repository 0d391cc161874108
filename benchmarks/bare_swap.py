"""The yardstick for `t`: a bare Textual app (a status line, a 20-line panel, a pane of seven
lines and a paragraph in its place, a Footer of a dozen keys) whose `n` shows the pane in the
panel's place, and the panel again: what Textual itself needs to swap one part of a screen for
another at the console's size. `python benchmarks/bare_swap.py`; ctrl+q quits."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

STATUS = "Check-in and ground rules · 15:00 left · finish 10:45 · on time"
LINES = [f"{n} ● Member {n} of the set, present, with some words after the name" for n in range(20)]


class BareSwap(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "swap", "Swap"),
        *(Binding(key, "nothing", key.upper()) for key in "abcdefghijk"),
    ]
    CSS = "#pane { display: none; } Static { height: auto; }"

    def compose(self) -> ComposeResult:
        yield Static(STATUS)
        with Horizontal():
            with Vertical(id="panel"):
                yield Static("\n".join(LINES))
            with Vertical(id="pane"):
                for line in LINES[:6]:
                    yield Static(line.upper())
                yield Static("\n".join(LINES).lower())
        yield Footer()

    def action_nothing(self) -> None:
        """A key for the Footer to show."""

    def action_swap(self) -> None:
        pane = self.query_one("#pane")
        pane.display = not pane.display
        self.query_one("#panel").display = not pane.display


if __name__ == "__main__":
    BareSwap().run()
