"""The yardstick for start-up, idle CPU and memory: a bare Textual app (Header, one Static,
Footer) showing a status line like the console's, so both are timed until the same text is
painted. `python benchmarks/bare_app.py`; ctrl+q quits."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

STATUS = "Check-in and ground rules · 15:00 left · finish 10:45 · on time"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(STATUS)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
