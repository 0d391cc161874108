"""What the members' voice looks like on the console and the projector: SVG snapshots at fixed
sizes, a fake clock and a fixed day (as tests/test_snapshots.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare, meeting_at
from textual.pilot import Pilot

from actionset import store as disk
from actionset.app import console_app, projector_app
from actionset.members_address import MEMBERS_PAGE_ENV
from actionset.model.meeting import PhaseKind
from actionset.model.voice import DEFAULT_SCALES, answer_line, close_line, release_line, round_line
from actionset.screens.meeting import MeetingScreen
from actionset.screens.projector import ProjectorScreen

AT = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)
ADDRESS = "http://192.168.1.20:8110/voice?token=Pv6InrgQ_2C7ukPYw95n_A"


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def answers(store: disk.SetStore, count: int, *, lines: list[str] | None = None) -> None:
    the_round = store.read_voice(TODAY).voice.open_round
    assert the_round is not None
    for n in range(count):
        ratings = {s.id: 1 + (n + i) % 5 for i, s in enumerate(the_round.statements)}
        line = lines[n] if lines else ""
        store.append_voice(
            TODAY, answer_line(the_round.id, f"phone-{n}-xxxxxxxxxx", AT, ratings, line)
        )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_the_console_counts_a_pulse_at_the_close(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    store = store_of(sets_dir)
    app = console_app(
        store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("A")
        answers(store, 3)
        screen = pilot.app.screen
        assert isinstance(screen, MeetingScreen)
        screen.read_voice()  # as its look once a second would
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.fixture
def held(sets_dir: Path) -> Iterator[disk.SetLock]:
    """The set held as a console holds it, which tells the room what to show."""
    with store_of(sets_dir).lock(meeting=TODAY) as lock:
        yield lock


def test_the_projector_shows_the_members_page_as_a_code(
    snap_compare: SnapCompare,
    sets_dir: Path,
    fake_clock: FakeClock,
    held: disk.SetLock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(MEMBERS_PAGE_ENV, ADDRESS)
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    held.tell_room(address=True)
    app = projector_app(
        store_of(sets_dir), today=TODAY, now=fake_clock, remember_theme=False, served=True
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=follow_files)


def test_the_projector_shows_a_reflections_lines_once_released(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.process_review)
    store = store_of(sets_dir)
    store.append_voice(TODAY, round_line("r1", DEFAULT_SCALES["reflection"], AT))
    lines = ["We listened more than last time", "Advice crept in during the probe", "More silence"]
    answers(store, 3, lines=lines)
    store.append_voice(TODAY, close_line("r1", AT))
    store.append_voice(TODAY, release_line("r1", AT))
    app = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=follow_files)


async def follow_files(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, ProjectorScreen)
    screen.follow()
    await pilot.pause()
