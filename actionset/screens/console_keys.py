"""The facilitator console's keys: the clock's, tagging's (a set's codes among them) and the
console's own, in the order the Footer shows them."""

from __future__ import annotations

import string
from collections.abc import Sequence

from textual.binding import Binding

from actionset.model.codebook import code_label
from actionset.model.set import Code

# The console's keys: these hold in every phase, whatever has focus, except while typing.
# The description is the Footer's word; the tooltip is the help's line (and the hover text).
TIME = Binding.Group("± time")
CLOCK_BINDINGS = [
    Binding(
        "space",
        "start_pause",
        "Start/pause",
        priority=True,
        id="clock.toggle",
        tooltip="start or pause the clock",
    ),
    Binding("n", "next", "Next", priority=True, id="clock.next", tooltip="the next phase"),
    Binding(
        "p",
        "previous",
        "Prev",
        priority=True,
        id="clock.previous",
        tooltip="back to the previous phase",
    ),
    Binding(
        "plus",
        "adjust(60)",
        "+1 min",
        key_display="+",
        priority=True,
        id="clock.plus1",
        group=TIME,
        tooltip="one minute more for this phase",
    ),
    Binding(
        "minus",
        "adjust(-60)",
        "-1 min",
        key_display="-",
        priority=True,
        id="clock.minus1",
        group=TIME,
        tooltip="one minute less",
    ),
    Binding(
        "right_square_bracket",
        "adjust(300)",
        "+5 min",
        key_display="]",
        priority=True,
        id="clock.plus5",
        group=TIME,
        tooltip="five minutes more",
    ),
    Binding(
        "left_square_bracket",
        "adjust(-300)",
        "-5 min",
        key_display="[",
        priority=True,
        id="clock.minus5",
        group=TIME,
        tooltip="five minutes less",
    ),
    Binding(
        "r",
        "rebalance",
        "Rebalance",
        priority=True,
        id="clock.rebalance",
        tooltip="share the time left over the phases still to run",
    ),
    Binding(
        "b",
        "insert_break",
        "Break",
        priority=True,
        id="clock.break",
        tooltip="a ten-minute break now; b again ends it early",
    ),
    Binding(
        "ctrl+z",
        "undo_plan",
        "Undo plan",
        key_display="^z",
        show=False,
        priority=True,
        id="clock.undo",
        tooltip="undo the last change of plan",
    ),
    Binding(
        "v",
        "cycle_view",
        "View",
        priority=True,
        id="clock.view",
        tooltip="countdown, time spent, or the time of day",
    ),
    Binding(
        "m",
        "toggle_mute",
        "Mute",
        priority=True,
        id="clock.mute",
        tooltip="chime on or off at the end of a phase",
    ),
    Binding(
        "w",
        "choose_presenters",
        "Presenters",
        priority=True,
        id="meeting.presenters",
        tooltip="who presents today, in running order",
    ),
    Binding(
        "h",
        "take_attendance",
        "Here",
        priority=True,
        id="meeting.attendance",
        tooltip="who is here; the others sent apologies",
    ),
]
# Tagging: a member's number, then a code. The Footer shows what the next key can do.
TAG_BINDINGS = [
    Binding(
        "t",
        "toggle_tags",
        "Tags",
        priority=True,
        id="tags.toggle",
        tooltip="show or hide the tag pane (hide it before projecting)",
    ),
    Binding(
        "1",
        "pick(1)",
        "Member",
        key_display="0-9",
        priority=True,
        id="tags.member",
        tooltip="a member's number (0 is the facilitator), then a code",
    ),
    *(
        Binding(str(n), f"pick({n})", show=False, priority=True, id=f"tags.member.{n}")
        for n in (0, *range(2, 10))
    ),
    *(
        Binding(str(n), f"repick({n})", show=False, priority=True, id=f"tags.repick.{n}")
        for n in range(10)
    ),
    Binding(
        "escape",
        "cancel_pick",
        "Cancel",
        priority=True,
        id="tags.cancel",
        tooltip="forget the number pressed",
    ),
    Binding(
        "escape",
        "dismiss_prompt",
        "Dismiss",
        priority=True,
        id="coach.dismiss",
        tooltip="dismiss the coach's prompt",
    ),
    Binding("u", "undo_tag", "Undo", priority=True, id="tags.undo", tooltip="undo the last tag"),
    Binding(
        "e",
        "note_tag",
        "Note",
        priority=True,
        id="tags.note",
        tooltip="the words said, for the last tag (pane shown)",
    ),
    Binding(
        "g",
        "contributions",
        "List",
        priority=True,
        id="tags.list",
        tooltip="the list of tags: re-code or delete one (pane shown)",
    ),
    Binding(
        "o",
        "show_summary",
        "Show room",
        priority=True,
        id="tags.summary",
        tooltip="in the process review: the room sees the tag summary",
    ),
    Binding(
        "O",
        "show_summary(True)",
        "Names",
        priority=True,
        id="tags.summary.names",
        tooltip="the summary with names, if the set agrees (o hides it)",
    ),
]
CONSOLE_BINDINGS = [
    Binding(
        "escape",
        "release",
        "Resume",
        priority=True,
        id="keys.release",
        tooltip="the keys resume after a refused letter held them",
    ),
    Binding(
        "question_mark",
        "help",
        "Help",
        key_display="?",
        priority=True,
        id="help",
        tooltip="these keys",
    ),
    Binding(
        "ctrl+q",
        "save_and_quit",
        "Quit",
        key_display="^q",
        priority=True,
        id="quit",
        tooltip="save and quit; the meeting resumes where it stood",
    ),
]
# The Footer shows what fits, kept in this order (a group goes by its first key, "clock.plus1"
# for ± time); the rest is in the help (?).
FOOTER_FIRST = [
    "keys.release",
    "help",
    "quit",
    "tags.code",
    "tags.cancel",
    "clock.toggle",
    "clock.next",
    "clock.previous",
    "tags.member",
    "clock.plus1",
    "tags.toggle",
    "clock.break",
    "clock.view",
    "clock.mute",
    "clock.rebalance",
    "meeting.presenters",
    "meeting.attendance",
    "tags.undo",
    "tags.list",
    "tags.note",
]


def footer_order(phase_first: Sequence[str], *, panel: bool) -> list[str]:
    """The Footer's order for a phase: what the next key must be, then the phase's own keys
    (`phase_first`), then the rest of `FOOTER_FIRST`. Beside a panel the pane's keys show
    dimmed, so `t`, which lights them, comes before them."""
    at = FOOTER_FIRST.index("clock.toggle")
    order = [*FOOTER_FIRST[:at], *phase_first, *FOOTER_FIRST[at:]]
    if panel:
        order.remove("tags.toggle")
        order.insert(order.index("tags.member"), "tags.toggle")
    return order


def code_bindings(codebook: Sequence[Code]) -> list[Binding]:
    """A set's codes: after a number, a code tags that member; alone, the last member again."""
    codes = [
        Binding(
            code.key,
            f"code('{code.key}')",
            code_label(codebook, code.name),
            priority=True,
            id=f"tags.code.{code.key}",
            tooltip=f"{code_label(codebook, code.name)} ({code.counts_as.value})",
        )
        for code in codebook
    ]
    repeats = [
        Binding(
            code.key,
            f"repeat('{code.key}')",
            show=False,
            priority=True,
            id=f"tags.repeat.{code.key}",
        )
        for code in codebook
    ]
    return [*codes, *repeats]


def console_bindings(codebook: Sequence[Code], more: Sequence[Binding] = ()) -> list[Binding]:
    """Every key of the console for a set's codebook, in the Footer's order: `more` (the
    voice's) after the meeting's own, and help and quit last."""
    after = next(i for i, b in enumerate(TAG_BINDINGS) if b.id == "tags.cancel")
    return [
        *CLOCK_BINDINGS,
        *TAG_BINDINGS[:after],
        *code_bindings(codebook),
        *TAG_BINDINGS[after:],
        *more,
        *CONSOLE_BINDINGS,
    ]


STRAY = "keys.stray"
TYPED = string.ascii_letters + string.digits + string.punctuation + " "
"""What a person types as text: each is a key that may reach no one (`stray_bindings`)."""
STRAY_KEYS = {
    char: next(
        iter(Binding.make_bindings([Binding({",": "comma", " ": "space"}.get(char, char), "")]))
    ).key
    for char in TYPED
}
"""Each character's key, as a binding names it (`.` is `full_stop`)."""


def stray_bindings() -> list[Binding]:
    """Every character one types, after the console's own keys: one that no panel's letter or
    field takes holds the keys, or goes back to a field's unsaved draft. Priority, as the
    console's own, so that it is decided before the next key is read; while the keys are
    held, the keys that edit text (enter, tab, backspace, delete) do nothing either."""
    typed = [
        Binding(
            STRAY_KEYS[char],
            f"stray({char!r})",
            show=False,
            priority=True,
            id=f"{STRAY}.{ord(char)}",
        )
        for char in TYPED
    ]
    editing = [
        Binding(key, "swallow", show=False, priority=True, id=f"{STRAY}.{key}")
        for key in ("enter", "tab", "shift+tab", "backspace", "delete")
    ]
    return [*typed, *editing]
