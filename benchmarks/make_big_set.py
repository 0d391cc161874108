"""Writes one long-running set for the benchmarks: `python benchmarks/make_big_set.py OUT_DIR`.

The set, `OUT_DIR/long-history/`, has 100 meetings (`--meetings N`) of about 300 tagged
contributions each (`--tags N`), a fortnight apart, as a set that has met for four years
would: two presenters a meeting, every contribution made by a member present at that meeting
and never by the presenter of the slot it was made in, with re-codes, notes and deletes as a
facilitator makes them, an issue per slot and the actions agreed, reported back on at the next
meeting. Everything is written through actionset's store, so `actionset check` finds no
problem. Deterministic: the same files every time (for a given --meetings and --tags).

Each journal is written whole with the store's atomic write (one fsync per file): appending
30,000 lines one fsync at a time, as the console does, would take minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

from actionset.model import (
    Action,
    Attendance,
    ClockState,
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
from actionset.model.agenda import BUILTIN_TEMPLATES, build_agenda
from actionset.model.codebook import DEFAULT_CODEBOOK
from actionset.model.contributions import Tagger
from actionset.model.meeting import AgendaPhase, PhaseKind, PhaseStatus
from actionset.store import SetsFolder, SetStore, atomic_write

ZONE = dt.timezone(dt.timedelta(hours=1))
FIRST = dt.date(2022, 9, 5)  # a Monday; the 100th meeting falls in 2026
PLACE = "Room 4, the Old Library"
MEMBERS = ["Priya Shah", "Tom Reyes", "Ana Lopes", "Jo Kim", "Sam Okafor", "Lena Berg"]
NOTES = [
    "",
    "",
    "",
    "What else is in the way?",
    "Have you tried asking finance?",
    "Who decides, in the end?",
    "You should put it in writing.",
]
CODES = [code.name for code in DEFAULT_CODEBOOK]
PROGRESS = [Progress.done, Progress.done, Progress.partly, Progress.not_done, Progress.dropped]

THE_SET = Set(
    name="Long History",
    facilitator="Ruth Adams",
    cadence_weeks=2,
    usual_time="09:30",
    usual_place=PLACE,
    members=[Member(name=name, organisation="Northfield") for name in MEMBERS],
)


def meeting_agenda(presenters: list[str], present: list[str]) -> list[AgendaPhase]:
    """The half-day agenda for these presenters, every phase run and done."""
    agenda = build_agenda(
        BUILTIN_TEMPLATES["half-day"], presenters=presenters, present_members=present
    )
    for phase in agenda:
        phase.status = PhaseStatus.done
        phase.actual_seconds = phase.planned_minutes * 60
    return agenda


def tag_events(
    rng: random.Random, day: dt.date, agenda: list[AgendaPhase], present: list[str], tags: int
) -> list[dict[str, object]]:
    """About `tags` contributions in the clarify and probe phases, by members present who are
    not the slot's presenter; with re-codes, notes and deletes (a deleted tag is tagged again
    for the member who spoke)."""
    start = dt.datetime.combine(day, dt.time(9, 30), ZONE)
    windows: list[tuple[AgendaPhase, dt.datetime, dt.datetime]] = []
    moment = start
    for phase in agenda:
        end = moment + dt.timedelta(seconds=phase.actual_seconds)
        if phase.kind in (PhaseKind.clarify, PhaseKind.probe):
            windows.append((phase, moment, end))
        moment = end
    at = start

    def clock() -> dt.datetime:
        return at

    tagger = Tagger(clock=clock)
    events: list[dict[str, object]] = []
    per_window = [tags // len(windows)] * len(windows)
    per_window[-1] += tags - sum(per_window)
    for (phase, begin, end), count in zip(windows, per_window, strict=True):
        askers = [m for m in present if m != phase.presenter]
        step = (end - begin) / (count + 1)
        for i in range(count):
            at = begin + step * (i + 1)
            member = rng.choice(askers)
            events.append(
                tagger.tag(
                    member=member,
                    code=rng.choice(CODES),
                    phase=phase.title,
                    presenter=phase.presenter,
                    note=rng.choice(NOTES),
                )
            )
            ident = tagger.next_id - 1
            roll = rng.random()
            if roll < 0.05:
                events.append(tagger.recode(ident, "leading-question"))
            elif roll < 0.12:
                events.append(tagger.note(ident, "Wouldn't it be better to wait?"))
            elif roll < 0.14:
                events.append(tagger.delete(ident))
                others = [m for m in askers if m != member] or askers
                events.append(
                    tagger.tag(
                        member=rng.choice(others),
                        code=rng.choice(CODES),
                        phase=phase.title,
                        presenter=phase.presenter,
                    )
                )
    return events


def journal_bytes(events: list[dict[str, object]]) -> bytes:
    """The journal as the console writes it: one compact JSON object per line."""
    return "".join(
        json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n" for event in events
    ).encode()


def write_big_set(out_dir: Path, meetings: int = 100, tags: int = 300) -> SetStore:
    """The set, created in `out_dir` (which must not hold a set of the same name)."""
    rng = random.Random(20221905)
    store = SetsFolder(out_dir).create(THE_SET)
    issues: list[Issue] = []
    actions: list[Action] = []
    open_actions: list[Action] = []
    day = FIRST
    for number in range(1, meetings + 1):
        away = [rng.choice(MEMBERS)] if rng.random() < 0.3 else []
        present = [m for m in MEMBERS if m not in away]
        presenters = rng.sample(present, 2)
        for action in open_actions:
            if action.owner in present:
                action.report(
                    ReportBack(
                        meeting=day,
                        progress=rng.choice(PROGRESS),
                        note=rng.choice(["", "", "carried forward", "spoke to the director"]),
                    )
                )
        open_actions = [a for a in open_actions if a.is_open]
        slots: list[Presentation] = []
        for presenter in presenters:
            issue_id = f"issue-{number}-{presenter.split()[0].lower()}"
            issues.append(
                Issue(
                    id=issue_id,
                    owner=presenter,
                    title=f"{presenter.split()[0]}'s issue at meeting {number}",
                    history=[StatusChange(meeting=day, status=IssueStatus.worked)],
                )
            )
            slots.append(Presentation(member=presenter, issue=issue_id))
            for k in (1, 2):
                action = Action(
                    id=f"{issue_id}-{k}",
                    owner=presenter,
                    issue=issue_id,
                    text=f"Step {k} on {issue_id}",
                    agreed_at=day,
                    due=day + dt.timedelta(weeks=THE_SET.cadence_weeks),
                )
                actions.append(action)
                open_actions.append(action)
        agenda = meeting_agenda(presenters, present)
        start = dt.datetime.combine(day, dt.time(9, 30), ZONE)
        total = sum(phase.actual_seconds for phase in agenda)
        store.save_meeting(
            Meeting(
                date=day,
                template="half-day",
                closed=True,
                place=PLACE,
                attendance=Attendance(present=present, apologies=away),
                presenters=slots,
                reflections=[f"Meeting {number}: more open questions than last time."],
                clock=ClockState(
                    phase=len(agenda) - 1,
                    running=False,
                    elapsed_seconds=agenda[-1].actual_seconds,
                    started_at=start,
                    ends_at=start + dt.timedelta(seconds=total),
                ),
                agenda=agenda,
            )
        )
        atomic_write(
            store.tags_path(day), journal_bytes(tag_events(rng, day, agenda, present, tags))
        )
        day += dt.timedelta(weeks=THE_SET.cadence_weeks)
    store.save_issues(issues)
    store.save_actions(actions)
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "out_dir", metavar="OUT_DIR", type=Path, help="the sets folder to write the set into"
    )
    parser.add_argument("--meetings", type=int, default=100, help="meetings (default 100)")
    parser.add_argument(
        "--tags", type=int, default=300, help="contributions per meeting (default 300)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    store = write_big_set(args.out_dir, args.meetings, args.tags)
    print(
        f"wrote {store.folder}: {args.meetings} meetings of {args.tags} contributions "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
