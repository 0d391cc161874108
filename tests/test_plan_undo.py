"""Undo of the changes of plan: each puts the meeting file back byte for byte (ctrl+z)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, meeting_at, write_meeting
from test_console import make_app
from test_console_screens import notices

from actionset import store as disk
from actionset.model.bids import confirm_presenters
from actionset.model.clock import MeetingClock
from actionset.model.meeting import Bid, PhaseKind, PhaseStatus, PlanChange
from actionset.model.members import roll
from actionset.screens.meeting import MeetingScreen
from actionset.screens.roster import ChooseMembersScreen
from actionset.widgets.panels.base import PhasePanel
from actionset.widgets.panels.bids import BidsPanel

CHANGES: dict[str, Callable[[MeetingClock], object]] = {
    "rebalance": MeetingClock.rebalance,
    "break": MeetingClock.insert_break,
    "+1": lambda clock: clock.adjust(60),
    "-1": lambda clock: clock.adjust(-60),
    "+5": lambda clock: clock.adjust(300),
    "-5": lambda clock: clock.adjust(-300),
    "skip": MeetingClock.skip,
    "skip a later phase": lambda clock: clock.skip(clock.index + 2),
    "next": MeetingClock.next,
    "previous": MeetingClock.previous,
    "running order": lambda clock: confirm_presenters(
        clock, [Bid(member="Mei Lin Chen", minutes=50), Bid(member="Tom Reyes")]
    ),
}


def meeting_bytes(sets_dir: Path) -> bytes:
    return disk.SetStore(sets_dir / "demo").meeting_path(TODAY).read_bytes()


def behind(sets_dir: Path, clock: FakeClock) -> tuple[disk.SetStore, MeetingClock]:
    """Today's meeting on disk, running, two minutes into its second phase (the bids: a set's
    first meeting has no report-back) and ten minutes behind, opened again as the console
    opens it: no change of plan made yet."""
    store, meeting_clock = write_meeting(sets_dir, clock, phases_done=0, minutes_in=0)
    clock.advance(meeting_clock.remaining() + 600)
    meeting_clock.next()
    clock.advance(120)
    meeting_clock.meeting.keep_roll(roll(store.load_set(), TODAY))  # as leaving the check-in did
    store.save_meeting(meeting_clock.meeting)
    return store, opened(store, clock)


def opened(store: disk.SetStore, clock: FakeClock) -> MeetingClock:
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    return MeetingClock(meeting, clock)


@pytest.mark.parametrize("change", CHANGES)
def test_undo_puts_the_meeting_file_back_byte_for_byte(
    change: str, new_set_dir: Path, fake_clock: FakeClock
) -> None:
    store, clock = behind(new_set_dir, fake_clock)
    before = meeting_bytes(new_set_dir)
    CHANGES[change](clock)
    store.save_meeting(clock.meeting)
    assert meeting_bytes(new_set_dir) != before, "the change changed nothing"
    assert len(clock.history.steps) == 1
    fake_clock.advance(45)  # the facilitator sees it, then presses ctrl+z
    assert clock.history.undo(clock) is not None
    store.save_meeting(clock.meeting)
    assert meeting_bytes(new_set_dir) == before
    assert not clock.history.steps


def test_undoing_the_end_of_a_break_returns_to_the_break(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    store, clock = behind(new_set_dir, fake_clock)
    clock.insert_break()
    fake_clock.advance(90)
    store.save_meeting(clock.meeting)
    before = meeting_bytes(new_set_dir)
    assert clock.end_break() is False  # ended early, kept in the record
    fake_clock.advance(10)
    clock.history.undo(clock)
    store.save_meeting(clock.meeting)
    assert meeting_bytes(new_set_dir) == before
    assert clock.on_inserted_break and clock.elapsed() == pytest.approx(100)
    clock.history.undo(clock)
    assert not any(phase.added for phase in clock.agenda)


def test_undoing_next_returns_to_the_phase_with_the_time_spent_since(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """The wall clock keeps running: undoing `n` a minute later is as if it was never pressed."""
    clock = opened(
        write_meeting(new_set_dir, fake_clock, phases_done=1, minutes_in=2)[0], fake_clock
    )
    phase = clock.index
    clock.next()
    fake_clock.advance(60)
    clock.history.name("Next.")
    assert clock.history.undo(clock) == "Next."
    assert clock.index == phase and clock.running
    assert clock.elapsed() == pytest.approx(180)
    assert clock.agenda[phase + 1].status is PhaseStatus.pending


def test_a_pause_since_the_change_stays_after_its_undo(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    clock = opened(
        write_meeting(new_set_dir, fake_clock, phases_done=1, minutes_in=2)[0], fake_clock
    )
    clock.next()
    fake_clock.advance(30)
    clock.pause()
    fake_clock.advance(600)  # paused: this time counts nowhere
    clock.history.undo(clock)
    assert not clock.running
    assert clock.index == 1 and clock.elapsed() == pytest.approx(150)


def test_changes_undo_newest_first_and_a_change_inside_another_is_part_of_it(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    store, clock = behind(new_set_dir, fake_clock)
    first = meeting_bytes(new_set_dir)
    clock.adjust(300)
    store.save_meeting(clock.meeting)
    second = meeting_bytes(new_set_dir)
    CHANGES["running order"](clock)  # it rebalances inside: one change, not two
    assert len(clock.history.steps) == 2
    clock.history.undo(clock)
    store.save_meeting(clock.meeting)
    assert meeting_bytes(new_set_dir) == second
    clock.history.undo(clock)
    store.save_meeting(clock.meeting)
    assert meeting_bytes(new_set_dir) == first
    assert clock.history.undo(clock) is None


def test_a_change_that_changes_nothing_is_not_recorded(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    clock = opened(
        write_meeting(new_set_dir, fake_clock, phases_done=0, minutes_in=1)[0], fake_clock
    )
    clock.adjust(-60 * 60)  # down to the minute used, then no further
    clock.history.name("Less time.")
    assert clock.adjust(-60) == 0
    assert not clock.history.name("Less time again.")  # nothing recorded: no notice
    assert len(clock.history.steps) == 1


def test_nothing_to_undo_once_the_plan_changed_by_other_means(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """Attendance sharing the slots out again is not undone: undo would put back slots
    for members not here, so the history stops there."""
    clock = opened(
        write_meeting(new_set_dir, fake_clock, phases_done=1, minutes_in=2)[0], fake_clock
    )
    clock.adjust(60)
    meeting = clock.meeting
    meeting.changes.append(PlanChange(at=meeting.changes[-1].at, change="slot removed", phase="A"))
    changed = meeting.model_dump()
    assert clock.history.undo(clock) is None
    assert meeting.model_dump() == changed
    assert not clock.history.steps


# ---------------------------------------------------------------------------- in the console


KEYS = {
    "r": ("r",),
    "b": ("b",),
    "+": ("plus",),
    "-": ("minus",),
    "]": ("right_square_bracket",),
    "[": ("left_square_bracket",),
    "n": ("n",),
    "p": ("p",),
    "w": ("w", "space", "down", "space", "enter"),
}


async def test_each_key_that_changes_the_plan_says_so_and_ctrl_z_puts_the_file_back(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    behind(new_set_dir, fake_clock)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        for name, keys in [*KEYS.items(), ("skip", ())]:
            await app.saved()
            before = meeting_bytes(new_set_dir)
            app.clear_notifications()
            if keys:
                await pilot.press(*keys)
            else:
                screen.action_skip()  # the command palette's "Skip this phase"
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen), name
            await app.saved()
            assert meeting_bytes(new_set_dir) != before, name
            said = notices(app)[-1]
            assert said.endswith("ctrl+z undoes it."), (name, said)
            fake_clock.advance(20)
            app.clear_notifications()
            await pilot.press("ctrl+z")
            await app.saved()
            assert meeting_bytes(new_set_dir) == before, name
            assert notices(app)[-1].startswith("Undone: "), name
        await pilot.press("ctrl+z")
        assert notices(app)[-1] == "No change of plan to undo."


async def test_ctrl_z_after_leaving_the_check_in_forgets_the_roll_it_recorded(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.saved()
        before = meeting_bytes(new_set_dir)
        await pilot.press("n")
        await app.saved()
        meeting = disk.SetStore(new_set_dir / "demo").load_meeting(TODAY)
        assert meeting is not None and meeting.attendance.taken
        await pilot.press("ctrl+z")
        await app.saved()
        assert meeting_bytes(new_set_dir) == before


async def test_ctrl_z_undoes_the_bids_confirmation(sets_dir: Path, fake_clock: FakeClock) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.bids)
    store = disk.SetStore(sets_dir / "demo")
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    meeting.keep_roll(roll(store.load_set(), TODAY))  # as leaving the check-in did
    store.save_meeting(meeting)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y", "down", "y")  # two members bid
        await app.saved()
        before = meeting_bytes(sets_dir)
        await pilot.press("enter")
        await app.saved()
        panel = app.screen.query_one(BidsPanel)
        assert panel.confirmed and meeting_bytes(sets_dir) != before
        assert notices(app)[-1].endswith("ctrl+z undoes it.")
        await pilot.press("ctrl+z")
        await app.saved()
        assert meeting_bytes(sets_dir) == before
        panel = app.screen.query_one(BidsPanel)
        assert not panel.confirmed
        assert app.focused is panel
        assert not isinstance(app.screen, ChooseMembersScreen)


def test_a_meeting_file_as_actionset_writes_it_reads_back_to_the_same_text(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """An empty attendance was written as a bare `[attendance]` that reading and writing
    again leaves out: the file looked edited by hand, each console's first save then kept its
    layout, and undoing a change left a blank line where its record had been."""
    import tomli

    from actionset.store import dump_toml

    _, clock = write_meeting(new_set_dir, fake_clock, phases_done=0, minutes_in=1)
    assert not clock.meeting.attendance.taken
    text = meeting_bytes(new_set_dir)
    assert dump_toml(tomli.loads(text.decode())) == text


async def test_ctrl_z_back_to_a_phase_with_no_panel_takes_the_panel_away(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """n from the probe to the actions, then ctrl+z: the probe has no panel, so the actions'
    panel goes with the undo, and a then tags instead of opening "New action"."""
    meeting_at(sets_dir, fake_clock, PhaseKind.probe)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.panel is None
        await pilot.press("n")
        assert screen.clock.phase is not None and screen.clock.phase.kind is PhaseKind.actions
        assert screen.panel is not None
        await pilot.press("ctrl+z")
        assert screen.clock.phase is not None and screen.clock.phase.kind is PhaseKind.probe
        assert screen.panel is None and not screen.query(PhasePanel)
        await pilot.press("2", "a")
        assert isinstance(app.screen, MeetingScreen)
        assert [c.code for c in screen.tags.contributions] == ["advice"]


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("space", "Clock paused."),
        ("m", "Chime muted: no chime at the end of a phase."),
        ("v", "The clock shows the time spent in the phase."),
    ],
)
async def test_the_clocks_own_keys_say_what_they_did_and_ctrl_z_undoes_them(
    new_set_dir: Path, fake_clock: FakeClock, key: str, said: str
) -> None:
    """Space, m and v change the meeting file as the plan's keys do (the room's clock runs or
    stops, chimes or not, shows another view): each says so, and ctrl+z puts the file back."""
    behind(new_set_dir, fake_clock)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.saved()
        before = meeting_bytes(new_set_dir)
        app.clear_notifications()
        await pilot.press(key)
        await app.saved()
        assert meeting_bytes(new_set_dir) != before
        assert notices(app)[-1] == f"{said} ctrl+z undoes it."
        fake_clock.advance(20)
        await pilot.press("ctrl+z")
        await app.saved()
        assert meeting_bytes(new_set_dir) == before
        assert notices(app)[-1].startswith(f"Undone: {said}")


async def test_the_console_says_the_chime_is_off_for_as_long_as_it_is(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """Once the notice has gone, the phase's title on the console still says the chime is
    off; the room's projector is not told."""
    from actionset.model.clock_words import face

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        title = screen.query_one("#phase")
        assert "chime off" not in str(title.render())
        await pilot.press("m")
        await pilot.pause()
        assert str(title.render()).endswith("  (chime off)")
        assert "chime off" not in face(screen.clock).title  # what the projector draws
        await pilot.press("m")
        await pilot.pause()
        assert "chime off" not in str(title.render())
