"""The bids panel: members bid or pass, the facilitator orders and confirms the presenters."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare
from panel_harness import PanelHarness
from textual.pilot import Pilot

from actionset import cli
from actionset import store as disk
from actionset.model import Issue, IssueStatus, Meeting
from actionset.model.agenda import presenter_slots
from actionset.model.bids import block_minutes
from actionset.model.meeting import Bid, PhaseKind, Presentation, Urgency
from actionset.widgets.panels import PANELS, ROOM_VIEWS
from actionset.widgets.panels.bids import BidsPanel, NewIssueForm, bids_for_the_room


def harness(sets_dir: Path, fake_clock: FakeClock) -> PanelHarness[BidsPanel]:
    return PanelHarness(sets_dir, BidsPanel, PhaseKind.bids, fake_clock)


def on_disk(sets_dir: Path) -> tuple[Meeting, list[Issue]]:
    store = disk.SetStore(sets_dir / "demo")
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    return meeting, store.load_issues()


def check(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_bids_panel_is_registered() -> None:
    assert PANELS[PhaseKind.bids] is BidsPanel
    assert ROOM_VIEWS[PhaseKind.bids] is bids_for_the_room


async def test_bids_are_saved_at_once_and_the_order_suggested(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.panel
        assert panel.rows[0] == "Priya Shah" and panel.since["Priya Shah"] == 1
        await pilot.press("y")  # Priya bids, on her open issue
        meeting, _ = on_disk(sets_dir)
        assert [(b.member, b.passes, b.issue) for b in meeting.bids] == [
            ("Priya Shah", False, "void-turnaround")
        ]
        await pilot.press("down", "x")  # Tom passes
        await pilot.press("down", "y", "u", "right")  # Helen bids, high, 5 min over the block
        meeting, _ = on_disk(sets_dir)
        helen = meeting.bid_of("Helen Okafor")
        assert helen is not None and helen.urgency is Urgency.high
        assert helen.minutes == block_minutes(meeting.agenda) + 5
        assert meeting.bid_of("Tom Reyes") == Bid(member="Tom Reyes", passes=True)
        # Helen presented longer ago than Priya (last meeting): she is suggested first
        assert panel.order == ["Helen Okafor", "Priya Shah"]


async def test_a_new_issue_by_title_the_order_moved_and_confirmed(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.panel
        await pilot.press("down", "down", "y")  # Helen
        await pilot.press("down", "down", "y")  # Mei Lin
        assert panel.highlighted == "Mei Lin Chen"
        await pilot.press("a")
        assert isinstance(app.screen, NewIssueForm)
        await pilot.press(*"Digital skills", "enter")
        bid = panel.session.meeting.bid_of("Mei Lin Chen")
        assert bid is not None
        assert bid.new_issue == "Digital skills"
        await pilot.press("home")  # a key the panel does not use changes nothing
        order = list(panel.order)
        assert set(order) == {"Helen Okafor", "Mei Lin Chen"}
        panel.cursor = panel.rows.index(order[1])
        await pilot.press("shift+up")  # the facilitator puts the second first
        assert panel.order == [order[1], order[0]]
        await pilot.press("left", "left")  # ten minutes less than the block
        await pilot.press("enter")
        meeting, issues = on_disk(sets_dir)
        assert [p.member for p in meeting.presenters] == [order[1], order[0]]
        assert presenter_slots(meeting.agenda) == [order[1], order[0]]
        new = next(i for i in issues if i.title == "Digital skills")
        assert meeting.presentation("Mei Lin Chen") == Presentation(
            member="Mei Lin Chen", issue=new.id
        )
        bid = meeting.bid_of("Mei Lin Chen")
        assert bid is not None
        assert bid.issue == new.id
        first = order[1]
        first_bid = meeting.bid_of(first)
        assert first_bid is not None and first_bid.minutes is not None
        asked = first_bid.minutes
        # The meeting is ahead (the harness ran the phases before the bids in no time): the
        # blocks are fitted to the time left, the minutes to spare going to the questioning.
        assert sum(p.allotted for p in meeting.agenda if p.presenter == first) > asked * 60
        assert app.clock.predicted_finish() == meeting.clock.ends_at
        assert "Fitted to the time left: finish" in panel.status
        assert "presenters confirmed" in str(panel.query_one("#heading").render())
    code, out = check(capsys, sets_dir)
    assert code == 0, out


async def test_bids_that_do_not_fit_warn_and_keep_the_process_review(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        review = next(
            p for p in app.session.meeting.agenda if p.kind is PhaseKind.process_review
        ).allotted
        for member in ("Priya Shah", "Tom Reyes", "Helen Okafor", "Gareth Lewis"):
            app.panel.cursor = app.panel.rows.index(member)
            await pilot.press("y", *["right"] * 6)
        await pilot.press("enter")
        assert "⚠" in app.panel.status and "short" in app.panel.status
        meeting, _ = on_disk(sets_dir)
        assert len(meeting.presenters) == 4
        assert (
            next(p for p in meeting.agenda if p.kind is PhaseKind.process_review).allotted == review
        )


async def test_confirming_again_never_drops_a_presenters_reflections_or_issue(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y", "down", "y", "enter")  # Priya and Tom, on their open issues
        meeting = app.session.meeting
        tom_bid = meeting.bid_of("Tom Reyes")
        assert tom_bid is not None and tom_bid.issue == "backlog-morale"
        tom_bid.issue = ""  # a bid naming no issue (as the bids of a hand-edited file)
        priya = meeting.presentation("Priya Shah")
        assert priya is not None
        priya.reflections = ["I heard my own assumption"]
        await pilot.press("shift+up", "enter")  # Tom first: both kept, whole
        meeting, _ = on_disk(sets_dir)
        assert [(p.member, p.issue, p.reflections) for p in meeting.presenters] == [
            ("Tom Reyes", "backlog-morale", []),
            ("Priya Shah", "void-turnaround", ["I heard my own assumption"]),
        ]
        await pilot.press("up", "x", "enter")  # Priya passes now: refused, with the reason
        assert app.panel.status.startswith("Not confirmed: Priya Shah has 1 reflection")
        meeting, _ = on_disk(sets_dir)
        assert [p.member for p in meeting.presenters] == ["Tom Reyes", "Priya Shah"]


def test_the_room_sees_minutes_and_urgency_never_an_issue_title(sets_dir: Path) -> None:
    store = disk.SetStore(sets_dir / "demo")
    meeting = store.load_meeting(dt_last := store.meeting_dates()[-1])
    assert meeting is not None, dt_last
    meeting.bids = [
        Bid(member="Helen Okafor", minutes=40, urgency=Urgency.high, issue="hospital-discharge"),
        Bid(member="Mei Lin Chen", new_issue="Secret restructure"),
        Bid(member="Tom Reyes", passes=True),
    ]
    meeting.presenters = [Presentation(member="Helen Okafor", issue="hospital-discharge")]
    shown = bids_for_the_room(meeting, store.load_actions(), store.load_issues(), store.load_set())
    assert shown is not None
    text = shown.plain
    assert "Helen Okafor" in text and "40 min · high" in text
    assert "new issue" in text and "Secret" not in text and "Delayed" not in text
    assert "Tom Reyes" in text and "passes" in text
    assert "Running order: 1. Helen Okafor" in text


def test_bids_panel_snapshot(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock
) -> None:
    async def bids(pilot: Pilot[None]) -> None:
        await pilot.press("y", "down", "x", "down", "y", "u", "right", "down", "down", "y")
        await pilot.press("a", *"Digital skills", "enter")

    assert snap_compare(harness(sets_dir, fake_clock), terminal_size=(120, 40), run_before=bids)


async def test_a_moved_order_not_yet_confirmed_survives_a_restart(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Each move is saved in the bids (their places), never as the confirmed presenters."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y", "down", "down", "y")  # Priya, Helen: Helen suggested first
        assert app.panel.order == ["Helen Okafor", "Priya Shah"]
        await pilot.press("up", "up", "shift+up")  # Priya moved up
        assert app.panel.order == ["Priya Shah", "Helen Okafor"]
    meeting, _ = on_disk(sets_dir)
    assert meeting.presenters == []  # nothing confirmed
    assert [(b.member, b.place) for b in meeting.bids] == [("Priya Shah", 1), ("Helen Okafor", 2)]
    again = harness(sets_dir, fake_clock)  # as after a crash
    async with again.run_test(size=(120, 40)) as pilot:
        panel = again.panel
        assert panel.order == ["Priya Shah", "Helen Okafor"] and panel.moved
        assert not panel.confirmed
        await pilot.press("down", "down", "down", "down", "y")  # Gareth bids: after them
        assert panel.order[:2] == ["Priya Shah", "Helen Okafor"]
        await pilot.press("s")  # the suggested order again: the places go
    meeting, _ = on_disk(sets_dir)
    assert all(b.place is None for b in meeting.bids)
    assert meeting.presenters == []


async def test_f_resolves_and_k_parks_a_members_issue_with_a_note(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    from textual.widgets import Input

    from actionset.screens.form import FormScreen

    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")  # Priya bids, on her open issue
        await pilot.press("f")
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-note", Input).value = "relets down to four weeks"
        await pilot.press("enter")
        await pilot.pause()
        meeting, issues = on_disk(sets_dir)
        voids = next(i for i in issues if i.id == "void-turnaround")
        assert voids.status is IssueStatus.resolved
        assert voids.history[-1].note == "relets down to four weeks"
        assert voids.history[-1].meeting == meeting.date
        bid = meeting.bid_of("Priya Shah")
        assert bid is not None and bid.issue == ""
        await pilot.press("down", "down", "k")  # Helen's first open issue
        await pilot.press("escape")  # left as it was
        await pilot.pause()
        assert all(i.is_open for i in on_disk(sets_dir)[1] if i.owner == "Helen Okafor")


async def test_the_member_under_the_keys_is_marked_when_n_brings_the_panel(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """The console focuses the panel as `n` mounts it; the ▶ shows at once, and goes when
    the panel loses the keys to the tag pane."""
    from test_console_panels import make_app

    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")  # check-in, report-back, bids
        panel = app.screen.query_one(BidsPanel)
        assert app.focused is panel
        assert str(panel.query_one("#rows").render()).startswith("▶ Priya Shah")
        await pilot.press("t")
        assert not str(panel.query_one("#rows").render()).startswith("▶")


async def test_a_member_who_passes_can_still_name_an_issue(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, fake_clock: FakeClock
) -> None:
    """ "Not today, but I have something": a pass keeps an issue named with i, and a new one
    named with a is raised at once, since a pass is never confirmed as a presenter."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.panel
        await pilot.press("x", "i")  # Priya passes, on her open issue
        meeting, _ = on_disk(sets_dir)
        priya = meeting.bid_of("Priya Shah")
        assert priya is not None and priya.passes and priya.issue == "void-turnaround"
        assert "y or x first" not in panel.status
        rows = str(panel.query_one("#rows").render())
        assert "pass" in rows.splitlines()[0] and "relet" in rows.splitlines()[1]
        await pilot.press("down", "x", "a")  # Tom passes, with a new issue for another day
        assert isinstance(app.screen, NewIssueForm)
        await pilot.press(*"Agency spend", "enter")
        meeting, issues = on_disk(sets_dir)
        new = next(i for i in issues if i.title == "Agency spend")
        assert new.owner == "Tom Reyes" and new.is_open
        tom = meeting.bid_of("Tom Reyes")
        assert tom is not None and tom.passes and (tom.issue, tom.new_issue) == (new.id, "")
        assert "Agency spend" in str(panel.query_one("#rows").render())
    code, out = check(capsys, sets_dir)
    assert code == 0, out


async def test_confirming_more_bids_than_slots_says_what_it_added(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Three bids in a meeting planned for two presenters: the notice says a slot and a break
    were added and the minutes changed, not only who presents."""
    app = harness(sets_dir, fake_clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        before = len(app.panel.session.meeting.agenda)
        await pilot.press("y", "down", "y", "down", "y", "enter")
        meeting, _ = on_disk(sets_dir)
        assert len(presenter_slots(meeting.agenda)) == 3 and len(meeting.agenda) > before
        said = [n.message for n in app._notifications if n.message.startswith("Presenters")]
        assert len(said) == 1
        assert "A slot and a break added; " in said[0], said
        # three blocks do not fit in the time left: they share it, and the notice says so
        assert "minutes changed to share the time left. ⚠ " in said[0], said
        assert said[0].endswith(" will be squeezed. ctrl+z undoes it."), said


def test_what_confirming_did_is_said_in_a_sentence() -> None:
    from actionset.model.bids import Fit

    assert Fit(0, 0, None, 0).said() == ""
    assert Fit(1, 0, None, 0, 1).said() == "A slot and a break added."
    assert Fit(2, 1, None, 1, 2).said() == (
        "2 slots and 2 breaks added; a slot nobody was chosen for taken out; "
        "a phase's minutes changed to end on time."
    )
    assert Fit(0, 0, None, 9).said() == "9 phases' minutes changed to end on time."
    short = Fit(1, 0, "11 min short: Probe (Tom Reyes) and Actions will be squeezed", 16, 1)
    assert (
        short.said()
        == "A slot and a break added; 16 phases' minutes changed to share the time left."
    )
