"""The face of the meeting clock, shared by the facilitator console and the projector."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, ProgressBar, Static

from actionset.model.clock import DOT, MeetingClock
from actionset.model.meeting import PhaseKind
from actionset.widgets.big_clock import BigClock

STATES = ("normal", "warning", "over")


def fit_status(clock: MeetingClock, width: int) -> str:
    """The status line in `width` cells: the finish goes first, then the end of the phase's
    title, so the time left is always seen."""
    line = clock.status_line(finish=True)
    if not width or len(line) <= width:
        return line
    line = clock.status_line()
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
    PhaseBoard Digits { width: auto; height: 3; margin: 1 0 0 0; }
    PhaseBoard BigClock { display: none; }
    PhaseBoard.-big Digits { display: none; }
    PhaseBoard.-big BigClock { display: block; min-height: 5; }
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
    PhaseBoard.-warning Digits, PhaseBoard.-warning BigClock { color: $warning; }
    PhaseBoard.-over Digits, PhaseBoard.-over BigClock { color: $error; }
    PhaseBoard.-over.-blink-off Digits, PhaseBoard.-over.-blink-off BigClock {
        color: $error 40%;
    }
    PhaseBoard.-paused #status { text-style: italic; }
    """

    def __init__(self, *, big: bool = False, ground_rules: list[str] | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_class(big, "-big")
        self.ground_rules = list(ground_rules or [])

    def compose(self) -> ComposeResult:
        with Vertical(id="live"):
            yield Static(id="phase", markup=False)
            yield Static(id="presenter", markup=False)
            yield Digits("00:00")
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

    def show(self, clock: MeetingClock, *, blink_off: bool = False) -> None:
        """Paint the clock as it stands now."""
        phase = clock.phase
        number = clock.meeting.clock.phase + 1
        total = len(clock.meeting.agenda)
        ended = phase is None or clock.ended
        self.set_class(ended, "-ended")
        if phase is None or clock.ended:
            # A calm end: no frozen digits, no bar, nothing next.
            self.query_one("#ended", Static).update(clock.end_line())
            for name in (*STATES, "blink-off", "paused"):
                self.remove_class(f"-{name}")
            return
        paused = "" if clock.meeting.clock.running else "  (paused)"
        self.query_one("#phase", Static).update(f"{phase.title}{paused}")
        presenter = f"Presenter: {phase.presenter}" if phase.presenter else ""
        self.query_one("#presenter", Static).update(
            f"Phase {number} of {total}" + (f" · {presenter}" if presenter else ""))
        text = clock.time_text()
        self.query_one(Digits).update(text)
        self.query_one(BigClock).text = text
        label = self.query_one("#view", Static)
        label.update(clock.view_label())
        label.display = bool(clock.view_label())
        self.query_one("#rule", Static).update(phase.rule)
        rules = self.query_one("#ground-rules", Static)
        rules.display = phase.kind is PhaseKind.check_in and bool(self.ground_rules)
        if rules.display:
            rules.update(Text("\n").join(Text(f"· {rule}") for rule in self.ground_rules))
        status = self.query_one("#status", Static)
        status.update(fit_status(clock, status.size.width))
        self.query_one("#squeeze", Static).update(clock.squeeze() or "")
        done, whole = clock.progress()
        self.query_one(ProgressBar).update(total=max(whole, 1), progress=min(done, whole))
        self.query_one("#progress-label", Static).update(clock.progress_label())
        upcoming = clock.next_phase()
        if upcoming is None:
            self.query_one("#next", Static).update("Next: the end of the meeting")
        else:
            who = f" ({upcoming.presenter})" if upcoming.presenter else ""
            self.query_one("#next", Static).update(
                f"Next: {upcoming.title}{who} · {round(upcoming.allotted / 60)} min")
        state = clock.state()
        for name in STATES:
            self.set_class(state == name, f"-{name}")
        self.set_class(blink_off, "-blink-off")
        self.set_class(not clock.meeting.clock.running, "-paused")
