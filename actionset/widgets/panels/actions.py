"""The actions panel, in each presenter's block: the actions the presenter commits to."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from actionset.model.action import Action
from actionset.model.agenda import is_placeholder
from actionset.model.contributions import presenter_at
from actionset.model.dates import long_date
from actionset.model.record import (
    actions_agreed,
    capture_action,
    due_default,
    record_presented,
)
from actionset.safe_text import safe
from actionset.screens.form import FORM_KEYS, FieldsForm, Problem
from actionset.screens.yes_no import YesNoScreen
from actionset.widgets.field import TextField
from actionset.widgets.panels.base import PhasePanel

if TYPE_CHECKING:
    from actionset.model import Issue, Meeting, Set
    from actionset.model.clock import MeetingClock
    from actionset.session import ConsoleSession


def slot_presenter(meeting: Meeting) -> str:
    """The member presenting in the slot the meeting stands in; empty outside every slot and
    while the slot still waits for its presenter (a placeholder)."""
    name = presenter_at(meeting.agenda, meeting.clock.phase)
    return "" if is_placeholder(name) else name


def _issue_title(issues: list[Issue], meeting: Meeting, presenter: str) -> str:
    presentation = meeting.presentation(presenter)
    ident = presentation.issue if presentation else ""
    issue = next((i for i in issues if i.id == ident), None)
    return safe(issue.title if issue else ident)


def _owner_and_due(action: Action) -> Text:
    text = Text.assemble(("owner", "dim"), f" {safe(action.owner)}")
    if action.due is not None:
        text.append("  ")
        text.append_text(Text.assemble(("due", "dim"), f" {long_date(action.due)}"))
    return text


def _action_lines(actions: list[Action]) -> Text:
    """Each action as typed, with its owner and due date on the line below (for the room)."""
    text = Text()
    for number, action in enumerate(actions, start=1):
        text.append(f"{number}  ", style="bold")
        text.append(safe(action.text))
        text.append("\n   ")
        text.append_text(_owner_and_due(action))
        text.append("\n")
    text.rstrip()
    return text


def _action_table(actions: list[Action], cursor: int) -> Table:
    """The console's list: the same lines, wrapped under their own text, one of them chosen."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=3, no_wrap=True, justify="right")
    table.add_column(ratio=1)
    for number, action in enumerate(actions, start=1):
        chosen = cursor == number - 1
        body = Text()
        body.append(safe(action.text), style="reverse" if chosen else "")
        body.append("\n")
        body.append_text(_owner_and_due(action))
        table.add_row(Text(f"{'▶' if chosen else ' '} {number}", style="bold"), body)
    return table


def actions_for_the_room(
    meeting: Meeting,
    actions: list[Action],
    issues: list[Issue],
    the_set: Set,
    *,
    past: Sequence[Meeting] = (),
    now: Callable[[], float] = time.time,
) -> Text | None:
    """The actions being agreed with the presenter, worded as typed, so they can check them."""
    presenter = slot_presenter(meeting)
    if not presenter:
        return None
    text = Text()
    text.append("Actions · ", style="bold")
    text.append(safe(presenter), style="bold")
    if title := _issue_title(issues, meeting, presenter):
        text.append("\n")
        text.append(f"“{title}”", style="italic")
    agreed = actions_agreed(actions, meeting, presenter)
    text.append("\n\n")
    if agreed:
        text.append_text(_action_lines(agreed))
    else:
        text.append("No action agreed yet.", style="dim")
    return text


# ---------------------------------------------------------------------------- the form


@dataclass(frozen=True)
class ActionDraft:
    """What the facilitator typed for an action: its wording, owner and due date."""

    text: str
    owner: str
    due: dt.date


class ActionForm(FieldsForm[ActionDraft]):
    """Three fields: the action as worded, its owner (a member), when it is due.

    Enter in any field saves them (`FieldsForm`); escape leaves without a change. The owner
    is filled in with the presenter, and typing a member's name offers the rest of it.
    """

    DEFAULT_CSS = """
    ActionForm { align: center middle; }
    ActionForm > Vertical {
        width: 76; max-width: 95%; height: auto;
        border: round $accent; background: $surface; padding: 0 2;
    }
    ActionForm #problem { color: $error; height: auto; }
    ActionForm #keys { color: $text-muted; }
    """

    def __init__(
        self, title: str, draft: ActionDraft, members: list[str], earliest: dt.date
    ) -> None:
        super().__init__()
        self.title_text = title
        self.draft = draft
        self.members = members
        self.earliest = earliest

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.title_text), markup=False, classes="heading")
            yield Label("Action, as the presenter words it", markup=False)
            yield TextField(self.draft.text, id="text")
            yield Label("Owner", markup=False)
            yield TextField(
                self.draft.owner,
                id="owner",
                suggester=SuggestFromList(self.members, case_sensitive=False),
            )
            yield Label("Due (YYYY-MM-DD)", markup=False)
            yield TextField(self.draft.due.isoformat(), id="due")
            yield Static("", id="problem", markup=False)
            yield Static(FORM_KEYS, id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def answer(self) -> ActionDraft | Problem:
        text = self.query_one("#text", Input).value.strip()
        owner = self.query_one("#owner", Input).value.strip()
        due = self.query_one("#due", Input).value.strip()
        if not text:
            return Problem("Type the action.", "text")
        named = next((m for m in self.members if m.casefold() == owner.casefold()), None)
        if named is None:
            return Problem(f"No member called {owner!r}: {', '.join(self.members)}.", "owner")
        try:
            date = dt.date.fromisoformat(due)
        except ValueError:
            return Problem("Write the due date as YYYY-MM-DD.", "due")
        if date < self.earliest:
            return Problem(f"Due before this meeting ({self.earliest.isoformat()}).", "due")
        return ActionDraft(text, named, date)


# ---------------------------------------------------------------------------- the panel


class ActionsPanel(PhasePanel):
    """The presenter's actions, captured as they are agreed: each saved to actions.toml at
    once, linked to the issue the presenter worked on (whose history says it was worked)."""

    DEFAULT_CSS = """
    ActionsPanel #issue { margin-bottom: 1; }
    ActionsPanel #others { margin-top: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add action"),
        Binding("enter", "edit", "Edit action"),
        Binding("delete", "remove", "Remove action"),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
    ]

    def __init__(
        self, session: ConsoleSession, clock: MeetingClock, *, id: str | None = None
    ) -> None:
        super().__init__(session, clock, id=id)
        self.cursor = 0
        self.presenter = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="heading", classes="heading", markup=False)
        yield Static("", id="issue", markup=False)
        yield Static("", id="actions", markup=False)
        yield Static("", id="others", markup=False)
        yield Static(
            "the room sees each action once saved, in its words\n"
            "a add · enter edit · del remove · ↑↓ choose",
            classes="hint",
            markup=False,
        )

    def on_mount(self) -> None:
        self.show()

    def follow(self, clock: MeetingClock) -> None:
        if slot_presenter(self.session.meeting) != self.presenter:
            self.cursor = 0
            self.show()

    @property
    def agreed(self) -> list[Action]:
        """The actions agreed so far in this presenter's block."""
        if not self.presenter:
            return []
        return actions_agreed(self.session.actions, self.session.meeting, self.presenter)

    def show(self) -> None:
        session = self.session
        self.presenter = slot_presenter(session.meeting)
        heading = self.query_one("#heading", Static)
        issue = self.query_one("#issue", Static)
        listing = self.query_one("#actions", Static)
        self._show_others()
        if not self.presenter:
            heading.update("Actions")
            issue.update("")
            listing.update(
                Text("No presenter in this slot yet: confirm the bids first.", style="dim")
            )
            return
        self._presented()
        heading.update(Text(safe(f"Actions · {self.presenter}")))
        title = _issue_title(session.issues, session.meeting, self.presenter)
        issue.update(
            Text(f"“{title}”", style="italic")
            if title
            else Text("no issue named for this presenter", style="dim")
        )
        agreed = self.agreed
        self.cursor = max(min(self.cursor, len(agreed) - 1), 0)
        listing.update(
            _action_table(agreed, self.cursor)
            if agreed
            else Text("No action captured yet: a adds one.", style="dim")
        )

    def _presented(self) -> None:
        """The presenter has presented: their issue is worked on today, actions or not."""
        if record_presented(self.session.issues, self.session.meeting, self.presenter):
            self.session.save_issues()

    def _show_others(self) -> None:
        """The actions agreed today that belong to no presenter's block, so none is lost."""
        others = actions_agreed(self.session.actions, self.session.meeting, "")
        shown = self.query_one("#others", Static)
        shown.display = bool(others)
        if others:
            text = Text("Other actions agreed today\n", style="bold")
            text.append_text(_action_lines(others))
            shown.update(text)

    def wants_to_leave(self) -> str | None:
        """The warning to give before moving on (not a refusal): none when an action was
        captured for the presenter, or when the slot has no presenter."""
        if not self.presenter or self.agreed:
            return None
        return f"No action captured for {self.presenter} yet: press a to add one."

    # -- keys

    def action_move(self, step: int) -> None:
        if agreed := self.agreed:
            self.cursor = max(min(self.cursor + step, len(agreed) - 1), 0)
            self.show()

    def _form(self, title: str, draft: ActionDraft) -> ActionForm:
        members = [m.name for m in self.session.the_set.members_at(self.session.meeting.date)]
        return ActionForm(title, draft, members, self.session.meeting.date)

    def action_add(self) -> None:
        if not self.presenter:
            self.refuse("a adds an action once the slot has a presenter")
            return
        meeting, the_set = self.session.meeting, self.session.the_set
        draft = ActionDraft("", self.presenter, due_default(meeting, the_set))
        presenter = self.presenter

        def captured(done: ActionDraft | None) -> None:
            if done is not None:
                self._capture(presenter, done)

        self.app.push_screen(self._form(f"New action · {presenter}", draft), captured)

    def _capture(self, presenter: str, draft: ActionDraft) -> None:
        session = self.session
        action = capture_action(
            session.actions,
            session.meeting,
            session.the_set,
            presenter,
            draft.text,
            owner=draft.owner,
            due=draft.due,
        )
        session.actions.append(action)
        session.save_actions()
        self._presented()
        self.cursor = len(self.agreed) - 1
        self.show()

    def action_edit(self) -> None:
        agreed = self.agreed
        if not agreed:
            self.action_add()
            return
        action = agreed[self.cursor]
        draft = ActionDraft(
            action.text,
            action.owner,
            action.due or due_default(self.session.meeting, self.session.the_set),
        )

        def edited(done: ActionDraft | None) -> None:
            if done is None:
                return
            changed = Action.model_validate(
                {**action.model_dump(), "text": done.text, "owner": done.owner, "due": done.due}
            )
            actions = self.session.actions
            actions[actions.index(action)] = changed
            self.session.save_actions()
            self.show()

        self.app.push_screen(self._form(f"Edit action {self.cursor + 1}", draft), edited)

    def action_remove(self) -> None:
        agreed = self.agreed
        if not agreed:
            return
        action = agreed[self.cursor]

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.actions.remove(action)
                self.session.save_actions()
                self.show()

        short = action.text if len(action.text) <= 40 else action.text[:39] + "…"
        self.app.push_screen(YesNoScreen(f"Remove the action “{short}”?"), answered)
