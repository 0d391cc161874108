"""The command line: parsing and dispatch for home, run, project, new, list, actions, report,
calendar and check.

What each command writes lives beside it: `actionset.export` (minutes, contributions CSV,
calendar), `actionset.check` and `actionset.overview`. Only `run`, `project` and the home screen
import Textual, and only once the arguments are understood and the set is found (and, for
`run`, locked); `--help` imports neither Textual nor pydantic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actionset import __version__
from actionset.store import StoreError

if TYPE_CHECKING:
    from actionset.store import SetsFolder

ENV_TODAY = "ACTIONSET_TODAY"
SMALLEST_SET, LARGEST_SET = 4, 8

FORMS = """\
commands:
  actionset                          home screen: the sets in the folder; open or create one
  actionset run SET [--date DATE] [--template NAME]
                                     open or resume today's (or DATE's) meeting of SET
  actionset project SET              read-only projector window following SET's live meeting
  actionset project SET --serve [--port N] [--lan] [--no-open]
                                     the projector as a web page, for a browser full screen (F11)
  actionset new NAME --member M [--member M ...] [--cadence-weeks N] [--facilitator F]
      [--first-date DATE] [--time HH:MM] [--hours H] [--place TEXT]
      [--kind horizontal|vertical] [--template NAME]
  actionset list                     sets: members, last meeting, next meeting date, open actions
  actionset actions SET [--open]     actions: owner, text, due date, status
  actionset issues SET [--member NAME] [--open]
                                     issues: owner, title, status, raised, meetings worked on
  actionset report SET [--meeting DATE|latest] [--anonymous] [--format markdown|csv]
                                     a meeting's minutes, or its contributions as CSV
  actionset report SET --all [--format text|markdown|csv]
                                     the set's history across meetings (csv: every contribution)
  actionset report --programme [--format markdown|csv]
                                     every set in the folder, for the programme's sponsor
  actionset calendar SET [--count N] iCalendar of the next meetings (default 4)
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


def parse_today(text: str | None) -> dt.date:
    """--today, else $ACTIONSET_TODAY, else the real date: tests and demos choose their day."""
    text = text or os.environ.get(ENV_TODAY)
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"today's date {text!r} is not a date (use YYYY-MM-DD)") from None


def _options_anywhere() -> argparse.ArgumentParser:
    """Options every command takes before or after its name.

    Given to the main parser and to each command's as a parent: `default=SUPPRESS` keeps a
    command's parser from overwriting, with its default, a value given before the command;
    `parse_arguments` starts from `UNSET`, so an option given nowhere reads as None.
    """
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument(
        "--sets-dir",
        metavar="DIR",
        help="the folder of sets (default: $ACTIONSET_SETS_DIR, else ./sets, else the data folder)",
    )
    common.add_argument("--today", help=argparse.SUPPRESS)
    return common


def _add_theme_option(parser: argparse.ArgumentParser) -> None:
    """--theme, before any command or after those that open a window (run and project)."""
    parser.add_argument(
        "--theme", metavar="NAME", default=argparse.SUPPRESS, help="the colour theme to use"
    )


def _add_serve_options(project: argparse.ArgumentParser) -> None:
    """`project --serve`: the projector as a web page for the room's browser."""
    project.add_argument(
        "--serve",
        action="store_true",
        help="serve the projector to browser tabs at http://127.0.0.1:PORT/ instead of this "
        "terminal; ctrl+c stops it",
    )
    project.add_argument(
        "--port",
        metavar="N",
        type=int,
        default=None,
        help="the port to serve on (default 8110, or the next free one)",
    )
    project.add_argument(
        "--lan",
        action="store_true",
        help="let other devices in the room open the page: every address of this machine, "
        "with a random token in the address",
    )
    project.add_argument(
        "--no-open", action="store_true", help="do not open the page in the default browser"
    )
    # The projector as a browser tab runs it: no key but quit.
    project.add_argument("--served", action="store_true", help=argparse.SUPPRESS)


UNSET = {"command": None, "sets_dir": None, "today": None, "theme": None}


def build_parser() -> argparse.ArgumentParser:
    common = _options_anywhere()
    parser = argparse.ArgumentParser(
        prog="actionset",
        parents=[common],
        description="Run Action Learning set meetings: a timed agenda, question tagging "
        "and a record across meetings kept in plain TOML files.",
        epilog=FORMS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"actionset {__version__}")
    _add_theme_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=summary, description=summary)

    def set_argument(p: argparse.ArgumentParser, nargs: str | None = None) -> None:
        p.add_argument(
            "set", metavar="SET", nargs=nargs, help="the set's folder name (slug) or its full name"
        )

    windows = {}
    for name, summary in (
        ("run", "open or resume today's meeting of SET (facilitator console)"),
        ("project", "read-only projector window following SET's live meeting"),
    ):
        windows[name] = window = command(name, summary)
        set_argument(window)
        _add_theme_option(window)
    _add_serve_options(windows["project"])
    windows["run"].add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        default=None,
        help="open the meeting of this date instead of today's (one held on paper, a rehearsal)",
    )
    windows["run"].add_argument(
        "--template", metavar="NAME", default=None, help="plan this meeting from another template"
    )

    new = command("new", "create a set")
    new.add_argument("name", metavar="NAME", help="the set's name, in full")
    new.add_argument(
        "--member",
        metavar="M",
        action="append",
        required=True,
        help="a member's name; give --member once per member (4 to 8 is usual)",
    )
    new.add_argument(
        "--cadence-weeks",
        metavar="N",
        type=int,
        default=6,
        help="weeks between meetings (default 6)",
    )
    new.add_argument("--facilitator", metavar="F", default="", help="the facilitator's name")
    new.add_argument(
        "--first-date", metavar="YYYY-MM-DD", default=None, help="the first meeting's date"
    )
    new.add_argument("--time", metavar="HH:MM", default="", help="the usual start time")
    new.add_argument("--hours", metavar="H", type=float, default=None, help="a meeting's length")
    new.add_argument("--place", metavar="TEXT", default="", help="where the set usually meets")
    new.add_argument("--kind", choices=("horizontal", "vertical"), default="horizontal")
    new.add_argument(
        "--template", metavar="NAME", default="half-day", help="the agenda template (half-day)"
    )

    command("list", "sets: members, last meeting, next meeting date, open actions")

    actions = command("actions", "actions: owner, text, due date, status")
    set_argument(actions)
    actions.add_argument("--open", action="store_true", help="only actions still open")

    issues = command("issues", "issues: owner, title, status, raised, meetings worked on")
    set_argument(issues)
    issues.add_argument("--member", metavar="NAME", default=None, help="only this member's")
    issues.add_argument("--open", action="store_true", help="only issues still open")

    report = command(
        "report", "minutes of a meeting, a set's history, or the programme's evaluation"
    )
    set_argument(report, nargs="?")
    report.add_argument(
        "--meeting",
        metavar="DATE|latest",
        default=None,
        help="the meeting's date, YYYY-MM-DD (default: latest)",
    )
    report.add_argument(
        "--format",
        choices=("text", "markdown", "csv"),
        default=None,
        help="minutes and the programme: markdown (default) or csv; --all: text (default), "
        "markdown, or csv (every contribution of every meeting)",
    )
    report.add_argument("--all", action="store_true", help="the set's history across every meeting")
    report.add_argument(
        "--programme",
        action="store_true",
        help="every set in the sets folder: meetings, attendance, actions, outcomes, questioning",
    )
    report.add_argument(
        "--anonymous",
        action="store_true",
        help="minutes: members' questioning as Member A, B, ... (default: set.toml's summary)",
    )
    report.add_argument(
        "--output", metavar="FILE", default=None, help="write to FILE instead of printing"
    )

    calendar = command("calendar", "iCalendar of the next meetings")
    set_argument(calendar)
    calendar.add_argument(
        "--count", metavar="N", type=int, default=4, help="how many meetings (default 4)"
    )

    check = command("check", "validate every file; exit 1 with path:line: field: message")
    set_argument(check, nargs="?")
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command and its arguments; an option given nowhere is None."""
    return build_parser().parse_args(argv, argparse.Namespace(**UNSET))


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
        args = parse_arguments(args_list)
        context = Context(args.sets_dir, parse_today(args.today))
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
    date = _date_argument("--date", args.date) if args.date else context.today
    # A locked set is refused here, naming the holder, and a damaged file is reported with
    # its line: both before Textual loads or any window opens.
    with open_console(store, folder, date, args.template) as session:
        from actionset.app import run_console

        return run_console(session, theme=args.theme)


def cmd_project(args: argparse.Namespace, context: Context) -> int:
    if not args.serve and (args.port is not None or args.lan or args.no_open):
        raise UsageError("--port, --lan and --no-open go with --serve")
    if args.port is not None and not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port (1 to 65535)")
    store = context.folder().find(args.set)
    store.load_set()
    if args.serve:
        from actionset.serve import serve_projector

        return serve_projector(
            store,
            today=context.today,
            theme=args.theme,
            port=args.port,
            lan=args.lan,
            open_browser=not args.no_open,
        )
    from actionset.app import run_projector

    return run_projector(store, today=context.today, theme=args.theme, served=args.served)


def _date_argument(option: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (use YYYY-MM-DD)") from None


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
    for number, header in enumerate(headers):
        # the first column names the row (a set's slug, an owner): it stays on one line
        table.add_column(header, overflow="fold", no_wrap=number == 0)
    for row in rows:
        table.add_row(*(str(value) for value in row))
    Console().print(table)


# ---------------------------------------------------------------------------- new, list, actions


def cmd_new(args: argparse.Namespace, context: Context) -> int:
    from actionset.set_changes import Refused, new_set
    from actionset.store import load_templates

    if not 1 <= args.cadence_weeks <= 52:
        raise UsageError("--cadence-weeks must be between 1 and 52")
    if args.first_date:
        _date_argument("--first-date", args.first_date)
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
    print(f"created set {the_set.name!r} in {store.folder}")
    print(f"start its first meeting with: actionset run {store.slug}")
    return 0


def cmd_list(args: argparse.Namespace, context: Context) -> int:
    from actionset.overview import overview
    from actionset.store import SetStore

    folder = context.folder()
    slugs = folder.slugs()
    if not slugs:
        print(
            f"actionset: no sets in {folder.root} yet; create one with "
            "`actionset new NAME --member M --member M ...`",
            file=sys.stderr,
        )
        return 0
    rows: list[list[object]] = []
    status = 0
    piped = not is_terminal()
    for slug in slugs:
        row = overview(SetStore(folder.path_for(slug)))
        if row.error:
            print(row.error, file=sys.stderr)
            rows.append([slug, "(damaged: run `actionset check`)", "", "", "", *[""] * piped, ""])
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
    the_set = store.load_set()
    actions = [a for a in store.load_actions() if a.is_open or not args.open]
    rows = [[a.owner, a.text, a.due or "-", a.status.value] for a in actions]
    which = "Open actions" if args.open else "Actions"
    print_rows(["owner", "action", "due", "status"], rows, title=f"{which}: {the_set.name}")
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

        atomic_write(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _programme_report(args: argparse.Namespace, context: Context) -> str:
    from actionset.export.history import programme_csv, programme_markdown, read_set_record
    from actionset.model.history import programme
    from actionset.store import SetStore

    if args.set or args.all or args.meeting or args.anonymous:
        raise UsageError("--programme reports on every set: give no SET, --all or --meeting")
    if args.format == "text":
        raise UsageError("--programme is written as markdown or csv")
    folder = context.folder()
    if not folder.root.is_dir() or not folder.slugs():
        raise StoreError(f"no sets in {folder.root}")
    records = [read_set_record(SetStore(folder.path_for(slug))) for slug in folder.slugs()]
    figures = programme(records, context.today)
    if args.format == "csv":
        return programme_csv(figures)
    return programme_markdown(figures, context.today)


def _set_report(args: argparse.Namespace, context: Context) -> str:
    from actionset.export.history import read_contributions, read_set_record

    if not args.set:
        raise UsageError("name the set: actionset report SET (or --programme for every set)")
    store = context.folder().find(args.set)
    the_set = store.load_set()
    dates = store.meeting_dates()
    if args.all and args.meeting:
        raise UsageError("give either --meeting DATE or --all, not both")
    if not dates:
        raise StoreError(f"set {store.slug!r} has no meetings yet")
    if args.all and args.format != "csv":
        from actionset.export.history import history_report
        from actionset.model.history import history

        return history_report(
            history(read_set_record(store), context.today),
            markdown=args.format == "markdown",
        )
    chosen = dates if args.all else [pick_meeting(args.meeting or "latest", dates, store.slug)]
    meetings = [(date, store.load_meeting(date)) for date in chosen]
    contributions = [
        (date, read_contributions(store, date, meeting.agenda if meeting else None))
        for date, meeting in meetings
    ]
    if args.format == "csv":
        from actionset.export.contributions import contributions_csv
        from actionset.model.codebook import codebook_for

        return contributions_csv(contributions, codebook_for(the_set))
    from actionset.export.minutes import minutes_are_anonymous, minutes_markdown
    from actionset.model.coach import prompts_logged

    (date, meeting), (_, said) = meetings[0], contributions[0]
    return minutes_markdown(
        the_set,
        date,
        meeting,
        store.load_issues(),
        store.load_actions(),
        said,
        anonymous=minutes_are_anonymous(the_set, args.anonymous),
        prompts=prompts_logged(store.read_journal(date).events),
    )


# ---------------------------------------------------------------------------- calendar, check


def cmd_calendar(args: argparse.Namespace, context: Context) -> int:
    from actionset.export.calendar import calendar_text
    from actionset.model.schedule import next_meeting

    if not 1 <= args.count <= 100:
        raise UsageError("--count must be between 1 and 100")
    store = context.folder().find(args.set)
    the_set = store.load_set()
    dates = store.meeting_dates()
    latest = store.load_meeting(dates[-1]) if dates else None
    following = next_meeting(the_set, dates, latest)
    if following is None and not dates:
        raise UsageError(
            f"set {store.slug!r} has not met and has no first date: "
            "give it one from the set screen (or `first_date` in set.toml)"
        )
    sys.stdout.write(calendar_text(the_set, store.slug, following, args.count))
    return 0


def cmd_check(args: argparse.Namespace, context: Context) -> int:
    from actionset.check import check_sets
    from actionset.store import SetStore

    folder = context.folder()
    if args.set:
        stores = [folder.find(args.set)]
    else:
        if not folder.root.is_dir():
            raise StoreError(f"no sets folder at {folder.root}")
        stores = [SetStore(folder.path_for(slug)) for slug in folder.slugs()]
    result = check_sets(stores)
    for warning in result.warnings:
        print(f"warning: {warning}")
    problems = result.sorted_problems()
    for problem in problems:
        print(problem)
    sets = f"{len(stores)} set{'s' * (len(stores) != 1)}"
    if problems:
        count = len(problems)
        print(
            f"{count} problem{'s' * (count != 1)} in {sets}; the files are left as they are",
            file=sys.stderr,
        )
        return 1
    print(f"OK: {sets}, {result.files} files, no problems ({folder.root})")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Context], int]] = {
    "home": cmd_home,
    "run": cmd_run,
    "project": cmd_project,
    "new": cmd_new,
    "list": cmd_list,
    "actions": cmd_actions,
    "issues": cmd_issues,
    "report": cmd_report,
    "calendar": cmd_calendar,
    "check": cmd_check,
}
