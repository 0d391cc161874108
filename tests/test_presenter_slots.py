"""The agenda's presenter slots: who holds them, and adding one more."""

from __future__ import annotations

from actionset.model.agenda import (
    BUILTIN_TEMPLATES,
    add_presenter_slot,
    another_slot,
    assign_presenters,
    build_agenda,
    presenter_slots,
)

MEMBERS = ["Ann", "Bo", "Cy", "Di"]


def test_a_slot_added_repeats_the_last_slot_after_a_break() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], ["Cy", "Ann"], MEMBERS)
    planned = sum(p.planned_minutes for p in agenda)
    at, _ = another_slot(agenda)
    assert at == len(agenda) - 2  # before the process review and the close
    added = add_presenter_slot(agenda)
    assert [(p.title, p.presenter) for p in added] == [
        ("Break", ""),
        ("Present", "Presenter 3"),
        ("Clarify", "Presenter 3"),
        ("Probe", "Presenter 3"),
        ("Actions", "Presenter 3"),
        ("Reflect", "Presenter 3"),
    ]
    assert all(p.added for p in added)
    assert sum(p.planned_minutes for p in agenda) == planned + 15 + 45
    assert presenter_slots(agenda) == ["Cy", "Ann", "Presenter 3"]
    assign_presenters(agenda, ["Cy", "Ann", "Di"])
    assert presenter_slots(agenda) == ["Cy", "Ann", "Di"]
    assert [p.kind.value for p in agenda][-2:] == ["process-review", "close"]


def test_a_slot_added_to_a_one_presenter_agenda() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["quick"], [], MEMBERS)
    add_presenter_slot(agenda)
    assert presenter_slots(agenda) == ["Presenter 1", "Presenter 2"]


def test_no_slot_to_repeat() -> None:
    assert another_slot([]) == (0, [])


def test_a_member_never_holds_two_slots() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], ["Cy", "Ann"], MEMBERS)
    assign_presenters(agenda, ["Ann"])  # Ann moves up: Cy is displaced into her old slot
    assert presenter_slots(agenda) == ["Ann", "Cy"]
    equal = build_agenda(BUILTIN_TEMPLATES["equal-time"], [], MEMBERS)
    assign_presenters(equal, ["Cy", "Ann"])
    assert presenter_slots(equal) == ["Cy", "Ann", "Bo", "Di"]
