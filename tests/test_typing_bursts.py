"""A key pressed on its own is a command; a burst of typing is not: what its first keys did is
undone, nothing waits to be shown, and the keys are held with one notice. The console is
given a typist's key clock here (`typist`: a key every 0.05 s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare, demo_console, tagged_before, typist
from test_console_screens import notices
from test_console_typing import at_phase, console, store_of, what_stands
from textual.pilot import Pilot

from actionset.app import ActionSetApp
from actionset.model.keyboard import TYPING, TYPING_NOTICE
from actionset.model.meeting import PhaseKind, SummaryShown
from actionset.model.members import roll
from actionset.screens.console_keys import STRAY_KEYS
from actionset.screens.meeting import MeetingScreen

SIZE = (80, 24)


def at(sets_dir: Path, clock: FakeClock, kind: PhaseKind) -> None:
    """Today's meeting at the first phase of `kind` (`at_phase`), with the roll recorded as
    leaving the check-in records it."""
    at_phase(sets_dir, clock, kind)
    if kind is not PhaseKind.check_in:
        store = store_of(sets_dir)
        meeting = store.load_meeting(TODAY)
        assert meeting is not None
        meeting.keep_roll(roll(store.load_set(), TODAY))
        store.save_meeting(meeting)


def meeting_bytes(sets_dir: Path) -> bytes:
    return store_of(sets_dir).meeting_path(TODAY).read_bytes()


def letters(text: str) -> list[str]:
    return [STRAY_KEYS[char] for char in text]


async def settled(pilot: Pilot[None], app: ActionSetApp) -> None:
    await pilot.pause()
    await app.saved()


def assert_held_by_typing(app: ActionSetApp) -> None:
    screen = console(app)
    assert screen.held == TYPING
    assert notices(app).count(TYPING_NOTICE) == 1


WORDS = {
    "space": " then",
    "n": "next week",
    "p": "perhaps",
    "r": "really",
    "b": "but why",
    "m": "maybe",
    "v": "very",
    "plus": "+1 from me",
    "t": "then",
    "u": "us",
}
"""A console key, and a few words that begin with it."""


@pytest.mark.parametrize("key", list(WORDS))
async def test_the_first_letter_of_a_word_runs_no_command(
    new_set_dir: Path, fake_clock: FakeClock, key: str
) -> None:
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    tagged_before(new_set_dir, fake_clock, "3q")  # a tag `u` could undo
    before = what_stands(new_set_dir)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        file = meeting_bytes(new_set_dir)  # as the console opened it
        screen = console(app)
        pane = screen.tagging
        await typist(pilot, keys, *letters(WORDS[key]))
        await settled(pilot, app)
        assert_held_by_typing(app)
        assert screen.tagging is pane
        assert len(screen.tags.standing) == 1
        assert isinstance(app.screen, MeetingScreen)
    assert what_stands(new_set_dir) == before
    assert meeting_bytes(new_set_dir) == file


async def test_a_digit_and_a_code_at_the_start_of_a_word_tag_nobody(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """ "3am" typed fast: 3 then a would tag member 3 with advice; the m after them makes it
    typing, and the tag is undone before the coach or the room sees it."""
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        await typist(pilot, keys, *letters("3am then"))
        await settled(pilot, app)
        assert_held_by_typing(app)
        assert not screen.tags.standing
        assert screen.tags.pending is None
        assert not screen.coach.waiting()


async def test_tags_pressed_as_fast_as_typing_stay_tags(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        await typist(pilot, keys, "3", "q", "4", "c", "3", "a", every=0.05)
        keys.advance(1)
        await screen.try_standing()  # the timer after the interval
        await settled(pilot, app)
        assert not screen.held
        assert [c.code for c in screen.tags.contributions] == [
            "open-question",
            "closed-question",
            "advice",
        ]


async def test_h_then_spaces_and_enter_marks_no_one_away(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """In the check-in, h opened the list of who is here, the spaces typed next ticked the
    first member (a presenter) off it and enter sent them to the apologies."""
    at(sets_dir, fake_clock, PhaseKind.check_in)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        before = meeting_bytes(sets_dir)
        await typist(pilot, keys, "h", "space", "space", "enter")
        await settled(pilot, app)
        assert isinstance(app.screen, MeetingScreen)
        assert_held_by_typing(app)
        meeting = console(app).clock.meeting
        assert not meeting.attendance.apologies and not meeting.attendance.absent
    assert meeting_bytes(sets_dir) == before


@pytest.mark.parametrize("typed", [("o", "o"), ("O", "K")], ids=["o o", "OK"])
async def test_o_typed_on_names_no_one_to_the_room(
    sets_dir: Path, fake_clock: FakeClock, typed: tuple[str, str]
) -> None:
    """`o o`, or `OK` typed in the process review: the summary and its names wait for the key
    to stand alone, and the burst holds the keys, so the room never sees who asked what."""
    at(sets_dir, fake_clock, PhaseKind.process_review)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await typist(pilot, keys, *typed)
        await settled(pilot, app)
        assert_held_by_typing(app)
        assert console(app).clock.meeting.summary is None
    meeting = store_of(sets_dir).load_meeting(TODAY)
    assert meeting is not None and meeting.summary is None


async def test_o_alone_shows_the_room_once_it_stands_alone(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """`o` waits the typing interval, by the key clock, before the room sees the summary."""
    at(sets_dir, fake_clock, PhaseKind.process_review)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        await typist(pilot, keys, "o")
        await screen.try_standing()  # the timer, before the interval is up: not yet
        await settled(pilot, app)
        assert screen.clock.meeting.summary is None
        keys.advance(0.2)
        await screen.try_standing()
        await settled(pilot, app)
        assert screen.clock.meeting.summary is SummaryShown.anonymous
        assert not screen.held
    meeting = store_of(sets_dir).load_meeting(TODAY)
    assert meeting is not None and meeting.summary is SummaryShown.anonymous


async def test_n_alone_moves_on_at_once_and_the_room_sees_it_once_it_stands_alone(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        before = meeting_bytes(new_set_dir)
        screen = console(app)
        phase = screen.clock.index
        await typist(pilot, keys, "n")
        await settled(pilot, app)
        assert screen.clock.index == phase + 1  # the console moved on
        assert meeting_bytes(new_set_dir) == before  # the room has not yet
        assert not any("ctrl+z undoes it" in n for n in notices(app))
        keys.advance(0.2)
        await screen.try_standing()
        await settled(pilot, app)
        assert meeting_bytes(new_set_dir) != before
        assert notices(app)[-1].endswith("ctrl+z undoes it.")


async def test_a_member_marked_absent_is_not_asked_about_by_typing(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """3 then a, for a member who sent apologies, asks whether to mark them present: typed on
    ("3ayes"), the y would have answered it."""
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    store = store_of(new_set_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    the_set = store.load_set()
    away = the_set.members[2].name
    meeting.attendance.apologies = [away]
    meeting.attendance.present = [m.name for m in the_set.members if m.name != away]
    store.save_meeting(meeting)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await typist(pilot, keys, *letters("3ayes"))
        await settled(pilot, app)
        assert isinstance(app.screen, MeetingScreen)
        assert_held_by_typing(app)
        assert console(app).clock.meeting.attendance.apologies == [away]


async def test_a_panels_letter_waits_until_it_stands_alone(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """In the bids, y (a bid) then words typed fast: no bid."""
    at(sets_dir, fake_clock, PhaseKind.bids)
    keys = FakeClock(0)
    app = demo_console(sets_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        before = meeting_bytes(sets_dir)
        await typist(pilot, keys, *letters("yes please"))
        await settled(pilot, app)
        assert_held_by_typing(app)
        assert not console(app).clock.meeting.bids
    assert meeting_bytes(sets_dir) == before


async def test_escape_gives_the_keys_back_after_a_burst(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        await typist(pilot, keys, *letters("no way"))
        assert screen.held == TYPING
        await typist(pilot, keys, "escape", every=1)
        assert not screen.held
        phase = screen.clock.index
        await typist(pilot, keys, "n", every=1)
        assert screen.clock.index == phase + 1


async def test_a_question_mark_typed_on_opens_no_help(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """ "shall we begin at 10am?": the keys held since the second letter, the ? at the end
    opened the help over the console, and the escape meant to resume closed it instead."""
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)
    app = demo_console(new_set_dir, fake_clock, keys=keys)
    async with app.run_test(size=SIZE) as pilot:
        screen = console(app)
        await typist(pilot, keys, *letters("shall we begin at 10am?"))
        await settled(pilot, app)
        assert app.screen is screen
        await typist(pilot, keys, "escape", every=1)
        assert not screen.held


def test_the_console_after_a_burst_of_typing(
    snap_compare: SnapCompare, new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """The mode line held, amber, and the burst's one notice."""
    at(new_set_dir, fake_clock, PhaseKind.clarify)
    keys = FakeClock(0)

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.clear_notifications()  # the console's notices on opening
        await typist(pilot, keys, *letters("no way"))
        await pilot.pause()

    app = demo_console(new_set_dir, fake_clock, keys=keys)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
