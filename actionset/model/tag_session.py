"""Tagging during a meeting, key by key: a member's number, then a code; undo, re-code, note.

The console turns keys into calls here and each `Step` that comes back into what the
facilitator sees; this module holds the rules (who may be tagged, what a bare code means)
and writes every change to the journal before it stands.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from actionset.model.clock import MeetingClock
from actionset.model.codebook import code_for_key
from actionset.model.contributions import (
    Contribution,
    Tagger,
    apply,
    resolve_presenters,
    slot_at,
    slot_presenters,
)
from actionset.model.journal import event_id
from actionset.model.meeting import PhaseKind, who_counts
from actionset.model.running_tally import RunningTally, SlotFigures
from actionset.model.set import Code

Record = Callable[[dict[str, Any]], None]
"""Appends one event to the journal, on disk before it returns; raises OSError if it cannot."""

FACILITATOR = 0
"""The number that tags the facilitator; members are 1 to 9, each on their own number
(`actionset.model.members.roster_numbers`)."""

CLOSED = "The meeting is closed: its tags stay as its minutes give them. p reopens it."
"""What a tagging key says once the meeting is closed: its record is the minutes'."""

Roster = Mapping[int, str] | Sequence[str]
"""Members by their number (`members.keyed_roster`), or names numbered 1, 2, 3 in order."""


def numbered(roster: Roster) -> dict[int, str]:
    """Each number key (1 to 9) and the member it names, lowest first."""
    pairs = roster.items() if isinstance(roster, Mapping) else enumerate(roster, start=1)
    return {n: name for n, name in sorted(pairs) if 0 < n <= 9}


def member_for_number(roster: Roster, facilitator: str, number: int) -> str | None:
    """Who a number key names: 0 the facilitator, 1 to 9 the member with that number; None
    for no one (a number nobody holds, or 0 where no facilitator is named: a name the set does
    not hold is one its check refuses)."""
    if number == FACILITATOR:
        return facilitator or None
    return numbered(roster).get(number)


class Outcome(enum.Enum):
    """What a key did."""

    picked = "picked"  # a member's number waits for a code
    no_such_member = "no such member"  # nobody has that number
    no_facilitator = "no facilitator"  # 0 where no facilitator is named for the meeting
    presenting = "presenting"  # the presenter's answers are not tagged
    nobody = "nobody"  # a bare code with no member to repeat
    absent = "absent"  # the member sent apologies: ask before tagging them
    unknown_code = "unknown code"
    tagged = "tagged"
    changed = "changed"  # a re-code, a note or a delete
    undone = "undone"
    nothing_to_undo = "nothing to undo"
    deleted_last = "deleted last"  # u after a delete in the list: it takes no other tag
    not_saved = "not saved"  # the journal refused the event: nothing changed
    closed = "closed"  # the meeting is closed: nothing changes until it is reopened


@dataclass(frozen=True, slots=True)
class Step:
    """What a key did, with what the console needs to say about it."""

    outcome: Outcome
    member: str = ""
    key: str = ""
    number: int | None = None
    contribution: Contribution | None = None
    error: str = ""


class TagSession:
    """The tags of one meeting and the half-typed tag: the number pressed, the last member."""

    def __init__(
        self,
        clock: MeetingClock,
        roster: Roster,
        facilitator: str | Callable[[], str],
        codebook: Sequence[Code],
        *,
        events: Sequence[dict[str, Any]] = (),
        record: Record | None = None,
        moment: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self.clock = clock
        self.numbers = numbered(roster)
        """Who each number key names."""
        self.roster = list(self.numbers.values())
        self._facilitator = facilitator
        self.codebook = list(codebook)
        self.record = record
        self.standing: dict[int, Contribution] = {}
        for event in events:
            apply(self.standing, event)
        self._tally = RunningTally(self.codebook, self._presenters(), self.standing.values())
        self.tagger = Tagger(events, clock=moment)
        self.pending: int | None = None
        """The member number pressed, waiting for a code key."""
        last = self.last_contribution()
        self.last_member: str | None = last.member if last else None
        """Whom a bare code tags: the member of the last tag, or nobody."""
        self.deleted_last = False
        """The last change was a delete in the list: `u` then takes no other tag, until the
        next tag is made."""

    @property
    def facilitator(self) -> str:
        """Whom 0 tags: the meeting's facilitator, asked each time (the console passes
        `record.facilitator_of`, so a facilitator recorded at the close is followed)."""
        return self._facilitator if isinstance(self._facilitator, str) else self._facilitator()

    # -- what stands

    @property
    def contributions(self) -> list[Contribution]:
        """The contributions still standing, in the order made, each with the presenter its
        slot has now."""
        return resolve_presenters(self.standing.values(), self.clock.meeting.agenda)

    def last_contribution(self) -> Contribution | None:
        return next(reversed(self.standing.values()), None)

    def recent(self, count: int) -> list[Contribution]:
        """The last `count` contributions still standing, the latest last (as in
        `contributions`)."""
        latest = list(itertools.islice(reversed(self.standing.values()), count))
        return resolve_presenters(latest[::-1], self.clock.meeting.agenda)

    def _presenters(self) -> list[str]:
        return slot_presenters(self.clock.meeting.agenda)

    @property
    def tally(self) -> RunningTally:
        """The figures of what stands, kept up to date tag by tag (built afresh when the
        agenda's presenters change, since a slot's tags then belong to the new presenter)."""
        presenters = self._presenters()
        if tuple(presenters) != self._tally.presenters:
            self._tally = RunningTally(self.codebook, presenters, self.standing.values())
        return self._tally

    def figures_here(self) -> SlotFigures:
        """The figures the pane shows: the slot's in a slot, else the whole meeting's."""
        presenter = self.slot_presenter()
        return self.tally.slot(presenter) if presenter else self.tally.meeting

    def name_of(self, number: int) -> str | None:
        return member_for_number(self.numbers, self.facilitator, number)

    def current_slot(self) -> int | None:
        """The slot the meeting is in, or None outside every slot (check-in, review, ...)."""
        return slot_at(self.clock.meeting.agenda, self.clock.meeting.clock.phase)

    def slot_presenter(self) -> str:
        """The presenter whose slot the meeting is in; empty outside every slot."""
        number = self.current_slot()
        return "" if number is None else slot_presenters(self.clock.meeting.agenda)[number]

    def present(self) -> list[str]:
        return [m for m in self.roster if self.clock.meeting.is_present(m)]

    def counting(self) -> list[str]:
        """Who counts here: in a slot, everyone present but its presenter and the facilitator."""
        return who_counts(
            self.roster,
            self.clock.meeting,
            facilitator=self.facilitator,
            presenter=self.slot_presenter() or None,
        )

    def in_review(self) -> bool:
        """In the process review (or after it) the tags shown are the whole meeting's."""
        phase = self.clock.phase
        return self.clock.ended or (phase is not None and phase.kind is PhaseKind.process_review)

    @property
    def closed(self) -> bool:
        """A closed meeting's tags are its minutes' record: no key changes them until the
        meeting is reopened."""
        return self.clock.ended

    def is_here(self, member: str) -> bool:
        return member == self.name_of(FACILITATOR) or self.clock.meeting.is_present(member)

    # -- keys

    def pick(self, number: int) -> Step:
        """A member's number; pressed while another waits, it replaces it."""
        self.pending = None
        if self.closed:
            return Step(Outcome.closed, number=number)
        name = self.name_of(number)
        if name is None:
            self.last_member = None  # a refused number leaves nobody for a bare code
            return self._no_one(number)
        if self._presenting(name):
            return Step(Outcome.presenting, member=name, number=number)
        self.pending = number
        return Step(Outcome.picked, member=name, number=number)

    def cancel(self) -> None:
        self.pending = None

    def code(self, key: str) -> Step:
        """A code key: tags the member whose number waits, or else the last member again."""
        number, self.pending = self.pending, None
        if self.closed:
            return Step(Outcome.closed, key=key)
        if number is not None:
            member = self.name_of(number)
            if member is None:
                return self._no_one(number)
            return self.tag(member, key)
        if self.last_member is None:
            return Step(Outcome.nobody, key=key)
        return self.tag(self.last_member, key)

    def tag(self, member: str, key: str) -> Step:
        """Tag `member` with the code of `key` in the phase the meeting is in."""
        # Checked here too: a bare code repeats a member, and a number may have been pressed
        # before the phase moved on to that member's own slot.
        if self.closed:
            return Step(Outcome.closed, member=member, key=key)
        if self._presenting(member):
            return Step(Outcome.presenting, member=member, key=key)
        if not self.is_here(member):
            self.last_member = None
            return Step(Outcome.absent, member=member, key=key)
        code = code_for_key(self.codebook, key)
        if code is None:
            return Step(Outcome.unknown_code, member=member, key=key)
        phase = self.clock.phase
        event = self.tagger.tag(
            member=member,
            code=code.name,
            phase=phase.title if phase else "After the meeting",
            presenter=self.slot_presenter(),
            slot=self.current_slot(),
        )
        error = self._record(event)
        if error:
            return Step(Outcome.not_saved, member=member, key=key, error=error)
        self.last_member = member
        self.deleted_last = False
        return Step(Outcome.tagged, member=member, key=key, contribution=self.standing[event["id"]])

    def undo(self) -> Step:
        """The last tag still standing stops standing; right after a delete in the list,
        nothing does (the tag before the deleted one is not the one just made)."""
        if self.closed:
            return Step(Outcome.closed)
        if self.deleted_last:
            return Step(Outcome.deleted_last)
        last = self.last_contribution()
        if last is None:
            return Step(Outcome.nothing_to_undo)
        step = self._change(self.tagger.delete(last.id), Outcome.undone)
        return Step(step.outcome, member=last.member, contribution=last, error=step.error)

    def recode(self, ident: int, code: str) -> Step:
        return self._change(self.tagger.recode(ident, code))

    def note(self, ident: int, note: str) -> Step:
        return self._change(self.tagger.note(ident, note))

    def delete(self, ident: int) -> Step:
        """A tag deleted in the list (asked first there)."""
        step = self._change(self.tagger.delete(ident))
        self.deleted_last = self.deleted_last or step.outcome is Outcome.changed
        return step

    # -- inside

    @staticmethod
    def _no_one(number: int) -> Step:
        """A number that names no one: no member holds it, or it is 0 and no facilitator is
        named for the meeting."""
        outcome = Outcome.no_facilitator if number == FACILITATOR else Outcome.no_such_member
        return Step(outcome, number=number)

    def _presenting(self, member: str) -> bool:
        """The presenter's answers are not tagged (a bare code that follows then tags
        nobody)."""
        phase = self.clock.phase
        if phase is None or not phase.presenter or member != phase.presenter:
            return False
        self.last_member = None
        return True

    def _change(self, event: dict[str, Any], done: Outcome = Outcome.changed) -> Step:
        if self.closed:
            return Step(Outcome.closed)
        error = self._record(event)
        if error:
            return Step(Outcome.not_saved, error=error)
        if event["op"] == "delete":
            # A bare code repeats the member of the last tag still standing, or nobody.
            last = self.last_contribution()
            self.last_member = last.member if last else None
        return Step(done)

    def _record(self, event: dict[str, Any]) -> str:
        """Append to the journal (fsync'd) before the change stands; the error, if any."""
        if self.record is not None:
            try:
                self.record(event)
            except OSError as exc:
                return str(exc)
        ident = event_id(event)
        old = self.standing.get(ident) if ident is not None else None
        if old is not None:
            old = replace(old)  # `apply` changes a re-coded or noted contribution in place
        # the figures as they stand before the change: built afresh after it (the presenters
        # chosen since), they would hold it already and count it twice
        tally = self.tally
        apply(self.standing, event)
        if ident is not None:
            tally.change(ident, old, self.standing.get(ident))
        return ""
