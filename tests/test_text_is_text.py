"""Names and notes people type reach every screen as plain text, never as markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, follow
from textual.app import App
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input

from actionset import store as disk
from actionset.app import console_app, home_app, projector_app
from actionset.model import Member, Set
from actionset.model.meeting import PhaseKind, SummaryShown
from actionset.model.set import Code, CountsAs
from actionset.screens.contributions import ContributionsScreen
from actionset.screens.help import HelpScreen
from actionset.screens.meeting import MeetingScreen
from actionset.screens.roster import ChooseMembersScreen
from actionset.screens.tag_note import NoteScreen

SET_NAME = "Alpha [/bold] set"
FACILITATOR = "[i]Fa"
MEMBERS = ["[/]", "Bo [bold]", "Cy [/i] x", "Di ]x[", "[@click=quit]"]
OLD_NOTE = "what about [/]?"
NEW_NOTE = "see [/policy] folder"
CODE_LABEL = "think [/] again"  # the footer shows it while a number waits for its code
SIZE = (160, 48)


def screen_text(app: App[None]) -> str:
    """Every character on the screen, as plain text (the SVG's stylesheet left out)."""
    svg = app.export_screenshot()
    svg = re.sub(r"<style.*?</style>", "", svg, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def on_screen(app: App[None], *texts: str) -> None:
    shown = screen_text(app)
    missing = [text for text in texts if text not in shown]
    lines = "\n".join(line for line in shown.splitlines() if line.strip())
    assert not missing, f"not on screen: {missing}\n{lines}"


async def notice_shown(pilot: Pilot[None], text: str) -> None:
    """A notification is mounted a few frames after it is made: wait for it, then look."""
    for _ in range(50):
        if text in screen_text(pilot.app):
            return
        await pilot.pause(0.02)
    on_screen(pilot.app, text)


@pytest.fixture
def bracket_set(tmp_path: Path) -> disk.SetStore:
    """A set whose name, facilitator and members are full of square brackets, with a tag in
    today's journal whose note holds a closing tag."""
    folder = disk.SetsFolder(tmp_path / "sets [/]")
    store = folder.create(
        Set(
            name=SET_NAME,
            facilitator=FACILITATOR,
            members=[Member(name=name) for name in MEMBERS],
            codebook=[
                Code(key="f", name="reflective", counts_as=CountsAs.question, label=CODE_LABEL)
            ],
        )
    )
    with store.journal(TODAY) as journal:
        journal.append(
            {
                "op": "tag",
                "id": 1,
                "at": f"{TODAY}T09:31:00+00:00",
                "phase": "Check-in and ground rules",
                "presenter": "",
                "member": MEMBERS[0],
                "code": "open-question",
                "note": OLD_NOTE,
            }
        )
    return store


async def test_the_console_shows_brackets_as_typed(
    bracket_set: disk.SetStore, fake_clock: FakeClock
) -> None:
    app = console_app(
        bracket_set,
        disk.SetsFolder(bracket_set.folder.parent),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        on_screen(app, SET_NAME)
        await pilot.press("t")  # the pane, its roster and its last tags
        await pilot.pause()
        on_screen(app, OLD_NOTE, *MEMBERS[:4])
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")

        await pilot.press("h")
        assert isinstance(app.screen, ChooseMembersScreen)
        await pilot.pause()
        on_screen(app, *MEMBERS)
        await pilot.press("escape")
        await pilot.press("w")
        await pilot.pause()
        on_screen(app, *MEMBERS)
        await pilot.press("space", "down", "space", "enter")  # "[/]" and "Bo [bold]" present
        assert isinstance(app.screen, MeetingScreen)

        await pilot.press("n", "n", "n")  # the first slot: "[/]" presents
        await pilot.pause()
        on_screen(app, "Presenter: [/]")
        await pilot.press("1")  # the presenter's answers are not tagged: a notice says so
        await notice_shown(pilot, "[/] is presenting")
        await pilot.press("3")  # waiting for a code, the pane names the member
        await pilot.pause()
        on_screen(app, "3 Cy [/i] x →", "Not yet asked: Bo [bold], Cy [/i] x, Di ]x[")
        await pilot.press("escape", "2", "q", "0", "c")
        await pilot.press("e")
        assert isinstance(app.screen, NoteScreen)
        await pilot.pause()
        on_screen(app, f"Words said by {FACILITATOR}")
        app.screen.query_one(Input).value = NEW_NOTE
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        app.clear_notifications()  # they stand over the foot of the pane, its last tags
        await pilot.pause()
        on_screen(app, NEW_NOTE, FACILITATOR)

        await pilot.press("g")
        assert isinstance(app.screen, ContributionsScreen)
        await pilot.pause()
        on_screen(app, OLD_NOTE, NEW_NOTE, "Bo [bold]", FACILITATOR, "[/]")
        await pilot.press("escape")
        await pilot.press("u")  # the notice names who was undone
        await notice_shown(pilot, f"Undone: {FACILITATOR}")
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_the_projector_shows_brackets_as_typed(
    bracket_set: disk.SetStore, fake_clock: FakeClock
) -> None:
    from actionset.model.agenda import assign_presenters
    from actionset.session import open_meeting

    meeting = open_meeting(bracket_set, disk.SetsFolder(bracket_set.folder.parent), TODAY)
    assign_presenters(meeting.agenda, [MEMBERS[1], MEMBERS[0]])
    meeting.clock.phase = 2  # Bids: the next phase is "Bo [bold]"'s Present
    bracket_set.save_meeting(meeting)
    app = projector_app(bracket_set, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await follow(pilot)
        on_screen(app, SET_NAME, "(Bo [bold])")
        meeting.clock.phase = next(
            i for i, p in enumerate(meeting.agenda) if p.presenter == MEMBERS[0]
        )
        bracket_set.save_meeting(meeting)
        await follow(pilot)
        on_screen(app, "Presenter: [/]")
        meeting.clock.phase = next(
            i for i, p in enumerate(meeting.agenda) if p.kind is PhaseKind.process_review
        )
        meeting.summary = SummaryShown.named
        bracket_set.save_meeting(meeting)
        await follow(pilot)
        on_screen(app, "[/]: 1 question", "Bo [bold]: 0 questions")


async def test_the_home_screen_shows_brackets_as_typed(
    bracket_set: disk.SetStore, fake_clock: FakeClock
) -> None:
    folder = disk.SetsFolder(bracket_set.folder.parent)
    broken = folder.root / "broken"
    broken.mkdir()
    (broken / "set.toml").write_text('name = "[/]"\nmembers = "[bold]"\n', encoding="utf-8")
    app = home_app(folder, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.pause()
        on_screen(app, "sets [/]", SET_NAME)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = "Beta [/] set"
        app.screen.query_one("#field-members", Input).value = "[/], [b]Bo"
        await pilot.press("enter")
        await notice_shown(pilot, "Created Beta [/] set.")
        on_screen(app, "Beta [/] set")


CONTROLS = "".join(chr(code) for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)))
PLANTED = CONTROLS + "[/x]"
"""Every C0 and C1 control, and a closing tag: written into the demo set's files as escapes."""


def plant(sets_dir: Path) -> None:
    """A member's name, an issue's title, an action, the place, a ground rule and a reflection
    of the demo set, each with every control in it (as TOML and JSON write them, escaped)."""
    escaped = "".join(f"\\u{ord(ch):04x}" for ch in PLANTED)
    folder = sets_dir / "demo"
    for path in [*folder.glob("*.toml"), *folder.glob("meetings/*")]:
        text = path.read_text(encoding="utf-8").replace("Priya Shah", f"Priya{escaped} Shah")
        for words in (
            "Committee Room 2",
            "Statements only in response",
            'title = "',
            'text = "',
            'reflections = [\n    "',
        ):
            text = text.replace(words, words + escaped)
        path.write_text(text, encoding="utf-8")


def no_control_shown(app: App[None], where: str, *, planted: bool = True) -> None:
    shown = [line for line in screen_text(app).split("\n") if line.strip()]
    raw = [line for line in shown if any(ch in CONTROLS.replace("\n", "") for ch in line)]
    assert not planted or "\\x" in screen_text(app), (
        f"{where}: nothing planted on screen\n" + "\n".join(shown)
    )
    assert not raw, f"{where}: a control reaches the terminal:\n" + "\n".join(map(repr, raw))


async def test_controls_in_the_files_are_shown_escaped_on_every_screen(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    plant(sets_dir)
    folder = disk.SetsFolder(sets_dir)
    store = disk.SetStore(sets_dir / "demo")
    app = home_app(folder, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        no_control_shown(app, "home", planted=False)  # the set's name is not planted
        await pilot.press("enter")  # the set screen
        await pilot.pause()
        no_control_shown(app, "set screen")
        await pilot.press("escape", "i")
        await pilot.pause()
        no_control_shown(app, "insights", planted=False)  # names in legends below
    from actionset.session import open_meeting

    today = open_meeting(store, folder, TODAY)
    today.reflections = [f"we listened{PLANTED}"]  # the process review's
    store.save_meeting(today)
    app = console_app(store, folder, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(160, 48), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.pause()
        no_control_shown(app, "console")
        while screen.clock.phase is not None and not screen.clock.ended:
            kind = screen.clock.phase.kind
            if kind is PhaseKind.bids:
                await pilot.press("y", "enter")  # the order confirmed: Priya presents
            await pilot.pause()
            no_control_shown(app, f"console, {kind}", planted=kind is not PhaseKind.break_)
            await pilot.press("t")  # the tag pane
            await pilot.pause()
            no_control_shown(app, f"tag pane, {kind}")
            if kind is PhaseKind.check_in:
                await pilot.press("1", "q", "e")  # Priya asked; the note's form names her
                assert isinstance(app.screen, NoteScreen)
                await pilot.pause()
                no_control_shown(app, "the note's form")
                await pilot.press("escape", "g")
                assert isinstance(app.screen, ContributionsScreen)
                await pilot.pause()
                no_control_shown(app, "the contributions")
                await pilot.press("escape")
            if kind is PhaseKind.close:
                break
            await pilot.press("t", "n", "n")  # n twice: past a phase's warning
            await pilot.pause()
            if isinstance(app.screen, ModalScreen):
                await pilot.press("y")
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    meeting.clock.ended_at, meeting.closed = None, False
    app = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for index, phase in enumerate(meeting.agenda):
            meeting.clock.phase = index
            store.save_meeting(meeting)
            await follow(pilot)
            no_control_shown(app, f"projector, {phase.kind}", planted=bool(phase.presenter))
            if phase.kind is PhaseKind.report_back:  # every control, BEL and LF too, escaped
                joined = "".join(line.strip() for line in screen_text(app).split("\n"))
                assert "".join(f"\\x{ord(ch):02x}" for ch in CONTROLS) in joined
