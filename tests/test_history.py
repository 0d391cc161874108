"""Every figure of a set's history and of the programme, against values worked out by hand on
a small set made here (the working is in the comments)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from actionset import cli
from actionset.export.set_record import read_set_record
from actionset.model import (
    Action,
    Attendance,
    Issue,
    IssueStatus,
    Meeting,
    Member,
    Presentation,
    ReportBack,
    Set,
    StatusChange,
)
from actionset.model.action_status import Progress
from actionset.model.history import History, history, sparkline
from actionset.model.programme import programme
from actionset.store import SetsFolder, SetStore, TagJournal

D1, D2, D3, D4 = (
    dt.date(2026, 1, 5),
    dt.date(2026, 1, 19),
    dt.date(2026, 2, 23),
    dt.date(2026, 3, 9),
)
TODAY = dt.date(2026, 3, 30)
A, B, C, D, F = "Ann", "Ben", "Cat", "Dan", "Fay"

# Who said what (q open question, c closed, l leading = advice, a advice, s statement).
SAID = {
    D1: [(A, "q"), (A, "q"), (A, "a"), (B, "a"), (B, "s"), (C, "q")],
    D2: [(A, "q"), (B, "q"), (B, "q"), (B, "l"), (C, "q")],
    D3: [(A, "a"), (A, "a"), (B, "q"), (D, "q"), (D, "q"), (D, "c")],
    D4: [(A, "q"), (C, "q"), (C, "q"), (D, "s"), (F, "s")],  # F is the facilitator
}
CODES = {
    "q": "open-question",
    "c": "closed-question",
    "l": "leading-question",
    "a": "advice",
    "s": "statement",
}


def make_small_set(sets_dir: Path) -> None:
    folder = SetsFolder(sets_dir)
    store = folder.create(
        Set(
            name="Small Set",
            facilitator=F,
            cadence_weeks=2,
            members=[Member(name=n) for n in (A, B, C, D)],
        )
    )
    attendance = {
        D1: Attendance(),  # not taken: all four count as present
        D2: Attendance(present=[A, B, C], apologies=[D]),
        D3: Attendance(present=[A, B, D], absent=[C]),
        D4: Attendance(present=[A, B, C, D]),
    }
    presenter = {D1: A, D2: B, D3: C, D4: D}
    for date in (D1, D2, D3, D4):
        store.save_meeting(
            Meeting(
                date=date,
                closed=True,
                attendance=attendance[date],
                presenters=[Presentation(member=presenter[date])],
            )
        )
        journal = TagJournal(store.tags_path(date))
        for number, (member, code) in enumerate(SAID[date], start=1):
            at = dt.datetime.combine(date, dt.time(10, number), dt.UTC).isoformat()
            journal.append(
                {
                    "op": "tag",
                    "id": number,
                    "at": at,
                    "phase": "Probe",
                    "presenter": presenter[date],
                    "member": member,
                    "code": CODES[code],
                    "note": "",
                }
            )
        journal.close()

    def action(ident: str, owner: str, agreed: dt.date, *reports: ReportBack) -> Action:
        made = Action(id=ident, owner=owner, text=f"do {ident}", agreed_at=agreed)
        for report in reports:
            made.report(report)
        return made

    store.save_actions(
        [
            action(
                "a1",
                A,
                D1,
                ReportBack(
                    meeting=D2, progress=Progress.done, outcome="x", value=100, value_unit="GBP"
                ),
            ),
            action(
                "a2",
                B,
                D1,
                ReportBack(meeting=D2, progress=Progress.partly),
                ReportBack(
                    meeting=D3, progress=Progress.done, outcome="y", value=3, value_unit="hours"
                ),
            ),
            action("a3", C, D2, ReportBack(meeting=D3, progress=Progress.not_done)),
            action("a4", D, D3, ReportBack(meeting=D4, progress=Progress.dropped)),
            action("a5", A, D4),
        ]
    )
    store.save_issues(
        [
            Issue(
                id="i1",
                owner=A,
                title="one",
                history=[
                    StatusChange(meeting=D1, status=IssueStatus.worked),
                    StatusChange(meeting=D3, status=IssueStatus.resolved),
                ],
            ),
            Issue(
                id="i2",
                owner=B,
                title="two",
                history=[
                    StatusChange(meeting=D2, status=IssueStatus.worked),
                    StatusChange(meeting=D4, status=IssueStatus.parked),
                ],
            ),
            Issue(id="i3", owner=C, title="three"),
        ]
    )


@pytest.fixture
def small(tmp_path: Path) -> Path:
    sets_dir = tmp_path / "sets"
    make_small_set(sets_dir)
    return sets_dir


def figures(sets_dir: Path) -> History:
    return history(read_set_record(SetStore(sets_dir / "small-set")), TODAY)


def test_per_meeting(small: Path) -> None:
    h = figures(small)
    rows = [
        (
            len(f.present),
            f.expected,
            f.presenters,
            f.contributions,
            f.totals.questions,
            f.advice,
            f.actions_agreed,
            f.actions_completed,
        )
        for f in h.meetings
    ]
    assert rows == [
        # D1: attendance not taken, all 4; q q a a s q: 3 questions, 2 advice of 6
        (4, 4, [A], 6, 3, 2, 2, 0),
        # D2: D sent apologies; q q q l q: 4 questions, 1 advice (leading) of 5; a1 done
        (3, 4, [B], 5, 4, 1, 1, 1),
        # D3: C absent; a a q q q c: 4 questions (closed counts), 2 advice of 6; a2 done
        (3, 4, [C], 6, 4, 2, 1, 1),
        # D4: q q q s s (the facilitator's statement counts in the meeting): 3 of 5; a4 dropped
        (4, 4, [D], 5, 3, 0, 1, 0),
    ]
    assert [round(f.question_share or 0, 4) for f in h.meetings] == [0.5, 0.8, 0.6667, 0.6]


def test_per_member(small: Path) -> None:
    h = figures(small)
    by_name = {m.name: m for m in h.members}
    assert list(by_name) == [A, B, C, D]  # the facilitator is not a member
    ann, ben, cat, dan = (by_name[n] for n in (A, B, C, D))
    # Ann: 2 of 3, 1 of 1, 0 of 2, 1 of 1
    assert ann.question_shares == [2 / 3, 1.0, 0.0, 1.0]
    assert ann.trend == "▆█▁█"  # 2/3 of 8 blocks is the 6th
    assert cat.question_shares == [1.0, 1.0, None, 1.0] and cat.trend == "██ █"
    assert dan.question_shares == [None, None, 1.0, 0.0]
    # advice ÷ meetings attended: Ann 1+2 over 4, Ben 1+1 over 4, Cat 0 over 3, Dan 0 over 3
    assert [m.advice for m in h.members] == [3, 2, 0, 0]
    assert [m.attended for m in h.members] == [4, 4, 3, 3]
    assert ann.advice_per_meeting == 0.75 and ben.advice_per_meeting == 0.5
    assert [(m.actions_done, m.actions_agreed) for m in h.members] == [
        (1, 2),
        (1, 1),
        (0, 1),
        (0, 1),
    ]
    assert [m.last_presented for m in h.members] == [D1, D2, D3, D4]
    assert [m.issues_resolved for m in h.members] == [1, 0, 0, 0]
    # contributions: Ann 3+1+2+1 = 7, Ben 2+3+1 = 6, Cat 1+1+2 = 4, Dan 3+1 = 4; of 21
    assert [m.contributions for m in h.members] == [7, 6, 4, 4]
    assert [round(m.contribution_share or 0, 4) for m in h.members] == [
        0.3333,
        0.2857,
        0.1905,
        0.1905,
    ]
    assert h.equal_share == 0.25
    # Ann's first three meetings: 3 questions of 6; last three: 2 of 4
    assert (ann.growth.first_questions, ann.growth.last_questions) == (0.5, 0.5)
    assert (ann.growth.first_advice, ann.growth.last_advice) == (0.5, 0.5)
    # Dan attended three meetings: first and last three are the same (4 of his contributions,
    # 3 questions)
    assert dan.growth.first_questions == dan.growth.last_questions == 0.75


def test_for_the_set(small: Path) -> None:
    h = figures(small)
    # attendance: 4 + 3 + 3 + 4 present of 4 expected at each meeting
    assert (h.attendance_present, h.attendance_expected) == (14, 16)
    # actions agreed before the latest meeting: a1..a4; done: a1 and a2
    assert (h.actions_done, h.actions_due) == (2, 4) and h.completion_rate == 0.5
    assert (h.issues, h.issues_resolved, h.issues_parked) == (3, 1, 1)
    assert [(o.owner, o.outcome, o.value_text) for o in h.outcomes] == [
        (A, "x", "£100"),
        (B, "y", "3 hours"),
    ]
    assert h.values == {"GBP": 100, "hours": 3}
    # first three meetings: 3+4+4 = 11 questions, 2+1+2 = 5 advice of 6+5+6 = 17
    # last three: 4+4+3 = 11 questions, 1+2+0 = 3 advice of 5+6+5 = 16
    assert h.growth.first_questions == 11 / 17 and h.growth.last_questions == 11 / 16
    assert h.growth.first_advice == 5 / 17 and h.growth.last_advice == 3 / 16
    # every 2 weeks: D2 due 19 Jan (on time); D3 due 2 Feb, held 21 days later (late, one
    # cadence missed); D4 due 9 Mar (on time); next due 23 Mar, today 7 days on: none missed
    c = h.cadence
    assert (c.held, c.on_time, c.late, c.missed) == (4, 2, 1, 1)


def test_a_set_overdue_by_two_cadences_has_missed_two(small: Path) -> None:
    # next due 23 March; 28 days after it, two whole cadences have passed
    h = history(read_set_record(SetStore(small / "small-set")), dt.date(2026, 4, 20))
    assert h.cadence.missed == 1 + 2


def test_sparkline_blocks() -> None:
    assert sparkline([0.0, 0.125, 0.5, 0.99, 1.0, None]) == "▁▂▅██ "


def test_history_report_shows_the_figures(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(
        ["report", "small-set", "--all", "--sets-dir", str(small), "--today", str(TODAY)]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "2026-01-05      4/4  Ann" in out
    assert "Ann     ▆█▁█" in out
    assert "Attendance: 88% (14 of 16 places)" in out
    assert "Action completion: 50% (2 of 4 actions agreed" in out
    assert "Question share: 65% in the first three meetings, 69% in the last three (+4 pts)" in out
    assert "Advice share: 29% in the first three meetings, 19% in the last three (-10 pts)" in out
    assert "Outcomes reported back: 2; value £100, 3 hours" in out
    assert "Participation balance (equal share 25%): Ann 33%, Ben 29%, Cat 19%, Dan 19%" in out
    code = cli.main(
        ["report", "small-set", "--all", "--format", "markdown", "--sets-dir", str(small)]
    )
    out = capsys.readouterr().out
    assert "## Per member" in out and "| Ann | `▆█▁█`" in out
    assert "| 2026-01-05 | 4/4 | Ann | Fay | 6 | 50% | 2 | 2 | 0 |" in out


def add_second_set(sets_dir: Path) -> None:
    store = SetsFolder(sets_dir).create(
        Set(name="Second", cadence_weeks=6, members=[Member(name="Xu"), Member(name="Yi")])
    )
    date = dt.date(2026, 3, 2)
    store.save_meeting(Meeting(date=date, closed=True))
    journal = TagJournal(store.tags_path(date))
    journal.append(
        {
            "op": "tag",
            "id": 1,
            "at": "2026-03-02T10:00:00+00:00",
            "phase": "Probe",
            "presenter": "Yi",
            "member": "Xu",
            "code": "open-question",
            "note": "",
        }
    )
    journal.close()


def test_programme_totals(small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_second_set(small)
    records = [read_set_record(SetStore(small / slug)) for slug in ("second", "small-set")]
    p = programme(records, TODAY)
    # held 1 + 4; on time 0 + 2; late 0 + 1; missed 0 + 1 (Second is due 13 April)
    c = p.cadence
    assert (c.held, c.on_time, c.late, c.missed) == (5, 2, 1, 1)
    # attendance 2 of 2 and 14 of 16; actions 0 of 0 and 2 of 4
    assert p.attendance_rate == 16 / 18 and p.completion_rate == 0.5
    assert p.values == {"GBP": 100, "hours": 3}
    # growth needs two meetings: Second has one, so the programme's is Small Set's
    assert p.sets[0].growth.questions_change is None
    assert p.growth == p.sets[1].growth

    code = cli.main(["report", "--programme", "--sets-dir", str(small), "--today", str(TODAY)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("# Programme evaluation: 2 sets, as of 2026-03-30\n")
    assert "| Small Set | 2 | 4 | 2 | 1 | 1 | 88% | 50% (2/4) | 2; £100, 3 hours |" in out
    assert "| **All sets** |  | 5 | 2 | 1 | 1 | 89% | 50% (2/4) | 2; £100, 3 hours |" in out
    assert "| **Small Set** | 65% | 69% | +4 pts | 29% | 19% | -10 pts |" in out
    assert "| Ann | 50% | 50% | +0 pts | 50% | 50% | +0 pts |" in out
    assert "- cadence: held: meetings dated on or before the report's day that began" in out

    code = cli.main(
        [
            "report",
            "--programme",
            "--format",
            "csv",
            "--sets-dir",
            str(small),
            "--today",
            str(TODAY),
        ]
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    small_row = next(r for r in rows if r["set"] == "small-set" and not r["member"])
    assert small_row["on_time"] == "2" and small_row["missed"] == "1"
    assert small_row["attendance_present"] == "14" and small_row["attendance_expected"] == "16"
    assert small_row["questions_first3"] == f"{11 / 17:.4f}"
    assert small_row["values"] == "100 GBP; 3 hours"
    total = rows[-1]
    assert total["set"] == "all" and total["meetings"] == "5"


def test_programme_report_written_to_a_file(
    small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = small.parent / "programme.md"
    code = cli.main(["report", "--programme", "--output", str(target), "--sets-dir", str(small)])
    assert code == 0 and capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("# Programme evaluation: 1 set,")


@pytest.mark.parametrize(
    "args",
    [
        ["--programme", "small-set"],
        ["--programme", "--format", "text"],
        [],
    ],
)
def test_report_refuses_what_it_cannot_write(
    small: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert cli.main(["report", *args, "--sets-dir", str(small)]) == 2
    assert capsys.readouterr().err.startswith("actionset: ")


def test_a_member_who_left_is_named_with_the_meetings_they_belonged_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Dan retires after the second of three meetings: his figures are those of D1 and D2;
    # D1's and D3's attendance was not taken, so who was expected is who belonged then.
    sets_dir = tmp_path / "sets"
    store = SetsFolder(sets_dir).create(
        Set(
            name="Leaving Set",
            facilitator=F,
            members=[
                Member(name=A),
                Member(name=B),
                Member(name=C),
                Member(name=D, retired=True, left=D3),
            ],
        )
    )
    attendance = {
        D1: Attendance(),  # all four belonged: all four present
        D2: Attendance(present=[A, B, D], apologies=[C]),
        D3: Attendance(),  # Dan had left: three expected
    }
    for date in (D1, D2, D3):
        store.save_meeting(Meeting(date=date, closed=True, attendance=attendance[date]))
        journal = TagJournal(store.tags_path(date))
        for number, member in enumerate((A, D) if date != D3 else (A,), start=1):
            at = dt.datetime.combine(date, dt.time(10, number), dt.UTC).isoformat()
            journal.append(
                {"op": "tag", "id": number, "at": at, "phase": "Probe", "presenter": B,
                 "member": member, "code": "open-question", "note": ""}
            )  # fmt: skip
        journal.close()
    h = history(read_set_record(store), TODAY)
    dan = next(m for m in h.members if m.name == D)
    assert [m.name for m in h.members] == [A, B, C, D]
    assert (dan.attended, dan.meetings, dan.contributions) == (2, 2, 2)
    assert dan.question_shares == [1.0, 1.0, None]
    assert [f.expected for f in h.meetings] == [4, 4, 3]
    # 4 of 4, 3 of 4 (Cat's apologies), 3 of 3
    assert (h.attendance_present, h.attendance_expected) == (10, 11)
    code = cli.main(
        ["report", "leaving-set", "--all", "--sets-dir", str(sets_dir), "--today", str(TODAY)]
    )
    out = capsys.readouterr().out
    assert code == 0
    dan_row = next(line for line in out.splitlines() if line.startswith(f"{D} "))
    assert "██ " in dan_row and " 2/2 " in dan_row
    assert "Attendance: 91% (10 of 11 places)" in out
    assert f"{D} 40%" in out  # 2 of the 5 contributions
