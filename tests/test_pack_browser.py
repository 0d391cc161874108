"""The sponsor's pack opened in headless Chromium: no console error, no request but the file
itself, a screenshot of the whole page, and a print to A4 PDF.

ACTIONSET_PACK_SHOTS=DIR keeps the screenshots and PDFs there, to look at them.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_set
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from test_serve import CHROMEDRIVER, CHROMIUM, needs_chromium

from actionset import cli

pytestmark = [pytest.mark.browser, needs_chromium]

WIDTH = 1100


@contextmanager
def logging_chromium() -> Iterator[WebDriver]:
    """Debian's headless Chromium, keeping the console's messages and the network's log."""
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={WIDTH},900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def log(driver: WebDriver, kind: str) -> list[dict[str, Any]]:
    """The browser's log of `kind` ("browser": the console; "performance": the network)."""
    entries: list[dict[str, Any]] = driver.get_log(kind)  # type: ignore[no-untyped-call]
    return entries


def requested(driver: WebDriver) -> list[str]:
    """Every address the page asked for, from the network's log."""
    events = [json.loads(entry["message"])["message"] for entry in log(driver, "performance")]
    return [
        event["params"]["request"]["url"]
        for event in events
        if event["method"] == "Network.requestWillBeSent"
    ]


@pytest.fixture
def sets(tmp_path: Path) -> Path:
    """Copies of the two example sets and the programme file."""
    folder = tmp_path / "sets"
    folder.mkdir()
    for slug in ("demo", "ward-to-board"):
        copy_set(ROOT / "sets" / slug, folder / slug)
    shutil.copy(ROOT / "sets" / "programme.toml", folder / "programme.toml")
    return folder


@pytest.mark.parametrize(
    "scope", [["--programme"], ["demo"], ["ward-to-board"]], ids=["programme", "demo", "ward"]
)
def test_the_pack_opens_with_no_error_and_no_request_and_prints(
    sets: Path, tmp_path: Path, scope: list[str]
) -> None:
    page = tmp_path / "pack.html"
    argv = ["report", *scope, "--for", "sponsor", "--format", "html", "--output", str(page)]
    assert cli.main([*argv, "--sets-dir", str(sets), "--today", "2026-12-07"]) == 0
    kept = os.environ.get("ACTIONSET_PACK_SHOTS")
    shots = Path(kept) if kept else tmp_path
    name = scope[0].lstrip("-")
    with logging_chromium() as driver:
        driver.get(page.as_uri())
        assert driver.title.endswith("the sponsor's pack")
        errors = [e for e in log(driver, "browser") if e["level"] in ("SEVERE", "WARNING")]
        assert errors == []
        assert requested(driver) == [page.as_uri()], "nothing but the file itself"
        charts = driver.execute_script("return document.querySelectorAll('svg').length")
        assert charts >= 4
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(WIDTH, height + 200)
        assert driver.save_screenshot(str(shots / f"pack-{name}.png"))
        printed = driver.execute_cdp_cmd(
            "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": True}
        )
    pdf = base64.b64decode(printed["data"])
    assert pdf.startswith(b"%PDF")
    (shots / f"pack-{name}.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert 2 <= pages <= 12, pages
