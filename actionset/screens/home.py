"""The home screen: the sets in the folder; open one or create one."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from actionset import store as disk
from actionset.screens.base import AppScreen


class NewSetScreen(ModalScreen[tuple[str, list[str]] | None]):
    """Name the set and its members; the folder is made from the name."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="new.cancel")]
    CSS_PATH = "home.tcss"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Name of the set")
            yield Input(placeholder="e.g. Heads of Department, spring cohort", id="name")
            yield Label("Members, in roster order, separated by commas (4 to 8 is usual)")
            yield Input(placeholder="Amira Haddad, Ben Osei, Carla Jones, Dev Patel", id="members")
            yield Static(id="error")
            yield Button("Create", variant="primary", id="create")

    @on(Input.Submitted)
    @on(Button.Pressed, "#create")
    def create(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        members = [m.strip() for m in self.query_one("#members", Input).value.split(",")]
        members = [m for m in members if m]
        if not name:
            self.query_one("#error", Static).update("The set needs a name.")
        elif len(members) < 2:
            self.query_one("#error", Static).update("Name at least two members.")
        else:
            self.dismiss((name, members))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HomeScreen(AppScreen):
    """Every set in the sets folder, with when it last met and meets next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="home.open"),
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
        yield Static(
            "enter opens today's meeting in the facilitator console · n creates a set", id="hint"
        )
        yield OptionList()
        yield Static(id="problems", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_sets()

    def refresh_sets(self) -> None:
        from actionset.overview import overview

        sets = self.query_one(OptionList)
        sets.clear_options()
        problems = []
        for slug in self.actionset.folder.slugs():
            row = overview(disk.SetStore(self.actionset.folder.root / slug))
            if row.problem:
                problems.append(row.problem)
            line = Text(row.name, style="bold")
            line.append(
                f"\n{row.members} members · last met {_date(row.last_meeting)} · next "
                f"{_date(row.next_meeting)} · {row.open_actions} open actions",
                style="dim",
            )
            sets.add_option(Option(line, id=slug))
        if sets.option_count:
            sets.highlighted = 0
        self.query_one("#problems", Static).update(
            "\n".join(problems)
            + ("\n(run `actionset check` for every problem)" if problems else "")
        )
        if not sets.option_count:
            self.query_one("#hint", Static).update("No sets here yet: press n to create one.")

    def _chosen(self) -> str | None:
        sets = self.query_one(OptionList)
        if sets.highlighted is None:
            return None
        return sets.get_option_at_index(sets.highlighted).id

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
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
        def created(answer: tuple[str, list[str]] | None) -> None:
            if answer is None:
                return
            from actionset.model import Member, Set

            name, members = answer
            try:
                the_set = Set(name=name, members=[Member(name=m) for m in members])
                self.actionset.folder.create(the_set)
            except (disk.StoreError, ValueError) as exc:
                self.notify(str(exc).splitlines()[0], severity="error", timeout=8, markup=False)
                return
            self.notify(f"Created {name}.", markup=False)
            self.refresh_sets()

        self.app.push_screen(NewSetScreen(), created)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"
