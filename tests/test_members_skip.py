"""The members' page as a member meets it, against `project demo --serve --lan`: a phone (a
real headless Chromium at a phone's size) leaves a statement unrated, as paper (`-`) and the
laptop ("not rated") do; a phone without the token is told what to do."""

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


@pytest.mark.browser
def test_a_phone_without_the_token_is_told_to_scan_the_code_again(sets_dir: Path) -> None:
    """The refusal speaks to the member holding the phone; the projector's own page keeps
    its words for the facilitator."""
    import re
    import urllib.error
    import urllib.request

    with serving(sets_dir, "--lan") as (_, url):
        base = members_page(url).partition("?")[0]
        for address, said in (
            (base, "This page needs the address shown on the projector: scan the code again."),
            (url.partition("?")[0], "this projector needs the address it printed."),
        ):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(address, timeout=10)
            assert refused.value.code == 403
            assert refused.value.read().decode("utf-8") == f"403: {said}\n"
        assert re.search(r"token=[\w-]+", url)
