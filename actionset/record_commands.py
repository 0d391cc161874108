"""The commands that read the set's record and print it: new, list, actions, issues, report,
calendar and check (`actionset.cli` parses their arguments and calls them)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from actionset.cli_base import Context, UsageError, date_argument
from actionset.model.action_status import status_word
from actionset.model.glance import Doubt
from actionset.safe_text import LINES, safe
from actionset.store import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from actionset.model import Set
    from actionset.model.audience import Reader
    from actionset.store.locate import Problem

SMALLEST_SET, LARGEST_SET = 4, 8  # a set usually has 4 to 8 members

# ---------------------------------------------------------------------------- tables


def is_terminal() -> bool:
    return sys.stdout.isatty()


def _cell(value: object) -> str:
    """One line of text: a piped row must never wrap onto the next line, nor split a cell."""
    return safe(" ".join(str(value).split()))


def print_rows(headers: Sequence[str], rows: Iterable[Sequence[object]], title: str = "") -> None:
    """A Rich table on a terminal; otherwise one tab-separated line per row, no header.

    Each cell and the title is text as it was typed: never markup (`[/x]`), never a control."""
    if not is_terminal():
        for row in rows:
            print("\t".join(_cell(value) for value in row))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    shown = Text(safe(title)) if title else None
    table = Table(title=shown, title_justify="left", header_style="bold")
    for number, header in enumerate(headers):
        # the first column names the row (a set's slug, an owner): it stays on one line
        table.add_column(header, overflow="fold", no_wrap=number == 0)
    for row in rows:
        table.add_row(*(Text(safe(str(value), LINES)) for value in row))
    Console().print(table)


# ---------------------------------------------------------------------------- new, list, actions


def cmd_new(args: argparse.Namespace, context: Context) -> int:
    from actionset.set_changes import Refused, new_set
    from actionset.store import load_templates

    if not 1 <= args.cadence_weeks <= 52:
        raise UsageError("--cadence-weeks must be between 1 and 52")
    if args.first_date:
        date_argument("--first-date", args.first_date)
    folder = context.folder()
    templates, _ = load_templates(folder.root, None)
    try:
        the_set = new_set(
            args.name,
            args.member,
            facilitator=args.facilitator,
            cadence_weeks=args.cadence_weeks,
            first_date=args.first_date or "",
            usual_time=args.time,
            usual_hours=args.hours,
            usual_place=args.place,
            kind=args.kind,
            agenda_template=args.template,
            ground_rules=args.ground_rule,
            templates=templates,
        )
    except Refused as exc:
        raise UsageError(str(exc)) from None
    count = len(the_set.members)
    if not SMALLEST_SET <= count <= LARGEST_SET:
        print(
            f"actionset: warning: {count} members; a set usually has "
            f"{SMALLEST_SET} to {LARGEST_SET}",
            file=sys.stderr,
        )
    store = folder.create(the_set)
    print(safe(f"created set {the_set.name!r} in {store.folder}"))
    print(f"start its first meeting with: actionset run {store.slug}")
    return 0


def cmd_list(args: argparse.Namespace, context: Context) -> int:
    from actionset.overview import NEEDS_CHECK, overview
    from actionset.store import SetStore

    folder = context.folder()
    slugs = folder.slugs()
    if not slugs:
        print(
            safe(
                f"actionset: no sets in {folder.root} yet; create one with "
                "`actionset new NAME --member M --member M ...`"
            ),
            file=sys.stderr,
        )
        return 0
    rows: list[list[object]] = []
    status = 0
    piped = not is_terminal()
    for slug in slugs:
        row = overview(SetStore(folder.path_for(slug)), context.today)
        if row.error:
            print(safe(row.error, "\n"), file=sys.stderr)
            rows.append([slug, NEEDS_CHECK, "", "", "", *[""] * piped, ""])
            status = 1
            continue
        following = row.next_meeting
        if following is None:
            next_cells: list[object] = ["none", ""] if piped else ["none"]
        elif piped:
            next_cells = [following.date, "overdue" if following.overdue(context.today) else ""]
        else:
            next_cells = [following.label(context.today)]
        rows.append(
            [
                slug,
                row.name,
                row.members,
                row.last_meeting or "none",
                *next_cells,
                row.open_actions,
            ]
        )
    print_rows(
        ["set", "name", "members", "last meeting", "next meeting", "open actions"],
        rows,
        title=f"Sets in {folder.root}",
    )
    return status


def cmd_actions(args: argparse.Namespace, context: Context) -> int:
    store = context.folder().find(args.set)
    try:  # at a glance (`actionset.model.glance`); through the models when in doubt
        name, every = store.glance_set().name, store.glance_actions()
    except Doubt:
        name, every = store.load_set().name, store.load_actions()  # type: ignore[assignment]
    actions = [a for a in every if a.is_open or not args.open]
    rows = [
        [a.owner, a.text, a.due or "-", status_word(a.status, a.latest_progress)] for a in actions
    ]
    which = "Open actions" if args.open else "Actions"
    print_rows(["owner", "action", "due", "status"], rows, title=f"{which}: {name}")
    if not actions and is_terminal():
        print("no open actions" if args.open else "no actions yet")
    return 0


def cmd_issues(args: argparse.Namespace, context: Context) -> int:
    from actionset.model.issue_history import issue_history

    store = context.folder().find(args.set)
    the_set = store.load_set()
    issues = store.load_issues()
    if args.member:
        member = the_set.member(args.member)
        if member is None:
            names = ", ".join(m.name for m in the_set.members)
            raise UsageError(f"no member {args.member!r} in {the_set.name} ({names})")
        issues = [i for i in issues if i.owner.casefold() == member.name.casefold()]
    if args.open:
        issues = [i for i in issues if i.is_open]
    actions = store.load_actions()
    rows = []
    for issue in issues:
        history = issue_history(issue, actions)
        worked = ", ".join(
            f"{step.meeting}"
            + (
                f" ({len(step.actions)} action{'' if len(step.actions) == 1 else 's'})"
                if step.actions
                else ""
            )
            for step in history.worked
        )
        ended = f"{history.ended.meeting} {history.ended.note}".strip() if history.ended else ""
        rows.append(
            [
                issue.owner,
                issue.title,
                issue.status.value,
                history.raised or "-",
                worked or "-",
                ended or "-",
            ]
        )
    which = "Open issues" if args.open else "Issues"
    print_rows(
        ["owner", "issue", "status", "raised", "worked on", "resolved / parked"],
        rows,
        title=f"{which}: {the_set.name}",
    )
    if not issues and is_terminal():
        print("no open issues" if args.open else "no issues yet")
    return 0


# ---------------------------------------------------------------------------- report


def pick_meeting(value: str, dates: Sequence[dt.date], slug: str) -> dt.date:
    if value == "latest":
        return dates[-1]
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--meeting {value!r} is not a date: use YYYY-MM-DD or latest") from None
    if date not in dates:
        known = ", ".join(d.isoformat() for d in dates)
        raise UsageError(f"set {slug!r} has no meeting on {date} (meetings: {known})")
    return date


def cmd_report(args: argparse.Namespace, context: Context) -> int:
    text = _programme_report(args, context) if args.programme else _set_report(args, context)
    if args.output:
        from pathlib import Path

        from actionset.store import atomic_write

        atomic_write(Path(args.output), safe(text, LINES).encode("utf-8"))
    else:
        sys.stdout.write(safe(text, LINES))
    return 0


def _programme_report(args: argparse.Namespace, context: Context) -> str:
    from actionset.export.programme import programme_csv, programme_markdown
    from actionset.export.set_record import read_set_record
    from actionset.model.programme import programme
    from actionset.store import SetStore

    if args.set or args.all or args.meeting or args.anonymous:
        raise UsageError("--programme reports on every set: give no SET, --all or --meeting")
    if args.format == "text":
        raise UsageError("--programme is written as markdown, csv or html")
    folder = context.folder()
    if not folder.root.is_dir() or not folder.slugs():
        raise StoreError(f"no sets in {folder.root}")
    if args.format == "html":
        from actionset.pack_command import programme_pack

        return programme_pack(folder, lambda the_set: _reader(args, the_set), context.today)
    records = [read_set_record(SetStore(folder.path_for(slug))) for slug in folder.slugs()]
    figures = programme(records, context.today, folder.load_programme())
    readers = [_reader(args, record.the_set) for record in records]
    if args.format == "csv":
        return programme_csv(figures, readers)
    from actionset.export.voice import read_set_voice
    from actionset.model.voice_report import programme_reaction

    voices = [read_set_voice(SetStore(folder.path_for(slug))) for slug in folder.slugs()]
    return programme_markdown(figures, context.today, readers, programme_reaction(voices))


def _reader(args: argparse.Namespace, the_set: Set) -> Reader:
    """Who the report is for (`--for`), reading `the_set`."""
    from actionset.model.audience import Audience, Reader

    return Reader(Audience(getattr(args, "audience", None) or "set"), the_set)


def _set_report(args: argparse.Namespace, context: Context) -> str:
    from actionset.export.set_record import read_events, read_set_record
    from actionset.model.contributions import replay

    if not args.set:
        raise UsageError("name the set: actionset report SET (or --programme for every set)")
    store = context.folder().find(args.set)
    the_set = store.load_set()
    dates = store.meeting_dates()
    if args.all and args.meeting:
        raise UsageError("give either --meeting DATE or --all, not both")
    if not dates:
        raise StoreError(f"set {store.slug!r} has no meetings yet")
    reader = _reader(args, the_set)
    if args.anonymous and not reader.is_set:
        raise UsageError(
            f"--anonymous letters the set's own minutes; --for {reader.audience} names no one "
            "in the questioning already"
        )
    if args.format == "html":
        from actionset.pack_command import set_pack

        if args.meeting:
            raise UsageError("--format html is the pack of the set's history: give no --meeting")
        return set_pack(context.folder(), store.slug, reader.audience, context.today)
    if args.format == "csv" and not reader.is_set:
        raise UsageError(
            "the contributions (who asked what) stay in the set; for figures that may leave "
            f"it: actionset report --programme --format csv --for {reader.audience}"
        )
    if args.all and args.format != "csv":
        from actionset.export.history import history_report
        from actionset.export.voice import history_section, read_set_voice
        from actionset.model.history import history

        markdown = args.format == "markdown"
        text = history_report(
            history(read_set_record(store), context.today), markdown=markdown, reader=reader
        )
        voice = history_section(read_set_voice(store), markdown=markdown, reader=reader)
        return text + ("\n" + "\n".join(voice).rstrip() + "\n" if voice else "")
    chosen = dates if args.all else [pick_meeting(args.meeting or "latest", dates, store.slug)]
    meetings = [(date, store.load_meeting(date)) for date in chosen]
    events = [read_events(store, date, warn=True) for date in chosen]  # each journal once
    contributions = [
        (date, replay(logged, meeting.agenda if meeting else None))
        for (date, meeting), logged in zip(meetings, events, strict=True)
    ]
    if args.format == "csv":
        from actionset.export.contributions import contributions_csv
        from actionset.model.codebook import codebook_for

        return contributions_csv(contributions, codebook_for(the_set))
    from actionset.export.minutes import minutes_are_anonymous, minutes_markdown
    from actionset.export.voice import read_voice
    from actionset.model.coach_log import prompts_logged

    (date, meeting), (_, said) = meetings[0], contributions[0]
    return minutes_markdown(
        the_set,
        date,
        meeting,
        store.load_issues(),
        store.load_actions(),
        said,
        anonymous=minutes_are_anonymous(the_set, args.anonymous),
        prompts=prompts_logged(events[0]),
        voice=read_voice(store, date),
        reader=reader,
    )


# ---------------------------------------------------------------------------- calendar, check


def cmd_calendar(args: argparse.Namespace, context: Context) -> int:
    from actionset.export.calendar import calendar_text
    from actionset.model.schedule import Held, SetRhythm, next_meeting

    if not 1 <= args.count <= 100:
        raise UsageError("--count must be between 1 and 100")
    store = context.folder().find(args.set)
    dates = store.meeting_dates()
    the_set: SetRhythm
    latest: Held | None
    in_turn = False  # a set facilitated in turn is read through the models (`glance_set`)
    try:  # at a glance (`actionset.model.glance`); through the models when in doubt
        the_set = store.glance_set()
        latest = store.glance_meeting(dates[-1]) if dates else None
        following = next_meeting(the_set, dates, latest)
    except Doubt:
        from actionset.model.record import facilitates_next
        from actionset.model.rotation import rotation_of

        full_set, full = store.load_set(), store.load_meeting(dates[-1]) if dates else None
        the_set, latest = full_set, full
        following = next_meeting(the_set, dates, latest)
        if following is not None and rotation_of(full_set):
            in_turn = True
            who = facilitates_next(full_set, full, following)
            following = following._replace(facilitator=who)
    if following is None and not dates:
        raise UsageError(
            f"set {store.slug!r} has not met and has no first date: "
            "give it one from the set screen (or `first_date` in set.toml)"
        )
    sys.stdout.write(calendar_text(the_set, store.slug, following, args.count, in_turn=in_turn))
    return 0


def _problems_where(problems: Sequence[Problem], sets: str, programme: Path) -> str:
    """ "1 problem in programme.toml (none in 2 sets)", "3 problems in 2 sets": where they are,
    programme.toml beside the sets named when one is in it."""
    count = len(problems)
    said = f"{count} problem{'s' * (count != 1)}"
    in_programme = sum(1 for problem in problems if problem.path == programme)
    if not in_programme:
        return f"{said} in {sets}"
    if in_programme == count:
        return f"{said} in {programme.name} (none in {sets})"
    return f"{said} in {sets} and {programme.name}"


def cmd_check(args: argparse.Namespace, context: Context) -> int:
    from actionset.check import check_programme, check_sets
    from actionset.store import SetStore

    folder = context.folder()
    if args.set:
        stores = [folder.find(args.set)]
    else:
        if not folder.root.is_dir():
            raise StoreError(f"no sets folder at {folder.root}")
        stores = [SetStore(folder.path_for(slug)) for slug in folder.slugs()]
    result = check_sets(stores)
    if not args.set:
        check_programme(folder, result)
    for warning in result.warnings:
        print(safe(f"warning: {warning}"))
    problems = result.sorted_problems()
    for problem in problems:
        print(safe(str(problem)))
    sets = f"{len(stores)} set{'s' * (len(stores) != 1)}"
    if problems:
        from actionset.model.programme_file import PROGRAMME_FILE

        where = _problems_where(problems, sets, folder.root / PROGRAMME_FILE)
        print(f"{where}; the files are left as they are", file=sys.stderr)
        return 1
    print(safe(f"OK: {sets}, {result.files} files, no problems ({folder.root})"))
    return 0
