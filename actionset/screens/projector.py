"""The projector window: the live meeting as the room sees it, read-only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from actionset import store as disk
from actionset.model.clock import MeetingClock
from actionset.model.codebook import codebook_for
from actionset.model.contributions import replay
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseKind, SummaryShown, who_counts
from actionset.model.stats import process_review
from actionset.screens.base import AppScreen
from actionset.widgets.phase_board import PhaseBoard

if TYPE_CHECKING:
    from actionset.model import Meeting, Set

POLL_SECONDS = 0.25
# Rows the title and the phase board need with the big clock (at its smallest) above the
# summary; a screen with less room than that and the summary shows the time as a line.
BOARD_ROWS = 15


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
    ProjectorScreen #summary { height: auto; border-top: solid $accent; }
    /* A screen too short for the big clock and the whole summary keeps the time left in the
       status line and gives the rest of the room to the summary. */
    ProjectorScreen.-summary-first PhaseBoard,
    ProjectorScreen.-summary-first PhaseBoard #live { height: auto; }
    ProjectorScreen.-summary-first PhaseBoard BigClock,
    ProjectorScreen.-summary-first PhaseBoard #view,
    ProjectorScreen.-summary-first PhaseBoard #rule,
    ProjectorScreen.-summary-first PhaseBoard #next { display: none; }
    ProjectorScreen.-summary-first #summary { max-height: 1fr; }
    """

    def __init__(self, set_store: disk.SetStore, the_set: Set, today: dt.date) -> None:
        super().__init__()
        self.set_store = set_store
        self.the_set = the_set
        self.today = today
        self.clock: MeetingClock | None = None
        self._seen = -1.0
        self._summary_lines_shown: list[str] = []

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
        self._summary_lines_shown = lines
        self.on_resize()

    def on_resize(self) -> None:
        width = max(self.size.width, 1)
        rows = sum(max(1, -(-len(line) // width)) for line in self._summary_lines_shown)
        self.set_class(bool(rows) and self.size.height < BOARD_ROWS + 1 + rows,
                       "-summary-first")

    def _summary_lines(self) -> list[str]:
        clock = self.clock
        if clock is None or clock.ended or clock.phase is None:
            return []
        meeting = clock.meeting
        shown = meeting.summary_shown(self.the_set.summary)
        if shown is SummaryShown.hidden or clock.phase.kind is not PhaseKind.process_review:
            return []
        journal = self.set_store.read_journal(self.today)
        members = who_counts([m.name for m in self.the_set.current_members], meeting,
                             facilitator=self.the_set.facilitator)
        review = process_review(replay(journal.events, meeting.agenda),
                                codebook_for(self.the_set), members,
                                anonymous=shown is SummaryShown.anonymous,
                                seed=meeting.date.isoformat())
        return review.lines()

    def _load(self) -> Meeting | None:
        try:
            return self.set_store.load_meeting(self.today)
        except disk.StoreError:
            self.set_store.damaged.clear()  # read-only window: keep showing what it had
            return None
