"""The console's keys for the members' voice: open a round for the phones (a self-assessment
in the check-in, a reflection in the process review, a pulse at the close), see how many have
answered as they do, let a member without a phone answer on the laptop, close it, show a
reflection's lines to the room; and show the members' page's address on the projector as a
QR code.

The rounds live in the meeting's voice file (`actionset.model.voice`), which the server
appends the phones' answers to: the console reads it again whenever it changed, once a second
while a round is open. The room sees nothing of a round until its lines are released, and then
only the lines, with no name and in no order of answering."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Static

from actionset.model.meeting import PhaseKind
from actionset.screens.console_parts import ConsoleParts

if TYPE_CHECKING:
    from actionset.model.voice import Round, RoundKind, Voice

ROUND_OF_PHASE: dict[PhaseKind, RoundKind] = {
    PhaseKind.check_in: "self",
    PhaseKind.process_review: "reflection",
    PhaseKind.close: "pulse",
}
"""The round `A` opens in each phase it opens one in."""
LOOK_SECONDS = 1.0
"""How often the console looks at the voice file while a round is open."""

VOICE_BINDINGS = [
    Binding(
        "A",
        "voice_round",
        "Ask room",
        priority=True,
        id="voice.round",
        tooltip="the phones' round: open, close, show its lines",
    ),
    Binding(
        "L",
        "voice_laptop",
        "Answer here",
        priority=True,
        id="voice.laptop",
        tooltip="a member without a phone answers the round here",
    ),
    Binding(
        "Q",
        "voice_address",
        "QR code",
        priority=True,
        id="voice.address",
        tooltip="the members' page's QR code on the projector, or off it",
    ),
]


class VoiceLine(Static):
    """The console's line for the latest round of the members' voice."""

    DEFAULT_CSS = """
    VoiceLine { display: none; height: 1; padding: 0 1; border-left: thick $success; }
    """


def round_words(a_round: Round, present: int) -> str:
    """The console's line for the latest round: where it stands and what `A` does next."""
    name = a_round.name.capitalize()
    if a_round.is_open:
        return f"{name} open · {a_round.count} of {present} answered · Q the code · A closes it"
    lines = len(a_round.lines())
    if a_round.kind == "reflection" and a_round.released is None and lines:
        return f"{name} closed · {lines} line{'s' if lines != 1 else ''} · A shows them to the room"
    if a_round.kind == "reflection" and a_round.released is not None:
        return f"{name}: the room sees its {lines} line{'s' if lines != 1 else ''}, anonymous"
    return f"{name} closed · {a_round.count} of {present} answered"


class VoiceKeys(ConsoleParts):
    """Open, follow, close and release the rounds the members answer on their phones."""

    _voice_seen: int | None = None
    _voice_timer: Timer | None = None
    voice: Voice | None = None
    address_shown = False
    """The projector shows the members' page's address (`Q`), until the console quits."""

    def voice_waits(self) -> bool:
        """A round is open, or a reflection's lines wait to be shown: `A` acts in any phase."""
        latest = self.latest_round()
        return latest is not None and (latest.is_open or self.to_release(latest))

    def latest_round(self) -> Round | None:
        voice = self.voice
        return next(reversed(voice.rounds.values()), None) if voice and voice.rounds else None

    @staticmethod
    def to_release(a_round: Round) -> bool:
        return (
            a_round.kind == "reflection"
            and not a_round.is_open
            and a_round.released is None
            and bool(a_round.lines())
        )

    def start_voice(self) -> None:
        """On mount: the rounds the meeting's voice file has (a console opened again)."""
        self.read_voice()

    def read_voice(self) -> None:
        """The voice file read again when it changed; the console's line follows it."""
        session = self.session
        if session is None:
            return
        date = self.clock.meeting.date
        try:
            stamp = session.set_store.voice_path(date).stat().st_mtime_ns
        except OSError:
            stamp = 0
        if stamp != self._voice_seen:
            self._voice_seen = stamp
            self.voice = session.set_store.read_voice(date).voice
        self.show_voice()

    def show_voice(self) -> None:
        latest = self.latest_round()
        box = self.query_one(VoiceLine)
        box.display = latest is not None
        if latest is not None:
            present = sum(1 for m in self.roster if self.clock.meeting.is_present(m))
            box.update(round_words(latest, present))
        looking = latest is not None and latest.is_open
        if looking and self._voice_timer is None:
            self._voice_timer = self.set_interval(LOOK_SECONDS, self.read_voice)
        elif not looking and self._voice_timer is not None:
            self._voice_timer.stop()
            self._voice_timer = None

    def write_voice(self, record: dict[str, Any]) -> bool:
        """The line appended to the meeting's voice file; refused or not written, said."""
        from actionset import store as disk

        session = self.session
        assert session is not None
        try:
            session.set_store.append_voice(self.clock.meeting.date, record)
        except disk.StoreError as error:
            session.set_store.damaged.clear()
            self.notify(f"Not saved: {error}", severity="error", timeout=8, markup=False)
            return False
        self.read_voice()
        self.fit_footer()
        return True

    def voice_now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.actionset.now()).astimezone()

    def action_voice_round(self) -> None:
        """Open the phase's round; with one open, close it; a reflection's lines, release."""
        from actionset.model.voice import close_line, release_line

        if self.session is None:
            self.notify("The members' voice needs the set's files.", severity="warning")
            return
        self.read_voice()
        latest = self.latest_round()
        if latest is not None and latest.is_open:
            # No notice: the voice line says it, and a notice would cover the line at 80x24.
            self.write_voice(close_line(latest.id, self.voice_now()))
            return
        if latest is not None and self.to_release(latest):
            self.write_voice(release_line(latest.id, self.voice_now()))
            return
        phase = self.clock.phase
        kind = ROUND_OF_PHASE.get(phase.kind) if phase is not None else None
        if kind is None:
            return  # the keyboard lets A act only where a round opens (or one waits)
        held = [r for r in self.voice.of_kind(kind) if not r.for_paper] if self.voice else []
        if held:
            self.ask_another(held[-1])
            return
        self.open_round(kind)

    def ask_another(self, closed: Round) -> None:
        """A round of this kind was held at this meeting already: another only when asked
        for, and its answers pool with the first's in the minutes and the history."""
        from actionset.export.pack_scope import counted
        from actionset.screens.yes_no import YesNoScreen

        name = closed.name
        question = (
            f"The {name} ({closed.id}) is closed with {counted(closed.count, 'answer', 'answers')}."
            f"\nOpen another {name} at this meeting?\nIts answers count with the first's."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_round(closed.kind)

        self.app.push_screen(YesNoScreen(question), answered)

    def open_round(self, kind: RoundKind) -> None:
        from actionset.model.voice import round_line
        from actionset.model.voice_settings import set_scales

        voice = self.voice
        round_id = voice.next_round_id() if voice is not None else "r1"
        scale = set_scales(self.the_set.scales)[kind]
        self.write_voice(round_line(round_id, scale, self.voice_now()))

    def action_voice_laptop(self) -> None:
        """A member without a phone answers the open round here (`screens.voice_answer`)."""
        from actionset.model.voice_settings import answer_limit
        from actionset.screens.voice_answer import answer_on_laptop

        session = self.session
        if session is None:
            return
        date = self.clock.meeting.date
        limit = answer_limit(self.the_set, date)
        answer_on_laptop(
            self, session.set_store, date, self.voice_now, limit=limit, saved=self.read_voice
        )

    def action_voice_address(self) -> None:
        """The members' page's address as a QR code on the projector, or off it again."""
        session = self.session
        if session is None:
            return
        shown = self.address_shown = not self.address_shown
        session.lock.tell_room(address=shown)
        self.notify(
            "The projector shows the members' page's QR code (Q hides it)."
            if shown
            else "The projector no longer shows the QR code.",
            timeout=4,
        )
