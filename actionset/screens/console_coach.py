"""The console's coach prompts: hints from the tags, for the facilitator's eyes only.

After every tag and every second the rules of `actionset.model.coach` look at the meeting; a
new prompt is logged in the journal, and logged again whenever its words change while it waits,
so that the words on screen are the journal's; it is queued beside the tag pane with the question
it offers, and one overtaken before it was ever on screen still waits to be read.
With the pane hidden the console may be the room's screen: then only a neutral sign in the top
bar says that a prompt waits, and `t` shows it. Escape dismisses it (logged too).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from actionset.model.coach import (
    Coach,
    Prompt,
    Shown,
    dismiss_event,
    prompt_event,
)
from actionset.model.coach_replay import moment_in
from actionset.model.coach_settings import CoachSettings
from actionset.model.coach_tally import Tallies
from actionset.model.contributions import moment_of
from actionset.screens.console_parts import ConsoleParts
from actionset.widgets.words import escaped

if TYPE_CHECKING:
    from actionset.store import TagJournal

PROMPT_SIGN = "•"
"""The sign in the top bar that a prompt waits, with the pane hidden: it names nothing."""


class CoachKeys(ConsoleParts):
    """Run the coach's rules, log and show what they find, and dismiss it."""

    coach: Coach
    tallies: Tallies
    _prompt_shown: tuple[bool, int, Prompt | None] | None = None
    journal: TagJournal | None

    def start_coach(self, events: list[dict[str, object]]) -> None:
        """The coach for this meeting, with the prompts a journal logged before a restart."""
        self.coach = Coach(self.the_set.coach or CoachSettings())

        def seconds(at: str) -> float:
            moment = moment_of(at)
            return moment.timestamp() if moment is not None else self.actionset.now()

        self.coach.restore(events, seconds)
        self.tallies = Tallies()

    def coach_after_tag(self, *, appended: bool) -> None:
        """A tag was added (`appended`), or re-coded, noted or undone: the coach looks."""
        self.tallies.update(list(self.tags.standing.values()), appended=appended)
        self.coach_looks()

    def coach_looks(self) -> None:
        """Run the rules now; log and show any new prompt."""
        settings = self.coach.settings
        clock = self.clock
        if not settings.enabled or clock.ended or clock.phase is None:
            return
        contributions = list(self.tags.standing.values())  # each slot's tally counts them
        self.tallies.update(contributions, appended=None)
        slot = self.tags.current_slot()
        moment = moment_in(
            clock.meeting,
            clock.index,
            clock.elapsed(),
            contributions,
            self.codebook,
            members=self.roster,
            facilitator=self.tags.facilitator,  # the meeting's (`record.facilitator_of`)
            actions_agreed=self.actions_agreed(),
            tally=self.tallies.of(slot, self.tags.slot_presenter()),
        )
        for entry in self.coach.after(moment, self.actionset.now()) + self.coach.reworded:
            self.log_prompt(prompt_event(entry, self.coach_moment()))
        self.show_prompt()  # a prompt waiting may have been overtaken, or say something new

    def actions_agreed(self) -> int:
        """The actions agreed at this meeting by the presenter of the slot under way."""
        session = self.session
        presenter = self.tags.slot_presenter()
        if session is None or not presenter:
            return 0
        date = self.clock.meeting.date
        return sum(1 for a in session.actions if a.agreed_at == date and a.owner == presenter)

    def coach_moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.actionset.now()).astimezone()

    def log_prompt(self, event: dict[str, object]) -> None:
        """Append to the meeting's journal; a prompt that cannot be logged is still shown."""
        if self.journal is None:
            return
        try:
            self.journal.append(event)
        except OSError as error:
            self.notify(f"Coach prompt not logged: {error}", severity="warning", markup=False)

    def show_prompt(self) -> None:
        """The oldest prompt waiting: beside the pane in full, else only the sign."""
        waiting = self.coach.waiting()
        hidden = not self.tagging
        if waiting and not hidden:
            self.coach.on_screen(waiting[0].number)  # read: once overtaken, it may go
        shown = (hidden and bool(waiting), len(waiting), waiting[0].prompt if waiting else None)
        if shown == self._prompt_shown:
            return  # nothing new: no repaint
        self._prompt_shown = shown
        box = self.query_one("#coach", Static)
        self.query_one("#prompt-sign", Static).update(PROMPT_SIGN if waiting and hidden else "")
        box.set_class(bool(waiting) and not hidden, "-waiting")  # beside the pane only
        box.update(prompt_text(waiting[0], len(waiting)) if waiting else "")
        self.refresh_bindings()

    def action_dismiss_prompt(self) -> None:
        waiting = self.coach.waiting()
        if not waiting:
            return
        entry = self.coach.dismiss(waiting[0].number)
        if entry is not None:
            self.log_prompt(dismiss_event(entry, self.coach_moment()))
        self.show_prompt()


def prompt_text(entry: Shown, waiting: int) -> Text:
    """A prompt as the coach reads it: what happened, the question to put, the key."""
    prompt = entry.prompt
    text = Text()
    text.append("Coach ", style="bold")
    text.append(prompt.said)
    text.append("\nAsk: ", style="bold")
    text.append(prompt.question, style="italic")
    more = f" · {waiting - 1} more" if waiting > 1 else ""
    text.append(f"\nesc dismiss{more}", style="dim")
    return escaped(text)
