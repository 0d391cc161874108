"""A small app that shows one phase panel on a real console session, for the panels' tests."""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from conftest import TODAY, FakeClock
from textual.app import App, ComposeResult

from actionset import store as disk
from actionset.model.clock import MeetingClock
from actionset.model.meeting import PhaseKind
from actionset.session import ConsoleSession, open_console
from actionset.widgets.panels import PhasePanel

P = TypeVar("P", bound=PhasePanel)


class PanelHarness(App[None], Generic[P]):
    """One panel, on the session of the demo set's (or any set's) meeting of TODAY, with the
    clock moved on to the first phase of `kind`. The session is closed when the app stops."""

    def __init__(
        self, sets_dir: Path, panel: type[P], kind: PhaseKind, clock: FakeClock, slug: str = "demo"
    ) -> None:
        super().__init__()
        store = disk.SetStore(sets_dir / slug)
        self.session: ConsoleSession = open_console(store, disk.SetsFolder(sets_dir), TODAY)
        self.clock = MeetingClock(self.session.meeting, clock)
        self.clock.toggle()  # the meeting has started
        while self.clock.phase is not None and self.clock.phase.kind is not kind:
            self.clock.next()
        self.session.save_meeting()
        self.panel = panel(self.session, self.clock, id="panel")

    def compose(self) -> ComposeResult:
        yield self.panel

    def on_mount(self) -> None:
        self.panel.focus()

    def on_unmount(self) -> None:
        self.session.close()
