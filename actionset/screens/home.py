"""The home screen: the sets in the folder; open one or create one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from actionset import store as disk
from actionset.model import Set
from actionset.model.schedule import DEFAULT_HOURS, DEFAULT_TIME
from actionset.safe_text import safe
from actionset.screens.base import AppScreen
from actionset.screens.form import Answer, Field, FormScreen
from actionset.widgets.steady_footer import SteadyFooter

HINT = "enter opens the set · r runs today's meeting in the facilitator console · n creates a set"
NEW_SET_FIELDS = (
    Field("name", "Name of the set", placeholder="e.g. Heads of Department, spring cohort"),
    Field(
        "members",
        "Members, in roster order, separated by commas (4 to 8 is usual)",
        placeholder="e.g. Amira Haddad, Ben Osei, Carla Jones, Dev Patel",
    ),
    Field("facilitator", "Facilitator"),
    Field("cadence_weeks", "Weeks between meetings", "6"),
    Field("first_date", "First meeting's date, YYYY-MM-DD", placeholder="e.g. 2027-01-11"),
    Field("usual_time", "Usual start time, HH:MM", DEFAULT_TIME),
    Field("usual_hours", "Usual length in hours", f"{DEFAULT_HOURS:g}"),
    Field("usual_place", "Usual place"),
    Field("kind", "Kind: horizontal, vertical or member-led", "horizontal"),
    Field("agenda_template", "Agenda template", "half-day"),
)
NEW_RULES = 3  # empty lines for the ground rules in the new-set form; the settings add more


def set_from_form(answer: Answer, templates: Collection[str]) -> Set:
    """The new set the form describes; `Refused` says what is wrong."""
    from actionset.set_changes import RULE_KEY, ground_rules_in, new_set

    fields = {k: v for k, v in answer.items() if k not in ("name", "members")}
    fields = {k: v for k, v in fields.items() if not k.startswith(RULE_KEY)}
    members = [m for m in answer["members"].split(",") if m.strip()]
    rules = ground_rules_in(answer) or []
    return new_set(answer["name"], members, templates=templates, ground_rules=rules, **fields)


class HomeScreen(AppScreen):
    """Every set in the sets folder, with when it last met and meets next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="home.open"),
        Binding("r", "run", "Run today's meeting", id="home.run"),
        Binding("n", "new", "New set", id="home.new"),
        Binding("j", "project", "Projector", id="home.project"),
        Binding("i", "insights", "Insights", id="home.insights"),
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q", id="quit"),
    ]
    CSS_PATH = "home.tcss"

    def compose(self) -> ComposeResult:
        yield Static(
            f"Action learning sets in {self.actionset.folder.root}", id="heading", markup=False
        )
        yield Static(HINT, id="hint")
        yield OptionList()
        yield Static(id="problems", markup=False)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.refresh_sets()

    def refresh_sets(self) -> None:
        from actionset.overview import NEEDS_CHECK, overview
        from actionset.sync.status import synced_words

        sets = self.query_one(OptionList)
        sets.clear_options()
        problems = []
        for slug in self.actionset.folder.slugs():
            row = overview(disk.SetStore(self.actionset.folder.root / slug), self.actionset.today)
            if row.problem:
                problems.append(row.problem)
            line = Text(safe(row.name), style="bold")
            today = self.actionset.today
            if row.problem:  # what was read is not the set: say what it needs instead
                line.append(f"\n{NEEDS_CHECK}", style="red")
            else:
                line.append(
                    f"\n{row.members} members · last met {_date(row.last_meeting)} · next ",
                    style="dim",
                )
                following = row.next_meeting
                overdue = following is not None and following.overdue(today)
                line.append(
                    following.label(today) if following else "—",
                    style="red" if overdue else "dim",
                )
                line.append(f" · {row.open_actions} open actions", style="dim")
            if synced := synced_words(self.actionset.folder.root / slug, today):
                line.append(f"\n{synced}", style="dim")
            sets.add_option(Option(line, id=slug))
        if sets.option_count:
            sets.highlighted = 0
        self.query_one("#problems", Static).update(
            safe("\n".join(problems), "\n")
            + ("\n(run `actionset check` for every problem)" if problems else "")
        )
        self.query_one("#hint", Static).update(
            HINT if sets.option_count else "No sets here yet: press n to create one."
        )

    def _chosen(self) -> str | None:
        sets = self.query_one(OptionList)
        if sets.highlighted is None:
            return None
        return sets.get_option_at_index(sets.highlighted).id

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from actionset.screens.set_screen import SetScreen

        slug = self._chosen()
        if slug is not None:
            store = disk.SetStore(self.actionset.folder.root / slug)
            self.app.push_screen(SetScreen(store), lambda _: self.refresh_sets())

    def action_run(self) -> None:
        slug = self._chosen()
        if slug is not None:
            self.actionset.open_console(disk.SetStore(self.actionset.folder.root / slug))

    def action_project(self) -> None:
        slug = self._chosen()
        if slug is not None:
            self.notify(
                f"In a second terminal on the projector: actionset project {slug}", timeout=8
            )

    def action_insights(self) -> None:
        """The highlighted set's history as charts."""
        from actionset.screens.insights import InsightsScreen

        slug = self._chosen()
        if slug is not None:
            self.app.push_screen(InsightsScreen(disk.SetStore(self.actionset.folder.root / slug)))

    def action_new(self) -> None:
        folder = self.actionset.folder
        templates = disk.load_templates(folder.root, None)[0]

        def check(answer: Answer) -> str | None:
            from actionset.set_changes import Refused

            try:
                folder.create(set_from_form(answer, templates))
            except (Refused, disk.StoreError, OSError) as exc:
                return str(exc).splitlines()[0]
            return None

        def created(answer: Answer | None) -> None:
            if answer is not None:
                self.notify(f"Created {' '.join(answer['name'].split())}.", markup=False)
                self.refresh_sets()

        from actionset.screens.set_screen import ground_rule_fields

        fields = [*NEW_SET_FIELDS, *ground_rule_fields([], spare=NEW_RULES)]
        self.app.push_screen(FormScreen("A new set", fields, check), created)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"
