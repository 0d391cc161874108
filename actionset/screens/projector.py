"""The projector window: the live meeting as the room sees it, read-only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import Static

from actionset import store as disk
from actionset.model.clock import MeetingClock
from actionset.model.clock_words import face, seconds_to_next_face
from actionset.model.coach_log import prompts_logged, timeline
from actionset.model.codebook import codebook_for
from actionset.model.contributions import replay, slot_presenters
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseKind, SummaryShown, with_a_row
from actionset.model.record import facilitator_of
from actionset.model.stats import process_review
from actionset.safe_text import safe
from actionset.screens.projector_voice import ProjectorVoice
from actionset.widgets.panels import ROOM_VIEWS
from actionset.widgets.phase_board import PhaseBoard
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set

POLL_SECONDS = 0.25
# Rows the title and the phase board need with the big clock (at its smallest) above the
# summary; a screen with less room than that and the summary shows the time as a line.
BOARD_ROWS = 15


class ProjectorScreen(ProjectorVoice):
    """Follows the set's files within a second; never shows tagging data unless released."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q", id="quit")
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    CSS_PATH = "projector.tcss"

    def __init__(
        self,
        set_store: disk.SetStore,
        the_set: Set,
        today: dt.date,
        *,
        members_address: str | None = None,
    ) -> None:
        super().__init__()
        self.members_address = members_address
        self.set_store = set_store
        self.the_set = the_set
        self.followed = set_store.followed_meeting(today)
        """The meeting shown: the one the console holds, whatever its date (`run --date`)."""
        self.followed.follow()
        self.clock: MeetingClock | None = None
        self._seen = -1.0
        self._summary_lines_shown: list[str] = []
        self._room_lines: list[str] = []
        self._reading = False  # a read of the files is under way in a thread
        self._tick_timer: Timer | None = None
        self._closed = False  # the window has gone: a read that ends now shows nothing
        self._record_seen = -1.0
        self._actions: list[Action] = []
        self._issues: list[Issue] = []
        self._past: list[Meeting] | None = None  # the meeting before this one, read once

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="title", markup=False)
        yield PhaseBoard(ground_rules=self.the_set.ground_rules, id="board")
        yield Static(id="room", markup=False)
        yield Static(id="summary", markup=False)
        yield Static(
            "Waiting for today's meeting to start in the facilitator console…", id="waiting"
        )
        yield from self.compose_voice()

    def _title(self) -> str:
        return safe(f"{self.the_set.name} · {long_date(self.followed.date)}")

    def on_mount(self) -> None:
        self.follow()
        self.set_interval(POLL_SECONDS, self.poll)
        self.next_tick()

    def on_unmount(self) -> None:
        self._closed = True

    def tick(self) -> None:
        """The clock repainted once per displayed second; asleep in between."""
        self.paint()
        self.next_tick()

    def next_tick(self) -> None:
        if self._tick_timer is not None:
            self._tick_timer.stop()
        delay = seconds_to_next_face(self.clock, self.actionset.now())
        self._tick_timer = self.set_timer(delay, self.tick)

    def follow(self) -> None:
        """Reload the meeting now if its files changed, then repaint the clock."""
        self._follow_console()
        self._loaded(*self._read())

    def _follow_console(self) -> None:
        """A console now holds another meeting of the set: show that one, read afresh."""
        if not self.followed.follow():
            return
        self._seen, self._past, self.clock = -1.0, None, None
        self.query_one("#title", Static).update(self._title())

    def poll(self) -> None:
        """Whether the meeting's files changed is a cheap look at their times; only when they
        did are they read, in a thread, one read at a time, so a slow read never holds the
        clock."""
        if self._reading:
            return
        self._follow_console()
        self.follow_voice()
        if self._stamps() == (self._seen, self._record_seen):
            return
        self._reading = True
        self.run_worker(self._read_in_thread, name="reload", group="reload", thread=True)

    def _stamps(self) -> tuple[float, float]:
        return self.set_store.meeting_mtime(self.followed.date), self.set_store.record_mtime()

    def _read_in_thread(self) -> None:
        self.app.call_from_thread(self._loaded, *self._read())

    def _read(
        self,
    ) -> tuple[float, MeetingClock | None, list[str], Text | None] | tuple[None, None, None, None]:
        """The meeting's clock, the room's summary and the room's view of the phase, when the
        meeting's files (or the set's actions and issues) changed since last read."""
        stamp, record = self._stamps()
        if stamp == self._seen and record == self._record_seen:
            return None, None, None, None
        if record != self._record_seen:
            self._record_seen = record
            self._load_record()
        if self._past is None:
            self._past = self._load_past()
        meeting = self._load()
        clock = (
            MeetingClock(meeting, self.actionset.now)
            if (meeting is not None and meeting.agenda)
            else self.clock
        )
        return stamp, clock, self._summary_lines(clock), self._room_view(clock)

    def _loaded(
        self,
        stamp: float | None,
        clock: MeetingClock | None,
        lines: list[str] | None,
        room: Text | None = None,
    ) -> None:
        self._reading = False
        if self._closed:
            return  # a read that ends as the window closes has nothing left to show
        if stamp is not None and lines is not None:
            self._seen = stamp
            self.clock = clock
            self.show_summary(lines)
            self.show_room(room)
        self.follow_voice()
        self.paint()

    def show_room(self, room: Text | None) -> None:
        """What the room may see of the phase (the report-back list, the actions being agreed,
        the next meeting), under the clock; never tag data."""
        room, view = None if room is None else escaped(room), self.query_one("#room", Static)
        view.display = room is not None and bool(room.plain)
        view.update(room if room is not None else "")
        self._room_lines = room.plain.splitlines() if room is not None else []
        self.on_resize()

    def _room_view(self, clock: MeetingClock | None) -> Text | None:
        if clock is None or clock.ended or clock.phase is None:
            return None
        view = ROOM_VIEWS.get(clock.phase.kind)
        if view is None:
            return None
        return view(
            clock.meeting,
            self._actions,
            self._issues,
            self.the_set,
            past=self._past or [],
            now=self.actionset.now,
        )

    def _load_record(self) -> None:
        """The set's actions and issues, read again only when their files changed."""
        try:
            self._actions = self.set_store.load_actions()
            self._issues = self.set_store.load_issues()
        except disk.StoreError:
            self.set_store.damaged.clear()  # keep showing what it had

    def _load_past(self) -> list[Meeting]:
        """The meeting before this one, whose presenters report back first, as on the console."""
        try:
            last = self.set_store.load_meeting_before(self.followed.date)
        except disk.StoreError:
            self.set_store.damaged.clear()  # the roster's order, rather than nothing
            return []
        return [last] if last is not None else []

    def paint(self) -> None:
        board = self.query_one(PhaseBoard)
        board.display = self.clock is not None
        self.query_one("#waiting").display = self.clock is None
        if self.clock is not None:
            board.show(face(self.clock))

    def show_summary(self, lines: list[str]) -> None:
        """The tag summary, only once the facilitator releases it in the process review."""
        if lines == self._summary_lines_shown and self.query_one("#summary").display == bool(lines):
            return
        summary = self.query_one("#summary", Static)
        summary.display = bool(lines)
        summary.update(safe("\n".join(lines), "\n"))
        self._summary_lines_shown = lines
        self.on_resize()

    def on_resize(self) -> None:
        width = max(self.size.width, 1)
        shown = [*self._summary_lines_shown, *self._room_lines, *self.voice_lines_shown]
        rows = sum(max(1, -(-len(line) // width)) for line in shown)
        self.set_class(bool(rows) and self.size.height < BOARD_ROWS + 1 + rows, "-summary-first")

    def _summary_lines(self, clock: MeetingClock | None) -> list[str]:
        if clock is None or clock.ended or clock.phase is None:
            return []
        meeting = clock.meeting
        shown = meeting.summary_shown(self.the_set.summary)
        if shown is SummaryShown.hidden or clock.phase.kind is not PhaseKind.process_review:
            return []
        journal = self.set_store.read_journal(self.followed.date)
        facilitator = facilitator_of(meeting, self.the_set)
        members = with_a_row(
            [m.name for m in self.the_set.members_at(meeting.date)],
            meeting,
            facilitator=facilitator,
        )
        review = process_review(
            replay(journal.events, meeting.agenda),
            codebook_for(self.the_set),
            members,
            anonymous=shown is SummaryShown.anonymous,
            seed=meeting.date.isoformat(),
            facilitating=facilitator,
        )
        prompts = timeline(prompts_logged(journal.events), slot_presenters(meeting.agenda))
        return review.lines() + (["", "The coach's prompts", *prompts] if prompts else [])

    def _load(self) -> Meeting | None:
        try:
            return self.set_store.load_meeting(self.followed.date)
        except disk.StoreError:
            self.set_store.damaged.clear()  # read-only window: keep showing what it had
            return None
