"""The tagging pane: the roster, who asks and who advises, and how the mix moves."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Sparkline, Static

from actionset.model.set import Code
from actionset.model.tags import (
    Contribution,
    not_yet_asked,
    per_minute,
    phase_mix,
    slot,
    tally,
    tally_by_member,
)


class TagPane(Vertical):
    """Shows the meeting's contributions; the screen owns the keys and the journal."""

    DEFAULT_CSS = """
    TagPane { width: 46; height: 1fr; border-left: tall $accent; padding: 0 1; }
    TagPane #pending { height: 1; text-style: bold; color: $warning; }
    TagPane DataTable { height: auto; max-height: 12; }
    TagPane .heading { color: $text-muted; height: 1; margin: 1 0 0 0; }
    TagPane #totals, TagPane #mix, TagPane #recent, TagPane #quiet { height: auto; }
    TagPane #quiet { color: $warning; }
    TagPane Sparkline { height: 2; }
    TagPane #questions > .sparkline--max-color { color: $success; }
    TagPane #questions > .sparkline--min-color { color: $success 40%; }
    TagPane #advice > .sparkline--max-color { color: $error; }
    TagPane #advice > .sparkline--min-color { color: $error 40%; }
    """

    def __init__(self, roster: Sequence[str], facilitator: str, codebook: Sequence[Code],
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.roster = list(roster)
        self.facilitator = facilitator
        self.codebook = list(codebook)

    def compose(self) -> ComposeResult:
        yield Static(id="pending")
        table: DataTable[str | Text] = DataTable(cursor_type="none", show_cursor=False)
        table.can_focus = False
        yield table
        yield Static(id="quiet")
        yield Static("Slot · meeting", classes="heading")
        yield Static(id="totals")
        yield Static("Questions / advice per minute", classes="heading")
        yield Sparkline([], id="questions")
        yield Sparkline([], id="advice")
        yield Static(id="mix")
        yield Static("Last tags", classes="heading")
        yield Static(id="recent")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="number")
        table.add_column("Member", key="member")
        for code in self.codebook:
            table.add_column(code.key, key=code.name)
        table.add_column("Q%", key="share")
        table.add_column("Q:A", key="ratio")

    def show(self, contributions: Sequence[Contribution], *, presenter: str,
             present: Sequence[str], pending: int | None) -> None:
        """Repaint from the standing contributions; cheap enough for every key."""
        here = slot(contributions, presenter) if presenter else list(contributions)
        self._show_pending(pending)
        self._show_roster(here, presenter, present)
        quiet = not_yet_asked(here, self.codebook, [m for m in self.roster if m in present],
                              presenter)
        self.query_one("#quiet", Static).update(
            ("Not yet asked: " + ", ".join(quiet)) if quiet and presenter else "")
        in_slot, in_meeting = tally(here, self.codebook), tally(contributions, self.codebook)
        self.query_one("#totals", Static).update(
            f"Slot: {in_slot.questions} q · {in_slot.advice} adv · {in_slot.other} other"
            f" · {in_slot.question_share:.0%} q\n"
            f"Meeting: {in_meeting.questions} q · {in_meeting.advice} adv"
            f" · {in_meeting.other} other · {in_meeting.ratio_text}")
        timeline = per_minute(here, self.codebook)
        self.query_one("#questions", Sparkline).data = timeline.questions or [0]
        self.query_one("#advice", Sparkline).data = timeline.advice or [0]
        mix = phase_mix(here, self.codebook)
        self.query_one("#mix", Static).update(
            " · ".join(f"{phase}: {t.questions}q {t.advice}a" for phase, t in mix.items()))
        names = {code.name: code.key for code in self.codebook}
        recent = [f"{c.at[11:19]} {c.member} {names.get(c.code, c.code)}"
                  + (f" “{c.note}”" if c.note else "") for c in contributions[-3:]]
        self.query_one("#recent", Static).update("\n".join(reversed(recent)) or "none yet")

    def _show_pending(self, pending: int | None) -> None:
        label = self.query_one("#pending", Static)
        if pending is None:
            label.update("Tag: member number, then code")
        else:
            codes = " ".join(code.key for code in self.codebook)
            label.update(f"{pending} {self.name_of(pending)} → {codes} (esc cancels)")

    def name_of(self, number: int) -> str:
        if number == 0:
            return self.facilitator or "Facilitator"
        return self.roster[number - 1] if 0 < number <= len(self.roster) else "?"

    def _show_roster(self, here: Sequence[Contribution], presenter: str,
                     present: Sequence[str]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        by_member = tally_by_member(here, self.codebook, self.roster)
        for number, name in enumerate(self.roster, start=1):
            if number > 9:
                break
            counts = by_member[name]
            if name == presenter:
                style, label = "bold reverse", f"{name} (presenting)"
            elif name not in present:
                style, label = "dim", f"{name} (away)"
            elif counts.questions == 0 and presenter:
                style, label = "bold yellow", name
            else:
                style, label = "", name
            cells = [Text(str(number), style=style), Text(label, style=style)]
            cells += [str(counts.counts.get(code.name, 0) or "") for code in self.codebook]
            cells += [f"{counts.question_share:.0%}" if counts.total else "",
                      counts.ratio_text if counts.total else ""]
            table.add_row(*cells)
