"""The members' voice in the reports: `actionset voice` (paper answers typed in), the minutes,
the history, and the reaction and self-assessment a sponsor's pack reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from actionset import cli
from actionset import store as disk
from actionset.model.voice import (
    DEFAULT_SCALES,
    Average,
    answer_line,
    close_line,
    new_device,
    release_line,
    round_line,
)
from actionset.model.voice_report import (
    NOT_COLLECTED,
    MeetingVoice,
    programme_reaction,
    programme_self_assessment,
    reaction,
    self_assessment,
)

TODAY = "2026-11-21"
DAY = dt.date.fromisoformat(TODAY)
LATEST = dt.date(2026, 9, 21)
AT = dt.datetime(2026, 9, 21, 12, 40, tzinfo=dt.UTC)


def run(capsys: pytest.CaptureFixture[str], sets_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--sets-dir", str(sets_dir), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def demo(sets_dir: Path) -> disk.SetStore:
    return disk.SetsFolder(sets_dir).find("demo")


def write_voice(the_store: disk.SetStore, date: dt.date, *records: dict[str, object]) -> None:
    for record in records:
        the_store.append_voice(date, record)


def test_paper_answers_are_typed_into_a_round_opened_for_them(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    code, out, _ = run(capsys, sets_dir, "voice", "demo")
    assert (code, out.startswith("No rounds at the meeting of 2026-09-21")) == (0, True)
    code, out, _ = run(capsys, sets_dir, "voice", "demo", "--new", "pulse")
    assert code == 0 and out.startswith(
        "Opened r1, a pulse for paper answers: add them with --round.\n"
        "Pulse (r1) for paper answers: 0 answered\n"
    )
    run(capsys, sets_dir, "voice", "demo", "--ratings", "4 5 3 4", "--line", "Good [b]day[/b]")
    code, out, _ = run(capsys, sets_dir, "voice", "demo", "--round", "r1", "--ratings", "2,-,3,4")
    assert code == 0 and out.startswith("Added a paper answer to r1: 2 answered.\n")
    assert "Pulse (r1) for paper answers: 2 answered\n" in out and "closed" not in out
    assert "1. Today's meeting was useful for my work: 3.0 (n=2)" in out
    assert "2. The set questioned more than it advised: 5.0 (n=1)" in out
    assert "“Good [b]day[/b]”" in out
    read = demo(sets_dir).read_voice(LATEST)
    assert read.problems == []
    answers = list(read.voice.rounds["r1"].answers.values())
    assert [(a.by, a.device.startswith("paper-")) for a in answers] == [("paper", True)] * 2


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--ratings", "4 5"], "--ratings gives 2 ratings; r1 has 4 statements"),
        (["--ratings", "4 5 6 1"], "--ratings '6' is not a rating from 1 to 5"),
        (["--round", "r7", "--line", "x"], "no round 'r7' (rounds: r1 (pulse))"),
        (["--round", "r1"], "--round takes an answer"),
        (["--new", "poll"], "--new 'poll': open a pulse, self, reflection round"),
        (["--meeting", "2026-01-01"], "has no meeting on 2026-01-01"),
    ],
)
def test_a_paper_answer_that_does_not_fit_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], sets_dir: Path, argv: list[str], said: str
) -> None:
    run(capsys, sets_dir, "voice", "demo", "--new", "pulse")
    before = demo(sets_dir).voice_path(LATEST).read_bytes()
    code, _, err = run(capsys, sets_dir, "voice", "demo", *argv)
    assert code == 2 and said in err and "Traceback" not in err
    assert demo(sets_dir).voice_path(LATEST).read_bytes() == before


def test_a_round_full_of_devices_refuses_a_paper_answer_with_exit_1(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    the_store = demo(sets_dir)
    members = len(the_store.load_set().members_at(LATEST))
    write_voice(the_store, LATEST, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    for _ in range(members + 2):
        write_voice(the_store, LATEST, answer_line("r1", new_device(), AT, {"useful": 4}))
    code, _, err = run(capsys, sets_dir, "voice", "demo", "--ratings", "4 4 4 4")
    assert code == 1 and f"already has answers from {members + 2} devices" in err


def test_the_minutes_give_averages_with_n_the_lines_and_only_released_reflections(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    the_store = demo(sets_dir)
    reflect = DEFAULT_SCALES["reflection"]
    write_voice(
        the_store,
        LATEST,
        round_line("r1", DEFAULT_SCALES["pulse"], AT),
        answer_line("r1", new_device(), AT, {"useful": 4, "said": 2}, "More silence, please"),
        answer_line("r1", new_device(), AT, {"useful": 5}),
        close_line("r1", AT),
        round_line("r2", reflect, AT),
        answer_line("r2", new_device(), AT, {}, "We rushed the probe"),
        close_line("r2", AT),
        round_line("r3", reflect, AT),
        answer_line("r3", new_device(), AT, {}, "Kept back"),
        close_line("r3", AT),
        release_line("r2", AT),
    )
    code, out, _ = run(capsys, sets_dir, "report", "demo")
    assert code == 0
    section = out[out.index("### Members' voice") : out.index("### Reflections")]
    assert "Pulse (r1): 2 answered, closed 12:40." in section
    assert "| Today's meeting was useful for my work | 4.5 | 2 |" in section
    assert "| I could say what I needed to say | 2.0 | 1 |" in section
    assert "| I know what I will do before we next meet | - | 0 |" in section
    assert "- “More silence, please”" in section
    assert "released to the room" in section and "- “We rushed the probe”" in section
    assert "Kept back" not in out and "1 line, not released to the room." in section


def test_minutes_without_a_voice_file_have_no_voice_section(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    _, out, _ = run(capsys, sets_dir, "report", "demo")
    assert "Members' voice" not in out


def test_the_history_gives_each_meeting_s_averages_with_n(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    the_store = demo(sets_dir)
    first = the_store.meeting_dates()[0]
    write_voice(
        the_store,
        first,
        round_line("r1", DEFAULT_SCALES["self"], AT),
        answer_line("r1", new_device(), AT, {"open": 2, "listen": 3}),
    )
    write_voice(
        the_store,
        LATEST,
        round_line("r1", DEFAULT_SCALES["pulse"], AT),
        *(answer_line("r1", new_device(), AT, {"useful": r}) for r in (3, 4, 5)),
    )
    code, out, _ = run(capsys, sets_dir, "report", "demo", "--all", "--format", "markdown")
    assert code == 0
    section = out[out.index("## Members' voice") :]
    assert "| 2026-09-21 | 3 | 4.0 (3) | – | – | – |" in section
    assert f"| {first} | 1 | 2.0 (1) | – | 3.0 (1) | – | – |" in section
    assert "- useful: Today's meeting was useful for my work" in section
    _, text, _ = run(capsys, sets_dir, "report", "demo", "--all")
    assert "Members' voice\n──────────────" in text


def averages(*given: tuple[str, float, int]) -> tuple[Average, ...]:
    return tuple(Average(key, key.title(), mean, n) for key, mean, n in given)


def test_reaction_pools_every_pulse_weighted_by_its_n() -> None:
    meetings = [
        MeetingVoice(dt.date(2026, 5, 1), averages(("useful", 3.0, 2)), pulse_answers=2),
        MeetingVoice(dt.date(2026, 6, 1)),
        MeetingVoice(dt.date(2026, 7, 1), averages(("useful", 4.5, 4)), pulse_answers=4),
    ]
    found = reaction(meetings)
    assert (found.meetings, found.answers, found.collected) == (2, 6, True)
    assert found.averages == (Average("useful", "Useful", 4.0, 6),)  # (3×2 + 4.5×4) ÷ 6
    assert not reaction([MeetingVoice(dt.date(2026, 5, 1))]).collected
    assert NOT_COLLECTED == "not collected"


def test_self_assessment_sets_the_first_meeting_against_the_latest() -> None:
    first = MeetingVoice(
        dt.date(2026, 5, 1), self_assessment=averages(("open", 2.0, 5)), self_answers=5
    )
    middle = MeetingVoice(
        dt.date(2026, 7, 1), self_assessment=averages(("open", 5.0, 1)), self_answers=1
    )
    latest = MeetingVoice(
        dt.date(2026, 9, 1), self_assessment=averages(("open", 3.5, 4)), self_answers=4
    )
    found = self_assessment([latest, first, middle])
    assert (found.first_dates, found.latest_dates) == ((first.date,), (latest.date,))
    assert (found.first_answers, found.latest_answers, found.change("open")) == (5, 4, 1.5)
    once = self_assessment([first])
    assert once.collected and not once.compared and once.change("open") is None
    both = programme_self_assessment([[first, latest], [first]])
    assert both.first_answers == 10 and both.latest_answers == 4
    assert programme_reaction([[first], [latest]]).answers == 0


def test_a_damaged_voice_line_warns_in_a_report_and_the_rest_still_counts(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    the_store = demo(sets_dir)
    write_voice(the_store, LATEST, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    path = the_store.voice_path(LATEST)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(answer_line("r1", new_device(), AT, {"useful": 0})) + "\n")
    write_voice(the_store, LATEST, answer_line("r1", new_device(), AT, {"useful": 5}))
    code, out, err = run(capsys, sets_dir, "report", "demo")
    assert code == 0 and f"{path}:2: ratings.useful: 0 is not a rating from 1 to 5" in err
    assert "| Today's meeting was useful for my work | 5.0 | 1 |" in out


def test_a_round_opened_for_paper_asks_the_programme_s_scale_unless_the_set_words_its_own(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    (sets_dir / "programme.toml").write_text(
        '[scales.self]\nstatements = [\n  { id = "ask", text = "I ask open questions" },\n'
        '  { id = "hear", text = "I hear the presenter out" },\n]\n'
        '[scales.pulse]\nask = "What changed for you today?"\n',
        encoding="utf-8",
    )
    set_path = sets_dir / "demo" / "set.toml"
    set_path.write_text(
        set_path.read_text(encoding="utf-8") + '\n[scales.pulse]\nask = "One word for today?"\n',
        encoding="utf-8",
    )
    assert run(capsys, sets_dir, "check")[0] == 0
    run(capsys, sets_dir, "voice", "demo", "--new", "self")
    _, out, _ = run(capsys, sets_dir, "voice", "demo", "--new", "pulse")
    assert "1. I ask open questions: not rated" in out
    assert "\n  One word for today?\n" in out


async def insights_of(sets_dir: Path) -> tuple[bool, str, str, str]:
    """The insights of the demo set: whether the pulse's chart shows, what it draws, its key
    and the summary."""
    from conftest import FakeClock
    from textual_plotext import PlotextPlot

    from actionset.app import home_app
    from actionset.screens.insights import InsightsScreen

    app = home_app(disk.SetsFolder(sets_dir), today=DAY, now=FakeClock(), remember_theme=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        plot = screen.query_one("#voice", PlotextPlot)
        return (
            screen.query_one("#voice-box").display,
            "\n".join(plot.render_line(y).text for y in range(plot.size.height)),
            str(screen.query_one("#voice-key").render()),
            str(screen.query_one("#summary").render()),
        )


async def test_the_insights_chart_the_members_pulse_and_sum_up_their_self_assessment(
    sets_dir: Path,
) -> None:
    shown, _, _, summary = await insights_of(sets_dir)
    assert not shown and "Pulse" not in summary  # no voice yet: no chart, no line
    the_store = demo(sets_dir)
    dates = the_store.meeting_dates()
    for date, (useful, opened) in zip(dates[::3], [(3, 2), (5, 4)], strict=True):
        write_voice(
            the_store,
            date,
            round_line("r1", DEFAULT_SCALES["pulse"], AT),
            *(answer_line("r1", new_device(), AT, {"useful": useful}) for _ in range(3)),
            round_line("r2", DEFAULT_SCALES["self"], AT),
            *(answer_line("r2", new_device(), AT, {"open": opened}) for _ in range(4)),
        )
    shown, drawn, key, summary = await insights_of(sets_dir)
    assert shown and "Members' pulse" in drawn and "Today's meeting was useful" in key
    assert "Pulse (of 5, 6 answers at 2 meetings): useful 4.0" in summary
    assert "open 2.0 → 4.0" in summary


def test_a_damaged_line_is_named_and_paper_answers_still_go_in(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    run(capsys, sets_dir, "voice", "demo", "--new", "pulse")
    path = demo(sets_dir).voice_path(LATEST)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write("{oops\n")
    code, out, err = run(capsys, sets_dir, "voice", "demo", "--ratings", "5 5 5 5")
    assert code == 0 and f"{path}:3: line: not a JSON record" in err
    assert "Added a paper answer to r1: 1 answered." in out
    assert path.read_text(encoding="utf-8").splitlines()[2] == "{oops"


def test_a_line_or_a_statement_edited_by_hand_keeps_the_minutes_markdown_whole(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    from actionset.model.voice import Scale, Statement

    own = Scale(
        "pulse", (Statement("a", "Useful | or not"), *DEFAULT_SCALES["pulse"].statements[1:]), ""
    )
    write_voice(demo(sets_dir), LATEST, round_line("r1", own, AT))
    path = demo(sets_dir).voice_path(LATEST)
    with path.open("a", encoding="utf-8", newline="\n") as f:
        f.write(
            json.dumps(answer_line("r1", new_device(), AT, {"a": 4}) | {"line": "two\nlines"})
            + "\n"
        )
    _, out, _ = run(capsys, sets_dir, "report", "demo")
    assert "| Useful \\| or not | 4.0 | 1 |" in out
    assert "- “two lines”" in out
