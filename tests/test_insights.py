"""The insights screen: `i` on the home screen opens the highlighted set's history as charts,
computed once in a worker thread; a set of a hundred meetings opens at once."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, FakeClock, SnapCompare, copy_set
from textual.pilot import Pilot
from textual.widgets import LoadingIndicator, OptionList
from textual_plotext import PlotextPlot

from actionset import store as disk
from actionset.app import ActionSetApp, home_app
from actionset.model import history as history_module
from actionset.screens.home import HomeScreen
from actionset.screens.insights import InsightsScreen

VERTICAL = ROOT / "sets" / "ward-to-board"


@pytest.fixture
def vertical_dir(tmp_path: Path) -> Path:
    sets_dir = tmp_path / "sets"
    copy_set(VERTICAL, sets_dir / "ward-to-board")
    return sets_dir


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return home_app(disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False)


def test_the_history_module_does_not_import_textual() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, actionset.model.history, actionset.export.history;"
            " print('textual' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert done.stdout == "False\n"


async def test_i_opens_the_highlighted_sets_insights_and_escape_goes_back(
    vertical_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(vertical_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.set_store.slug == "ward-to-board"
        assert screen.figures is not None and len(screen.figures.meetings) == 8
        assert not screen.query_one(LoadingIndicator).display
        # The members' pulse is a sixth chart, shown only once they gave one.
        shown = [plot for plot in screen.query(PlotextPlot) if plot.parent.display]  # type: ignore[union-attr]
        assert len(shown) == 5
        summary = str(screen.query_one("#summary").render())
        assert "Attendance 94%" in summary and "Outcomes reported back 7" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_history_is_computed_off_the_event_loop(
    vertical_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = history_module.history

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("actionset.screens.insights.history", spy)
    app = make_app(vertical_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(InsightsScreen(disk.SetStore(vertical_dir / "ward-to-board")))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(threads) == 1, "computed once"
        assert threads[0] is not threading.main_thread()


@pytest.fixture(scope="module")
def big_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sets")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_big_set.py"), str(out), "--tags", "60"],
        check=True,
        capture_output=True,
    )
    return out


async def test_a_set_of_a_hundred_meetings_opens_at_once(
    big_set: Path, fake_clock: FakeClock
) -> None:
    app = make_app(big_set, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = InsightsScreen(disk.SetStore(big_set / "long-history"))
        app.push_screen(screen)
        await pilot.pause()
        assert app.screen is screen, "the screen is up while the history is read"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.figures is not None and len(screen.figures.meetings) == 100
        assert screen.query_one("#charts").display


def test_insights_of_the_vertical_set_at_120x40(
    snap_compare: SnapCompare, vertical_dir: Path, fake_clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("i")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(
        make_app(vertical_dir, fake_clock), terminal_size=(120, 40), run_before=run_before
    )


async def test_at_80x24_every_chart_keeps_its_title_and_names_beside_not_over_its_lines(
    vertical_dir: Path, fake_clock: FakeClock
) -> None:
    """At 80x24 the question share and the presenters lost their titles and half their
    names, and the legends covered the first meeting's lines and bars."""
    app = make_app(vertical_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen) and screen.figures is not None
        names = [m.name for m in screen.figures.members]
        drawn = {
            plot.id: "\n".join(plot.render_line(y).text for y in range(plot.size.height))
            for plot in screen.query(PlotextPlot)
        }
        for ident, title in [
            ("share", "Question share"),
            ("advice", "Advice per meeting"),
            ("actions", "Actions reported on"),
            ("attendance", "Attendance"),
            ("presenters", "Rotation: who presented"),
        ]:
            assert title in drawn[ident], (ident, drawn[ident])
        for name in names:
            assert name[:12] in drawn["presenters"], name
            assert name in str(screen.query_one("#share-key").render())
        assert "done" in str(screen.query_one("#actions-key").render())
        assert "away" in str(screen.query_one("#attendance-key").render())
        for ident in ("share", "actions", "attendance"):
            assert "not yet" not in drawn[ident] and names[0] not in drawn[ident], ident
