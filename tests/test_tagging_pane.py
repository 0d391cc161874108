"""Pilot tests of tagging in the facilitator console: keys, the journal on disk, the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import MEMBERS, TODAY, FakeClock, meeting_at, paste, tagged_before
from conftest import on_disk as meeting_on_disk
from textual.app import App
from textual.pilot import Pilot

from actionset import cli
from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model import Meeting
from actionset.model.agenda import HALF_DAY, build_agenda
from actionset.model.clock import MeetingClock
from actionset.model.contributions import Contribution, replay
from actionset.model.meeting import PhaseKind
from actionset.screens.contributions import ContributionsScreen
from actionset.screens.meeting import MeetingScreen
from actionset.screens.tag_note import NoteScreen
from actionset.screens.yes_no import YesNoScreen
from actionset.widgets.roster_table import RosterTable
from actionset.widgets.tag_pane import TagPane

SIZE = (120, 40)
PRESENTERS = ["Ben Osei", "Carla Jones"]  # members 2 and 3
# The half-day agenda with presenters: 0 check-in, 1 report-back, 2 bids, 3 Present, 4 Clarify.
TO_PRESENT, TO_CLARIFY = 3, 4
AT_START = "2026-11-21T09:30:00+00:00"
NO_FACILITATOR_HELD = "no facilitator is named for this meeting: 0 tags no one"
DEFAULT_CODES = [
    ("q", "open-question"),
    ("c", "closed-question"),
    ("l", "leading-question"),
    ("a", "advice"),
    ("s", "statement"),
]


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        store_of(sets_dir), disk.SetsFolder(sets_dir), today=TODAY, now=clock, remember_theme=False
    )


def plan_with_presenters(
    sets_dir: Path, presenters: list[str] = PRESENTERS, *, at: int = 0
) -> None:
    """Today's meeting planned before the console opens, its slots held by real members, and
    moved on (`n`, the clock not started) to phase `at`: the console opens there."""
    meeting = Meeting(date=TODAY, template=HALF_DAY.name)
    meeting.agenda = build_agenda(HALF_DAY, presenters=presenters, present_members=MEMBERS)
    clock = MeetingClock(meeting, FakeClock())
    for _ in range(at):
        clock.next()
    store_of(sets_dir).save_meeting(meeting)


def events_on_disk(sets_dir: Path) -> list[dict[str, object]]:
    read = store_of(sets_dir).read_journal(TODAY)
    assert not read.warnings and not read.problems
    return read.events


def on_disk(sets_dir: Path) -> list[Contribution]:
    return replay(events_on_disk(sets_dir))


def console(app: App[None] | ActionSetApp) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


async def press_n(pilot: Pilot[None], times: int) -> None:
    """`n` times on: an actions phase with no action asks for a second `n` (a warning)."""
    screen = console(pilot.app)
    for _ in range(times):
        phase = screen.clock.phase
        await pilot.press("n")
        if phase is not None and phase.kind is PhaseKind.actions and screen.clock.phase is phase:
            await pilot.press("n")


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


# ---------------------------------------------------------------------------- tagging


async def test_number_then_code_tags_with_phase_and_presenter(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("3")
        assert console(app).pending == 3
        await pilot.press("q")
        assert console(app).pending is None
        expected = Contribution(
            id=1,
            at=AT_START,
            phase="Clarify",
            presenter="Ben Osei",
            member="Carla Jones",
            code="open-question",
            slot=0,
        )
        assert console(app).tags.contributions == [expected]
        assert on_disk(new_set_dir) == [expected]


async def test_every_default_code(new_set_dir: Path, fake_clock: FakeClock) -> None:
    """Each code key after a number tags that member with that code, one console for all."""
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        tagged: list[tuple[str, str]] = []
        for number, (key, name) in enumerate(DEFAULT_CODES, start=1):
            await pilot.press(str(number), key)
            tagged.append((MEMBERS[number - 1], name))
            assert [(c.member, c.code) for c in console(app).tags.contributions] == tagged, key
            assert [(c.member, c.code) for c in on_disk(new_set_dir)] == tagged, key


async def test_zero_is_the_facilitator(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("0", "s")
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [("Grace Liu", "statement")]


async def test_escape_cancels_a_pending_number(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2")
        assert console(app).pending == 2
        await pilot.press("escape")
        assert console(app).pending is None
        assert console(app).tags.contributions == []
        assert events_on_disk(new_set_dir) == []


async def test_a_second_number_replaces_the_pending_one(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "4", "c")
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [
            ("Dev Patel", "closed-question")
        ]


async def test_a_number_off_the_roster_is_refused(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("8")  # six members
        assert console(app).pending is None
        await pilot.press("q")
        assert events_on_disk(new_set_dir) == []


async def test_a_refused_number_holds_the_keys(new_set_dir: Path, fake_clock: FakeClock) -> None:
    """9 with six members is refused like any refused key: the keys typed after it (a number
    and a code, or a panel's letter) do nothing until escape."""
    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "9", "1", "q", "s")
        await pilot.pause()
        assert console(app).held == "no member has number 9"
        assert any(
            n.message == "Keys held: no member has number 9. esc resumes."
            for n in app._notifications
        )
        assert events_on_disk(new_set_dir) == []
        await pilot.press("escape", "1", "q")
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [
            ("Amira Haddad", "open-question")
        ]


async def test_zero_is_refused_in_words_where_no_facilitator_is_named(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    """A set made without --facilitator: 0 names no one, so it is refused and holds the keys,
    and the journal holds nothing the check would refuse."""
    from actionset.check import check_set
    from actionset.model import Member, Set

    sets_dir = tmp_path / "sets"
    disk.SetsFolder(sets_dir).create(
        Set(name="demo", members=[Member(name=name) for name in MEMBERS])
    )
    meeting_at(sets_dir, fake_clock, PhaseKind.clarify)
    app = make_app(sets_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "0", "s", "1", "q")
        await pilot.pause()
        assert console(app).held == NO_FACILITATOR_HELD
        assert events_on_disk(sets_dir) == []
        await pilot.press("escape", "2", "q")
    assert [(c.member, c.code) for c in on_disk(sets_dir)] == [("Ben Osei", "open-question")]
    assert check_set(store_of(sets_dir), cache=False).sorted_problems() == []


async def test_bare_code_tags_the_last_member_again(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)  # a code alone repeats here
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q")
        fake_clock.advance(30)
        await pilot.press("a")
        assert [(c.id, c.member, c.code) for c in on_disk(new_set_dir)] == [
            (1, "Ben Osei", "open-question"),
            (2, "Ben Osei", "advice"),
        ]
        assert on_disk(new_set_dir)[1].at == "2026-11-21T09:30:30+00:00"


async def test_bare_code_with_no_last_member_writes_nothing(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)  # a code alone repeats here
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("q", "a")
        assert console(app).tags.contributions == []
        assert events_on_disk(new_set_dir) == []
        assert any("number first" in n.message for n in app._notifications)


async def test_undo_removes_the_last_tag(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "3", "c", "u")
        assert [c.member for c in console(app).tags.contributions] == ["Ben Osei"]
        assert [c.member for c in on_disk(new_set_dir)] == ["Ben Osei"]
        assert events_on_disk(new_set_dir)[-1] == {"op": "delete", "id": 2}
        await pilot.press("u", "u")  # the second has nothing left to undo
        assert on_disk(new_set_dir) == []
        assert [e["op"] for e in events_on_disk(new_set_dir)] == ["tag", "tag", "delete", "delete"]


async def test_undo_after_a_recode_removes_the_last_standing_contribution(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """`u` removes the contribution tagged last, not the last change: re-coding an earlier
    one in the list does not make it the one undone."""
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "3", "c", "g")
        assert isinstance(app.screen, ContributionsScreen)
        await pilot.press("up", "a", "escape")  # re-code Ben's question as advice
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("u")
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [("Ben Osei", "advice")]


# ---------------------------------------------------------------------------- notes


async def test_note_is_typed_without_triggering_console_keys(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "e")
        assert isinstance(app.screen, NoteScreen)
        await type_text(pilot, "what now, quite 2 a")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, MeetingScreen)
        meeting = console(app).clock.meeting
        assert meeting.clock.phase == 0 and not meeting.clock.running
        assert [(c.member, c.code, c.note) for c in on_disk(new_set_dir)] == [
            ("Ben Osei", "open-question", "what now, quite 2 a")
        ]
        assert console(app).tags.contributions == on_disk(new_set_dir)


async def test_note_escape_keeps_the_tag_as_it_was(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "e")
        await type_text(pilot, "abc")
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        assert [e["op"] for e in events_on_disk(new_set_dir)] == ["tag"]


async def test_note_with_no_tag_opens_nothing(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("e")
        assert isinstance(app.screen, MeetingScreen)
        assert events_on_disk(new_set_dir) == []


async def test_advice_detector_suggestion_accepted_with_y(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "e")
        await paste(pilot, "Have you tried asking finance?")
        await pilot.press("enter")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.suggested == "leading-question"
        await pilot.press("y")
        assert isinstance(app.screen, MeetingScreen)
        assert [(c.code, c.note) for c in on_disk(new_set_dir)] == [
            ("leading-question", "Have you tried asking finance?")
        ]
        assert events_on_disk(new_set_dir)[1:] == [
            {"op": "note", "id": 1, "note": "Have you tried asking finance?"},
            {"op": "recode", "id": 1, "code": "leading-question"},
        ]
        assert console(app).tags.contributions == on_disk(new_set_dir)


async def test_advice_detector_suggestion_declined_with_n(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "e")
        await paste(pilot, "Have you tried asking finance?")
        await pilot.press("enter", "n")
        assert isinstance(app.screen, MeetingScreen)
        assert [(c.code, c.note) for c in on_disk(new_set_dir)] == [
            ("open-question", "Have you tried asking finance?")
        ]
        assert console(app).clock.meeting.clock.phase == 0  # n kept the code, not the phase


# ---------------------------------------------------------------------------- the list


async def test_contributions_list_recodes_and_deletes_rows(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("1", "q", "2", "c", "3", "a", "g")
        assert isinstance(app.screen, ContributionsScreen)
        await pilot.press("up", "l")  # the cursor starts on the last row: Ben's is the middle
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [
            ("Amira Haddad", "open-question"),
            ("Ben Osei", "leading-question"),
            ("Carla Jones", "advice"),
        ]
        await pilot.press("up", "d")  # asks first: n keeps the tag
        assert isinstance(app.screen, YesNoScreen)
        assert "Amira Haddad, open question" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        assert isinstance(app.screen, ContributionsScreen)
        assert len(on_disk(new_set_dir)) == 3
        await pilot.press("d", "y")
        assert isinstance(app.screen, ContributionsScreen)
        assert [c.member for c in on_disk(new_set_dir)] == ["Ben Osei", "Carla Jones"]
        assert console_of(app).tags.contributions == on_disk(new_set_dir)
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)
        # Keys on the list are the list's: nothing reached the clock or the tagging.
        assert console(app).clock.meeting.clock.phase == 0


async def test_u_after_a_delete_in_the_list_deletes_no_other_tag(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """d in the list asks first; once a tag is deleted there, u does not take the tag before
    it too: it says in words that it undoes only a tag just made, until the next tag."""
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "1", "q", "2", "c", "3", "a", "g", "d")
        assert isinstance(app.screen, YesNoScreen)
        await pilot.press("y", "escape", "u")
        await pilot.pause()
        assert [c.member for c in on_disk(new_set_dir)] == ["Amira Haddad", "Ben Osei"]
        said = "Nothing undone: the last change was a delete"
        assert any(n.startswith(said) for n in notices(app))
        await pilot.press("4", "s", "u")  # a tag made since: u undoes it as before
        assert [c.member for c in on_disk(new_set_dir)] == ["Amira Haddad", "Ben Osei"]


def console_of(app: ActionSetApp) -> MeetingScreen:
    screen = app.screen_stack[1]
    assert isinstance(screen, MeetingScreen)
    return screen


async def test_contributions_list_when_empty(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "g", "q", "d", "escape")
        assert isinstance(app.screen, MeetingScreen)
        assert events_on_disk(new_set_dir) == []


# ---------------------------------------------------------------------------- footer


def footer_keys(app: ActionSetApp) -> dict[str, str]:
    """What the Footer offers: key to action, for the bindings it shows."""
    return {
        key: active.binding.action
        for key, active in app.screen.active_bindings.items()
        if active.binding.show
    }


async def test_footer_shows_digits_when_idle_and_codes_while_pending(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """Tagging blind (the pane hidden, a phase with no panel): the Footer names the codes."""
    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        idle = footer_keys(app)
        assert idle["1"] == "pick(1)"
        assert not {"q", "c", "l", "a", "s", "escape"} & idle.keys()
        assert app.screen.active_bindings["q"].binding.action == "repeat('q')"
        await pilot.press("4")
        pending = footer_keys(app)
        assert {key: pending[key] for key in "qclas"} == {key: f"code('{key}')" for key in "qclas"}
        assert pending["escape"] == "cancel_pick"
        assert "1" not in pending
        assert app.screen.active_bindings["1"].binding.action == "repick(1)"
        await pilot.press("escape")
        assert footer_keys(app) == idle


async def test_beside_the_pane_the_footer_stays_as_it_is_while_a_number_waits(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """The pane's first line names the codes: the Footer is not built again twice a tag."""
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        shown = list(app.screen.query("FooterKey"))
        assert "0-9" in [str(key.render()).split()[0] for key in shown]
        await pilot.press("4")
        assert console(app).key_state().member == 4
        pending_line = console(app).query_one(TagPane).query_one("#pending")
        assert str(pending_line.render()).startswith("4 Dev Patel → q c l a s")
        assert list(app.screen.query("FooterKey")) == shown
        await pilot.press("q")
        assert console(app).tags.recent(1)[-1].member == "Dev Patel"
        await pilot.pause()
        assert list(app.screen.query("FooterKey")) == shown


# ---------------------------------------------------------------------------- presenters


async def test_presenter_number_refused_in_a_presenter_phase(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_PRESENT)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        phase = console(app).clock.phase
        assert phase is not None
        assert phase.presenter == "Ben Osei"
        await pilot.press("2")
        assert console(app).pending is None
        assert any("presenting" in n.message for n in app._notifications)
        await pilot.press("3", "q")
        assert [(c.member, c.phase, c.presenter) for c in on_disk(new_set_dir)] == [
            ("Carla Jones", "Present", "Ben Osei")
        ]


async def test_presenter_number_allowed_outside_their_slot(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q")  # check-in: nobody presents
        assert [(c.member, c.presenter) for c in on_disk(new_set_dir)] == [("Ben Osei", "")]


# ---------------------------------------------------------------------------- the pane


async def test_t_shows_and_hides_the_pane_and_tags_are_kept_while_hidden(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await press_n(pilot, TO_PRESENT)  # a phase with no panel: tagging keys with the pane hidden
        pane = console(app).query_one(TagPane)
        assert not pane.display
        await pilot.press("2", "q")
        assert len(on_disk(new_set_dir)) == 1
        await pilot.press("t")
        assert pane.display
        recent = str(pane.query_one("#recent").render())
        assert "Ben Osei" in recent
        await pilot.press("3", "c")
        assert "Carla Jones" in str(pane.query_one("#recent").render())
        await pilot.press("t")
        assert not pane.display
        await pilot.press("4", "a")
        assert [c.member for c in on_disk(new_set_dir)] == ["Ben Osei", "Carla Jones", "Dev Patel"]


async def test_earlier_tags_are_loaded_after_a_restart(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)  # a code alone repeats here
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "3", "c", "u")
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        assert [(c.id, c.member) for c in console(app).tags.contributions] == [(1, "Ben Osei")]
        await pilot.press("a")  # the last member survives the restart too
        await pilot.press("4", "s")
        assert [(c.id, c.member, c.code) for c in on_disk(new_set_dir)] == [
            (1, "Ben Osei", "open-question"),
            (3, "Ben Osei", "advice"),
            (4, "Dev Patel", "statement"),
        ]


async def test_a_torn_last_tag_is_reported_and_left_out(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q")
    path = store_of(new_set_dir).tags_path(TODAY)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write('{"op":"tag","id":2,"at"')
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        assert any("cut off" in n.message for n in app._notifications)
        await pilot.press("3", "q")
        assert [(c.id, c.member) for c in on_disk(new_set_dir)] == [
            (1, "Ben Osei"),
            (2, "Carla Jones"),
        ]


# ---------------------------------------------------------------------------- the report


async def test_csv_report_of_the_tags(
    new_set_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("3", "q", "e")
        await paste(pilot, "Have you tried asking finance?")
        await pilot.press("enter", "y")
        fake_clock.advance(65)
        await pilot.press("4", "c", "5", "s", "u")
    capsys.readouterr()
    code = cli.main(
        ["report", "demo", "--meeting", "latest", "--format", "csv", "--sets-dir", str(new_set_dir)]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == (
        "date,time,phase,presenter,member,kind,note\n"
        "2026-11-21,09:30:00,Clarify,Ben Osei,Carla Jones,leading-question,"
        "Have you tried asking finance?\n"
        "2026-11-21,09:31:05,Clarify,Ben Osei,Dev Patel,closed-question,\n"
    )


async def test_presenter_not_tagged_by_a_bare_code_in_their_slot(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """Ben was tagged last at check-in; in his own Present phase a bare code must not tag him."""
    plan_with_presenters(new_set_dir)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q")
        await press_n(pilot, TO_PRESENT)
        await pilot.press("a")
        assert [(c.member, c.phase) for c in on_disk(new_set_dir)] == [
            ("Ben Osei", "Check-in and ground rules")
        ]


async def test_presenter_not_tagged_when_the_phase_moves_under_a_pending_number(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2")
        await press_n(pilot, TO_PRESENT)
        await pilot.press("q")
        assert console(app).pending is None
        assert events_on_disk(new_set_dir) == []


async def test_a_closed_meetings_tags_are_refused_in_words_until_it_is_reopened(
    new_set_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its minutes are written from its tags: on the end screen no key changes them."""
    tagged_before(new_set_dir, fake_clock, "3q")
    meeting_at(new_set_dir, fake_clock, PhaseKind.close)  # the last phase
    app = make_app(new_set_dir, fake_clock)
    said: list[str] = []
    notify = app.notify

    def heard(message: str, **kw: Any) -> None:
        said.append(message)
        notify(message, **kw)

    monkeypatch.setattr(app, "notify", heard)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await press_n(pilot, 2)  # the meeting ends, and `n` again does nothing but hold the keys
        assert console(app).clock.ended
        assert console(app).held
        await pilot.press("escape")
        said.clear()
        await pilot.press("2", "s", "q", "u")
        assert [c.member for c in on_disk(new_set_dir)] == ["Carla Jones"]
        assert len(events_on_disk(new_set_dir)) == 1
        assert said and all("closed" in words and "reopens" in words for words in said)
        await pilot.press("e")  # no note either
        assert not isinstance(app.screen, NoteScreen)
        await pilot.press("p")  # reopened on the close, paused: tagging works again
        assert not console(app).clock.ended
        await pilot.press("2", "s")
        assert [c.member for c in on_disk(new_set_dir)] == ["Carla Jones", "Ben Osei"]


async def test_home_screen_opens_the_console_with_its_journal(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.app import home_app

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q")
    app = home_app(disk.SetsFolder(new_set_dir), today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert [c.member for c in console(app).tags.contributions] == ["Ben Osei"]
        await pilot.press("t", "3", "c")
        assert [(c.id, c.member) for c in on_disk(new_set_dir)] == [
            (1, "Ben Osei"),
            (2, "Carla Jones"),
        ]


@pytest.mark.parametrize("key", ["g", "m", "o", "d"])
def test_codes_may_not_take_the_list_mute_summary_or_delete_keys(key: str) -> None:
    """A code on `g` would never open the list (and, bound on top of a class binding, would
    pile up on every later console); `d` in the list deletes, so it could never re-code."""
    from pydantic import ValidationError

    from actionset.model.set import Code

    with pytest.raises(ValidationError, match="reserved"):
        Code(key=key, name="mine", counts_as="other")


# ---------------------------------------------------------------------------- issue 7: tagging

TO_SECOND_CLARIFY, TO_REVIEW = 10, 14


def notices(app: ActionSetApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_refused_number_leaves_no_member_for_a_bare_code(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """In Clarify with Ben presenting: 4 q, then 2 (Ben's own number), then a bare a."""
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("4", "q", "2")
        assert any("presenting" in n for n in notices(app))
        await pilot.press("a")
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [
            ("Dev Patel", "open-question")
        ]
        assert notices(app)[-1] == (
            "Nobody tagged: the member presenting is not tagged; another member's number, "
            "then the code."
        )
        await pilot.press("4", "q", "9", "escape", "a")  # a number off the roster: the same
        assert [c.member for c in on_disk(new_set_dir)] == ["Dev Patel", "Dev Patel"]
        await pilot.press("3", "c", "a")  # a number that is taken again repeats as before
        assert [c.code for c in on_disk(new_set_dir)][-2:] == ["closed-question", "advice"]


async def test_after_undo_a_bare_code_repeats_the_last_standing_tags_member(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)  # a code alone repeats here
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("2", "q", "3", "c", "u", "a")
        assert [(c.member, c.code) for c in on_disk(new_set_dir)] == [
            ("Ben Osei", "open-question"),
            ("Ben Osei", "advice"),
        ]
        await pilot.press("u", "u", "s")  # nothing stands: a bare code tags nobody
        assert on_disk(new_set_dir) == []
        assert any(n.startswith("Nobody tagged") for n in notices(app))


async def test_tags_made_before_the_presenters_are_chosen_belong_to_the_slot(
    new_set_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tagged in the first Present under "Presenter 1"; `w` then chooses Carla first."""
    plan_with_presenters(new_set_dir, presenters=[], at=TO_PRESENT)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("4", "q", "5", "a")
        assert [(c.presenter, c.slot) for c in on_disk(new_set_dir)] == [
            ("Presenter 1", 0),
            ("Presenter 1", 0),
        ]
        await pilot.press("w")
        app.screen.dismiss(["Carla Jones", "Ben Osei"])
        await pilot.pause()
        await pilot.press("n", "4", "c")  # Clarify, Carla's slot
        screen = console(app)
        assert [c.presenter for c in screen.tags.contributions] == ["Carla Jones"] * 3
        pane = screen.query_one(TagPane)
        assert str(pane.query_one("#totals").render()).startswith(
            "Slot · meeting\nSlot    2 q · 1 adv"
        )
        assert "Dev Patel" not in str(pane.query_one("#quiet").render())
        agenda = (await meeting_on_disk(app, new_set_dir)).agenda
        assert [c.presenter for c in replay(events_on_disk(new_set_dir), agenda)] == [
            "Carla Jones"
        ] * 3
    capsys.readouterr()
    assert cli.main(["report", "demo", "--format", "csv", "--sets-dir", str(new_set_dir)]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert [row.split(",")[3] for row in rows] == ["Carla Jones"] * 3


def take_attendance(sets_dir: Path, absent: list[str]) -> None:
    store = store_of(sets_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    meeting.attendance.present = [m for m in MEMBERS if m not in absent]
    meeting.attendance.apologies = absent
    store.save_meeting(meeting)


async def test_only_members_present_count_and_tagging_an_absent_one_asks(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.screens.yes_no import YesNoScreen

    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    take_attendance(new_set_dir, ["Erin Walsh"])
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("0", "s")  # the facilitator is never asked about, nor counted
        quiet = str(console(app).query_one(TagPane).query_one("#quiet").render())
        assert quiet == "Not yet asked: Amira Haddad, Carla Jones, Dev Patel, Femi Adeyemi"
        await pilot.press("5", "q")
        assert isinstance(app.screen, YesNoScreen)
        assert str(app.screen.query_one("#question").render()) == (
            "Erin Walsh sent apologies: mark present?"
        )
        await pilot.press("n")
        assert isinstance(app.screen, MeetingScreen)
        assert [c.member for c in on_disk(new_set_dir)] == ["Grace Liu"]
        said = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert said == ["Nothing tagged: Erin Walsh stays marked as sending apologies."], said
        await pilot.press("a")  # and the declined member is not left for a bare code
        assert [c.member for c in on_disk(new_set_dir)] == ["Grace Liu"]
        app.clear_notifications()
        await pilot.press("5", "q")  # asked once: after a no, refused in words
        assert isinstance(app.screen, MeetingScreen)
        assert [c.member for c in on_disk(new_set_dir)] == ["Grace Liu"]
        said = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert said[-1:] == [
            "Nothing tagged: Erin Walsh is marked as sending apologies (h marks who is here)."
        ], said
        meeting = store_of(new_set_dir).load_meeting(TODAY)
        assert meeting is not None and meeting.attendance.apologies == ["Erin Walsh"]


async def test_a_member_who_sent_apologies_marked_present_at_the_question_is_tagged(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.screens.yes_no import YesNoScreen

    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    take_attendance(new_set_dir, ["Erin Walsh"])
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t", "5", "q")
        assert isinstance(app.screen, YesNoScreen)
        await pilot.press("y")
        assert isinstance(app.screen, MeetingScreen)
        assert [c.member for c in on_disk(new_set_dir)] == ["Erin Walsh"]
        saved = (await meeting_on_disk(app, new_set_dir)).attendance
        assert "Erin Walsh" in saved.present and saved.apologies == []
        await pilot.press("5", "c")  # present now: no second question
        assert isinstance(app.screen, MeetingScreen)
        assert len(on_disk(new_set_dir)) == 2


async def test_a_member_marked_absent_is_asked_about_as_absent(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """The question and the notice name the member's own state: absent, not apologies."""
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    store = store_of(new_set_dir)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    meeting.attendance.present = [m for m in MEMBERS if m != "Erin Walsh"]
    meeting.attendance.absent = ["Erin Walsh"]
    store.save_meeting(meeting)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t", "5", "q")
        assert str(app.screen.query_one("#question").render()) == (
            "Erin Walsh is marked absent: mark present?"
        )
        await pilot.press("n")
        said = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert said == ["Nothing tagged: Erin Walsh stays marked absent."], said


async def test_the_process_review_shows_the_whole_meeting(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("3", "q", "4", "a")  # Ben's slot, the pane shown throughout
        await press_n(pilot, TO_SECOND_CLARIFY - TO_CLARIFY)
        await pilot.press("2", "q")  # Carla's slot
        pane = console(app).query_one(TagPane)
        assert str(pane.query_one("#totals").render()).startswith(
            "Slot · meeting\nSlot    1 q · 0 adv"
        )
        await press_n(pilot, TO_REVIEW - TO_SECOND_CLARIFY)
        assert (
            str(pane.query_one("#totals").render()) == "Slot · meeting\nMeeting 2 q · 1 adv · 2:1"
        )
        table = pane.query_one(RosterTable)
        q_column = [table.rows[row][2].plain.strip() for row in range(len(MEMBERS))]
        assert q_column == ["", "1", "1", "", "", ""]  # Ben and Carla, each in the other's slot
        assert str(pane.query_one("#quiet").render()) == (
            "No question all meeting: Amira Haddad, Dev Patel, Erin Walsh, Femi Adeyemi"
        )


async def test_o_shows_and_hides_the_summary_and_only_capital_o_names_the_members(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.model.meeting import SummaryShown

    plan_with_presenters(new_set_dir, at=TO_REVIEW)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        shown = []
        for key in ("o", "o", "o", "O", "o", "O", "O"):
            await pilot.press(key)
            shown.append((await meeting_on_disk(app, new_set_dir)).summary)
        hidden, anonymous, named = SummaryShown.hidden, SummaryShown.anonymous, SummaryShown.named
        # hiding the summary never shows the names on the way: only O names the members
        assert shown == [anonymous, hidden, anonymous, named, hidden, named, anonymous]


async def test_the_process_reviews_footer_offers_o_before_the_names(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """At 80 columns the process review's own key in the Footer is `o`, which shows the room
    the summary anonymous, not `O` in its place, which names the members."""
    plan_with_presenters(new_set_dir, at=TO_REVIEW)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = footer_keys(app)
        assert shown.get("o") == "show_summary"  # O named the phase's key in its place


async def test_o_starts_from_the_sets_default(new_set_dir: Path, fake_clock: FakeClock) -> None:
    from actionset.model.meeting import SummaryShown

    store = store_of(new_set_dir)
    the_set = store.load_set()
    the_set.summary = "named"
    store.save_set(the_set)
    plan_with_presenters(new_set_dir, at=TO_REVIEW)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        await pilot.press("o")
        assert (await meeting_on_disk(app, new_set_dir)).summary is SummaryShown.hidden


async def test_the_contributions_list_reads_labels_and_each_tags_presenter(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """The list says "open question", not its code name, and names the slot's presenter;
    so does the notice of an undone tag."""
    plan_with_presenters(new_set_dir, at=4)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        presenter = console(app).tags.slot_presenter()
        asker = next(n for n in console(app).roster if n != presenter)
        number = str(console(app).roster.index(asker) + 1)
        await pilot.press(number, "q", "g")
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        columns = [str(c.label) for c in table.columns.values()]
        assert columns == ["time", "phase", "presenter", "member", "kind", "note"]
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[2:5] == [presenter, asker, "open question"]
        await pilot.press("escape", "u")
        assert f"Undone: {asker} open question." in notices(app)


async def test_the_pane_repaints_once_per_key_after_the_journal_has_the_tag(
    new_set_dir: Path, fake_clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A number then a code: one repaint each, and the code's only once its line is on disk."""
    shown: list[int] = []
    real = TagPane.show

    def counted(pane: TagPane, *args: object, **kwargs: object) -> None:
        shown.append(len(events_on_disk(new_set_dir)))
        real(pane, *args, **kwargs)  # type: ignore[arg-type]

    meeting_at(new_set_dir, fake_clock, PhaseKind.clarify)  # a code alone repeats here
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the tag pane over the phase's panel
        monkeypatch.setattr(TagPane, "show", counted)
        await pilot.press("2")
        assert shown == [0]
        await pilot.press("q")
        assert shown == [0, 1]  # the tag was journalled before its repaint
        await pilot.press("a")  # a bare code tags the same member again
        assert shown == [0, 1, 2]
        assert str(app.screen.query_one("#totals").render()).endswith("Meeting 1 q · 1 adv · 1:1")


async def test_the_console_says_who_facilitates_today(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    """The check-in's heading names today's facilitator, and the tag pane marks their row;
    the projector shows neither."""
    from textual.widgets import Static

    from actionset.model import Member, Set

    folder = tmp_path / "sets"
    the_set = Set(
        name="demo", facilitator="Ben Osei", members=[Member(name=name) for name in MEMBERS]
    )
    disk.SetsFolder(folder).create(the_set)
    app = make_app(folder, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        heading = str(app.screen.query_one("#heading", Static).render())
        assert heading.endswith(" · facilitated by Ben Osei")
        await pilot.press("t")
        table = app.screen.query_one(TagPane).query_one(RosterTable)
        names = [row[1].plain for row in table.rows]
        assert names[1] == "◆ Ben Osei"
        assert [n for n in names if "◆" in n] == ["◆ Ben Osei"]
