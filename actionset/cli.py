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
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from actionset import __version__
from actionset.cli_base import Context, UsageError, date_argument
from actionset.merge import driver
from actionset.record_commands import (
    cmd_actions,
    cmd_calendar,
    cmd_check,
    cmd_issues,
    cmd_list,
    cmd_new,
    cmd_report,
)
from actionset.safe_text import safe
from actionset.store import StoreError
from actionset.sync import command as sync_command
from actionset.voice_commands import SUMMARY, add_voice_arguments, cmd_voice

if TYPE_CHECKING:
    pass

ENV_TODAY = "ACTIONSET_TODAY"

FORMS = f"""\
commands:
  actionset                          home screen: the sets in the folder; open or create one
  actionset run SET [--date DATE] [--template NAME]
                                     open or resume today's (or DATE's) meeting of SET
  actionset project SET              read-only projector window following SET's live meeting
  actionset project SET --serve [--port N] [--lan] [--no-open]
                                     the projector as a web page, for a browser full screen (F11)
  actionset new NAME --member M [--member M ...] [--cadence-weeks N] [--facilitator F]
      [--first-date DATE] [--time HH:MM] [--hours H] [--place TEXT]
      [--kind horizontal|vertical|member-led] [--template NAME] [--ground-rule TEXT ...]
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
  actionset report --programme|SET --format html
                                     the sponsor's pack: one page to open in a browser or print
      every report takes --for set|sponsor|research: who may read it (default set: all of it)
  actionset calendar SET [--count N] iCalendar of the next meetings (default 4)
  actionset check [SET]              validate every file; exit 1 with path:line: field: message
{sync_command.FORMS}  actionset merge-file BASE OURS THEIRS PATH
                                     git's merge driver for a set's files, record by record
  actionset voice SET [--meeting DATE] [--new KIND] [--round R --ratings '4 5 - 3' --line TEXT]
                                     a meeting's rounds; add an answer given on paper

SET is the set's folder name (its slug) or its full name. --sets-dir DIR may come anywhere.
"""


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


def terminal_columns() -> int:
    """The terminal's width, as `shutil.get_terminal_size` finds it: $COLUMNS, else the
    terminal's, else 80. argparse imports shutil for it, and shutil the compression modules,
    which would cost `actionset list` more than the listing itself."""
    with suppress(ValueError):
        if (columns := int(os.environ.get("COLUMNS", "0"))) > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal (`terminal_columns`)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or terminal_columns())


class RawDescriptionHelpFormatter(HelpFormatter, argparse.RawDescriptionHelpFormatter):
    """The main help: the forms of every command (`FORMS`) kept as written."""


def _options_anywhere() -> argparse.ArgumentParser:
    """Options every command takes before or after its name.

    Given to the main parser and to each command's as a parent: `default=SUPPRESS` keeps a
    command's parser from overwriting, with its default, a value given before the command;
    `parse_arguments` starts from `UNSET`, so an option given nowhere reads as None.
    """
    common = argparse.ArgumentParser(
        add_help=False, argument_default=argparse.SUPPRESS, formatter_class=HelpFormatter
    )
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
        formatter_class=RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"actionset {__version__}")
    _add_theme_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            parents=[common],
            help=summary,
            description=summary,
            formatter_class=HelpFormatter,
        )

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
    new.add_argument(
        "--kind", choices=("horizontal", "vertical", "member-led"), default="horizontal"
    )
    new.add_argument(
        "--ground-rule",
        metavar="TEXT",
        action="append",
        default=[],
        help="one of the set's ground rules; give --ground-rule once per rule",
    )
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
        choices=("text", "markdown", "csv", "html"),
        default=None,
        help="minutes and the programme: markdown (default) or csv; --all: text (default), "
        "markdown, or csv (every contribution of every meeting); html: the sponsor's pack of "
        "the programme or the set, one page to open in a browser or print",
    )
    report.add_argument("--all", action="store_true", help="the set's history across every meeting")
    report.add_argument(
        "--programme",
        action="store_true",
        help="every set in the sets folder: meetings, attendance, actions, outcomes, questioning",
    )
    report.add_argument(
        "--for",
        dest="audience",
        choices=("set", "sponsor", "research"),
        default="set",
        help="who it is written for: set (default; all of it), sponsor (counts, actions and "
        "outcomes; names only with share_names in set.toml), research (no names, no free text)",
    )
    report.add_argument(
        "--anonymous",
        action="store_true",
        help="the set's own minutes with only the questioning as Member A, B, ... (default: "
        "set.toml's summary); minutes that leave the set: --for sponsor or research",
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
    driver.add_arguments(command("merge-file", "git's merge driver for a set's files"))
    add_voice_arguments(command("voice", SUMMARY))
    sync_command.add_arguments(command("sync", sync_command.SUMMARY))
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
        print(safe(f"actionset: {exc}"), file=sys.stderr)
        return 2
    except StoreError as exc:
        print(safe(str(exc) if exc.problems else f"actionset: {exc}", "\n"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (`head`, `grep -m1`) has gone; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(safe(f"actionset: {exc}"), file=sys.stderr)
        return 1


# ---------------------------------------------------------------------------- the console


def cmd_home(args: argparse.Namespace, context: Context) -> int:
    from actionset.app import run_home

    return run_home(context.folder(), today=context.today, theme=args.theme)


def cmd_run(args: argparse.Namespace, context: Context) -> int:
    from actionset.session import open_console

    folder = context.folder()
    store = folder.find(args.set)
    date = date_argument("--date", args.date) if args.date else context.today
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
    "merge-file": driver.cmd_merge_file,
    "voice": cmd_voice,
    "sync": sync_command.cmd_sync,
}
