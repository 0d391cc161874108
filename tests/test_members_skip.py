"""A phone leaves a statement unrated, as paper (`-`) and the laptop ("not rated") do: a real
headless Chromium at a phone's size against `project demo --serve --lan`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, meeting_at
from selenium.webdriver.common.by import By
from test_members_browser import PHONE, members_page, wait_for
from test_serve import PAGE_SECONDS, chromium, needs_chromium, serving

from actionset import store as disk
from actionset.model.meeting import PhaseKind
from actionset.model.voice import DEFAULT_SCALES, round_line

AT = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


@pytest.mark.browser
@needs_chromium
def test_a_phone_sends_an_answer_with_a_statement_left_unrated(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    the_store = disk.SetStore(sets_dir / "demo")
    the_store.append_voice(TODAY, round_line("r1", DEFAULT_SCALES["pulse"], AT))
    with serving(sets_dir, "--lan") as (_, url), chromium(*PHONE) as driver:
        driver.get(members_page(url))
        wait_for(driver, "form", PAGE_SECONDS)
        driver.find_element(By.ID, "send").click()  # nothing given: refused, saying why
        why = driver.find_element(By.ID, "why").text
        assert why == "Rate a statement or write the line first."
        scales = driver.find_elements(By.CSS_SELECTOR, "#statements fieldset")
        for scale, rating in zip(scales, [4, 2], strict=False):  # the last two left blank
            scale.find_elements(By.CSS_SELECTOR, "label")[rating - 1].click()
        driver.find_element(By.ID, "send").click()
        wait_for(driver, "thanks")
    the_round = the_store.read_voice(TODAY).voice.rounds["r1"]
    (answer,) = the_round.answers.values()
    assert answer.ratings == {"useful": 4, "questioned": 2}
    assert [(a.mean, a.n) for a in the_round.averages()] == [(4, 1), (2, 1), (None, 0), (None, 0)]
