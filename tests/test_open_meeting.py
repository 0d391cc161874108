"""`run` never replaces a meeting file it finds: it completes a missing agenda or refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock

from actionset import cli
from actionset import store as disk
from actionset.app import console_app
from actionset.model.meeting import PhaseStatus
from actionset.screens.meeting import MeetingScreen

# Today's meeting of the demo set as a person (or an older version) left it: no [[agenda]].
WITHOUT_AGENDA = f"""\
date = {TODAY.isoformat()}
template = "half-day"
place = "Room 4"
reflections = ["We listened better than last time."]
summary = "hidden"

[attendance]
present = ["Priya Shah", "Tom Reyes", "Helen Okafor", "Gareth Lewis", "Mei Lin Chen"]
apologies = ["Sam Whitaker"]

[[presenters]]
member = "Tom Reyes"
issue = ""

[[presenters]]
member = "Helen Okafor"
issue = ""

[clock]
phase = {{phase}}
running = false
elapsed_seconds = 120.0
started_at = {TODAY.isoformat()}T09:30:00Z
view = "countdown"
muted = true
"""


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run` must refuse before any window opens; if it opened one, fail instead of hanging."""
    from actionset.app import ActionSetApp

    def refuse(self: ActionSetApp) -> None:
        raise AssertionError("the console opened on a meeting it should have refused")

    monkeypatch.setattr(ActionSetApp, "run", refuse)


def meeting_file(sets_dir: Path, phase: int) -> Path:
    path = disk.SetStore(sets_dir / "demo").meeting_path(TODAY)
    path.write_text(WITHOUT_AGENDA.replace("{phase}", str(phase)), encoding="utf-8")
    return path


async def test_a_meeting_without_an_agenda_is_completed_not_replaced(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_file(sets_dir, phase=4)
    store = disk.SetStore(sets_dir / "demo")
    app = console_app(
        store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.clock.phase is not None
        assert app.screen.clock.phase.title == "Clarify"
        await pilot.press("ctrl+q")

    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    assert meeting.place == "Room 4"
    assert meeting.reflections == ["We listened better than last time."]
    assert meeting.attendance.apologies == ["Sam Whitaker"]
    assert [p.member for p in meeting.presenters] == ["Tom Reyes", "Helen Okafor"]
    assert meeting.clock.phase == 4 and meeting.clock.muted
    assert meeting.clock.elapsed_seconds == 120.0
    assert meeting.clock.started_at is not None
    # The missing agenda, from the half-day template, its slots held by the chosen presenters.
    assert [p.title for p in meeting.agenda[:4]] == [
        "Check-in and ground rules",
        "Report-back on last meeting's actions",
        "Bids and running order",
        "Present",
    ]
    assert {p.presenter for p in meeting.agenda} == {"", "Tom Reyes", "Helen Okafor"}
    assert [p.status for p in meeting.agenda[:5]] == [PhaseStatus.done] * 4 + [PhaseStatus.current]


def test_a_meeting_that_cannot_be_completed_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, no_window: None
) -> None:
    path = meeting_file(sets_dir, phase=40)
    before = path.read_bytes()
    code = cli.main(["run", "demo", "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    _, err = capsys.readouterr()
    assert code == 1
    line = next(
        n for n, text in enumerate(before.decode().splitlines(), 1) if text.startswith("phase =")
    )
    assert re.match(
        rf"{re.escape(str(path))}:{line}: clock\.phase: phase 40 is past the last "
        "agenda phase",
        err,
    ), err
    assert path.read_bytes() == before
    assert not (sets_dir / "demo" / ".console.json").exists()


def test_a_meeting_on_an_unknown_template_is_refused_and_left_alone(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, no_window: None
) -> None:
    path = meeting_file(sets_dir, phase=0)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"half-day"', '"full-day"'), encoding="utf-8")
    before = path.read_bytes()
    code = cli.main(["run", "demo", "--sets-dir", str(sets_dir), "--today", TODAY.isoformat()])
    _, err = capsys.readouterr()
    assert code == 1
    assert re.match(rf"{re.escape(str(path))}:2: template: no agenda template 'full-day'", err)
    assert path.read_bytes() == before


async def test_a_first_meeting_gives_the_report_backs_time_to_the_questioning(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.model.agenda import HALF_DAY
    from actionset.model.meeting import QUESTIONING, PhaseKind
    from actionset.session import open_meeting

    def planned(folder: Path) -> list[tuple[PhaseKind, int]]:
        meeting = open_meeting(disk.SetStore(folder / "demo"), disk.SetsFolder(folder), TODAY)
        return [(p.kind, p.allotted) for p in meeting.agenda]

    template = [(spec.kind, spec.minutes * 60) for spec in HALF_DAY.before]
    first = planned(new_set_dir)
    assert PhaseKind.report_back not in {kind for kind, _ in first}
    assert sum(seconds for _, seconds in first) == HALF_DAY.total_minutes() * 60
    assert first[:2] == [template[0], template[2]], "the check-in and the bids keep theirs"
    given = sum(s for k, s in first if k in QUESTIONING) - 2 * (10 + 15) * 60  # two presenters
    assert given == 25 * 60, "the report-back's 25 min go to clarify and probe"
    meeting = disk.SetStore(new_set_dir / "demo").load_meeting(TODAY)
    assert meeting is not None
    assert next((c.change, c.phase, c.seconds) for c in meeting.changes) == (
        "nothing to report back",
        "Report-back on last meeting's actions",
        -25 * 60,
    )
    app = console_app(
        disk.SetStore(new_set_dir / "demo"),
        disk.SetsFolder(new_set_dir),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    async with app.run_test(size=(80, 24)):
        assert [n.message for n in app._notifications] == [
            "Nothing to report back on at this meeting (no action is open): the report-back's "
            "25 min go to the questioning."
        ]
