"""The console's tagging keys: a member's number, then a code; undo, note and the list.

With the tag pane hidden the console may be the room's screen: then no notice names a
member or a code (`coach_notice`), and what only the coach may see will not open."""

from __future__ import annotations

import datetime as dt

from textual.timer import Timer
from textual.widgets import Static

from actionset.model.codebook import code_label
from actionset.model.meeting import AttendanceState, SummaryShown, next_summary
from actionset.model.tag_session import CLOSED, Outcome, Step
from actionset.screens.console_parts import ConsoleParts

LANDED_SECONDS = 1.5  # how long the corner tick says that a tag landed, with the pane hidden


class TaggingKeys(ConsoleParts):
    """Tag, undo, note and list the contributions; the summary the room sees."""

    _landed_timer: Timer | None = None
    _last_outcome: Outcome | None = None
    """What the last tagging key did: a code after the presenter's number is told why."""
    _kept_marked: frozenset[str] = frozenset()
    """The members the facilitator said no about (`_ask_present`): not asked again today."""

    # -- the room may be watching: with the pane hidden the console may be the projected screen

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
            self.hold(f"no member has number {step.number}")  # as every refused key holds
        elif outcome is Outcome.no_facilitator:
            self.hold("no facilitator is named for this meeting: 0 tags no one")
        elif outcome is Outcome.presenting:
            self.coach_notice(
                f"{step.member} is presenting: their answers are not tagged.",
                "The member presenting is not tagged.",
            )
        elif outcome is Outcome.nobody and self._last_outcome is Outcome.presenting:
            self.notify(
                "Nobody tagged: the member presenting is not tagged; another member's number, "
                "then the code.",
                timeout=3,
            )
        elif outcome is Outcome.nobody:
            self.notify("Nobody tagged: press a member's number first, then the code.", timeout=3)
        elif outcome is Outcome.absent:
            self._ask_present(step.member, step.key)
        elif outcome is Outcome.closed:
            self.notify(CLOSED, timeout=4)
        elif outcome is Outcome.nothing_to_undo:
            self.notify("No tag to undo.", timeout=2)
        elif outcome is Outcome.deleted_last:
            self.notify(
                "Nothing undone: the last change was a delete in the list (g), and u undoes "
                "only a tag just made.",
                timeout=4,
            )
        elif outcome is Outcome.not_saved:
            self.notify(f"Tag not saved: {step.error}", severity="error", timeout=10, markup=False)
        elif outcome is Outcome.undone and step.contribution is not None:
            self.coach_notice(
                f"Undone: {step.member} {code_label(self.codebook, step.contribution.code)}.",
                "Last tag undone.",
                timeout=2,
            )
        self._last_outcome = outcome
        changed = outcome in (Outcome.tagged, Outcome.changed, Outcome.undone)
        # The journal has the change (fsync'd) by now; the pane repaints once for the key.
        moved = self.pending != self.tags.pending
        self.set_reactive(ConsoleParts.pending, self.tags.pending)
        if changed or moved:
            self.paint_tags()
        if moved:
            self.fit_footer()
        if changed:
            self.coach_after_tag(appended=outcome is Outcome.tagged)
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
        tags, no tags nobody, and each later tag of them is refused in words, without asking
        again (`h` marks them here)."""
        from actionset.screens.yes_no import YesNoScreen

        apologies = self.clock.meeting.attendance.state_of(member) is AttendanceState.apologies
        marked = "as sending apologies" if apologies else "absent"
        if member in self._kept_marked:
            self.coach_notice(
                f"Nothing tagged: {member} is marked {marked} (h marks who is here).",
                "Nothing tagged.",
            )
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self._kept_marked |= {member}
                self.coach_notice(
                    f"Nothing tagged: {member} stays marked {marked}.", "Nothing tagged."
                )
                return
            self.clock.meeting.mark_present(member)
            self.attendance_changed()
            self.said(self.tags.tag(member, key))

        question = f"{member} sent apologies" if apologies else f"{member} is marked absent"
        # asked once the key stands alone: typed on, the next letters would answer it
        self.when_alone(
            lambda: self.app.push_screen(YesNoScreen(f"{question}: mark present?"), answered)
        )

    def action_undo_tag(self) -> None:
        self.said(self.tags.undo())

    def action_note_tag(self) -> None:
        from actionset.screens.tag_note import NoteScreen

        if self.coach_only("a tag's note"):
            return
        if self.tags.closed:
            self.notify(CLOSED, timeout=4)
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

    def action_show_summary(self, names: bool = False) -> None:
        meeting = self.clock.meeting
        meeting.summary = next_summary(meeting.summary_shown(self.the_set.summary), names=names)
        self.changed()
        self.notify(
            {
                SummaryShown.hidden: "The room no longer sees the tag summary.",
                SummaryShown.named: "The room sees the summary, with names.",
                SummaryShown.anonymous: "The room sees the summary, anonymous.",
            }[meeting.summary],
            timeout=4,
        )
