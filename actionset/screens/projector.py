"""The projector window: the live meeting as the room sees it, read-only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from actionset import store as disk
from actionset.model.clock import MeetingClock
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseKind, SummaryShown
from actionset.model.tags import codebook_for, process_review, replay
from actionset.screens.base import AppScreen
from actionset.widgets.phase_board import PhaseBoard

if TYPE_CHECKING:
    from actionset.model import Meeting, Set

POLL_SECONDS = 0.25


class ProjectorScreen(AppScreen):
    """Follows the set's files within a second; never shows tagging data unless released."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    DEFAULT_CSS = """
    ProjectorScreen { align: center middle; }
    ProjectorScreen #title { height: 1; color: $text-muted; padding: 0 0; }
    ProjectorScreen PhaseBoard #phase { text-style: bold; color: $primary; }
    ProjectorScreen.-short PhaseBoard #next { display: none; }
    ProjectorScreen.-short PhaseBoard #rule { margin: 0; }
    ProjectorScreen.-short PhaseBoard #status { margin: 0; }
    ProjectorScreen #waiting { width: 1fr; height: 1fr; content-align: center middle; }
    ProjectorScreen #summary { height: auto; max-height: 50%; border-top: solid $accent; }
    """

    def __init__(self, set_store: disk.SetStore, the_set: Set, today: dt.date) -> None:
        super().__init__()
        self.set_store = set_store
        self.the_set = the_set
        self.today = today
        self.clock: MeetingClock | None = None
        self._seen = -1.0

    def compose(self) -> ComposeResult:
        yield Static(f"{self.the_set.name} · {long_date(self.today)}", id="title", markup=False)
        yield PhaseBoard(big=True, ground_rules=self.the_set.ground_rules, id="board")
        yield Static(id="summary", markup=False)
        yield Static("Waiting for today's meeting to start in the facilitator console…",
                     id="waiting")

    def on_mount(self) -> None:
        self.follow()
        self.set_interval(POLL_SECONDS, self.follow)

    def follow(self) -> None:
        """Reload the meeting when its files change, then repaint the clock."""
        stamp = self.set_store.meeting_mtime(self.today)
        if stamp != self._seen:
            self._seen = stamp
            meeting = self._load()
            if meeting is not None and meeting.agenda:
                self.clock = MeetingClock(meeting, self.actionset.now)
            self.show_summary()
        board = self.query_one(PhaseBoard)
        board.display = self.clock is not None
        self.query_one("#waiting").display = self.clock is None
        if self.clock is not None:
            board.show(self.clock)

    def show_summary(self) -> None:
        """The tag summary, only once the facilitator releases it in the process review."""
        lines = self._summary_lines()
        summary = self.query_one("#summary", Static)
        summary.display = bool(lines)
        summary.update("\n".join(lines))

    def _summary_lines(self) -> list[str]:
        clock = self.clock
        if clock is None or clock.ended or clock.phase is None:
            return []
        shown = clock.meeting.summary
        if shown is SummaryShown.hidden or clock.phase.kind is not PhaseKind.process_review:
            return []
        journal = self.set_store.read_journal(self.today)
        roster = [m.name for m in self.the_set.current_members]
        review = process_review(replay(journal.events), codebook_for(self.the_set), roster,
                                anonymous=shown is SummaryShown.anonymous)
        return review.lines()

    def _load(self) -> Meeting | None:
        try:
            return self.set_store.load_meeting(self.today)
        except disk.StoreError:
            self.set_store.damaged.clear()  # read-only window: keep showing what it had
            return None
