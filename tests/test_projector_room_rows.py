"""The projector gives the room's view of each phase the rows it needs: the big clock gives
way (to the status line) when the screen cannot hold both, as it does for the summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, follow
from test_console_panels import meeting_at, store_of

from actionset.app import projector_app
from actionset.model.agenda import assign_presenters
from actionset.model.meeting import AttendanceState, Bid, NextMeeting, PhaseKind, Presentation
from actionset.model.record import capture_action
from actionset.widgets.big_clock import BigClock
from actionset.widgets.panels import ROOM_VIEWS

KINDS = list(ROOM_VIEWS)


def record_something_for_each_phase(sets_dir: Path) -> None:
    """Bids, presenters, an action and the next meeting, so that every view has lines."""
    store = store_of(sets_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    the_set = store.load_set()
    roster = [m.name for m in the_set.current_members]
    meeting.set_attendance(roster[-1], AttendanceState.apologies, roster)
    meeting.bids = [Bid(member=name, minutes=20) for name in roster[:-1]]
    assign_presenters(meeting.agenda, [roster[0]])
    meeting.presenters = [Presentation(member=roster[0], reflections=["I saw it anew"])]
    meeting.reflections = ["We kept to questions", "Time ran short"]
    meeting.next_meeting = NextMeeting(date=TODAY.replace(year=TODAY.year + 1), time="09:30")
    actions = store.load_actions()
    for text in (
        "Ring the depot managers",
        "Draft the merger paper for the board",
        "Ask finance for last year's overtime figures, by depot and by month",
        "Meet the union rep before the consultation opens",
        "Walk the Eastfield route with the crew on a Monday",
        "Write to the three tenants who complained",
    ):
        actions.append(capture_action(actions, meeting, the_set, roster[0], text))
    store.save_actions(actions)
    store.save_meeting(meeting)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("kind", KINDS, ids=[k.value for k in KINDS])
async def test_the_room_view_gets_its_rows(
    sets_dir: Path, fake_clock: FakeClock, kind: PhaseKind, size: tuple[int, int]
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.check_in)
    record_something_for_each_phase(sets_dir)
    meeting_at(sets_dir, fake_clock, kind)
    store = store_of(sets_dir)
    app = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=size) as pilot:
        await follow(pilot)
        await pilot.pause()
        room = app.screen.query_one("#room")
        meeting = store.load_meeting(TODAY)
        assert meeting is not None
        view = ROOM_VIEWS[kind](
            meeting, store.load_actions(), store.load_issues(), store.load_set()
        )
        if view is None or not view.plain:
            assert not room.display
            return
        width = room.content_region.width
        needed = sum(max(1, -(-len(line) // width)) for line in view.plain.splitlines())
        shown = room.content_region.intersection(app.screen.region)
        assert shown.height >= needed, (kind, size, room.region, needed)
        clock = app.screen.query_one(BigClock)
        assert "left" in str(app.screen.query_one("#status").render())
        if clock.display:
            assert clock.region.height >= 5
