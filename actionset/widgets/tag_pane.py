"""The tagging pane: the roster, who asks and who advises, and how the mix moves."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.color import Color
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from actionset.model.contributions import Contribution
from actionset.model.running_tally import SlotFigures
from actionset.model.set import Code
from actionset.model.stats import Tally
from actionset.model.tag_session import Roster, member_for_number, numbered
from actionset.safe_text import safe
from actionset.widgets.lines import needs_layout
from actionset.widgets.roster_table import RosterTable


class TagPane(Vertical):
    """Shows the meeting's contributions; the screen owns the keys and the journal."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"tag-pane--heading"}
    DEFAULT_CSS = """
    TagPane > .tag-pane--heading { color: $text-muted; }
    TagPane { width: 52; height: 1fr; border-left: tall $accent; padding: 0 1; }
    TagPane #members, TagPane #figures { height: auto; }
    TagPane #pending { height: 1; text-style: bold; color: $warning; }
    TagPane RosterTable { height: auto; max-height: 12; }
    TagPane #totals, TagPane #bars, TagPane #recent { margin: 1 0 0 0; }
    TagPane #totals, TagPane #mix, TagPane #recent, TagPane #quiet { height: auto; }
    TagPane #quiet { color: $warning; }
    """

    def __init__(
        self,
        roster: Roster,
        facilitator: str,
        codebook: Sequence[Code],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.numbers = numbered(roster)
        """Each member's number, as the number keys name them."""
        self.roster = list(self.numbers.values())
        self.facilitator = facilitator
        self.codebook = list(codebook)
        self._words: dict[str, str] = {}
        """The words each line of the pane shows: a line is updated only when they change."""

    def compose(self) -> ComposeResult:
        # the members above the figures; side by side where the pane is wide and low, and then
        # who has not yet asked across the foot of both, where the figures give way to it
        with Vertical(id="members"):
            yield Static(id="pending", markup=False)
            columns = [(" # ", None), ("Member", NAME_WIDTH + 1)]
            columns += [(f" {code.key} ", None) for code in self.codebook]
            yield RosterTable([*columns, ("  Q%", None)])
        yield Static(id="quiet", markup=False)
        # each heading drawn with its lines: a widget fewer to lay out and draw at every key
        with Vertical(id="figures"):
            yield Static(id="totals", markup=False)
            yield SlotBars(id="bars")
            yield Static(id="mix", markup=False)
            yield Static(id="recent", markup=False)

    def show(
        self,
        here: SlotFigures,
        meeting: Tally,
        recent: Sequence[Contribution],
        *,
        presenter: str,
        present: Sequence[str],
        counting: Sequence[str],
        review: bool = False,
        pending: int | None,
    ) -> None:
        """Repaint from the figures kept tag by tag (`RunningTally`); cheap enough for every
        key, however many tags the meeting has.

        In a slot (`presenter` given) `here` is the slot's figures; elsewhere, the whole
        meeting's. `counting` are the members who count here (`who_counts`); of them, those
        who asked no question are named in a slot, and in the process review (`review`) for
        the meeting. `recent` are the last contributions, the latest last.
        """
        self._show_pending(pending)
        quiet = here.not_yet_asked(counting) if presenter or review else []
        self._show_roster(here, presenter, present, quiet)
        label = "Not yet asked: " if presenter else "No question all meeting: "
        self._update("#quiet", label + ", ".join(quiet) if quiet else "")
        slot = f"Slot    {_totals(here.tally)}\n" if presenter else ""
        self._update("#totals", f"{slot}Meeting {_totals(meeting)}", heading="Slot · meeting")
        timeline = here.per_minute()
        width = max(SPARK_MINUTES, len(timeline.questions))
        self.query_one(SlotBars).show(
            _padded(timeline.questions, width), _padded(timeline.advice, width)
        )
        mix = here.phase_mix()
        self._update(
            "#mix", " · ".join(f"{phase}: {t.questions}q {t.advice}a" for phase, t in mix.items())
        )
        names = {code.name: code.key for code in self.codebook}
        lines = [
            f"{c.at[11:19]} {c.member} {names.get(c.code, c.code)}"
            + (f" “{c.note}”" if c.note else "")
            for c in recent[-3:]
        ]
        self._update("#recent", "\n".join(reversed(lines)) or "none yet", heading="Last tags")

    def _update(self, part: str, text: str, heading: str = "") -> None:
        """Show `text` (as typed: never markup) in the pane's Static `part`, if it changed,
        under its `heading` (muted) if it has one."""
        text, last = safe(text, "\n"), self._words.get(part)
        if last != text:
            self._words[part] = text
            line = self.query_one(part, Static)
            shown = Content(text)
            if heading:
                shown = Content.assemble((heading, ".tag-pane--heading"), "\n", shown)
                text, last = f"{heading}\n{text}", last and f"{heading}\n{last}"
            line.update(shown, layout=needs_layout(line, last, text))

    def _show_pending(self, pending: int | None) -> None:
        if pending is None:
            self._update("#pending", "Tag: member number, then code")
        else:
            codes = " ".join(code.key for code in self.codebook)
            self._update("#pending", f"{pending} {self.name_of(pending)} → {codes} (esc cancels)")

    def name_of(self, number: int) -> str:
        return member_for_number(self.numbers, self.facilitator, number) or "?"

    def _show_roster(
        self,
        here: SlotFigures,
        presenter: str,
        present: Sequence[str],
        quiet: Sequence[str],
    ) -> None:
        rows: list[list[Text]] = []
        for number, name in self.numbers.items():
            counts = here.member(name)
            facilitating = bool(self.facilitator) and name.casefold() == self.facilitator.casefold()
            label = roster_label(name, presenting=name == presenter, facilitating=facilitating)
            if name == presenter:
                style = "bold reverse"
            elif name not in present:
                style = "dim strike"
            elif name in quiet:
                style = "bold yellow"
            else:
                style = ""
            cells = [Text(f" {number} ", style=style), Text(label, style=style)]
            cells += [
                Text(str(counts.counts.get(code.name, 0) or ""), justify="center")
                for code in self.codebook
            ]
            cells.append(
                Text(f"{counts.question_share:.0%}" if counts.total else "", justify="right")
            )
            rows.append(cells)
        self.query_one(RosterTable).show(rows)  # it draws only the rows that changed


class SlotBars(Widget):
    """Questions and advice through the slot, a bar a minute, under their heading: two lines
    drawn from 0 to the busiest minute of either, so that they compare (Textual's Sparkline
    scales each line from its own smallest to its own largest value)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "slot-bars--heading",
        "slot-bars--questions",
        "slot-bars--questions-low",
        "slot-bars--advice",
        "slot-bars--advice-low",
    }
    DEFAULT_CSS = """
    SlotBars { height: 3; }
    SlotBars > .slot-bars--heading { color: $text-muted; }
    SlotBars > .slot-bars--questions { color: $success; }
    SlotBars > .slot-bars--questions-low { color: $success 40%; }
    SlotBars > .slot-bars--advice { color: $error; }
    SlotBars > .slot-bars--advice-low { color: $error 40%; }
    """
    HEADING = "Through the slot, a bar a minute"
    BARS = "▁▂▃▄▅▆▇█"
    LABEL = 2
    """Columns of each line's letter, `q` or `a`, and its space."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.questions: list[float] = []
        self.advice: list[float] = []

    def show(self, questions: list[float], advice: list[float]) -> None:
        """Draw these minutes, if they changed."""
        if (questions, advice) != (self.questions, self.advice):
            self.questions, self.advice = questions, advice
            self.refresh()

    def render(self) -> RenderResult:
        _, base = self.background_colors
        heading = base + self.get_component_styles("slot-bars--heading").color
        text = Text(no_wrap=True, overflow="crop")
        text.append(self.HEADING, Style(color=heading.rich_color))
        # One scale for both lines: a minute of 14 questions stands taller than one of 3 advice.
        top = max([*self.questions, *self.advice, 1.0])
        for letter, values, part in (
            ("q", self.questions, "questions"),
            ("a", self.advice, "advice"),
        ):
            text.append(f"\n{letter} ")
            low = base + self.get_component_styles(f"slot-bars--{part}-low").color
            high = base + self.get_component_styles(f"slot-bars--{part}").color
            text.append_text(self.bars(values, top, low, high))
        return text

    def bars(self, values: list[float], top: float, low: Color, high: Color) -> Text:
        """One line of bars as wide as the widget beside its letter, `top` a full bar."""
        width = self.size.width - self.LABEL
        text = Text()
        if not values or width <= 0:
            return text
        last = len(self.BARS) - 1
        # Anything above nothing shows at least one step up from the baseline.
        steps = [
            max(round(max(value, 0.0) / top * last), 1 if value > 0 else 0)
            for value in _columns(values, width)
        ]
        # A run of bars of one height is one piece of text in the colour of that height.
        for step, run in groupby(steps):
            colour = low.blend(high, step / last)
            text.append(self.BARS[step] * len(list(run)), Style(color=colour.rich_color))
        return text


def _columns(data: list[float], width: int) -> list[float]:
    """One value per column: the busiest of the values a column covers, or stretched."""
    if len(data) >= width:
        return [
            max(data[i * len(data) // width : (i + 1) * len(data) // width]) for i in range(width)
        ]
    return [data[i * len(data) // width] for i in range(width)]


NAME_WIDTH = 14
FACILITATING_MARK = "◆"
"""Marks the row of the member who facilitates now (whom 0 tags), on the console only."""
SPARK_MINUTES = 45  # a presenter's slot in the half-day agenda


def roster_label(name: str, *, presenting: bool = False, facilitating: bool = False) -> str:
    """A member's name in the roster's column, marked `▶` presenting and `◆` facilitating
    (whom 0 tags, now); one longer than the column ends in an ellipsis, its mark kept."""
    marks = ("▶ " if presenting else "") + (f"{FACILITATING_MARK} " if facilitating else "")
    shown = marks + safe(name)
    return shown if len(shown) <= NAME_WIDTH else shown[: NAME_WIDTH - 1] + "…"


def _padded(values: list[int], width: int) -> list[float]:
    """Minutes not reached yet stay empty, so the bars keep their place as the slot goes on."""
    return [float(v) for v in values] + [0.0] * (width - len(values))


def _totals(t: Tally) -> str:
    if not t.total:
        return "nothing tagged yet"
    other = f" · {t.other} other" if t.other else ""
    return f"{t.questions} q · {t.advice} adv{other} · {t.ratio_text.replace(' ', '')}"
