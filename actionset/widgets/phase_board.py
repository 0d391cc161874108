"""The face of the meeting clock, shared by the facilitator console and the projector."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import ProgressBar, Static

from actionset.model.clock_words import DOT, Face
from actionset.safe_text import safe
from actionset.widgets.big_clock import BigClock
from actionset.widgets.lines import needs_layout

STATES = ("normal", "warning", "over")


def fit_status(face: Face, width: int) -> str:
    """The status line in `width` cells: the finish goes first, then the end of the phase's
    title, so the time left is always seen."""
    line = face.status_long
    if not width or len(line) <= width:
        return line
    line = face.status_short
    if len(line) <= width:
        return line
    title, dot, time_left = line.rpartition(DOT)
    room = width - len(dot) - len(time_left) - 1
    if not dot or room < 1:
        return line
    return f"{title[:room].rstrip()}…{dot}{time_left}"


class PhaseBoard(Vertical):
    """Phase and presenter, the big countdown, the rule, the status line, progress and next."""

    DEFAULT_CSS = """
    PhaseBoard { height: 1fr; padding: 0; }
    PhaseBoard #phase { text-style: bold; height: auto; }
    PhaseBoard #presenter { color: $text-muted; height: auto; }
    PhaseBoard BigClock { min-height: 5; }
    PhaseBoard #rule { color: $accent; text-style: italic; height: auto; margin: 1 0 0 0; }
    PhaseBoard #status { height: 1; margin: 1 0 0 0; text-wrap: nowrap; text-overflow: ellipsis; }
    PhaseBoard #squeeze { color: $warning; height: auto; }
    PhaseBoard #next { color: $text-muted; height: auto; }
    PhaseBoard #view { color: $text-muted; height: 1; width: 1fr; text-align: center; }
    PhaseBoard #ground-rules { height: auto; max-height: 50%; color: $text; overflow: hidden; }
    PhaseBoard #progress { height: 1; }
    PhaseBoard ProgressBar { height: 1; width: 1fr; }
    PhaseBoard ProgressBar Bar { width: 1fr; }
    PhaseBoard #progress-label { width: auto; color: $text-muted; padding: 0 0 0 1; }
    PhaseBoard #live { height: 1fr; }
    PhaseBoard #ended { display: none; width: 1fr; height: 1fr; content-align: center middle;
                        text-style: bold; }
    PhaseBoard.-ended #live { display: none; }
    PhaseBoard.-ended #ended { display: block; }
    PhaseBoard.-warning BigClock { color: $warning; }
    PhaseBoard.-over BigClock { color: $error; }
    PhaseBoard.-over.-blink-off BigClock { color: $error 40%; }
    PhaseBoard.-paused #status { text-style: italic; }
    """

    def __init__(self, *, ground_rules: list[str] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ground_rules = list(ground_rules or [])
        self._face: Face | None = None
        self._blink_off = False
        self._shown: dict[str, str] = {}  # the words each line shows now
        self.stacked = False
        """Only a strip (phase, presenter, time left, progress) above a narrow console's panel."""

    def compose(self) -> ComposeResult:
        with Vertical(id="live"):
            yield Static(id="phase", markup=False)
            yield Static(id="presenter", markup=False)
            yield BigClock()
            yield Static(id="view")
            yield Static(id="rule", markup=False)
            yield Static(id="ground-rules", markup=False)
            yield Static(id="status", markup=False)
            yield Static(id="squeeze", markup=False)
            with Horizontal(id="progress"):
                yield ProgressBar(show_eta=False, show_percentage=False)
                yield Static(id="progress-label")
            yield Static(id="next", markup=False)
        yield Static(id="ended")

    def show(self, face: Face, *, blink_off: bool = False) -> None:
        """Paint the clock's face; what did not change since the last paint is left alone,
        so a paused clock costs no layout at all."""
        last, self._face = self._face, face
        if last is not None and face == last and blink_off == self._blink_off:
            return
        self._blink_off = blink_off
        self.set_class(face.ended, "-ended")
        if face.ended:
            # A calm end: no frozen digits, no bar, nothing next.
            self._update("#ended", face.end_line)
            for name in (*STATES, "blink-off", "paused"):
                self.remove_class(f"-{name}")
            return
        self._update("#phase", face.title)
        self._update("#presenter", face.presenter)
        if last is None or face.time != last.time:
            self.query_one(BigClock).text = face.time
        self._update("#view", face.view)
        self.query_one("#view").display = bool(face.view) and not self.stacked
        self._update("#rule", face.rule)
        rules = self.query_one("#ground-rules", Static)
        rules.display = face.check_in and bool(self.ground_rules) and not self.stacked
        if rules.display and (last is None or not last.check_in):
            rules.update(Text("\n").join(Text(f"· {safe(rule)}") for rule in self.ground_rules))
        self.paint_status()
        self._update("#squeeze", face.squeeze)
        if last is None or (face.done, face.whole) != (last.done, last.whole):
            self.query_one(ProgressBar).update(total=face.whole, progress=face.done)
        self._update("#progress-label", face.progress)
        self._update("#next", face.next)
        for name in STATES:
            self.set_class(face.state == name, f"-{name}")
        self.set_class(blink_off, "-blink-off")
        self.set_class(face.paused, "-paused")

    def stack(self, stacked: bool) -> None:
        """Shrink the board to a strip above a narrow console's panel, or grow it back. Each
        part's own style is set: a class on the board would restyle all of it at each `t`."""
        if stacked == self.stacked:
            return
        self.stacked = stacked
        height = "auto" if stacked else None  # None: the stylesheet's again
        self.styles.height = height
        self.query_one("#live").styles.height = height
        self.query_one("#status").styles.margin = 0 if stacked else None
        for part in (self.query_one(BigClock), *self.query("#rule, #next")):
            part.display = not stacked
        face = self._face
        self.query_one("#view").display = face is not None and bool(face.view) and not stacked
        rules = self.query_one("#ground-rules")
        rules.display = face is not None and face.check_in and bool(self.ground_rules)
        rules.display = rules.display and not stacked

    def paint_status(self) -> None:
        """The status line at the width it has (again when that width changes)."""
        if self._face is not None and not self._face.ended:
            status = self.query_one("#status", Static)
            self._update("#status", fit_status(self._face, status.size.width))

    def on_resize(self) -> None:
        self.paint_status()

    def _update(self, selector: str, text: str) -> None:
        """Update a line only when its words change, and lay the screen out again only when
        its size may change: a layout pass costs more than the rest of a second's repaint."""
        text, last = safe(text, "\n"), self._shown.get(selector)
        if last == text:
            return
        self._shown[selector] = text
        line = self.query_one(selector, Static)
        line.update(text, layout=needs_layout(line, last, text))
