"""Every field of every record, walked through every audience and every report: a set whose
every field holds a marker of its own, reported for the set, a sponsor and research, and
nothing the rule (`actionset.model.audience`) keeps from an audience reaches it."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest

from actionset import cli
from actionset.model import (
    Action,
    AgendaPhase,
    Attendance,
    ClockState,
    Issue,
    Meeting,
    Member,
    Presentation,
    ReportBack,
    Set,
    StatusChange,
)
from actionset.model.audience import TOO_FEW, Audience, Shown, may_name, of_each, shown
from actionset.model.meeting import Bid, NextMeeting, PhaseKind, PhaseStatus, PlanChange
from actionset.store import SetStore, TagJournal

NAMES = ["Nmalpha", "Nmbravo", "Nmcharlie", "Nmdelta", "Nmecho"]
WITHHELD = "Nmfoxtrot"
"""The member marked `share = false`."""
ADVISER = "Nmadviser"
DATES = [dt.date(2026, 1, 5), dt.date(2026, 2, 16), dt.date(2026, 3, 30), dt.date(2026, 5, 11)]
TODAY = "2026-06-01"
UTC = dt.UTC


class Markers:
    """Unique marker strings, each remembering its field and whose it is."""

    def __init__(self) -> None:
        self.of: dict[str, tuple[str, str]] = {}

    def __call__(self, field: str, owner: str = "") -> str:
        text = f"mk{len(self.of):03d}:{field}"
        self.of[text] = (field, owner)
        return text


def marked_set(folder: Path, *, share_names: bool) -> tuple[Set, Markers]:
    """A set of six (one who does not share) over four meetings, every text a marker."""
    mk = Markers()
    everyone = [*NAMES, WITHHELD]
    the_set = Set(
        name=mk("Set.name"),
        facilitator=ADVISER,
        facilitators=["Nmsecond"],
        usual_time="09:30",
        usual_place=mk("Set.usual_place"),
        organisations=[mk("Set.organisations")],
        ground_rules=[mk("Set.ground_rules")],
        share_names=share_names,
        members=[
            Member(
                name=name,
                organisation=mk("Member.organisation", name),
                role=mk("Member.role", name),
                share=name != WITHHELD,
            )
            for name in everyone
        ],
    )
    store = SetStore(folder)
    folder.mkdir(parents=True)
    store.save_set(the_set)
    issues = [
        Issue(
            id=f"issue-{number}",
            owner=owner,
            title=mk("Issue.title", owner),
            description=mk("Issue.description", owner),
            history=[
                StatusChange(meeting=DATES[0], status="worked", note=mk("StatusChange.note")),
                StatusChange(meeting=DATES[2], status="resolved", note=mk("StatusChange.note")),
            ],
        )
        for number, owner in enumerate(everyone)
    ]
    store.save_issues(issues)
    actions: list[Action] = []
    for (index, date), owner in itertools.product(enumerate(DATES[:-1]), everyone):
        later = DATES[index + 1]
        actions.append(
            Action(
                id=f"action-{len(actions)}",
                owner=owner,
                text=mk("Action.text", owner),
                issue=f"issue-{everyone.index(owner)}",
                agreed_at=date,
                due=later,
                status="done",
                updates=[
                    ReportBack(
                        meeting=later,
                        progress="done",
                        note=mk("ReportBack.note", owner),
                        outcome=mk("ReportBack.outcome", owner),
                        value=100,
                        value_unit="GBP",
                    )
                ],
            )
        )
    store.save_actions(actions)
    for index, date in enumerate(DATES):
        presenters = [everyone[index % 6], everyone[(index + 3) % 6]]
        start = dt.datetime.combine(date, dt.time(9, 30), UTC)
        away = {(1, "Nmcharlie"), (3, WITHHELD)}
        passer = next(n for n in NAMES if n not in presenters and (index, n) not in away)
        agenda = [
            AgendaPhase(
                title=mk("AgendaPhase.title"),
                kind=kind,
                planned_minutes=20,
                rule=mk("AgendaPhase.rule"),
                presenter=presenter,
                actual_seconds=1200,
                status=PhaseStatus.done,
            )
            for presenter in presenters
            for kind in (PhaseKind.present, PhaseKind.clarify, PhaseKind.probe)
        ]
        meeting = Meeting(
            date=date,
            closed=True,
            place=mk("Meeting.place"),
            facilitator=ADVISER,
            attendance=Attendance(
                present=[n for n in everyone if (index, n) not in away],
                apologies=["Nmcharlie"] if index == 1 else [],
                absent=[WITHHELD] if index == 3 else [],
            ),
            bids=[
                Bid(member=presenters[0], minutes=30, issue=f"issue-{index % 6}"),
                Bid(member=passer, passes=True, new_issue=mk("Bid.new_issue", passer)),
            ],
            presenters=[
                Presentation(
                    member=p,
                    issue=f"issue-{everyone.index(p)}",
                    reflections=[mk("Presentation.reflections", p)],
                )
                for p in presenters
            ],
            reflections=[mk("Meeting.reflections")],
            next_meeting=NextMeeting(
                date=DATES[index + 1] if index < 3 else dt.date(2026, 6, 22),
                time="09:30",
                place=mk("NextMeeting.place"),
                facilitator="Nmsecond",
            ),
            clock=ClockState(
                phase=len(agenda) - 1,
                started_at=start,
                ends_at=start + dt.timedelta(hours=2),
                ended_at=start + dt.timedelta(hours=2),
            ),
            agenda=agenda,
            changes=[PlanChange(at=start, change="extend", phase=agenda[0].title, seconds=60)],
        )
        store.save_meeting(meeting)
        with TagJournal(store.tags_path(date)) as journal:
            tagged = [n for n in meeting.attendance.present if n not in presenters]
            for number, member in enumerate(tagged * 3, start=1):
                phase = agenda[number % len(agenda)]
                at = start + dt.timedelta(minutes=number)
                code = ("open-question", "advice", "statement", "closed-question")[number % 4]
                journal.append(
                    {
                        "op": "tag",
                        "id": number,
                        "at": at.isoformat(),
                        "phase": phase.title,
                        "presenter": phase.presenter,
                        "member": member,
                        "code": code,
                        "note": mk("Contribution.note", member),
                    }
                )
            journal.append(
                {
                    "op": "prompt",
                    "n": 1,
                    "at": (start + dt.timedelta(minutes=30)).isoformat(),
                    "kind": "dominating",
                    "phase": agenda[2].title,
                    "slot": 0,
                    "subject": "Nmcharlie",
                    "said": mk("Prompt.said", "Nmcharlie"),
                    "question": mk("Prompt.question"),
                    "cause": mk("Prompt.cause"),
                }
            )
        write_voice(store.voice_path(date), start, mk)
    return the_set, mk


def write_voice(path: Path, start: dt.datetime, mk: Markers) -> None:
    """A pulse round of three statements, answered from four devices with a line each, and a
    reflection answered from two, released to the room."""
    at = start.isoformat()
    lines: list[dict[str, object]] = []
    for round_id, kind, devices in (("r1", "pulse", 4), ("r2", "reflection", 2)):
        statements = [{"id": f"s{n}", "text": mk("Statement.text")} for n in range(3)]
        lines.append(
            {
                "type": "round",
                "round": round_id,
                "kind": kind,
                "at": at,
                "statements": statements if kind == "pulse" else [],
                "ask": mk("Round.ask"),
            }
        )
        lines += [
            {
                "type": "answer",
                "round": round_id,
                "device": f"device-{round_id}-{n:04d}",
                "at": at,
                "ratings": {"s0": 4, "s1": 3, "s2": 5} if kind == "pulse" else {},
                "line": mk("Answer.line"),
            }
            for n in range(devices)
        ]
        lines += [{"type": "close", "round": round_id, "at": at}]
    lines.append({"type": "release", "round": "r2", "at": at})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


REPORTS = [
    *(["--meeting", date.isoformat()] for date in DATES),
    ["--meeting", DATES[-1].isoformat(), "--format", "csv"],
    ["--all"],
    ["--all", "--format", "markdown"],
    ["--all", "--format", "csv"],
    ["--format", "html"],
]
PROGRAMME = [
    ["--programme"],
    ["--programme", "--format", "csv"],
    ["--programme", "--format", "html"],
]


def every_report(sets: Path, audience: Audience, capsys: pytest.CaptureFixture[str]) -> str:
    """Every report of the set for `audience`, one after the other (what each one refuses,
    too)."""
    out = []
    for argv in [*(["marked", *r] for r in REPORTS), *PROGRAMME]:
        cli.main(
            ["report", *argv, "--for", audience.value, "--sets-dir", str(sets), "--today", TODAY]
        )
        said = capsys.readouterr()
        out += [said.out, said.err]
    return "\n".join(out)


def allowed(audience: Audience, the_set: Set, field: str, owner: str) -> bool:
    """Whether the rule lets `audience` read the marker of `field` (an `owner`'s)."""
    rule = shown(audience, field)
    if rule is Shown.written:
        return not owner or audience is Audience.set or owner != WITHHELD
    return rule is Shown.name and may_name(audience, the_set, owner)


@pytest.mark.parametrize("share_names", [False, True])
@pytest.mark.parametrize("audience", list(Audience))
def test_no_report_gives_an_audience_a_field_the_rule_keeps_from_it(
    audience: Audience, share_names: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = tmp_path / "sets"
    the_set, mk = marked_set(sets / "marked", share_names=share_names)
    text = every_report(sets, audience, capsys)
    leaked = [
        (marker, field)
        for marker, (field, owner) in mk.of.items()
        if marker in text and not allowed(audience, the_set, field, owner)
    ]
    assert leaked == []
    for name in [*NAMES, WITHHELD, ADVISER, "Nmsecond"]:
        assert (name in text) == may_name(audience, the_set, name), name
    if audience is not Audience.set:
        assert WITHHELD not in text
        assert "Traceback" not in text
    # A share per member, or their range, is a figure of each of one person (`of_each`).
    balances = re.findall(r"Participation balance \(equal share [^)]*\): ([^\n]*)", text)
    assert balances
    names = [m.name for m in the_set.members]
    for balance in balances:
        assert (balance != TOO_FEW) == of_each(audience, the_set, names), balance
        assert not re.search(r"from \d+% to \d+%", balance)


def test_the_walk_can_fail_the_set_reads_every_kind_of_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The markers reach the set's own reports, so their absence elsewhere means something."""
    sets = tmp_path / "sets"
    _, mk = marked_set(sets / "marked", share_names=False)
    text = every_report(sets, Audience.set, capsys)
    fields = {field for marker, (field, _) in mk.of.items() if marker in text}
    assert {
        "Set.name",
        "Meeting.place",
        "Issue.title",
        "Action.text",
        "ReportBack.note",
        "ReportBack.outcome",
        "Presentation.reflections",
        "Meeting.reflections",
        "AgendaPhase.title",
        "Contribution.note",
        "Prompt.said",
        "Statement.text",
        "Answer.line",
    } <= fields


def test_a_sponsor_reads_the_actions_and_outcomes_of_those_who_share_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = tmp_path / "sets"
    _, mk = marked_set(sets / "marked", share_names=True)
    text = every_report(sets, Audience.sponsor, capsys)
    for field in ("Action.text", "ReportBack.outcome"):
        owners = {owner for marker, (f, owner) in mk.of.items() if f == field and marker in text}
        assert owners == set(NAMES), field
    assert "Nmalpha" in text, "names shared, as the set agreed"


def test_no_row_of_its_own_for_anyone_when_one_member_does_not_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With names shared, a row per member would give the one who does not share as the set's
    figures less the five others': no member has a row, in the history or the programme."""
    sets = tmp_path / "sets"
    marked_set(sets / "marked", share_names=True)
    argv = ["--sets-dir", str(sets), "--today", TODAY, "--for", "sponsor"]
    assert cli.main(["report", "--programme", "--format", "csv", *argv]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert [row.split(",")[1] for row in rows[1:]] == ["", ""], "the set's row and all sets'"
    assert cli.main(["report", "marked", "--all", *argv]) == 0
    history = capsys.readouterr().out
    per_member = history.split("Per member", 1)[1].split("For the set", 1)[0]
    assert "Not shown: a member who does not share" in per_member
    assert not any(name in per_member for name in NAMES)
    # The least and the most of the shares are each one member's: no range either.
    assert f"Participation balance (equal share 17%): {TOO_FEW}" in history


def test_a_figure_about_two_people_is_too_few_to_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = tmp_path / "sets"
    marked_set(sets / "marked", share_names=False)
    argv = ["--sets-dir", str(sets), "--today", TODAY]
    # At the latest meeting, the report-backs are of six owners; the actions agreed, none.
    meeting = ["report", "marked", "--meeting", DATES[1].isoformat(), *argv]
    assert cli.main([*meeting, "--for", "research"]) == 0
    research = capsys.readouterr().out
    assert "- Actions reported on: 6 (6 done, 0 partly, 0 not done, 0 dropped)" in research
    assert "- With an outcome: 6; value £600" in research
    # Two tagged at a meeting: their questioning is too few to show.
    store = SetStore(sets / "marked")
    with TagJournal(store.tags_path(DATES[0])) as journal:
        for number in range(1, 40):
            journal.append({"op": "delete", "id": number})
        for number, member in enumerate(["Nmalpha", "Nmbravo"], start=100):
            journal.append(
                {
                    "op": "tag",
                    "id": number,
                    "at": "2026-01-05T10:00:00+00:00",
                    "phase": "x",
                    "presenter": "",
                    "member": member,
                    "code": "open-question",
                    "note": "",
                }
            )
    first = ["report", "marked", "--meeting", DATES[0].isoformat(), *argv]
    for audience in ("sponsor", "research"):
        assert cli.main([*first, "--for", audience]) == 0
        section = capsys.readouterr().out.split("### Questioning", 1)[1].split("###")[0]
        assert section.strip() == f"- {TOO_FEW}"
    assert cli.main(first) == 0
    assert "| Nmalpha | 1 |" in capsys.readouterr().out, "the set reads it all"
