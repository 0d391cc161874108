"""The projector's part of the members' voice: the members' page as a QR code while the
console asks for it (`Q`), and a reflection's lines once the facilitator released them (`A`),
in the process review, with no name and in no order of answering.

The address itself is never written out on the room's screen: its token is only in the code,
which a phone must be in the room to read."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from actionset import store as disk
from actionset.model.meeting import PhaseKind
from actionset.safe_text import safe
from actionset.screens.base import AppScreen

if TYPE_CHECKING:
    from actionset.model.clock import MeetingClock

SCAN = "Answer on your phone: point its camera at the code"
NO_ADDRESS = (
    "The members' page is served by `actionset project SET --serve --lan`:\n"
    "open the projector in its browser page, or scan the code it printed."
)
LINES_HEADING = "What we said (anonymous)"


def released_lines(voice_lines: list[str]) -> list[str]:
    """A reflection's lines as the room sees them: in alphabetical order, which says nothing
    of who answered when."""
    return sorted(voice_lines, key=str.casefold)


class ProjectorVoice(AppScreen):
    """Show the members' page's code when asked, and a reflection's lines once released."""

    set_store: disk.SetStore
    followed: disk.FollowedMeeting
    clock: MeetingClock | None
    members_address: str | None = None
    """The members' page, as the server that runs this projector gave it (None: no server)."""
    _code_shown: bool | None = None
    _voice_seen: tuple[object, ...] | None = None
    voice_lines_shown: tuple[str, ...] = ()
    """The lines the room sees of a released reflection, as the screen's fit counts them."""

    if TYPE_CHECKING:

        def on_resize(self) -> None:
            """Fit the board to what shows under it (the projector's own)."""

    def compose_voice(self) -> ComposeResult:
        yield Static(id="members", markup=False)
        yield Static(id="voice-lines", markup=False)

    def follow_voice(self) -> None:
        """The code on or off as the console asks, and the lines as the voice file has them
        (looked at on every poll; read only when it changed)."""
        wanted = bool(self.followed.room.get("address"))
        if wanted != self._code_shown:
            self._code_shown = wanted
            self.show_code(wanted)
        clock = self.clock
        reviewing = (
            clock is not None
            and not clock.ended
            and clock.phase is not None
            and clock.phase.kind is PhaseKind.process_review
        )
        date = self.followed.date
        try:
            stamp: object = self.set_store.voice_path(date).stat().st_mtime_ns
        except OSError:
            stamp = None
        seen = (date, stamp, reviewing)
        if seen == self._voice_seen:
            return
        self._voice_seen = seen
        self.show_lines(self.lines_released(date) if reviewing and stamp is not None else [])

    def lines_released(self, date: dt.date) -> list[str]:
        try:
            voice = self.set_store.read_voice(date).voice
        except disk.StoreError:
            self.set_store.damaged.clear()
            return []
        released = [r for r in voice.of_kind("reflection") if r.released is not None]
        return released_lines(released[-1].lines()) if released else []

    def show_code(self, shown: bool) -> None:
        from actionset.qr import qr_lines

        box = self.query_one("#members", Static)
        box.display = shown
        self.set_class(shown, "-members-page")
        if not shown:
            return
        if self.members_address is None:
            box.update(NO_ADDRESS)
            return
        code = Text("\n".join(qr_lines(self.members_address)), style="#000000 on #ffffff")
        box.update(Text.assemble(SCAN, "\n\n", code, justify="center"))

    def show_lines(self, lines: list[str]) -> None:
        box = self.query_one("#voice-lines", Static)
        box.display = bool(lines)
        shown = [LINES_HEADING, *(f"· {line}" for line in lines)]
        box.update(safe("\n".join(shown), "\n") if lines else "")
        self.voice_lines_shown = tuple(shown) if lines else ()
        self.on_resize()
