"""The console's keys through Textual's public API: a set's codes, ids, the palette, help."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conftest import TODAY, FakeClock
from textual.binding import BindingType
from textual.screen import Screen

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model.codebook import DEFAULT_CODEBOOK
from actionset.model.set import Code, CountsAs
from actionset.screens import (
    contributions,
    form,
    help,
    home,
    projector,
    reopen,
    roster,
    set_screen,
    tag_note,
    yes_no,
)
from actionset.screens.console_keys import console_bindings
from actionset.screens.contributions import ContributionsScreen
from actionset.screens.help import HelpScreen
from actionset.screens.meeting import MeetingScreen

ROOT = Path(__file__).resolve().parent.parent
EXTRA = Code(key="f", name="reflective-question", counts_as=CountsAs.question)


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=clock,
        remember_theme=False,
    )


def test_no_private_textual_api() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "actionset").rglob("*.py"))
    assert not re.search(r"\._bindings\b|BindingsMap", source)


def test_every_binding_has_an_id_and_ids_are_unique() -> None:
    screens: list[type[Screen[Any]]] = [
        contributions.ContributionsScreen,
        help.HelpScreen,
        home.HomeScreen,
        form.FormScreen,
        set_screen.SetScreen,
        projector.ProjectorScreen,
        reopen.ReopenScreen,
        roster.ChooseMembersScreen,
        tag_note.NoteScreen,
        yes_no.YesNoScreen,
    ]
    lists: list[Sequence[BindingType]] = [
        console_bindings([*DEFAULT_CODEBOOK, EXTRA]),
        contributions.recode_bindings([*DEFAULT_CODEBOOK, EXTRA]),
        *(screen.BINDINGS for screen in screens),
    ]
    for bindings in lists:
        ids = [getattr(b, "id", None) for b in bindings]
        assert None not in ids, bindings
        assert len(set(ids)) == len(ids)


async def test_a_sets_own_code_is_a_key_of_its_console_and_its_list(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    path = new_set_dir / "demo" / "set.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[codebook]]\nkey = "f"\nname = "reflective-question"\n'
        'counts_as = "question"\n',
        encoding="utf-8",
    )
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t", "2", "f")
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert [c.code for c in screen.tags.contributions] == ["reflective-question"]
        assert "tags.code.f" in {b.id for b in screen.keys}
        await pilot.press("g")
        assert isinstance(app.screen, ContributionsScreen)
        await pilot.press("q", "escape")
        assert [c.code for c in screen.tags.contributions] == ["open-question"]
        await pilot.press("ctrl+q")


async def test_the_palette_adds_only_what_the_keys_do_not_give(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert [t for t in titles if t.startswith("Quit")] == ["Quit (^q)"]
        assert not [t for t in titles if t.startswith(("Member", "open question", "Cancel"))]
        assert {"Next (n)", "Theme: projector-light", "Blink when over time"} <= set(titles)


async def test_help_lists_the_live_keys_with_the_sets_codes(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        commands = sections["Commands: the clock, tagging and the meeting"]
        assert ("q c l a s", "a code alone tags the last member again") in commands
        member = sections["After a member's number (member 3 · press a code)"]
        assert ("q", "open question (question)") in member
        assert ("q", "open question (question)") not in commands


async def test_skip_is_a_palette_command_and_is_saved(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        skip = next(c for c in app.get_system_commands(screen) if c.title == "Skip this phase")
        skip.callback()
        await app.saved()
        saved = disk.SetStore(new_set_dir / "demo").load_meeting(TODAY)
        assert saved is not None and saved.clock.phase == 1
        assert saved.agenda[0].status.value == "skipped"
        await pilot.press("ctrl+q")
