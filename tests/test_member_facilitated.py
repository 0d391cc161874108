"""A meeting a member facilitates: every rule asks the meeting for its facilitator
(`record.facilitator_of`), and a member who facilitates keeps their member row.

The vertical example set, made member-facilitated: Dev Patel is the set's facilitator
(set.toml), and at today's meeting Aisha Bello facilitates (the meeting's file), while Dev
takes part as a member."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, TODAY, FakeClock, copy_set, follow

from actionset import store as disk
from actionset.app import console_app, projector_app
from actionset.export.minutes import minutes_markdown
from actionset.model.codebook import codebook_for
from actionset.model.contributions import Contribution, replay
from actionset.model.meeting import Meeting, PhaseKind, SummaryShown
from actionset.model.record import facilitator_of
from actionset.screens.meeting import MeetingScreen
from actionset.screens.projector import ProjectorScreen
from actionset.session import open_meeting

SLUG = "ward-to-board"
SET_FACILITATOR = "Dev Patel"
TODAYS = "Aisha Bello"
SIZE = (120, 40)


def member_facilitated(tmp_path: Path) -> tuple[Path, disk.SetStore]:
    folder = tmp_path / "sets"
    folder.mkdir()
    copy_set(ROOT / "sets" / SLUG, folder / SLUG)
    store = disk.SetStore(folder / SLUG)
    the_set = store.load_set()
    the_set.facilitator = SET_FACILITATOR
    store.save_set(the_set)
    meeting = open_meeting(store, disk.SetsFolder(folder), TODAY, the_set=the_set)
    meeting.facilitator = TODAYS
    store.save_meeting(meeting)
    return folder, store


def at_phase(store: disk.SetStore, clock: FakeClock, kind: PhaseKind) -> Meeting:
    from actionset.model.clock import MeetingClock

    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    meeting_clock = MeetingClock(meeting, clock)
    while meeting_clock.phase is not None and meeting_clock.phase.kind is not kind:
        meeting_clock.next()
    store.save_meeting(meeting)
    return meeting


def tagged(store: disk.SetStore, meeting: Meeting, tags: list[tuple[str, str]]) -> None:
    from actionset.model.contributions import Tagger

    tagger = Tagger(store.read_journal(TODAY).events)
    by_key = {code.key: code.name for code in codebook_for(store.load_set())}
    with store.journal(TODAY) as journal:
        for member, key in tags:
            journal.append(tagger.tag(member=member, code=by_key[key], phase="Probe", presenter=""))


def contributions(store: disk.SetStore, meeting: Meeting) -> list[Contribution]:
    return replay(store.read_journal(TODAY).events, meeting.agenda)


async def test_key_0_tags_the_meetings_facilitator_and_the_sets_counts_as_a_member(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    folder, store = member_facilitated(tmp_path)
    at_phase(store, fake_clock, PhaseKind.clarify)
    app = console_app(
        store, disk.SetsFolder(folder), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("t", "0", "q")
        assert screen.tags.facilitator == TODAYS
        assert [c.member for c in screen.tags.contributions] == [TODAYS]
        counting = screen.tags.counting()  # the pane's "not yet asked" and the coach's
        assert SET_FACILITATOR in counting and TODAYS not in counting
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    assert [c.member for c in contributions(store, meeting)] == [TODAYS]


def questioning_rows(minutes: str) -> dict[str, list[int]]:
    """The minutes' questioning table: each row's questions, advice, statements, total."""
    table = minutes.split("### Questioning", 1)[1].split("\n\n", 2)[1]
    rows = {}
    for line in table.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows[cells[0]] = [int(cell) for cell in cells[1:5]]
    return rows


def test_the_minutes_keep_every_members_row_and_all_is_their_sum(tmp_path: Path) -> None:
    _, store = member_facilitated(tmp_path)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    tagged(
        store,
        meeting,
        [(SET_FACILITATOR, "q"), (SET_FACILITATOR, "q"), (TODAYS, "q"), ("Leah Murphy", "a")],
    )
    the_set = store.load_set()
    minutes = minutes_markdown(the_set, TODAY, meeting, [], [], contributions(store, meeting))
    assert facilitator_of(meeting, the_set) == TODAYS
    assert facilitator_of(None, the_set) == SET_FACILITATOR  # the tags alone: the set's
    rows = questioning_rows(minutes)
    assert rows[SET_FACILITATOR] == [2, 0, 0, 2]  # a member today: their own row
    assert rows[f"{TODAYS} (facilitating)"] == [1, 0, 0, 1]
    everyone = [r for label, r in rows.items() if label != "**All**"]
    assert rows["**All**"] == [sum(r[i] for r in everyone) for i in range(4)]
    assert "Asked no questions" in minutes
    assert TODAYS not in minutes.split("Asked no questions", 1)[1].split("\n", 1)[0]


def test_the_minutes_say_what_all_adds_when_the_facilitator_has_no_row(tmp_path: Path) -> None:
    """The set's own facilitator, not a member, tagged with 0: All says what it adds."""
    _, store = member_facilitated(tmp_path)
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    meeting.facilitator = "Joanna Reid"
    tagged(store, meeting, [("Joanna Reid", "q"), ("Joanna Reid", "s"), ("Leah Murphy", "q")])
    minutes = minutes_markdown(
        store.load_set(), TODAY, meeting, [], [], contributions(store, meeting)
    )
    rows = questioning_rows(minutes)
    assert rows["**All**"] == [2, 0, 1, 3] and rows["Leah Murphy"] == [1, 0, 0, 1]
    assert "All adds 2 contributions by the facilitator, who has no row." in minutes


async def test_the_rooms_summary_keeps_the_sets_facilitator_as_a_member(
    tmp_path: Path, fake_clock: FakeClock
) -> None:
    _, store = member_facilitated(tmp_path)
    meeting = at_phase(store, fake_clock, PhaseKind.process_review)
    meeting.summary = SummaryShown.named
    store.save_meeting(meeting)
    tagged(store, meeting, [(SET_FACILITATOR, "q"), (TODAYS, "q")])
    app = projector_app(store, today=TODAY, now=fake_clock, remember_theme=False)
    async with app.run_test(size=SIZE) as pilot:
        await follow(pilot)
        assert isinstance(app.screen, ProjectorScreen)
        lines = str(app.screen.query_one("#summary").render()).splitlines()
        assert f"  {SET_FACILITATOR}: 1 question" in lines
        assert f"  {TODAYS} (facilitating): 1 question" in lines
        assert not any("not asked" in line and TODAYS in line for line in lines)


def test_the_anonymous_summary_never_singles_out_the_facilitating_member() -> None:
    """Everyone knows who facilitates: a marked letter would name them, and so would a count
    of the silent that leaves out one of the rows with no question."""
    from actionset.model.stats import process_review

    codebook = codebook_for(None)
    by_key = {code.key: code.name for code in codebook}
    members = [TODAYS, SET_FACILITATOR, "Leah Murphy"]
    tags = [(SET_FACILITATOR, "q"), (SET_FACILITATOR, "a"), ("Leah Murphy", "a"), (TODAYS, "s")]
    journal = [
        Contribution(id=i, at="", phase="Probe", presenter="", member=who, code=by_key[key])
        for i, (who, key) in enumerate(tags, 1)
    ]
    review = process_review(
        journal, codebook, members, anonymous=True, seed=TODAY.isoformat(), facilitating=TODAYS
    )
    lines = review.lines()
    assert not any("facilitat" in line for line in lines)
    assert sorted(row.label for row in review.rows) == ["Member A", "Member B", "Member C"]
    silent = sum(1 for row in review.rows if row.questions == 0)
    assert f"{silent} members have not asked a question yet." in lines
    named = process_review(journal, codebook, members, facilitating=TODAYS)
    assert f"{TODAYS} (facilitating)" in [row.label for row in named.rows]
    assert named.not_asked == ["Leah Murphy"]


def test_the_anonymous_summary_calls_the_facilitators_tags_the_facilitators() -> None:
    """A facilitator who is no member has no row: anonymous, what their tags add is still the
    facilitator's, never "a member, who has no row"."""
    from actionset.model.stats import process_review

    codebook = codebook_for(None)
    by_key = {code.key: code.name for code in codebook}
    tags = [("Joanna Reid", "q"), ("Leah Murphy", "a")]
    journal = [
        Contribution(id=i, at="", phase="Probe", presenter="", member=who, code=by_key[key])
        for i, (who, key) in enumerate(tags, 1)
    ]
    review = process_review(
        journal, codebook, ["Leah Murphy"], anonymous=True, facilitating="Joanna Reid"
    )
    assert review.adds() == "All adds 1 contribution by the facilitator, who has no row."
