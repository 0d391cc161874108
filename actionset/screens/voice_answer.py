"""A member without a phone answers the open round on the facilitator's laptop: each
statement rated with one key, 1 to 5, and the free line; saved as one anonymous answer
(`by = "laptop"`) in the meeting's voice file, like a phone's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from actionset.model.voice import HIGHEST, LOWEST, MAX_LINE
from actionset.safe_text import safe
from actionset.widgets.field import TextField

if TYPE_CHECKING:
    from actionset.model.voice import Round
    from actionset.store import SetStore

LaptopAnswer = tuple[dict[str, int], str]
"""The ratings by statement id, and the free line."""


class Rating(Static, can_focus=True):
    """One statement's rating: a digit key rates it and moves on; 0 or backspace clears it.
    Any other letter typed here starts the free line, so that words typed after the last
    rating are never lost."""

    DEFAULT_CSS = """
    Rating { height: 1; width: auto; }
    Rating:focus { background: $boost; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(n), f"rate({n})", str(n), show=False, id=f"voice_answer.rate{n}")
            for n in range(LOWEST, HIGHEST + 1)
        ),
        Binding("left", "step(-1)", "Less", show=False, id="voice_answer.less"),
        Binding("right", "step(1)", "More", show=False, id="voice_answer.more"),
        Binding("0,backspace", "rate(0)", "Clear", show=False, id="voice_answer.clear"),
    ]

    value: reactive[int] = reactive(0)
    """The rating given, 1 to 5; 0: not rated."""

    def render(self) -> Text:
        text = Text()
        for n in range(LOWEST, HIGHEST + 1):
            text.append(f" {n} ", style="reverse bold" if n == self.value else "")
        text.append("  " + ("not rated" if not self.value else ""), style="dim")
        return text

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None or event.character.isdigit():
            return
        lines = self.screen.query("#line")
        if not lines:
            return
        event.stop()
        event.prevent_default()
        line = lines.first(Input)
        line.focus()
        line.insert_text_at_cursor(event.character)

    def action_rate(self, value: int) -> None:
        self.value = value
        if value:
            self.screen.focus_next()

    def action_step(self, step: int) -> None:
        """One more or less; from not rated, the middle of the scale."""
        middle = (LOWEST + HIGHEST) // 2
        self.value = min(HIGHEST, max(LOWEST, self.value + step)) if self.value else middle


def keys_hint(the_round: Round) -> str:
    """The form's keys, as the README words them."""
    keys = [f"{LOWEST}-{HIGHEST} rates", "←/→ 0 change"] if the_round.statements else []
    if the_round.ask:
        keys.append("type the line")
    return " · ".join([*keys, "enter saves", "esc cancels"])


class LaptopAnswerScreen(ModalScreen[LaptopAnswer | None]):
    """The open round's statements, each with its rating, then its free line; enter saves,
    escape cancels. Dismissed with the answer, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="voice_answer.cancel"),
        Binding("enter", "save", "Save", id="voice_answer.save"),
    ]
    DEFAULT_CSS = """
    LaptopAnswerScreen { align: center middle; }
    LaptopAnswerScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    LaptopAnswerScreen #title { text-style: bold; }
    LaptopAnswerScreen VerticalScroll { height: auto; max-height: 1fr; }
    LaptopAnswerScreen Label { color: $text-muted; margin: 1 0 0 0; }
    LaptopAnswerScreen Input { background: $boost; }
    LaptopAnswerScreen #error { color: $error; height: auto; display: none; }
    LaptopAnswerScreen #keys { color: $text-muted; margin: 1 0 0 0; }
    """

    def __init__(self, the_round: Round) -> None:
        super().__init__()
        self.the_round = the_round

    def compose(self) -> ComposeResult:
        the_round = self.the_round
        with Vertical():
            title = f"{the_round.name.capitalize()} ({the_round.id}): answer on this laptop"
            yield Static(title, id="title")
            yield Static(
                "Anonymous: no name is kept. "
                + (f"{LOWEST} not at all … {HIGHEST} very much." if the_round.statements else ""),
                markup=False,
            )
            yield Static(id="error", markup=False)
            with VerticalScroll():
                for number, statement in enumerate(the_round.statements):
                    yield Label(safe(statement.text), markup=False)
                    yield Rating(id=f"rating-{number}")
                if the_round.ask:
                    yield Label(safe(the_round.ask), markup=False)
                    yield TextField(
                        max_length=MAX_LINE,
                        compact=True,
                        placeholder="type the line here, or leave it empty",
                        id="line",
                    )
            yield Static(keys_hint(the_round), id="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).can_focus = False
        first = self.query(Rating).first() if self.query(Rating) else self.query(Input).first()
        first.focus()

    def answer(self) -> LaptopAnswer:
        ratings = {
            statement.id: rating.value
            for statement, rating in zip(self.the_round.statements, self.query(Rating), strict=True)
            if rating.value
        }
        lines = self.query(Input)
        return ratings, " ".join(lines.first().value.split()) if lines else ""

    @on(Input.Submitted)
    def action_save(self) -> None:
        ratings, line = self.answer()
        if not ratings and not line:
            what = "Rate a statement or write the line" if self.the_round.ask else "Rate one"
            error = self.query_one("#error", Static)
            error.update(f"{what}, or escape to leave it.")
            error.display = True
            return
        self.dismiss((ratings, line))

    def action_cancel(self) -> None:
        self.dismiss(None)


def answer_on_laptop(
    screen: Screen[Any],
    set_store: SetStore,
    date: dt.date,
    now: Callable[[], dt.datetime],
    *,
    limit: int | None = None,
    saved: Callable[[], None] | None = None,
) -> bool:
    """The form for the meeting's open round, over `screen`; its answer appended to the voice
    file as the laptop's (`by = "laptop"`, a device key of its own), then `saved` called.
    False, with a notice, when no round is open."""
    from actionset.store import StoreError

    read = set_store.read_voice(date, limit)
    the_round = read.voice.open_round
    if the_round is None:
        screen.notify("No round is open for the members to answer.", severity="warning")
        return False

    def save(answer: LaptopAnswer | None) -> None:
        if answer is None:
            return
        from actionset.model.voice import answer_line, new_device

        ratings, line = answer
        record = answer_line(the_round.id, new_device("laptop"), now(), ratings, line, "laptop")
        try:
            voice = set_store.append_voice(date, record, limit)
        except StoreError as error:
            screen.notify(f"Not saved: {error}", severity="error", timeout=8, markup=False)
            return
        count = voice.rounds[the_round.id].count
        # Short: the console's voice line below the notice says the count as well.
        screen.notify(f"Saved, anonymous: {count} answered.", timeout=2)
        if saved is not None:
            saved()

    screen.app.push_screen(LaptopAnswerScreen(the_round), save)
    return True
