"""The projector's part of the members' voice: the page's QR code while the console asks for
it, never the address written out, and a reflection's lines only once released."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, follow, meeting_at

from actionset import store as disk
from actionset.app import ActionSetApp, projector_app
from actionset.members_address import MEMBERS_PAGE_ENV
from actionset.model.meeting import PhaseKind
from actionset.model.voice import DEFAULT_SCALES, answer_line, close_line, release_line, round_line
from actionset.qr import qr_lines
from actionset.screens.projector_voice import LINES_HEADING, NO_ADDRESS, SCAN

AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
ADDRESS = "http://192.168.1.20:8110/voice?token=Pv6InrgQ_2C7ukPYw95n_A"
SIZE = (100, 40)


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def make_app(sets_dir: Path, clock: FakeClock, *, served: bool = False) -> ActionSetApp:
    return projector_app(
        store_of(sets_dir), today=TODAY, now=clock, remember_theme=False, served=served
    )


def text_of(app: ActionSetApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    return str(widget.render()) if widget.display else ""


async def test_the_code_shows_while_the_console_asks_and_goes_with_it(
    sets_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MEMBERS_PAGE_ENV, ADDRESS)  # as the server hands it to a tab
    store = store_of(sets_dir)
    app = make_app(sets_dir, fake_clock, served=True)
    async with app.run_test(size=SIZE) as pilot:
        with store.lock(meeting=TODAY) as lock:
            await follow(pilot)
            assert text_of(app, "#members") == ""
            lock.tell_room(address=True)
            await follow(pilot)
            shown = text_of(app, "#members")
            assert shown.startswith(SCAN)
            assert "\n".join(line.strip() for line in qr_lines(ADDRESS)) in "\n".join(
                line.strip() for line in shown.splitlines()
            )
            everything = app.export_screenshot()
            assert "token" not in everything and "Pv6InrgQ" not in everything
            lock.tell_room(address=False)
            await follow(pilot)
            assert text_of(app, "#members") == ""
            lock.tell_room(address=True)
            await follow(pilot)
            assert text_of(app, "#members")
        await follow(pilot)  # the console has quit: the code goes with it
        assert text_of(app, "#members") == ""


async def test_a_projector_with_no_server_says_where_the_page_is_served(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        with store_of(sets_dir).lock(meeting=TODAY) as lock:
            lock.tell_room(address=True)
            await follow(pilot)
            assert text_of(app, "#members") == NO_ADDRESS


async def test_a_reflections_lines_reach_the_room_only_once_released_and_in_no_order(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.process_review)
    store = store_of(sets_dir)
    store.append_voice(TODAY, round_line("r1", DEFAULT_SCALES["reflection"], AT))
    for n, line in enumerate(["We listened more", "Advice crept in", "Better questions <b>"]):
        store.append_voice(TODAY, answer_line("r1", f"phone-{n}-xxxxxxxxxx", AT, {}, line))
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await follow(pilot)
        assert text_of(app, "#voice-lines") == ""
        store.append_voice(TODAY, close_line("r1", AT))
        await follow(pilot)
        assert text_of(app, "#voice-lines") == ""  # closed is not released
        store.append_voice(TODAY, release_line("r1", AT))
        await follow(pilot)
        assert text_of(app, "#voice-lines").splitlines() == [
            LINES_HEADING,
            "· Advice crept in",
            "· Better questions <b>",
            "· We listened more",
        ]
        assert "phone-" not in app.export_screenshot()


async def test_released_lines_show_in_the_process_review_only(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    store = store_of(sets_dir)
    store.append_voice(TODAY, round_line("r1", DEFAULT_SCALES["reflection"], AT))
    store.append_voice(TODAY, answer_line("r1", "phone-1-xxxxxxxxxx", AT, {}, "Well done"))
    store.append_voice(TODAY, close_line("r1", AT))
    store.append_voice(TODAY, release_line("r1", AT))
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await follow(pilot)
        assert text_of(app, "#voice-lines") == ""
