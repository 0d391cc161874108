"""What the pack's words say to each reader: research's pack named as research's, with no
programme's name; one thing said one way across the page; a gap told from an error."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import ROOT

from actionset import cli

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
