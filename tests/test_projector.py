"""Pilot tests of the projector window: it follows the set's files, read-only."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import cast

import pytest
from conftest import TODAY, FakeClock, follow, write_meeting

from actionset import store as disk
from actionset.app import ActionSetApp, console_app, projector_app
from actionset.model.clock import MeetingClock
from actionset.model.contributions import Tagger
from actionset.model.meeting import AgendaPhase, PhaseKind, SummaryShown
from actionset.screens.projector import ProjectorScreen
from actionset.widgets.big_clock import BigClock


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=clock, remember_theme=False
    )


def text_of(app: ActionSetApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def screen_text(app: ActionSetApp) -> str:
    """Every character on the screen, as plain text."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def shown(app: ActionSetApp, selector: str) -> bool:
    return app.screen.query_one(selector).display


def tag_some(sets_dir: Path, clock: FakeClock, phase: str = "Probe") -> None:
    """Three contributions in the journal, as the console would have written them."""
    store = disk.SetStore(sets_dir / "demo")
    tagger = Tagger(
        store.read_journal(TODAY).events, clock=lambda: dt.datetime.fromtimestamp(clock(), dt.UTC)
    )
    by_key = codes(sets_dir)
    with store.journal(TODAY) as journal:
        for member, key in [("Priya Shah", "q"), ("Gareth Lewis", "a"), ("Priya Shah", "q")]:
            journal.append(
                tagger.tag(member=member, code=by_key[key], phase=phase, presenter="Tom Reyes")
            )


def codes(sets_dir: Path) -> dict[str, str]:
    """Code names by key, from the demo set's codebook."""
    from actionset.model.codebook import codebook_for

    the_set = disk.SetStore(sets_dir / "demo").load_set()
    return {c.key: c.name for c in codebook_for(the_set)}


async def test_waits_when_there_is_no_meeting_today(sets_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "#waiting")
        assert "Waiting" in text_of(app, "#waiting")
        assert not shown(app, "#board")
        assert not shown(app, "#summary")


async def test_follows_the_meeting_file_within_a_second(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "#waiting")
        store, clock = write_meeting(sets_dir, fake_clock, phases_done=0, minutes_in=2)
        await follow(pilot)
        assert not shown(app, "#waiting")
        assert text_of(app, "#status").startswith("Check-in and ground rules · 13:00 left")
        clock.next()  # the facilitator moves on
        store.save_meeting(clock.meeting)
        await follow(pilot)
        assert text_of(app, "#status").startswith("Report-back on last meeting's actions · 25:00")
        clock.pause()
        clock.meeting.clock.elapsed_seconds = 0
        clock.adjust(300)  # and gives it five more minutes
        store.save_meeting(clock.meeting)
        await follow(pilot)
        assert text_of(app, "#status").startswith("Report-back on last meeting's actions · 30:00")
        assert "(paused)" in text_of(app, "#phase")


async def test_the_clock_runs_between_saves(sets_dir: Path, fake_clock: FakeClock) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=0, minutes_in=0)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "15:00 left" in text_of(app, "#status")
        fake_clock.advance(61)
        await follow(pilot)
        assert "13:59 left" in text_of(app, "#status")


@pytest.mark.parametrize("minutes_in", [0, 7.5, 16])
async def test_status_line_is_the_consoles(
    sets_dir: Path, fake_clock: FakeClock, minutes_in: float
) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=minutes_in)
    projector = make_app(sets_dir, fake_clock)
    async with projector.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        on_projector = text_of(projector, "#status")
    console = console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    async with console.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        on_console = text_of(console, "#status")
    assert on_projector == on_console
    assert on_projector.startswith("Probe · ")


def to_process_review(
    sets_dir: Path,
    clock: FakeClock,
    summary: SummaryShown,
) -> tuple[disk.SetStore, MeetingClock]:
    store, meeting_clock = write_meeting(sets_dir, clock, phases_done=5, minutes_in=3)
    while cast(AgendaPhase, meeting_clock.phase).kind is not PhaseKind.process_review:
        meeting_clock.next()
    meeting_clock.meeting.summary = summary
    store.save_meeting(meeting_clock.meeting)
    return store, meeting_clock


async def test_no_tag_data_while_hidden_even_in_the_process_review(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    tag_some(sets_dir, fake_clock)
    to_process_review(sets_dir, fake_clock, SummaryShown.hidden)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert text_of(app, "#phase").startswith("Process review")
        assert not shown(app, "#summary")
        assert "Priya" not in screen_text(app)
        assert "Process review · " in screen_text(app)


async def test_no_tag_data_outside_the_process_review(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    store, clock = write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=3)
    clock.meeting.summary = SummaryShown.named  # released, but the set is still probing
    store.save_meeting(clock.meeting)
    tag_some(sets_dir, fake_clock)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert not shown(app, "#summary")
        screen = screen_text(app)
        assert "Priya" not in screen and "questions," not in screen
        assert "Probe · " in screen


async def test_named_summary_in_the_process_review(sets_dir: Path, fake_clock: FakeClock) -> None:
    tag_some(sets_dir, fake_clock)
    store, clock = to_process_review(sets_dir, fake_clock, SummaryShown.hidden)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert not shown(app, "#summary")
        clock.meeting.summary = SummaryShown.named  # the facilitator presses o
        store.save_meeting(clock.meeting)
        await follow(pilot)
        assert shown(app, "#summary")
        summary = text_of(app, "#summary")
        assert summary.startswith("Whole meeting: 2 questions, 1 piece of advice (2 : 1)")
        assert "Priya Shah: 2 questions" in summary
        assert "Gareth Lewis: 0 questions, 1 piece of advice" in summary
        clock.meeting.summary = SummaryShown.hidden  # and again: the room no longer sees it
        store.save_meeting(clock.meeting)
        await follow(pilot)
        assert not shown(app, "#summary")


async def test_anonymous_summary_names_nobody(sets_dir: Path, fake_clock: FakeClock) -> None:
    tag_some(sets_dir, fake_clock)
    to_process_review(sets_dir, fake_clock, SummaryShown.anonymous)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        summary = text_of(app, "#summary")
        assert re.search(r"Member [A-F]: 2 questions\n", summary)
        the_set = disk.SetStore(sets_dir / "demo").load_set()
        screen = screen_text(app)
        assert "Member F: " in screen
        for member in the_set.members:
            assert member.name.split()[0] not in screen


async def test_a_new_tag_reaches_the_summary(sets_dir: Path, fake_clock: FakeClock) -> None:
    to_process_review(sets_dir, fake_clock, SummaryShown.named)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert text_of(app, "#summary").startswith("Whole meeting: 0 questions")
        tag_some(sets_dir, fake_clock, phase="Process review")
        await follow(pilot)
        assert text_of(app, "#summary").startswith("Whole meeting: 2 questions")


async def test_read_only_keys_change_nothing(sets_dir: Path, fake_clock: FakeClock) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=3)
    tag_some(sets_dir, fake_clock)
    files = sorted((sets_dir / "demo").rglob("*"))
    before = {p: p.read_bytes() for p in files if p.is_file()}
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = text_of(app, "#status")
        await pilot.press(
            "space",
            "n",
            "p",
            "plus",
            "right_square_bracket",
            "r",
            "b",
            "v",
            "t",
            "m",
            "o",
            "1",
            "q",
            "u",
            "e",
            "g",
            "question_mark",
            "enter",
            "escape",
        )
        await follow(pilot)
        assert text_of(app, "#status") == status
        assert app.screen.__class__.__name__ == "ProjectorScreen"
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    after = {p: p.read_bytes() for p in sorted((sets_dir / "demo").rglob("*")) if p.is_file()}
    assert after == before


def drawn_width(clock_widget: BigClock) -> int:
    """Columns from the first lit cell to the last, over every row the widget draws."""
    left, right = clock_widget.size.width, -1
    for y in range(clock_widget.size.height):
        text = clock_widget.render_line(y).text
        lit = [x for x, ch in enumerate(text) if ch == "█"]
        if lit:
            left, right = min(left, lit[0]), max(right, lit[-1])
    return right - left + 1


async def test_the_countdown_grows_with_the_window(sets_dir: Path, fake_clock: FakeClock) -> None:
    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=3)
    widths = []
    for size in [(80, 24), (160, 48), (400, 110)]:
        app = make_app(sets_dir, fake_clock)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            big = app.screen.query_one(BigClock)
            width = drawn_width(big)
            assert 0 < width <= big.size.width
            widths.append(width / size[0])
            status = app.screen.query_one("#status")
            assert status.region.x == 0 and status.region.height == 1
            assert str(status.render()).startswith("Probe · 12:00 left")
    # Most of the window at every size, room kept beside it for overtime's "+".
    assert widths[0] > 0.7 and widths[2] > 0.7, widths


@pytest.mark.parametrize("size", [(80, 24), (160, 48), (120, 40)])
async def test_the_room_sees_the_clock_centred_and_green_while_there_is_time(
    sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """The digits sat right of centre (room kept for overtime's "+"); and the README's green,
    amber and red was white, amber and red."""
    from textual.color import Color

    write_meeting(sets_dir, fake_clock, phases_done=5, minutes_in=3)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        big = app.screen.query_one(BigClock)
        lit = [
            x
            for y in range(big.size.height)
            for x, ch in enumerate(big.render_line(y).text)
            if ch == "█"
        ]
        left, right = min(lit), big.size.width - 1 - max(lit)
        assert abs(left - right) <= 1, (left, right)
        assert big.region.x + big.size.width / 2 == pytest.approx(size[0] / 2, abs=1)
        assert big.styles.color == Color.parse(app.current_theme.success)


# ---------------------------------------------------------------------------- issue 7


def demo_members(sets_dir: Path) -> list[str]:
    return [m.name for m in disk.SetStore(sets_dir / "demo").load_set().current_members]


async def test_five_members_present_five_letters(sets_dir: Path, fake_clock: FakeClock) -> None:
    """Sam sent apologies; Ruth facilitates and makes a statement: neither gets a letter,
    both count in the meeting's totals."""
    tag_some(sets_dir, fake_clock)
    store, clock = to_process_review(sets_dir, fake_clock, SummaryShown.anonymous)
    members = demo_members(sets_dir)
    clock.meeting.attendance.present = [m for m in members if m != "Sam Whitaker"]
    clock.meeting.attendance.apologies = ["Sam Whitaker"]
    store.save_meeting(clock.meeting)
    tagger = Tagger(
        store.read_journal(TODAY).events,
        clock=lambda: dt.datetime.fromtimestamp(fake_clock(), dt.UTC),
    )
    with store.journal(TODAY) as journal:
        journal.append(
            tagger.tag(
                member="Ruth Adeyemi", code="statement", phase="Process review", presenter=""
            )
        )
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        summary = text_of(app, "#summary")
        assert re.findall(r"Member (\w+):", summary) == ["A", "B", "C", "D", "E"]
        assert summary.startswith("Whole meeting: 2 questions, 1 piece of advice, 1 other")
        assert summary.endswith("4 members have not asked a question yet.")
        clock.meeting.summary = SummaryShown.named
        store.save_meeting(clock.meeting)
        await follow(pilot)
        summary = text_of(app, "#summary")
        assert "Sam" not in summary and "Ruth" not in summary
        assert summary.endswith(
            "Tom Reyes, Helen Okafor, Gareth Lewis and Mei Lin Chen have not asked a question yet."
        )


async def test_the_sets_default_summary_shows_without_o(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    the_set.summary = "anonymous"
    store.save_set(the_set)
    tag_some(sets_dir, fake_clock)
    _, clock = to_process_review(sets_dir, fake_clock, SummaryShown.hidden)
    clock.meeting.summary = None  # nobody has pressed o
    store.save_meeting(clock.meeting)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert shown(app, "#summary")
        assert "Member A: " in text_of(app, "#summary")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_summary_is_whole_on_a_small_projector(
    sets_dir: Path, fake_clock: FakeClock, size: tuple[int, int]
) -> None:
    """Eight members and five phases: every line is on the screen, and the time left too."""
    store = disk.SetStore(sets_dir / "demo")
    the_set = store.load_set()
    from actionset.model import Member

    the_set.members += [Member(name="Olu Bankole"), Member(name="Kate Moreno")]
    store.save_set(the_set)
    members = demo_members(sets_dir)
    by_key = codes(sets_dir)
    tagger = Tagger(clock=lambda: dt.datetime.fromtimestamp(fake_clock(), dt.UTC))
    with store.journal(TODAY) as journal:
        for n, phase in enumerate(["Present", "Clarify", "Probe", "Actions", "Reflect"]):
            for member in members[n + 1 :]:  # Priya asks nothing
                journal.append(
                    tagger.tag(
                        member=member, code=by_key["qaqsq"[n]], phase=phase, presenter="Tom Reyes"
                    )
                )
    to_process_review(sets_dir, fake_clock, SummaryShown.named)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        summary = app.screen.query_one("#summary")
        lines = text_of(app, "#summary").splitlines()
        assert len(lines) == 1 + 5 + 8 + 1
        assert summary.region.bottom <= size[1]
        assert summary.region.height >= len(lines) + 1  # and its top border
        screen = screen_text(app)
        assert all(line.strip() in screen for line in lines)
        assert "Process review · " in screen and " left" in screen


async def test_a_reload_that_ends_as_the_window_closes_is_dropped(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """The files are read in a thread: its answer may arrive once the window has gone."""
    write_meeting(sets_dir, fake_clock, phases_done=0, minutes_in=0)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
    assert isinstance(screen, ProjectorScreen)
    screen._loaded(1.0, None, ["late"])  # no NoMatches from a window already closed


async def test_unchanged_files_are_only_looked_at_never_read(
    sets_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The poll compares the files' times; it reads (in a thread) only what changed."""
    store, clock = write_meeting(sets_dir, fake_clock, phases_done=0, minutes_in=0)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await follow(pilot)
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)
        reads: list[str] = []
        monkeypatch.setattr(screen, "_read_in_thread", lambda: reads.append("read"))
        for _ in range(3):
            screen.poll()
        await pilot.pause()
        assert reads == []
        clock.next()
        store.save_meeting(clock.meeting)
        screen.poll()
        await pilot.pause()
        assert reads == ["read"]


async def test_the_summary_shows_the_coach_prompts_as_a_timeline_naming_no_member(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    tag_some(sets_dir, fake_clock)
    to_process_review(sets_dir, fake_clock, SummaryShown.anonymous)
    store = disk.SetStore(sets_dir / "demo")
    with store.journal(TODAY) as journal:
        journal.append(
            {
                "op": "prompt",
                "n": 1,
                "at": "2026-11-21T10:43:00+00:00",
                "kind": "silent-member",
                "phase": "Probe",
                "slot": 0,
                "said": "Gareth Lewis has said nothing in 12 min of questioning",
            }
        )
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        summary = text_of(app, "#summary")
        presenter = store.load_meeting(TODAY)
        assert presenter is not None
        first = next(p.presenter for p in presenter.agenda if p.presenter)
        assert f"The coach's prompts\n10:43 someone stayed silent during {first}'s probe" in summary
        assert "Gareth" not in summary


# ---------------------------------------------------------------------------- the console's date


async def test_the_projector_follows_the_meeting_the_console_holds_whatever_its_date(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """`run --date` on another day: today's meeting (here ended) is not the room's."""
    from actionset.model.dates import long_date
    from actionset.session import open_console

    store, today = write_meeting(sets_dir, fake_clock, phases_done=1, minutes_in=1)
    while not today.ended:
        today.next()
    store.save_meeting(today.meeting)
    held = TODAY - dt.timedelta(days=3)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await follow(pilot)
        before = cast(ProjectorScreen, app.screen).clock
        assert before is not None and before.ended  # no console: today's
        with open_console(store, disk.SetsFolder(sets_dir), held) as session:
            MeetingClock(session.meeting, fake_clock).start()
            session.save_meeting()
            await follow(pilot)
            screen = cast(ProjectorScreen, app.screen)
            assert screen.clock is not None and screen.clock.meeting.date == held
            assert not screen.clock.ended
            assert long_date(held) in text_of(app, "#title")
        await follow(pilot)  # the console let go: the room keeps the meeting it was shown
        assert screen.clock.meeting.date == held


async def test_a_projector_opened_beside_a_console_of_another_date_shows_that_meeting(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.session import open_console

    held = TODAY + dt.timedelta(days=2)
    store = disk.SetStore(sets_dir / "demo")
    with open_console(store, disk.SetsFolder(sets_dir), held):
        app = make_app(sets_dir, fake_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await follow(pilot)
            screen = cast(ProjectorScreen, app.screen)
            assert screen.clock is not None and screen.clock.meeting.date == held
