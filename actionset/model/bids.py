"""The bidding round: when each member last presented, a fair order, and the blocks it makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from actionset.model.action import Action
from actionset.model.agenda import (
    add_presenter_slot,
    assign_presenters,
    presenter_slots,
    remove_slot,
)
from actionset.model.clock import MeetingClock
from actionset.model.clock_plan import share_out
from actionset.model.clock_words import squeeze as squeeze_warning
from actionset.model.issue import Issue
from actionset.model.meeting import AgendaPhase, Bid, Meeting, PhaseKind, PhaseStatus, Urgency
from actionset.model.plan_undo import undoable
from actionset.model.record import check_order, presenters_in_order, presenters_of, raise_issue

URGENCY_RANK = {Urgency.high: 0, Urgency.medium: 1, Urgency.low: 2}


def meetings_since_presented(
    member: str, meetings: Iterable[Meeting], before: dt.date
) -> int | None:
    """How many meetings ago `member` last presented (1: the last meeting), None if never."""
    earlier = sorted((m for m in meetings if m.date < before), key=lambda m: m.date, reverse=True)
    for ago, meeting in enumerate(earlier, start=1):
        if member in presenters_of(meeting):
            return ago
    return None


def last_presented(
    members: Sequence[str], meetings: Sequence[Meeting], before: dt.date
) -> dict[str, int | None]:
    """`meetings_since_presented` for each member."""
    return {name: meetings_since_presented(name, meetings, before) for name in members}


def block_minutes(agenda: Sequence[AgendaPhase]) -> int:
    """The minutes a presenter's block is planned to have (the first slot's phases), which a
    bid naming no minutes gets; 0 when the agenda has no presenter slot."""
    slots = presenter_slots(list(agenda))
    if not slots:
        return 0
    return sum(phase.planned_minutes for phase in agenda if phase.presenter == slots[0])


def since_text(ago: int | None) -> str:
    """ "never", "last meeting", "3 meetings ago"."""
    if ago is None:
        return "never"
    return "last meeting" if ago == 1 else f"{ago} meetings ago"


def suggested_order(bids: Iterable[Bid], since: dict[str, int | None]) -> list[Bid]:
    """The bids (passes left out) with who has waited longest first: never presented, then
    most meetings ago; then the more urgent; then the order they were made in."""

    def key(bid: Bid) -> tuple[float, int]:
        ago = since.get(bid.member)
        return -(float("inf") if ago is None else ago), URGENCY_RANK[bid.urgency]

    return sorted((bid for bid in bids if not bid.passes), key=key)


def running_order(
    bids: Sequence[Bid], confirmed: Sequence[str], since: dict[str, int | None]
) -> tuple[list[str], bool]:
    """The running order the bids stand in, and whether the facilitator moved it.

    The confirmed presenters (still bidding) first, in their order; then the bids the
    facilitator placed (`Bid.place`, saved with each move so a restart keeps them); then the
    rest in the suggested order.
    """
    bidding = {bid.member: bid for bid in bids if not bid.passes}
    order = [name for name in confirmed if name in bidding]
    placed = sorted(
        (bid for bid in bidding.values() if bid.place is not None and bid.member not in order),
        key=lambda bid: bid.place or 0,
    )
    order += [bid.member for bid in placed]
    moved = bool(order)
    order += [bid.member for bid in suggested_order(bids, since) if bid.member not in order]
    return order, moved


def place_bids(bids: Iterable[Bid], order: Sequence[str] | None) -> None:
    """Note each bid's place in the facilitator's running order (None: the suggested one)."""
    places = {name: number for number, name in enumerate(order or (), start=1)}
    for bid in bids:
        place = None if bid.passes else places.get(bid.member)
        if bid.place != place:
            bid.place = place


# ---------------------------------------------------------------------------- confirming


@dataclass(frozen=True)
class Fit:
    """What confirming the presenters did to the agenda."""

    added: int  # presenter slots added
    removed: int  # slots nobody was chosen for, taken out
    squeeze: str | None  # what is squeezed when the blocks do not fit, as the clock says it
    shared: int  # phases whose time changed so that the meeting still ends on time
    breaks: int = 0  # breaks added with the slots (the template puts one between blocks)

    def said(self) -> str:
        """What confirming did to the plan besides naming the presenters, as a sentence ("A
        slot and a break added; 9 phases' minutes changed to end on time."), or "". When the
        blocks do not fit (`squeeze`) the minutes share the time left, and it is short."""
        parts = []
        if self.added:
            slots = "a slot" if self.added == 1 else f"{self.added} slots"
            breaks = {0: "", 1: " and a break"}.get(self.breaks, f" and {self.breaks} breaks")
            parts.append(f"{slots}{breaks} added")
        if self.removed:
            slots = "a slot" if self.removed == 1 else f"{self.removed} slots"
            parts.append(f"{slots} nobody was chosen for taken out")
        if self.shared:
            phases = "a phase's minutes" if self.shared == 1 else f"{self.shared} phases' minutes"
            aim = "to share the time left" if self.squeeze else "to end on time"
            parts.append(f"{phases} changed {aim}")
        words = "; ".join(parts)
        return f"{words[:1].upper()}{words[1:]}." if words else ""


@undoable
def confirm_presenters(
    clock: MeetingClock,
    bids: Sequence[Bid],
    issues: Sequence[Issue] = (),
    *,
    actions: Iterable[Action] = (),
    fit: bool = True,
) -> tuple[Fit, list[Issue]]:
    """Make the confirmed bids, in running order, today's presenters and their blocks.

    An order that would lose what was recorded today is refused first (`OrderRefused`, from
    `record.check_order`); each presenter keeps their reflections, and their issue unless the
    bid names another.

    A bid on a new issue raises it (returned, for the caller to add to issues.toml, and the
    bid then names its id). Slots are added or taken out to match; each block gets the
    minutes asked for (shared over its phases as planned); then the running order is fitted
    to the time left before the planned end (before the meeting starts, to the length it was
    planned at): the clock's squeeze warning is kept when the blocks do not fit, and the
    phases after the current one share the time left (`MeetingClock.rebalance`: breaks and
    the process review keep their length, time to spare goes to the questioning). With `fit`
    False the blocks keep the minutes asked and the warning stands for the facilitator to act
    on (the console's `r` rebalances).
    """
    meeting = clock.meeting
    names = [bid.member for bid in bids]
    check_order(meeting, names, actions)
    ends_at = meeting.clock.ends_at
    end = ends_at.timestamp() if ends_at else clock.predicted_finish().timestamp()
    raised = _raise_new_issues(bids, issues, meeting.date)
    added = removed = 0
    breaks = sum(phase.kind is PhaseKind.break_ for phase in meeting.agenda)
    while len(presenter_slots(meeting.agenda)) < len(names) and add_presenter_slot(meeting.agenda):
        added += 1
    assign_presenters(meeting.agenda, names)
    for holder in presenter_slots(meeting.agenda):
        if holder not in names and remove_slot(meeting.agenda, holder, clock.index + 1):
            removed += 1
    meeting.presenters = presenters_in_order(
        meeting, names, {bid.member: bid.issue for bid in bids}
    )
    for bid in bids:
        if bid.minutes is not None:
            size_block(clock, bid.member, bid.minutes * 60)
    squeeze = squeeze_warning(clock)
    shared = clock.rebalance(end=end, keep_current=True) if fit else 0
    breaks = sum(phase.kind is PhaseKind.break_ for phase in meeting.agenda) - breaks
    return Fit(added, removed, squeeze, shared, max(breaks, 0)), raised


def _raise_new_issues(
    bids: Sequence[Bid], issues: Sequence[Issue], meeting: dt.date
) -> list[Issue]:
    raised: list[Issue] = []
    for bid in bids:
        if bid.new_issue:
            issue = raise_issue([*issues, *raised], bid.member, bid.new_issue, meeting)
            raised.append(issue)
            bid.new_issue, bid.issue = "", issue.id
    return raised


def size_block(clock: MeetingClock, presenter: str, seconds: int) -> int:
    """Give a presenter's phases still to run `seconds` in all, shared as planned; phases
    already run keep their time. Each change is the clock's (`adjust`). Returns the change."""
    agenda = clock.agenda
    ran = [
        i
        for i, p in enumerate(agenda)
        if p.presenter == presenter and p.status in (PhaseStatus.done, PhaseStatus.current)
    ]
    to_run = [
        i
        for i, p in enumerate(agenda)
        if p.presenter == presenter and p.status == PhaseStatus.pending and i > clock.index
    ]
    budget = max(seconds - sum(agenda[i].allotted for i in ran), 0)
    shares = share_out(budget, [agenda[i].planned_minutes for i in to_run])
    return sum(
        clock.adjust(share - agenda[i].allotted, i) for i, share in zip(to_run, shares, strict=True)
    )
