"""A member without a phone answers the open round on the facilitator's laptop (Pilot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import TODAY, FakeClock, meeting_at, paste
from textual.app import App

from actionset import store as disk
from actionset.model.voice import DEFAULT_SCALES, close_line, round_line
from actionset.screens.voice_answer import LaptopAnswerScreen, Rating, answer_on_laptop

DATE = dt.date(2026, 11, 21)
AT = dt.datetime(2026, 11, 21, 12, 40, tzinfo=dt.UTC)


class Host(App[None]):
    """A plain screen for the form to open over, as the console's is."""

    def __init__(self, the_store: disk.SetStore) -> None:
        super().__init__()
        self.the_store = the_store
        self.saves = 0

    def ask(self) -> bool:
        def saved() -> None:
            self.saves += 1

        return answer_on_laptop(self.screen, self.the_store, DATE, lambda: AT, saved=saved)


def opened(new_set_dir: Path, kind: str = "pulse") -> disk.SetStore:
    the_store = disk.SetsFolder(new_set_dir).find("demo")
    the_store.append_voice(DATE, round_line("r1", DEFAULT_SCALES[kind], AT))  # type: ignore[index]
    return the_store


async def test_a_member_rates_each_statement_with_one_key_and_writes_the_line(
    new_set_dir: Path,
) -> None:
    the_store = opened(new_set_dir)
    app = Host(the_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.ask()
        await pilot.pause()
        assert isinstance(app.screen, LaptopAnswerScreen)
        # Each digit rates and moves on; right on the third gives the middle (3), then 2 rates it.
        await pilot.press("4", "5", "right")
        assert app.screen.query_one("#rating-2", Rating).value == 3
        await pilot.press("2", "3")
        await paste(pilot, "More silence [b]please[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LaptopAnswerScreen) and app.saves == 1
    answers = list(the_store.read_voice(DATE).voice.rounds["r1"].answers.values())
    assert len(answers) == 1
    answer = answers[0]
    assert answer.by == "laptop" and answer.device.startswith("laptop-")
    assert answer.line == "More silence [b]please[/b]"
    assert answer.ratings == {"useful": 4, "questioned": 5, "said": 2, "next": 3}


async def test_escape_leaves_the_file_as_it_was_and_an_empty_answer_is_refused(
    new_set_dir: Path,
) -> None:
    the_store = opened(new_set_dir)
    before = the_store.voice_path(DATE).read_bytes()
    app = Host(the_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.ask()
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, LaptopAnswerScreen)
        error = str(app.screen.query_one("#error").render())
        assert "Rate a statement or write the line" in error
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LaptopAnswerScreen)
    assert the_store.voice_path(DATE).read_bytes() == before and app.saves == 0


async def test_a_reflection_takes_its_line_alone(new_set_dir: Path) -> None:
    the_store = opened(new_set_dir, "reflection")
    app = Host(the_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.ask()
        await pilot.pause()
        await paste(pilot, "We rushed the probe")
        await pilot.press("enter")
        await pilot.pause()
    the_round = the_store.read_voice(DATE).voice.rounds["r1"]
    assert the_round.lines() == ["We rushed the probe"]


async def test_with_no_round_open_the_form_does_not_open(new_set_dir: Path) -> None:
    the_store = opened(new_set_dir)
    the_store.append_voice(DATE, close_line("r1", AT))
    app = Host(the_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.ask()
        await pilot.pause()
        assert not isinstance(app.screen, LaptopAnswerScreen)


async def test_shift_k_in_the_console_opens_the_form_over_the_open_round_and_counts_it(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """In the close, A opens the pulse; L lets a member without a phone answer it here."""
    from actionset.app import console_app
    from actionset.model.meeting import PhaseKind
    from actionset.screens.console_voice import VoiceLine
    from actionset.screens.meeting import MeetingScreen

    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    the_store = disk.SetStore(sets_dir / "demo")
    app = console_app(
        the_store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("L")  # no round open: the key is not the console's
        assert not isinstance(app.screen, LaptopAnswerScreen)
        await pilot.press("escape", "A")
        await pilot.press("L")
        assert isinstance(app.screen, LaptopAnswerScreen)
        await pilot.press("4", "5", "3", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "1 of 6 answered" in str(app.screen.query_one(VoiceLine).render())
    the_round = the_store.read_voice(TODAY).voice.rounds["r1"]
    (answer,) = the_round.answers.values()
    assert (answer.by, answer.ratings["useful"], answer.ratings["next"]) == ("laptop", 4, 4)
