"""`actionset check` accepts every file the console writes, at every kind of save."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, on_disk
from textual.widgets import Input

from actionset import cli
from actionset import store as disk
from actionset.app import console_app
from actionset.model.agenda import is_placeholder
from actionset.model.meeting import PhaseKind
from actionset.session import open_meeting


def check(capsys: pytest.CaptureFixture[str], sets_dir: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["check", "demo", "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out + err


def test_placeholders_are_the_slots_nobody_is_chosen_for() -> None:
    assert is_placeholder("Presenter 1") and is_placeholder("Presenter 12")
    assert not is_placeholder("Presenter") and not is_placeholder("Presenter 0")
    assert not is_placeholder("Tom Reyes") and not is_placeholder("presenter 1")


async def test_check_passes_after_every_save_the_console_makes(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    steps: list[tuple[str, int, str]] = []

    async def checked(step: str) -> None:
        await app.saved()  # the file the step saved, not the one before it
        code, out = check(capsys, sets_dir)
        steps.append((step, code, out))

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(is_placeholder(p.presenter) for p in (await on_disk(app, sets_dir)).agenda)
        await checked("opened")
        await pilot.press("space")
        fake_clock.advance(60)
        await checked("started")
        await pilot.press("t", "n", "n", "n")  # the pane shown; the first slot's Present
        await pilot.press("2", "q", "0", "c", "3", "a")
        await checked("tagged before presenters")
        await pilot.press("e")
        app.screen.query_one(Input).value = "What matters most to you here?"
        await pilot.press("enter")
        await checked("note")
        await pilot.press("g", "up", "s", "d", "y", "escape")
        await checked("recode and delete")
        await pilot.press("u")
        await checked("undo")
        await pilot.press("h", "space", "enter")  # the first member sends apologies
        assert (await on_disk(app, sets_dir)).attendance.apologies
        await checked("attendance")
        await pilot.press("w", "down", "space", "down", "space", "enter")
        assert len((await on_disk(app, sets_dir)).presenters) == 2
        await checked("presenters")
        await pilot.press("plus", "right_square_bracket", "minus", "r", "b", "v", "m", "p")
        await checked("clock changes")
        meeting = await on_disk(app, sets_dir)
        review = next(i for i, p in enumerate(meeting.agenda) if p.kind is PhaseKind.process_review)
        while (await on_disk(app, sets_dir)).clock.phase < review:
            # an actions phase with no action asks for a second n (a warning, not a block)
            await pilot.press("n")
            await app.saved()
        meeting = await on_disk(app, sets_dir)
        assert meeting.agenda[meeting.clock.phase].kind is PhaseKind.process_review
        await pilot.press("o")
        summary = (await on_disk(app, sets_dir)).summary
        assert summary is not None
        assert summary.value != "hidden"
        await checked("summary")
        await pilot.press("n", "n")
        await checked("past the last phase")
        await pilot.press("ctrl+q")
    await checked("quit")
    assert [(step, code) for step, code, _ in steps] == [(step, 0) for step, _, _ in steps], (
        "\n".join(f"{step}: {out}" for step, code, out in steps if code)
    )


def test_check_still_refuses_a_presenter_who_is_no_member(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    store = disk.SetStore(sets_dir / "demo")
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    slot = next(p for p in meeting.agenda if p.presenter)
    slot.presenter = "Tom Rees"
    store.save_meeting(meeting)
    path = store.meeting_path(TODAY)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\n[[presenters]]\nmember = "Presenter 1"\n', encoding="utf-8")
    code, out = check(capsys, sets_dir)
    assert code == 1
    assert re.search(
        rf"{TODAY}\.toml:\d+: agenda\.3\.presenter: 'Tom Rees' \(presenter\) is "
        "not a member of the set",
        out,
    )
    assert re.search(
        rf"{TODAY}\.toml:\d+: presenters\.0\.member: 'Presenter 1' \(presenter\) "
        "is not a member of the set",
        out,
    )
    assert out.count("not a member") == 2, out


def test_check_cross_checks_bids_attendance_and_facilitators(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    """Names in the bids, the whole roll (absent too) and the facilitators are the set's; a
    bid's issue is known. Each problem on its own line, at the line that says it."""
    from actionset.model.meeting import Bid, NextMeeting

    store = disk.SetStore(sets_dir / "demo")
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    meeting.attendance.absent = ["Gareth Lewes"]
    meeting.bids = [
        Bid(member="Priya Shah", issue="no-such-issue"),
        Bid(member="Pria Shah", passes=True),
    ]
    meeting.facilitator = "Tom Reyes"  # a member may facilitate
    meeting.next_meeting = NextMeeting(date=TODAY.replace(year=TODAY.year + 1), facilitator="Ruth")
    store.save_meeting(meeting)
    code, out = check(capsys, sets_dir)
    assert code == 1
    lines = out.splitlines()
    expected = [
        r"attendance\.absent: 'Gareth Lewes' \(absent\) is not a member of the set",
        r"bids\.0\.issue: no issue with id 'no-such-issue' in issues\.toml",
        r"bids\.1\.member: 'Pria Shah' \(bid\) is not a member of the set",
        r"next_meeting\.facilitator: 'Ruth' \(facilitator\) is not a member of the set",
    ]
    for pattern in expected:
        assert any(re.search(rf"{TODAY}\.toml:\d+: {pattern}", line) for line in lines), (
            pattern,
            out,
        )
    assert "'Tom Reyes'" not in out
