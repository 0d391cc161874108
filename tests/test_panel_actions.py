"""The actions panel: each action captured, edited or removed is in actions.toml at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare, paste
from panel_harness import PanelHarness
from textual.pilot import Pilot
from textual.widgets import Input

from actionset import cli
from actionset import store as disk
from actionset.model import Action
from actionset.model.agenda import assign_presenters
from actionset.model.issue import IssueStatus
from actionset.model.meeting import PhaseKind, Presentation
from actionset.model.record import due_default
from actionset.screens.yes_no import YesNoScreen
from actionset.widgets.panels import PANELS, ROOM_VIEWS
from actionset.widgets.panels.actions import ActionForm, ActionsPanel, actions_for_the_room

PRESENTERS = {"Priya Shah": "void-turnaround", "Tom Reyes": "backlog-morale"}


def harness(
    sets_dir: Path,
    clock: FakeClock,
    presenters: dict[str, str] | None = None,
    kind: PhaseKind = PhaseKind.actions,
) -> PanelHarness[ActionsPanel]:
    """The panel in the first presenter's actions, with today's presenters chosen (as the
    bids would) and each linked to their issue."""
    app = PanelHarness(sets_dir, ActionsPanel, kind, clock)
    chosen = PRESENTERS if presenters is None else presenters
    if chosen:
        meeting = app.session.meeting
        assign_presenters(meeting.agenda, list(chosen))
        meeting.presenters = [
            Presentation(member=name, issue=issue) for name, issue in chosen.items()
        ]
        app.session.save_meeting()
    return app


def on_disk(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def agreed_today(sets_dir: Path) -> list[Action]:
    return [a for a in on_disk(sets_dir).load_actions() if a.agreed_at == TODAY]


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*(" " if c == " " else c for c in text))


def check_passes(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> None:
    capsys.readouterr()
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert code == 0, out + err


def test_the_panel_is_registered_for_the_actions_phase() -> None:
    assert PANELS[PhaseKind.actions] is ActionsPanel
    assert ROOM_VIEWS[PhaseKind.actions] is actions_for_the_room


async def test_an_action_is_captured_for_the_presenter_on_their_issue(
    sets_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.panel
        assert isinstance(panel, ActionsPanel) and panel.presenter == "Priya Shah"
        assert panel.wants_to_leave() is not None
        await pilot.press("a")
        assert isinstance(app.screen, ActionForm)
        # Every key typed goes into the field: "a", "d" and space open nothing else.
        await type_text(pilot, "Walk a void with the gas team and add a date")
        assert isinstance(app.screen, ActionForm)
        await pilot.press("enter")  # the owner is the presenter, the due date the default
        assert not isinstance(app.screen, ActionForm)
        assert panel.wants_to_leave() is None
    [action] = agreed_today(sets_dir)
    assert action.text == "Walk a void with the gas team and add a date"
    assert action.owner == "Priya Shah" and action.issue == "void-turnaround"
    assert action.due == due_default(app.session.meeting, app.session.the_set)
    assert action.due == dt.date(2027, 1, 2)
    [issue] = [i for i in on_disk(sets_dir).load_issues() if i.id == "void-turnaround"]
    assert issue.history[-1].meeting == TODAY and issue.history[-1].status is IssueStatus.worked
    check_passes(capsys, sets_dir)


async def test_a_presenter_with_no_actions_has_still_worked_on_their_issue(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """An issue presented at a meeting was worked on there, actions or not; once only."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.panel.presenter == "Priya Shah"
        await pilot.press("a", *"Ring the gas team", "enter")
    [issue] = [i for i in on_disk(sets_dir).load_issues() if i.id == "void-turnaround"]
    today = [c for c in issue.history if c.meeting == TODAY]
    assert [c.status for c in today] == [IssueStatus.worked]
    assert issue.status is IssueStatus.worked


async def test_presenting_alone_marks_the_issue_worked(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)):
        assert app.panel.presenter == "Priya Shah" and not agreed_today(sets_dir)
    [issue] = [i for i in on_disk(sets_dir).load_issues() if i.id == "void-turnaround"]
    assert issue.status is IssueStatus.worked
    assert [c.meeting for c in issue.history if c.status is IssueStatus.worked][-1] == TODAY


async def test_another_owner_and_due_date_may_be_named(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Send Priya the 2019 relet figures")
        await pilot.press("tab")
        app.screen.query_one("#owner", Input).value = ""
        await paste(pilot, "tom reyes")
        await pilot.press("tab")
        app.screen.query_one("#due", Input).value = ""
        await paste(pilot, "2026-12-05")
        await pilot.press("enter")
    [action] = agreed_today(sets_dir)
    assert action.owner == "Tom Reyes" and action.issue == "void-turnaround"
    assert action.due == dt.date(2026, 12, 5)


async def test_the_form_refuses_an_unknown_owner_and_a_bad_date(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Ring the contractor")
        await pilot.press("tab")
        app.screen.query_one("#owner", Input).value = "Nobody"
        await pilot.press("enter")
        assert isinstance(app.screen, ActionForm)
        assert "No member called 'Nobody'" in str(app.screen.query_one("#problem").render())
        app.screen.query_one("#owner", Input).value = "Priya Shah"
        app.screen.query_one("#due", Input).value = "2026-11-01"  # before this meeting
        await pilot.press("enter")
        assert isinstance(app.screen, ActionForm)
        app.screen.query_one("#due", Input).value = "soon"
        await pilot.press("enter")
        assert isinstance(app.screen, ActionForm)
        await pilot.press("escape")
        assert not isinstance(app.screen, ActionForm)
    assert agreed_today(sets_dir) == []


async def test_enter_edits_the_chosen_action_and_delete_removes_it_after_yes(
    sets_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for text in ("First action", "Second action"):
            await pilot.press("a")
            await paste(pilot, text)
            await pilot.press("enter")
        await pilot.press("up", "enter")  # the first
        field = app.screen.query_one("#text", Input)
        assert field.value == "First action"
        field.value = ""
        await paste(pilot, "First action, worded better")
        await pilot.press("enter")
        assert [a.text for a in agreed_today(sets_dir)] == [
            "First action, worded better",
            "Second action",
        ]
        await pilot.press("down", "delete")
        assert isinstance(app.screen, YesNoScreen)
        await pilot.press("n")
        assert len(agreed_today(sets_dir)) == 2
        await pilot.press("delete", "y")
        assert [a.text for a in agreed_today(sets_dir)] == ["First action, worded better"]
        assert [a.text for a in app.session.actions if a.agreed_at == TODAY] == [
            "First action, worded better"
        ]
    check_passes(capsys, sets_dir)


async def test_the_next_presenter_has_their_own_actions(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Priya's action")
        await pilot.press("enter")
        while app.clock.phase is not None and not (
            app.clock.phase.kind is PhaseKind.actions and app.clock.phase.presenter == "Tom Reyes"
        ):
            app.clock.next()
        app.panel.follow(app.clock)
        await pilot.pause()
        assert app.panel.presenter == "Tom Reyes"
        assert isinstance(app.panel, ActionsPanel)
        assert app.panel.agreed == [] and "Tom Reyes" in (app.panel.wants_to_leave() or "")
        await pilot.press("a")
        await paste(pilot, "Tom's action")
        await pilot.press("enter")
    by_issue = {a.issue: a.owner for a in agreed_today(sets_dir)}
    assert by_issue == {"void-turnaround": "Priya Shah", "backlog-morale": "Tom Reyes"}


async def test_a_slot_without_its_presenter_asks_for_the_bids(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock, presenters={})
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.panel, ActionsPanel)
        assert app.panel.presenter == "" and app.panel.wants_to_leave() is None
        await pilot.press("a")
        assert not isinstance(app.screen, ActionForm)
    assert agreed_today(sets_dir) == []


async def test_the_room_sees_the_wording_owner_and_due(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Walk a [bold]void[/bold] with the gas team")
        await pilot.press("enter")
    store = on_disk(sets_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    room = actions_for_the_room(
        meeting, store.load_actions(), store.load_issues(), store.load_set()
    )
    assert room is not None
    assert "Actions · Priya Shah" in room.plain
    assert "Empty council homes take nine weeks to relet" in room.plain
    assert "Walk a [bold]void[/bold] with the gas team" in room.plain  # as typed, not markup
    assert "owner Priya Shah  due 2 January 2027" in room.plain
    # Outside a presenter's block the room sees nothing of it.
    meeting.clock.phase = 0
    assert (
        actions_for_the_room(meeting, store.load_actions(), store.load_issues(), store.load_set())
        is None
    )


def test_snapshot_of_the_actions_panel(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)

    async def run_before(pilot: Pilot[None]) -> None:
        for text in (
            "Walk one void from keys-in to relet with the gas and repairs leads",
            "Ask Tom how revenues cut their own hand-offs in 2019",
        ):
            await pilot.press("a")
            await paste(pilot, text)
            await pilot.press("enter")
        await pilot.press("up")

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


async def test_an_action_on_no_issue_for_someone_else_is_not_lost(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Priya presents with no issue named; an action for Helen (not presenting) is agreed:
    the panel lists it under "other actions", and so do the minutes."""
    from actionset.export.minutes import meeting_markdown

    app = harness(sets_dir, fake_clock, presenters={"Priya Shah": ""})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await paste(pilot, "Share the relet checklist")
        await pilot.press("tab")
        app.screen.query_one("#owner", Input).value = ""
        await paste(pilot, "Helen Okafor")
        await pilot.press("enter")
        await pilot.pause()
        others = app.panel.query_one("#others")
        assert others.display and "Share the relet checklist" in str(others.render())
        assert "Other actions" in str(others.render())
    [action] = agreed_today(sets_dir)
    assert action.owner == "Helen Okafor" and action.issue == ""
    store = on_disk(sets_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    minutes = meeting_markdown(store.load_set(), TODAY, meeting, [], store.load_actions(), [])
    agreed = minutes[minutes.index("### Actions agreed") :]
    assert "- Other actions:\n  - Helen Okafor: Share the relet checklist" in agreed


def test_each_action_agreed_is_listed_once_under_its_presenter() -> None:
    from actionset.model.meeting import Meeting
    from actionset.model.record import actions_by_presenter

    meeting = Meeting(
        date=TODAY,
        presenters=[Presentation(member="Priya", issue="voids"), Presentation(member="Tom")],
    )

    def action(ident: str, owner: str, issue: str = "") -> Action:
        return Action(id=ident, owner=owner, text=ident, issue=issue, agreed_at=TODAY)

    actions = [
        action("a1", "Helen", "voids"),  # on Priya's issue, for Helen
        action("a2", "Priya"),  # Priya's, on no issue
        action("a3", "Tom"),
        action("a4", "Helen"),  # nobody's block
        action("a5", "Tom", "elsewhere"),  # Tom's, on an issue he did not present
        Action(id="old", owner="Tom", text="old", agreed_at=TODAY - dt.timedelta(days=30)),
    ]
    groups = [
        (name, [a.id for a in listed]) for name, listed in actions_by_presenter(actions, meeting)
    ]
    assert groups == [("Priya", ["a1", "a2"]), ("Tom", ["a3", "a5"]), ("", ["a4"])]
