"""The console's keys for the room: who presents, who is here, and the help."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from actionset.model.clock_words import finish_line, join_names
from actionset.model.keyboard import Mode
from actionset.safe_text import safe
from actionset.screens.console_parts import ConsoleParts
from actionset.screens.keys import help_lines


class RoomKeys(ConsoleParts):
    """Choose the presenters, take the attendance, show the keys and the phase's guidance."""

    _guidance_kind: object = ...
    """The kind of phase whose guidance shows (None: none shows); `...` before the first."""

    def show_guidance(self) -> None:
        """What to do now and what to ask, under the clock, when the set has guidance on
        (`actionset.model.guidance`); the console's only: the projector never shows it."""
        from actionset.model.guidance import guidance_for, guidance_lines, guidance_on

        phase = self.clock.phase
        kind = None if phase is None or self.clock.ended else phase.kind
        if kind is not None and not guidance_on(self.the_set):
            kind = None
        if kind == self._guidance_kind:
            return
        self._guidance_kind = kind
        box = self.query_one("#guidance", Static)
        box.display = kind is not None
        if kind is not None:
            lines = guidance_lines(guidance_for(self.the_set, kind))
            shown = [Text(safe(line)) for line in lines]
            for line in shown:
                line.stylize("bold", 0, len("Now:"))  # "Now:" and "Ask:" (`guidance_lines`)
            box.update(Text("\n").join(shown))

    def action_choose_presenters(self) -> None:
        from actionset.model.agenda import (
            add_presenter_slot,
            another_slot,
            assign_presenters,
            presenter_slots,
        )
        from actionset.model.record import OrderRefused, check_order, presenters_in_order
        from actionset.screens.roster import ChooseMembersScreen

        meeting = self.clock.meeting
        present = [m for m in self.roster if meeting.is_present(m)]
        slots = len(presenter_slots(meeting.agenda))
        _, slot = another_slot(meeting.agenda)

        def chosen(names: list[str] | None) -> None:
            if not names:
                return
            try:
                check_order(meeting, names, self.session.actions if self.session else ())
            except OrderRefused as refused:
                self.notify(
                    f"Running order not changed: {refused}",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )
                return
            with self.clock.history.change():
                slots_added = confirm(names)
            self.plan_changed(f"Running order: {join_names(names)}{slots_added}.", timeout=5)
            self.paint_tags()

        def confirm(names: list[str]) -> str:
            """Today's presenters in running order; what became of the slots, if any."""
            added = 0
            while len(presenter_slots(meeting.agenda)) < len(names) and add_presenter_slot(
                meeting.agenda
            ):
                added += 1
            assign_presenters(meeting.agenda, names)
            meeting.presenters = presenters_in_order(meeting, names)
            if added:
                # A meeting under way keeps its planned end: the phases still to run share it.
                shared = self.clock.rebalance()
                return f"; {added} presenter slot{'s' if added > 1 else ''} added; " + (
                    "the phases still to run share the time left"
                    if shared
                    else f"the plan grows by {added * sum(p.planned_minutes for p in slot)} min"
                )
            return ""

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
            from actionset.model.schedule import booked_minutes

            removed, added = self.clock.follow_attendance(
                self.template, self.roster, booked_minutes(self.the_set.usual_hours)
            )
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
        """The keys by mode, as the keyboard's table has them (`actionset.model.keyboard`)."""
        from actionset.model.guidance import (
            DEFAULT_GUIDANCE,
            guidance_for,
            guidance_lines,
            guidance_on,
        )
        from actionset.model.keyboard import HELP, TYPING_HELP, keys_of
        from actionset.screens.help import HelpScreen

        display = self.app.get_key_display

        def lines(mode: Mode) -> list[tuple[str, str]]:
            acting = set(keys_of(mode, (b.action.partition("(")[0] for b in self.keys)))
            keys = [b for b in self.keys if b.action.partition("(")[0] in acting]
            found = help_lines(keys, display)
            if mode is Mode.command:
                codes = " ".join(code.key for code in self.codebook)
                found.insert(
                    next((i for i, line in enumerate(found) if "then a code" in line[1]), 0) + 1,
                    (codes, "a code alone tags the last member again"),
                )
            return found

        sections = [(heading, lines(mode)) for mode, heading in HELP]
        if guidance_on(self.the_set):
            sections.append(
                (
                    "What to do now, phase by phase (the guidance under the clock)",
                    [
                        (kind.value, "\n".join(guidance_lines(guidance_for(self.the_set, kind))))
                        for kind in DEFAULT_GUIDANCE
                    ],
                )
            )
        first = None
        phase = self.clock.phase
        if self.panel is not None and not self.tagging and phase is not None:
            # the panel's hint in full, where the console's column may cut it
            hint = "\n".join(str(line.render()) for line in self.panel.query(".hint"))
            first = (f"{safe(phase.title)}: the panel's own keys", hint) if hint else None
        self.app.push_screen(HelpScreen(sections, footnote=TYPING_HELP, first=first))
