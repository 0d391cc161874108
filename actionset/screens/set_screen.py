"""The set screen: who is in the set, what each member works on, when it meets next, what it
has done; and the changes made between meetings (members, settings, issues)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from actionset import store as disk
from actionset.model import Action, Issue, IssueStatus, Meeting, Set
from actionset.model.issue_history import issue_history
from actionset.model.members import add_member, retire_member, roster_numbers
from actionset.model.record import facilitates_next, facilitator_of, presenters_of
from actionset.model.rotation import rotation_of
from actionset.model.schedule import DEFAULT_HOURS, NextDate, next_meeting
from actionset.safe_text import safe
from actionset.screens.base import AppScreen
from actionset.screens.form import Answer, Field, FormScreen
from actionset.set_changes import (
    RULE_KEY,
    Refused,
    change_set,
    ground_rules_in,
    names_in,
    refuse_facilitator,
    rename_member,
    settle,
)
from actionset.widgets.steady_footer import SteadyFooter

SETTINGS = (
    ("facilitator", "Facilitator (a member, or one of the advisers below)"),
    ("facilitators", "Advisers who may facilitate, not members (a comma between names)"),
    ("cadence_weeks", "Weeks between meetings (1 to 52)"),
    ("kind", "Kind: horizontal, vertical or member-led"),
    ("agenda_template", "Agenda template"),
    ("first_date", "First meeting's date, YYYY-MM-DD (before the set has met)"),
    ("usual_time", "Usual start time, HH:MM"),
    ("usual_hours", "Usual length in hours"),
    ("usual_place", "Usual place"),
    ("codebook_mode", "Codebook: extend (the defaults and the set's own) or replace"),
)


def ground_rule_fields(rules: Sequence[str], spare: int = 1) -> list[Field]:
    """A line for each ground rule, and `spare` empty ones for new rules; emptied, a rule goes."""
    lines = [*rules, *[""] * spare]
    return [
        Field(f"{RULE_KEY}{number}", f"Ground rule {number} (empty: none)", rule)
        for number, rule in enumerate(lines, start=1)
    ]


def settings_of(the_set: Set) -> dict[str, str]:
    """The set's settings as the form shows them: every value as text, unset as empty."""
    values = the_set.model_dump(mode="json")
    shown = {key: "" if values.get(key) is None else str(values[key]) for key, _ in SETTINGS}
    shown["codebook_mode"] = shown["codebook_mode"] or "extend"
    shown["facilitators"] = ", ".join(the_set.facilitators)
    return shown


def with_settings(the_set: Set, answer: Answer) -> Set:
    """The set with the form's settings; pydantic says what is wrong with a value."""
    data = the_set.model_dump()
    for key, _ in SETTINGS:
        value: object = " ".join(answer[key].split())
        if key in ("first_date", "usual_hours") and value == "":
            value = None
        if key == "codebook_mode" and value == "extend" and the_set.codebook_mode is None:
            value = None
        if key == "facilitators":
            value = names_in(answer[key])
        data[key] = value
    if (rules := ground_rules_in(answer)) is not None:
        data["ground_rules"] = rules
    changed = Set.model_validate(data)
    refuse_facilitator(the_set, changed)
    return changed


class SetScreen(AppScreen):
    """One set between meetings; escape goes back to the sets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # One word each, so that every key fits the Footer at 80 columns (escape, as on every
        # screen, goes back without saying so); the tooltip says more.
        Binding("escape", "back", "Sets", show=False, id="set.back", tooltip="back to the sets"),
        Binding("r", "run", "Run", id="set.run", tooltip="run today's meeting"),
        Binding("a", "add", "Add", id="set.add", tooltip="add a member"),
        Binding("e", "rename", "Rename", id="set.rename", tooltip="rename the member"),
        Binding("x", "retire", "Retire", id="set.retire", tooltip="retire the member"),
        Binding("s", "settings", "Settings", id="set.settings", tooltip="the set's settings"),
        Binding(
            "v", "settle('resolved')", "Resolve", id="set.resolve", tooltip="resolve the issue"
        ),
        Binding("p", "settle('parked')", "Park", id="set.park", tooltip="park the issue"),
        Binding("tab", "app.focus_next", "Next table", show=False, id="set.next"),
    ]
    CSS_PATH = "set_screen.tcss"

    def __init__(self, set_store: disk.SetStore) -> None:
        super().__init__()
        self.set_store = set_store
        self.the_set: Set | None = None
        self.facilitates_next = ""
        """Who facilitates the next meeting (`record.facilitates_next`), marked in the roster."""
        self.issues: list[Issue] = []
        self.meetings: list[Meeting] = []

    def compose(self) -> ComposeResult:
        yield Static(id="heading", markup=False)
        with VerticalScroll(id="body"):
            yield Static(id="next")
            yield Static("Members", classes="section")
            yield DataTable(id="members", cursor_type="row", zebra_stripes=True)
            yield Static("Issues", classes="section")
            yield DataTable(id="issues", cursor_type="row", zebra_stripes=True)
            yield Static("Past meetings", classes="section")
            yield Static(id="past")
            yield Static("Settings", classes="section")
            yield Static(id="settings")
            yield Static(id="problem", markup=False)
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#members", DataTable).add_columns(
            "#", "member", "status", "open issues", "open actions"
        )
        self.query_one("#issues", DataTable).add_columns(
            "owner", "issue", "status", "raised", "worked on"
        )
        self.query_one("#body", VerticalScroll).can_focus = False
        self.refresh_set()
        self.query_one("#members", DataTable).focus()

    # -- what the screen shows

    def refresh_set(self) -> None:
        """Read the set's files again and show them; a damaged file is named, not raised."""
        problem = self.query_one("#problem", Static)
        try:
            the_set = self.set_store.load_set()
            actions = self.set_store.load_actions()
            self.issues = self.set_store.load_issues()
            self.meetings = self.set_store.load_meetings()
            dates = self.set_store.meeting_dates()
        except disk.StoreError as exc:
            problem.update(safe(f"{exc}\n(run `actionset check` for every problem)", "\n"))
            return
        problem.update("")
        self.the_set = the_set
        latest = self.meetings[-1] if self.meetings else None
        following = next_meeting(the_set, dates, latest)
        if following is not None:  # a set facilitated in turn: the next in turn
            following = following._replace(facilitator=facilitates_next(the_set, latest, following))
        self.facilitates_next = following.facilitator if following is not None else ""
        self.query_one("#heading", Static).update(safe(the_set.name))
        self.query_one("#next", Static).update(self.next_text(following))
        self.show_members(the_set, actions)
        self.show_issues(actions)
        self.query_one("#past", Static).update(self.past_text())
        self.query_one("#settings", Static).update(self.settings_text(the_set))

    def next_text(self, following: NextDate | None) -> Text:
        text = Text("Next meeting: ", style="bold")
        if following is None:
            return text.append("not planned: s sets the first date", style="yellow")
        today = self.actionset.today
        details = [
            following.time,
            following.place,
            f"facilitated by {following.facilitator}" if following.facilitator else "",
            "confirmed" if following.confirmed else "",
        ]
        # The separators go in the same piece as the date: a piece that starts with a space
        # loses it on the way to the screen.
        rest = safe("".join(f" · {d}" for d in details if d))
        if following.overdue(today):
            text.append(following.label(today), style="red")
            return text.append(rest)
        return text.append(following.label(today) + rest)

    def show_members(self, the_set: Set, actions: list[Action]) -> None:
        table = self.query_one("#members", DataTable)
        row = table.cursor_row
        table.clear()
        numbers = {m.name: n for n, m in roster_numbers(the_set)}
        for member in the_set.members:
            mine = member.name.casefold()
            issues = sum(1 for i in self.issues if i.owner.casefold() == mine and i.is_open)
            open_actions = sum(1 for a in actions if a.owner.casefold() == mine and a.is_open)
            if member.retired:
                status = f"left {member.left}" if member.left else "left"
            else:
                status = f"joined {member.joined}" if member.joined else "member"
            if member.name.casefold() == self.facilitates_next.casefold():
                status += " · facilitates next"
            style = "dim" if member.retired else ""
            table.add_row(
                Text(str(numbers.get(member.name, "")), style=style),
                Text(safe(member.name), style=style),
                Text(status, style=style),
                Text(str(issues or ""), style=style),
                Text(str(open_actions or ""), style=style),
                key=member.name,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def show_issues(self, actions: list[Action]) -> None:
        table = self.query_one("#issues", DataTable)
        row = table.cursor_row
        table.clear()
        ordered = sorted(self.issues, key=lambda i: (not i.is_open, i.owner.casefold()))
        for issue in ordered:
            history = issue_history(issue, actions)
            worked = ", ".join(f"{w.meeting}" for w in history.worked)
            status = issue.status.value
            if history.ended is not None and history.ended.note:
                status += f": {_short(history.ended.note, 24)}"
            table.add_row(
                Text(safe(issue.owner)),
                Text(safe(_short(issue.title, 44))),
                Text(safe(status), style="" if issue.is_open else "dim"),
                Text(str(history.raised or "")),
                Text(worked),
                key=issue.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def past_text(self) -> Text:
        if not self.meetings:
            return Text("none yet", style="dim")
        titles = {i.id: i.title for i in self.issues}
        text = Text()
        for meeting in reversed(self.meetings):
            shown = []
            for name in presenters_of(meeting):
                presentation = meeting.presentation(name)
                issue = titles.get(presentation.issue, "") if presentation else ""
                shown.append(f"{name} ({issue})" if issue else name)
            said = "; ".join(shown) if shown else "no presenters recorded"
            facilitator = facilitator_of(meeting, self.the_set) if self.the_set else ""
            if facilitator:
                said += f" · facilitated by {facilitator}"
            text.append_text(Text.assemble((f"{meeting.date}", "bold"), f" · {safe(said)}\n"))
        text.rstrip()
        return text

    def settings_text(self, the_set: Set) -> Text:
        hours = the_set.usual_hours or DEFAULT_HOURS
        lines = [
            f"facilitator {the_set.facilitator or '(none)'} · every {the_set.cadence_weeks} "
            f"weeks · {the_set.kind.value} · template {the_set.agenda_template}",
            f"usual time {the_set.usual_time or '(none)'} for {hours:g} h · place "
            f"{the_set.usual_place or '(none)'} · codebook "
            f"{(the_set.codebook_mode.value if the_set.codebook_mode else 'extend')}",
        ]
        if turn := rotation_of(the_set):
            lines.append("facilitated in turn: " + ", ".join(turn))
        if the_set.first_date and not self.meetings:
            lines.append(f"first meeting {the_set.first_date}")
        return Text(safe("\n".join(lines), "\n"))

    # -- what is chosen

    def _chosen(self, table_id: str) -> str | None:
        table = self.query_one(table_id, DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key

    def _member(self) -> str | None:
        name = self._chosen("#members")
        if name is None:
            self.notify("No member chosen: ↑↓ in the members table.", severity="warning")
        return name

    # -- changes

    def _apply(self, change: Callable[[], object], done: str) -> str | None:
        """Make a change; on success refresh and say so; on refusal return the message."""
        try:
            change()
        except (Refused, disk.StoreError, OSError) as exc:
            return str(exc).splitlines()[0]
        self.refresh_set()
        self.notify(done, markup=False)
        return None

    def _ask(
        self,
        title: str,
        fields: list[Field],
        change: Callable[[Answer], object],
        done: Callable[[Answer], str],
    ) -> None:
        """A form whose answer is saved by `change`; a refusal stays on the form."""

        def check(answer: Answer) -> str | None:
            return self._apply(lambda: change(answer), done(answer))

        self.app.push_screen(FormScreen(title, fields, check))

    def action_add(self) -> None:
        latest = self.meetings[-1].date if self.meetings else None
        today = self.actionset.today

        def change(answer: Answer) -> object:
            return change_set(
                self.set_store, lambda s: add_member(s, answer["name"], today, latest=latest)
            )

        self._ask(
            "Add a member",
            [Field("name", "Name")],
            change,
            lambda a: f"{a['name']} joins the set.",
        )

    def action_rename(self) -> None:
        old = self._member()
        if old is None:
            return
        self._ask(
            f"Rename {old} (their meetings, actions, issues and tags follow)",
            [Field("name", "New name", old)],
            lambda a: rename_member(self.set_store, old, a["name"]),
            lambda a: f"{old} is now {a['name']}.",
        )

    def action_retire(self) -> None:
        name = self._member()
        if name is None or self.the_set is None:
            return
        member = self.the_set.member(name)
        if member is not None and member.retired:
            self.notify(f"{name} has already left the set.", severity="warning", markup=False)
            return
        today = self.actionset.today
        self._ask(
            f"Retire {name}: they leave the roster; their history stays",
            [Field("left", "Leaving from, YYYY-MM-DD", today.isoformat())],
            lambda a: change_set(
                self.set_store, lambda s: retire_member(s, name, _date(a["left"]))
            ),
            lambda a: f"{name} has left the set.",
        )

    def action_settings(self) -> None:
        if self.the_set is None:
            return
        values = settings_of(self.the_set)
        self._ask(
            "The set's settings",
            [
                *(Field(key, label, values[key]) for key, label in SETTINGS),
                *ground_rule_fields(self.the_set.ground_rules),
            ],
            lambda a: change_set(self.set_store, lambda s: with_settings(s, a)),
            lambda a: "Settings saved.",
        )

    def action_settle(self, status: str) -> None:
        issue_id = self._chosen("#issues")
        issue = next((i for i in self.issues if i.id == issue_id), None)
        if issue is None:
            self.notify("No issue chosen: ↑↓ in the issues table.", severity="warning")
            return
        chosen = IssueStatus(status)
        verb = "Resolve" if chosen is IssueStatus.resolved else "Park"
        today = self.actionset.today
        self._ask(
            f"{verb} {issue.owner}'s issue: {issue.title}",
            [Field("note", "Note (why, what next)")],
            lambda a: settle(self.set_store, issue.id, chosen, today, a["note"]),
            lambda a: f"{issue.title}: {chosen.value}.",
        )

    def action_run(self) -> None:
        self.actionset.open_console(self.set_store)

    def action_back(self) -> None:
        self.dismiss()


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Refused(f"{text!r} is not a date (use YYYY-MM-DD)") from None
