"""The yardstick for start-up, idle CPU, memory and the cost of a key: a bare Textual app
(Header, one Static, Footer) showing a status line like the console's, so both are timed until
the same text is painted; `n` updates the Static. `python benchmarks/bare_app.py`; ctrl+q
quits."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static

STATUS = "Check-in and ground rules · 15:00 left · finish 10:45 · on time"


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "count", "Count")]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(STATUS)
        yield Footer()

    def action_count(self) -> None:
        self.presses += 1
        self.query_one(Static).update(f"{STATUS} · {self.presses}")


if __name__ == "__main__":
    BareApp().run()
