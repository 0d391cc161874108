"""The facilitator console: the live meeting's clock, steered with single keys."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from actionset.model.clock import MeetingClock
from actionset.model.clock_words import (
    REPAINT_LAG,
    end_line,
    face,
    seconds_to_next_face,
)
from actionset.model.codebook import DEFAULT_CODEBOOK, codebook_for
from actionset.model.dates import long_date
from actionset.model.keyboard import (
    KeyState,
    Mode,
    acts,
    refusal,
)
from actionset.model.meeting import PhaseKind
from actionset.model.members import keyed_roster, roll
from actionset.model.record import facilitating
from actionset.model.tag_session import TagSession
from actionset.safe_text import safe
from actionset.screens.console_burst import BurstKeys
from actionset.screens.console_clock import ClockKeys
from actionset.screens.console_coach import CoachKeys
from actionset.screens.console_footer import FooterKeys
from actionset.screens.console_keys import (
    STRAY,
    STRAY_KEYS,
    console_bindings,
    stray_bindings,
)
from actionset.screens.console_parts import ConsoleParts
from actionset.screens.console_room import RoomKeys
from actionset.screens.console_tagging import TaggingKeys
from actionset.screens.console_voice import VOICE_BINDINGS, VoiceKeys, VoiceLine
from actionset.screens.keys import with_bindings
from actionset.widgets.panels import PANELS, PhasePanel
from actionset.widgets.panels.check_in import CheckInPanel
from actionset.widgets.phase_board import PhaseBoard
from actionset.widgets.steady_footer import SteadyFooter
from actionset.widgets.tag_pane import TagPane

if TYPE_CHECKING:
    from actionset.model import Set
    from actionset.model.agenda import Template
    from actionset.model.clock_words import Face
    from actionset.store import TagJournal

BLINK_SECONDS = 0.25
"""Half a blink of a phase over time, when blinking is on."""

TEXT_ENTRY = (Input, TextArea)
NONE: frozenset[str] = frozenset()


class MeetingScreen(FooterKeys, BurstKeys, TaggingKeys, RoomKeys, CoachKeys, ClockKeys, VoiceKeys):
    """Big countdown, phase and presenter, rule, status line, progress, next and drift."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As Textual's, but a focus moved repaints only the two widgets it moved between (their
    styles change), not the whole screen: `t` moves it between the panel and none."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *console_bindings(DEFAULT_CODEBOOK, VOICE_BINDINGS),
        *stray_bindings(),
    ]

    CSS_PATH = "meeting.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    KEY_SEQUENCES: ClassVar[tuple[str, ...]] = ("tags.member", "tags.code", "tags.cancel")
    """Keys that are half of a tag (a number, then a code): not commands on their own."""

    def __new__(cls, clock: MeetingClock, the_set: Set, **_: object) -> MeetingScreen:
        """`MeetingScreen(...)` is the console with the set's code keys (`with_bindings`)."""
        if cls is MeetingScreen:
            keys = [*console_bindings(codebook_for(the_set), VOICE_BINDINGS), *stray_bindings()]
            cls = with_bindings(MeetingScreen, keys)
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
        self.numbers = keyed_roster(the_set, clock.meeting.date)
        """Who each number key names: the members' own numbers (`roster_numbers`)."""
        self.roster = list(self.numbers.values())
        self.tags = TagSession(
            clock,
            self.numbers,
            lambda: facilitating(  # in their own slot, the facilitator's stand-in
                self.clock.meeting,
                self.the_set,
                self.clock.phase.presenter if self.clock.phase else "",
            ),
            self.codebook,
            events=events or [],
            moment=self._moment,
            record=journal.append if journal is not None else None,
        )
        self.keys = [
            b
            for b in type(self).BINDINGS
            if isinstance(b, Binding) and not (b.id or "").startswith(STRAY)
        ]
        """Every key of the console, in the Footer's order; the Footer shows what fits."""
        self._footer: dict[tuple[str, str], Binding] = {}
        self._footer_fitted = False
        self._fitted: dict[tuple[KeyState, int, bool, bool], list[Binding]] = {}
        self._answered: list[tuple[tuple[KeyState, object], dict[str, ActiveBinding]]] = []
        """The keys lately given to the Footer, with the state and fitting each was read for."""
        self.tagging = False
        """Whether the tag pane is shown (`t`): only then may the screen name who said what.
        The pane, the panel and the coach's box are shown and hidden one by one, not by a class
        on the screen, which would restyle every widget of the console at each `t`."""
        self._blink_phase = False
        self.panel: PhasePanel | None = None
        """The phase's panel in the right-hand column, when the phase's kind has one."""
        self.panel_keys = NONE
        """The keys the panel binds: a character it takes is no stray."""
        self._panel_for: tuple[int, PhaseKind] | None = None
        self._last_face: Face | None = None
        self._tick_timer: Timer | None = None
        self._leave_warned = False  # `n` warned once in this phase (the actions panel)
        self._coach_second = -1  # the clock's second the coach last looked at
        self.draft = False
        """The panel's field shows text not yet saved (focused or not): letters are text."""
        self._mode_words = ""
        self._state_now: KeyState | None = None  # while the Footer asks about every key
        self.start_coach(events or [])
        self.start_timing()

    def compose(self) -> ComposeResult:
        meeting = self.clock.meeting
        with Horizontal(id="top"):
            yield Static(
                safe(f"{self.the_set.name} · meeting of {long_date(meeting.date)}"),
                id="title",
                markup=False,
            )
            yield Static(id="prompt-sign")
            yield Static(id="landed")
        with Horizontal(id="body"):
            # the check-in's panel shows the ground rules beside the board, not the board
            yield PhaseBoard(id="board")
            yield TagPane(self.numbers, self.tags.facilitator, self.codebook, id="tags")
        yield Static(id="guidance")
        yield VoiceLine()
        yield Static(id="coach")
        yield Static(id="mode-line", markup=False)
        yield SteadyFooter(compact=True)

    def on_mount(self) -> None:
        self.fit_footer()
        self.paint()
        self.fit_footer()  # the keys a panel takes are off
        self.next_tick()
        self.start_voice()
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
        if self.clock.meeting.clock.muted and not now.ended:  # the console's to know, only
            now = replace(now, title=f"{now.title}  (chime off)")
        blink_off = self.actionset.blink and self._blink_phase and now.state == "over"
        self.query_one(PhaseBoard).show(now, blink_off=blink_off)
        changed_phase = self.follow_phase()
        self.show_guidance()
        panel = self.panel
        if (changed_phase or now != self._last_face) and panel is not None and panel.is_mounted:
            panel.follow(self.clock)
        self._last_face = now

    def follow_phase(self, *, again: bool = False) -> bool:
        """Show the panel of the phase now running (one per phase change, or `again`: built
        afresh, or taken away from a phase that has none); whether it changed."""
        phase = self.clock.phase
        kind = None if phase is None or self.clock.ended else phase.kind
        wanted = (self.clock.index, kind) if kind in PANELS else None
        if wanted == self._panel_for and not again:
            return False
        self._panel_for = wanted
        self._leave_warned = False
        if self.panel is not None:
            self.panel.remove()
            self.panel = None
        self.draft = False
        session = self.session
        if wanted is not None and kind is not None and session is not None:
            self.panel = PANELS[kind](session, self.clock)
            self.panel_keys = frozenset(
                b.key for b in Binding.make_bindings(type(self.panel).BINDINGS)
            )
            self.panel.display = not self.tagging
            self.query_one("#body", Horizontal).mount(self.panel)  # it shows the clock on mount
            if not self.tagging and not self.held:
                self.panel.focus()
        self.mark_panel_shown()
        return True

    def mark_panel_shown(self) -> None:
        """On a narrow console in a phase with a panel, #body stacks the panel under a strip of
        the board (`PhaseBoard.stack`): #body's layout is set on it alone, and `-stacked` (in
        the CSS) is on a narrow console's panel all along. The tag pane takes the panel's
        place (`-over-panel`), so `t` changes that region of the screen and no other. A class
        on #body would restyle every widget beneath it, the pane and the panel."""
        narrow = self.has_class("-narrow")
        stacked = self.panel is not None and narrow
        self.query_one("#body", Horizontal).styles.layout = "vertical" if stacked else "horizontal"
        self.query_one(PhaseBoard).stack(stacked)
        self.query_one(TagPane).set_class(self.panel is not None, "-over-panel")
        if self.panel is not None:
            self.panel.set_class(narrow, "-stacked")

    @property
    def panel_shown(self) -> bool:
        """Whether the phase's panel has the right-hand column (the tag pane hidden)."""
        return self.panel is not None and not self.tagging

    def on_check_in_panel_attendance_changed(self, _: CheckInPanel.AttendanceChanged) -> None:
        """The roll changed in the check-in: equal time follows it, as with `h`."""
        self.attendance_changed()

    def paint_tags(self) -> None:
        if self.tagging:
            tags = self.tags
            pane = self.query_one(TagPane)
            pane.facilitator = tags.facilitator  # the meeting's, as recorded at its close
            pane.show(
                tags.figures_here(),
                tags.tally.meeting.tally,
                tags.recent(3),
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
        self.mark_panel_shown()  # the breakpoint's class is set by now
        self.fit_footer()

    def tick(self) -> None:
        self._blink_phase = int(self.actionset.now() / BLINK_SECONDS) % 2 == 1
        if self.clock.bell_due():
            self.app.bell()
        self.paint()
        second = int(self.clock.elapsed())
        if self.clock.running and second != self._coach_second:
            self._coach_second = second  # time-led prompts, once a second while time runs
            self.coach_looks()
        self.next_tick()

    def next_tick(self) -> None:
        """Sleep until the face can next change (once per displayed second), or, while a
        phase over time blinks, until the blink's next turn."""
        now = self.actionset.now()
        delay = seconds_to_next_face(self.clock, now)
        face_now = self._last_face
        if self.actionset.blink and face_now is not None and face_now.state == "over":
            delay = min(delay, BLINK_SECONDS - now % BLINK_SECONDS + REPAINT_LAG)
        if self._tick_timer is not None:
            self._tick_timer.stop()
        self._tick_timer = self.set_timer(delay, self.tick)

    def changed(self) -> None:
        """After every change the clock is saved (off the event loop, in order), so a crash
        resumes where the room is. Leaving the check-in records its roll as shown."""
        self.clock.meeting.keep_roll(roll(self.the_set, self.clock.meeting.date))
        self.save_when_alone()
        self.paint()
        self.fit_footer()
        self.paint_tags()  # a new phase may be a new slot, or the review of the whole meeting

    # -- keys

    def key_state(self) -> KeyState:
        """What the keys care about of what the console shows (`actionset.model.keyboard`)."""
        clock = self.clock
        phase = clock.phase
        panel = self.panel
        return KeyState(
            phase=None if phase is None or clock.ended else phase.kind,
            panel=self.panel is not None,
            pane=self.tagging,
            member=self.tags.pending,
            field=isinstance(self.focused, TEXT_ENTRY),
            draft=self.draft,
            held=self.held,
            ended=clock.ended,
            prompt=bool(self.coach.waiting()),
            panel_keys=self.panel_keys if self.focused is panel and panel is not None else NONE,
            voice=self.voice_waits(),
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keyboard's model says who has each key; a key the console refuses goes on to
        the panel or the field with focus, or reaches no one (`action_stray`)."""
        key = STRAY_KEYS.get(str(parameters[0]), "") if action == "stray" else ""
        return acts(self._state_now or self.key_state(), action, key)

    def hold(self, why: str, *, notice: str = "") -> None:
        """A letter was refused: hold the keys, so that what follows it does nothing to the
        meeting until escape (the number pressed, if any, is forgotten); `notice` says so
        in other words than why."""
        self.tags.cancel()
        self.set_reactive(ConsoleParts.pending, None)
        self.set_focus(None)  # the panel's letters are held too
        self.held = why
        notice = notice or f"Keys held: {why}. esc resumes."
        self.notify(notice, severity="warning", timeout=4, markup=False)

    def watch_held(self) -> None:
        self.paint_tags()
        self.fit_footer()

    def action_release(self) -> None:
        self.held = ""
        if self.panel_shown and self.panel is not None:
            self.panel.focus()

    def action_swallow(self) -> None:
        """Enter, tab, backspace or delete while the keys are held: nothing."""

    def action_stray(self, char: str) -> None:
        """A character no one took: typing that missed its field. With a draft shown, it goes
        on into the draft's field; else the keys are held."""
        state = self.key_state()
        if state.mode is Mode.draft and self.panel is not None:
            fields = self.panel.query(Input)
            if fields:
                fields.first().focus()
                fields.first().insert_text_at_cursor(char)
            return
        if state.mode is Mode.held:
            return
        actions = [b.action.partition("(")[0] for b in self.keys if b.key == char]
        self.hold(refusal(state, char, codes=[c.key for c in self.codebook], actions=actions))

    @on(PhasePanel.Refused)
    def _panel_refused(self, event: PhasePanel.Refused) -> None:
        self.hold(event.why)

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        draft = bool(event.value)
        if draft != self.draft:
            self.draft = draft
            self.fit_footer()

    def on_descendant_focus(self) -> None:
        self.fit_footer()

    def on_descendant_blur(self) -> None:
        self.fit_footer()

    def action_toggle_tags(self) -> None:
        self.tagging = not self.tagging
        self.query_one(TagPane).display = self.tagging
        if self.panel is not None:
            self.panel.display = not self.tagging
        self.query_one("#landed", Static).update("", layout=False)  # two cells wide
        self.paint_tags()
        self.show_prompt()
        # the focus moved now, not after the key (`focus()`), so that the Footer and the mode
        # line below are written once, for the keys as they will be
        if self.panel_shown and self.panel is not None:
            self.set_focus(self.panel)
        elif self.tagging:
            self.set_focus(None)  # the panel under the pane has no keys
        self.fit_footer()

    def action_save_and_quit(self) -> None:
        self.clock.close()  # quitting at the close ends the meeting
        self.actionset.save_now(self.clock.meeting)
        self.app.exit(return_code=0)
