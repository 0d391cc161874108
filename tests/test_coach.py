"""Coach prompts: each rule at its threshold and just under, the repeat rule, the settings, and
the demo meetings replayed (a golden file)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from pydantic import ValidationError

from actionset import store as disk
from actionset.model.coach import (
    Coach,
    Moment,
    dismiss_event,
    prompt_event,
    prompts_now,
)
from actionset.model.coach_log import prompts_logged
from actionset.model.coach_replay import replay_prompts
from actionset.model.coach_settings import CoachSettings, PromptKind
from actionset.model.codebook import DEFAULT_CODEBOOK, codebook_for
from actionset.model.contributions import Contribution
from actionset.model.meeting import PhaseKind

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "coach_prompts_demo.txt"
MEMBERS = ("Tom Reyes", "Mei Lin Chen", "Gareth Lewis", "Helen Okafor")
PRESENTER = "Priya Shah"


def said(
    codes: Sequence[str], members: Sequence[str] = MEMBERS, phase: str = "Probe", slot: int = 0
) -> list[Contribution]:
    """Contributions in slot 0, in order, one code each, members taking turns."""
    return [
        Contribution(
            id=n + 1,
            at=f"2026-09-21T10:{n:02d}:00+01:00",
            phase=phase,
            presenter=PRESENTER,
            member=members[n % len(members)],
            code=code,
            slot=slot,
        )
        for n, code in enumerate(codes)
    ]


def moment(
    contributions: Sequence[Contribution],
    phase: PhaseKind = PhaseKind.probe,
    **more: object,
) -> Moment:
    fields: dict[str, object] = {
        "phase_title": "Probe" if phase is PhaseKind.probe else phase.value.title(),
        "slot": 0,
        "presenter": PRESENTER,
        "counting": MEMBERS,
        "questioning_planned": 25 * 60,
        "phase_left": 10 * 60,
    } | more
    return Moment(contributions, DEFAULT_CODEBOOK, phase, **fields)  # type: ignore[arg-type]


def kinds(m: Moment, settings: CoachSettings | None = None) -> list[PromptKind]:
    return [p.kind for p in prompts_now(m, settings or CoachSettings())]


# -- each rule: at its threshold it fires, just under it does not


def test_advice_creeping_at_three_of_the_last_five() -> None:
    at = said(["open-question", "closed-question", "advice", "leading-question", "advice"])
    under = said(
        ["open-question", "closed-question", "open-question", "leading-question", "advice"]
    )
    assert PromptKind.advice_creeping in kinds(moment(at))
    assert PromptKind.advice_creeping not in kinds(moment(under))
    assert PromptKind.advice_creeping in kinds(moment(at, PhaseKind.clarify))
    assert PromptKind.advice_creeping not in kinds(moment(at, PhaseKind.present))
    assert PromptKind.advice_creeping not in kinds(moment(at[1:]))  # only four so far
    (prompt,) = [p for p in prompts_now(moment(at), CoachSettings()) if p.kind == "advice-creeping"]
    assert prompt.said == "Advice creeping in: 3 of the last 5 were advice"
    assert prompt.question == "What kind of questions are we asking Priya Shah?"


def test_silent_member_after_half_the_questioning_time() -> None:
    talk = said(["open-question"] * 3, members=MEMBERS[:3])
    half = moment(talk, questioning_elapsed=12.5 * 60)
    before = moment(talk, questioning_elapsed=12.5 * 60 - 1)
    prompts = [p for p in prompts_now(half, CoachSettings()) if p.kind == "silent-member"]
    assert len(prompts) == 1
    assert prompts[0].said == "Helen Okafor has said nothing in 12 min of questioning"
    assert (
        prompts[0].question == "Helen Okafor, is there a question you would like to ask Priya Shah?"
    )
    assert PromptKind.silent_member not in kinds(before)
    two = [p for p in prompts_now(moment(talk[:2], questioning_elapsed=900), CoachSettings())]
    (both,) = [p for p in two if p.kind == "silent-member"]
    assert both.said == "Gareth Lewis and Helen Okafor have said nothing in 15 min of questioning"
    assert (
        both.question
        == "Gareth Lewis or Helen Okafor, is there a question you would like to ask Priya Shah?"
    )
    absent = moment(talk, questioning_elapsed=20 * 60, counting=MEMBERS[:3])
    assert PromptKind.silent_member not in kinds(absent)  # who counts is the caller's


def test_dominating_at_forty_percent_once_the_slot_has_ten() -> None:
    four = said(["open-question"] * 4, members=["Tom Reyes"]) + said(
        ["open-question"] * 6, members=MEMBERS[1:]
    )
    three = said(["open-question"] * 3, members=["Tom Reyes"]) + said(
        ["open-question"] * 7, members=MEMBERS[1:]
    )
    assert PromptKind.dominating in kinds(moment(four))
    assert PromptKind.dominating not in kinds(moment(three))  # 30%
    assert PromptKind.dominating not in kinds(moment(four[:9]))  # 4 of 9, but under ten


def test_closed_run_of_four_in_probe() -> None:
    run = said(
        [
            "open-question",
            "closed-question",
            "closed-question",
            "closed-question",
            "closed-question",
        ]
    )
    assert PromptKind.closed_run in kinds(moment(run))
    assert PromptKind.closed_run not in kinds(moment(run[:-1]))
    assert PromptKind.closed_run not in kinds(moment(run, PhaseKind.clarify))


def test_no_open_question_in_the_first_five_minutes_of_probe() -> None:
    closed = said(["closed-question"] * 2)
    assert PromptKind.no_open_question in kinds(moment(closed, phase_elapsed=300))
    assert PromptKind.no_open_question not in kinds(moment(closed, phase_elapsed=299))
    opened = said(["closed-question", "open-question"])
    assert PromptKind.no_open_question not in kinds(moment(opened, phase_elapsed=600))
    in_clarify = said(["open-question"], phase="Clarify")
    assert PromptKind.no_open_question in kinds(moment(in_clarify, phase_elapsed=300))


def test_three_statements_in_a_slots_questioning() -> None:
    assert PromptKind.statements in kinds(moment(said(["statement"] * 3)))
    assert PromptKind.statements not in kinds(moment(said(["statement"] * 2)))


def test_actions_without_time_under_three_minutes_left() -> None:
    actions = PhaseKind.actions
    assert PromptKind.actions_without_time in kinds(moment([], actions, phase_left=179))
    assert PromptKind.actions_without_time not in kinds(moment([], actions, phase_left=180))
    assert PromptKind.actions_without_time not in kinds(
        moment([], actions, phase_left=60, actions_agreed=1)
    )


# -- settings


def test_thresholds_and_switches_come_from_set_toml() -> None:
    settings = CoachSettings.model_validate(
        {
            "off": ["statements"],
            "advice-creeping": {
                "at_least": 2,
                "of_last": 3,
                "question": "Whose idea is this, {presenter}?",
            },
            "dominating": {"on": False},
        }
    )
    m = moment(
        said(["open-question", "advice", "advice", "statement", "statement", "statement"][:3])
    )
    (prompt,) = prompts_now(m, settings)
    assert prompt.question == "Whose idea is this, Priya Shah?"
    assert kinds(moment(said(["statement"] * 3)), settings) == []
    assert not settings.is_on(PromptKind.dominating)
    assert prompts_now(m, CoachSettings(enabled=False)) == []
    with pytest.raises(ValidationError):
        CoachSettings.model_validate({"off": ["shouting"]})
    with pytest.raises(ValidationError):
        CoachSettings.model_validate({"dominating": {"share": 2}})


# -- the repeat rule and the log


def test_a_prompt_shows_once_per_slot_and_again_only_for_a_new_cause_after_the_interval() -> None:
    coach = Coach(CoachSettings(repeat_minutes=5))
    codes = ["advice", "advice", "advice", "open-question", "open-question"]
    first = moment(said(codes))
    assert [e.prompt.kind for e in coach.after(first, 0)] == ["advice-creeping"]
    assert coach.after(first, 600) == []  # the same cause
    assert [e.number for e in coach.waiting()] == [1]
    coach.on_screen(1)
    assert coach.after(moment(said(["open-question"] * 5)), 601) == []
    assert coach.waiting() == []  # read and overtaken: the last five are questions now
    assert coach.after(first, 602) == []  # the same cause, waiting again
    coach.dismiss(1)
    again = said([*codes, "advice", "leading-question", "advice"])
    assert coach.after(moment(again), 200) == []  # a new cause, too soon
    (shown,) = coach.after(moment(again), 301)
    assert shown.number == 2
    next_slot = moment(said(codes, slot=1), slot=1)
    assert [e.prompt.kind for e in coach.after(next_slot, 302)] == ["advice-creeping"]


def test_prompts_are_logged_and_dismissals_kept() -> None:
    coach = Coach(CoachSettings())
    (shown,) = coach.after(moment(said(["statement"] * 3)), 0)
    at = dt.datetime(2026, 9, 21, 10, 20, tzinfo=dt.UTC)
    events = [prompt_event(shown, at), dismiss_event(shown, at)]
    (logged,) = prompts_logged(events)
    assert logged.prompt == shown.prompt and logged.dismissed
    restarted = Coach(CoachSettings())
    restarted.restore(events, lambda _: 0.0)
    assert restarted.waiting() == []
    assert restarted.after(moment(said(["statement"] * 3)), 1) == []  # not shown twice


# -- the demo set's meetings, replayed


def demo_replay() -> str:
    store = disk.SetsFolder(REPO / "sets").find("demo")
    the_set = store.load_set()
    codebook = codebook_for(the_set)
    members = [m.name for m in the_set.members]
    actions = store.load_actions()
    lines: list[str] = []
    for meeting in store.load_meetings():
        events = store.read_journal(meeting.date).events
        presenters = [p.presenter for p in meeting.agenda if p.kind is PhaseKind.actions]
        per_slot = [
            sum(1 for a in actions if a.agreed_at == meeting.date and a.owner == name)
            for name in presenters
        ]
        lines.append(f"# {meeting.date.isoformat()}")
        for when, prompt in replay_prompts(
            meeting,
            events,
            codebook,
            members=members,
            facilitator=the_set.facilitator,
            actions_per_slot=per_slot,
        ):
            lines.append(f"{when:%H:%M:%S} {prompt.kind.value:<21} {prompt.phase:<8} {prompt.said}")
    return "\n".join(lines) + "\n"


def test_the_demo_meetings_replayed_fire_these_prompts() -> None:
    text = demo_replay()
    if os.environ.get("ACTIONSET_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_check_knows_the_prompt_kinds_and_the_log() -> None:
    from actionset.model.journal import PROMPT_KINDS, journal_faults

    assert tuple(kind.value for kind in PromptKind) == PROMPT_KINDS
    coach = Coach(CoachSettings())
    (shown,) = coach.after(moment(said(["statement"] * 3)), 0)
    at = dt.datetime(2026, 9, 21, 10, 20, tzinfo=dt.UTC)
    good = [(1, prompt_event(shown, at)), (2, dismiss_event(shown, at))]
    assert journal_faults(good) == []
    bad = [
        (1, {**prompt_event(shown, at), "kind": "shouting"}),
        (2, {"op": "dismiss", "n": 9, "at": at.isoformat()}),
    ]
    assert [(f.line, f.field) for f in journal_faults(bad)] == [(1, "kind"), (2, "n")]


def test_a_sets_coach_table_is_read_checked_and_saved_as_written(tmp_path: Path) -> None:
    from actionset.model import Set

    folder = disk.SetsFolder(tmp_path)
    store = folder.create(Set(name="Coached", members=[]))
    text = store.folder.joinpath("set.toml").read_text(encoding="utf-8")
    assert "coach" not in text  # unset: every prompt on, nothing written
    path = store.folder / "set.toml"
    path.write_text(
        text + '\n[coach]\noff = ["dominating"]\n\n[coach.advice-creeping]\nat_least = 2\n',
        encoding="utf-8",
    )
    the_set = store.load_set()
    assert the_set.coach is not None
    assert the_set.coach.advice_creeping.at_least == 2
    assert not the_set.coach.is_on(PromptKind.dominating)
    store.save_set(the_set)
    saved = path.read_text(encoding="utf-8")
    assert "[coach.advice-creeping]\nat_least = 2" in saved and "of_last" not in saved
    path.write_text(text + "\n[coach.dominating]\nshare = 2\n", encoding="utf-8")
    with pytest.raises(disk.StoreError) as caught:
        store.load_set()
    assert "set.toml:" in str(caught.value) and "share" in str(caught.value)


def test_tallies_kept_tag_by_tag_agree_with_a_count_from_the_start() -> None:
    import random

    from actionset.model.coach_tally import SlotTally, Tallies

    rng = random.Random(7)
    tallies = Tallies()
    made: list[Contribution] = []
    codes = [code.name for code in DEFAULT_CODEBOOK]
    for n in range(400):
        if made and rng.random() < 0.1:  # an undo, or a re-code
            if rng.random() < 0.5:
                made.pop()
            else:
                made[-1].code = rng.choice(codes)
            tallies.update(made, appended=False)
        else:
            slot = rng.choice([0, 1, None])
            made.append(
                Contribution(
                    n,
                    "",
                    rng.choice(["Clarify", "Probe"]),
                    PRESENTER if slot is None else "X",
                    rng.choice(MEMBERS),
                    rng.choice(codes),
                    slot=slot,
                )
            )
            tallies.update(made, appended=True)
        for slot, presenter in ((0, PRESENTER), (1, "Y")):
            kept = tallies.of(slot, presenter)
            counted = SlotTally.of(
                c for c in made if c.slot == slot or (c.slot is None and c.presenter == presenter)
            )
            assert (kept.total, kept.members, kept.codes) == (
                counted.total,
                counted.members,
                counted.codes,
            )
            assert kept.tail[-10:] == counted.tail[-10:]


# -- one computation: the words shown are the words logged; nothing dropped unseen


def test_a_prompt_whose_words_change_as_it_waits_is_logged_again_and_read_so() -> None:
    coach = Coach(CoachSettings())
    codes = ["open-question", "advice", "closed-question", "advice", "advice"]
    at = dt.datetime(2026, 9, 21, 10, 20, tzinfo=dt.UTC)
    (shown,) = coach.after(moment(said(codes)), 0)
    log = [prompt_event(shown, at)]
    assert coach.after(moment(said(codes)), 1) == [] and coach.reworded == []
    assert coach.after(moment(said([*codes, "advice"])), 2) == []  # 4 of the last 5 now
    (again,) = coach.reworded
    assert again.number == shown.number
    log.append(prompt_event(again, at + dt.timedelta(seconds=2)))
    (waiting,) = coach.waiting()
    assert waiting.prompt.said == "Advice creeping in: 4 of the last 5 were advice"
    (logged,) = prompts_logged(log)  # the minutes: when it first showed, in its last words
    assert logged.at == log[0]["at"] and logged.prompt == waiting.prompt
    restarted = Coach(CoachSettings())
    restarted.restore(log, lambda _: 0.0)
    assert [e.prompt for e in restarted.waiting()] == [waiting.prompt]


def test_a_prompt_overtaken_before_it_was_on_screen_still_waits_to_be_read() -> None:
    coach = Coach(CoachSettings())
    advice = ["advice", "advice", "advice", "open-question", "open-question"]
    (first,) = coach.after(moment(said(advice)), 0)
    coach.after(moment(said(["open-question"] * 5)), 1)  # overtaken, never on screen
    assert coach.waiting() == [first]
    coach.on_screen(first.number)
    coach.after(moment(said(["open-question"] * 6)), 2)
    assert coach.waiting() == [first]  # read now: it waits for escape, it does not vanish
    coach.dismiss(first.number)
    (second,) = coach.after(moment(said(advice, slot=1), slot=1), 3)
    coach.on_screen(second.number)
    coach.after(moment(said(["open-question"] * 5, slot=1), slot=1), 4)
    assert coach.waiting() == []  # read, then overtaken: it stops waiting


def test_advice_creeping_needs_its_full_window_of_the_slots_questioning() -> None:
    def tags(*codes: str) -> list[Contribution]:  # two statements in Present, then Clarify
        made = said(["statement", "statement", *codes])
        return [replace(c, phase="Present" if c.id <= 2 else "Clarify") for c in made]

    def at_clarify(*codes: str) -> list[str]:
        now = moment(tags(*codes), PhaseKind.clarify, questioning=frozenset({"Clarify"}))
        return [p.said for p in prompts_now(now, CoachSettings()) if p.kind == "advice-creeping"]

    assert at_clarify("advice", "advice", "advice") == []  # 3 of the first 3
    assert at_clarify("advice", "advice", "advice", "open-question") == []
    assert at_clarify("advice", "advice", "advice", "open-question", "advice") == [
        "Advice creeping in: 4 of the last 5 were advice"
    ]


def test_a_prompt_logged_again_keeps_the_phase_and_slot_where_it_first_fired() -> None:
    """Fired in the clarify, reworded once the facilitator moved on to the probe: the room and
    the minutes hear of it in the clarify, where it happened."""
    coach = Coach(CoachSettings())
    codes = ["open-question", "advice", "closed-question", "advice", "advice"]
    at = dt.datetime(2026, 9, 21, 13, 5, 7, tzinfo=dt.UTC)
    (shown,) = coach.after(moment(said(codes, phase="Clarify"), PhaseKind.clarify), 0)
    assert shown.prompt.phase == "Clarify"
    log = [prompt_event(shown, at)]
    assert coach.after(moment(said([*codes, "advice"], phase="Clarify")), 1) == []
    (again,) = coach.reworded
    assert again.prompt.said.startswith("Advice creeping in: 4") and again.prompt.phase == "Clarify"
    log.append(prompt_event(again, at + dt.timedelta(seconds=1)))
    assert log[-1]["phase"] == "Clarify" and log[-1]["slot"] == 0
    moved_on = [log[0], log[-1] | {"phase": "Probe", "slot": 1}]  # as a journal logged it
    (logged,) = prompts_logged(moved_on)
    assert (logged.prompt.phase, logged.prompt.slot) == ("Clarify", 0)
    assert logged.prompt.said == again.prompt.said
    restarted = Coach(CoachSettings())
    restarted.restore(moved_on, lambda _: 0.0)
    assert [(e.prompt.phase, e.prompt.slot) for e in restarted.shown] == [("Clarify", 0)]


def test_the_rooms_list_says_two_prompts_of_one_kind_in_one_phase_once_with_a_count() -> None:
    """The list names nobody, so two members who each took over the probe read as a repeat
    unless it says there were two."""
    from actionset.model.coach import Prompt
    from actionset.model.coach_log import LoggedPrompt, timeline

    def logged(at: str, kind: PromptKind, subject: str, phase: str = "Probe") -> LoggedPrompt:
        prompt = Prompt(kind, "", "", slot=0, phase=phase, subject=subject, cause="1")
        return LoggedPrompt(f"2026-09-21T{at}:00+01:00", prompt, dismissed=False)

    prompts = [
        logged("13:02", PromptKind.dominating, "Ben Carter"),
        logged("13:04", PromptKind.advice_creeping, ""),
        logged("13:06", PromptKind.dominating, "Erin Fox"),
        logged("13:09", PromptKind.advice_creeping, ""),  # again, for a new cause
        logged("13:12", PromptKind.dominating, "Ben Carter", phase="Actions"),
    ]
    assert timeline(prompts, ["Dev Patel"]) == [
        "13:02 one voice took over during Dev Patel's probe (2 prompts, about 2 members)",
        "13:04 advice crept in during Dev Patel's probe (2 prompts)",
        "13:12 one voice took over during Dev Patel's actions",
    ]


def test_the_rooms_list_says_where_a_prompt_fired_in_words_without_a_presenter() -> None:
    """A slot with no member chosen yet, or a phase outside the slots, reads "during the
    clarify", never "crept in in clarify"."""
    from actionset.model.coach import Prompt
    from actionset.model.coach_log import LoggedPrompt, timeline

    def logged(phase: str, slot: int | None) -> LoggedPrompt:
        prompt = Prompt(PromptKind.advice_creeping, "", "", slot=slot, phase=phase, cause="1")
        return LoggedPrompt("2026-09-21T13:04:00+01:00", prompt, dismissed=False)

    assert timeline([logged("Clarify", 0)], ["Presenter 1"]) == [
        "13:04 advice crept in during the clarify"
    ]
    assert timeline([logged("", None)], []) == ["13:04 advice crept in during the meeting"]
