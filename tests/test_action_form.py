"""The new-action form keeps the forms' rule (`actionset.screens.form.FieldsForm`): enter in
any field saves it when it holds, and otherwise puts the focus on the field that is wrong with
its text as typed; a filled-in owner is never replaced by the letters typed next."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import TODAY, FakeClock, SnapCompare, paste, typist
from test_console_typing import at_phase, console, store_of, what_stands
from test_panel_actions import harness, type_text
from textual.pilot import Pilot
from textual.widgets import Input, Static

from actionset import store as disk
from actionset.app import console_app
from actionset.model.meeting import PhaseKind
from actionset.model.record import due_default
from actionset.screens.console_keys import STRAY_KEYS
from actionset.screens.form import FORM_KEYS
from actionset.widgets.panels.actions import ActionForm, ActionsPanel


def saved_today(sets_dir: Path) -> list[dict[str, object]]:
    """The actions agreed today, as actions.toml holds them on disk."""
    path = sets_dir / "demo" / "actions.toml"
    actions = tomllib.loads(path.read_text(encoding="utf-8"))["actions"]
    return [a for a in actions if a["agreed_at"] == TODAY]


async def test_enter_after_the_wording_saves_the_presenters_action_due_by_default(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        due = due_default(app.session.meeting, app.session.the_set)
        await pilot.press("a")
        await type_text(pilot, "Ring the gas team")
        await pilot.press("enter")
        assert not isinstance(app.screen, ActionForm)
    [action] = saved_today(sets_dir)
    assert action["text"] == "Ring the gas team"
    assert action["owner"] == "Priya Shah" and action["due"] == due


async def test_letters_typed_on_after_enter_change_no_owner_and_nothing_else(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """The wording, enter, and the next thought typed straight on at a typist's speed, as a
    facilitator who looks at the room does: the action is the presenter's, and the letters
    typed after it change nothing of the meeting."""
    at_phase(sets_dir, fake_clock, PhaseKind.actions)
    keys = FakeClock(0)
    app = console_app(
        store_of(sets_dir),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=fake_clock,
        key_clock=keys,
        remember_theme=False,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = console(app)
        panel = screen.panel
        assert isinstance(panel, ActionsPanel) and panel.presenter
        presenter = panel.presenter
        await pilot.pause()
        await app.saved()
        before = what_stands(sets_dir)
        await typist(pilot, keys, "a", every=1)
        keys.advance(1)
        await screen.try_standing()  # the timer after the interval
        assert isinstance(app.screen, ActionForm)
        await typist(pilot, keys, *(STRAY_KEYS[c] for c in "Ask the team leaders"), "enter")
        await typist(pilot, keys, *(STRAY_KEYS[c] for c in "then ring Tom about it"))
        keys.advance(1)
        await screen.try_standing()
        await pilot.pause()
        await app.saved()
        assert not isinstance(app.screen, ActionForm)
        assert what_stands(sets_dir) == before
    assert [(a["text"], a["owner"]) for a in saved_today(sets_dir)] == [
        ("Ask the team leaders", presenter)
    ]


async def test_an_owner_who_is_not_a_member_keeps_the_form_and_the_text_typed(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Ring the contractor")
        await pilot.press("tab")
        owner = app.screen.query_one("#owner", Input)
        assert app.screen.focused is owner
        await pilot.press("ctrl+u")  # the presenter filled in, cleared
        await type_text(pilot, "Nobody Atall")
        await pilot.press("shift+tab", "enter")  # from the wording
        assert isinstance(app.screen, ActionForm)
        assert app.screen.focused is owner and owner.value == "Nobody Atall"
        assert app.screen.query_one("#text", Input).value == "Ring the contractor"
        problem = str(app.screen.query_one("#problem", Static).render())
        assert "No member called 'Nobody Atall'" in problem
    assert saved_today(sets_dir) == []


async def test_the_filled_in_owner_takes_the_letters_after_it_rather_than_losing_itself(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Tab into the owner and type: the presenter's name stays, the letters are added after it
    (the form then says no such member), and a name typed in an empty owner is offered whole."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Ring the contractor")
        await pilot.press("tab")
        await type_text(pilot, "x")
        owner = app.screen.query_one("#owner", Input)
        assert owner.value == "Priya Shahx"
        await pilot.press("ctrl+u")
        await type_text(pilot, "hel")
        await pilot.press("right", "enter")  # the rest of the name offered, taken
    [action] = saved_today(sets_dir)
    assert action["owner"] == "Helen Okafor"


async def test_a_due_date_before_the_meeting_puts_the_focus_on_the_date(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Ring the contractor")
        app.screen.query_one("#due", Input).value = "2026-11-01"
        await pilot.press("enter")
        due = app.screen.query_one("#due", Input)
        assert isinstance(app.screen, ActionForm) and app.screen.focused is due
        assert due.value == "2026-11-01"
    assert saved_today(sets_dir) == []


async def test_the_form_says_its_keys_in_words(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert str(app.screen.query_one("#keys", Static).render()) == FORM_KEYS


def test_snapshot_of_the_new_action_form_at_80x24(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("a")
        await paste(pilot, "Walk one void from keys-in to relet with the gas team")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
