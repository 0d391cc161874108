"""A field keeps its words when it takes the focus: what is typed is added to them, never put
in their place (Textual's Input selects everything it holds on focus)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import TODAY, FakeClock, demo_console, paste, typist
from test_console_typing import at_phase, console, store_of
from test_panel_actions import agreed_today, harness
from test_typing_bursts import letters, settled
from textual.widgets import Input

from actionset.model.meeting import PhaseKind

SOURCE = Path(__file__).resolve().parent.parent / "actionset"


async def test_a_reflection_left_unsaved_keeps_itself_when_typing_goes_on(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """A line typed, escape, then a letter: the letter goes on the line (the field takes the
    keys again), backspace takes only that letter back, and enter saves the line whole."""
    at_phase(sets_dir, fake_clock, PhaseKind.reflect)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot, app)
        line = "He will talk to the regional lead"
        await typist(pilot, keys, "a", every=0.3)
        keys.advance(1)  # the letter stands alone: the field opens
        await pilot.pause(0.2)
        await settled(pilot, app)
        await typist(pilot, keys, *letters(line), "escape", every=0.3)
        await settled(pilot, app)
        field = console(app).query_one("#note", Input)
        assert field.value == line and not field.has_focus
        await typist(pilot, keys, "n", every=0.3)
        await settled(pilot, app)
        assert field.has_focus and field.value == line + "n"
        assert field.selection.is_empty
        await typist(pilot, keys, "backspace", "enter", every=0.3)
        await settled(pilot, app)
    meeting = store_of(sets_dir).load_meeting(TODAY)
    assert meeting is not None
    assert meeting.presenters[0].reflections == [line]


async def test_words_typed_into_an_action_opened_to_edit_are_added_to_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Ask the team what would make the backlog beatable")
        await pilot.press("enter", "enter")  # saved, then opened again to edit
        field = app.screen.query_one("#text", Input)
        assert field.has_focus and field.selection.is_empty
        await paste(pilot, ", at the January team day")
        await pilot.press("enter")
    assert [a.text for a in agreed_today(sets_dir)] == [
        "Ask the team what would make the backlog beatable, at the January team day"
    ]


def test_every_field_is_one_that_keeps_its_words() -> None:
    """No screen builds Textual's Input itself: `TextField` is the app's one kind of field."""
    built = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Input"
            ):
                built.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert built == []


async def test_letters_typed_straight_after_tab_go_to_the_next_field(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Tab, ctrl+u and a name arriving at once, as a fast typist's keys do: the name is the
    owner's, and the wording keeps none of it."""
    from textual import events

    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Share the checklist by email")
        for key, char in [("tab", None), ("ctrl+u", None), *((c, c) for c in "Tom Reyes")]:
            app.post_message(events.Key("space" if char == " " else key, char))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one("#text", Input).value == "Share the checklist by email"
        assert app.screen.query_one("#owner", Input).value == "Tom Reyes"
        await pilot.press("enter")
    (action,) = agreed_today(sets_dir)
    assert (action.text, action.owner) == ("Share the checklist by email", "Tom Reyes")


async def test_letters_typed_straight_after_enter_in_a_form_are_not_saved_in_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Enter saves the field as it was when enter was pressed: the letters after it, faster
    than the form, were meant for what comes after the form."""
    from textual import events

    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Call the discharge lead")
        for key, char in [("enter", None), ("n", "n")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
    assert [a.text for a in agreed_today(sets_dir)] == ["Call the discharge lead"]
