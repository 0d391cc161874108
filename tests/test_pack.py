"""The sponsor's pack: one HTML page by Kirkpatrick's levels and the ROI, each figure with its
source or "not collected", that loads and runs nothing and leaves the set only what the
audience may read; the figures it adds (time to complete, statements, early warning)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from conftest import ROOT, copy_set

from actionset import cli
from actionset.export.set_record import read_set_record
from actionset.model.history import MeetingFigures, history
from actionset.model.pack import days_to_complete, falling, statements_share
from actionset.model.stats import Tally
from actionset.model.voice import DEFAULT_SCALES, RoundKind, answer_line, round_line
from actionset.store import SetStore

TODAY = "2026-12-07"
SETS = ROOT / "sets"


def pack(tmp_path: Path, *argv: str, sets: Path = SETS) -> str:
    target = tmp_path / "pack.html"
    where = ["--sets-dir", str(sets), "--today", TODAY]
    assert cli.main(["report", *argv, "--format", "html", "--output", str(target), *where]) == 0
    return target.read_text(encoding="utf-8")


def row(page: str, what: str) -> str:
    """The figure of a level's row, as the page shows it."""
    found = re.search(rf"<tr><td><span>{re.escape(what)}</span></td><td><span[^>]*>([^<]*)<", page)
    assert found is not None, what
    return html.unescape(found[1])


def test_every_level_gives_its_figure_and_source_or_says_not_collected(tmp_path: Path) -> None:
    page = pack(tmp_path, "--programme", "--for", "sponsor")
    for section in ("level-1", "level-2", "level-3", "level-4", "level-5"):
        assert f'<section id="{section}">' in page
    assert '<section id="attendance">' in page and '<section id="warnings">' in page
    assert row(page, "Members&#x27; rating of their meetings") == "not collected"
    assert row(page, "Members&#x27; self-assessment") == "not collected"
    assert row(page, "Question share, first 3 meetings → last 3") == "53% → 70% (+17 pts)"
    assert row(page, "Actions completed") == "81% (22 of 27)"
    assert row(page, "Issues resolved") == "5 of 20 (25%)"
    assert row(page, "Of kind cost avoided") == "2 outcomes; adjusted £13,680"
    assert row(page, "ROI") == "9% ((£19,256 − £17,680) ÷ £17,680 × 100)"
    assert row(page, "Benefit/cost ratio") == "1.09 (£19,256 ÷ £17,680)"
    assert "tagged contributions (meetings/*.tags.jsonl), 2 sets, 12 meetings" in page
    # The vertical set's action completion falls: 7 of 11 reported done at its meetings of
    # March to June (64%), 3 of 7 at its last three (43%).
    assert (
        "Ward to Board — Harbourside NHS Foundation Trust: action completion 64% → 43% "
        "(-21 pts) over the meetings since 10 August 2026" in html.unescape(page)
    )
    assert page.count("<svg") == 5, "learning, behaviour, results, attendance, cadence"


def test_the_pack_loads_nothing_runs_nothing_and_is_the_same_file_each_time(
    tmp_path: Path,
) -> None:
    page = pack(tmp_path, "--programme", "--for", "sponsor")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<script|\son[a-z]+\s*=|<link|<img|<iframe|@import|url\(", page, re.I)
    addresses = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert addresses == {"http://www.w3.org/2000/svg"}, "only the SVG namespace, never fetched"
    assert not re.search(r'(?:src|href)\s*=\s*"', page)
    assert pack(tmp_path, "--programme", "--for", "sponsor") == page


def test_a_sponsor_reads_no_member_name_and_research_no_set_name_nor_words(
    tmp_path: Path,
) -> None:
    sponsor = html.unescape(pack(tmp_path, "--programme", "--for", "sponsor"))
    research = html.unescape(pack(tmp_path, "--programme", "--for", "research"))
    records = [read_set_record(SetStore(SETS / slug)) for slug in ("demo", "ward-to-board")]
    for record in records:
        for member in record.the_set.members:
            assert member.name not in sponsor, member.name
            assert member.name not in research, member.name
        assert record.the_set.name in sponsor
        assert record.the_set.name not in research
    assert "Weekend discharges before noon" in sponsor, "outcomes may leave the set"
    assert "Weekend discharges before noon" not in research, "no words anyone typed"
    assert "Set 2 (vertical)" in research


def test_a_set_s_pack_carries_its_share_of_the_programme_s_cost(tmp_path: Path) -> None:
    # Ward to Board held 8 of the programme's 12 meetings: 10 facilitator days × 8/12 = 6.67
    # days × £850 = £5,666.67; its own members' hours: 45 places taken × 3 hours = 135 × £45
    # = £6,075; cost £11,741.67. Every valued outcome is the set's: benefit £19,255.50.
    # ROI (19,255.5 − 11,741.67) ÷ 11,741.67 × 100 = 63.99…% → 64%; ratio 1.64.
    page = pack(tmp_path, "ward-to-board", "--for", "sponsor")
    assert row(page, "Cost") == (
        "£11,742: facilitators 6.67 days × £850 = £5,667; members 135 hours (counted from the "
        "record) × £45 = £6,075"
    )
    assert row(page, "ROI") == "64% ((£19,256 − £11,742) ÷ £11,742 × 100)"
    assert row(page, "Benefit/cost ratio") == "1.64 (£19,256 ÷ £11,742)"
    assert "<h1>Ward to Board — Harbourside NHS Foundation Trust: the sponsor" in page


def test_a_pack_is_of_a_set_s_history_not_of_one_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["report", "demo", "--meeting", "latest", "--format", "html"]
    assert cli.main([*argv, "--sets-dir", str(SETS)]) == 2
    assert "give no --meeting" in capsys.readouterr().err


def test_time_to_complete_and_statements_worked_out_by_hand() -> None:
    record = read_set_record(SetStore(SETS / "demo"), cache=False)
    by_id = {a.id: a for a in record.actions}
    # Agreed on 18 May, partly done on 29 June, done on 10 August: 84 days.
    assert days_to_complete([by_id["void-contractor"]]) == [84]
    assert days_to_complete([by_id["depot-find-others"]]) == [], "not done yet"
    h = history(record, dt.date(2026, 12, 7))
    first, last = statements_share([h])
    said = [f.totals for f in h.meetings]
    assert first == sum(t.other for t in said[:3]) / sum(t.total for t in said[:3])
    assert last == sum(t.other for t in said[-3:]) / sum(t.total for t in said[-3:])


def meeting(day: int, present: int, done: int, reported: int, questions: int) -> MeetingFigures:
    return MeetingFigures(
        date=dt.date(2026, 1, day),
        expected=6,
        present=[f"m{n}" for n in range(present)],
        presenters=[],
        totals=Tally(questions=questions, other=10 - questions),
        by_member={},
        actions_agreed=0,
        actions_completed=done,
        actions_reported=reported,
    )


def test_early_warning_names_the_figures_that_fall_ten_points_or_more() -> None:
    h = history(read_set_record(SetStore(SETS / "demo"), cache=False), dt.date(2026, 12, 7))
    # Before: attendance 18 of 18 (100%), 6 of 6 done, 18 questions of 30 (60%).
    # After: 15 of 18 (83%, −17 pts), 4 of 6 (67%, −33 pts), 16 of 30 (53%, −7 pts: holds).
    meetings = [meeting(1 + n, 6, 2, 2, 6) for n in range(3)]
    meetings += [meeting(10, 5, 2, 2, 6), meeting(11, 5, 1, 2, 5), meeting(12, 5, 1, 2, 5)]
    warned = falling(dataclasses.replace(h, meetings=meetings))
    assert [(w.figure, w.points) for w in warned] == [
        ("attendance", -17),
        ("action completion", -33),
    ]
    assert warned[0].since == dt.date(2026, 1, 10)
    assert falling(dataclasses.replace(h, meetings=meetings[:3])) == [], "three: not watched"


def answered(
    store: SetStore, date: dt.date, kind: RoundKind, ratings: list[dict[str, int]]
) -> None:
    """A round of `kind` at the meeting, answered by one device per ratings given."""
    at = dt.datetime.combine(date, dt.time(12, 0))
    number = len(store.read_voice(date).voice.rounds) + 1
    store.append_voice(date, round_line(f"r{number}", DEFAULT_SCALES[kind], at))
    for device, given in enumerate(ratings):
        store.append_voice(date, answer_line(f"r{number}", f"device-{device:04d}", at, given))


def test_the_members_voice_is_levels_one_and_two_with_n_and_too_few_below_three(
    tmp_path: Path,
) -> None:
    sets = tmp_path / "sets"
    sets.mkdir()
    demo = SetStore(copy_set(SETS / "demo", sets / "demo"))
    # Two pulses of two answers each: "useful" 4 and 5, then 3 and 4: (4 + 5 + 3 + 4) / 4 = 4.0.
    answered(demo, dt.date(2026, 8, 10), "pulse", [{"useful": 4}, {"useful": 5}])
    answered(demo, dt.date(2026, 9, 21), "pulse", [{"useful": 3}, {"useful": 4}])
    # A self-assessment at the first meeting by three, at the latest by two: too few to show.
    firsts = [{"open": 2}, {"open": 3}, {"open": 1}]
    answered(demo, dt.date(2026, 5, 18), "self", firsts)
    answered(demo, dt.date(2026, 9, 21), "self", [{"open": 4}, {"open": 4}])
    page = html.unescape(pack(tmp_path, "demo", "--for", "sponsor", sets=sets))
    assert "Today's meeting was useful for my work</span></td><td><span>4.0 of 5 (n=4)" in page
    assert "pulse rounds (meetings/*.voice.jsonl), 4 answers at 2 meetings" in page
    assert "The set questioned more than it advised</span></td><td><span>not rated" in page
    assert (
        "Self-assessed: I ask open questions that help the presenter think</span></td><td>"
        "<span>2.0 of 5 (n=3) → too few to show<" in page
    ), "and no change beside it that would give it away"
    research = html.unescape(pack(tmp_path, "demo", "--for", "research", sets=sets))
    # The app's own words, typed by nobody in the set (`audience.may_word`).
    assert "useful for my work" in research and "statement 1" not in research
