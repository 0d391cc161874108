"""The facilitator console: the live meeting's clock, steered with single keys."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer, Input, Static, TextArea

from actionset.model.clock import MeetingClock
from actionset.model.meeting import PhaseKind, SummaryShown
from actionset.model.tags import Contribution, Tagger, apply, codebook_for
from actionset.screens.base import AppScreen
from actionset.widgets.phase_board import PhaseBoard
from actionset.widgets.tag_pane import TagPane

if TYPE_CHECKING:
    from actionset.model import Set
    from actionset.store import TagJournal

TICK_SECONDS = 0.25

# The console's keys: these hold in every phase, whatever has focus, except while typing.
CLOCK_BINDINGS = [
    Binding("space", "start_pause", "Start/pause", priority=True, id="clock.toggle"),
    Binding("n", "next", "Next", priority=True, id="clock.next"),
    Binding("p", "previous", "Prev", priority=True, id="clock.previous"),
    Binding("plus", "adjust(60)", "+1 min", key_display="+", priority=True, id="clock.plus1"),
    Binding("minus", "adjust(-60)", "-1 min", key_display="-", priority=True,
            id="clock.minus1"),
    Binding("right_square_bracket", "adjust(300)", "+5 min", key_display="]", priority=True,
            id="clock.plus5"),
    Binding("left_square_bracket", "adjust(-300)", "-5 min", key_display="[", priority=True,
            id="clock.minus5"),
    Binding("r", "rebalance", "Rebalance", priority=True, id="clock.rebalance"),
    Binding("b", "insert_break", "Break", priority=True, id="clock.break"),
    Binding("v", "cycle_view", "View", priority=True, id="clock.view"),
    Binding("t", "toggle_tags", "Tags", priority=True, id="tags.toggle"),
    Binding("m", "toggle_mute", "Mute", priority=True, id="clock.mute"),
    Binding("question_mark", "help", "Help", key_display="?", priority=True, id="help"),
    Binding("ctrl+q", "save_and_quit", "Quit", key_display="^q", priority=True, id="quit"),
    Binding("o", "show_summary", "Show room", priority=True, show=False, id="tags.summary"),
    Binding("w", "choose_presenters", "Who presents", priority=True, show=False,
            id="meeting.presenters"),
    Binding("h", "take_attendance", "Who is here", priority=True, show=False,
            id="meeting.attendance"),
]
# Tagging: a member's number, then a code. The Footer shows what the next key can do.
TAG_BINDINGS = [
    Binding("1", "pick(1)", "Member", key_display="0-9", priority=True, id="tags.member"),
    *(Binding(str(n), f"pick({n})", show=False, priority=True) for n in (0, *range(2, 10))),
    *(Binding(str(n), f"repick({n})", show=False, priority=True) for n in range(10)),
    Binding("escape", "cancel_pick", "Cancel", priority=True, id="tags.cancel"),
    Binding("u", "undo_tag", "Undo tag", show=False, priority=True, id="tags.undo"),
    Binding("e", "note_tag", "Note", show=False, priority=True, id="tags.note"),
    Binding("g", "contributions", "Contributions", show=False, priority=True,
            id="tags.list"),
]
TEXT_ENTRY = (Input, TextArea)


class MeetingScreen(AppScreen):
    """Big countdown, phase and presenter, rule, status line, progress, next and drift."""

    BINDINGS: ClassVar[list[BindingType]] = [*CLOCK_BINDINGS, *TAG_BINDINGS]

    DEFAULT_CSS = """
    MeetingScreen #title { height: 1; background: $panel; color: $text; padding: 0 1; }
    MeetingScreen #body { height: 1fr; }
    MeetingScreen TagPane { display: none; }
    MeetingScreen.-tagging TagPane { display: block; }
    MeetingScreen.-narrow TagPane { width: 40; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    pending: reactive[int | None] = reactive(None)
    """The member number pressed, waiting for a code key."""

    def __init__(self, clock: MeetingClock, the_set: Set, *, journal: TagJournal | None = None,
                 events: list[dict[str, object]] | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.the_set = the_set
        self.journal = journal
        self.codebook = codebook_for(the_set)
        self.roster = [m.name for m in the_set.current_members][:9]
        self.standing: dict[int, Contribution] = {}
        for event in events or []:
            apply(self.standing, event)
        self.tagger = Tagger(events or [], clock=self._moment)
        self.last_member: str | None = (
            self.contributions[-1].member if self.contributions else None)
        for code in self.codebook:
            self._bindings.bind(code.key, f"code('{code.key}')", code.label or code.name,
                                priority=True)
            self._bindings.bind(code.key, f"repeat('{code.key}')", show=False, priority=True)
        self._blink_phase = False

    def compose(self) -> ComposeResult:
        meeting = self.clock.meeting
        yield Static(f"{self.the_set.name} · meeting of {meeting.date:%-d %B %Y}", id="title")
        with Horizontal(id="body"):
            yield PhaseBoard(big=True, id="board")
            yield TagPane(self.roster, self.the_set.facilitator, self.codebook, id="tags")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.paint()
        self.set_interval(TICK_SECONDS, self.tick)

    def on_unmount(self) -> None:
        if self.journal is not None:
            self.journal.close()

    # -- painting

    def paint(self) -> None:
        self.query_one(PhaseBoard).show(self.clock, blink_off=self._blink_off())

    def paint_tags(self) -> None:
        if self.has_class("-tagging"):
            present = [m for m in self.roster if self.clock.meeting.is_present(m)]
            self.query_one(TagPane).show(self.contributions, presenter=self.slot_presenter(),
                                         present=present, pending=self.pending)

    def watch_pending(self) -> None:
        self.paint_tags()
        self.refresh_bindings()

    def _blink_off(self) -> bool:
        return self.actionset.blink and self._blink_phase and self.clock.state() == "over"

    def tick(self) -> None:
        self._blink_phase = not self._blink_phase
        if self.clock.bell_due():
            self.app.bell()
        self.paint()

    def changed(self) -> None:
        """After every change the clock is saved, so a crash resumes where the room is."""
        self.actionset.save_meeting(self.clock.meeting)
        self.paint()

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, TEXT_ENTRY):
            return False
        if action in ("pick", "cancel_pick"):
            return self.pending is None if action == "pick" else self.pending is not None
        if action in ("repick", "code"):
            return self.pending is not None
        if action == "repeat":
            return self.pending is None
        if action == "show_summary":
            return self.clock.phase is not None and (
                self.clock.phase.kind is PhaseKind.process_review)
        return True

    def action_start_pause(self) -> None:
        self.clock.toggle()
        self.changed()

    def action_next(self) -> None:
        self.clock.next()
        self.changed()

    def action_previous(self) -> None:
        self.clock.previous()
        self.changed()

    def action_adjust(self, seconds: int) -> None:
        self.clock.adjust(seconds)
        self.changed()

    def action_rebalance(self) -> None:
        self.clock.rebalance()
        self.changed()
        self.notify("Remaining time shared over the remaining phases; "
                    "the process review keeps its time.", timeout=4)

    def action_insert_break(self) -> None:
        self.clock.insert_break()
        self.changed()
        self.notify("A 10 minute break comes next.", timeout=3)

    def action_cycle_view(self) -> None:
        self.clock.cycle_view()
        self.changed()

    def action_toggle_mute(self) -> None:
        self.clock.meeting.clock.muted = not self.clock.meeting.clock.muted
        self.changed()
        self.notify("Chime muted." if self.clock.meeting.clock.muted else "Chime on.")

    def action_toggle_tags(self) -> None:
        self.toggle_class("-tagging")
        self.paint_tags()

    # -- tagging

    def _moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.actionset.now()).astimezone()

    @property
    def contributions(self) -> list[Contribution]:
        """The meeting's contributions still standing, in the order they were made."""
        return list(self.standing.values())

    def slot_presenter(self) -> str:
        """The presenter whose slot the meeting is in (or last was in)."""
        agenda = self.clock.meeting.agenda
        for phase in reversed(agenda[: self.clock.meeting.clock.phase + 1]):
            if phase.presenter:
                return phase.presenter
        return ""

    def _record(self, event: dict[str, object]) -> bool:
        """Append to the journal (fsync'd) before the pane shows the change."""
        if self.journal is not None:
            try:
                self.journal.append(event)
            except OSError as exc:
                self.notify(f"Tag not saved: {exc}", severity="error", timeout=10)
                return False
        apply(self.standing, event)
        return True

    def action_pick(self, number: int) -> None:
        name = self.query_one(TagPane).name_of(number)
        if name == "?":
            self.notify(f"No member {number} on the roster.", severity="warning", timeout=2)
            return
        if self._refuse_presenter(name):
            return
        self.pending = number

    def _refuse_presenter(self, member: str) -> bool:
        """The presenter's answers are not tagged: say so, and refuse."""
        phase = self.clock.phase
        if phase is None or not phase.presenter or member != phase.presenter:
            return False
        self.notify(f"{member} is presenting: their answers are not tagged.", timeout=3)
        return True

    def action_repick(self, number: int) -> None:
        self.pending = None
        self.action_pick(number)

    def action_cancel_pick(self) -> None:
        self.pending = None

    def action_code(self, key: str) -> None:
        number, self.pending = self.pending, None
        if number is not None:
            self.tag(self.query_one(TagPane).name_of(number), key)

    def action_repeat(self, key: str) -> None:
        if self.last_member is None:
            self.notify("Press a member's number first, then the code.", timeout=3)
            return
        self.tag(self.last_member, key)

    def tag(self, member: str, key: str) -> None:
        # Checked here too: a bare code repeats a member, and a number may have been pressed
        # before the phase moved on to that member's own slot.
        if self._refuse_presenter(member):
            return
        code = next(c for c in self.codebook if c.key == key)
        phase = self.clock.phase
        event = self.tagger.tag(member=member, code=code.name,
                                phase=phase.title if phase else "After the meeting",
                                presenter=self.slot_presenter())
        if self._record(event):
            self.last_member = member
            self.paint_tags()

    def last_contribution(self) -> Contribution | None:
        return next(reversed(self.standing.values()), None)

    def action_undo_tag(self) -> None:
        last = self.last_contribution()
        if last is None:
            self.notify("No tag to undo.", timeout=2)
            return
        if self._record(self.tagger.delete(last.id)):
            self.notify(f"Undone: {last.member} {last.code}.", timeout=2)
            self.paint_tags()

    def recode(self, ident: int, code: str) -> None:
        if self._record(self.tagger.recode(ident, code)):
            self.paint_tags()

    def delete(self, ident: int) -> None:
        if self._record(self.tagger.delete(ident)):
            self.paint_tags()

    def action_note_tag(self) -> None:
        from actionset.screens.tag_note import NoteScreen

        last = self.last_contribution()
        if last is None:
            self.notify("Tag a contribution first, then press e for its note.", timeout=3)
            return

        def noted(answer: tuple[str, str | None] | None) -> None:
            if answer is None:
                return
            note, recode = answer
            if self._record(self.tagger.note(last.id, note)) and recode:
                self.recode(last.id, recode)
            self.paint_tags()

        self.app.push_screen(NoteScreen(last, self.codebook), noted)

    def action_contributions(self) -> None:
        from actionset.screens.contributions import ContributionsScreen

        self.app.push_screen(ContributionsScreen(self))

    def action_show_summary(self) -> None:
        order = [SummaryShown.hidden, SummaryShown.named, SummaryShown.anonymous]
        meeting = self.clock.meeting
        meeting.summary = order[(order.index(meeting.summary) + 1) % len(order)]
        self.changed()
        self.notify({SummaryShown.hidden: "The room no longer sees the tag summary.",
                     SummaryShown.named: "The room sees the summary, with names.",
                     SummaryShown.anonymous: "The room sees the summary, anonymous."}
                    [meeting.summary], timeout=4)

    def action_choose_presenters(self) -> None:
        from actionset.model.agenda import (
            add_presenter_slot,
            another_slot,
            assign_presenters,
            presenter_slots,
        )
        from actionset.model.meeting import Presentation
        from actionset.screens.roster import ChooseMembersScreen

        meeting = self.clock.meeting
        present = [m for m in self.roster if meeting.is_present(m)]
        slots = len(presenter_slots(meeting.agenda))
        _, slot = another_slot(meeting.agenda)

        def chosen(names: list[str] | None) -> None:
            if not names:
                return
            added = 0
            while len(presenter_slots(meeting.agenda)) < len(names) and add_presenter_slot(
                    meeting.agenda):
                added += 1
            assign_presenters(meeting.agenda, names)
            meeting.presenters = [Presentation(member=name) for name in names]
            if added:
                # A meeting under way keeps its planned end: the phases still to run share it.
                shared = self.clock.rebalance()
                self.notify(f"{added} presenter slot{'s' if added > 1 else ''} added; "
                            + ("the phases still to run share the time left."
                               if shared else "the plan grows by "
                               f"{added * sum(p.planned_minutes for p in slot)} min."),
                            timeout=5)
            self.changed()
            self.paint_tags()

        self.app.push_screen(ChooseMembersScreen(
            "Who presents today, in running order?", present,
            [p.member for p in meeting.presenters], ordered=True,
            slots=slots if slot else None, slot_minutes=sum(p.planned_minutes for p in slot)),
            chosen)

    def action_take_attendance(self) -> None:
        from actionset.screens.roster import ChooseMembersScreen

        meeting = self.clock.meeting

        def chosen(names: list[str] | None) -> None:
            if names is None:
                return
            meeting.attendance.present = names
            meeting.attendance.apologies = [m for m in self.roster if m not in names]
            self.changed()
            self.paint_tags()

        self.app.push_screen(ChooseMembersScreen(
            "Who is here? (the others sent apologies)", self.roster,
            [m for m in self.roster if meeting.is_present(m)]), chosen)

    def action_help(self) -> None:
        from actionset.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(
            [(b.key_display or b.key, b.description) for b in CLOCK_BINDINGS
             if b.action != "show_summary"]))

    def action_save_and_quit(self) -> None:
        self.actionset.save_meeting(self.clock.meeting)
        self.app.exit(return_code=0)
