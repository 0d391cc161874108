"""The report-back's form asks for the value ledger: the share due to the set, how sure its
owner is, its kind and who confirmed it, the defaults filled in; it fits 80x24."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare
from panel_harness import PanelHarness
from textual.pilot import Pilot
from textual.widgets import Input, Select

from actionset import store as disk
from actionset.model.action import ReportBack
from actionset.model.action_status import Progress
from actionset.model.ledger import Evidence, OutcomeKind
from actionset.model.meeting import PhaseKind
from actionset.widgets.panels.report_back import ReportBackPanel
from actionset.widgets.panels.report_form import ReportForm, parse_percent


def harness(sets_dir: Path, clock: FakeClock) -> PanelHarness[ReportBackPanel]:
    return PanelHarness(sets_dir, ReportBackPanel, PhaseKind.report_back, clock)


def said(sets_dir: Path, action: str = "depot-ask-crews") -> ReportBack | None:
    actions = {a.id: a for a in disk.SetStore(sets_dir / "demo").load_actions()}
    return actions[action].report_at(TODAY)


async def test_the_form_fills_the_defaults_and_saves_the_ledger_as_said(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")
        form = app.screen
        assert isinstance(form, ReportForm)
        assert form.query_one("#attribution", Input).value == "50"
        assert form.query_one("#confidence", Input).value == "50"
        assert form.query_one("#kind", Select).value is OutcomeKind.intangible
        assert form.query_one("#evidence", Select).value is Evidence.self_reported
        await pilot.press("tab", *"crews moved", "tab", *"12 hours")
        assert form.query_one("#kind", Select).value is OutcomeKind.time, "it follows hours"
        form.query_one("#kind", Select).value = OutcomeKind.quality
        form.query_one("#evidence", Select).value = Evidence.confirmed_by_manager
        form.query_one("#attribution", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"60", "tab", "ctrl+a", "ctrl+k", *"80", "enter")
        assert len(app.screen_stack) == 1
    assert said(sets_dir) == ReportBack(
        meeting=TODAY,
        progress=Progress.done,
        outcome="crews moved",
        value=12,
        value_unit="hours",
        attribution=60,
        confidence=80,
        kind=OutcomeKind.quality,
        evidence=Evidence.confirmed_by_manager,
    )


async def test_defaults_left_as_they_are_stay_out_of_the_file(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "tab", *"crews moved", "tab", *"£4,000", "enter")
    saved = said(sets_dir)
    assert saved is not None
    assert (saved.attribution, saved.confidence, saved.kind, saved.evidence) == (None,) * 4
    assert saved.ledger.kind is OutcomeKind.saving


async def test_a_percent_that_is_not_one_is_refused_in_words(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "tab", *"crews moved")
        form = app.screen
        form.query_one("#confidence", Input).focus()
        await pilot.press("ctrl+a", "ctrl+k", *"120", "enter")
        assert len(app.screen_stack) == 2, "the form stays"
        problem = str(form.query_one("#problem").render())
        assert problem == "how sure is a percent from 0 to 100"
        assert form.focused is form.query_one("#confidence", Input)
        await pilot.press("ctrl+a", "ctrl+k", *"90", "enter")
    saved = said(sets_dir)
    assert saved is not None and saved.confidence == 90


@pytest.mark.parametrize(
    ("typed", "percent"), [("60", 60), ("62.5", 62.5), ("0", 0), ("100%", 100)]
)
def test_a_percent_as_typed(typed: str, percent: float) -> None:
    assert parse_percent(typed, "due to the set") == percent


def test_the_report_form_at_80x24_snapshot(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("1", "enter", "tab", *"two depots share one rota", "tab", *"12 hours")
        await pilot.pause()

    assert snap_compare(
        harness(sets_dir, fake_clock), terminal_size=(80, 24), run_before=run_before
    )
