"""The console's keyboard model, without Textual: every phase kind, the pane shown and hidden,
a field focused or not, and who gets each key."""

from __future__ import annotations

import itertools
import subprocess
import sys
from dataclasses import replace

import pytest

from actionset.model.coach import QUESTIONING
from actionset.model.keyboard import (
    KEYS,
    PANEL_KEY,
    KeyState,
    Mode,
    acts,
    footer_state,
    lit,
    live,
    mode_line,
    refusal,
)
from actionset.model.meeting import PhaseKind

PANEL_KINDS = {
    PhaseKind.check_in,
    PhaseKind.report_back,
    PhaseKind.bids,
    PhaseKind.actions,
    PhaseKind.reflect,
    PhaseKind.process_review,
    PhaseKind.close,
}
"""The kinds of phase with a panel (`actionset.widgets.panels.PANELS`, checked below)."""

ACTIONS = [key.action for key in KEYS]
LETTERS = [key.action for key in KEYS if key.letter]
TAGGING = {"pick", "repick", "code", "repeat", "undo_tag", "note_tag", "contributions"}


def states() -> list[KeyState]:
    """Every phase kind × pane shown/hidden × field focused/not × a draft × a number waiting ×
    keys held × a prompt waiting."""
    return [
        KeyState(
            phase=kind,
            panel=kind in PANEL_KINDS,
            pane=pane,
            field=field,
            draft=draft or field,
            member=member,
            held=held,
            prompt=prompt,
        )
        for kind, pane, field, draft, member, held, prompt in itertools.product(
            PhaseKind,
            (False, True),
            (False, True),
            (False, True),
            (None, 3),
            ("", "x"),
            (False, True),
        )
    ]


ALL_STATES = states()


def test_the_panels_table_matches_the_widgets() -> None:
    from actionset.widgets.panels import PANELS

    assert set(PANELS) == PANEL_KINDS


def test_the_model_never_imports_textual() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, actionset.model.keyboard; print('textual' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert done.stdout == "False\n"


def test_a_focused_field_takes_every_key() -> None:
    for state in ALL_STATES:
        if not state.field:
            continue
        assert state.mode is Mode.typing
        assert live(state, ACTIONS) == [PANEL_KEY]  # the field's panel's escape


def test_a_draft_shown_unfocused_lets_no_letter_act() -> None:
    for state in ALL_STATES:
        if not (state.draft and not state.field):
            continue
        assert state.mode is Mode.draft
        assert live(state, LETTERS) == ["stray"]  # a letter goes back to the draft's field
        assert live(state, ACTIONS) == [PANEL_KEY, "stray", "save_and_quit", "undo_plan"]


def test_held_keys_wait_for_escape() -> None:
    for state in ALL_STATES:
        if state.mode is not Mode.held:
            continue
        assert live(state, ACTIONS) == [
            "release",
            "stray",
            "swallow",
            "save_and_quit",
            "undo_plan",
        ]


def test_after_a_number_only_a_code_another_number_or_escape() -> None:
    for state in ALL_STATES:
        if state.mode is not Mode.member:
            continue
        assert set(live(state, ACTIONS)) == {
            "toggle_tags",
            "repick",
            "code",
            "cancel_pick",
            "stray",
            "help",
            "save_and_quit",
            "undo_plan",
        }


def test_a_panel_shown_has_the_digits_and_the_codes() -> None:
    for state in ALL_STATES:
        if state.mode is not Mode.panel:
            continue
        assert TAGGING.isdisjoint(live(state, ACTIONS))
        assert PANEL_KEY in live(state, ACTIONS)
        assert {"start_pause", "next", "previous", "toggle_tags"} <= set(live(state, ACTIONS))


@pytest.mark.parametrize("kind", list(PhaseKind))
@pytest.mark.parametrize("pane", [False, True])
def test_a_code_alone_repeats_the_last_member_only_while_the_set_questions(
    kind: PhaseKind, pane: bool
) -> None:
    state = KeyState(phase=kind, panel=kind in PANEL_KINDS, pane=pane)
    if kind in PANEL_KINDS and not pane:
        assert state.mode is Mode.panel
    assert acts(state, "repeat") is (kind in QUESTIONING and state.mode is Mode.command)
    assert acts(state, "pick") is (state.mode is Mode.command)


def test_a_code_after_a_number_tags_in_every_phase() -> None:
    for kind, pane in itertools.product(PhaseKind, (False, True)):
        state = KeyState(phase=kind, panel=kind in PANEL_KINDS, pane=pane, member=2)
        assert acts(state, "code") and acts(state, "repick")
        assert not acts(state, "repeat")


def test_the_coach_only_keys_open_beside_the_pane() -> None:
    hidden = KeyState(phase=PhaseKind.clarify)
    shown = replace(hidden, pane=True)
    for action in ("note_tag", "contributions"):
        assert not acts(hidden, action) and acts(shown, action)
    assert acts(hidden, "undo_tag")
    assert not acts(shown, "dismiss_prompt") and acts(replace(shown, prompt=True), "dismiss_prompt")
    assert not acts(replace(hidden, prompt=True), "dismiss_prompt")


def test_the_summary_is_the_process_reviews() -> None:
    for kind in PhaseKind:
        state = KeyState(phase=kind, panel=kind in PANEL_KINDS)
        assert acts(state, "show_summary") is (kind is PhaseKind.process_review)


def test_an_ended_meeting_keeps_only_reopening_tags_and_help() -> None:
    ended = KeyState(ended=True)
    assert not acts(ended, "next") and not acts(ended, "insert_break")
    assert acts(ended, "previous") and acts(ended, "toggle_mute") and acts(ended, "help")


def test_a_key_the_table_does_not_know_acts_everywhere_but_in_a_field() -> None:
    assert acts(KeyState(held="x"), "later_key")
    assert acts(KeyState(member=1), "later_key")
    assert not acts(KeyState(field=True), "later_key")


def test_the_plans_undo_acts_everywhere_but_in_a_field() -> None:
    for state in ALL_STATES:
        assert acts(state, "undo_plan") is (state.mode is not Mode.typing)


def test_a_refusal_says_why() -> None:
    actions = KeyState(phase=PhaseKind.actions, panel=True, pane=True)
    assert "t shows the panel" in refusal(actions, "a", codes="qclas")
    assert refusal(KeyState(phase=PhaseKind.present), "I") == "I is not a key here"
    assert "member 3 forgotten" in refusal(KeyState(member=3), "n")
    assert refusal(KeyState(phase=PhaseKind.present), " ") == "space is not a key here"


def test_the_mode_line_in_each_mode() -> None:
    assert mode_line(KeyState(member=3)) == "member 3 · press a code · esc forgets"
    assert mode_line(KeyState(member=3, pane=True), member="Tom") == (
        "member 3 Tom · press a code · esc forgets"
    )
    typing = KeyState(phase=PhaseKind.reflect, panel=True, field=True, draft=True)
    assert mode_line(typing, field="a reflection") == (
        "typing a reflection · enter saves it · esc leaves"
    )
    assert mode_line(KeyState(held="I is not a key here")) == (
        "keys held: I is not a key here · esc resumes"
    )
    assert mode_line(KeyState(phase=PhaseKind.bids, panel=True)).startswith("panel · ")
    assert mode_line(KeyState(ended=True)).startswith("meeting ended")


def test_every_state_has_one_mode_and_a_mode_line() -> None:
    for state in ALL_STATES:
        assert mode_line(state)
        assert acts(state, "save_and_quit") is (state.mode is not Mode.typing)


def test_the_footer_shows_a_phases_own_keys_first() -> None:
    from actionset.model.keyboard import phase_keys

    panel = {kind: kind in PANEL_KINDS for kind in PhaseKind}
    assert phase_keys(KeyState(phase=PhaseKind.check_in, panel=True)) == ["take_attendance"]
    assert phase_keys(KeyState(phase=PhaseKind.bids, panel=True)) == ["choose_presenters"]
    review = KeyState(phase=PhaseKind.process_review, panel=True)
    assert phase_keys(review) == ["show_summary", "voice_round"]
    assert phase_keys(KeyState(phase=PhaseKind.close, panel=True)) == ["voice_round"]
    assert phase_keys(KeyState(phase=PhaseKind.clarify, panel=panel[PhaseKind.clarify])) == []
    assert phase_keys(KeyState(phase=PhaseKind.bids, panel=True, held="x")) == []


# ---------------------------------------------------------------------------- typing, not commands

CODES = "qclas"


def verdicts(keys: str, gaps: float, *, codes: str = CODES, waiting: bool = False) -> list[str]:
    """What each key of `keys` is, pressed `gaps` seconds apart."""
    from actionset.model.keyboard import Burst

    burst = Burst()
    return [
        burst.press(key, i * gaps, codes=codes, waiting=waiting).value for i, key in enumerate(keys)
    ]


def test_a_key_on_its_own_is_a_command_and_keys_typed_fast_are_typing() -> None:
    assert verdicts("nnn", gaps=0.5) == ["alone", "alone", "alone"]
    assert verdicts("no", gaps=0.05) == ["alone", "typing"]
    assert verdicts("no way", gaps=0.05)[:2] == ["alone", "typing"]
    # once typing, the burst is over: the console holds the keys after it
    assert verdicts("nox", gaps=0.05) == ["alone", "typing", "alone"]


def test_tags_typed_as_fast_as_typing_stay_tags() -> None:
    assert set(verdicts("3q4c1a", gaps=0.05)[1:]) == {"tags"}
    assert verdicts("3am", gaps=0.05) == ["alone", "tags", "typing"]
    assert verdicts("34", gaps=0.05) == ["alone", "typing"]  # "34": a number, not two
    assert verdicts("qa", gaps=0.05) == ["alone", "typing"]  # two codes, no number
    # a member's number waiting: a code first, then tags again
    assert verdicts("q4c", gaps=0.05, waiting=True) == ["alone", "tags", "tags"]
    # where the panel has the digits and the codes, nothing typed fast is tags
    assert verdicts("3q", gaps=0.05, codes="") == ["alone", "typing"]


def test_the_typing_interval_is_the_boundary() -> None:
    from actionset.model.keyboard import TYPING_INTERVAL, Burst

    assert verdicts("nn", gaps=TYPING_INTERVAL) == ["alone", "alone"]
    assert verdicts("nn", gaps=TYPING_INTERVAL * 0.99) == ["alone", "typing"]
    burst = Burst()
    assert not burst.open and not burst.stands(100)
    burst.press("o", 10.0)
    assert burst.open and not burst.stands(10.1)
    assert burst.left(10.05) == pytest.approx(TYPING_INTERVAL - 0.05)
    assert burst.stands(10.0 + TYPING_INTERVAL)
    burst.end()
    assert not burst.open


def test_the_keys_that_wait_until_they_stand_alone_are_the_consoles() -> None:
    from actionset.model.keyboard import BY_ACTION, WAITS

    assert set(BY_ACTION) >= WAITS
    assert all(BY_ACTION[action].letter for action in WAITS)


@pytest.mark.parametrize("kind", list(PhaseKind), ids=str)
def test_t_changes_which_footer_keys_are_lit_never_which_are_there(kind: PhaseKind) -> None:
    """In a phase with a panel the Footer's keys are chosen as with the pane shown, panel or
    pane, so `t` lays nothing out again; the pane's own keys are lit only beside the pane."""
    actions = [key.action for key in KEYS]
    panel = KeyState(phase=kind, panel=True)
    pane = replace(panel, pane=True)
    assert live(footer_state(panel), actions) == live(footer_state(pane), actions)
    assert acts(lit(pane), "pick") and not acts(lit(panel), "pick")
    waiting = replace(pane, member=3)  # a number waits: the keys between tags stay
    assert footer_state(waiting) == footer_state(pane) and lit(waiting) == lit(pane)
    typing = replace(panel, field=True)  # a field's own keys are not the pane's
    assert footer_state(typing) == typing
