"""The facilitator console: the live meeting's clock, steered with single keys."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Footer, Input, Static, TextArea

from actionset.model.clock import MeetingClock
from actionset.model.clock_words import end_line, face, finish_line
from actionset.model.codebook import DEFAULT_CODEBOOK, codebook_for
from actionset.model.dates import long_date
from actionset.model.meeting import PhaseKind, SummaryShown, next_summary
from actionset.model.tag_session import Outcome, Step, TagSession
from actionset.screens.base import AppScreen
from actionset.screens.console_keys import (
    ENDED_DEAD_KEYS,
    FOOTER_FIRST,
    console_bindings,
)
from actionset.screens.keys import footer_bindings, help_lines, with_bindings
from actionset.widgets.panels import PANELS, PhasePanel
from actionset.widgets.panels.actions import ActionsPanel
from actionset.widgets.panels.check_in import CheckInPanel
from actionset.widgets.phase_board import PhaseBoard
from actionset.widgets.tag_pane import TagPane

if TYPE_CHECKING:
    from actionset.model import Set
    from actionset.model.agenda import Template
    from actionset.model.clock_words import Face
    from actionset.session import ConsoleSession
    from actionset.store import TagJournal

TICK_SECONDS = 0.25
LANDED_SECONDS = 1.5  # how long the corner tick says that a tag landed, with the pane hidden

TEXT_ENTRY = (Input, TextArea)
TAGGING_ACTIONS = frozenset(
    {"pick", "repick", "cancel_pick", "code", "repeat", "undo_tag", "note_tag", "contributions"}
)
"""The tagging keys: while a phase's panel shows (the pane hidden), its own keys have them."""


class MeetingScreen(AppScreen):
    """Big countdown, phase and presenter, rule, status line, progress, next and drift."""

    BINDINGS: ClassVar[list[BindingType]] = [*console_bindings(DEFAULT_CODEBOOK)]

    CSS_PATH = "meeting.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    KEY_SEQUENCES: ClassVar[tuple[str, ...]] = ("tags.member", "tags.code", "tags.cancel")
    """Keys that are half of a tag (a number, then a code): not commands on their own."""

    pending: reactive[int | None] = reactive(None)
    """The member number pressed, waiting for a code key."""

    def __new__(cls, clock: MeetingClock, the_set: Set, **_: object) -> MeetingScreen:
        """`MeetingScreen(...)` is the console with the set's code keys (`with_bindings`)."""
        if cls is MeetingScreen:
            cls = with_bindings(MeetingScreen, console_bindings(codebook_for(the_set)))
        return super().__new__(cls)

    def __init__(
        self,
        clock: MeetingClock,
        the_set: Set,
        *,
        journal: TagJournal | None = None,
        events: list[dict[str, object]] | None = None,
        template: Template | None = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.template = template  # the meeting's own: equal time follows attendance
        self.the_set = the_set
        self.journal = journal
        self.codebook = codebook_for(the_set)
        self.roster = [m.name for m in the_set.members_at(clock.meeting.date)][:9]
        self.tags = TagSession(
            clock,
            self.roster,
            the_set.facilitator,
            self.codebook,
            events=events or [],
            moment=self._moment,
            record=journal.append if journal is not None else None,
        )
        self.keys = [b for b in type(self).BINDINGS if isinstance(b, Binding)]
        """Every key of the console, in the Footer's order; the Footer shows what fits."""
        self._footer: dict[tuple[str, str], Binding] = {}
        self._blink_phase = False
        self._landed_timer: Timer | None = None
        self.panel: PhasePanel | None = None
        """The phase's panel in the right-hand column, when the phase's kind has one."""
        self._panel_for: tuple[int, PhaseKind] | None = None
        self._last_face: Face | None = None
        self._leave_warned = False  # `n` warned once in this phase (the actions panel)

    def compose(self) -> ComposeResult:
        meeting = self.clock.meeting
        with Horizontal(id="top"):
            yield Static(
                f"{self.the_set.name} · meeting of {long_date(meeting.date)}",
                id="title",
                markup=False,
            )
            yield Static(id="landed")
        with Horizontal(id="body"):
            # the check-in's panel shows the ground rules beside the board, not the board
            yield PhaseBoard(id="board")
            yield TagPane(self.roster, self.the_set.facilitator, self.codebook, id="tags")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fit_footer()
        self.paint()
        self.fit_footer()  # the keys a panel takes are off
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

        self.app.push_screen(ReopenScreen(end_line(self.clock)), answered)

    def on_unmount(self) -> None:
        if self.journal is not None:
            self.journal.close()

    # -- painting

    def paint(self) -> None:
        """The board from one reading of the clock; nothing is redrawn unless it changed, so
        a paused console is idle and a running one repaints once a second. The phase's panel
        follows the clock at the same pace, and changes with the phase."""
        now = face(self.clock)
        blink_off = self.actionset.blink and self._blink_phase and now.state == "over"
        self.query_one(PhaseBoard).show(now, blink_off=blink_off)
        changed_phase = self.follow_phase()
        panel = self.panel
        if (changed_phase or now != self._last_face) and panel is not None and panel.is_mounted:
            panel.follow(self.clock)
        self._last_face = now

    @property
    def session(self) -> ConsoleSession | None:
        """The set's record (actions, issues, past meetings) the panels work on."""
        session = getattr(self.app, "session", None)
        return session if session is not None and session.meeting is self.clock.meeting else None

    def follow_phase(self) -> bool:
        """Show the panel of the phase now running (one per phase change); whether it changed."""
        phase = self.clock.phase
        kind = None if phase is None or self.clock.ended else phase.kind
        wanted = (self.clock.index, kind) if kind in PANELS else None
        if wanted == self._panel_for:
            return False
        self._panel_for = wanted
        self._leave_warned = False
        if self.panel is not None:
            self.panel.remove()
            self.panel = None
        session = self.session
        if wanted is None or kind is None or session is None:
            return True
        self.panel = PANELS[kind](session, self.clock)
        self.query_one("#body", Horizontal).mount(self.panel)  # it shows the clock on mount
        if not self.tagging:
            self.panel.focus()
        return True

    @property
    def panel_shown(self) -> bool:
        """Whether the phase's panel has the right-hand column (the tag pane hidden)."""
        return self.panel is not None and not self.tagging

    def on_check_in_panel_attendance_changed(self, _: CheckInPanel.AttendanceChanged) -> None:
        """The roll changed in the check-in: equal time follows it, as with `h`."""
        self.attendance_changed()

    def paint_tags(self) -> None:
        if self.has_class("-tagging"):
            tags = self.tags
            self.query_one(TagPane).show(
                tags.contributions,
                presenter=tags.slot_presenter(),
                present=tags.present(),
                counting=tags.counting(),
                review=tags.in_review(),
                pending=tags.pending,
            )

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
        keys = [replace(b, description=words[b.id]) if b.id in words else b for b in self.keys]

        def live(binding: Binding) -> bool:
            return self.check_action(binding.action.partition("(")[0], ()) is not False

        fitted = footer_bindings(keys, live, width, FOOTER_FIRST, self.app.get_key_display)
        self._footer = {(b.key, b.action): b for b in fitted}
        self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The live keys as the Footer shows them: those that fit (`fit_footer`), in the
        console's order."""
        order = {b.key: i for i, b in reversed(list(enumerate(self.keys)))}
        # A panel's keys are in its own hint line: the Footer keeps the console's.
        live = {
            key: active
            for key, active in super().active_bindings.items()
            if active.node is self or active.node is self.app
        }
        return {
            key: active._replace(
                binding=self._footer.get((key, active.binding.action), active.binding)
            )
            for key, active in sorted(live.items(), key=lambda item: order.get(item[0], len(order)))
        }

    def tick(self) -> None:
        self._blink_phase = not self._blink_phase
        if self.clock.bell_due():
            self.app.bell()
        self.paint()

    def changed(self) -> None:
        """After every change the clock is saved (off the event loop, in order), so a crash
        resumes where the room is."""
        self.actionset.save_soon(self.clock.meeting)
        self.paint()
        self.fit_footer()
        self.paint_tags()  # a new phase may be a new slot, or the review of the whole meeting

    # -- keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, TEXT_ENTRY):
            return False
        if action in TAGGING_ACTIONS and self.panel_shown:
            return False
        pending = self.tags.pending
        if action in ("pick", "cancel_pick"):
            return pending is None if action == "pick" else pending is not None
        if action in ("repick", "code"):
            return pending is not None
        if action == "repeat":
            return pending is None
        if action == "show_summary":
            return self.clock.phase is not None and (
                self.clock.phase.kind is PhaseKind.process_review
            )
        if action in ENDED_DEAD_KEYS:
            return not self.clock.ended
        return True

    def action_start_pause(self) -> None:
        self.clock.toggle()
        self.changed()

    def action_next(self) -> None:
        if isinstance(self.panel, ActionsPanel) and not self._leave_warned:
            warning = self.panel.wants_to_leave()
            if warning:
                self._leave_warned = True
                self.notify(
                    f"{warning} n again moves on.", severity="warning", timeout=5, markup=False
                )
                return
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
        self.notify(
            "Remaining time shared over the remaining phases; the process review keeps its time.",
            timeout=4,
        )

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

    def commands(self) -> Iterable[SystemCommand]:
        """What the command palette offers beyond the keys."""
        yield SystemCommand(
            "Skip this phase",
            "Mark the phase skipped and move on; the time it had left goes back to the meeting",
            self.action_skip,
        )

    def action_skip(self) -> None:
        phase = self.clock.phase
        if phase is None or not self.clock.skip():
            return
        self.changed()
        self.notify(f"{phase.title} skipped.", timeout=3, markup=False)

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
        if self.panel_shown and self.panel is not None:
            self.panel.focus()
        self.fit_footer()

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

    def said(self, step: Step) -> bool:
        """Tell the facilitator what a tagging key did; whether it changed the tags."""
        outcome = step.outcome
        if outcome is Outcome.no_such_member:
            self.notify(f"No member {step.number} on the roster.", severity="warning", timeout=2)
        elif outcome is Outcome.presenting:
            self.coach_notice(
                f"{step.member} is presenting: their answers are not tagged.",
                "The member presenting is not tagged.",
            )
        elif outcome is Outcome.nobody:
            self.notify("Nobody tagged: press a member's number first, then the code.", timeout=3)
        elif outcome is Outcome.absent:
            self._ask_present(step.member, step.key)
        elif outcome is Outcome.nothing_to_undo:
            self.notify("No tag to undo.", timeout=2)
        elif outcome is Outcome.not_saved:
            self.notify(f"Tag not saved: {step.error}", severity="error", timeout=10, markup=False)
        elif outcome is Outcome.undone and step.contribution is not None:
            self.coach_notice(
                f"Undone: {step.member} {step.contribution.code}.", "Last tag undone.", timeout=2
            )
        changed = outcome in (Outcome.tagged, Outcome.changed, Outcome.undone)
        self.pending = self.tags.pending
        if changed:
            self.paint_tags()
            if outcome is Outcome.tagged and not self.tagging:
                self.show_landed()
        return changed

    def action_pick(self, number: int) -> None:
        self.said(self.tags.pick(number))

    def action_repick(self, number: int) -> None:
        self.said(self.tags.pick(number))

    def action_cancel_pick(self) -> None:
        self.tags.cancel()
        self.pending = None

    def action_code(self, key: str) -> None:
        self.said(self.tags.code(key))

    def action_repeat(self, key: str) -> None:
        self.said(self.tags.code(key))

    def _ask_present(self, member: str, key: str) -> None:
        """A member marked absent is tagged: ask once; yes marks them present (saved) and
        tags, no tags nobody."""
        from actionset.screens.yes_no import YesNoScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                self.coach_notice(
                    f"Nothing tagged: {member} stays marked absent.", "Nothing tagged."
                )
                return
            self.clock.meeting.mark_present(member)
            self.attendance_changed()
            self.said(self.tags.tag(member, key))

        self.app.push_screen(YesNoScreen(f"{member} sent apologies: mark present?"), answered)

    def action_undo_tag(self) -> None:
        self.said(self.tags.undo())

    def action_note_tag(self) -> None:
        from actionset.screens.tag_note import NoteScreen

        if self.coach_only("a tag's note"):
            return
        last = self.tags.last_contribution()
        if last is None:
            self.notify("Tag a contribution first, then press e for its note.", timeout=3)
            return

        def noted(answer: tuple[str, str | None] | None) -> None:
            if answer is None:
                return
            note, recode = answer
            if self.said(self.tags.note(last.id, note)) and recode:
                self.said(self.tags.recode(last.id, recode))
            self.paint_tags()

        self.app.push_screen(NoteScreen(last, self.codebook), noted)

    def action_contributions(self) -> None:
        from actionset.screens.contributions import ContributionsScreen

        if self.coach_only("the contributions"):
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.paint_tags()

        self.app.push_screen(ContributionsScreen(self.tags), closed)

    def action_show_summary(self) -> None:
        meeting = self.clock.meeting
        meeting.summary = next_summary(meeting.summary_shown(self.the_set.summary))
        self.changed()
        self.notify(
            {
                SummaryShown.hidden: "The room no longer sees the tag summary.",
                SummaryShown.named: "The room sees the summary, with names.",
                SummaryShown.anonymous: "The room sees the summary, anonymous.",
            }[meeting.summary],
            timeout=4,
        )

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
                meeting.agenda
            ):
                added += 1
            assign_presenters(meeting.agenda, names)
            meeting.presenters = [Presentation(member=name) for name in names]
            if added:
                # A meeting under way keeps its planned end: the phases still to run share it.
                shared = self.clock.rebalance()
                self.notify(
                    f"{added} presenter slot{'s' if added > 1 else ''} added; "
                    + (
                        "the phases still to run share the time left."
                        if shared
                        else "the plan grows by "
                        f"{added * sum(p.planned_minutes for p in slot)} min."
                    ),
                    timeout=5,
                )
            self.changed()
            self.paint_tags()

        self.app.push_screen(
            ChooseMembersScreen(
                "Who presents today, in running order?",
                present,
                [p.member for p in meeting.presenters],
                ordered=True,
                slots=slots if slot else None,
                slot_minutes=sum(p.planned_minutes for p in slot),
            ),
            chosen,
        )

    def attendance_changed(self) -> None:
        """Equal time follows attendance; the change is saved and the pane repainted."""
        if self.template is not None:
            removed, added = self.clock.follow_attendance(self.template, self.roster)
            if removed or added:
                self.notify(finish_line(self.clock).capitalize(), timeout=4)
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

        self.app.push_screen(
            ChooseMembersScreen(
                "Who is here? (the others sent apologies)",
                self.roster,
                [m for m in self.roster if meeting.is_present(m)],
            ),
            chosen,
        )

    def action_help(self) -> None:
        from actionset.screens.help import HelpScreen

        display = self.app.get_key_display

        def lines(kind: str, keys: list[Binding] = self.keys) -> list[tuple[str, str]]:
            return help_lines((b for b in keys if (b.id or "").partition(".")[0] == kind), display)

        codes_end = (
            max(i for i, b in enumerate(self.keys) if (b.id or "").startswith("tags.code.")) + 1
        )
        tagging = [
            *lines("tags", self.keys[:codes_end]),
            (
                " ".join(code.key for code in self.codebook),
                "a code alone tags the last member again",
            ),
            *lines("tags", self.keys[codes_end:]),
        ]
        self.app.push_screen(
            HelpScreen(
                [
                    ("The clock", lines("clock")),
                    ("Tagging (the pane shown or hidden)", tagging),
                    ("The meeting", lines("meeting")),
                    ("The console", lines("help") + lines("quit")),
                ]
            )
        )

    def action_save_and_quit(self) -> None:
        self.clock.close()  # quitting at the close ends the meeting
        self.actionset.save_now(self.clock.meeting)
        self.app.exit(return_code=0)
