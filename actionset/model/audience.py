"""Who a report is written for, and what each field of each record may show them: one rule.

A set's first ground rule is usually "what is said in the set stays in the set; actions and
progress may be shared". Every report is written for an `Audience`:

- `set`: the members; everything, as today's minutes give it.
- `sponsor`: what the ground rules let leave the room: counts, the actions and their outcomes;
  no reflections, no notes, no issue's words, no tag detail (who asked what), and no names
  unless the set agreed to them (`share_names = true` in set.toml).
- `research`: no names and no free text at all: dates, kinds and figures; a round's
  statement in the app's own default words, which nobody typed (`may_word`).

`RULES` says, for every field of every record a report reads (`Record.field`, the model's
own names), what it may show each audience (`Shown`). A member marked `share = false` in
set.toml is never named, nor given a line or a figure of their own, in a sponsor's or a
research report: they are only counted within the set. A figure about fewer than
`SMALLEST_GROUP` people says `TOO_FEW` to a sponsor or a researcher.

Every report asks here (`shown`, `may_show`, `may_word`, `may_name`, `individuals`,
`figure`), never decides for itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from actionset.model.voice import DEFAULT_SCALES

if TYPE_CHECKING:
    from actionset.model.set import Set

SMALLEST_GROUP = 3
"""A figure about fewer people than this could be told apart: outside the set it is not shown."""
TOO_FEW = "too few to show"


class Audience(StrEnum):
    """Who a report is for (`report --for`)."""

    set = "set"
    sponsor = "sponsor"
    research = "research"


class Shown(StrEnum):
    """What a field may show an audience."""

    written = "as written"
    """The field as the file holds it."""
    name = "a name"
    """A person's name (or what identifies them: a role): shown only where `may_name` lets."""
    figure = "in a figure"
    """Only counted or added up, in a figure about `SMALLEST_GROUP` people or more."""
    hidden = "hidden"
    """Never."""
    records = "by its records' fields"
    """A list of records (members, report-backs): each of their fields has its own rule."""


W, N, F, H, R = Shown.written, Shown.name, Shown.figure, Shown.hidden, Shown.records
_SETTING = (W, H, H)  # how the set runs itself: the members' business only

RULES: dict[str, tuple[Shown, Shown, Shown]] = {
    # field: (set, sponsor, research)
    # ------------------------------------------------------------------ set.toml
    "Set.name": (W, W, H),  # research reads `set_label`
    "Set.facilitator": (N, N, H),
    "Set.facilitators": (N, N, H),
    "Set.rotation": (N, H, H),
    "Set.cadence_weeks": (W, W, W),
    "Set.kind": (W, W, W),
    "Set.organisations": (W, W, H),
    "Set.agenda_template": _SETTING,
    "Set.usual_time": (W, W, H),
    "Set.usual_place": (W, H, H),
    "Set.usual_hours": (W, W, W),
    "Set.first_date": (W, W, W),
    "Set.ground_rules": (W, W, H),
    "Set.summary": _SETTING,
    "Set.share_names": (W, W, W),
    "Set.codebook_mode": _SETTING,
    "Set.codebook": _SETTING,
    "Set.members": (R, R, R),
    "Set.coach": _SETTING,
    "Set.guidance": _SETTING,
    "Set.scales": _SETTING,
    "Member.name": (N, N, H),
    "Member.organisation": (W, N, H),
    "Member.role": (W, N, H),
    "Member.retired": (W, F, F),
    "Member.joined": (W, F, F),
    "Member.left": (W, F, F),
    "Member.number": _SETTING,
    "Member.share": _SETTING,
    # ------------------------------------------------------------------ meetings/DATE.toml
    "Meeting.date": (W, W, W),
    "Meeting.template": _SETTING,
    "Meeting.closed": (W, W, W),
    "Meeting.time": (W, W, H),
    "Meeting.place": (W, H, H),
    "Meeting.facilitator": (N, N, H),
    "Meeting.attendance": (R, R, R),
    "Meeting.bids": (R, R, R),
    "Meeting.presenters": (R, R, R),
    "Meeting.reflections": (W, H, H),
    "Meeting.next_meeting": (R, R, R),
    "Meeting.summary": _SETTING,
    "Meeting.report_notes_shown": _SETTING,
    "Meeting.reporting": (N, H, H),
    "Meeting.clock": (R, R, R),
    "Meeting.agenda": (R, R, R),
    "Meeting.changes": (R, R, R),
    "Attendance.present": (N, F, F),
    "Attendance.apologies": (N, F, F),
    "Attendance.absent": (N, F, F),
    "Bid.member": (N, H, H),
    "Bid.passes": (W, F, F),
    "Bid.minutes": (W, F, F),
    "Bid.urgency": (W, H, H),
    "Bid.issue": (W, H, H),
    "Bid.new_issue": (W, H, H),
    "Bid.place": (W, H, H),
    "Presentation.member": (N, N, H),
    "Presentation.issue": (W, F, F),
    "Presentation.reflections": (W, H, H),
    "Presentation.stand_in": (N, H, H),
    "NextMeeting.date": (W, W, W),
    "NextMeeting.time": (W, W, H),
    "NextMeeting.place": (W, H, H),
    "NextMeeting.facilitator": (N, N, H),
    "AgendaPhase.title": (W, H, H),
    "AgendaPhase.kind": (W, F, F),
    "AgendaPhase.planned_minutes": (W, F, F),
    "AgendaPhase.rule": (W, H, H),
    "AgendaPhase.presenter": (N, H, H),
    "AgendaPhase.allotted_seconds": (W, F, F),
    "AgendaPhase.actual_seconds": (W, F, F),
    "AgendaPhase.status": (W, F, F),
    "AgendaPhase.added": (W, F, F),
    "AgendaPhase.plan_seconds": (W, F, F),
    "ClockState.phase": _SETTING,
    "ClockState.running": _SETTING,
    "ClockState.since": _SETTING,
    "ClockState.elapsed_seconds": _SETTING,
    "ClockState.started_at": (W, W, F),
    "ClockState.ends_at": (W, W, F),
    "ClockState.ended_at": (W, W, F),
    "ClockState.view": _SETTING,
    "ClockState.muted": _SETTING,
    "PlanChange.at": _SETTING,
    "PlanChange.change": _SETTING,
    "PlanChange.phase": _SETTING,
    "PlanChange.seconds": _SETTING,
    # ------------------------------------------------------------------ issues.toml
    "Issue.id": _SETTING,
    "Issue.owner": (N, N, H),
    "Issue.title": (W, H, H),
    "Issue.description": (W, H, H),
    "Issue.history": (R, R, R),
    "StatusChange.meeting": (W, F, F),
    "StatusChange.status": (W, F, F),
    "StatusChange.note": (W, H, H),
    # ------------------------------------------------------------------ actions.toml
    "Action.id": _SETTING,
    "Action.owner": (N, N, H),
    "Action.text": (W, W, H),
    "Action.issue": _SETTING,
    "Action.agreed_at": (W, W, F),
    "Action.due": (W, W, F),
    "Action.status": (W, W, F),
    "Action.updates": (R, R, R),
    "ReportBack.meeting": (W, W, F),
    "ReportBack.progress": (W, W, F),
    "ReportBack.note": (W, H, H),
    "ReportBack.outcome": (W, W, H),
    "ReportBack.value": (W, W, F),
    "ReportBack.value_unit": (W, W, F),
    "ReportBack.attribution": (W, W, F),
    "ReportBack.confidence": (W, W, F),
    "ReportBack.kind": (W, W, F),
    "ReportBack.evidence": (W, W, F),
    # ------------------------------------------------------------------ the tag journal
    "Contribution.id": _SETTING,
    "Contribution.at": (W, H, H),
    "Contribution.phase": (W, H, H),
    "Contribution.presenter": (N, H, H),
    "Contribution.member": (N, H, H),
    "Contribution.code": (W, F, F),
    "Contribution.note": (W, H, H),
    "Contribution.slot": _SETTING,
    "LoggedPrompt.at": (W, H, H),
    "LoggedPrompt.prompt": (R, R, R),
    "LoggedPrompt.dismissed": (W, F, F),
    "Prompt.kind": (W, F, F),
    "Prompt.said": (W, H, H),
    "Prompt.question": (W, H, H),
    "Prompt.slot": _SETTING,
    "Prompt.phase": (W, H, H),
    "Prompt.subject": (N, H, H),
    "Prompt.cause": (W, H, H),
    # ------------------------------------------------------------------ the voice file
    "Round.id": _SETTING,
    "Round.kind": (W, W, W),
    "Round.at": (W, H, H),
    "Round.statements": (R, R, R),
    "Round.ask": (W, W, H),
    "Round.closed": _SETTING,
    "Round.released": _SETTING,
    "Round.for_paper": _SETTING,
    "Round.answers": (R, R, R),
    "Statement.id": (W, W, W),
    "Statement.text": (W, W, H),
    "Answer.device": _SETTING,
    "Answer.at": (W, H, H),
    "Answer.ratings": (W, F, F),
    "Answer.line": (W, H, H),
    "Answer.by": (W, F, F),
}
"""What each field may show each audience (set, sponsor, research). A field missing here is
a mistake: `shown` raises KeyError rather than guess, and a test holds every record's
fields to this table."""

_ORDER = (Audience.set, Audience.sponsor, Audience.research)

DEFAULT_WORDS = frozenset(s.text for scale in DEFAULT_SCALES.values() for s in scale.statements)
"""The app's own wording of the rounds' statements: typed by nobody in any set."""


def shown(audience: Audience, field: str) -> Shown:
    """What `field` ("ReportBack.note") may show `audience`."""
    return RULES[field][_ORDER.index(audience)]


def may_show(audience: Audience, field: str) -> bool:
    """Whether a report for `audience` may give the field's own words or value (as written,
    or as a name where `may_name` lets), not only count it."""
    return shown(audience, field) in (Shown.written, Shown.name)


def may_word(audience: Audience, statement: str) -> bool:
    """Whether a report for `audience` may give a round's statement in its words: where
    `Statement.text` may show, and for research also where they are the app's own default
    wording (`voice.DEFAULT_SCALES`), typed by nobody in the set; never a set's or a
    programme's own `[scales]`, which research reads by the statement's place or id."""
    if may_show(audience, "Statement.text"):
        return True
    return statement in DEFAULT_WORDS


def shares(the_set: Set, name: str) -> bool:
    """Whether `name` lets reports outside the set speak of them alone: every member but one
    marked `share = false`, and anyone who is no member (an adviser)."""
    member = the_set.member(name)
    return member is None or member.share


def individual(audience: Audience, the_set: Set, name: str) -> bool:
    """Whether a report for `audience` may give `name` a line or a figure of their own (named
    or not): always for the set; outside it, only for one who `shares`."""
    return audience is Audience.set or shares(the_set, name)


def may_name(audience: Audience, the_set: Set, name: str) -> bool:
    """Whether a report for `audience` may name `name`: the set always; a sponsor only when
    the set agreed (`share_names`) and they share; research never."""
    if audience is Audience.set:
        return True
    return audience is Audience.sponsor and the_set.share_names and shares(the_set, name)


def individuals(audience: Audience, the_set: Set, names: Iterable[str]) -> list[str]:
    """Those of `names` whose own rows (per member figures) a report for `audience` may give.

    The set: all of them. A sponsor: only when names are shared, those who share, unless the
    ones left out are fewer than `SMALLEST_GROUP`: their figures would then show as the set's
    less the others', so no row is given. Research: none (a row is a figure about one)."""
    names = list(names)
    if audience is Audience.set:
        return names
    if audience is Audience.research or not the_set.share_names:
        return []
    kept = [name for name in names if shares(the_set, name)]
    left_out = len(names) - len(kept)
    return kept if left_out == 0 or left_out >= SMALLEST_GROUP else []


def of_each(audience: Audience, the_set: Set, names: Iterable[str]) -> bool:
    """Whether a report for `audience` may give a figure of each of `names` (a share per
    person, or a range of them, whose ends are each one person's figure): only when every one
    of them has a row of their own (`individuals`); else it is too few to show."""
    names = list(names)
    return len(individuals(audience, the_set, names)) == len(names)


def too_few(audience: Audience, people: int | Iterable[str]) -> bool:
    """Whether a figure about `people` (how many, or who, each once) is hidden from
    `audience` as too few to show: about one or two (a figure about no one, "0 outcomes",
    tells of nobody)."""
    if audience is Audience.set:
        return False
    if not isinstance(people, int):
        people = len({" ".join(name.split()).casefold() for name in people})
    return 0 < people < SMALLEST_GROUP


def figure(audience: Audience, people: int | Iterable[str], text: str) -> str:
    """`text`, a figure about `people`; `TOO_FEW` instead when `too_few`."""
    return TOO_FEW if too_few(audience, people) else text


def set_label(audience: Audience, the_set: Set, number: int | None = None) -> str:
    """What a report for `audience` calls the set: its name, or for research its kind (and
    `number`, its place among the programme's sets): "Set 2 (vertical)"."""
    if may_show(audience, "Set.name"):
        return the_set.name
    kind = the_set.kind.value
    return f"Set {number} ({kind})" if number is not None else f"A {kind} set"


def leaves_out(audience: Audience, the_set: Set | None = None) -> str:
    """One line saying what a report for `audience` leaves out, for its top; empty for the
    set's own."""
    few = f'a figure about fewer than {SMALLEST_GROUP} people says "{TOO_FEW}"'
    if audience is Audience.research:
        return f"Written for research: no names and no words anyone typed; {few}."
    if audience is Audience.sponsor:
        if the_set is None:
            named = "members named only where their set agreed (share_names) and they share"
        elif the_set.share_names:
            named = "members named as the set agreed (share_names), but those who do not share"
        else:
            named = "no names (the set has not agreed to share them)"
        return (
            "Written for the sponsor, as the ground rules allow: counts, actions and outcomes; "
            f"no reflections, notes, issues' words nor who asked what; {named}; {few}."
        )
    return ""


@dataclass(frozen=True)
class Reader:
    """Who a report about `the_set` is written for: the rule's questions, asked of one set."""

    audience: Audience
    the_set: Set

    @property
    def is_set(self) -> bool:
        """Whether the report stays in the set (it shows everything)."""
        return self.audience is Audience.set

    def may_show(self, field: str) -> bool:
        return may_show(self.audience, field)

    def may_name(self, name: str) -> bool:
        return may_name(self.audience, self.the_set, name)

    def may_word(self, statement: str) -> bool:
        return may_word(self.audience, statement)

    def individual(self, name: str) -> bool:
        return individual(self.audience, self.the_set, name)

    def individuals(self, names: Iterable[str]) -> list[str]:
        return individuals(self.audience, self.the_set, names)

    def of_each(self, names: Iterable[str]) -> bool:
        return of_each(self.audience, self.the_set, names)

    def may_list(self, names: Iterable[str]) -> bool:
        """Whether a list of people (a meeting's presenters) may be given by name: each may
        be named, and no member of the set is held back (`share = false`), whose absence
        from one list and not another would tell of them; else give how many."""
        if self.is_set:
            return True
        every = all(self.may_name(name) for name in names)
        return every and all(member.share for member in self.the_set.members)

    def figure(self, people: int | Iterable[str], text: str) -> str:
        return figure(self.audience, people, text)

    def too_few(self, people: int | Iterable[str]) -> bool:
        return too_few(self.audience, people)

    def set_label(self, number: int | None = None) -> str:
        return set_label(self.audience, self.the_set, number)

    def leaves_out(self) -> str:
        return leaves_out(self.audience, self.the_set)
