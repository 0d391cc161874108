"""Who came, and who presents: chosen from the roster with the arrows, space and enter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from actionset.safe_text import safe

TICKED, UNTICKED = "✓", "·"


class ChooseMembersScreen(ModalScreen[list[str] | None]):
    """A list of members to tick with space (or a click); enter (or the button) confirms.

    Each row says whether it is ticked with its ✓ or ·, so the rows carry no check box.

    `ordered`: the answer is in the order the names were ticked, numbered 1, 2, … beside
    them (a running order); otherwise in roster order. `slots`: at most this many may be
    confirmed unless the facilitator accepts adding slots (`y`), which the caller then does.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choose.cancel"),
        # Before the list's own enter, which would toggle the highlighted name first.
        Binding("enter", "confirm", "Confirm", priority=True, id="choose.confirm"),
        Binding("space", "tick", "Tick", id="choose.tick"),
        Binding("y", "add_slots", "Add slots", show=False, id="choose.add_slots"),
        Binding("n", "keep_slots", "Go back", show=False, id="choose.keep_slots"),
    ]
    CSS_PATH = "roster.tcss"

    def __init__(
        self,
        question: str,
        members: Sequence[str],
        chosen: Sequence[str],
        *,
        ordered: bool = False,
        slots: int | None = None,
        slot_minutes: int = 0,
    ) -> None:
        super().__init__()
        self.question = question
        self.members = list(members)
        self.order = [name for name in dict.fromkeys(chosen) if name in self.members]
        self.ordered = ordered
        self.slots = slots
        self.slot_minutes = slot_minutes
        self.offering = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(safe(self.question, "\n"), markup=False)
            yield OptionList(
                *(
                    Option(self.prompt(name), id=f"member-{i}")
                    for i, name in enumerate(self.members)
                )
            )
            yield Static(id="offer", markup=False)
            yield Label("space ticks · enter confirms · escape cancels")
            yield Button("Confirm", variant="primary")

    def prompt(self, name: str) -> Content:
        """A ticked name shows ✓ (and its place in the running order), an unticked one ·."""
        if name not in self.order:
            place = "   " if self.ordered else ""
            return Content.assemble((f"{UNTICKED} {place}", "dim"), safe(name))
        place = f"{self.order.index(name) + 1:>2} " if self.ordered else ""
        return Content.assemble((f"{TICKED} {place}", "bold $text-success"), safe(name))

    def action_tick(self) -> None:
        """Tick the highlighted name, or untick it; a name ticked goes last in the order."""
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.tick(index)

    @on(OptionList.OptionSelected)
    def clicked(self, event: OptionList.OptionSelected) -> None:
        self.tick(event.option_index)

    def tick(self, index: int) -> None:
        name = self.members[index]
        if name in self.order:
            self.order.remove(name)
        else:
            self.order.append(name)
        choices = self.query_one(OptionList)
        for row, member in enumerate(self.members):
            choices.replace_option_prompt_at_index(row, self.prompt(member))
        self.offer(False)

    def answer(self) -> list[str]:
        if self.ordered:
            return list(self.order)
        return [name for name in self.members if name in self.order]

    def offer(self, shown: bool) -> None:
        self.offering = shown
        text = ""
        if shown and self.slots is not None:
            extra = len(self.order) - self.slots
            text = (
                f"{len(self.order)} presenters but the agenda has {self.slots} "
                f"presenter slot{'s' if self.slots != 1 else ''}. Add "
                f"{'a slot' if extra == 1 else f'{extra} slots'} of "
                f"{self.slot_minutes} min? y adds · n goes back"
            )
        self.query_one("#offer", Static).update(text)
        self.refresh_bindings()

    @on(Button.Pressed)
    def action_confirm(self) -> None:
        if self.slots is not None and len(self.order) > self.slots:
            self.offer(True)
            return
        self.dismiss(self.answer())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_slots", "keep_slots"):
            return self.offering
        return True

    def action_add_slots(self) -> None:
        self.dismiss(self.answer())

    def action_keep_slots(self) -> None:
        self.offer(False)

    def action_cancel(self) -> None:
        self.dismiss(None)
