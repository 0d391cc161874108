"""The members' page on phones: a real headless Chromium at a phone's size (390×844) against
the server as `project demo --serve --lan` starts it, while the facilitator's console runs.

Each member is a phone of their own: the page keeps its random key in the browser's storage,
cleared between members here, so that one browser answers as five phones would."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, FakeClock, meeting_at
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from test_serve import (
    PAGE_SECONDS,
    chromium,
    keep_screenshot,
    lit_share,
    needs_chromium,
    open_page,
    received,
    serving,
)
from textual.pilot import Pilot

from actionset import store as disk
from actionset.app import ActionSetApp, console_app
from actionset.model.meeting import PhaseKind
from actionset.screens.console_voice import VoiceLine
from actionset.screens.projector_voice import SCAN

PHONE = (390, 844)
MEMBERS = 5
# Seconds the page has to see a round open or close (it asks every 3) and the console to
# count an answer (it looks every second).
FOLLOW_SECONDS = 10


def members_page(url: str) -> str:
    """The members' page at the address the server printed for the projector."""
    base, _, query = url.partition("?")
    return f"{base.rstrip('/')}/voice?{query}"


def shown(driver: WebDriver, section: str) -> bool:
    return bool(driver.execute_script(f"return !document.getElementById('{section}').hidden;"))


def wait_for(driver: WebDriver, section: str, seconds: float = FOLLOW_SECONDS) -> None:
    WebDriverWait(driver, seconds, poll_frequency=0.2).until(
        lambda d: shown(d, section), f"the page never showed #{section}"
    )


def answer(driver: WebDriver, ratings: list[int], line: str) -> None:
    """Tap a rating for each statement, type the line, send."""
    scales = driver.find_elements(By.CSS_SELECTOR, "#statements fieldset")
    assert len(scales) == len(ratings)
    for scale, rating in zip(scales, ratings, strict=True):
        scale.find_elements(By.CSS_SELECTOR, "label")[rating - 1].click()
    driver.find_element(By.ID, "line").send_keys(line)
    driver.find_element(By.ID, "send").click()


def store_of(sets_dir: Path) -> disk.SetStore:
    return disk.SetStore(sets_dir / "demo")


def answers_in(sets_dir: Path) -> list[dict[str, Any]]:
    text = store_of(sets_dir).voice_path(TODAY).read_text(encoding="utf-8")
    return [r for r in map(json.loads, text.splitlines()) if r["type"] == "answer"]


def console_says(app: ActionSetApp) -> str:
    box = app.screen.query_one(VoiceLine)
    return str(box.render()) if box.display else ""


async def until(pilot: Pilot[None], test: Any, seconds: float = FOLLOW_SECONDS) -> None:
    """Wait, a tenth of a second at a time, for the console to show what `test` looks for."""
    async with asyncio.timeout(seconds):
        while not test():
            await pilot.pause(0.1)


def five_members_answer(driver: WebDriver, url: str, tmp_path: Path) -> list[list[int]]:
    """Five phones open the page, see the pulse, answer; the ratings they gave."""
    given = []
    for member in range(MEMBERS):
        driver.execute_script("window.localStorage.clear();")  # another phone
        driver.get(url)
        wait_for(driver, "form", PAGE_SECONDS)
        count = len(driver.find_elements(By.CSS_SELECTOR, "#statements fieldset"))
        ratings = [1 + (member + n) % 5 for n in range(count)]
        if member == 0:
            shot = keep_screenshot(driver, tmp_path, "members-390x844-pulse.png")
            assert lit_share(shot) > 0.02, "the screenshot is blank"
        answer(driver, ratings, f"Line from phone {member + 1}")
        wait_for(driver, "thanks")
        if member == 0:
            keep_screenshot(driver, tmp_path, "members-390x844-thank-you.png")
        given.append(ratings)
    return given


@pytest.mark.browser
@needs_chromium
async def test_five_members_answer_a_pulse_while_the_console_runs(
    sets_dir: Path, fake_clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    app = console_app(
        store_of(sets_dir),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    with serving(sets_dir, "--lan") as (_, url), chromium(*PHONE) as driver:
        page = members_page(url)
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.to_thread(driver.get, page)
            await asyncio.to_thread(wait_for, driver, "waiting", PAGE_SECONDS)
            assert driver.execute_script("return [innerWidth, innerHeight];") == list(PHONE)
            assert "Heads of Service" in driver.find_element(By.ID, "set").text
            keep_screenshot(driver, tmp_path, "members-390x844-no-round.png")

            await pilot.press("A")  # the facilitator opens the pulse
            assert console_says(app).startswith("Pulse open · 0 of 6 answered")
            given = await asyncio.to_thread(five_members_answer, driver, page, tmp_path)
            await until(pilot, lambda: "5 of 6 answered" in console_says(app))

            # a phone changes its answer: still five
            await asyncio.to_thread(driver.find_element(By.ID, "change").click)
            await asyncio.to_thread(answer, driver, [5] * len(given[-1]), " again")
            await asyncio.to_thread(wait_for, driver, "thanks")
            await pilot.press("A")  # closes it
            assert console_says(app) == "Pulse closed · 5 of 6 answered"
            await asyncio.to_thread(wait_for, driver, "closed")

    answers = answers_in(sets_dir)
    assert len(answers) == MEMBERS + 1  # five, and one changed
    assert len({a["device"] for a in answers}) == MEMBERS
    the_round = store_of(sets_dir).read_voice(TODAY).voice.rounds["r1"]
    assert the_round.count == MEMBERS
    assert the_round.answers[answers[-1]["device"]].line == "Line from phone 5 again"
    means = [a.mean for a in the_round.averages()]
    final = [*given[:-1], [5] * len(given[-1])]  # the fifth phone's changed answer counts
    expected = [sum(ratings[n] for ratings in final) / MEMBERS for n in range(len(means))]
    assert means == pytest.approx(expected)
    history = report_all(sets_dir, capsys)
    pulses = history.partition("Pulse: the average of each statement (n)")[2]
    row = next(line for line in pulses.splitlines() if line.startswith(TODAY.isoformat()))
    assert row.split()[:2] == [TODAY.isoformat(), str(MEMBERS)]
    assert [f"{mean:.1f} ({MEMBERS})" for mean in expected] == re.findall(r"\d\.\d \(\d+\)", row)


def report_all(sets_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """`actionset report demo --all`: the set's history, its members' voice among it."""
    from actionset.cli import main

    capsys.readouterr()
    assert (
        main(["--sets-dir", str(sets_dir), "--today", TODAY.isoformat(), "report", "demo", "--all"])
        == 0
    )
    return capsys.readouterr().out


@pytest.mark.browser
def test_without_the_token_with_a_wrong_one_or_oversized_the_page_refuses(
    sets_dir: Path,
) -> None:
    with serving(sets_dir, "--lan") as (_, url):
        page = members_page(url)
        base = page.partition("?")[0]
        token = re.search(r"token=([\w-]+)", url)
        assert token
        for address in (base, f"{base}?token={token.group(1)}x", f"{base}/round"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(address, timeout=10)
            assert refused.value.code == 403, address
        heavy = urllib.request.Request(
            f"{base}/answer?token={token.group(1)}",
            data=b"{" + b" " * 8192 + b"}",
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(heavy, timeout=10)
        assert refused.value.code == 413
        with urllib.request.urlopen(page, timeout=10) as answer:
            assert answer.status == 200


@pytest.mark.browser
@needs_chromium
async def test_the_browsers_projector_shows_the_code_when_the_console_asks_never_the_token(
    sets_dir: Path, fake_clock: FakeClock, tmp_path: Path
) -> None:
    meeting_at(sets_dir, fake_clock, PhaseKind.close)
    app = console_app(
        store_of(sets_dir),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=fake_clock,
        remember_theme=False,
    )
    with serving(sets_dir, "--lan") as (_, url), chromium(1366, 768) as driver:
        token = re.search(r"token=([\w-]+)", url)
        assert token
        async with app.run_test(size=(120, 40)) as pilot:
            await asyncio.to_thread(open_page, driver, url)
            await asyncio.to_thread(
                WebDriverWait(driver, PAGE_SECONDS, poll_frequency=0.2).until,
                lambda d: "Close and next date" in received(d),
            )
            assert SCAN not in received(driver)
            await pilot.press("Q")
            await asyncio.to_thread(
                WebDriverWait(driver, FOLLOW_SECONDS, poll_frequency=0.2).until,
                lambda d: SCAN in received(d),
            )
            shot = keep_screenshot(driver, tmp_path, "projector-1366x768-members-code.png")
            assert lit_share(shot) > 0.05, "no code on the screenshot"
            assert token.group(1) not in received(driver)
    if zbarimg := shutil.which("zbarimg"):  # a reader of codes, where one is installed
        read = subprocess.run(
            [zbarimg, "-q", "--raw", str(shot)], capture_output=True, encoding="utf-8", check=False
        )
        assert read.stdout.strip().endswith(f"/voice?token={token.group(1)}")
