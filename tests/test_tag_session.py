"""Tagging key by key, without a screen: the number, the code, the presenter, undo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from actionset.model.agenda import BUILTIN_TEMPLATES, build_agenda
from actionset.model.clock import MeetingClock
from actionset.model.codebook import DEFAULT_CODEBOOK
from actionset.model.contributions import replay
from actionset.model.meeting import Meeting, PhaseKind
from actionset.model.tag_session import Outcome, TagSession, member_for_number

ROSTER = ["Priya Shah", "Tom Reyes", "Ana Lopes"]
NINE = dt.datetime(2026, 9, 14, 9, 0, tzinfo=dt.UTC)


class Journal:
    """Events as the console's journal would hold them; `fail` makes the next append fail."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.fail = False

    def append(self, event: dict[str, Any]) -> None:
        if self.fail:
            raise OSError("disk full")
        self.events.append(dict(event))


def session(
    journal: Journal | None = None,
    *,
    presenters: tuple[str, ...] = ("Priya Shah",),
    events: list[dict[str, Any]] | None = None,
    facilitator: str = "Fran",
) -> TagSession:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], list(presenters), ROSTER)
    meeting = Meeting(date=NINE.date(), agenda=agenda)
    clock = MeetingClock(meeting, lambda: NINE.timestamp(), tz=dt.UTC)
    return TagSession(
        clock,
        ROSTER,
        facilitator,
        DEFAULT_CODEBOOK,
        events=events or [],
        record=journal.append if journal else None,
        moment=lambda: NINE,
    )


def go_to(tags: TagSession, kind: PhaseKind) -> None:
    while tags.clock.phase is not None and tags.clock.phase.kind is not kind:
        tags.clock.next()


def test_numbers_name_the_facilitator_and_the_roster() -> None:
    assert [member_for_number(ROSTER, "Fran", n) for n in range(5)] == [
        "Fran",
        "Priya Shah",
        "Tom Reyes",
        "Ana Lopes",
        None,
    ]
    assert member_for_number(ROSTER, "", 0) is None  # no facilitator named: 0 names no one


def test_zero_is_refused_in_words_where_no_facilitator_is_named() -> None:
    """A set made without a facilitator: 0 tags no one (the check refuses a name the set does
    not hold), and a code after it tags nobody."""
    journal = Journal()
    tags = session(journal, facilitator="")
    go_to(tags, PhaseKind.clarify)
    step = tags.pick(0)
    assert (step.outcome, step.number) == (Outcome.no_facilitator, 0)
    assert tags.pending is None and tags.last_member is None
    assert tags.code("s").outcome is Outcome.nobody
    assert journal.events == []


def test_a_number_then_a_code_tags_and_journals_first() -> None:
    journal = Journal()
    tags = session(journal)
    assert tags.pick(2).outcome is Outcome.picked and tags.pending == 2
    step = tags.code("q")
    assert step.outcome is Outcome.tagged and tags.pending is None
    assert journal.events == [
        {
            "op": "tag",
            "id": 1,
            "at": "2026-09-14T09:00:00+00:00",
            "phase": "Check-in and ground rules",
            "presenter": "",
            "member": "Tom Reyes",
            "code": "open-question",
            "note": "",
        }
    ]
    assert [c.member for c in tags.contributions] == ["Tom Reyes"]


def test_a_bare_code_repeats_the_last_member_and_with_nobody_tags_nobody() -> None:
    tags = session()
    assert tags.code("q").outcome is Outcome.nobody
    tags.pick(3)
    tags.code("q")
    assert tags.code("a").outcome is Outcome.tagged
    assert [(c.member, c.code) for c in tags.contributions] == [
        ("Ana Lopes", "open-question"),
        ("Ana Lopes", "advice"),
    ]


def test_the_last_member_is_remembered_from_the_journal() -> None:
    first = Journal()
    tags = session(first)
    tags.pick(2)
    tags.code("q")
    again = session(events=first.events)
    assert again.code("a").member == "Tom Reyes"
    assert again.tagger.next_id == 3


def test_a_number_nobody_has_is_refused_and_forgets_the_last_member() -> None:
    tags = session()
    tags.pick(2)
    tags.code("q")
    assert tags.pick(7).outcome is Outcome.no_such_member and tags.pending is None
    assert tags.code("q").outcome is Outcome.nobody


def test_a_second_number_replaces_the_first() -> None:
    tags = session()
    tags.pick(2)
    tags.pick(3)
    assert tags.code("q").member == "Ana Lopes"


def test_the_presenter_is_not_tagged_in_their_slot() -> None:
    tags = session()
    go_to(tags, PhaseKind.clarify)
    assert tags.slot_presenter() == "Priya Shah" and tags.current_slot() == 0
    assert tags.pick(1).outcome is Outcome.presenting and tags.pending is None
    tags.pick(2)
    step = tags.code("q")
    assert step.outcome is Outcome.tagged
    assert step.contribution is not None
    assert (step.contribution.presenter, step.contribution.slot) == ("Priya Shah", 0)


def test_a_number_pressed_before_the_presenters_slot_is_refused_at_the_code() -> None:
    tags = session()
    go_to(tags, PhaseKind.clarify)
    tags.clock.previous()  # the slot's first phase names the presenter too
    tags.pick(2)
    tags.code("q")
    tags.clock.next()
    # A bare code would repeat Tom; a member pressed before the phase changed is checked again.
    assert tags.tag("Priya Shah", "q").outcome is Outcome.presenting
    assert tags.code("q").outcome is Outcome.nobody


def test_an_absent_member_is_asked_about_and_not_tagged() -> None:
    journal = Journal()
    tags = session(journal)
    tags.clock.meeting.attendance.present = ["Tom Reyes"]
    tags.clock.meeting.attendance.apologies = ["Ana Lopes"]
    tags.pick(3)
    step = tags.code("q")
    assert (step.outcome, step.member, step.key) == (Outcome.absent, "Ana Lopes", "q")
    assert journal.events == [] and tags.last_member is None
    tags.clock.meeting.mark_present("Ana Lopes")
    assert tags.tag("Ana Lopes", "q").outcome is Outcome.tagged
    assert tags.pick(0).outcome is Outcome.picked  # the facilitator is always here


def test_counting_leaves_out_the_facilitator_the_presenter_and_the_absent() -> None:
    tags = session()
    tags.clock.meeting.attendance.present = ["Priya Shah", "Tom Reyes"]
    tags.clock.meeting.attendance.apologies = ["Ana Lopes"]
    go_to(tags, PhaseKind.clarify)
    assert tags.present() == ["Priya Shah", "Tom Reyes"]
    assert tags.counting() == ["Tom Reyes"]
    assert not tags.in_review()
    go_to(tags, PhaseKind.process_review)
    assert tags.in_review()


def test_undo_recode_note_and_delete_go_through_the_journal() -> None:
    journal = Journal()
    tags = session(journal)
    assert tags.undo().outcome is Outcome.nothing_to_undo
    tags.pick(2)
    tags.code("q")
    tags.pick(3)
    tags.code("a")
    step = tags.undo()
    assert (step.outcome, step.member) == (Outcome.undone, "Ana Lopes")
    assert tags.last_member == "Tom Reyes"  # a bare code now repeats the tag still standing
    first = tags.contributions[0].id
    assert tags.recode(first, "advice").outcome is Outcome.changed
    assert tags.note(first, "Ask finance?").outcome is Outcome.changed
    assert tags.delete(first).outcome is Outcome.changed
    assert tags.contributions == [] and tags.last_member is None
    assert replay(journal.events) == []
    assert [e["op"] for e in journal.events] == ["tag", "tag", "delete", "recode", "note", "delete"]


def test_a_journal_that_fails_changes_nothing() -> None:
    journal = Journal()
    tags = session(journal)
    tags.pick(2)
    tags.code("q")
    journal.fail = True
    step = tags.code("a")
    assert (step.outcome, step.error) == (Outcome.not_saved, "disk full")
    assert tags.undo().outcome is Outcome.not_saved
    assert [c.code for c in tags.contributions] == ["open-question"]


@pytest.mark.parametrize("key", ["x", "Q"])
def test_a_key_that_is_no_code_tags_nothing(key: str) -> None:
    tags = session()
    tags.pick(2)
    assert tags.code(key).outcome is Outcome.unknown_code
    assert tags.contributions == []


def test_a_closed_meeting_refuses_every_change_to_its_tags() -> None:
    journal = Journal()
    tags = session(journal)
    tags.pick(2)
    tags.code("q")
    first = tags.contributions[0].id
    while not tags.clock.ended:
        tags.clock.next()
    assert tags.pick(3).outcome is Outcome.closed and tags.pending is None
    assert tags.code("q").outcome is Outcome.closed  # a bare code repeats nobody either
    assert tags.tag("Ana Lopes", "a").outcome is Outcome.closed
    assert tags.undo().outcome is Outcome.closed
    assert tags.recode(first, "advice").outcome is Outcome.closed
    assert tags.note(first, "Ask finance?").outcome is Outcome.closed
    assert tags.delete(first).outcome is Outcome.closed
    assert [e["op"] for e in journal.events] == ["tag"]
    assert [c.code for c in tags.contributions] == ["open-question"]
    tags.clock.reopen()
    assert tags.code("c").outcome is Outcome.tagged


def test_undo_after_a_delete_from_the_list_takes_no_other_tag() -> None:
    journal = Journal()
    tags = session(journal)
    for number in (2, 3):
        tags.pick(number)
        tags.code("q")
    first = tags.contributions[0].id
    assert tags.delete(tags.contributions[1].id).outcome is Outcome.changed
    assert tags.undo().outcome is Outcome.deleted_last
    assert [c.id for c in tags.contributions] == [first]
    tags.pick(2)
    tags.code("a")
    assert tags.undo().outcome is Outcome.undone
    assert [c.id for c in tags.contributions] == [first]


def test_the_first_tag_after_the_presenters_are_chosen_is_counted_once() -> None:
    """The presenters confirmed in the bids rebuild the figures by slot: the tag that finds
    them changed is counted in the rebuilt figures once, not again on top of them (the pane
    showed five questions for four tags)."""
    from actionset.model.agenda import assign_presenters

    journal = Journal()
    tags = session(journal, presenters=("Presenter 1",))
    assert tags.tally.meeting.tally.total == 0  # the figures, read before the bids
    assign_presenters(tags.clock.meeting.agenda, ["Ana Lopes"])
    go_to(tags, PhaseKind.clarify)
    tags.pick(2)
    assert tags.code("q").outcome is Outcome.tagged
    assert tags.tally.meeting.tally.questions == 1
    assert tags.figures_here().tally.questions == 1
