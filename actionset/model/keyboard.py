"""Who gets each key in the console: the mode the keys are in, and for every key whether the
console acts on it, hands it on (to the phase's panel or a field), or refuses it.

One table (`KEYS`) says in which modes each of the console's keys acts; the console asks it
for every key (its `check_action`), its Footer shows the keys it allows, and its help lists
them by mode, so the three cannot disagree. A letter the console refuses is taken as typing
that missed its field: the keys are then held, and the letters that follow do nothing to the
meeting until escape (`Mode.held`).

Typing never runs a command: a key pressed on its own is a command, keys that follow one
another faster than a person presses commands are typing (`Burst`). What the first keys of a
burst did is undone and the keys are held; what would show at once (a list to tick, a form,
the room's summary, a panel's letter) waits until its key stands alone (`WAITS`)."""

from __future__ import annotations

import enum
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from actionset.model.coach import QUESTIONING
from actionset.model.meeting import PhaseKind


class Mode(enum.StrEnum):
    """What the keys are doing now, as the console's mode line says it."""

    command = "command"
    """The console's keys: the clock, tagging (a number, then a code) and the meeting."""
    member = "member"
    """A member's number was pressed: a code tags them, another number replaces them."""
    panel = "panel"
    """The phase's panel shows: its letters and the digits are the panel's, the clock's keys
    stay the console's."""
    typing = "typing"
    """A text field has the keys: every letter is text, until enter or escape."""
    draft = "draft"
    """A field shows text it has not saved while it is not focused: letters go back to it."""
    held = "held"
    """A letter was refused: the keys are held, letters do nothing until escape."""


@dataclass(frozen=True, slots=True)
class KeyState:
    """What the console is showing, as far as the keys care."""

    phase: PhaseKind | None = None
    """The kind of the phase running; None before the first or once the meeting has ended."""
    panel: bool = False
    """The phase has a panel beside the clock."""
    pane: bool = False
    """The tag pane is shown (over the panel, when the phase has one)."""
    member: int | None = None
    """The member's number pressed, waiting for a code."""
    field: bool = False
    """A text field has focus."""
    draft: bool = False
    """A field shows text not yet saved (focused or not)."""
    held: str = ""
    """Why the keys are held, once a letter was refused; empty while they are not."""
    ended: bool = False
    """The meeting has ended (p reopens it)."""
    prompt: bool = False
    """A coach's prompt waits to be dismissed."""
    panel_keys: frozenset[str] = frozenset()
    """The keys the phase's panel binds, while it has focus (its letters come before a stray's)."""
    voice: bool = False
    """A round of the members' voice is open, or a reflection's lines wait to be shown."""

    @property
    def mode(self) -> Mode:
        """The mode the keys are in: typing wins over all, then a draft, then held keys."""
        if self.field:
            return Mode.typing
        if self.draft:
            return Mode.draft
        if self.held:
            return Mode.held
        if self.member is not None:
            return Mode.member
        if self.panel and not self.pane:
            return Mode.panel
        return Mode.command


ALL = frozenset(Mode) - {Mode.typing}
"""Everywhere but in a field: keys no one types as text (ctrl+q, and the plan's undo)."""
COMMANDS = frozenset({Mode.command, Mode.panel})


PANEL_KEY = "panel_key"
"""The table's name for any key of the phase's panel (the panel asks it for each of its own)."""


@dataclass(frozen=True, slots=True)
class Key:
    """One of the console's actions and the modes it acts in."""

    action: str
    modes: frozenset[Mode]
    letter: bool = True
    """A key a person types as text (a letter, a digit, space, + - [ ]): refused, it holds."""


KEYS: tuple[Key, ...] = (
    # the clock and the meeting
    Key("start_pause", COMMANDS),
    Key("next", COMMANDS),
    Key("previous", COMMANDS),
    Key("adjust", COMMANDS),
    Key("rebalance", COMMANDS),
    Key("insert_break", COMMANDS),
    Key("cycle_view", COMMANDS),
    Key("toggle_mute", COMMANDS),
    Key("choose_presenters", COMMANDS),
    Key("take_attendance", COMMANDS),
    Key("show_summary", COMMANDS),
    # tagging: a number, then a code
    Key("toggle_tags", frozenset({Mode.command, Mode.panel, Mode.member})),
    Key("pick", frozenset({Mode.command})),
    Key("repick", frozenset({Mode.member})),
    Key("code", frozenset({Mode.member})),
    Key("repeat", frozenset({Mode.command})),
    Key("cancel_pick", frozenset({Mode.member}), letter=False),
    Key("undo_tag", frozenset({Mode.command})),
    Key("note_tag", frozenset({Mode.command})),
    Key("contributions", frozenset({Mode.command})),
    Key("dismiss_prompt", frozenset({Mode.command}), letter=False),
    # the members' voice: a round for their phones, and the page's address on the projector
    Key("voice_round", COMMANDS),
    Key("voice_laptop", COMMANDS),  # a member without a phone answers on the laptop
    Key("voice_address", COMMANDS),
    # the phase's panel's own keys, while it (or its field) has focus: never while held
    Key(PANEL_KEY, frozenset({Mode.panel, Mode.typing, Mode.draft}), letter=False),
    # the keys themselves
    Key("release", frozenset({Mode.held}), letter=False),
    Key("stray", frozenset({Mode.command, Mode.panel, Mode.member, Mode.draft, Mode.held})),
    Key("swallow", frozenset({Mode.held}), letter=False),
    Key("help", frozenset(Mode) - {Mode.typing, Mode.draft, Mode.held}),  # "why?" typed on
    Key("save_and_quit", ALL, letter=False),
    Key("undo_plan", ALL, letter=False),
)
"""Every console key's modes, by its action (a binding's action without its arguments)."""

BY_ACTION = {key.action: key for key in KEYS}

VOICE_PHASES = frozenset({PhaseKind.check_in, PhaseKind.process_review, PhaseKind.close})
"""Where `A` opens a round of the members' voice (`screens.console_voice.ROUND_OF_PHASE`)."""

ENDED_DEAD = frozenset({"start_pause", "next", "adjust", "rebalance", "insert_break", "cycle_view"})
"""What does nothing once the meeting has ended (`p` reopens it; tags and help still work)."""


def acts(state: KeyState, action: str, name: str = "") -> bool:
    """Whether the console's key for `action` acts now; when not, the key goes on to the
    panel or the field that has focus. An action not in the table (a key added later) acts
    everywhere but in a field.

    `stray` is a character that reached no one else (`name` its key's name): the console takes it
    before the panel or a field can, so that it decides in the same pass as its own keys,
    before the next key arrives. It holds the keys (`refusal`), or in a draft goes back to
    the draft's field; while held, it and `swallow` (enter, tab, backspace, delete) do
    nothing."""
    key = BY_ACTION.get(action)
    mode = state.mode
    if key is None:
        return mode is not Mode.typing
    if mode not in key.modes:
        return False
    if action == "stray":
        return mode in (Mode.held, Mode.draft) or name not in state.panel_keys
    if action in ENDED_DEAD:
        return not state.ended
    if action == "repeat":
        # a code alone repeats the last member only while the set questions: elsewhere the
        # letter is more likely a panel's, or a word meant for a field
        return state.phase in QUESTIONING or state.ended  # closed: refused in words
    if action in ("note_tag", "contributions"):
        return state.pane  # what only the coach may see opens beside the pane
    if action == "dismiss_prompt":
        return state.pane and state.prompt
    if action == "show_summary":
        return state.phase is PhaseKind.process_review
    if action == "voice_laptop":
        return state.voice
    if action == "voice_round":
        return state.phase in VOICE_PHASES or state.voice  # where a round opens, or one waits
    return True


def lit(state: KeyState) -> KeyState:
    """The state whose keys the Footer lights: beside the tag pane, the keys between tags
    (the pane's first line names the codes while a number waits), so that a tag's two keys
    change nothing in the Footer."""
    return replace(state, member=None) if state.pane else state


def footer_state(state: KeyState) -> KeyState:
    """The state the Footer's keys are chosen for: the keys between tags, and in a phase with
    a panel the keys as they are with the pane shown. With the panel shown, the pane's own
    keys (a member's number, undo, the list) stay in their places, dimmed: `t` changes which
    keys are lit, never which are there, so the Footer is not laid out again."""
    state = lit(state)
    if state.panel and state.mode in (Mode.panel, Mode.command):
        return replace(state, pane=True)
    return state


def live(state: KeyState, actions: Iterable[str]) -> list[str]:
    """The actions of `actions` that act now, in order (what the Footer may show)."""
    return [action for action in actions if acts(state, action)]


def refusal(
    state: KeyState, key: str, *, codes: Iterable[str] = (), actions: Iterable[str] = ()
) -> str:
    """Why a character that reached no one was refused, for the notice and the mode line.

    `key` is the character typed, `codes` the set's code keys and `actions` what the
    console's keys for that character do when they act."""
    shown = key if key.strip() else "space"
    mode = state.mode
    actions = set(actions)
    if mode is Mode.member:
        return f"{shown} is not a code: member {state.member} forgotten"
    if key in codes:
        if state.panel:
            where = "t shows the panel" if state.pane else "the panel's keys are under it"
            return f"{shown} tags only after a member's number in this phase; {where}"
        return f"{shown} tags only after a member's number in this phase"
    if actions & {"note_tag", "contributions"} and not state.pane:
        return f"{shown} opens only beside the tag pane: t shows it"
    if actions & ENDED_DEAD and state.ended:
        return f"{shown}: the meeting has ended, p reopens it"
    if "show_summary" in actions:
        return f"{shown} shows the room the tag summary in the process review only"
    if "voice_round" in actions:
        return f"{shown} asks the room in the check-in, the process review or the close"
    return f"{shown} is not a key here"


PHASE_KEYS: dict[PhaseKind, tuple[str, ...]] = {
    PhaseKind.check_in: ("take_attendance",),
    PhaseKind.bids: ("choose_presenters",),
    PhaseKind.break_: ("insert_break",),
    PhaseKind.process_review: ("show_summary", "voice_round"),
    PhaseKind.close: ("voice_round",),
}
"""The console's keys a kind of phase is for: the Footer shows them first."""


def phase_keys(state: KeyState) -> list[str]:
    """The keys of the phase the meeting is in that act now, for the Footer to show first."""
    return live(state, PHASE_KEYS.get(state.phase, ()) if state.phase is not None else ())


HELP: tuple[tuple[Mode, str], ...] = (
    (Mode.command, "Commands: the clock, tagging and the meeting"),
    (Mode.member, "After a member's number (member 3 · press a code)"),
    (Mode.panel, "With a phase's panel shown (its own keys in its hint), these stay"),
    (Mode.held, "Keys held, after a letter no one took: only these act"),
)
"""The help's sections: the keys of each mode, as the table has them."""
TYPING_HELP = (
    "In a field every key is text: enter saves, esc leaves. Text left in a field unsaved takes "
    "the letters back. A letter that reaches no one (a panel's refused, or no key at all) holds "
    "the keys, so that the words typed after it do nothing to the meeting: esc resumes."
)


def keys_of(mode: Mode, actions: Iterable[str]) -> list[str]:
    """The actions of `actions` that act in `mode` by the table (the help's lines)."""
    return [a for a in actions if a in BY_ACTION and mode in BY_ACTION[a].modes]


def mode_line(state: KeyState, *, field: str = "a line", member: str = "") -> str:
    """The console's mode line: the mode the keys are in and what the next key will do.

    `field` names what a focused field holds ("a reflection"); `member` the member whose
    number waits, when the pane shows (with it hidden, the room may see the console)."""
    mode = state.mode
    if mode is Mode.typing:
        return f"typing {field} · enter saves it · esc leaves"
    if mode is Mode.draft:
        return f"{field} waits unsaved in the field · letters go on typing it"
    if mode is Mode.held:
        return f"keys held: {state.held} · esc resumes"
    if mode is Mode.member:
        who = f"member {state.member}" + (f" {member}" if member else "")
        return f"{who} · press a code · esc forgets"
    if state.ended:
        return "meeting ended · p reopens it · ? help"
    if mode is Mode.panel:
        return "panel · its letters and digits, as its hint says · clock keys stay · t tags"
    if state.panel:  # the pane over the phase's panel
        return "tag pane over the panel · a number then a code tags · t shows the panel"
    if state.phase in QUESTIONING:
        return "commands · a number then a code tags · a code alone tags the last member again"
    return "commands · a number then a code tags · ? help"


# ---------------------------------------------------------------------------- typing, not commands

TYPING_INTERVAL = 0.15
"""Seconds under which a key that follows another is typing, not a command of its own. Within
a word a typist's keys come 0.05 to 0.15 s apart (60 words a minute is 0.2 s a key on
average, and common pairs of letters come twice as fast), so a sentence has such a pair
within its first letters; a facilitator who presses a key, looks up at the room and presses
the next takes half a second or more, and even a key pressed twice on purpose (`+ +`) comes
0.2 s apart. A longer interval would take deliberate keys for typing, and make the keys that
wait for it (`WAITS`) slower to answer."""

WAITS = frozenset(
    {
        "take_attendance",
        "choose_presenters",
        "show_summary",
        "undo_tag",
        "note_tag",
        "contributions",
        "help",
        "voice_round",
        "voice_laptop",
        "voice_address",
    }
)
"""The console's keys that act only once they stand alone, the typing interval after them with
no key since: what they open takes the keys typed next (the list of who is here, the
presenters, a tag's note, the contributions, the help, a member's answer on the laptop), `o`
shows the room the summary at once, `A` opens a round on the members' phones and `Q` puts the
page's QR code on the projector, and `u`'s undo of a tag cannot itself be undone. A panel's
letters wait as well: a bid, an issue, an action, a member marked away are the record's, with no
undo of their own. Every other key acts at once, and a burst undoes it."""

EDITING = frozenset({"enter", "tab", "shift+tab", "backspace", "delete"})
"""Keys that edit text: inside a burst they are typing too; on their own they never start one."""


class Verdict(enum.Enum):
    """What a key is, by when it came (`Burst.press`)."""

    alone = "alone"
    """It came on its own: a command (a burst may still follow and undo it)."""
    tags = "tags"
    """It followed fast, but the keys so far are tags: a number, a code, a number, a code."""
    typing = "typing"
    """It followed fast and the keys spell no tags: a burst of typing."""


@dataclass(slots=True)
class Burst:
    """The keys pressed one after another, each within the typing interval of the one before:
    the first is a command, the rest make it typing, unless together they spell tags (a
    member's number then a code, as fast as the facilitator can tag)."""

    interval: float = TYPING_INTERVAL
    keys: str = ""
    """The keys of the burst so far; empty when none is under way."""
    at: float = -math.inf
    """When its last key came, on the key clock."""
    _tags: bool = field(default=False, repr=False)
    _want_code: bool = field(default=False, repr=False)

    @property
    def open(self) -> bool:
        """Keys came, and have not yet stood alone or been found to be typing."""
        return bool(self.keys)

    def press(
        self, key: str, at: float, *, codes: Collection[str] = (), waiting: bool = False
    ) -> Verdict:
        """`key` came at `at`, seconds on the key clock.

        `codes` are the keys that tag after a member's number where the digits and codes tag
        (none where a panel has them); `waiting`, that a member's number waits for its code
        as the keys begin. Typing ends the burst."""
        fast = self.open and at - self.at < self.interval
        self.at = at
        if not fast:
            self.keys, self._want_code = key, waiting
            self._tags = bool(codes) and self._spells_tag(key, codes)
            return Verdict.alone
        self.keys += key
        if self._tags and self._spells_tag(key, codes):
            return Verdict.tags
        self.end()
        return Verdict.typing

    def _spells_tag(self, key: str, codes: Collection[str]) -> bool:
        """Whether `key` is the next key of tags: a digit, then a code, then a digit..."""
        if self._want_code:
            self._want_code = False
            return key in codes
        self._want_code = True
        return key.isdigit()

    def stands(self, at: float) -> bool:
        """The burst's last key has stood alone for the interval by `at`: its keys were
        commands (or tags), and what waits for that may act."""
        return self.open and at - self.at >= self.interval

    def left(self, at: float) -> float:
        """Seconds from `at` until the last key stands alone."""
        return max(self.interval - (at - self.at), 0.0)

    def end(self) -> None:
        """The keys stood alone or were typing: the next key begins afresh."""
        self.keys = ""
        self._tags = self._want_code = False


TYPING = "that looked like typing"
"""Why the keys are held after a burst (the mode line's words)."""
TYPING_NOTICE = "That looked like typing: nothing was changed. esc gives the keys back."
"""What a burst says, once."""
