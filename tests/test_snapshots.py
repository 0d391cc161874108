"""What the screens look like: SVG snapshots at fixed sizes, a fake clock and a fixed day.

Nothing drawn may depend on the real time or on where the test runs: the clock is fake, the
zone is UTC (conftest), the day is TODAY and the sets folder is named relative to the test's
working folder.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare, meeting_at, tick, write_meeting
from textual.pilot import Pilot

from actionset import store as disk
from actionset.app import ActionSetApp, console_app, home_app, projector_app


def console(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    store = disk.SetStore(sets_dir / "demo")
    return console_app(
        store, disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def started_minutes_in(
    clock: FakeClock,
    minutes: float,
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Keys for run_before: start the clock, then let `minutes` pass on the fake clock."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("space")
        clock.advance(minutes * 60)
        pilot.app.clear_notifications()  # "Clock started." went minutes ago
        await tick(pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_console_paused_at_start(
    snap_compare: SnapCompare, new_set_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    assert snap_compare(console(new_set_dir, fake_clock), terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_console_running(
    snap_compare: SnapCompare, new_set_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    app = console(new_set_dir, fake_clock)
    assert snap_compare(app, terminal_size=size, run_before=started_minutes_in(fake_clock, 4.5))


def meeting_in_probe(sets_dir: Path, clock: FakeClock, minutes_in: float) -> None:
    """Running in the first presenter's Probe, the phases before it run on time."""
    write_meeting(sets_dir, clock, phases_done=5, minutes_in=minutes_in)


def test_console_tagging_mid_slot(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_in_probe(sets_dir, fake_clock, minutes_in=6)
    app = console(sets_dir, fake_clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("t")
        await tick(pilot)  # the coach looks before the first tag: two prompts wait, one shown
        # Priya open, Helen closed, Gareth advice, Priya open again, Sam leading.
        for number, code in [("1", "q"), ("3", "c"), ("4", "a"), ("1", "q"), ("6", "l")]:
            await pilot.press(number, code)
            fake_clock.advance(40)
        await tick(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_projector_following(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    meeting_in_probe(sets_dir, fake_clock, minutes_in=3)
    app = projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=fake_clock, remember_theme=False
    )
    assert snap_compare(app, terminal_size=size)


def test_projector_on_a_4k_screen(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_in_probe(sets_dir, fake_clock, minutes_in=3)
    app = projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=fake_clock, remember_theme=False
    )
    assert snap_compare(app, terminal_size=(400, 110))


def test_projector_waiting(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=fake_clock, remember_theme=False
    )
    assert snap_compare(app, terminal_size=(80, 24))


def test_home_lists_the_demo_set(
    snap_compare: SnapCompare,
    sets_dir: Path,
    fake_clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(sets_dir.parent)  # the heading names the folder: keep it the same
    app = home_app(disk.SetsFolder(Path("sets")), today=TODAY, now=fake_clock, remember_theme=False)
    assert snap_compare(app, terminal_size=(80, 24))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_set_screen(
    snap_compare: SnapCompare,
    sets_dir: Path,
    fake_clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    monkeypatch.chdir(sets_dir.parent)
    app = home_app(disk.SetsFolder(Path("sets")), today=TODAY, now=fake_clock, remember_theme=False)
    assert snap_compare(app, press=["enter"], terminal_size=size)


def test_projector_summary_in_the_process_review(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    from test_projector import tag_some, to_process_review

    from actionset.model.meeting import SummaryShown

    tag_some(sets_dir, fake_clock)
    to_process_review(sets_dir, fake_clock, SummaryShown.named)
    app = projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=fake_clock, remember_theme=False
    )
    assert snap_compare(app, terminal_size=(120, 40))


PANEL_KINDS = ["check_in", "report_back", "bids", "actions", "reflect", "process_review", "close"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("kind", PANEL_KINDS)
def test_console_with_the_phase_panel(
    snap_compare: SnapCompare,
    sets_dir: Path,
    fake_clock: FakeClock,
    kind: str,
    size: tuple[int, int],
) -> None:
    """Every panel beside the board at 120x40, below a status strip at 80x24."""
    from actionset.model.meeting import PhaseKind

    meeting_at(sets_dir, fake_clock, PhaseKind(kind.replace("_", "-")))
    assert snap_compare(console(sets_dir, fake_clock), terminal_size=size, run_before=tick)


@pytest.mark.parametrize(
    "size", [(80, 24), (100, 30), (120, 40), (160, 48)], ids=["80x24", "100x30", "120x40", "160x48"]
)
def test_console_tag_pane_over_the_panel(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """`t` in the report-back: the pane where the panel was, the board as the panel left it."""
    from actionset.model.meeting import PhaseKind

    meeting_at(sets_dir, fake_clock, PhaseKind.report_back)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("t", "1", "q")
        await tick(pilot)

    assert snap_compare(console(sets_dir, fake_clock), terminal_size=size, run_before=run_before)
