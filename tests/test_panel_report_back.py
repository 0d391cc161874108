"""The report-back panel: progress, notes, outcomes and values saved at once; turns; carry-over;
what the room sees."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from conftest import TODAY, FakeClock, SnapCompare
from panel_harness import PanelHarness
from textual.pilot import Pilot

from actionset import store as disk
from actionset.model import Meeting
from actionset.model.action import Action, ReportBack, parse_value
from actionset.model.action_status import ActionStatus, Progress
from actionset.model.meeting import AttendanceState, PhaseKind
from actionset.session import open_console
from actionset.widgets.panels import PANELS, ROOM_VIEWS
from actionset.widgets.panels.report_back import (
    ReportBackPanel,
    report_back_for_the_room,
    reports_for,
)

# The demo set's open actions on TODAY, last meeting's presenters (Gareth, Priya) first.
ORDER = [
    "depot-ask-crews",
    "depot-find-others",
    "void-pre-inspection-trial",
    "backlog-board",
    "inspection-options-paper",
]


def harness(sets_dir: Path, clock: FakeClock) -> PanelHarness[ReportBackPanel]:
    return PanelHarness(sets_dir, ReportBackPanel, PhaseKind.report_back, clock)


def saved_actions(sets_dir: Path) -> dict[str, Action]:
    return {a.id: a for a in disk.SetStore(sets_dir / "demo").load_actions()}


def test_the_report_back_panel_is_registered() -> None:
    assert PANELS[PhaseKind.report_back] is ReportBackPanel
    assert ROOM_VIEWS[PhaseKind.report_back] is report_back_for_the_room


async def test_every_open_action_is_listed_grouped_by_member_last_presenters_first(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)):
        panel = app.panel
        assert [a.id for a in panel.rows] == ORDER
        assert [r.member for r in panel.reports][:2] == ["Gareth Lewis", "Priya Shah"]
        shown = "\n".join(str(s.render()) for s in panel.query(".row"))
        for action in panel.rows:
            assert action.text[:30] in shown
        assert "agreed 21 Sep · due 2 Nov" in shown


async def test_progress_keys_note_outcome_and_value_are_saved_at_once(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")  # Gareth's first: done
        saved = saved_actions(sets_dir)["depot-ask-crews"]
        assert saved.status is ActionStatus.done
        assert saved.report_at(TODAY) == ReportBack(meeting=TODAY, progress=Progress.done)
        await pilot.press("down", "2", "down", "3", "down", "4")  # partly, not done, dropped
        saved_all = saved_actions(sets_dir)
        assert [cast(ReportBack, saved_all[i].report_at(TODAY)).progress for i in ORDER[1:4]] == [
            Progress.partly,
            Progress.not_done,
            Progress.dropped,
        ]
        assert saved_all["backlog-board"].status is ActionStatus.dropped
        assert saved_all["depot-find-others"].is_open
        await pilot.press("up", "up", "enter")  # back to depot-find-others, the form
        await pilot.press(*"two depots", "tab", *"crews moved", "tab", *"£4,000", "enter")
        said = saved_actions(sets_dir)["depot-find-others"].report_at(TODAY)
        assert said == ReportBack(
            meeting=TODAY,
            progress=Progress.partly,
            note="two depots",
            outcome="crews moved",
            value=4000,
            value_unit="GBP",
        )
        in_session = {a.id: a for a in app.session.actions}["depot-find-others"]
        assert in_session.report_at(TODAY) == said
        await pilot.press("1")  # a change of progress keeps what was said
        said = saved_actions(sets_dir)["depot-find-others"].report_at(TODAY)
        assert said is not None
        assert said.progress is Progress.done and said.note == "two depots"


async def test_enter_after_a_mark_opens_the_form_of_the_action_just_marked(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """A member says how far it got and what came of it in one breath: 2 then enter is the
    note for that action, and a mark keyed wrongly is put right with the next key."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "3", "2")
        assert app.panel.rows[app.panel.cursor].id == "depot-find-others"
        assert saved_actions(sets_dir)["void-pre-inspection-trial"].report_at(TODAY) is None
        await pilot.press("enter")
        assert len(app.screen_stack) == 2, "the form, not a warning"
        await pilot.press(*"two depots", "enter")
        await pilot.pause()
        assert not app._notifications
    said = saved_actions(sets_dir)["depot-find-others"].report_at(TODAY)
    assert said == ReportBack(meeting=TODAY, progress=Progress.partly, note="two depots")


async def test_the_form_waits_for_progress_and_refuses_a_bad_value(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert len(app.screen_stack) == 1, "no form before the progress is known"
        await pilot.press("2", "enter", "tab", "tab", *"lots", "enter")
        assert len(app.screen_stack) == 2, "a value that is not a number is refused"
        await pilot.press("ctrl+u", *"12 hours", "enter")
        said = saved_actions(sets_dir)["depot-ask-crews"].report_at(TODAY)
        assert said is not None
        assert (said.value, said.value_unit) == (12, "hours")


async def test_the_heading_shows_who_is_reporting_and_their_time(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """The heading names the member the ▶ is on, with the time since they began against their
    share of the phase: past their share, it stays with them, in red."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        heading = app.panel.query_one("#heading")
        # The phase's time shared among 4 members with open actions.
        assert app.clock.phase is not None
        seconds = app.clock.phase.allotted // 4
        share = f"{seconds // 60}:{seconds % 60:02d}"
        assert f"Gareth Lewis · 0:00 of {share}" in str(heading.render())
        fake_clock.advance(seconds + 70)
        app.panel.follow(app.clock)
        await pilot.pause()
        over = seconds + 70
        assert f"Gareth Lewis · {over // 60}:{over % 60:02d} of {share}" in str(heading.render())
        marker = [str(s.render()) for s in app.panel.query(".member")]
        assert marker[0].startswith("▶ Gareth Lewis"), "the ▶ stays with the member reporting"
        await pilot.press("down", "down")  # Priya's action: her time runs from now
        assert f"Priya Shah · 0:00 of {share}" in str(heading.render())
        fake_clock.advance(70)
        app.panel.follow(app.clock)
        await pilot.pause()
        assert f"Priya Shah · 1:10 of {share}" in str(heading.render())


async def test_show_notes_to_the_room_is_kept_on_the_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        saved = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
        assert saved is not None and saved.shows_report_notes
        await pilot.press("s")
        saved = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
        assert saved is not None and not saved.shows_report_notes
        assert "report_notes_shown" not in disk.SetStore(sets_dir / "demo").meeting_path(
            TODAY
        ).read_text(encoding="utf-8"), "hidden is the default, not written"


async def test_the_next_meeting_lists_exactly_the_actions_carried_forward(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        # done, partly, not done, dropped; one not said
        await pilot.press("1", "down", "2", "down", "3", "down", "4")
    result = subprocess.run(
        [sys.executable, "-m", "actionset", "check", "demo", "--sets-dir", str(sets_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    store = disk.SetStore(sets_dir / "demo")
    later = TODAY + dt.timedelta(weeks=6)
    with open_console(store, disk.SetsFolder(sets_dir), later) as session:
        reports = reports_for(
            session.meeting, session.actions, session.the_set, session.past_meetings
        )
        carried = [a.id for r in reports for a in r.actions]
    assert sorted(carried) == sorted(
        ["depot-find-others", "void-pre-inspection-trial", "inspection-options-paper"]
    )


async def test_members_away_are_not_listed(sets_dir: Path, fake_clock: FakeClock) -> None:
    store = disk.SetStore(sets_dir / "demo")
    roster = [m.name for m in store.load_set().current_members]
    app = harness(sets_dir, fake_clock)
    app.session.meeting.set_attendance("Tom Reyes", AttendanceState.apologies, roster)
    app.panel = ReportBackPanel(app.session, app.clock, id="panel")
    async with app.run_test(size=(120, 40)):
        assert "backlog-board" not in [a.id for a in app.panel.rows]
        assert "Tom Reyes" not in [r.member for r in app.panel.reports]


def room_view(sets_dir: Path, meeting: Meeting, clock: FakeClock) -> str:
    store = disk.SetStore(sets_dir / "demo")
    view = report_back_for_the_room(meeting, store.load_actions(), [], store.load_set(), now=clock)
    assert view is not None
    return view.plain


async def test_the_room_sees_progress_but_not_the_notes_unless_shown(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(
            "down",
            "down",
            "2",
            "enter",
            *"secret note",
            "tab",
            *"faster voids",
            "tab",
            *"10 hours",
            "enter",
        )
        meeting = app.session.meeting
    # with no meeting before it the order is the roster's: Priya, Tom, Gareth, Sam
    text = room_view(sets_dir, meeting, fake_clock)
    assert text.startswith("▶ Priya Shah\n  ◐ Trial a pre-void inspection")
    assert "secret note" not in text and "faster voids" not in text and "10 hours" not in text
    assert "Waiting: Tom Reyes (1), Gareth Lewis (2), Sam Whitaker (1)" in text
    meeting.toggle_report_notes()
    shown = room_view(sets_dir, meeting, fake_clock)
    assert "secret note" in shown and "outcome: faster voids" in shown and "10 hours" in shown


def test_report_notes_shown_toggles_and_is_unset_when_hidden() -> None:
    meeting = Meeting(date=TODAY)
    assert not meeting.shows_report_notes and meeting.report_notes_shown is None
    assert meeting.toggle_report_notes() and meeting.report_notes_shown is True
    assert not meeting.toggle_report_notes() and meeting.report_notes_shown is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("", (None, "")),
        ("4000", (4000, "GBP")),
        ("£4,000", (4000, "GBP")),
        ("€300", (300, "EUR")),
        ("12 hours", (12, "hours")),
        ("2.5h", (2.5, "hours")),
        ("300 chf", (300, "CHF")),
    ],
)
def test_a_value_as_typed(typed: str, value: tuple[object, str]) -> None:
    assert parse_value(typed) == value


@pytest.mark.parametrize("typed", ["lots", "£4000 GBP", "12 days", "-3"])
def test_a_value_that_is_not_one(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_value(typed)


def test_report_back_panel_snapshot(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press(
            "1",
            "down",
            "2",
            "enter",
            *"crews moved to the new rota",
            "tab",
            *"one depot closed early",
            "tab",
            *"£4,000",
            "enter",
        )
        fake_clock.advance(190)
        app = cast(PanelHarness[ReportBackPanel], pilot.app)
        app.panel.follow(app.clock)
        await pilot.pause()

    assert snap_compare(
        harness(sets_dir, fake_clock), terminal_size=(120, 40), run_before=run_before
    )


def room_now(app: PanelHarness[ReportBackPanel], sets_dir: Path, clock: FakeClock) -> str:
    """What the projector shows of the report-back, from the files the console saved."""
    store = disk.SetStore(sets_dir / "demo")
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    view = report_back_for_the_room(
        meeting,
        store.load_actions(),
        [],
        store.load_set(),
        past=app.session.past_meetings,
        now=clock,
    )
    assert view is not None
    return view.plain


async def test_the_marker_follows_the_cursor_on_the_console_and_in_the_room(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """The member reporting is the one whose action is highlighted, not whoever's time-box the
    clock has reached: the room was shown the wrong member."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:

        def members() -> list[str]:
            return [str(s.render()) for s in app.panel.query(".member")]

        def rows() -> list[str]:
            return [str(s.render()) for s in app.panel.query(".row")]

        assert members()[0].startswith("▶ Gareth Lewis")
        assert rows()[0].startswith("▶ ") and not rows()[1].startswith("▶")
        assert room_now(app, sets_dir, fake_clock).startswith("▶ Gareth Lewis\n")
        await pilot.press("down", "down")  # Priya's action
        assert members()[1].startswith("▶ Priya Shah") and not members()[0].startswith("▶")
        assert rows()[2].startswith("▶ ") and not rows()[0].startswith("▶")
        assert app.session.meeting.reporting == "Priya Shah"
        assert room_now(app, sets_dir, fake_clock).startswith("▶ Priya Shah\n")
        fake_clock.advance(30 * 60)  # every time-box has gone by: the ▶ stays where it is
        app.panel.follow(app.clock)
        await pilot.pause()
        assert members()[1].startswith("▶ Priya Shah")
        assert room_now(app, sets_dir, fake_clock).startswith("▶ Priya Shah\n")
    again = harness(sets_dir, fake_clock)
    async with again.run_test(size=(120, 40)):
        assert again.panel.rows[again.panel.cursor].id == "void-pre-inspection-trial"


async def test_waiting_lists_only_the_members_with_something_still_to_say(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        start = room_now(app, sets_dir, fake_clock)
        assert "Waiting: Priya Shah (1), Tom Reyes (1), Sam Whitaker (1)" in start
        await pilot.press("down", "down")  # Priya first; Gareth has still to say
        assert "Waiting: Gareth Lewis (2), Tom Reyes (1), Sam Whitaker (1)" in room_now(
            app, sets_dir, fake_clock
        )
        await pilot.press("1", "up", "2", "up", "1", "down", "down", "down")  # then Gareth
        assert "Waiting: Sam Whitaker (1)" in room_now(app, sets_dir, fake_clock)
        await pilot.press("3", "down", "4")
        assert "Waiting" not in room_now(app, sets_dir, fake_clock)
