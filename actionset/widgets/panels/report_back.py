"""The report-back: each member present reports on their open actions, in turn, time-boxed."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from actionset.model.action import PROGRESS_SYMBOLS, ReportBack
from actionset.model.action_status import Progress
from actionset.model.clock import MeetingClock
from actionset.model.meeting import PhaseKind
from actionset.model.record import (
    MemberReport,
    Turn,
    meeting_before,
    report_back_list,
    report_back_turns,
)
from actionset.safe_text import safe
from actionset.widgets.panels.base import PhasePanel
from actionset.widgets.panels.report_form import ReportForm, Said
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.session import ConsoleSession

PROGRESS_KEYS = {
    "1": Progress.done,
    "2": Progress.partly,
    "3": Progress.not_done,
    "4": Progress.dropped,
}
PROGRESS_WORDS = {
    None: "not yet",
    Progress.done: "done",
    Progress.partly: "partly",
    Progress.not_done: "not done",
    Progress.dropped: "dropped",
}
PROGRESS_COLOURS = {
    None: "dim",
    Progress.done: "green",
    Progress.partly: "yellow",
    Progress.not_done: "red",
    Progress.dropped: "dim",
}
TEXT_WIDTH = 54  # an action's wording on its row; the rest of it follows "…"


def minutes_text(seconds: float) -> str:
    """ "3:10", "12:05": a turn's minutes and seconds."""
    minutes, secs = divmod(int(max(seconds, 0)), 60)
    return f"{minutes}:{secs:02d}"


def day_text(date: dt.date | None) -> str:
    return f"{date.day} {date:%b}" if date else "no date"


def reports_for(
    meeting: Meeting, actions: list[Action], the_set: Set, past: Sequence[Meeting]
) -> list[MemberReport]:
    """The meeting's report-back list (the model's rule), from what the panel has at hand."""
    roster = [member.name for member in the_set.members_at(meeting.date)]
    return report_back_list(actions, meeting, roster, meeting_before(past, meeting.date))


def reporting_now(reports: Sequence[MemberReport], meeting: Meeting) -> MemberReport | None:
    """Who is reporting back: the member the console's cursor is on (kept on the meeting), else
    the first with actions to report on."""
    with_actions = [report for report in reports if report.actions]
    chosen = meeting.reporting.casefold()
    named = (report for report in with_actions if report.member.casefold() == chosen)
    return next(named, with_actions[0] if with_actions else None)


def turn_now(reports: list[MemberReport], meeting: Meeting, clock: MeetingClock) -> Turn | None:
    """The time-box of the member reporting back (`reporting_now`): their share of the phase's
    time while the report-back runs."""
    current = reporting_now(reports, meeting)
    if current is None:
        return None
    phase = clock.phase
    running = phase is not None and phase.kind is PhaseKind.report_back
    turns = report_back_turns(reports, phase.allotted if running and phase else 0)
    return next(turn for turn in turns if turn.member == current.member)


def still_to_say(report: MemberReport, date: dt.date) -> int:
    """How many of a member's actions have no report-back at this meeting yet."""
    return sum(1 for action in report.actions if action.report_at(date) is None)


class ReportBackPanel(PhasePanel):
    """Every open action of the members present, grouped by member; 1–4 record the highlighted
    action's progress (the highlight stays on it), enter its note, outcome and value; `s` shows
    the notes to the room or hides them. The ▶ is on the member whose action is highlighted,
    here and in the room."""

    BINDINGS = [
        *(
            Binding(key, f"progress({key!r})", PROGRESS_WORDS[progress], show=False)
            for key, progress in PROGRESS_KEYS.items()
        ),
        Binding("up", "move(-1)", "up", show=False),
        Binding("down", "move(1)", "down", show=False),
        Binding("enter", "form", "note/outcome"),
        Binding("s", "show_notes", "notes to room"),
    ]

    DEFAULT_CSS = """
    ReportBackPanel #heading { dock: top; }
    ReportBackPanel .member { height: auto; margin-top: 1; }
    ReportBackPanel .row { height: auto; }
    ReportBackPanel .row.-cursor { background: $boost; text-style: bold; }
    ReportBackPanel .hint { margin-top: 1; }
    """

    HEADING_WIDTH = 58

    def __init__(
        self, session: ConsoleSession, clock: MeetingClock, *, id: str | None = None
    ) -> None:
        super().__init__(session, clock, id=id)
        self.reports = reports_for(
            session.meeting, session.actions, session.the_set, session.past_meetings
        )
        self.rows: list[Action] = [a for report in self.reports for a in report.actions]
        self.row_members = [report.member for report in self.reports for _ in report.actions]
        self.cursor = 0
        self._shown = ""
        self._turn_began: float | None = None
        """The phase's elapsed seconds when the cursor came to the member reporting; None: they
        have reported since their time-box's start (the cursor has not moved to anyone)."""

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(classes="heading", id="heading")
        if not self.rows:
            yield Static(Text("No open actions to report on.", style="italic dim"))
        row = 0
        for number, report in enumerate(self.reports):
            yield Static(classes="member", id=f"member-{number}")
            for _ in report.actions:
                yield Static(classes="row", id=f"row-{row}")
                row += 1
        yield Static(
            Text(
                "1 ✓ done · 2 ◐ partly · 3 ✗ not done · 4 – dropped\n"
                "↑↓ action · enter note/outcome/value · s notes to room"
            ),
            classes="hint",
        )

    def on_mount(self) -> None:
        self.follow(self.clock)
        reporting = reporting_now(self.reports, self.session.meeting)
        self.cursor = self.row_members.index(reporting.member) if reporting else 0
        self._show_members()
        for index in range(len(self.rows)):
            self._show_row(index)
        self._move_to(self.cursor)

    # ------------------------------------------------------------------ showing

    def follow(self, clock: MeetingClock) -> None:
        """Each second: the time-box of the member reporting, and their time, in the heading."""
        self.clock = clock
        turn = turn_now(self.reports, self.session.meeting, clock)
        heading = Text("Report-back", no_wrap=True)
        if self.session.meeting.shows_report_notes:
            heading.append(" · notes shown", style="yellow")
        if turn is not None:
            phase = clock.phase
            running = phase is not None and phase.kind is PhaseKind.report_back
            elapsed, since = clock.elapsed(), self._turn_began
            used = turn.used(elapsed) if since is None else max(elapsed - since, 0.0)
            used = used if running else 0.0
            title = Text(
                f"{turn.member} · {minutes_text(used)} of {minutes_text(turn.seconds)}",
                style="bold red" if used > turn.seconds else "",
            )
            heading.append(" " * max(self.HEADING_WIDTH - len(heading) - len(title), 2))
            heading.append_text(title)
        if heading.plain != self._shown:
            self._shown = heading.plain
            self.query_one("#heading", Static).update(escaped(heading))

    def _show_members(self) -> None:
        current = self.row_members[self.cursor] if self.rows else None
        for number, report in enumerate(self.reports):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("▶ " if report.member == current else "  ", style="bold")
            line.append(safe(report.member), style="bold" if report.member == current else "")
            still = still_to_say(report, self.session.meeting.date)
            count = f"{len(report.actions)} open · {still} to go" if report.actions else "none open"
            line.append(f"  {count}", style="dim")
            self.query_one(f"#member-{number}", Static).update(escaped(line))

    def _show_row(self, index: int) -> None:
        action = self.rows[index]
        said = action.report_at(self.session.meeting.date)
        progress = said.progress if said else None
        colour = PROGRESS_COLOURS[progress]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("▶ " if index == self.cursor else "  ", style="bold")
        text.append(f"{PROGRESS_SYMBOLS[progress]} ", style=colour)
        wording = safe(action.text)
        wording = wording if len(wording) <= TEXT_WIDTH else wording[: TEXT_WIDTH - 1] + "…"
        text.append(wording)
        details = Text(no_wrap=True, overflow="ellipsis", style="dim")
        details.append(f"\n    agreed {day_text(action.agreed_at)} · due {day_text(action.due)}")
        details.append(f" · {PROGRESS_WORDS[progress]}", style=colour)
        text.append_text(details)
        if said and (said.note or said.outcome or said.value_text):
            extra = Text("\n    ", no_wrap=True, overflow="ellipsis", style="italic")
            parts = [
                f"note: {said.note}" if said.note else "",
                f"outcome: {said.outcome}" if said.outcome else "",
                said.value_text,
            ]
            extra.append(" · ".join(part for part in parts if part))
            text.append_text(extra)
        self.query_one(f"#row-{index}", Static).update(escaped(text))

    def _move_to(self, index: int) -> None:
        if not self.rows:
            return
        self.query(".row.-cursor").remove_class("-cursor")
        before, self.cursor = self.cursor, index % len(self.rows)
        self._show_row(before)
        self._show_row(self.cursor)
        row = self.query_one(f"#row-{self.cursor}", Static)
        row.add_class("-cursor")
        self.scroll_to_widget(row, animate=False)
        self._show_members()
        meeting = self.session.meeting
        member = self.row_members[self.cursor]
        reporting = reporting_now(self.reports, meeting)
        if reporting is None or reporting.member != member:
            meeting.reporting = member
            self.session.save_meeting()  # the room's ▶ follows
            self._turn_began = self.clock.elapsed()  # their time runs from now
            self.follow(self.clock)  # the heading names them

    # ------------------------------------------------------------------ keys

    def action_move(self, step: int) -> None:
        if self.rows:
            self._move_to(self.cursor + step)

    def _record(self, change: Callable[[ReportBack | None], ReportBack]) -> None:
        action = self.rows[self.cursor]
        action.report(change(action.report_at(self.session.meeting.date)))
        self.session.save_actions()
        self._show_row(self.cursor)
        self._show_members()

    def action_progress(self, key: str) -> None:
        if not self.rows:
            self.app.bell()
            return
        progress = PROGRESS_KEYS[key]
        date = self.session.meeting.date

        def change(said: ReportBack | None) -> ReportBack:
            if said is None:
                return ReportBack(meeting=date, progress=progress)
            return said.model_copy(update={"progress": progress})

        self._record(change)  # the highlight stays: enter is this action's note, ↓ moves on

    def action_form(self) -> None:
        if not self.rows:
            self.app.bell()
            return
        action = self.rows[self.cursor]
        said = action.report_at(self.session.meeting.date)
        if said is None:
            self.refuse("first say how far it got: 1 done · 2 partly · 3 not done · 4 dropped")
            return
        index = self.cursor

        def landed(result: Said | None) -> None:
            if result is None:
                return
            self.cursor = index
            self._record(
                lambda old: ReportBack(
                    meeting=self.session.meeting.date,
                    progress=old.progress if old else said.progress,
                    note=result.note,
                    outcome=result.outcome,
                    value=result.value,
                    value_unit=result.value_unit,
                    attribution=result.attribution,
                    confidence=result.confidence,
                    kind=result.kind,
                    evidence=result.evidence,
                )
            )

        self.app.push_screen(ReportForm(action, said), landed)

    def action_show_notes(self) -> None:
        shown = self.session.meeting.toggle_report_notes()
        self.session.save_meeting()
        self.notify("The room sees the notes" if shown else "Notes hidden from the room")
        self.follow(self.clock)


def report_back_for_the_room(
    meeting: Meeting,
    actions: list[Action],
    issues: list[Issue],
    the_set: Set,
    *,
    past: Sequence[Meeting] = (),
    now: Callable[[], float] = time.time,
) -> Text | None:
    """Whose turn it is with their actions' progress, and who is waiting with how many open.

    The notes, outcomes and values show only when the facilitator chose to show them. The
    order and the turns are the console's (`reports_for`): last meeting's presenters first.
    """
    reports = reports_for(meeting, actions, the_set, past)
    current = reporting_now(reports, meeting)
    if current is None:
        return Text("No open actions to report on.")
    text = Text()
    text.append("▶ ", style="bold")
    text.append(safe(current.member), style="bold")
    for action in current.actions:
        said = action.report_at(meeting.date)
        text.append(f"\n  {PROGRESS_SYMBOLS[said.progress if said else None]} ")
        text.append(safe(action.text))
        if said and meeting.shows_report_notes:
            for part in (said.note, said.outcome and f"outcome: {said.outcome}", said.value_text):
                if part:
                    text.append(f"\n      {safe(part)}", style="italic")
    waiting = [(r.member, still_to_say(r, meeting.date)) for r in reports if r is not current]
    if waiting := [(member, still) for member, still in waiting if still]:
        text.append("\n\nWaiting: ", style="dim")
        text.append(safe(", ".join(f"{member} ({still})" for member, still in waiting)))
    return text
