"""Text never runs commands: a paragraph typed into every phase's panel field, the tag pane shown
and hidden, changes nothing of the meeting but the text saved; and every console key, pressed in
every mode, does what the keyboard's model says."""

from __future__ import annotations

import ast
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare, demo_console, typist
from textual import events
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model.agenda import assign_presenters
from actionset.model.clock import MeetingClock
from actionset.model.keyboard import EDITING, PANEL_KEY, TYPING, Burst, KeyState, Verdict, acts
from actionset.model.meeting import PhaseKind, Presentation
from actionset.screens.console_keys import STRAY_KEYS
from actionset.screens.meeting import MeetingScreen
from actionset.session import open_meeting
from actionset.widgets.panels import PANELS

SIZE = (80, 24)
PARAGRAPH = (
    "The quick brown fox jumps over the lazy dog; PACK MY BOX WITH FIVE DOZEN LIQUOR JUGS! "
    "Ask my team leaders at 3am: 'what would 10, 20 or 30% more mean?' (I lead by asking "
    '"why"), a+b=c - [x] {y} <z> ~ @ # $ ^ & * _ | / \\ ` 0123456789.'
)
"""Ordinary English, with every letter in both cases, every digit and every punctuation mark."""


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def at_phase(sets_dir: Path, clock: FakeClock, kind: PhaseKind) -> None:
    """Today's meeting of the demo set with two presenters chosen, moved on (`n`, the clock not
    started) to the first phase of `kind`: the console opens there."""
    store = store_of(sets_dir)
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    names = [m.name for m in store.load_set().current_members][:2]
    assign_presenters(meeting.agenda, names)
    meeting.presenters = [Presentation(member=name) for name in names]
    if kind not in {phase.kind for phase in meeting.agenda}:
        pytest.skip(f"the demo set's agenda has no {kind} phase")
    meeting_clock = MeetingClock(meeting, clock)
    while meeting_clock.phase is not None and meeting_clock.phase.kind is not kind:
        meeting_clock.next()
    store.save_meeting(meeting)


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        store_of(sets_dir), disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def console(app: ActionSetApp) -> MeetingScreen:
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


def what_stands(sets_dir: Path) -> tuple[object, ...]:
    """What no typing may change: the agenda, the clock's phase, the mute, the journal."""
    store = store_of(sets_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    journal = store.tags_path(TODAY)
    return (
        [phase.model_dump() for phase in meeting.agenda],
        meeting.clock.phase,
        meeting.clock.running,
        meeting.clock.muted,
        journal.read_text(encoding="utf-8") if journal.exists() else "",
    )


def saved_text(sets_dir: Path) -> str:
    """Every file of the set's record, where the text typed may have been saved."""
    folder = sets_dir / "demo"
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.toml")))


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*(STRAY_KEYS[char] for char in text))


# How a facilitator reaches each panel's field, and keeps what was typed there.
FIELDS: dict[PhaseKind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    PhaseKind.check_in: ((), ()),  # no field: the words typed reach no one
    PhaseKind.report_back: (("1", "enter"), ("enter",)),  # the first action done, its note
    PhaseKind.bids: (("y", "a"), ("enter",)),  # a bid, and its new issue's title
    PhaseKind.actions: (("a",), ("enter", "enter", "enter")),  # text, owner, due
    PhaseKind.reflect: (("a",), ("enter", "escape")),
    PhaseKind.process_review: (("a",), ("enter", "escape")),
    PhaseKind.close: (("enter", "tab", "tab"), ("enter",)),  # the place
}


async def deliberately(pilot: Pilot[None], keys: FakeClock, *pressed: str) -> None:
    """Keys pressed one at a time, each standing alone (a second apart on the key clock)."""
    await typist(pilot, keys, *pressed, every=1.0)
    keys.advance(1.0)
    for screen in pilot.app.screen_stack:
        if isinstance(screen, MeetingScreen):
            await screen.try_standing()  # the timer after the last: it stood alone
    await pilot.pause()


def queue_up(app: ActionSetApp, keys: FakeClock) -> list[float]:
    """The gaps between the keys posted next (`post`): each key, when the app takes it, comes
    its gap after the one before on the key clock."""
    gaps: list[float] = []
    on_event = app.on_event

    async def arriving(event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and gaps:
            keys.advance(gaps.pop(0))
        await on_event(event)

    app.on_event = arriving  # type: ignore[method-assign]
    return gaps


async def post(pilot: Pilot[None], gaps: list[float], pressed: list[str], every: float) -> None:
    """The keys posted to the app at once, as a typist's keys queue up while the console is
    busy: no pause per key, each `every` seconds after the one before on the key clock."""
    for key in pressed:
        gaps.append(every)
        char = CHARACTERS.get(key)
        pilot.app.post_message(events.Key(key, char))
    await pilot.pause()
    assert gaps == []


CASES = [
    *((kind, True) for kind in FIELDS if kind is not PhaseKind.check_in),
    *((kind, False) for kind in PhaseKind),
]
"""Every phase kind with its field left alone, and each panel's field opened first."""


@pytest.mark.parametrize("pane", [False, True], ids=["pane hidden", "pane shown"])
@pytest.mark.parametrize(
    ("kind", "field"),
    CASES,
    ids=[f"{kind}-{'field' if field else 'no field'}" for kind, field in CASES],
)
async def test_a_paragraph_typed_fast_changes_only_the_text_saved(
    sets_dir: Path, fake_clock: FakeClock, kind: PhaseKind, field: bool, pane: bool
) -> None:
    """A paragraph typed at a typist's speed, into a panel's field opened first or with no
    field open: the agenda, the clock's phase, whether it runs, the chime and the journal stay
    as they were, and the words are saved only where a field took them."""
    at_phase(sets_dir, fake_clock, kind)
    before = what_stands(sets_dir)
    opening, keeping = FIELDS[kind] if field else ((), ())
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        if pane:
            await deliberately(pilot, keys, "t")
        await deliberately(pilot, keys, *opening)
        typing = isinstance(app.focused, Input)
        gaps = queue_up(app, keys)
        await post(pilot, gaps, [STRAY_KEYS[char] for char in PARAGRAPH], 0.05)
        await deliberately(pilot, keys, *keeping, "escape")
        await app.saved()
        assert screen.clock.phase is not None and screen.clock.phase.kind is kind
    assert what_stands(sets_dir) == before
    words = PARAGRAPH.split(";")[0]
    assert (words in saved_text(sets_dir)) is typing
    assert typing is (field and not pane)


@pytest.mark.parametrize("pane", [False, True], ids=["pane hidden", "pane shown"])
@pytest.mark.parametrize("kind", list(FIELDS), ids=str)
async def test_a_paragraph_typed_into_a_panel_changes_only_the_text_saved(
    sets_dir: Path, fake_clock: FakeClock, kind: PhaseKind, pane: bool
) -> None:
    """The same typed a key at a time, each standing alone (a second apart on the key clock)."""
    at_phase(sets_dir, fake_clock, kind)
    before = what_stands(sets_dir)
    opening, keeping = FIELDS[kind]
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        if pane:
            await deliberately(pilot, keys, "t")
        await deliberately(pilot, keys, *opening)
        gaps = queue_up(app, keys)
        await post(pilot, gaps, [STRAY_KEYS[char] for char in PARAGRAPH], 1.0)
        await deliberately(pilot, keys, *keeping)
        await pilot.press("escape")
        await app.saved()
        screen = console(app)
        assert screen.clock.phase is not None and screen.clock.phase.kind is kind
    assert what_stands(sets_dir) == before
    words = PARAGRAPH.split(";")[0]
    assert (words in saved_text(sets_dir)) is (not pane and kind is not PhaseKind.check_in)


# ----------------------------------------------------------------- every key, every mode

Mode = Callable[[MeetingScreen], Awaitable[None]]


def keys_of(screen: MeetingScreen) -> dict[str, list[Binding]]:
    """The console's bindings by key, in the order Textual tries them."""
    by_key: dict[str, list[Binding]] = {}
    for binding in Binding.make_bindings(type(screen).BINDINGS):
        by_key.setdefault(binding.key, []).append(binding)
    return by_key


Ran = tuple[str, tuple[object, ...]]


def parsed(action: str) -> Ran:
    name, _, arguments = action.partition("(")
    return name, ast.literal_eval(f"({arguments[:-1]},)") if arguments else ()


def expected(state: KeyState, bindings: list[Binding]) -> Ran | None:
    """The action the model says the key runs: the first binding that acts, else none (the
    key goes on to the panel or the field)."""
    for binding in bindings:
        name, arguments = parsed(binding.action)
        char = str(arguments[0]) if name == "stray" else ""
        if acts(state, name, STRAY_KEYS.get(char, "")):
            return name, arguments
    return None


def recorded(screen: MeetingScreen, by_key: dict[str, list[Binding]]) -> list[Ran]:
    """Each console action, from now on, only records itself in the list returned."""
    ran: list[Ran] = []
    for name in {b.action.partition("(")[0] for bs in by_key.values() for b in bs}:

        def record(*arguments: object, name: str = name) -> None:
            ran.append((name, arguments))

        setattr(screen, f"action_{name}", record)
    return ran


async def check_every_key(
    pilot: Pilot[None], screen: MeetingScreen, into: Callable[[], Awaitable[None]]
) -> int:
    """Press every key the console binds, each from the same mode (`into`); the action that
    ran is the one the model names. Each console action only records itself."""
    by_key = keys_of(screen)
    ran = recorded(screen, by_key)
    checked = 0
    for key, bindings in by_key.items():
        await into()
        state = screen.key_state()
        ran.clear()
        await pilot.press(key)
        want = expected(state, bindings)
        assert ran == ([want] if want else []), (key, state.mode)
        checked += 1
    return checked


async def test_every_key_in_every_mode_does_what_the_model_says(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    at_phase(sets_dir, fake_clock, PhaseKind.clarify)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)

        async def command() -> None:
            screen.tags.pending, screen.held = None, ""
            await pilot.pause()

        async def member() -> None:
            screen.tags.pending, screen.held = 3, ""
            await pilot.pause()

        async def held() -> None:
            screen.tags.pending, screen.held = None, "x is not a key here"
            await pilot.pause()

        for into in (command, member, held):
            assert await check_every_key(pilot, screen, into) > 100
            screen.tagging = True  # the pane shown: the same again
            assert await check_every_key(pilot, screen, into) > 100
            screen.tagging = False


async def test_every_key_in_a_panels_modes_does_what_the_model_says(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    at_phase(sets_dir, fake_clock, PhaseKind.reflect)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        panel = screen.panel
        assert panel is not None
        field = panel.query_one(Input)

        async def on_the_panel() -> None:
            screen.held, field.value = "", ""
            panel.focus()
            await pilot.pause()

        async def typing() -> None:
            screen.held = ""
            field.focus()
            await pilot.pause()

        async def draft() -> None:
            screen.held, field.value = "", "half a line"
            panel.focus()
            await pilot.pause()
            assert screen.draft

        for into in (on_the_panel, typing, draft):
            assert await check_every_key(pilot, screen, into) > 100


@pytest.mark.parametrize("kind", list(PANELS), ids=str)
async def test_held_keys_run_none_of_the_panels_keys(
    sets_dir: Path, fake_clock: FakeClock, kind: PhaseKind
) -> None:
    """Held, with the panel focused again (a click), every key the panel binds runs nothing of
    the panel's, as the model's table says (`PANEL_KEY` does not act while held)."""
    at_phase(sets_dir, fake_clock, kind)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        panel = screen.panel
        assert panel is not None
        ran: list[str] = []
        bindings = list(Binding.make_bindings(type(panel).BINDINGS))
        for binding in bindings:
            name = binding.action.partition("(")[0]
            setattr(panel, f"action_{name}", lambda *_, name=name: ran.append(name))
        for binding in bindings:
            screen.held = "x is not a key here"
            panel.focus()
            await pilot.pause()
            assert not acts(screen.key_state(), PANEL_KEY)
            await pilot.press(binding.key)
            assert ran == [], binding.key


CHARACTERS = {key: char for char, key in STRAY_KEYS.items()}


@pytest.mark.parametrize("first", ["t", "3"])
async def test_every_key_typed_fast_after_another_is_what_the_burst_model_says(
    sets_dir: Path, fake_clock: FakeClock, first: str
) -> None:
    """Each key the console binds that one types, pressed at a typist's speed after a first
    key (`t`, which is no tag, or a member's number): where the model says typing, the key
    runs nothing and the keys are held; where it says tags, the key runs what the model's
    table says it runs."""
    at_phase(sets_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        by_key = keys_of(screen)
        ran = recorded(screen, by_key)
        codes = [code.key for code in screen.codebook]
        verdicts = set()
        for key, bindings in by_key.items():
            if key not in CHARACTERS and key not in EDITING:
                continue
            screen.held, screen.tags.pending = "", None
            burst = Burst()
            burst.press(first, 0, codes=codes)
            verdict = burst.press(CHARACTERS.get(key, key), 0.05, codes=codes)
            await typist(pilot, keys, first, every=1.0)
            state = screen.key_state()
            ran.clear()
            await typist(pilot, keys, key)
            if verdict is Verdict.typing:
                assert (ran, screen.held) == ([], TYPING), key
            else:
                want = expected(state, bindings)
                assert ran == ([want] if want else []), key
            verdicts.add(verdict)
        assert verdicts == ({Verdict.typing} if first == "t" else {Verdict.typing, Verdict.tags})


# ----------------------------------------------------------------- the mode line

MODES: dict[str, tuple[PhaseKind, tuple[str, ...]]] = {
    "member": (PhaseKind.clarify, ("4",)),
    "typing": (PhaseKind.reflect, ("a", *(STRAY_KEYS[c] for c in "I lead by asking"))),
    "held": (PhaseKind.present, tuple(STRAY_KEYS[c] for c in "I lead by")),
}


@pytest.mark.parametrize("mode", list(MODES))
def test_the_mode_line_says_what_the_next_key_does(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock, mode: str
) -> None:
    kind, keys = MODES[mode]
    at_phase(sets_dir, fake_clock, kind)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        pilot.app.clear_notifications()  # the held keys' notice: the mode line is looked at
        await pilot.pause()

    assert snap_compare(make_app(sets_dir, fake_clock), terminal_size=SIZE, run_before=run_before)
