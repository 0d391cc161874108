"""The keys of the console, in a box that closes with any key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from actionset.model.tags import DEFAULT_CODEBOOK

TAGGING_HELP = """\
Tagging (works with the pane shown or hidden)
  1-9  pick a member (0 is the facilitator), then a code:
""" + "\n".join(
    f"  {code.key}    {code.label} ({code.counts_as.value})" for code in DEFAULT_CODEBOOK
) + """
  a code alone tags the last member again · escape cancels a number
  u    undo the last tag    e    note the words said for the last tag
  g    the list of contributions: a code key re-codes the chosen one, d deletes it
  t    show or hide the tagging pane
"""


class HelpScreen(ModalScreen[None]):
    """Every key the facilitator can press, grouped as the room uses them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter,space", "dismiss", "Close", priority=True)]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        text = Text("The clock\n", style="bold")
        text.append("\n".join(f"  {key:<8} {what}" for key, what in self.keys), style="")
        text.append("\n\n" + TAGGING_HELP + "\nescape or ? closes this.")
        with VerticalScroll():
            yield Static(text)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
