"""The facilitator console: the live meeting's clock, steered with single keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TextArea

from actionset.model.clock import MeetingClock
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseKind, SummaryShown, next_summary, who_counts
from actionset.model.tags import (
    Contribution,
    Tagger,
    apply,
    code_for_key,
    codebook_for,
    resolve_presenters,
    slot_at,
    slot_presenters,
)
from actionset.screens.base import AppScreen
from actionset.screens.keys import footer_bindings, help_lines
from actionset.widgets.phase_board import PhaseBoard
from actionset.widgets.tag_pane import TagPane

if TYPE_CHECKING:
    from actionset.model import Set
    from actionset.model.agenda import Template
    from actionset.store import TagJournal

TICK_SECONDS = 0.25
LANDED_SECONDS = 1.5  # how long the corner tick says that a tag landed, with the pane hidden

# The console's keys: these hold in every phase, whatever has focus, except while typing.
# The description is the Footer's word; the tooltip is the help's line (and the hover text).
TIME = Binding.Group("± time")
CLOCK_BINDINGS = [
    Binding("space", "start_pause", "Start/pause", priority=True, id="clock.toggle",
            tooltip="start or pause the clock"),
    Binding("n", "next", "Next", priority=True, id="clock.next",
            tooltip="the next phase"),
    Binding("p", "previous", "Prev", priority=True, id="clock.previous",
            tooltip="back to the previous phase"),
    Binding("plus", "adjust(60)", "+1 min", key_display="+", priority=True, id="clock.plus1",
            group=TIME, tooltip="one minute more for this phase"),
    Binding("minus", "adjust(-60)", "-1 min", key_display="-", priority=True,
            id="clock.minus1", group=TIME, tooltip="one minute less"),
    Binding("right_square_bracket", "adjust(300)", "+5 min", key_display="]", priority=True,
            id="clock.plus5", group=TIME, tooltip="five minutes more"),
    Binding("left_square_bracket", "adjust(-300)", "-5 min", key_display="[", priority=True,
            id="clock.minus5", group=TIME, tooltip="five minutes less"),
    Binding("r", "rebalance", "Rebalance", priority=True, id="clock.rebalance",
            tooltip="share the time left over the phases still to run"),
    Binding("b", "insert_break", "Break", priority=True, id="clock.break",
            tooltip="a ten-minute break now; b again ends it early"),
    Binding("v", "cycle_view", "View", priority=True, id="clock.view",
            tooltip="countdown, time spent, or the time of day"),
    Binding("m", "toggle_mute", "Mute", priority=True, id="clock.mute",
            tooltip="chime on or off at the end of a phase"),
    Binding("w", "choose_presenters", "Presenters", priority=True, id="meeting.presenters",
            tooltip="who presents today, in running order"),
    Binding("h", "take_attendance", "Here", priority=True, id="meeting.attendance",
            tooltip="who is here; the others sent apologies"),
]
# Tagging: a member's number, then a code. The Footer shows what the next key can do.
TAG_BINDINGS = [
    Binding("t", "toggle_tags", "Tags", priority=True, id="tags.toggle",
            tooltip="show or hide the tag pane (hide it before projecting)"),
    Binding("1", "pick(1)", "Member", key_display="0-9", priority=True, id="tags.member",
            tooltip="a member's number (0 is the facilitator), then a code"),
    *(Binding(str(n), f"pick({n})", show=False, priority=True) for n in (0, *range(2, 10))),
    *(Binding(str(n), f"repick({n})", show=False, priority=True) for n in range(10)),
    Binding("escape", "cancel_pick", "Cancel", priority=True, id="tags.cancel",
            tooltip="forget the number pressed"),
    Binding("u", "undo_tag", "Undo", priority=True, id="tags.undo",
            tooltip="undo the last tag"),
    Binding("e", "note_tag", "Note", priority=True, id="tags.note",
            tooltip="the words said, for the last tag (pane shown)"),
    Binding("g", "contributions", "List", priority=True, id="tags.list",
            tooltip="the list of tags: re-code or delete one (pane shown)"),
    Binding("o", "show_summary", "Show room", priority=True, id="tags.summary",
            tooltip="in the process review: what the room sees of the tags"),
]
CONSOLE_BINDINGS = [
    Binding("question_mark", "help", "Help", key_display="?", priority=True, id="help",
            tooltip="these keys"),
    Binding("ctrl+q", "save_and_quit", "Quit", key_display="^q", priority=True, id="quit",
            tooltip="save and quit; the meeting resumes where it stood"),
]
# The Footer shows what fits, kept in this order (a group goes by its first key, "clock.plus1"
# for ± time); the rest is in the help (?).
FOOTER_FIRST = ["help", "quit", "tags.code", "tags.cancel", "clock.toggle", "clock.next",
                "clock.previous", "tags.member", "clock.plus1", "tags.toggle", "clock.break",
                "clock.view", "clock.mute", "clock.rebalance", "meeting.presenters",
                "meeting.attendance", "tags.undo", "tags.list", "tags.note"]
TEXT_ENTRY = (Input, TextArea)
# Keys that do nothing once the meeting has ended (`p` reopens it; tags and help still work).
ENDED_DEAD_KEYS = frozenset({"start_pause", "next", "adjust", "rebalance", "insert_break",
                             "cycle_view"})


class MeetingScreen(AppScreen):
    """Big countdown, phase and presenter, rule, status line, progress, next and drift."""

    BINDINGS: ClassVar[list[BindingType]] = [*CLOCK_BINDINGS, *TAG_BINDINGS,
                                             *CONSOLE_BINDINGS]

    DEFAULT_CSS = """
    MeetingScreen #top { height: 1; background: $panel; color: $text; }
    MeetingScreen #title { width: 1fr; padding: 0 1; }
    MeetingScreen #landed { width: 2; color: $text-muted; }
    MeetingScreen #body { height: 1fr; }
    MeetingScreen TagPane { display: none; }
    MeetingScreen.-tagging TagPane { display: block; }
    MeetingScreen.-narrow TagPane { width: 40; }
    MeetingScreen Footer.-compact FooterLabel { margin: 0 1 0 0; }
    MeetingScreen Footer.-compact FooterKey.-grouped { margin: 0 1 0 0; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    pending: reactive[int | None] = reactive(None)
    """The member number pressed, waiting for a code key."""

    def __init__(self, clock: MeetingClock, the_set: Set, *, journal: TagJournal | None = None,
                 events: list[dict[str, object]] | None = None,
                 template: Template | None = None) -> None:
        super().__init__()
        self.clock = clock
        self.template = template  # the meeting's own: equal time follows attendance
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
        codes = [Binding(code.key, f"code('{code.key}')", code.label or code.name,
                         priority=True, id=f"tags.code.{code.key}",
                         tooltip=f"{code.label or code.name} ({code.counts_as.value})")
                 for code in self.codebook]
        repeats = [Binding(code.key, f"repeat('{code.key}')", show=False, priority=True)
                   for code in self.codebook]
        after = next(i for i, b in enumerate(TAG_BINDINGS) if b.id == "tags.cancel")
        self.keys = [*CLOCK_BINDINGS, *TAG_BINDINGS[:after], *codes, *repeats,
                     *TAG_BINDINGS[after:], *CONSOLE_BINDINGS]
        """Every key of the console, in the Footer's order; the Footer shows what fits."""
        self._bindings = BindingsMap(self.keys)
        self._blink_phase = False
        self._landed_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        meeting = self.clock.meeting
        with Horizontal(id="top"):
            yield Static(f"{self.the_set.name} · meeting of {long_date(meeting.date)}",
                         id="title", markup=False)
            yield Static(id="landed")
        with Horizontal(id="body"):
            yield PhaseBoard(big=True, ground_rules=self.the_set.ground_rules, id="board")
            yield TagPane(self.roster, self.the_set.facilitator, self.codebook, id="tags")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fit_footer()
        self.paint()
        self.set_interval(TICK_SECONDS, self.tick)
        if self.clock.ended:
            self.ask_to_reopen()

    def ask_to_reopen(self) -> None:
        """A closed meeting opens on its end screen; reopening it is the facilitator's call."""
        from actionset.screens.reopen import ReopenScreen

        def answered(reopen: bool | None) -> None:
            if reopen and self.clock.reopen():
                self.changed()
                self.notify("Meeting reopened on its last phase, paused.", timeout=4)

        self.app.push_screen(ReopenScreen(self.clock.end_line()), answered)

    def on_unmount(self) -> None:
        if self.journal is not None:
            self.journal.close()

    # -- painting

    def paint(self) -> None:
        self.query_one(PhaseBoard).show(self.clock, blink_off=self._blink_off())

    def paint_tags(self) -> None:
        if self.has_class("-tagging"):
            meeting = self.clock.meeting
            present = [m for m in self.roster if meeting.is_present(m)]
            presenter = self.slot_presenter()
            counting = who_counts(self.roster, meeting, facilitator=self.the_set.facilitator,
                                  presenter=presenter or None)
            self.query_one(TagPane).show(self.contributions, presenter=presenter,
                                         present=present, counting=counting,
                                         review=self._in_review(), pending=self.pending)

    def _in_review(self) -> bool:
        """In the process review (or after it) the pane shows the whole meeting."""
        phase = self.clock.phase
        return self.clock.ended or (phase is not None
                                    and phase.kind is PhaseKind.process_review)

    def watch_pending(self) -> None:
        self.paint_tags()
        self.fit_footer()

    def on_resize(self) -> None:
        self.fit_footer()

    def fit_footer(self) -> None:
        """Show in the Footer the keys that fit its width, for what the next key can do:
        always `?` and `^q`, the codes while a number waits, else the clock's keys."""
        width = self.size.width or self.app.size.width
        running = self.clock.meeting.clock.running
        words = {"clock.toggle": "Pause" if running else "Start"}
        if self.clock.ended:
            words["clock.previous"] = "Reopen"
        keys = [replace(b, description=words[b.id]) if b.id in words else b
                for b in self.keys]

        def live(binding: Binding) -> bool:
            return self.check_action(binding.action.partition("(")[0], ()) is not False

        self._bindings = BindingsMap(
            footer_bindings(keys, live, width, FOOTER_FIRST, self.app.get_key_display))
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
        self.fit_footer()
        self.paint_tags()  # a new phase may be a new slot, or the review of the whole meeting

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
        if action in ENDED_DEAD_KEYS:
            return not self.clock.ended
        return True

    def action_start_pause(self) -> None:
        self.clock.toggle()
        self.changed()

    def action_next(self) -> None:
        self.clock.next()
        self.changed()

    def action_previous(self) -> None:
        ended = self.clock.ended
        if self.clock.previous() and ended:
            self.notify("Meeting reopened on its last phase, paused.", timeout=4)
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
        """A break now; pressed again during that break, it ends the break early."""
        clock = self.clock
        if clock.ended:
            return
        removed = clock.end_break()
        if removed is not None:
            self.changed()
            self.notify("Break removed." if removed else "Break ended early.", timeout=3)
            return
        if clock.phase is not None and clock.phase.kind is PhaseKind.break_:
            self.notify("Already on a break: n moves on.", timeout=3)
            return
        interrupted = clock.phase
        if clock.insert_break() is None:
            return
        self.changed()
        after = f"; {interrupted.title} resumes after it" if interrupted else ""
        self.notify(f"A 10 minute break, now{after}. b again ends it.", timeout=4, markup=False)

    def action_cycle_view(self) -> None:
        self.clock.cycle_view()
        self.changed()

    def action_toggle_mute(self) -> None:
        self.clock.meeting.clock.muted = not self.clock.meeting.clock.muted
        self.changed()
        self.notify("Chime muted." if self.clock.meeting.clock.muted else "Chime on.")

    def action_toggle_tags(self) -> None:
        self.toggle_class("-tagging")
        self.query_one("#landed", Static).update("")
        self.paint_tags()

    # -- the room may be watching: with the pane hidden the console may be the projected screen

    @property
    def tagging(self) -> bool:
        """Whether the tag pane is shown: only then may the screen name who said what."""
        return self.has_class("-tagging")

    def coach_notice(self, named: str, discreet: str, *, timeout: float = 3) -> None:
        """A notice about a tag: `named` beside the pane, `discreet` (no name, no code) without."""
        self.notify(named if self.tagging else discreet, timeout=timeout, markup=False)

    def coach_only(self, what: str) -> bool:
        """Refuse, with a neutral notice, to open `what` while the pane is hidden."""
        if self.tagging:
            return False
        self.notify(f"Show the tag pane (t) first to open {what}.", timeout=3)
        return True

    def show_landed(self) -> None:
        """A tag landed with the pane hidden: a one-cell tick in the corner, for a moment."""
        landed = self.query_one("#landed", Static)
        landed.update("✓")
        if self._landed_timer is not None:
            self._landed_timer.stop()
        self._landed_timer = self.set_timer(LANDED_SECONDS, lambda: landed.update(""))

    # -- tagging

    def _moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.actionset.now()).astimezone()

    @property
    def contributions(self) -> list[Contribution]:
        """The meeting's contributions still standing, in the order they were made, each with
        the presenter its slot has now."""
        return resolve_presenters(self.standing.values(), self.clock.meeting.agenda)

    def current_slot(self) -> int | None:
        """The slot the meeting is in, or None outside every slot (check-in, review, ...)."""
        return slot_at(self.clock.meeting.agenda, self.clock.meeting.clock.phase)

    def slot_presenter(self) -> str:
        """The presenter whose slot the meeting is in; empty outside every slot."""
        number = self.current_slot()
        return "" if number is None else slot_presenters(self.clock.meeting.agenda)[number]

    def _record(self, event: dict[str, object]) -> bool:
        """Append to the journal (fsync'd) before the pane shows the change."""
        if self.journal is not None:
            try:
                self.journal.append(event)
            except OSError as exc:
                self.notify(f"Tag not saved: {exc}", severity="error", timeout=10, markup=False)
                return False
        apply(self.standing, event)
        return True

    def action_pick(self, number: int) -> None:
        name = self.query_one(TagPane).name_of(number)
        if name == "?":
            self.last_member = None  # a refused number leaves nobody for a bare code
            self.notify(f"No member {number} on the roster.", severity="warning", timeout=2)
            return
        if self._refuse_presenter(name):
            return
        self.pending = number

    def _refuse_presenter(self, member: str) -> bool:
        """The presenter's answers are not tagged: say so, and refuse (a bare code that
        follows then tags nobody)."""
        phase = self.clock.phase
        if phase is None or not phase.presenter or member != phase.presenter:
            return False
        self.last_member = None
        self.coach_notice(f"{member} is presenting: their answers are not tagged.",
                          "The member presenting is not tagged.")
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
            self.notify("Nobody tagged: press a member's number first, then the code.",
                        timeout=3)
            return
        self.tag(self.last_member, key)

    def tag(self, member: str, key: str) -> None:
        # Checked here too: a bare code repeats a member, and a number may have been pressed
        # before the phase moved on to that member's own slot.
        if self._refuse_presenter(member):
            return
        if not self._is_here(member):
            self._ask_present(member, key)
            return
        code = code_for_key(self.codebook, key)
        if code is None:
            return
        phase = self.clock.phase
        event = self.tagger.tag(member=member, code=code.name,
                                phase=phase.title if phase else "After the meeting",
                                presenter=self.slot_presenter(), slot=self.current_slot())
        if self._record(event):
            self.last_member = member
            self.paint_tags()
            if not self.tagging:
                self.show_landed()

    def _is_here(self, member: str) -> bool:
        return member == self.query_one(TagPane).name_of(0) or (
            self.clock.meeting.is_present(member))

    def _ask_present(self, member: str, key: str) -> None:
        """A member marked absent is tagged: ask once; yes marks them present (saved) and
        tags, no tags nobody."""
        from actionset.screens.yes_no import YesNoScreen

        self.last_member = None

        def answered(yes: bool | None) -> None:
            if not yes:
                self.coach_notice(f"Nothing tagged: {member} stays marked absent.",
                                  "Nothing tagged.")
                return
            self.clock.meeting.mark_present(member)
            self.attendance_changed()
            self.tag(member, key)

        self.app.push_screen(YesNoScreen(f"{member} sent apologies: mark present?"), answered)

    def last_contribution(self) -> Contribution | None:
        return next(reversed(self.standing.values()), None)

    def _after_removal(self) -> None:
        """A bare code repeats the member of the last tag still standing, or nobody."""
        last = self.last_contribution()
        self.last_member = last.member if last else None
        self.paint_tags()

    def action_undo_tag(self) -> None:
        last = self.last_contribution()
        if last is None:
            self.notify("No tag to undo.", timeout=2)
            return
        if self._record(self.tagger.delete(last.id)):
            self.coach_notice(f"Undone: {last.member} {last.code}.", "Last tag undone.",
                              timeout=2)
            self._after_removal()

    def recode(self, ident: int, code: str) -> None:
        if self._record(self.tagger.recode(ident, code)):
            self.paint_tags()

    def delete(self, ident: int) -> None:
        if self._record(self.tagger.delete(ident)):
            self._after_removal()

    def action_note_tag(self) -> None:
        from actionset.screens.tag_note import NoteScreen

        if self.coach_only("a tag's note"):
            return
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

        if self.coach_only("the contributions"):
            return
        self.app.push_screen(ContributionsScreen(self))

    def action_show_summary(self) -> None:
        meeting = self.clock.meeting
        meeting.summary = next_summary(meeting.summary_shown(self.the_set.summary))
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

    def attendance_changed(self) -> None:
        """Equal time follows attendance; the change is saved and the pane repainted."""
        if self.template is not None:
            removed, added = self.clock.follow_attendance(self.template, self.roster)
            if removed or added:
                self.notify(self.clock.finish_line().capitalize(), timeout=4)
        self.changed()
        self.paint_tags()

    def action_take_attendance(self) -> None:
        from actionset.screens.roster import ChooseMembersScreen

        meeting = self.clock.meeting

        def chosen(names: list[str] | None) -> None:
            if names is None:
                return
            meeting.attendance.present = names
            meeting.attendance.apologies = [m for m in self.roster if m not in names]
            self.attendance_changed()

        self.app.push_screen(ChooseMembersScreen(
            "Who is here? (the others sent apologies)", self.roster,
            [m for m in self.roster if meeting.is_present(m)]), chosen)

    def action_help(self) -> None:
        from actionset.screens.help import HelpScreen

        display = self.app.get_key_display

        def lines(kind: str, keys: list[Binding] = self.keys) -> list[tuple[str, str]]:
            return help_lines((b for b in keys if (b.id or "").partition(".")[0] == kind),
                              display)

        codes_end = max(i for i, b in enumerate(self.keys)
                        if (b.id or "").startswith("tags.code.")) + 1
        tagging = [*lines("tags", self.keys[:codes_end]),
                   (" ".join(code.key for code in self.codebook),
                    "a code alone tags the last member again"),
                   *lines("tags", self.keys[codes_end:])]
        self.app.push_screen(HelpScreen([
            ("The clock", lines("clock")),
            ("Tagging (the pane shown or hidden)", tagging),
            ("The meeting", lines("meeting")),
            ("The console", lines("help") + lines("quit")),
        ]))

    def action_save_and_quit(self) -> None:
        self.clock.close()  # quitting at the close ends the meeting
        self.actionset.save_meeting(self.clock.meeting)
        self.app.exit(return_code=0)
