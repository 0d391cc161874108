"""The reflect and process review panels: notes one per line, in the meeting file at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

import pytest
from conftest import TODAY, FakeClock, SnapCompare, paste
from panel_harness import PanelHarness
from test_panel_actions import check_passes, type_text
from textual.pilot import Pilot
from textual.widgets import Input

from actionset import store as disk
from actionset.model.agenda import HALF_DAY, assign_presenters, build_agenda
from actionset.model.contributions import presenter_at
from actionset.model.meeting import Meeting, PhaseKind, Presentation
from actionset.model.record import presentation_for, presenters_of
from actionset.screens.yes_no import YesNoScreen
from actionset.widgets.panels import PANELS, ROOM_VIEWS
from actionset.widgets.panels.reflect import NotesPanel, ProcessReviewPanel, ReflectPanel


def harness(
    sets_dir: Path,
    clock: FakeClock,
    panel: type[NotesPanel],
    kind: PhaseKind,
    presenters: list[str] | None = None,
) -> PanelHarness[NotesPanel]:
    """The panel, with today's presenters chosen in the agenda (no bids: no presentations)."""
    app = PanelHarness(sets_dir, panel, kind, clock)
    if presenters:
        assign_presenters(app.session.meeting.agenda, presenters)
        app.session.save_meeting()
    return app


def saved(sets_dir: Path) -> Meeting:
    meeting = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
    assert meeting is not None
    return meeting


def presenter_notes(sets_dir: Path, member: str) -> list[str]:
    presentation = saved(sets_dir).presentation(member)
    return presentation.reflections if presentation else []


# ---------------------------------------------------------------------------- model


def test_the_slot_presenter_is_the_presenter_of_the_slot_a_phase_is_in() -> None:
    agenda = build_agenda(
        HALF_DAY,
        presenters=["Priya Shah", "Tom Reyes"],
        present_members=["Priya Shah", "Tom Reyes", "Helen Okafor"],
    )
    kinds = [(p.kind, p.presenter) for p in agenda]
    reflect_2 = kinds.index((PhaseKind.reflect, "Tom Reyes"))
    assert presenter_at(agenda, reflect_2) == "Tom Reyes"
    assert presenter_at(agenda, 0) == ""  # the check-in is in no slot


def test_a_presentation_is_added_for_every_slot_presenter_first() -> None:
    meeting = Meeting(
        date=dt.date(2026, 11, 21),
        agenda=build_agenda(
            HALF_DAY,
            presenters=["Priya Shah", "Tom Reyes"],
            present_members=["Priya Shah", "Tom Reyes"],
        ),
    )
    presentation_for(meeting, "Tom Reyes").reflections = ["took away a question"]
    assert [p.member for p in meeting.presenters] == ["Priya Shah", "Tom Reyes"]
    assert presenters_of(meeting) == ["Priya Shah", "Tom Reyes"]
    same = presentation_for(meeting, "Tom Reyes")
    assert same.reflections == ["took away a question"]
    meeting.presenters = [Presentation(member="Priya Shah", issue="void-turnaround")]
    presentation_for(meeting, "Tom Reyes")
    assert [(p.member, p.issue) for p in meeting.presenters] == [
        ("Priya Shah", "void-turnaround"),
        ("Tom Reyes", ""),
    ]


# ---------------------------------------------------------------------------- panels


def test_the_panels_are_registered_and_the_room_sees_no_notes(sets_dir: Path) -> None:
    assert PANELS[PhaseKind.reflect] is ReflectPanel
    assert PANELS[PhaseKind.process_review] is ProcessReviewPanel
    store = disk.SetStore(sets_dir / "demo")
    [meeting] = [m for m in store.load_meetings() if m.reflections][-1:]
    for kind in (PhaseKind.reflect, PhaseKind.process_review):
        assert (
            ROOM_VIEWS[kind](meeting, store.load_actions(), store.load_issues(), store.load_set())
            is None
        )


async def test_the_presenter_reflection_is_noted_line_by_line(
    sets_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    app = harness(
        sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah", "Tom Reyes"]
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert isinstance(app.focused, Input)
        # Every key typed goes into the field: a, d, delete and space remove or add nothing.
        await type_text(pilot, "I had not asked the gas team at all")
        await pilot.press("enter")
        assert presenter_notes(sets_dir, "Priya Shah") == ["I had not asked the gas team at all"]
        await type_text(pilot, "xd")
        await pilot.press("delete", "backspace", "backspace")
        await paste(pilot, "The void is a hand-off problem, not a repair one")
        await pilot.press("enter")
        assert isinstance(app.focused, Input)
    assert presenter_notes(sets_dir, "Priya Shah") == [
        "I had not asked the gas team at all",
        "The void is a hand-off problem, not a repair one",
    ]
    # Every slot presenter has a presentation: the second one still presents.
    assert presenters_of(saved(sets_dir)) == ["Priya Shah", "Tom Reyes"]
    check_passes(capsys, sets_dir)


async def test_enters_faster_than_the_panel_add_the_line_once(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Three enters typed at once: each Submitted carries the words, the first adds them."""
    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Ask my team leaders")
        field = app.panel.query_one(Input)
        for _ in range(3):
            field.post_message(Input.Submitted(field, field.value))
        await pilot.pause()
    assert presenter_notes(sets_dir, "Priya Shah") == ["Ask my team leaders"]


async def test_words_typed_after_enter_faster_than_the_panel_start_the_next_line(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """A line, enter and the next words at once: the line is the words enter was pressed on,
    and the words after it wait in the field as the next line's start."""
    from textual import events

    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        keys = [*(("space", " ") if c == " " else (c, c) for c in "First line"), ("enter", None)]
        keys += [*(("space", " ") if c == " " else (c, c) for c in "Second lin")]
        keys += [("backspace", None), ("n", "n"), ("e", "e")]
        for key, char in keys:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        field = app.panel.query_one(Input)
        assert field.value == "Second line" and field.has_focus
        await pilot.press("enter")
    assert presenter_notes(sets_dir, "Priya Shah") == ["First line", "Second line"]


async def test_enter_on_a_line_emptied_in_its_edit_keeps_the_line_and_leaves_the_field(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "one")
        await pilot.press("enter", "up", "enter")  # saved; then opened again to edit
        field = app.panel.query_one(Input)
        assert field.has_focus and field.value == "one"
        await pilot.press("ctrl+u", "enter")
        assert app.focused is app.panel
    assert presenter_notes(sets_dir, "Priya Shah") == ["one"]


async def test_the_field_looks_like_a_field_only_while_it_has_the_keys(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Before `a` the panel shows its lines and its hint, not a field that seems to wait for
    the words typed (they would reach the console's keys); the field shows while it has the
    keys: focused, or holding a line not yet added, which the letters go on typing."""
    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah"])
    async with app.run_test(size=(120, 40)) as pilot:
        field = app.panel.query_one(Input)
        assert not field.display
        await pilot.press("a")
        assert field.display and field.has_focus
        await pilot.press("escape")
        assert not field.display and not field.has_focus
        await pilot.press("down")  # past the last line: the field again
        assert field.display and field.has_focus
        await paste(pilot, "Next time I bring")
        await pilot.press("escape")
        assert field.display and not field.has_focus  # the line waits in it


async def test_lines_are_chosen_edited_and_removed(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah"])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        for line in ("one", "two", "three"):
            await paste(pilot, line)
            await pilot.press("enter")
        await pilot.press("up")  # out of the field, onto the last line
        assert app.focused is app.panel
        await pilot.press("up", "enter")  # edit "two"
        field = app.query_one("#note", Input)
        assert cast(object, app.focused) is field and field.value == "two"
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "second")
        await pilot.press("enter")
        assert app.focused is app.panel
        assert presenter_notes(sets_dir, "Priya Shah") == ["one", "second", "three"]
        await pilot.press("up", "delete")
        assert isinstance(app.screen, YesNoScreen)
        await pilot.press("n")
        assert presenter_notes(sets_dir, "Priya Shah") == ["one", "second", "three"]
        await pilot.press("delete", "y")
        assert presenter_notes(sets_dir, "Priya Shah") == ["second", "three"]
        await pilot.press("enter")  # edit, then leave the field without a change
        await type_text(pilot, " and more")
        await pilot.press("escape")
        assert app.focused is app.panel
    assert presenter_notes(sets_dir, "Priya Shah") == ["second", "three"]


async def test_a_slot_without_its_presenter_takes_no_notes(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert app.focused is app.panel
        await type_text(pilot, "nothing")
    assert saved(sets_dir).presenters == []


async def test_the_process_review_notes_are_the_sets(
    sets_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    app = harness(
        sets_dir, fake_clock, ProcessReviewPanel, PhaseKind.process_review, ["Priya Shah"]
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")  # no line yet: down goes to the field
        await paste(pilot, "Fewer questions, better ones")
        await pilot.press("enter")
        await paste(pilot, "We let Tom off the hook twice")
        await pilot.press("enter", "escape")
        assert app.focused is app.panel
    meeting = saved(sets_dir)
    assert meeting.reflections == ["Fewer questions, better ones", "We let Tom off the hook twice"]
    assert all(not p.reflections for p in meeting.presenters)
    check_passes(capsys, sets_dir)


def test_snapshot_of_the_reflect_panel(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock, ReflectPanel, PhaseKind.reflect, ["Priya Shah"])

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        for line in (
            "I had not asked the gas team at all",
            "The void is a hand-off problem, not a repair one: nobody owns the "
            "keys between the tenant leaving and the lettings team",
        ):
            await paste(pilot, line)
            await pilot.press("enter")
        await paste(pilot, "Next time I bring")
        await pilot.press("up")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_snapshot_of_the_process_review_panel(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock, ProcessReviewPanel, PhaseKind.process_review)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        for line in ("Fewer questions, better ones", "We let Tom off the hook twice"):
            await paste(pilot, line)
            await pilot.press("enter")
        await paste(pilot, "Silence helped")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
