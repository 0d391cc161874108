"""The command line: home, run, project, new, list, actions, report, calendar and check.

Only `run`, `project` and the home screen import Textual, and only once the arguments are
understood and the set is found (and, for `run`, locked); `--help` imports neither Textual nor
pydantic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionset import __version__
from actionset.store import Problem, StoreError

if TYPE_CHECKING:
    from actionset.model import Action, Issue, Meeting, Set
    from actionset.model.tags import Contribution
    from actionset.store import SetsFolder, SetStore

ENV_TODAY = "ACTIONSET_TODAY"
CALENDAR_COUNT = 6
DEFAULT_TIME = "09:30"
MEETING_HOURS = 3
SMALLEST_SET, LARGEST_SET = 4, 8

FORMS = """\
commands:
  actionset                          home screen: the sets in the folder; open or create one
  actionset run SET                  open or resume today's meeting of SET (facilitator console)
  actionset project SET              read-only projector window following SET's live meeting
  actionset new NAME --member M [--member M ...] [--cadence-weeks N] [--facilitator F]
  actionset list                     sets: members, last meeting, next meeting date, open actions
  actionset actions SET [--open]     actions: owner, text, due date, status
  actionset report SET [--meeting DATE|latest] [--format markdown|csv] [--all]
  actionset calendar SET             iCalendar of the next meetings
  actionset check [SET]              validate every file; exit 1 with path:line: field: message

SET is the set's folder name (its slug) or its full name. --sets-dir DIR may come anywhere.
"""


class UsageError(Exception):
    """A bad argument: reported in one line, exit status 2."""


@dataclass(frozen=True)
class Context:
    """What every command is given besides its own arguments."""

    sets_dir: str | None
    today: dt.date

    def folder(self) -> SetsFolder:
        from actionset.store import SetsFolder, resolve_sets_dir

        return SetsFolder(resolve_sets_dir(self.sets_dir))


# ---------------------------------------------------------------------------- arguments


def pull_option(argv: Sequence[str], name: str) -> tuple[str | None, list[str]]:
    """Take `name VALUE` or `name=VALUE` out of argv wherever it is (up to a `--`)."""
    rest: list[str] = []
    value: str | None = None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg == name:
            if i + 1 >= len(argv):
                raise UsageError(f"{name} needs a value")
            value = argv[i + 1]
            i += 2
            continue
        if arg.startswith(name + "="):
            value = arg.partition("=")[2]
        else:
            rest.append(arg)
        i += 1
    return value, rest


def parse_today(text: str | None) -> dt.date:
    """--today, else $ACTIONSET_TODAY, else the real date: tests and demos choose their day."""
    text = text or os.environ.get(ENV_TODAY)
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"today's date {text!r} is not a date (use YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--sets-dir", metavar="DIR",
        help="the folder of sets (default: $ACTIONSET_SETS_DIR, else ./sets, else the data folder)")
    common.add_argument("--today", help=argparse.SUPPRESS)

    parser = argparse.ArgumentParser(
        prog="actionset", parents=[common],
        description="Run Action Learning set meetings: a timed agenda, question tagging "
                    "and a record across meetings kept in plain TOML files.",
        epilog=FORMS, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"actionset {__version__}")
    parser.add_argument("--theme", metavar="NAME", default=None, help="the colour theme to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=summary, description=summary)

    def set_argument(p: argparse.ArgumentParser, nargs: str | None = None) -> None:
        p.add_argument("set", metavar="SET", nargs=nargs,
                       help="the set's folder name (slug) or its full name")

    run = command("run", "open or resume today's meeting of SET (facilitator console)")
    set_argument(run)
    run.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS)

    project = command("project", "read-only projector window following SET's live meeting")
    set_argument(project)
    project.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS)

    new = command("new", "create a set")
    new.add_argument("name", metavar="NAME", help="the set's name, in full")
    new.add_argument("--member", metavar="M", action="append", required=True,
                     help="a member's name; give --member once per member (4 to 8 is usual)")
    new.add_argument("--cadence-weeks", metavar="N", type=int, default=6,
                     help="weeks between meetings (default 6)")
    new.add_argument("--facilitator", metavar="F", default="", help="the facilitator's name")

    command("list", "sets: members, last meeting, next meeting date, open actions")

    actions = command("actions", "actions: owner, text, due date, status")
    set_argument(actions)
    actions.add_argument("--open", action="store_true", help="only actions still open")

    report = command("report", "a meeting's record as markdown, or its contributions as CSV")
    set_argument(report)
    report.add_argument("--meeting", metavar="DATE|latest", default=None,
                        help="the meeting's date, YYYY-MM-DD (default: latest)")
    report.add_argument("--format", choices=("markdown", "csv"), default="markdown")
    report.add_argument("--all", action="store_true", help="every meeting, oldest first")

    calendar = command("calendar", "iCalendar of the next meetings")
    set_argument(calendar)

    check = command("check", "validate every file; exit 1 with path:line: field: message")
    set_argument(check, nargs="?")
    return parser


def plain_output() -> None:
    """Output sent to a file or a pipe is UTF-8 with `\n` line endings on every system.

    On Windows it would otherwise be written in the code page (cp1252 on many laptops cannot
    write "Łukasz") with every `\n` turned into `\r\n`, and the calendar's `\r\n` into `\r\r\n`.
    A terminal is left as it is: Python already writes Unicode to every system's console.
    """
    if isinstance(sys.stdout, io.TextIOWrapper) and not sys.stdout.isatty():
        sys.stdout.reconfigure(encoding="utf-8", newline="\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user errors are one line on stderr and a non-zero exit status."""
    plain_output()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        sets_dir, args_list = pull_option(args_list, "--sets-dir")
        today_text, args_list = pull_option(args_list, "--today")
        args = build_parser().parse_args(args_list)
        context = Context(sets_dir, parse_today(today_text))
        return COMMANDS[args.command or "home"](args, context)
    except UsageError as exc:
        print(f"actionset: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(exc if exc.problems else f"actionset: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`head`, `grep -m1`) has gone; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"actionset: {exc}", file=sys.stderr)
        return 1


# ---------------------------------------------------------------------------- the console


def cmd_home(args: argparse.Namespace, context: Context) -> int:
    from actionset.app import run_home

    return run_home(context.folder(), today=context.today, theme=args.theme)


def cmd_run(args: argparse.Namespace, context: Context) -> int:
    from actionset.session import open_console

    folder = context.folder()
    store = folder.find(args.set)
    # A locked set is refused here, naming the holder, and a damaged file is reported with
    # its line: both before Textual loads or any window opens.
    with open_console(store, folder, context.today) as session:
        from actionset.app import run_console

        return run_console(session, theme=args.theme)


def cmd_project(args: argparse.Namespace, context: Context) -> int:
    from actionset.app import run_projector

    store = context.folder().find(args.set)
    store.load_set()
    return run_projector(store, today=context.today, theme=args.theme)


# ---------------------------------------------------------------------------- tables


def is_terminal() -> bool:
    return sys.stdout.isatty()


def _cell(value: object) -> str:
    """One line of text: a piped row must never wrap onto the next line."""
    return " ".join(str(value).split())


def print_rows(headers: Sequence[str], rows: Iterable[Sequence[object]], title: str = "") -> None:
    """A Rich table on a terminal; otherwise one tab-separated line per row, no header."""
    if not is_terminal():
        for row in rows:
            print("\t".join(_cell(value) for value in row))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, title_justify="left", header_style="bold")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(str(value) for value in row))
    Console().print(table)


# ---------------------------------------------------------------------------- new, list, actions


def cmd_new(args: argparse.Namespace, context: Context) -> int:
    from pydantic import ValidationError

    from actionset.model import Member, Set

    name = " ".join(args.name.split())
    if not name:
        raise UsageError("the set needs a name")
    members = [" ".join(m.split()) for m in args.member]
    if not all(members):
        raise UsageError("a member's name cannot be empty")
    seen: set[str] = set()
    for member in members:
        if member.casefold() in seen:
            raise UsageError(f"member {member!r} is given twice; each member once")
        seen.add(member.casefold())
    if len(members) < 2:
        raise UsageError("a set needs at least two members: --member NAME --member NAME")
    if not 1 <= args.cadence_weeks <= 52:
        raise UsageError("--cadence-weeks must be between 1 and 52")
    if not SMALLEST_SET <= len(members) <= LARGEST_SET:
        print(f"actionset: warning: {len(members)} members; a set usually has "
              f"{SMALLEST_SET} to {LARGEST_SET}", file=sys.stderr)
    try:
        the_set = Set(name=name, facilitator=" ".join(args.facilitator.split()),
                      cadence_weeks=args.cadence_weeks,
                      members=[Member(name=member) for member in members])
    except ValidationError as exc:
        error = exc.errors()[0]
        raise UsageError(error["msg"].removeprefix("Value error, ")) from None
    store = context.folder().create(the_set)
    print(f"created set {the_set.name!r} in {store.folder}")
    print(f"start its first meeting with: actionset run {store.slug}")
    return 0


def next_meeting(the_set: Set, dates: Sequence[dt.date]) -> dt.date | None:
    """The latest meeting's date plus the cadence; None before the first meeting."""
    from actionset.model.dates import weeks_after

    return weeks_after(dates[-1], the_set.cadence_weeks) if dates else None


def cmd_list(args: argparse.Namespace, context: Context) -> int:
    from actionset.store import SetStore

    folder = context.folder()
    slugs = folder.slugs()
    if not slugs:
        print(f"actionset: no sets in {folder.root} yet; create one with "
              "`actionset new NAME --member M --member M ...`", file=sys.stderr)
        return 0
    rows: list[list[object]] = []
    status = 0
    for slug in slugs:
        store = SetStore(folder.path_for(slug))
        try:
            the_set = store.load_set()
            open_actions = sum(action.is_open for action in store.load_actions())
        except StoreError as exc:
            print(exc, file=sys.stderr)
            rows.append([slug, "(damaged: run `actionset check`)", "", "", "", ""])
            status = 1
            continue
        dates = store.meeting_dates()
        rows.append([slug, the_set.name, len(the_set.current_members),
                     dates[-1] if dates else "none", next_meeting(the_set, dates) or "none",
                     open_actions])
    print_rows(["set", "name", "members", "last meeting", "next meeting", "open actions"],
               rows, title=f"Sets in {folder.root}")
    return status


def cmd_actions(args: argparse.Namespace, context: Context) -> int:
    store = context.folder().find(args.set)
    the_set = store.load_set()
    actions = [a for a in store.load_actions() if a.is_open or not args.open]
    rows = [[a.owner, a.text, a.due or "-", a.status.value] for a in actions]
    which = "Open actions" if args.open else "Actions"
    print_rows(["owner", "action", "due", "status"], rows, title=f"{which}: {the_set.name}")
    if not actions and is_terminal():
        print("no open actions" if args.open else "no actions yet")
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


def read_contributions(store: SetStore, date: dt.date,
                       meeting: Meeting | None) -> list[Contribution]:
    """The meeting's standing contributions, each with its slot's presenter as the agenda
    has it."""
    from actionset.model.tags import replay

    journal = store.read_journal(date)
    for note in [*journal.warnings, *(str(p) for p in journal.problems)]:
        print(f"actionset: warning: {note}", file=sys.stderr)
    return replay(journal.events, meeting.agenda if meeting else None)


def cmd_report(args: argparse.Namespace, context: Context) -> int:
    store = context.folder().find(args.set)
    the_set = store.load_set()
    dates = store.meeting_dates()
    if args.all and args.meeting:
        raise UsageError("give either --meeting DATE or --all, not both")
    if not dates:
        raise StoreError(f"set {store.slug!r} has no meetings yet")
    chosen = dates if args.all else [pick_meeting(args.meeting or "latest", dates, store.slug)]
    meetings = [(date, store.load_meeting(date)) for date in chosen]
    if args.format == "csv":
        from actionset.model.tags import codebook_for, contributions_csv

        sys.stdout.write(contributions_csv(
            [(date, read_contributions(store, date, meeting)) for date, meeting in meetings],
            codebook_for(the_set)))
        return 0
    issues = store.load_issues()
    actions = store.load_actions()
    parts = [f"# {the_set.name}\n"]
    for date, meeting in meetings:
        parts.append(meeting_markdown(the_set, date, meeting, issues, actions,
                                      read_contributions(store, date, meeting)))
    sys.stdout.write("\n".join(parts))
    return 0


def _minutes(seconds: int) -> str:
    return f"{round(seconds / 60)}"


def meeting_markdown(the_set: Set, date: dt.date, meeting: Meeting | None, issues: list[Issue],
                     actions: list[Action], contributions: list[Contribution]) -> str:
    """A meeting's record, readable as it is and rendered well by any markdown viewer."""
    from actionset.model.dates import long_date
    from actionset.model.meeting import PhaseStatus, who_counts
    from actionset.model.tags import codebook_for, not_yet_asked

    out: list[str] = [f"## Meeting of {long_date(date, weekday=True)} ({date})", ""]
    if meeting is None:
        out += ["In progress: only the tags have been saved so far.", ""]
    else:
        state = "closed" if meeting.closed else "in progress"
        place = meeting.place or the_set.usual_place
        out.append(f"- Status: {state}")
        if place:
            out.append(f"- Place: {place}")
        if the_set.facilitator:
            out.append(f"- Facilitator: {the_set.facilitator}")
        clock = meeting.clock
        # Meetings closed before the end time was kept fall back on their planned end.
        ended = clock.ended_at or (clock.ends_at if meeting.closed else None)
        if clock.started_at:
            end = f" to {ended:%H:%M}" if ended else ""
            out.append(f"- Time: {clock.started_at:%H:%M}{end}")
        out.append("")

        out += ["### Attendance", ""]
        present = meeting.attendance.present or [m.name for m in the_set.current_members]
        out.append(f"- Present: {', '.join(present)}")
        if meeting.attendance.apologies:
            out.append(f"- Apologies: {', '.join(meeting.attendance.apologies)}")
        out.append("")

        if meeting.presenters:
            out += ["### Presenters and issues", ""]
            by_id = {issue.id: issue for issue in issues}
            for number, presentation in enumerate(meeting.presenters, start=1):
                issue = by_id.get(presentation.issue)
                what = f"{issue.title} (`{issue.id}`, now {issue.status.value})" if issue else (
                    presentation.issue or "issue not recorded")
                out.append(f"{number}. {presentation.member}: {what}")
            out.append("")

        if meeting.agenda:
            out += ["### Agenda: planned and actual minutes", "",
                    "| phase | presenter | planned | actual | difference |",
                    "|---|---|--:|--:|--:|"]
            planned_total = actual_total = 0
            for phase in meeting.agenda:
                planned_total += phase.planned_minutes * 60
                ran = phase.status in (PhaseStatus.done, PhaseStatus.current)
                actual_total += phase.actual_seconds
                actual = _minutes(phase.actual_seconds) if ran else phase.status.value
                diff = round(phase.actual_seconds / 60) - phase.planned_minutes
                out.append(f"| {phase.title} | {phase.presenter} | {phase.planned_minutes} | "
                           f"{actual} | {f'{diff:+d}' if ran else ''} |")
            diff_total = round(actual_total / 60) - round(planned_total / 60)
            out += [f"| **Total** | | {_minutes(planned_total)} | {_minutes(actual_total)} | "
                    f"{diff_total:+d} |", ""]

    agreed = [a for a in actions if a.agreed_at == date]
    if agreed:
        out += ["### Actions agreed", ""]
        for action in agreed:
            due = f" (due {action.due})" if action.due else ""
            out.append(f"- {action.owner}: {action.text}{due}; now {action.status.value}")
        out.append("")

    reported = [(a, u) for a in actions for u in a.updates if u.meeting == date]
    if reported:
        out += ["### Report-backs", ""]
        for action, update in reported:
            note = f": {update.note}" if update.note else ""
            out.append(f"- {action.owner}, {action.text}: **{update.progress.value}**{note}")
        out.append("")

    out += ["### Contributions", ""]
    counts_as = {code.name: code.counts_as.value for code in codebook_for(the_set)}
    kinds = ("question", "advice", "other")
    per_member: dict[str, dict[str, int]] = {}
    for member in (meeting.attendance.present if meeting and meeting.attendance.present
                   else [m.name for m in the_set.current_members]):
        per_member[member] = dict.fromkeys(kinds, 0)
    for c in contributions:
        kind = counts_as.get(c.code, "other")
        per_member.setdefault(c.member, dict.fromkeys(kinds, 0))[kind] += 1
    if not contributions:
        out += ["No contributions were tagged.", ""]
    else:
        out += ["| member | questions | advice | statements | total |", "|---|--:|--:|--:|--:|"]
        for member, count in per_member.items():
            out.append(f"| {member} | {count['question']} | {count['advice']} | "
                       f"{count['other']} | {sum(count.values())} |")
        totals = {k: sum(c[k] for c in per_member.values()) for k in kinds}
        out.append(f"| **All** | {totals['question']} | {totals['advice']} | "
                   f"{totals['other']} | {sum(totals.values())} |")
        counting = who_counts([m.name for m in the_set.current_members], meeting,
                              facilitator=the_set.facilitator)
        silent = not_yet_asked(contributions, codebook_for(the_set), counting)
        out.append("")
        out.append("Advice counts leading questions (advice dressed as a question); statements "
                   "are opinions or stories nobody asked for.")
        if silent:
            out.append(f"Asked no questions: {', '.join(silent)}.")
        out.append("")

    if meeting and meeting.reflections:
        out += ["### Reflections", ""]
        out += [f"- {reflection}" for reflection in meeting.reflections]
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------- calendar


def _ical_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545)."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


def meeting_dates_ahead(the_set: Set, dates: Sequence[dt.date], today: dt.date,
                        count: int = CALENDAR_COUNT) -> list[dt.date]:
    """The next `count` meeting dates at the set's cadence, none of them before today (fewer
    near the end of the year 9999)."""
    from actionset.model.dates import weeks_after

    weeks = the_set.cadence_weeks
    date = weeks_after(dates[-1] if dates else today, weeks)
    while date is not None and date < today:
        date = weeks_after(date, weeks)
    ahead: list[dt.date] = []
    while date is not None and len(ahead) < count:
        ahead.append(date)
        date = weeks_after(date, weeks)
    return ahead


def calendar_text(the_set: Set, slug: str, dates: Sequence[dt.date], today: dt.date,
                  now: dt.datetime | None = None) -> str:
    """An iCalendar of the set's next meetings; each meeting's UID stays the same on re-import."""
    now = now or dt.datetime.now(dt.UTC)
    hours, _, minutes = (the_set.usual_time or DEFAULT_TIME).partition(":")
    start_time = dt.time(int(hours), int(minutes))
    members = ", ".join(m.name for m in the_set.current_members)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//actionset//actionset {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{_ical_text(the_set.name)}"]
    for date in meeting_dates_ahead(the_set, dates, today):
        start = dt.datetime.combine(date, start_time)
        end = start + dt.timedelta(hours=MEETING_HOURS)
        description = f"Action learning set meeting. Members: {members}."
        if the_set.facilitator:
            description += f" Facilitator: {the_set.facilitator}."
        lines += ["BEGIN:VEVENT", f"UID:{slug}-{date.isoformat()}@actionset",
                  f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}", f"DTSTART:{start:%Y%m%dT%H%M%S}",
                  f"DTEND:{end:%Y%m%dT%H%M%S}", f"SUMMARY:{_ical_text(the_set.name)}",
                  f"DESCRIPTION:{_ical_text(description)}"]
        if the_set.usual_place:
            lines.append(f"LOCATION:{_ical_text(the_set.usual_place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))


def cmd_calendar(args: argparse.Namespace, context: Context) -> int:
    store = context.folder().find(args.set)
    the_set = store.load_set()
    sys.stdout.write(calendar_text(the_set, store.slug, store.meeting_dates(), context.today))
    return 0


# ---------------------------------------------------------------------------- check


@dataclass
class CheckResult:
    problems: list[Problem]
    warnings: list[str]
    files: int


def _problems_of(exc: StoreError, path: Path) -> list[Problem]:
    return exc.problems or [Problem(path, 1, "file", str(exc))]


def check_set(store: SetStore) -> CheckResult:
    """Validate every file of a set, then check that the files agree with one another."""
    from actionset.model.agenda import is_placeholder
    from actionset.model.tags import codebook_for
    from actionset.store import ACTIONS_FILE, ISSUES_FILE, SET_FILE

    result = CheckResult([], [], 0)
    problems = result.problems

    def load(path: Path, loader: Callable[[], Any]) -> Any:
        if not os.path.lexists(path):  # a folder or a broken link in its place is a problem
            return None
        result.files += 1
        try:
            return loader()
        except StoreError as exc:
            problems.extend(_problems_of(exc, path))
            return None

    set_path = store.folder / SET_FILE
    the_set: Set | None = load(set_path, store.load_set)
    if not os.path.lexists(set_path):
        problems.append(Problem(set_path, 1, "file", "set.toml is missing"))
    issues_path, actions_path = store.folder / ISSUES_FILE, store.folder / ACTIONS_FILE
    issues: list[Issue] | None = load(issues_path, store.load_issues)
    actions: list[Action] | None = load(actions_path, store.load_actions)
    meetings: list[tuple[Path, Meeting]] = []
    for date in store.meeting_dates():
        path = store.meeting_path(date)
        meeting = load(path, functools.partial(store.load_meeting, date))
        if meeting is not None:
            meetings.append((path, meeting))

    issue_ids = {issue.id for issue in issues} if issues is not None else None
    names: set[str] = set()
    codes: set[str] = set()
    if the_set is not None:
        names = {m.name.casefold() for m in the_set.members}
        codes = {code.name for code in codebook_for(the_set)}

    def need_member(name: str, path: Path, loc: tuple[str | int, ...], what: str) -> None:
        if the_set is not None and name.casefold() not in names:
            problems.append(_cross(path, loc, f"{name!r} ({what}) is not a member of the set"))

    def need_issue(ident: str, path: Path, loc: tuple[str | int, ...]) -> None:
        if ident and issue_ids is not None and ident not in issue_ids:
            problems.append(_cross(path, loc, f"no issue with id {ident!r} in issues.toml"))

    for i, issue in enumerate(issues or []):
        need_member(issue.owner, issues_path, ("issues", i, "owner"), "issue owner")
        if [other.id for other in issues or []].count(issue.id) > 1:
            problems.append(_cross(issues_path, ("issues", i, "id"),
                                   f"issue id {issue.id!r} is used twice"))
    for i, action in enumerate(actions or []):
        need_member(action.owner, actions_path, ("actions", i, "owner"), "action owner")
        need_issue(action.issue, actions_path, ("actions", i, "issue"))
        if [other.id for other in actions or []].count(action.id) > 1:
            problems.append(_cross(actions_path, ("actions", i, "id"),
                                   f"action id {action.id!r} is used twice"))
    for path, meeting in meetings:
        for field_name in ("present", "apologies"):
            for name in getattr(meeting.attendance, field_name):
                need_member(name, path, ("attendance", field_name), field_name)
        for i, presentation in enumerate(meeting.presenters):
            need_member(presentation.member, path, ("presenters", i, "member"), "presenter")
            need_issue(presentation.issue, path, ("presenters", i, "issue"))
        for i, phase in enumerate(meeting.agenda):
            # Before `w` a slot holds "Presenter 1": the app writes it, so it is no problem.
            if phase.presenter and not is_placeholder(phase.presenter):
                need_member(phase.presenter, path, ("agenda", i, "presenter"), "presenter")

    people = set(names)
    if the_set is not None and the_set.facilitator:
        people.add(the_set.facilitator.casefold())
    for date in store.meeting_dates():
        path = store.tags_path(date)
        if os.path.lexists(path):
            result.files += 1
            journal = store.read_journal(date)
            problems.extend(journal.problems)
            result.warnings.extend(journal.warnings)
            problems.extend(_journal_problems(path, people, codes, the_set is not None))
    from actionset.store import load_templates

    problems.extend(load_templates(store.folder.parent, store.folder)[1])
    return result


def _cross(path: Path, loc: tuple[str | int, ...], message: str) -> Problem:
    from actionset.store import line_of

    return Problem(path, line_of(path, loc), ".".join(str(part) for part in loc), message)


def _journal_problems(path: Path, people: set[str], codes: set[str],
                      know_set: bool) -> list[Problem]:
    from actionset.store import journal_events_with_lines

    problems: list[Problem] = []
    tagged: set[int] = set()
    for line, event in journal_events_with_lines(path):
        op, ident = event.get("op"), event.get("id")
        if op not in ("tag", "recode", "note", "delete"):
            problems.append(Problem(path, line, "op", f"unknown operation {op!r}"))
            continue
        if not isinstance(ident, int) or isinstance(ident, bool):
            problems.append(Problem(path, line, "id", "the contribution id must be a number"))
            continue
        if op == "tag":
            tagged.add(ident)
            try:
                dt.datetime.fromisoformat(str(event.get("at", "")))
            except ValueError:
                problems.append(Problem(path, line, "at", "not an ISO date and time"))
            member = str(event.get("member", ""))
            if know_set and member.casefold() not in people:
                problems.append(Problem(path, line, "member",
                                        f"{member!r} is not a member or the facilitator"))
        elif ident not in tagged:
            problems.append(Problem(path, line, "id", f"no contribution {ident} tagged before"))
        code = event.get("code")
        if op in ("tag", "recode") and know_set and not (isinstance(code, str) and code in codes):
            problems.append(Problem(path, line, "code", f"{event.get('code')!r} is not in the "
                                    f"set's codebook ({', '.join(sorted(codes))})"))
    return problems


def cmd_check(args: argparse.Namespace, context: Context) -> int:
    from actionset.store import SetStore

    folder = context.folder()
    if args.set:
        stores = [folder.find(args.set)]
    else:
        if not folder.root.is_dir():
            raise StoreError(f"no sets folder at {folder.root}")
        stores = [SetStore(folder.path_for(slug)) for slug in folder.slugs()]
    problems: list[Problem] = []
    files = 0
    for store in stores:
        result = check_set(store)
        problems += result.problems
        files += result.files
        for warning in result.warnings:
            print(f"warning: {warning}")
    for problem in sorted(set(problems), key=lambda p: (str(p.path), p.line, p.field)):
        print(problem)
    sets = f"{len(stores)} set{'s' * (len(stores) != 1)}"
    if problems:
        count = len(set(problems))
        print(f"{count} problem{'s' * (count != 1)} in {sets}; the files are left as they are",
              file=sys.stderr)
        return 1
    print(f"OK: {sets}, {files} files, no problems ({folder.root})")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Context], int]] = {
    "home": cmd_home,
    "run": cmd_run,
    "project": cmd_project,
    "new": cmd_new,
    "list": cmd_list,
    "actions": cmd_actions,
    "report": cmd_report,
    "calendar": cmd_calendar,
    "check": cmd_check,
}
