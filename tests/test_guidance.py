"""Guidance for a member new to facilitating: what to do now in each phase, and what to ask,
on the console only; on for a member-led set or a set that turns it on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MEMBERS, TODAY, FakeClock, SnapCompare, meeting_at
from test_clock_screens import screen_text
from test_console_screens import make_app as console
from textual.pilot import Pilot

from actionset import cli
from actionset import store as disk
from actionset.app import projector_app
from actionset.model import Member, Set
from actionset.model.guidance import (
    DEFAULT_GUIDANCE,
    MAX_QUESTIONS,
    guidance_for,
    guidance_lines,
    guidance_on,
)
from actionset.model.meeting import PhaseKind
from actionset.model.set import SetKind
from actionset.screens.help import HelpScreen

PROBE_DO = "Open questions only: help them think, never tell them what to do."
NARROWEST = 80 - 3
"""The guidance's width on a console 80 columns wide (its border and padding take 3)."""


def a_set(kind: SetKind = SetKind.horizontal, **fields: object) -> Set:
    return Set.model_validate({"name": "Peers", "kind": kind, **fields})


def test_every_kind_of_phase_has_guidance_that_fits_an_80_column_console() -> None:
    assert set(DEFAULT_GUIDANCE) == set(PhaseKind)
    for kind, guidance in DEFAULT_GUIDANCE.items():
        now, ask = guidance_lines(guidance)
        assert len(now) <= NARROWEST, kind  # what to do: one line
        assert 1 <= len(guidance.ask) <= MAX_QUESTIONS, kind
        assert len(ask) <= 2 * NARROWEST - 10, kind  # the questions: two lines at most
        assert all(q.endswith("?") for q in guidance.ask), kind


def test_on_for_a_member_led_set_off_for_one_with_an_adviser_unless_the_set_says() -> None:
    assert guidance_on(a_set(SetKind.member_led))
    assert not guidance_on(a_set(SetKind.horizontal))
    assert not guidance_on(a_set(SetKind.vertical))
    assert guidance_on(a_set(SetKind.vertical, guidance={"on": True}))
    assert not guidance_on(a_set(SetKind.member_led, guidance={"on": False}))
    assert guidance_on(a_set(SetKind.member_led, guidance={"probe": {"do": PROBE_DO}}))


def test_a_sets_own_words_replace_the_defaults_key_by_key() -> None:
    the_set = a_set(
        guidance={
            "probe": {"do": PROBE_DO},
            "process-review": {"ask": ["What did we learn about asking?"]},
            "break": {"ask": []},
        }
    )
    probe = guidance_for(the_set, PhaseKind.probe)
    assert probe.do == PROBE_DO
    assert probe.ask == DEFAULT_GUIDANCE[PhaseKind.probe].ask
    review = guidance_for(the_set, PhaseKind.process_review)
    assert review.do == DEFAULT_GUIDANCE[PhaseKind.process_review].do
    assert review.ask == ["What did we learn about asking?"]
    assert guidance_for(the_set, PhaseKind.break_).ask == []
    assert guidance_lines(guidance_for(the_set, PhaseKind.break_)) == [
        f"Now: {DEFAULT_GUIDANCE[PhaseKind.break_].do}"
    ]
    assert guidance_for(the_set, PhaseKind.clarify) == DEFAULT_GUIDANCE[PhaseKind.clarify]


def test_a_mistake_in_the_guidance_table_is_named_on_its_line(tmp_path: Path) -> None:
    store = disk.SetsFolder(tmp_path).create(Set(name="Peers", kind=SetKind.member_led))
    path = store.folder / "set.toml"
    text = path.read_text(encoding="utf-8")
    assert "guidance" not in text  # unset: the defaults, nothing written
    written = text + '\n[guidance]\non = true\n\n[guidance.probe]\ndo = "Ask."\nask = ["a", "b"'
    path.write_text(written + ', "c"]\n', encoding="utf-8")
    with pytest.raises(disk.StoreError) as caught:
        store.load_set()
    line = written.count("\n") + 1
    assert f"set.toml:{line}: guidance.probe.ask: " in str(caught.value)
    path.write_text(text + '\n[guidance.prob]\ndo = "Ask."\n', encoding="utf-8")
    with pytest.raises(disk.StoreError) as caught:
        store.load_set()
    assert "guidance.prob: " in str(caught.value)


def test_a_set_kept_with_its_guidance_reads_back_the_same(tmp_path: Path) -> None:
    store = disk.SetsFolder(tmp_path).create(Set(name="Peers", kind=SetKind.member_led))
    path = store.folder / "set.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + f'\n[guidance]\non = true\n\n[guidance.process-review]\ndo = "{PROBE_DO}"\n',
        encoding="utf-8",
    )
    the_set = store.load_set()
    store.save_set(the_set)
    saved = path.read_text(encoding="utf-8")
    assert f'[guidance.process-review]\ndo = "{PROBE_DO}"' in saved and "ask" not in saved
    assert guidance_for(store.load_set(), PhaseKind.process_review).do == PROBE_DO


def test_new_takes_a_member_led_kind(tmp_path: Path) -> None:
    members = ["--member", "Ann Lee", "--member", "Bo Chan"]
    made = cli.main(["new", "Peers", *members, "--kind", "member-led", "--sets-dir", str(tmp_path)])
    assert made == 0
    the_set = disk.SetStore(tmp_path / "peers").load_set()
    assert the_set.kind is SetKind.member_led and guidance_on(the_set)


def member_led_dir(tmp_path: Path, **fields: object) -> Path:
    folder = tmp_path / "sets"
    the_set = Set.model_validate(
        {
            "name": "demo",
            "kind": "member-led",
            "members": [Member(name=name) for name in MEMBERS],
            **fields,
        }
    )
    disk.SetsFolder(folder).create(the_set)
    return folder


PROBE_ASK = DEFAULT_GUIDANCE[PhaseKind.probe].ask[0]


async def test_a_member_led_console_shows_the_phases_guidance_and_the_projector_none(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    sets_dir = member_led_dir(tmp_path)
    meeting_at(sets_dir, fake_clock, PhaseKind.probe)
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#guidance")
        assert box.display
        words = str(box.render())
        assert f"Now: {DEFAULT_GUIDANCE[PhaseKind.probe].do}" in words
        assert PROBE_ASK in words
        await pilot.press("n")  # the actions: their own guidance
        await pilot.pause()
        assert DEFAULT_GUIDANCE[PhaseKind.actions].do in str(box.render())
        assert DEFAULT_GUIDANCE[PhaseKind.actions].do in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        helped = app.screen
        assert isinstance(helped, HelpScreen)
        listed = " ".join(what for _, lines in helped.sections for _, what in lines)
        for guidance in DEFAULT_GUIDANCE.values():
            assert guidance.do in listed
        await pilot.press("escape")
        await app.saved()
    projector = projector_app(
        disk.SetStore(sets_dir / "demo"), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with projector.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        room = screen_text(projector)
        assert "Actions" in room
        assert DEFAULT_GUIDANCE[PhaseKind.actions].do[:30] not in room
        assert "Now:" not in room and "Ask:" not in room
        assert not projector.screen.query("#guidance")


async def test_a_set_with_an_adviser_sees_none_and_its_help_lists_none(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(new_set_dir, fake_clock, PhaseKind.probe)
    app = console(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#guidance").display
        assert "Now:" not in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert PROBE_ASK not in screen_text(app)


async def test_a_sets_own_words_show_on_the_console(tmp_path: Path, fake_clock: FakeClock) -> None:
    sets_dir = member_led_dir(tmp_path, guidance={"probe": {"do": PROBE_DO, "ask": ["What else?"]}})
    meeting_at(sets_dir, fake_clock, PhaseKind.probe)
    app = console(sets_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        words = str(app.screen.query_one("#guidance").render())
        assert PROBE_DO in words and "Ask: What else?" in words and PROBE_ASK not in words


async def quiet(pilot: Pilot[None]) -> None:
    """The first meeting's notice cleared: the guidance under it is what the snapshot shows."""
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("kind", [PhaseKind.probe, PhaseKind.bids], ids=["clock", "panel"])
def test_the_console_with_guidance_at_80x24(
    snap_compare: SnapCompare, tmp_path: Path, fake_clock: FakeClock, kind: PhaseKind
) -> None:
    """Under the clock, or under a phase's panel and its hint: both still whole."""
    sets_dir = member_led_dir(tmp_path)
    meeting_at(sets_dir, fake_clock, kind)
    assert snap_compare(console(sets_dir, fake_clock), terminal_size=(80, 24), run_before=quiet)
