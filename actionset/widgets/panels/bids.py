"""The bids panel: who bids for time today and on what, and the running order confirmed."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from actionset.model import Action, Issue, Meeting, Set
from actionset.model.bids import (
    block_minutes,
    confirm_presenters,
    last_presented,
    place_bids,
    running_order,
    since_text,
    suggested_order,
)
from actionset.model.clock_words import finish_line
from actionset.model.issue import IssueStatus
from actionset.model.meeting import Bid, Urgency
from actionset.model.plan_undo import UNDO_WORDS
from actionset.model.record import OrderRefused, raise_issue
from actionset.safe_text import safe
from actionset.widgets.field import TextField
from actionset.widgets.panels.base import PhasePanel
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.model.clock import MeetingClock
    from actionset.session import ConsoleSession

MINUTES_STEP = 5
URGENCY_CYCLE = (Urgency.low, Urgency.medium, Urgency.high)
ISSUE_WIDTH = 52
PAD = "\u00a0"  # a space that a line keeps at its start


class NewIssueForm(ModalScreen[str | None]):
    """The title of a new issue a member bids with; enter keeps it, escape leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    NewIssueForm { align: center middle; }
    NewIssueForm > Vertical {
        width: 70; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, member: str, title: str = "") -> None:
        super().__init__()
        self.member = member
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(safe(f"A new issue for {self.member}:"), markup=False)
            yield TextField(self.title_text, placeholder="Its title, in a few words", id="title")
            yield Label("enter keeps it · escape leaves it", classes="hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_issues_of(issues: list[Issue], member: str) -> list[Issue]:
    """The member's issues still to work on (open or worked, not resolved or parked)."""
    return [
        i
        for i in issues
        if i.owner == member and i.status in (IssueStatus.open, IssueStatus.worked)
    ]


class BidsPanel(PhasePanel):
    """Each member present bids or passes; the facilitator confirms presenters and order.

    The running order starts as the suggested one (longest since presenting, then urgency)
    and follows the facilitator's moves until confirmed; confirming builds the presenter
    blocks, fitted to the time left, and saves the meeting (and any new issue).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("y", "bid", "Bid"),
        Binding("x", "pass_", "Pass"),
        Binding("delete,backspace", "clear", "Clear", show=False),
        Binding("left", "minutes(-5)", "-5 min", show=False),
        Binding("right", "minutes(5)", "+5 min", show=False),
        Binding("u", "urgency", "Urgency"),
        Binding("i", "issue", "Issue"),
        Binding("a", "new_issue", "New issue"),
        Binding("f", "settle('resolved')", "Resolve issue", show=False),
        Binding("k", "settle('parked')", "Park issue", show=False),
        Binding("shift+up", "move(-1)", "Move up", show=False),
        Binding("shift+down", "move(1)", "Move down", show=False),
        Binding("s", "suggest", "Suggested order", show=False),
        Binding("enter", "confirm", "Confirm order"),
    ]

    def __init__(
        self, session: ConsoleSession, clock: MeetingClock, *, id: str | None = None
    ) -> None:
        super().__init__(session, clock, id=id)
        meeting = self.session.meeting
        self.since = last_presented(self.members, self.session.past_meetings, meeting.date)
        self.order, self.moved = running_order(
            meeting.bids, [p.member for p in meeting.presenters], self.since
        )
        self.cursor = 0
        self.status = ""

    # -- what the panel reads

    @property
    def members(self) -> list[str]:
        """The members present, in the roster's order."""
        meeting = self.session.meeting
        members = self.session.the_set.members_at(meeting.date)
        return [m.name for m in members if meeting.is_present(m.name)]

    def _bidding(self, member: str) -> bool:
        bid = self.session.meeting.bid_of(member)
        return bid is not None and not bid.passes

    def _suggested(self) -> list[Bid]:
        return suggested_order(self.session.meeting.bids, self.since)

    @property
    def rows(self) -> list[str]:
        """The members present, in the roster's order: the rows never move under the cursor."""
        return self.members

    @property
    def highlighted(self) -> str | None:
        rows = self.rows
        return rows[min(self.cursor, len(rows) - 1)] if rows else None

    @property
    def confirmed(self) -> bool:
        return (
            bool(self.order) and [p.member for p in self.session.meeting.presenters] == self.order
        )

    # -- drawing

    def compose(self) -> ComposeResult:
        yield Static(id="heading", classes="heading")
        yield Static(id="rows")
        yield Static(id="order")
        yield Static(id="status")
        yield Static(
            Text(
                "↑↓ member · y bid · x pass · del clear · ←→ minutes\n"
                "u urgency · i issue · a new issue · f resolve · k park · shift+↑↓ move\n"
                "s suggested order · enter confirm presenters"
            ),
            classes="hint",
        )

    def on_mount(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        block = block_minutes(self.session.meeting.agenda)
        title = "Bids · presenters confirmed" if self.confirmed else "Bids"
        self.query_one("#heading", Static).update(Text(title))
        text = Text(no_wrap=True, overflow="ellipsis")
        highlighted = self.highlighted
        by_id = {issue.id: issue for issue in self.session.issues}
        for member in self.rows:
            bid = self.session.meeting.bid_of(member)
            mark = "▶ " if member == highlighted and self.has_focus else PAD * 2
            line = Text(mark, style="bold" if member == highlighted else "")
            line.append(safe(member)[:18].ljust(19))
            line.append(since_text(self.since.get(member)).ljust(15), style="dim")
            if bid is None:
                line.append("—", style="dim")
            elif bid.passes:
                line.append("pass")
            else:
                minutes = bid.minutes or block
                line.append("bid  ")
                line.append(f"{minutes:>3} min  ", style="" if bid.minutes else "dim")
                line.append(bid.urgency.value, style="bold" if bid.urgency is Urgency.high else "")
            text.append_text(line)
            text.append("\n")

            if bid is not None and (not bid.passes or bid.issue or bid.new_issue):
                issue = by_id.get(bid.issue)
                what = (
                    f"(new) {bid.new_issue}"
                    if bid.new_issue
                    else issue.title
                    if issue
                    else "no issue named"
                )
                if len(what) > ISSUE_WIDTH:
                    what = what[: ISSUE_WIDTH - 1] + "…"
                text.append(PAD * 4 + what + "\n", style="italic" if bid.new_issue else "dim")
        self.query_one("#rows", Static).update(escaped(text))
        self.query_one("#order", Static).update(escaped(self._order_text(block)))
        self.query_one("#status", Static).update(Text(safe(self.status, "\n"), style="yellow"))

    def _order_text(self, block: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(
            "\nRunning order "
            + ("(confirmed)" if self.confirmed else "(moved)" if self.moved else "(suggested)"),
            style="bold",
        )
        asked = 0
        for number, member in enumerate(self.order, start=1):
            bid = self.session.meeting.bid_of(member)
            minutes = (bid.minutes if bid else None) or block
            asked += minutes
            mark = "▶ " if member == self.highlighted and self.has_focus else PAD * 2
            text.append(f"\n{mark}{number}. {safe(member)[:30].ljust(31)}{minutes:>4} min")
        if not self.order:
            text.append(f"\n{PAD * 2}nobody has bid yet", style="dim")
        else:
            text.append(f"\n{PAD * 2}{'in all'.ljust(34)}{asked:>4} min", style="dim")
        return text

    def watch_has_focus(self, has_focus: bool) -> None:
        """The ▶ marks the member ↑↓ is on while the panel has the keys. (`on_focus` runs
        before `has_focus` is set: a panel focused as `n` mounts it showed no ▶.)"""
        super().watch_has_focus(has_focus)
        if self.is_mounted:
            self.refresh_rows()

    # -- changing the bids (each change saved at once)

    def _changed(self) -> None:
        self._follow_bids()
        self.session.save_meeting()
        self.refresh_rows()

    def _follow_bids(self) -> None:
        """Keep the running order to the bidders: suggested until the facilitator moves one.
        A moved order is kept in the bids' places, so it is saved with them."""
        if not self.moved:
            self.order = [b.member for b in self._suggested()]
        else:
            self.order = [name for name in self.order if self._bidding(name)]
            self.order += [b.member for b in self._suggested() if b.member not in self.order]
        place_bids(self.session.meeting.bids, self.order if self.moved else None)

    def _bid(self, member: str) -> Bid:
        """The member's bid, made now (a bid, on their first open issue) if they had none."""
        meeting = self.session.meeting
        bid = meeting.bid_of(member)
        if bid is None:
            issues = open_issues_of(self.session.issues, member)
            bid = Bid(member=member, issue=issues[0].id if issues else "")
            meeting.bids = [*meeting.bids, bid]
        return bid

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(self.cursor + step, len(self.rows) - 1))
        self.refresh_rows()

    def action_bid(self) -> None:
        if (member := self.highlighted) is None:
            return
        self._bid(member).passes = False
        self._changed()

    def action_pass_(self) -> None:
        if (member := self.highlighted) is None:
            return
        bid = self._bid(member)
        bid.passes, bid.minutes, bid.issue, bid.new_issue = True, None, "", ""
        self._changed()

    def action_clear(self) -> None:
        if (member := self.highlighted) is None:
            return
        meeting = self.session.meeting
        meeting.bids = [b for b in meeting.bids if b.member != member]
        self._changed()

    def _bidding_highlighted(self) -> Bid | None:
        member = self.highlighted
        if member is None or not self._bidding(member):
            self.status = "y first: that member has not bid"
            self.refresh_rows()
            return None
        return self.session.meeting.bid_of(member)

    def _answered_highlighted(self) -> Bid | None:
        """The highlighted member's bid, or pass: a member who passes may still name an issue."""
        member = self.highlighted
        if member is None or (bid := self.session.meeting.bid_of(member)) is None:
            self.status = "y or x first: that member has not bid or passed"
            self.refresh_rows()
            return None
        return bid

    def action_minutes(self, step: int) -> None:
        if (bid := self._bidding_highlighted()) is None:
            return
        minutes = (bid.minutes or block_minutes(self.session.meeting.agenda) or 0) + step
        bid.minutes = max(MINUTES_STEP, min(minutes, 600))
        self._changed()

    def action_urgency(self) -> None:
        if (bid := self._bidding_highlighted()) is None:
            self.refuse("u: that member has not bid (y first)")
            return
        bid.urgency = URGENCY_CYCLE[(URGENCY_CYCLE.index(bid.urgency) + 1) % 3]
        self._changed()

    def action_issue(self) -> None:
        """The member's next open issue (after the last, none)."""
        if (bid := self._answered_highlighted()) is None:
            self.refuse("i: that member has not bid or passed (y or x first)")
            return
        choices = [i.id for i in open_issues_of(self.session.issues, bid.member)] + [""]
        if len(choices) == 1:  # nothing to go round
            self.refuse(f"i: {bid.member} has no open issue; a names a new one")
            return
        at = choices.index(bid.issue) if bid.issue in choices and not bid.new_issue else -1
        bid.new_issue, bid.issue = "", choices[(at + 1) % len(choices)]
        self._changed()

    def action_new_issue(self) -> None:
        if (bid := self._answered_highlighted()) is None:
            self.refuse("a: that member has not bid or passed (y or x first)")
            return

        def named(title: str | None) -> None:
            if not title:
                return
            if bid.passes:  # no confirming to wait for: the issue is theirs from today
                issue = raise_issue(
                    self.session.issues, bid.member, title, self.session.meeting.date
                )
                self.session.issues.append(issue)
                self.session.save_issues()
                bid.issue, bid.new_issue = issue.id, ""
            else:
                bid.issue, bid.new_issue = "", title
            self._changed()

        self.app.push_screen(NewIssueForm(bid.member, bid.new_issue), named)

    def action_settle(self, status: str) -> None:
        """Resolve or park the highlighted member's issue (the one they bid on, else their
        first open one), with a note; it leaves their bid."""
        from actionset.model.issue_history import settle_issue
        from actionset.screens.form import Answer, Field, FormScreen

        member = self.highlighted
        if member is None:
            return
        bid = self.session.meeting.bid_of(member)
        mine = open_issues_of(self.session.issues, member)
        issue = next((i for i in mine if bid is not None and i.id == bid.issue), None)
        issue = issue or (mine[0] if mine else None)
        if issue is None:
            self.status = f"{member} has no open issue"
            self.refresh_rows()
            return
        chosen = IssueStatus(status)

        def settled(answer: Answer | None) -> None:
            if answer is None:
                return
            settle_issue(issue, chosen, self.session.meeting.date, answer["note"])
            self.session.save_issues()
            if bid is not None and bid.issue == issue.id:
                bid.issue = ""
            self.status = f"{issue.title}: {chosen.value}"
            self._changed()

        verb = "Resolve" if chosen is IssueStatus.resolved else "Park"
        self.app.push_screen(
            FormScreen(f"{verb} {member}'s issue: {issue.title}", [Field("note", "Note")]),
            settled,
        )

    # -- the running order

    def action_move(self, step: int) -> None:
        member = self.highlighted
        if member not in self.order:
            return
        at = self.order.index(member)
        to = max(0, min(at + step, len(self.order) - 1))
        self.order.insert(to, self.order.pop(at))
        self.moved = True
        self.status = ""
        self._changed()

    def action_suggest(self) -> None:
        self.moved = False
        self._changed()

    def action_confirm(self) -> None:
        """The bidders in running order become today's presenters, their blocks fitted."""
        meeting = self.session.meeting
        bids = [bid for name in self.order if (bid := meeting.bid_of(name)) is not None]
        if not bids:
            self.status = "Nobody has bid: y on a member first"
            self.refresh_rows()
            return
        try:
            fit, raised = confirm_presenters(
                self.clock, bids, self.session.issues, actions=self.session.actions
            )
        except OrderRefused as refused:
            self.status = f"Not confirmed: {refused}"
            self.refresh_rows()
            return
        if raised:
            self.session.issues.extend(raised)
            self.session.save_issues()
        self.session.save_meeting()
        self.moved = True
        names = ", ".join(bid.member for bid in bids)
        fitted = f"\nFitted to the time left: {finish_line(self.clock)}" if fit.shared else ""
        self.status = f"Presenters: {names}" + (f"\n⚠ {fit.squeeze}" if fit.squeeze else fitted)
        self.refresh_rows()
        if self.clock.history.name(f"Presenters confirmed: {names}."):
            short = f"⚠ {fit.squeeze.rstrip('.')}." if fit.squeeze else ""
            did = " ".join(filter(None, (fit.said(), short)))
            said = " ".join(filter(None, (f"Presenters confirmed: {names}.", did, UNDO_WORDS)))
            self.notify(said, timeout=6 if did else 4, markup=False)


def bids_for_the_room(
    meeting: Meeting,
    actions: list[Action],
    issues: list[Issue],
    the_set: Set,
    *,
    past: Sequence[Meeting] = (),
    now: Callable[[], float] = time.time,
) -> Text | None:
    """The bids as they stand (member, minutes, urgency, whether on a new issue; never an
    issue's title, which may be private), and the running order once confirmed."""
    if not meeting.bids and not meeting.presenters:
        return None
    block = block_minutes(meeting.agenda)
    text = Text()
    for bid in meeting.bids:
        text.append(safe(bid.member).ljust(20))
        if bid.passes:
            text.append("passes", style="dim")
        else:
            text.append(f"{bid.minutes or block} min · {bid.urgency.value}")
            if bid.new_issue:
                text.append(" · new issue")
        text.append("\n")
    if meeting.presenters:
        order = " · ".join(f"{n}. {p.member}" for n, p in enumerate(meeting.presenters, 1))
        text.append("\nRunning order: ", style="bold")
        text.append(order)
        text.append("\n")
    text.rstrip()
    return escaped(text)
