"""The set's record kept in the meeting: report-back, actions captured, issues, next meeting."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from actionset.model.action import Action
from actionset.model.agenda import is_placeholder, presenter_slots
from actionset.model.clock_plan import share_out
from actionset.model.issue import Issue, IssueStatus, StatusChange
from actionset.model.meeting import Meeting, NextMeeting, PhaseStatus, Presentation
from actionset.model.rotation import after, in_turn, rotation_of, the_round
from actionset.model.schedule import NextDate, cadence_after
from actionset.model.set import Set

ID_WORDS = 5  # an id made from a text keeps its first few words
ID_CHARACTERS = 40


# ---------------------------------------------------------------------------- meetings


def presenters_of(meeting: Meeting) -> list[str]:
    """Who presented at a meeting: its presenters, else the members holding agenda slots."""
    if meeting.presenters:
        return [p.member for p in meeting.presenters]
    return [name for name in presenter_slots(meeting.agenda) if not is_placeholder(name)]


def presentation_for(meeting: Meeting, presenter: str) -> Presentation:
    """Today's presentation by `presenter`, added to the meeting's presenters if missing.

    Presenters chosen in the agenda without bids have no presentation yet: all of them are
    written first, in running order, so that `presenters_of` still names every one of them.
    """
    if not meeting.presenters:
        meeting.presenters = [Presentation(member=name) for name in presenters_of(meeting)]
    if (found := meeting.presentation(presenter)) is None:
        found = Presentation(member=presenter)
        meeting.presenters.append(found)
    return found


class OrderRefused(Exception):
    """A running order that would drop or misplace what was recorded today; says why."""


def check_order(meeting: Meeting, names: Sequence[str], actions: Iterable[Action] = ()) -> None:
    """Refuse (`OrderRefused`) a running order `names` that would lose what was recorded.

    A presenter it leaves out who has reflections or actions agreed today stays a presenter;
    a block that has begun stays with its presenter, in its place. The one rule of what a
    change of presenters keeps, with `presenters_in_order`.
    """
    agreed = actions_by_presenter(actions, meeting)
    counts = {name: len(listed) for name, listed in agreed}
    reasons: list[str] = []
    for presentation in meeting.presenters:
        if presentation.member in names:
            continue
        held = [
            _count(len(presentation.reflections), "reflection"),
            _count(counts.get(presentation.member, 0), "action"),
        ]
        if held := [words for words in held if words]:
            reasons.append(
                f"{presentation.member} has {' and '.join(held)} recorded today: "
                "keep them in the running order"
            )
    for place, holder in enumerate(presenter_slots(meeting.agenda)):
        begun = any(
            phase.presenter == holder
            and (phase.status is not PhaseStatus.pending or phase.actual_seconds)
            for phase in meeting.agenda
        )
        moved = place >= len(names) or names[place] != holder
        if begun and moved and not is_placeholder(holder):
            reasons.append(f"{holder}'s block has begun: they stay number {place + 1}")
    if reasons:
        raise OrderRefused("; ".join(reasons) + ".")


def _count(number: int, word: str) -> str:
    return "" if not number else f"{number} {word}{'s' if number > 1 else ''}"


def presenters_in_order(
    meeting: Meeting, names: Sequence[str], issues: dict[str, str] | None = None
) -> list[Presentation]:
    """Today's presenters in the running order `names`, each keeping the issue and the
    reflections already recorded for them; `issues` (a bid's) replaces a presenter's issue
    only where it names one, and a presenter with none takes the issue their bid or pass
    today names (a pass raises its new issue at once). Check the order first
    (`check_order`)."""
    chosen: list[Presentation] = []
    for name in names:
        presentation = meeting.presentation(name) or Presentation(member=name)
        if issue := (issues or {}).get(name):
            presentation.issue = issue
        elif not presentation.issue and (bid := meeting.bid_of(name)) is not None:
            presentation.issue = bid.issue
        chosen.append(presentation)
    return chosen


def meeting_before(meetings: Iterable[Meeting], date: dt.date) -> Meeting | None:
    """The latest meeting before `date`, if any."""
    earlier = [m for m in meetings if m.date < date]
    return max(earlier, key=lambda m: m.date) if earlier else None


class Facilitated(Protocol):
    """A meeting as a rule about who facilitated reads it: a `Meeting`, or its history's
    record (`meeting_record.MeetingRecord`)."""

    @property
    def facilitator(self) -> str: ...


def facilitator_of(meeting: Facilitated | None, the_set: Set) -> str:
    """Who facilitated (or facilitates) a meeting: its own record, else the set's facilitator
    (also for a meeting with no file yet, only tags). Every rule that asks who facilitated
    (key 0, who counts, the figures' rows) asks here."""
    own = meeting.facilitator if meeting is not None else ""
    return own or the_set.facilitator


def facilitating(meeting: Meeting, the_set: Set, presenter: str = "") -> str:
    """Who facilitates now, in the slot of `presenter` (empty: outside the slots): the
    meeting's facilitator, or in their own slot its stand-in (`stand_in_for`). Key 0 and
    who counts in a slot ask here."""
    facilitator = facilitator_of(meeting, the_set)
    if presenter and facilitator and presenter.casefold() == facilitator.casefold():
        return stand_in_for(meeting, the_set) or facilitator
    return facilitator


def stand_in_for(meeting: Meeting, the_set: Set) -> str:
    """Who stands in for the meeting's facilitator in their own slot: the one recorded on
    it (`Presentation.stand_in`), else the next in the set's round (`rotation.the_round`)
    who is here; empty when the facilitator does not present, or nobody can."""
    facilitator = facilitator_of(meeting, the_set)
    presentation = meeting.presentation(facilitator) if facilitator else None
    if presentation is None:
        return ""
    if presentation.stand_in:
        return presentation.stand_in
    turn = the_round(the_set)
    if facilitator.casefold() not in (name.casefold() for name in turn):
        turn = [facilitator, *turn]
    name = facilitator
    for _ in turn:
        name = after(turn, name)
        if name.casefold() != facilitator.casefold() and (
            the_set.member(name) is None or meeting.is_present(name)
        ):
            return name
    return ""


def record_stand_ins(meeting: Meeting, the_set: Set) -> bool:
    """Record on the facilitator's own slot who stands in for them (`stand_in_for`);
    whether it was recorded now."""
    facilitator = facilitator_of(meeting, the_set)
    presentation = meeting.presentation(facilitator) if facilitator else None
    if presentation is None or presentation.stand_in:
        return False
    presentation.stand_in = stand_in_for(meeting, the_set)
    return bool(presentation.stand_in)


def next_meeting_default(meeting: Meeting, the_set: Set) -> NextMeeting:
    """What the close offers to confirm: the date a cadence on, this meeting's time and place
    (the set's usual ones where this meeting has none), and its facilitator: the next in the
    set's rotation who was here today and is not to present next (`next_in_turn`), else
    this meeting's."""
    return NextMeeting(
        date=_a_cadence_on(the_set, meeting.date),
        time=meeting.time or the_set.usual_time,
        place=meeting.place or the_set.usual_place,
        facilitator=next_in_turn(meeting, the_set),
    )


def next_in_turn(meeting: Meeting, the_set: Set) -> str:
    """Who facilitates the meeting after this one, by the set's rotation (`rotation.in_turn`):
    a member absent today is skipped, and so is one to present next, a member who bid for
    time today and did not get it (`waiting_to_present`); an adviser who is no member is
    never on the roll and never skipped for it."""
    return in_turn(
        the_set,
        facilitator_of(meeting, the_set),
        was_present=lambda name: the_set.member(name) is None or meeting.is_present(name),
        presenting=waiting_to_present(meeting),
    )


def facilitates_next(the_set: Set, latest: Meeting | None, following: NextDate) -> str:
    """Who facilitates the set's next meeting (`schedule.next_meeting`'s `following`): the one
    confirmed at the latest meeting's close; unconfirmed in a set with a rotation, the next in
    turn after the latest meeting (the first in turn before the set has met); else the set's
    facilitator."""
    turn = rotation_of(the_set)
    if (following.confirmed and following.facilitator) or not turn:
        return following.facilitator
    return next_in_turn(latest, the_set) if latest is not None else turn[0]


def waiting_to_present(meeting: Meeting) -> list[str]:
    """Who is first in line to present at the next meeting: a member who bid for time at this
    one and was not among its presenters."""
    presented = {name.casefold() for name in presenters_of(meeting)}
    return [
        bid.member
        for bid in meeting.bids
        if not bid.passes and bid.member.casefold() not in presented
    ]


def due_default(meeting: Meeting, the_set: Set) -> dt.date:
    """When an action agreed at this meeting is due: the next meeting, as confirmed or planned."""
    confirmed = meeting.next_meeting
    return confirmed.date if confirmed is not None else _a_cadence_on(the_set, meeting.date)


def follow_the_next_meeting(
    actions: Iterable[Action], meeting: Meeting, old: dt.date, new: dt.date
) -> list[Action]:
    """The next meeting moved from `old` to `new`: the actions agreed at this meeting that
    were due on `old` (`due_default` gave them it) are due on `new`; a due date set apart
    from the next meeting stays. Returns the actions moved."""
    if old == new:
        return []
    moved = [a for a in actions if a.agreed_at == meeting.date and a.due == old]
    for action in moved:
        action.due = new
    return moved


def _a_cadence_on(the_set: Set, date: dt.date) -> dt.date:
    following = cadence_after(the_set, date)  # the set's one rule for the next date
    assert following is not None
    return following


# ---------------------------------------------------------------------------- report-back


@dataclass(frozen=True)
class MemberReport:
    """One member's part of the report-back: the actions open when the meeting began."""

    member: str
    actions: tuple[Action, ...]


def report_back_list(
    actions: Iterable[Action], meeting: Meeting, roster: Sequence[str], last: Meeting | None
) -> list[MemberReport]:
    """Every member present with the actions they report on, last meeting's presenters first
    (in the order they presented), then the roster's order; oldest actions first.

    An action done at this meeting stays in the list (`Action.open_before`), so that the
    panel shows what was said; a member with none open is listed with none.
    """
    present = [name for name in roster if meeting.is_present(name)]
    first = [name for name in (presenters_of(last) if last else []) if name in present]
    order = [*first, *(name for name in present if name not in first)]
    owed = [a for a in actions if a.open_before(meeting.date)]

    def of(member: str) -> tuple[Action, ...]:
        mine = [a for a in owed if a.owner.casefold() == member.casefold()]
        return tuple(sorted(mine, key=lambda a: (a.agreed_at, a.due or dt.date.max)))

    return [MemberReport(name, of(name)) for name in order]


def nothing_to_report(actions: Iterable[Action], meeting: Meeting, roster: Sequence[str]) -> bool:
    """Whether no member has an action to report back on at this meeting (a set's first)."""
    return not any(report.actions for report in report_back_list(actions, meeting, roster, None))


@dataclass(frozen=True)
class Turn:
    """A member's time-box in the report-back, in seconds from the phase's start."""

    member: str
    starts: int
    seconds: int

    def used(self, elapsed: float) -> float:
        """Seconds of this turn used when the phase has run `elapsed`."""
        return max(elapsed - self.starts, 0.0)


def report_back_turns(reports: Sequence[MemberReport], phase_seconds: float) -> list[Turn]:
    """The phase's time shared equally among the members with actions to report on."""
    members = [report.member for report in reports if report.actions]
    turns: list[Turn] = []
    starts = 0
    for member, seconds in zip(members, share_out(phase_seconds, [1] * len(members)), strict=True):
        turns.append(Turn(member, starts, seconds))
        starts += seconds
    return turns


# ---------------------------------------------------------------------------- ids


def slug_words(text: str, words: int = ID_WORDS) -> str:
    """The first few words of a text as an id: lowercase ASCII joined by '-' (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
    return "-".join(parts)[:ID_CHARACTERS].rstrip("-")


def unique_id(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`… the first not already taken."""
    used = set(taken)
    ident, number = base, 1
    while ident in used:
        number += 1
        ident = f"{base}-{number}"
    return ident


def fresh_id(text: str, owner: str, taken: Iterable[str], fallback: str) -> str:
    """An id from the text's first words, else the owner's name with `fallback`."""
    base = slug_words(text) or "-".join(filter(None, (slug_words(owner, 2), fallback)))
    return unique_id(base, taken)


# ---------------------------------------------------------------------------- actions


def capture_action(
    actions: Sequence[Action],
    meeting: Meeting,
    the_set: Set,
    presenter: str,
    text: str,
    *,
    owner: str = "",
    due: dt.date | None = None,
) -> Action:
    """A new action agreed in a presenter's block, not yet added to `actions`.

    Owned by the presenter unless another member is named, due at the next meeting unless a
    date is given, linked to the issue the presenter worked on, with an id unique in `actions`.
    """
    owner = owner or presenter
    presentation = meeting.presentation(presenter)
    return Action(
        id=fresh_id(text, owner, (a.id for a in actions), "action"),
        owner=owner,
        text=text.strip(),
        issue=presentation.issue if presentation else "",
        agreed_at=meeting.date,
        due=due or due_default(meeting, the_set),
    )


def actions_by_presenter(
    actions: Iterable[Action], meeting: Meeting
) -> list[tuple[str, list[Action]]]:
    """The actions agreed at this meeting, each once, under the presenter in whose block it
    was agreed, in running order: on that presenter's issue, or else owned by them. The rest
    (an action on no presenter's issue, owned by someone who did not present) come
    last under "" ("other actions"), so that none is lost."""
    agreed = [a for a in actions if a.agreed_at == meeting.date]
    groups: dict[str, list[Action]] = {p.member: [] for p in meeting.presenters}
    by_issue = {p.issue: p.member for p in meeting.presenters if p.issue}
    others: list[Action] = []
    for action in agreed:
        if action.issue and action.issue in by_issue:
            groups[by_issue[action.issue]].append(action)
        elif action.owner in groups:
            groups[action.owner].append(action)
        else:
            others.append(action)
    return [
        *((name, listed) for name, listed in groups.items() if listed),
        *([("", others)] if others else []),
    ]


def actions_agreed(actions: Iterable[Action], meeting: Meeting, presenter: str) -> list[Action]:
    """The actions agreed at this meeting in a presenter's block (`actions_by_presenter`);
    with `presenter` empty, the other actions agreed at it."""
    return dict(actions_by_presenter(actions, meeting)).get(presenter, [])


# ---------------------------------------------------------------------------- issues


def raise_issue(issues: Sequence[Issue], owner: str, title: str, meeting: dt.date) -> Issue:
    """A new issue a member brings (in a bid), not yet added to `issues`; its id is unique."""
    return Issue(
        id=fresh_id(title, owner, (i.id for i in issues), "issue"),
        owner=owner,
        title=title.strip(),
        history=[StatusChange(meeting=meeting, status=IssueStatus.open, note="raised in the bids")],
    )


def record_worked(issue: Issue, meeting: dt.date, note: str = "") -> None:
    """The issue was worked on at that meeting."""
    issue.record(StatusChange(meeting=meeting, status=IssueStatus.worked, note=note))


def record_presented(issues: Sequence[Issue], meeting: Meeting, presenter: str) -> Issue | None:
    """A presenter's issue is worked on at the meeting they present it at, actions or not:
    its history says so once (not again, nor over a resolve or park at this meeting). The
    issue when its history changed, for the caller to save."""
    presentation = meeting.presentation(presenter)
    issue = next((i for i in issues if presentation and i.id == presentation.issue), None)
    if issue is None or any(
        c.meeting == meeting.date and c.status is not IssueStatus.open for c in issue.history
    ):
        return None
    record_worked(issue, meeting.date)
    return issue
