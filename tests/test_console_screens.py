"""Pilot tests of the console's screens: the footer, help, the lists, the timeline, privacy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, FakeClock, SnapCompare, on_disk, tagged_before
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model.meeting import Presentation
from actionset.screens.meeting import MeetingScreen
from actionset.widgets.tag_pane import TagPane


def make_app(sets_dir: Path, clock: FakeClock) -> ActionSetApp:
    return console_app(
        disk.SetStore(sets_dir / "demo"),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=clock,
        remember_theme=False,
    )


def console(app: ActionSetApp) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    return screen


# ---------------------------------------------------------------------------- the timeline


async def test_timeline_draws_questions_and_advice_on_one_scale(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    tagged_before(new_set_dir, fake_clock, "2q" * 14 + "3a" * 3)
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        pane = console(app).query_one(TagPane)
        bars = pane.query_one("#bars")
        heading, questions, advice = (
            line.text for line in bars.render_lines(Region(0, 0, bars.size.width, 3))
        )
        assert heading == "Through the slot, a bar a minute".ljust(bars.size.width)
        assert questions[:2] == "q " and advice[:2] == "a "
        questions, advice = questions[2:], advice[2:]
        assert questions[0] == "█"
        assert advice[0] in "▂▃▄", advice  # 3 of 14: low, but above the empty minutes
        assert questions[-1] == advice[-1] == "▁"


# ---------------------------------------------------------------------------- who presents


def prompts(app: ActionSetApp) -> list[str]:
    from textual.widgets import OptionList

    choices = app.screen.query_one(OptionList)
    return [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]


async def test_w_keeps_the_order_names_are_ticked_and_numbers_them(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "down", "space", "up", "up", "space")
        shown = prompts(app)
        assert shown[0] == "✓  2 Amira Haddad"
        assert shown[1] == "·    Ben Osei"
        assert shown[2] == "✓  1 Carla Jones"
        await pilot.press("enter")
        meeting = await on_disk(app, new_set_dir)
        assert [p.member for p in meeting.presenters] == ["Carla Jones", "Amira Haddad"]
        slots = [p.presenter for p in meeting.agenda if p.presenter]
        assert slots == ["Carla Jones"] * 5 + ["Amira Haddad"] * 5
        await pilot.press("w")  # opened again: the running order stands, numbered
        assert prompts(app)[:3] == ["✓  2 Amira Haddad", "·    Ben Osei", "✓  1 Carla Jones"]


@pytest.mark.parametrize("key", ["w", "h"])
async def test_the_w_and_h_lists_carry_no_check_box_beside_the_tick(
    new_set_dir: Path, fake_clock: FakeClock, key: str
) -> None:
    """The ✓ or · says whether a row is ticked; a ▐X▌ box on every row said nothing more."""
    from textual.widgets import OptionList

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key, "down", "space")
        await pilot.pause()
        choices = app.screen.query_one(OptionList)
        rows = [choices.render_line(y).text for y in range(choices.option_count)]
        assert not any(mark in row for row in rows for mark in "▐▌X"), rows
        assert rows[1].lstrip()[0] == ("·" if key == "h" else "✓")


async def test_w_moving_the_presenters_keeps_what_was_recorded_and_refuses_to_drop_it(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "space", "down", "space", "enter")  # Amira, then Ben
        meeting = console(app).clock.meeting
        meeting.presenters[0].issue = "voids"
        meeting.presenters[0].reflections = ["I saw it differently"]
        # Ben first now: both unticked, then Ben ticked before Amira.
        await pilot.press("w", "space", "down", "space", "space", "up", "space", "enter")
        kept = Presentation(
            member="Amira Haddad", issue="voids", reflections=["I saw it differently"]
        )
        ben = Presentation(member="Ben Osei")
        assert (await on_disk(app, new_set_dir)).presenters == [ben, kept]
        await pilot.press("w", "space", "enter")  # Amira left out: refused, with the reason
        assert (await on_disk(app, new_set_dir)).presenters == [ben, kept]
        assert any(
            "Amira Haddad has 1 reflection recorded today" in message for message in notices(app)
        )


async def test_w_refuses_more_presenters_than_slots_unless_a_slot_is_added(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.screens.roster import ChooseMembersScreen

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        planned = sum(p.planned_minutes for p in (await on_disk(app, new_set_dir)).agenda)
        await pilot.press("w", "space", "down", "space", "down", "space", "enter")
        assert isinstance(app.screen, ChooseMembersScreen)  # refused: half-day has 2 slots
        offer = str(app.screen.query_one("#offer").render())
        assert "3 presenters but the agenda has 2 presenter slots" in offer
        assert "Add a slot of 60 min? y adds · n goes back" in offer
        await pilot.press("n")
        assert isinstance(app.screen, ChooseMembersScreen)
        assert str(app.screen.query_one("#offer").render()) == ""
        assert (await on_disk(app, new_set_dir)).presenters == []
        await pilot.press("enter", "y")
        assert isinstance(app.screen, MeetingScreen)
        meeting = await on_disk(app, new_set_dir)
        assert [p.member for p in meeting.presenters] == ["Amira Haddad", "Ben Osei", "Carla Jones"]
        slots = [p.presenter for p in meeting.agenda if p.presenter]
        assert slots == ["Amira Haddad"] * 5 + ["Ben Osei"] * 5 + ["Carla Jones"] * 5
        assert sum(p.planned_minutes for p in meeting.agenda) == planned + 60
        assert any("plan grows by 60 min" in n.message for n in app._notifications)


async def test_a_slot_added_during_the_meeting_keeps_the_planned_end(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        fake_clock.advance(300)
        ends_at = (await on_disk(app, new_set_dir)).clock.ends_at
        await pilot.press("w", "space", "down", "space", "down", "space", "enter", "y")
        meeting = await on_disk(app, new_set_dir)
        assert len({p.presenter for p in meeting.agenda if p.presenter}) == 3
        assert meeting.clock.ends_at == ends_at
        assert console(app).clock.predicted_finish() == ends_at
        assert any("share the time left" in n.message for n in app._notifications)


async def test_h_and_w_lists_mark_ticked_and_unticked_with_a_symbol(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert all(shown.startswith("✓ ") for shown in prompts(app))
        await pilot.press("space")
        assert prompts(app)[0] == "· Amira Haddad"
        assert prompts(app)[1] == "✓ Ben Osei"
        await pilot.press("escape", "w")
        assert all(shown.startswith("· ") for shown in prompts(app))


# ---------------------------------------------------------------------------- the room's privacy


def notices(app: App[Any]) -> list[str]:
    """The notices shown so far, the latest last."""
    return [n.message for n in app._notifications]


def tagged(sets_dir: Path) -> list[tuple[str, str]]:
    from actionset.model.contributions import replay

    read = disk.SetStore(sets_dir / "demo").read_journal(TODAY)
    return [(c.member, c.code) for c in replay(read.events)]


async def test_pane_hidden_a_tag_lands_with_a_tick_and_no_name(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n")  # a phase with no panel: the tagging keys are free
        landed = console(app).query_one("#landed")
        assert str(landed.render()) == ""
        await pilot.press("2", "a")
        assert tagged(new_set_dir) == [("Ben Osei", "advice")]
        assert str(landed.render()) == "✓"
        assert landed.region.right == 80 and landed.region.y == 0  # the top row's corner
        await pilot.press("u")
        assert tagged(new_set_dir) == []
        for message in notices(app):
            assert "Ben" not in message and "advice" not in message, message
        assert "Last tag undone." in notices(app)
        await pilot.press("t", "3", "q")  # beside the pane the pane says it: no tick
        assert str(landed.render()) == ""
        await pilot.press("u")
        assert "Undone: Carla Jones open question." in notices(app)


async def test_pane_hidden_the_presenter_refusal_names_nobody(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "space", "enter")  # Ben Osei presents
        await pilot.press(*["n"] * 3)
        phase = console(app).clock.phase
        assert phase is not None
        assert phase.presenter == "Ben Osei"
        app.clear_notifications()
        await pilot.press("2")
        assert notices(app) == ["The member presenting is not tagged."]


async def test_pane_hidden_e_and_g_open_nothing(new_set_dir: Path, fake_clock: FakeClock) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "2", "q")  # a phase with no panel
        app.clear_notifications()
        await pilot.press("e")
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("g")
        assert isinstance(app.screen, MeetingScreen)
        assert notices(app) == [  # the letter after a refused one does nothing at all
            "Keys held: e opens only beside the tag pane: t shows it. esc resumes."
        ]
        await pilot.press("escape", "t", "e")
        assert not isinstance(app.screen, MeetingScreen)


# ---------------------------------------------------------------------------- the footer


def bottom_row(app: ActionSetApp) -> str:
    strips = app.screen._compositor.render_strips()
    return strips[-1].text


WIDTHS = [80, 100, 120]


@pytest.mark.parametrize("width", WIDTHS)
async def test_footer_fits_with_help_and_quit_and_nothing_after_the_palette(
    new_set_dir: Path, fake_clock: FakeClock, width: int
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("n", "n", "n")  # a phase with no panel: the digits are the console's
        for keys in [(), ("2",), ("escape", "space"), ("t",)]:
            await pilot.press(*keys)
            await pilot.pause()
            row = bottom_row(app)
            for _ in range(50):  # a loaded machine may paint the Footer a few frames later
                if row.strip():
                    break
                await pilot.pause(0.02)
                row = bottom_row(app)
            # The hint ends the row (its own last cell is blank): no stray glyph after it.
            assert len(row) == width and row.endswith("▏^p palette "), row
            assert "? Help" in row and "^q Quit" in row, row
            words = row.split("▏")[0]
            if keys == ("2",):
                assert all(f" {code} " in f" {words}" for code in "qclas"), row
            else:
                assert words.startswith("space "), row
                assert "+ - ] [ ± time" in words and "0-9 Member" in words, row


async def test_footer_says_start_or_pause_as_the_clock_stands(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert bottom_row(app).startswith("space Start ")
        await pilot.press("space")
        await pilot.pause()
        assert bottom_row(app).startswith("space Pause ")


def test_footer_at_80_columns(
    snap_compare: SnapCompare, new_set_dir: Path, fake_clock: FakeClock
) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("n", "n", "n", "space", "4")  # a phase with no panel
        pilot.app.clear_notifications()  # each n's notice: the Footer is what is looked at
        await pilot.pause()

    assert snap_compare(
        make_app(new_set_dir, fake_clock), terminal_size=(80, 24), run_before=run_before
    )


# ---------------------------------------------------------------------------- help


def help_text(app: ActionSetApp) -> str:
    from actionset.screens.help import HelpScreen

    assert isinstance(app.screen, HelpScreen)
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_help_lists_every_key_of_the_console(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("question_mark")
        text = help_text(app)
        for key in [
            "space",
            "n",
            "p",
            "+",
            "-",
            "]",
            "[",
            "r",
            "b",
            "v",
            "m",
            "t",
            "0-9",
            "q",
            "c",
            "l",
            "a",
            "s",
            "esc",
            "u",
            "e",
            "g",
            "o",
            "w",
            "h",
            "?",
            "^q",
        ]:
            assert f"│   {key} " in text, key
        assert "who presents today, in running order" in text


async def test_help_lines_never_wrap_at_80_columns(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    import re

    from actionset.model.keyboard import HELP, TYPING_HELP

    headings = {heading for _, heading in HELP} | {"escape or ? closes this."}
    headings |= {"Keys", "escape or ? closes this"}  # in the box's border
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("question_mark")
        from actionset.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen) and app.screen.first is not None
        heading, words = app.screen.first  # the panel's hint, as it is written: words
        headings |= {heading, *words.splitlines()}
        inside = [
            line.strip().strip("│").strip("╭╮╰╯─").rstrip(" ▁▂▃▄▅▆▇█")[1:]
            for line in help_text(app).splitlines()
        ]
        rows = [
            line
            for line in inside
            if line and line.strip() not in headings and line.strip() not in TYPING_HELP
        ]
        assert len(rows) > 25
        for row in rows:
            # A key, then its words on the same line: no word wrapped onto a line of its own.
            assert re.fullmatch(r"  (\S+(?: \S)*) {2,}\S+ \S.*", row), row


async def test_help_gives_the_phases_panel_keys_first_in_full(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """At 80 columns the panel's hint is cut beside the clock; the help gives it whole, first,
    while the panel has the keys; with the tag pane over the panel, the pane's keys only."""
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")  # the bids (a new set's first meeting has no report-back)
        await pilot.press("question_mark")
        text = help_text(app)
        assert "Bids and running order: the panel's own keys" in text, text
        assert "s suggested order · enter confirm presenters" in text, text
        assert text.index("the panel's own keys") < text.index("Commands:")
        await pilot.press("escape", "t", "question_mark")
        assert "the panel's own keys" not in help_text(app)


async def test_help_lists_the_sets_own_codes(new_set_dir: Path, fake_clock: FakeClock) -> None:
    from actionset.model.set import Code, CodebookMode, CountsAs

    store = disk.SetStore(new_set_dir / "demo")
    codes = [
        Code(key="f", name="reflective", counts_as=CountsAs.question, label="reflective question"),
        Code(key="k", name="tip", counts_as=CountsAs.advice),
    ]
    store.save_set(
        store.load_set().model_copy(
            update={"codebook": codes, "codebook_mode": CodebookMode.replace}
        )
    )
    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("question_mark")
        text = "\n".join(" ".join(line.split()) for line in help_text(app).splitlines())
        assert "│ f reflective question (question) │" in text
        assert "│ k tip (advice) │" in text
        assert "│ f k a code alone tags the last member again │" in text
        assert "open question" not in text and "leading" not in text


async def test_the_footer_is_rebuilt_only_when_its_keys_change(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.widgets.steady_footer import SteadyFooter

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        footer = app.screen.query_one(SteadyFooter)
        await pilot.pause()
        keys = list(footer.children)
        assert keys
        app.screen.refresh_bindings()  # as a focus change or a panel would: the keys stay
        await pilot.pause()
        await pilot.press("v")  # the clock's view changes; the keys do not
        await pilot.pause()
        assert list(footer.children) == keys
        await pilot.press("space")  # Start becomes Pause: the Footer says so, on its keys
        await pilot.pause()
        assert list(footer.children) == keys
        assert ("space", "Pause") in footer_words(footer)


def footer_words(footer: Widget) -> list[tuple[str, str]]:
    """The key and the word of every key the Footer shows, in its order."""
    return [(key.key, key.description) for key in footer.query("FooterKey")]  # type: ignore[attr-defined]


async def test_t_lights_the_tag_panes_keys_in_the_footer_and_moves_none(
    new_set_dir: Path, fake_clock: FakeClock
) -> None:
    """In a phase with a panel the Footer has the pane's keys whether the pane shows or not:
    dimmed while the panel has the digits, lit beside the pane. `t` changes which keys are
    lit, never which are there or their words, so the Footer is not laid out again."""
    from actionset.widgets.steady_footer import SteadyFooter

    app = make_app(new_set_dir, fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        footer = app.screen.query_one(SteadyFooter)
        await pilot.pause()
        words = footer_words(footer)
        assert ("1", "Member") in words and ("t", "Tags") in words

        def lit() -> set[str]:
            keys = footer.query("FooterKey")
            return {key.key for key in keys if not key.has_class("-disabled")}  # type: ignore[attr-defined]

        assert "1" not in lit() and {"space", "n", "t"} <= lit()  # the digits are the panel's
        await pilot.press("t")  # a key built dimmed is built again lit, once
        await pilot.pause()
        keys = list(footer.query("FooterKey"))
        assert footer_words(footer) == words and "1" in lit()
        for shown in (False, True, False, True):
            await pilot.press("t")
            await pilot.pause()
            assert list(footer.query("FooterKey")) == keys
            assert footer_words(footer) == words
            assert ("1" in lit()) is shown
