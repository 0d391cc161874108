"""What the pack's words say to each reader: research's pack named as research's, with no
programme's name; one thing said one way across the page; a gap told from an error."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from conftest import ROOT, copy_set

from actionset import cli
from actionset.model.audience import Audience, may_word
from actionset.model.voice import DEFAULT_SCALES, Scale, Statement, answer_line, round_line
from actionset.store import SetStore

TODAY = "2026-12-07"
SETS = ROOT / "sets"


def pack(tmp_path: Path, *argv: str, sets: Path = SETS) -> str:
    target = tmp_path / "pack.html"
    where = ["--sets-dir", str(sets), "--today", TODAY]
    assert cli.main(["report", *argv, "--format", "html", "--output", str(target), *where]) == 0
    return html.unescape(target.read_text(encoding="utf-8"))


def heading(page: str) -> tuple[str, str]:
    title = re.search(r"<title>([^<]*)</title>", page)
    h1 = re.search(r"<h1>([^<]*)</h1>", page)
    assert title is not None and h1 is not None
    return title[1], h1[1]


def test_research_s_pack_is_headed_programme_evaluation_and_names_no_programme(
    tmp_path: Path,
) -> None:
    page = pack(tmp_path, "--programme", "--for", "research")
    assert heading(page) == ("Programme evaluation: 2 sets", "Programme evaluation: 2 sets")
    assert "Leading across boundaries" not in page
    assert "the sponsor's pack" not in page
    one = pack(tmp_path, "demo", "--for", "research")
    assert heading(one) == ("A horizontal set: the research pack",) * 2
    sponsor = pack(tmp_path, "--programme", "--for", "sponsor")
    assert heading(sponsor) == ("Leading across boundaries 2026: the sponsor's pack",) * 2


def pulse(store: SetStore, date: dt.date, scale: Scale, answers: int) -> None:
    """A pulse round asking `scale` at the meeting, each device rating its first statement 4."""
    at = dt.datetime.combine(date, dt.time(12, 0))
    store.append_voice(date, round_line("r1", scale, at))
    first = scale.statements[0].id
    for device in range(answers):
        store.append_voice(date, answer_line("r1", f"device-{device:04d}", at, {first: 4}))


def test_research_reads_the_app_s_own_words_of_a_statement_never_a_set_s_own() -> None:
    default = DEFAULT_SCALES["pulse"].statements[0].text
    assert may_word(Audience.research, default)
    assert not may_word(Audience.research, "Our own words about today")
    assert may_word(Audience.sponsor, "Our own words about today")


def test_research_s_pack_gives_a_default_statement_in_its_words_and_a_set_s_by_place(
    tmp_path: Path,
) -> None:
    own = Scale(
        "pulse",
        (
            Statement("useful", "Our own words about today"),
            Statement("asked", "We asked more than we told"),
            Statement("said", "I said what I needed to"),
        ),
        "",
    )
    pages = []
    for n, scale in enumerate((DEFAULT_SCALES["pulse"], own)):
        sets = tmp_path / f"sets-{n}"
        sets.mkdir()
        pulse(SetStore(copy_set(SETS / "demo", sets / "demo")), dt.date(2026, 9, 21), scale, 3)
        pages.append(pack(tmp_path, "demo", "--for", "research", sets=sets))
    default, theirs = pages
    assert "Today's meeting was useful for my work</span></td><td><span>4.0 of 5 (n=3)" in default
    assert "statement 1" not in default
    assert "Our own words about today" not in theirs and "We asked more" not in theirs
    assert "statement 1</span></td><td><span>4.0 of 5 (n=3)" in theirs


def tile(page: str, label: str) -> str:
    found = re.search(
        rf'<span class="figure"><span[^>]*>([^<]*)</span></span><span class="label">{label}<', page
    )
    assert found is not None, label
    return found[1]


def test_a_set_with_no_outcome_yet_says_so_the_same_way_in_its_headline_and_level_4(
    tmp_path: Path,
) -> None:
    page = pack(tmp_path, "demo")
    assert tile(page, "outcomes reported") == "none reported yet"
    assert "<td><span>Outcomes reported back</span></td><td><span>none reported yet<" in page
    assert "no report-back gave" not in page
    assert "not collected" in page, "kept for what the app could not collect (the pulse)"
    ward = pack(tmp_path, "ward-to-board")
    assert tile(ward, "outcomes reported") == "7"


def test_a_figure_held_back_is_plain_grey_and_only_not_collected_is_red(
    tmp_path: Path,
) -> None:
    sets = tmp_path / "sets"
    sets.mkdir()
    demo = SetStore(copy_set(SETS / "demo", sets / "demo"))
    at = dt.datetime(2026, 9, 21, 12, 0)
    demo.append_voice(at.date(), round_line("r1", DEFAULT_SCALES["self"], at))
    for device in range(2):  # two answers: too few to show a sponsor
        demo.append_voice(at.date(), answer_line("r1", f"device-{device:04d}", at, {"open": 3}))
    page = pack(tmp_path, "demo", "--for", "sponsor", sets=sets)
    held = '<span class="held-back">too few to show at the first; no later one yet</span>'
    assert held in page
    assert '<span class="gap">not collected</span>' in page, "the pulse, never asked"
    assert '<span class="gap">too few' not in page
    assert ".held-back { color: var(--quiet); font-weight: normal; }" in page


def test_the_programme_s_level_1_says_how_many_of_its_sets_gave_it_in_the_pack_and_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sets = tmp_path / "sets"
    sets.mkdir()
    for slug in ("demo", "ward-to-board"):
        copy_set(SETS / slug, sets / slug)
    where = ["--sets-dir", str(sets), "--today", TODAY]
    assert cli.main(["report", "--programme", *where]) == 0
    before = capsys.readouterr().out
    assert "## Level 1: the members' rating of their meetings" in before
    assert "| Members' rating of their meetings | not collected | no pulse round answered |" in (
        before
    )
    pulse(SetStore(sets / "demo"), dt.date(2026, 9, 21), DEFAULT_SCALES["pulse"], 3)
    one_of_two = "3 answers at 1 meeting, from 1 of 2 sets"
    page = pack(tmp_path, "--programme", sets=sets)
    assert f"pulse rounds (meetings/*.voice.jsonl), {one_of_two}" in page
    assert cli.main(["report", "--programme", "--for", "research", *where]) == 0
    markdown = capsys.readouterr().out
    assert (
        "| Today's meeting was useful for my work | 4.0 of 5 (n=3) | pulse rounds "
        f"(meetings/*.voice.jsonl), {one_of_two} |" in markdown
    )
    assert "- reaction: each pulse statement's ratings" in markdown
    own = pack(tmp_path, "demo", sets=sets)
    assert "3 answers at 1 meeting<" in own and "of 2 sets" not in own, "a set's own: one set"
