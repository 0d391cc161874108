"""The insights screen: a set's history as charts (question share, advice, actions, attendance,
presenters), computed once in a thread so that a set of a hundred meetings opens at once."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import LoadingIndicator, Static
from textual_plotext import PlotextPlot

from actionset import store as disk
from actionset.export.pack_scope import counted
from actionset.model.contributions import same_member
from actionset.model.history import History, history, percent
from actionset.model.voice import average_text
from actionset.model.voice_report import MeetingVoice, reaction, self_assessment
from actionset.safe_text import safe
from actionset.screens.base import AppScreen
from actionset.widgets.steady_footer import SteadyFooter

BAR = 0.4
"""A bar's width, of the space between two meetings: narrow enough that bars stay apart."""
TICKS = 5
SMALL_TICKS = 2
"""Dates written under a chart's x axis at most: more would run into each other."""
COLOURS = [(0, 150, 255), (255, 150, 0), (0, 190, 110), (220, 70, 200), (220, 190, 0),
           (0, 200, 220), (255, 80, 80), (150, 140, 255)]  # fmt: skip
"""Each line's or bar's colour, named in the key under its chart (a legend drawn over the
chart covered its lines)."""
DONE, NOT_YET = COLOURS[2], (140, 140, 140)


def key_line(series: list[tuple[str, tuple[int, int, int]]]) -> Text:
    """The names of a chart's lines or bars, each in its colour, for the line under it."""
    key = Text(no_wrap=False)
    for number, (name, (red, green, blue)) in enumerate(series):
        key.append("  " if number else "")
        key.append("■ ", style=f"rgb({red},{green},{blue})")
        key.append(safe(name))
    return key


class InsightsScreen(AppScreen):
    """A set's history across meetings, as charts. Push it with `InsightsScreen(store)`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Back", id="insights.close"),
    ]
    CSS_PATH = "insights.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(self, set_store: disk.SetStore, today: dt.date | None = None) -> None:
        super().__init__()
        self.set_store = set_store
        self.today = today
        self.figures: History | None = None
        """The set's history, once the worker has computed it."""
        self.voices: list[MeetingVoice] = []
        """Each meeting's voice (the members' pulse and self-assessment), with the figures."""

    def compose(self) -> ComposeResult:
        yield Static(self.set_store.slug, id="title", markup=False)
        yield LoadingIndicator()
        with VerticalScroll(id="scroll"), Grid(id="charts"):
            charts = ("share", "summary", "advice", "actions", "attendance", "presenters", "voice")
            for ident in charts:
                if ident == "summary":
                    yield Static(id="summary", markup=False)
                    continue
                with Vertical(id=f"{ident}-box", classes="chart"):
                    yield PlotextPlot(id=ident)
                    yield Static(id=f"{ident}-key", classes="key")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.query_one("#charts").display = False
        self.compute(self.today or self.actionset.today)

    @work(thread=True, exclusive=True, group="insights")
    def compute(self, today: dt.date) -> None:
        """Read the set and compute its history off the event loop, then draw it once."""
        from actionset.export.set_record import read_set_record
        from actionset.export.voice import read_set_voice

        try:
            figures = history(read_set_record(self.set_store, warn=False), today)
            voices = read_set_voice(self.set_store, warn=False)
        except disk.StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.show, figures, voices)

    def _failed(self, message: str) -> None:
        self.query_one(LoadingIndicator).display = False
        self.query_one("#title", Static).update(safe(message))

    def show(self, figures: History, voices: list[MeetingVoice] | None = None) -> None:
        """Draw every chart from the set's figures (and its members' voice, when they gave it)."""
        self.figures = figures
        self.voices = voices or []
        self.query_one(LoadingIndicator).display = False
        self.query_one("#charts").display = True
        self.query_one("#title", Static).update(
            safe(f"{figures.name}: {len(figures.meetings)} meetings")
        )
        if not figures.meetings:
            self.query_one("#summary", Static).update("No meetings yet.")
            return
        xs = list(range(1, len(figures.meetings) + 1))
        labels = [f.date.isoformat() for f in figures.meetings]

        def chart(ident: str, title: str) -> PlotextPlot:
            widget = self.query_one(f"#{ident}", PlotextPlot)
            widget.plt.clear_figure()
            widget.plt.title(title)
            return widget

        def dates_under(widget: PlotextPlot, most: int = TICKS) -> None:
            # After the drawing: a bar chart writes its own ticks. Few enough dates that none
            # overlap, or plotext leaves some out depending on the width it is first drawn at.
            step = max(1, -(-len(xs) // most))
            widget.plt.xticks([float(x) for x in xs[::step]], labels[::step])

        def key(ident: str, series: list[tuple[str, tuple[int, int, int]]]) -> None:
            self.query_one(f"#{ident}-key", Static).update(key_line(series))

        share = chart("share", "Question share per member (%)")
        lines: list[tuple[str, tuple[int, int, int]]] = []
        for member in figures.members:
            points = [
                (x, round(value * 100))
                for x, value in zip(xs, member.question_shares, strict=True)
                if value is not None
            ]
            if points:
                colour = COLOURS[len(lines) % len(COLOURS)]
                lines.append((member.name, colour))
                share.plt.plot([x for x, _ in points], [y for _, y in points], color=colour)
        key("share", lines)
        share.plt.ylim(0, 100)
        dates_under(share)

        advice = chart("advice", "Advice per meeting")
        advice.plt.bar(xs, [f.advice for f in figures.meetings], width=BAR)
        dates_under(advice, SMALL_TICKS)

        actions = chart("actions", "Actions reported on")
        done = [f.actions_completed for f in figures.meetings]
        rest = [f.actions_reported - f.actions_completed for f in figures.meetings]
        # plotext takes `color` as a list of colours here; its stubs know one colour.
        actions.plt.stacked_bar(xs, [done, rest], color=[DONE, NOT_YET], width=BAR)  # type: ignore[arg-type]
        key("actions", [("done", DONE), ("not yet", NOT_YET)])
        dates_under(actions, SMALL_TICKS)

        attendance = chart("attendance", "Attendance")
        present = [len(f.present) for f in figures.meetings]
        away = [f.expected - len(f.present) for f in figures.meetings]
        attendance.plt.stacked_bar(xs, [present, away], color=[DONE, NOT_YET], width=BAR)  # type: ignore[arg-type]
        key("attendance", [("present", DONE), ("away", NOT_YET)])
        dates_under(attendance, SMALL_TICKS)

        presenters = chart("presenters", "Rotation: who presented (●) and facilitated (◆) when")
        names = [m.name for m in figures.members]
        for f in figures.meetings:  # an adviser who is no member has a row of their own
            if f.facilitator and same_member(f.facilitator) not in map(same_member, names):
                names.append(f.facilitator)
        for row, name in enumerate(names, start=1):
            at = [x for x, f in zip(xs, figures.meetings, strict=True) if name in f.presenters]
            if at:
                presenters.plt.scatter(at, [row] * len(at), marker="●")
            led = [
                x
                for x, f in zip(xs, figures.meetings, strict=True)
                if same_member(f.facilitator) == same_member(name)
            ]
            if led:
                presenters.plt.scatter(led, [row] * len(led), marker="◆")
        presenters.plt.yticks(
            [float(row) for row in range(1, len(names) + 1)], [safe(n) for n in names]
        )
        presenters.plt.ylim(0.5, len(names) + 0.5)
        dates_under(presenters)

        dates = {f.date: x for x, f in zip(xs, figures.meetings, strict=True)}
        voiced = self.show_voice(chart("voice", "Members' pulse: each statement's average"), dates)
        dates_under(self.query_one("#voice", PlotextPlot))
        self.query_one("#summary", Static).update(
            "\n".join(
                [
                    f"Attendance {percent(figures.attendance_rate)}",
                    f"Action completion {percent(figures.completion_rate)} "
                    f"({figures.actions_done} of {figures.actions_due})",
                    f"Question share {percent(figures.growth.first_questions)} in the first "
                    f"three meetings, {percent(figures.growth.last_questions)} in the last three",
                    f"Advice share {percent(figures.growth.first_advice)} in the first three, "
                    f"{percent(figures.growth.last_advice)} in the last three",
                    f"Issues resolved {figures.issues_resolved}, parked {figures.issues_parked}",
                    f"Outcomes reported back {len(figures.outcomes)}",
                    *voiced,
                ]
            )
        )
        for widget in self.query(PlotextPlot):
            widget.refresh()

    def show_voice(self, plot: PlotextPlot, dates: dict[dt.date, int]) -> list[str]:
        """The pulse's chart, shown once a meeting has one, each statement a line from 1 to
        5; the summary's lines of the members' voice (none when there is none)."""
        held = [m for m in self.voices if m.pulse_answers and m.date in dates]
        self.query_one("#charts").set_class(bool(held), "-voice")
        lines: list[tuple[str, tuple[int, int, int]]] = []
        ids = list(dict.fromkeys(a.id for m in held for a in m.pulse))
        for ident in ids:
            points = [
                (dates[m.date], a.mean)
                for m in held
                for a in m.pulse
                if a.id == ident and a.mean is not None
            ]
            colour = COLOURS[len(lines) % len(COLOURS)]
            text = next(a.text for m in reversed(held) for a in m.pulse if a.id == ident)
            lines.append((text, colour))
            plot.plt.plot([x for x, _ in points], [y for _, y in points], color=colour)
        plot.plt.ylim(1, 5)
        self.query_one("#voice-key", Static).update(key_line(lines))
        return voice_summary(self.voices)

    def action_close(self) -> None:
        self.dismiss()


def voice_summary(voices: list[MeetingVoice]) -> list[str]:
    """The members' voice in the summary's words: the pulse over every meeting, and the
    self-assessment at the first meeting against the latest, each with its n."""
    out = []
    pulse = reaction(voices)
    if pulse.collected:
        rated = " · ".join(
            f"{a.id} {average_text(a.mean)}" for a in pulse.averages if a.mean is not None
        )
        answers = counted(pulse.answers, "answer", "answers")
        meetings = counted(pulse.meetings, "meeting", "meetings")
        out.append(f"Pulse (of 5, {answers} at {meetings}): {rated}")
    selves = self_assessment(voices)
    if selves.compared:
        changes = " · ".join(
            f"{a.id} {average_text(a.mean)} → {average_text(latest.mean)}"
            for a in selves.first
            for latest in selves.latest
            if a.id == latest.id and a.mean is not None and latest.mean is not None
        )
        out.append(
            f"Self-assessment, first to latest (n={selves.first_answers}, "
            f"{selves.latest_answers}): {changes}"
        )
    elif selves.collected:
        out.append(f"Self-assessment at one meeting so far (n={selves.first_answers})")
    return out
