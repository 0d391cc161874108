"""The console's rounds of the members' voice: `A` opens the phase's round, counts the answers
as the phones send them, closes it and shows a reflection's lines; `L` answers on the laptop;
`Q` the QR code."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from conftest import TODAY, FakeClock, meeting_at
from textual.pilot import Pilot

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model.keyboard import KeyState, acts
from actionset.model.meeting import PhaseKind
from actionset.model.voice import answer_line
from actionset.screens.console_voice import VoiceLine
from actionset.screens.meeting import MeetingScreen
from actionset.store.lock import held_room

SIZE = (120, 40)
AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        store_of(sets_dir), disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def console(app: ActionSetApp) -> MeetingScreen:
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


def lines_of(sets_dir: Path) -> list[dict[str, Any]]:
    text = store_of(sets_dir).voice_path(TODAY).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def phone_answers(sets_dir: Path, round_id: str, count: int, line: str = "") -> None:
    """`count` phones answer, as the server appends their answers."""
    voice = store_of(sets_dir).read_voice(TODAY).voice
    statements = voice.rounds[round_id].statements
    for n in range(count):
        ratings = {s.id: 1 + (n % 5) for s in statements}
        record = answer_line(
            round_id, f"phone-{n:02d}-xxxxxxxxxx", AT, ratings, line and f"{line} {n}"
        )
        store_of(sets_dir).append_voice(TODAY, record)


def voice_line(app: ActionSetApp) -> str:
    box = app.screen.query_one(VoiceLine)
    return str(box.render()) if box.display else ""


async def see_the_file(pilot: Pilot[None], app: ActionSetApp) -> None:
    """The console's look at the voice file, as its timer makes it once a second while a
    round is open (the timer runs; its next turn is taken now, not waited for)."""
    screen = console(app)
    assert screen._voice_timer is not None
    screen.read_voice()
    await pilot.pause()


async def test_a_at_the_close_opens_a_pulse_counts_the_phones_and_closes_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        assert voice_line(app) == ""
        await pilot.press("A")
        [opened] = lines_of(sets_dir)
        assert opened["type"] == "round" and opened["kind"] == "pulse" and opened["round"] == "r1"
        present = sum(1 for m in console(app).roster if console(app).clock.meeting.is_present(m))
        assert voice_line(app) == f"Pulse open · 0 of {present} answered · Q the code · A closes it"
        phone_answers(sets_dir, "r1", 5)
        await see_the_file(pilot, app)
        assert voice_line(app) == f"Pulse open · 5 of {present} answered · Q the code · A closes it"
        await pilot.press("A")
        assert lines_of(sets_dir)[-1]["type"] == "close"
        assert voice_line(app) == f"Pulse closed · 5 of {present} answered"
        assert store_of(sets_dir).read_voice(TODAY).voice.rounds["r1"].count == 5


async def test_a_in_the_process_review_asks_a_reflection_and_releases_its_lines(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.process_review)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")  # out of the review's note field
        await pilot.press("A")
        assert lines_of(sets_dir)[-1]["kind"] == "reflection"
        phone_answers(sets_dir, "r1", 3, line="We listened")
        await see_the_file(pilot, app)
        await pilot.press("A")
        assert voice_line(app) == "Reflection closed · 3 lines · A shows them to the room"
        assert store_of(sets_dir).read_voice(TODAY).voice.rounds["r1"].released is None
        await pilot.press("A")
        assert lines_of(sets_dir)[-1]["type"] == "release"
        assert voice_line(app) == "Reflection: the room sees its 3 lines, anonymous"


async def test_a_opens_a_self_assessment_in_the_check_in_and_is_refused_elsewhere(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("A")
        assert lines_of(sets_dir)[-1]["kind"] == "self"
        await pilot.press("n")  # the round stays open into the next phase: A still closes it
        await pilot.press("t", "A")
        assert lines_of(sets_dir)[-1]["type"] == "close"
        await pilot.press("A")  # no round open, and none opens here: refused, said in words
        assert len(lines_of(sets_dir)) == 2
        assert "asks the room in the check-in, the process review or the close" in console(app).held


def test_a_acts_where_a_round_opens_and_anywhere_while_one_waits() -> None:
    assert acts(KeyState(phase=PhaseKind.close, panel=True), "voice_round")
    assert acts(KeyState(phase=PhaseKind.check_in, panel=True), "voice_round")
    assert not acts(KeyState(phase=PhaseKind.clarify, pane=True), "voice_round")
    assert acts(KeyState(phase=PhaseKind.bids, panel=True, voice=True), "voice_round")
    assert not acts(KeyState(phase=PhaseKind.close, panel=True), "voice_laptop")
    assert acts(KeyState(phase=PhaseKind.bids, panel=True, voice=True), "voice_laptop")
    assert not acts(KeyState(phase=PhaseKind.close, field=True, voice=True), "voice_round")


async def test_q_shows_the_members_page_on_the_projector_until_the_console_goes(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    folder = store_of(sets_dir).folder
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        assert held_room(folder) == {}
        await pilot.press("Q")
        assert held_room(folder) == {"address": True}
        await pilot.press("Q")
        assert held_room(folder) == {"address": False}
        await pilot.press("Q")
        await pilot.press("ctrl+q")
    assert held_room(folder) == {}


async def test_the_footer_shows_the_rooms_round_before_help_and_quit(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """`A` is a key of the process review and the close: the Footer shows it among the phase's
    keys, and help and quit stay last, as in every other phase."""
    from test_typing_bursts import at, settled

    for kind in (PhaseKind.process_review, PhaseKind.close):
        at(sets_dir, fake_clock, kind)
        app = make_app(sets_dir, fake_clock)
        async with app.run_test(size=(100, 24)) as pilot:
            await settled(pilot, app)
            row = app.screen._compositor.render_strips()[-1].text.split("▏")[0].rstrip()
            assert "A Ask room" in row, row
            assert row.endswith("? Help ^q Quit"), row
