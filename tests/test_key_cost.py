"""What a key of the console draws again: a tag lays nothing out and draws one roster row;
lines are laid out again only when their size may change (`actionset.widgets.lines`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock
from rich.text import Text
from test_console import make_app
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from actionset.widgets.lines import needs_layout
from actionset.widgets.roster_table import RosterTable


class Lines(App[None]):
    CSS = """
    #fixed { height: 1; }
    #auto { width: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static("one", id="fixed")
        yield Static("one line", id="free")
        yield Static("12:00", id="auto")


async def test_a_line_is_laid_out_again_only_when_its_size_may_change() -> None:
    app = Lines()
    async with app.run_test(size=(20, 10)):
        fixed, free, auto = (
            app.query_one(f"#{name}", Static) for name in ("fixed", "free", "auto")
        )
        assert not needs_layout(fixed, None, "a longer line than it was, wrapped")
        assert needs_layout(free, None, "one line")  # never shown: its size is not known
        assert not needs_layout(free, "one line", "two words")
        assert not needs_layout(free, "a\nb", "c\nd")
        assert needs_layout(free, "one line", "two\nlines")
        assert needs_layout(free, "one line", "a line as wide as 20")  # it may wrap
        assert needs_layout(free, "a line as wide as 20", "one line")
        assert not needs_layout(auto, "12:00", "11:59")  # as wide as its words: as wide
        assert needs_layout(auto, "12:00", "9:59")
        assert needs_layout(auto, "12:00", "12:00\n11:59")


async def test_a_tag_beside_the_pane_lays_nothing_out_and_draws_one_roster_row(
    sets_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Widget] = []
    drawn: list[int] = []
    refresh, row_strip = Widget.refresh, RosterTable._row_strip

    def spy_refresh(self: Widget, *regions: Any, layout: bool = False, **kwargs: Any) -> Widget:
        if layout:
            asked.append(self)
        return refresh(self, *regions, layout=layout, **kwargs)

    def spy_row(self: RosterTable, index: int, *args: Any) -> Any:
        drawn.append(index)
        return row_strip(self, index, *args)

    monkeypatch.setattr(Widget, "refresh", spy_refresh)
    monkeypatch.setattr(RosterTable, "_row_strip", spy_row)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t", "1", "q", "2", "q", "3", "q")  # each line of the pane shown
        await pilot.pause()
        asked.clear()
        drawn.clear()
        await pilot.press("2")
        await pilot.pause()
        assert asked == []  # the number's line and the mode line keep their size
        await pilot.press("q")
        await pilot.pause()
        assert asked == []
        assert drawn == [1]  # member 2's row, the second
        roster = app.screen.query_one(RosterTable)
        assert [cell.plain for cell in roster.rows[1][:3]] == [" 2 ", "Tom Reyes", "2"]


def test_the_roster_keeps_the_rows_it_was_shown() -> None:
    roster = RosterTable([(" # ", None), ("Member", 15)])
    rows = [[Text(" 1 "), Text("Priya Shah")], [Text(" 2 "), Text("Tom Reyes", style="bold")]]
    roster.show(rows)
    assert roster.row_count == 2
    assert [[cell.plain for cell in row] for row in roster.rows] == [
        [" 1 ", "Priya Shah"],
        [" 2 ", "Tom Reyes"],
    ]
