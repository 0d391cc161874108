"""The coach's prompts in the console: shown beside the pane, a neutral sign without it, never
on the projector; logged in the journal with their dismissal; switched off by the set."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, tick
from test_tagging_pane import (
    TO_CLARIFY,
    console,
    events_on_disk,
    make_app,
    plan_with_presenters,
    press_n,
    store_of,
)
from textual.widgets import Static

from actionset import cli
from actionset.model.coach_settings import CoachSettings

SIZE = (120, 40)


def coach_box(app: object) -> Static:
    return console(app).query_one("#coach", Static)  # type: ignore[arg-type]


def logged(sets_dir: Path, op: str) -> list[dict[str, object]]:
    return [event for event in events_on_disk(sets_dir) if event.get("op") == op]


def report(sets_dir: Path, capsys: pytest.CaptureFixture[str], *more: str) -> str:
    """What `actionset report demo` prints (the minutes of today's meeting, by default)."""
    sets = ["--sets-dir", str(sets_dir), "--today", str(TODAY)]
    assert cli.main(["report", "demo", *more, *sets]) == 0
    return capsys.readouterr().out


async def test_advice_creeping_is_shown_logged_and_dismissed(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)  # Ben Osei presents first
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("1", "q", "4", "c", "1", "a", "4", "l")
        assert logged(new_set_dir, "prompt") == []  # 2 of 4: not yet
        await pilot.press("5", "a")
        (event,) = logged(new_set_dir, "prompt")
        assert event["kind"] == "advice-creeping"
        assert event["phase"] == "Clarify" and event["slot"] == 0
        assert event["said"] == "Advice creeping in: 3 of the last 5 were advice"
        shown = str(coach_box(app).render())
        assert coach_box(app).display
        assert "What kind of questions are we asking Ben Osei?" in shown
        await pilot.press("escape")
        assert not coach_box(app).display
        (dismissed,) = logged(new_set_dir, "dismiss")
        assert dismissed["n"] == event["n"]
        await pilot.press("1", "a")  # the same slot, moments later: not again
        assert len(logged(new_set_dir, "prompt")) == 1
        assert [c.code for c in console(app).tags.contributions][-1] == "advice"


async def test_with_the_pane_hidden_only_a_sign_shows_and_t_reveals_the_prompt(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:  # the pane hidden: the room may see it
        await pilot.press("1", "s", "4", "s", "5", "s")
        assert [e["kind"] for e in logged(new_set_dir, "prompt")] == ["statements"]
        screen = console(app)
        assert not coach_box(app).display
        assert str(screen.query_one("#prompt-sign", Static).render()) == "•"
        await pilot.press("escape")  # not while hidden: nothing dismissed
        assert logged(new_set_dir, "dismiss") == []
        await pilot.press("t")
        assert coach_box(app).display
        assert "3 statements" in str(coach_box(app).render())
        assert str(screen.query_one("#prompt-sign", Static).render()) == ""


async def test_time_led_prompts_come_from_the_clock(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "space")
        await press_n(pilot, TO_CLARIFY + 1)  # Probe
        await pilot.press("1", "c")
        fake_clock.advance(299)
        await tick(pilot)
        assert logged(new_set_dir, "prompt") == []
        fake_clock.advance(2)
        await tick(pilot)
        kinds = [e["kind"] for e in logged(new_set_dir, "prompt")]
        assert "no-open-question" in kinds


async def test_a_set_may_switch_the_coach_off(new_set_dir: Path, fake_clock: FakeClock) -> None:
    store = store_of(new_set_dir)
    the_set = store.load_set()
    the_set.coach = CoachSettings(enabled=False)
    store.save_set(the_set)
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("1", "s", "4", "s", "5", "s")
        assert logged(new_set_dir, "prompt") == []


async def test_prompts_logged_before_a_restart_are_not_shown_again(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("1", "s", "4", "s", "5", "s")
        await pilot.press("escape")
    again = make_app(new_set_dir, fake_clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("t", "1", "q")
        assert len(logged(new_set_dir, "prompt")) == 1
        assert not coach_box(again).display


async def test_the_minutes_and_the_history_count_the_prompts(
    new_set_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("1", "s", "4", "s", "5", "s")
    assert (
        "### Coach prompts\n\n- 09:30 `statements` in Clarify: 3 statements in this questioning"
        in report(new_set_dir, capsys)
    )
    assert "- 09:30 `statements` in Clarify\n" in report(new_set_dir, capsys, "--anonymous")
    assert "coach prompts" in report(new_set_dir, capsys, "--all")
    sets = ["--sets-dir", str(new_set_dir), "--today", str(TODAY)]
    assert cli.main(["check", "demo", *sets]) == 0


async def test_the_coach_reads_the_words_the_minutes_give(
    new_set_dir: Path, fake_clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.press("1", "q", "4", "a", "1", "c", "4", "a", "5", "a")
        await pilot.press("1", "a")  # 4 of the last 5 now: the prompt waiting says so
        first, again = logged(new_set_dir, "prompt")
        assert first["said"] == "Advice creeping in: 3 of the last 5 were advice"
        assert again["said"] == "Advice creeping in: 4 of the last 5 were advice"
        assert again["n"] == first["n"]
        assert again["said"] in str(coach_box(app).render())
    minutes = report(new_set_dir, capsys)
    assert f"`advice-creeping` in Clarify: {again['said']}\n" in minutes
    assert "3 of the last 5" not in minutes


async def test_a_prompt_overtaken_while_the_pane_was_hidden_is_shown_when_t_is_pressed(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:  # the pane hidden
        await pilot.press("1", "a", "4", "a", "5", "a", "1", "q", "4", "q")
        assert [e["kind"] for e in logged(new_set_dir, "prompt")] == ["advice-creeping"]
        await pilot.press("5", "q", "1", "q")  # 1 of the last 5: overtaken, never read
        screen = console(app)
        assert str(screen.query_one("#prompt-sign", Static).render()) == "•"
        await pilot.press("t")
        assert "Advice creeping in: 3 of the last 5" in str(coach_box(app).render())
        await pilot.press("4", "q")
        assert coach_box(app).display  # read now: it waits for escape
        await pilot.press("escape")
        assert not coach_box(app).display


async def test_remarks_tagged_while_the_presenter_presents_are_not_in_the_advice_window(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    plan_with_presenters(new_set_dir, at=TO_CLARIFY - 1)  # Present
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "1", "s", "4", "s", "n")  # two remarks, then Clarify
        await pilot.press("1", "a", "4", "a", "5", "a")  # 3 of the first 3 questions
        assert logged(new_set_dir, "prompt") == []
        await pilot.press("1", "q", "4", "a")
        (event,) = logged(new_set_dir, "prompt")
        assert event["said"] == "Advice creeping in: 4 of the last 5 were advice"
