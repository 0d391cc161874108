"""When each set last synced, on the home screen, read from the set's own repository; and the
words a sync commits with, from the records before and after."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import DEMO, TODAY, FakeClock, copy_set
from textual.widgets import OptionList

from actionset import store as disk
from actionset.app import home_app
from actionset.sync import repository as git
from actionset.sync.changes import NOTHING, described
from actionset.sync.status import synced_words
from actionset.sync.steps import sync_set

AT = dt.datetime.combine(TODAY, dt.time(14, 2), dt.UTC)


async def test_the_home_screen_says_when_each_shared_set_last_synced(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    sets = tmp_path / "sets"
    copy_set(DEMO, sets / "demo")
    copy_set(DEMO, sets / "copy")
    sync_set(sets / "demo", str(tmp_path / "demo.git"), AT)
    app = home_app(disk.SetsFolder(sets), today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        shown = {
            options.get_option_at_index(i).id: str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
        }
    assert shown["demo"].endswith("open actions\nsynced today 14:02")
    assert shown["copy"].endswith("open actions")  # not shared: nothing said


def test_synced_words(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    copy_set(DEMO, folder)
    assert synced_words(folder, TODAY) == ""
    with git.opened(folder):
        pass
    assert synced_words(folder, TODAY) == "not synced yet"
    for when, words in [
        (AT, "synced today 14:02"),
        (AT - dt.timedelta(days=1), "synced yesterday"),
        (AT - dt.timedelta(days=30), "synced 2026-10-22"),
    ]:
        with git.opened(folder) as repo:
            git.mark_synced(repo, when)
        assert synced_words(folder, TODAY) == words


def record_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_words_come_from_the_records_not_the_lines(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    copy_set(DEMO, folder)
    store = disk.SetStore(folder)
    before = record_files(folder)
    actions = store.load_actions()
    store.save_actions(list(reversed(actions)))  # every line moved, no record changed
    assert described(before, record_files(folder)) == NOTHING

    issues = store.load_issues()
    issues[0].title = "Another title"
    store.save_issues(issues)
    open_ones = [action for action in actions if action.is_open]
    open_ones[0].status = open_ones[0].status.done
    store.save_actions(actions)
    meeting = store.load_meeting(dt.date(2026, 9, 21))
    assert meeting is not None
    meeting.place = "The library"
    store.save_meeting(meeting)
    assert described(before, record_files(folder)) == (
        "meeting 2026-09-21 changed; 1 action done; 1 issue changed"
    )

    later = record_files(folder)
    meeting.date = dt.date(2026, 11, 2)
    meeting.closed = False
    meeting.clock = type(meeting.clock)()  # not begun
    store.save_meeting(meeting)
    assert described(later, record_files(folder)) == "meeting 2026-11-02 planned"
    meeting.clock.started_at = AT
    store.save_meeting(meeting)
    assert described(later, record_files(folder)) == "meeting 2026-11-02 started"
