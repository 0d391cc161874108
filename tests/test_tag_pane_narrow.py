"""The tag pane over a phase's panel on a narrow console: who has not yet asked stays in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, SnapCompare, demo_console, tick, write_meeting
from textual.pilot import Pilot

from actionset import store as disk
from actionset.model import Member
from actionset.model.meeting import PhaseKind
from actionset.session import open_meeting
from actionset.widgets.tag_pane import TagPane

NEWCOMERS = ["Aleksandra Nowakowska", "Olumide Bankole-Adeyemi"]
"""Two more members with long names: eight, the most a set has, with guidance under the clock."""


def full_set_at_the_actions(sets_dir: Path, fake_clock: FakeClock) -> None:
    """The demo set grown to eight members with the guidance on, its meeting a minute into the
    first presenter's actions phase."""
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    the_set.members[:0] = [Member(name=name) for name in NEWCOMERS]
    store.save_set(the_set)
    path = sets_dir / "demo" / "set.toml"
    with path.open("a", encoding="utf-8", newline="\n") as file:
        file.write("\n[guidance]\non = true\n")
    planned = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    actions = next(i for i, p in enumerate(planned.agenda) if p.kind is PhaseKind.actions)
    write_meeting(sets_dir, fake_clock, phases_done=actions, minutes_in=1)


async def test_not_yet_asked_is_in_view_over_the_panel_at_80x24(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Eight members and the guidance at 80x24: every line naming who has not yet asked is on
    the screen, inside the pane; it was cut off below the roster."""
    full_set_at_the_actions(sets_dir, fake_clock)
    app = demo_console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await tick(pilot)
        pane = app.screen.query_one(TagPane)
        quiet = pane.query_one("#quiet")
        words = str(quiet.render())
        assert words.startswith("Not yet asked: ") and "Sam Whitaker" in words
        assert quiet.region.height >= 1
        assert pane.content_region.contains_region(quiet.region), (quiet.region, pane.region)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_the_full_sets_tag_pane_over_the_actions_panel(
    snap_compare: SnapCompare, sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """`t` in the actions phase of a set of eight with the guidance on."""
    full_set_at_the_actions(sets_dir, fake_clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("t", "3", "q")
        await tick(pilot)

    assert snap_compare(
        demo_console(sets_dir, fake_clock), terminal_size=size, run_before=run_before
    )


def test_a_long_name_ends_in_an_ellipsis_in_the_roster_marked_or_not() -> None:
    from actionset.widgets.tag_pane import NAME_WIDTH, roster_label

    assert roster_label("Tom Reyes") == "Tom Reyes"
    assert roster_label("Tom Reyes", presenting=True) == "▶ Tom Reyes"
    for marks in ({}, {"presenting": True}, {"facilitating": True}):
        label = roster_label("Aleksandra Nowakowska", **marks)
        assert len(label) == NAME_WIDTH and label.endswith("…"), label
    assert roster_label("Aleksandra Nowakowska", presenting=True).startswith("▶ Aleksandra")
    assert roster_label("Olumide Bankole", facilitating=True).startswith("◆ Olumide")
