"""`project --serve`: the projector as a web page, driven in a real headless Chromium.

The server runs as the facilitator would start it, in a process of its own; each tab's
projector is a child of it. These tests use the real clock (the projector processes cannot
share the FakeClock), so they wait on the page, never on a fixed time.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
import pytest
from conftest import TODAY, FakeClock, write_meeting
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from actionset import store as disk
from actionset.model.clock import MeetingClock
from actionset.serve import ProjectorServer, page_title, projector_command
from actionset.session import open_console

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="no headless Chromium: install Debian's chromium and chromium-driver "
    "(`apt-get install chromium chromium-driver`; .ci/run does so when it can)",
)
# Seconds the page has to show the projector, and to follow the console.
PAGE_SECONDS = 30
FOLLOW_SECONDS = 5
STATUS = r"{} · \d\d:\d\d (left|over)"
# Everything the page's terminal receives, as text, kept where the test can read it: xterm
# draws on a canvas, so the page itself holds no text to read.
RECORD_STREAM = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__received = "";
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__received += decoder.decode(new Uint8Array(event.data), { stream: true });
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
})();
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(sets_dir: Path, *options: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The server as `actionset project demo --serve` starts it, and the address it printed."""
    command = [
        sys.executable,
        "-m",
        "actionset",
        "--sets-dir",
        str(sets_dir),
        "--today",
        TODAY.isoformat(),
        "project",
        "demo",
        "--serve",
        "--no-open",
        "--theme",
        "projector-dark",
        "--port",
        str(free_port()),
        *options,
    ]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if found := re.search(r"is at (http://\S+)", line):
                break
        else:
            pytest.fail(f"the server printed no address: {server.communicate()[1]}")
        yield server, found.group(1)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        for stream in (server.stdout, server.stderr):
            if stream is not None:
                stream.close()


def received(driver: WebDriver) -> str:
    """What the page's terminal has been sent, as plain text (escape sequences dropped)."""
    stream = str(driver.execute_script("return window.__received || '';"))
    return re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z~]|\x1b[()][A-Z0-9]|\x1b[=>]", "", stream)


def open_page(driver: WebDriver, url: str) -> None:
    """The page in the current tab, its terminal's stream recorded from the start."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_STREAM})
    driver.get(url)


def wait_for_title(driver: WebDriver, phase_title: str, seconds: float) -> None:
    """The tab's title follows the phase: the page asks for it once a second (a tab that was
    in the background may be a moment behind)."""
    WebDriverWait(driver, seconds, poll_frequency=0.2).until(
        lambda d: d.title.endswith(f" · {phase_title}"),
        f"the tab's title never named {phase_title!r}",
    )


def wait_for_status(driver: WebDriver, phase_title: str, seconds: float) -> None:
    pattern = re.compile(STATUS.format(re.escape(phase_title)))
    WebDriverWait(driver, seconds, poll_frequency=0.2).until(
        lambda d: pattern.search(received(d)),
        f"the page never showed the status line of {phase_title!r}",
    )


@contextmanager
def chromium(width: int, height: int) -> Iterator[WebDriver]:
    """Debian's headless Chromium through its own chromedriver: nothing is downloaded."""
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        size_page(driver, width, height)
        yield driver
    finally:
        driver.quit()


def page_size(driver: WebDriver) -> list[int]:
    return list(driver.execute_script("return [window.innerWidth, window.innerHeight];"))


def size_page(driver: WebDriver, width: int, height: int) -> None:
    """The page itself this size: the window's size counts a frame the page does not get."""
    window, page = driver.get_window_size(), page_size(driver)
    driver.set_window_size(width + window["width"] - page[0], height + window["height"] - page[1])


def letters(driver: WebDriver) -> int:
    """The size of the terminal's letters, in CSS pixels."""
    return int(driver.execute_script("return document.getElementById('terminal').dataset.fontSize"))


def lit_share(png: Path) -> float:
    """The share of the screenshot's pixels that differ from its most common colour."""
    from PIL import Image

    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)
    assert colours is not None
    total = sum(count for count, _ in colours)
    return 1 - max(count for count, _ in colours) / total


def keep_screenshot(driver: WebDriver, folder: Path, name: str) -> Path:
    """Saved under the test's folder, and under $ACTIONSET_SCREENSHOTS to be looked at."""
    path = folder / name
    driver.save_screenshot(str(path))
    if where := os.environ.get("ACTIONSET_SCREENSHOTS"):
        shutil.copy(path, Path(where) / name)
    return path


def next_phase_from_the_console(sets_dir: Path) -> str:
    """The facilitator presses `n` in the console: the meeting saved as the console saves it."""
    store = disk.SetStore(sets_dir / "demo")
    with open_console(store, disk.SetsFolder(sets_dir), TODAY) as session:
        clock = MeetingClock(session.meeting, dt.datetime.now().timestamp)
        clock.next()
        session.save_meeting()
        assert clock.phase is not None
        return clock.phase.title


def start_meeting_now(sets_dir: Path) -> None:
    """Today's meeting started a minute ago by the real clock, in its first phase."""

    write_meeting(
        sets_dir, FakeClock(dt.datetime.now().timestamp() - 60), phases_done=0, minutes_in=0
    )


# ---------------------------------------------------------------------------- no browser


def test_the_served_command_is_fixed_and_quit_only(sets_dir: Path) -> None:
    command = projector_command(disk.SetStore(sets_dir / "demo"), today=TODAY, theme="x y")
    assert command[:3] == [sys.executable, "-m", "actionset"]
    assert command[command.index("project") :] == [
        "project",
        "demo",
        "--served",
        "--theme",
        "x y",
    ]
    assert command[command.index("--sets-dir") + 1] == str(sets_dir.resolve())


def test_the_page_title_is_the_set_and_the_phase(sets_dir: Path, fake_clock: FakeClock) -> None:
    assert page_title("Heads", None) == "Heads · waiting for the meeting"
    _, clock = write_meeting(sets_dir, fake_clock, phases_done=0, minutes_in=0)
    assert page_title("Heads", clock) == "Heads · Check-in and ground rules"


def test_the_page_title_follows_the_meeting_the_console_holds_whatever_its_date(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    """Today's meeting has ended; the console holds another day's (`run --date`)."""
    from actionset.serve import ProjectorServer

    store, today = write_meeting(sets_dir, fake_clock, phases_done=0, minutes_in=0)
    while not today.ended:
        today.next()
    store.save_meeting(today.meeting)
    server = ProjectorServer(
        projector_command(store, today=TODAY, theme=None),
        set_store=store,
        today=TODAY,
        set_name="Heads",
    )
    assert server.read_title() == "Heads · meeting ended"
    with open_console(store, disk.SetsFolder(sets_dir), TODAY - dt.timedelta(days=3)):
        assert server.read_title() == "Heads · Check-in and ground rules"


def test_serve_options_need_serve(sets_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from actionset.cli import main

    assert main(["--sets-dir", str(sets_dir), "project", "demo", "--lan"]) == 2
    assert "go with --serve" in capsys.readouterr().err


def test_under_lan_every_address_another_device_can_reach_is_printed() -> None:
    """A laptop whose name resolves to loopback (127.0.1.1 on most Linux laptops) is still
    on the room's network: the address it sends from is the one to give."""
    from actionset.serve import address_lines, lan_addresses

    sends_from = {socket.AF_INET: "192.168.1.20", socket.AF_INET6: "2a00:23c5::7"}
    found = lan_addresses(
        lambda family: sends_from.get(family), lambda: ["127.0.1.1", "::1", "10.0.0.5", "fe80::1"]
    )
    assert found == ["10.0.0.5", "192.168.1.20", "[2a00:23c5::7]"]
    lines = address_lines("Heads", 8110, "tok", found)
    assert lines[0] == "The projector of Heads is at http://127.0.0.1:8110/?token=tok"
    assert lines[1:] == [
        f"  from another device in the room: http://{address}:8110/?token=tok" for address in found
    ]


def test_under_lan_no_reachable_address_is_said_plainly() -> None:
    from actionset.serve import address_lines, lan_addresses

    found = lan_addresses(lambda family: None, lambda: ["127.0.1.1", "::1"])
    assert found == []
    lines = address_lines("Heads", 8110, "tok", found)
    assert len(lines) == 2
    assert "No address another device can reach was found" in lines[1]
    assert address_lines("Heads", 8110, None, None) == [
        "The projector of Heads is at http://127.0.0.1:8110/"
    ]


async def test_served_projector_takes_no_key_but_quit(sets_dir: Path) -> None:
    from actionset.app import projector_app
    from actionset.screens.projector import ProjectorScreen

    app = projector_app(disk.SetStore(sets_dir / "demo"), today=TODAY, served=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, ProjectorScreen)  # no command palette over it
        assert not app.check_action("change_theme", ())
        await pilot.press("ctrl+q")
    assert not app.is_running


# ---------------------------------------------------------------------------- a server


@pytest.mark.browser
def test_under_lan_a_request_without_the_token_is_refused(sets_dir: Path) -> None:
    with serving(sets_dir, "--lan") as (server, url):
        token = re.search(r"token=([\w-]+)", url)
        assert token, url
        base = url.split("?")[0]
        for path in ("", "static/js/textual.js", "title", "ws", f"?token={token.group(1)}x"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + path, timeout=10)
            assert refused.value.code == 403, path
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200
            assert "Heads of Service" in page.read().decode()
        assert server.poll() is None


def projectors(sets_dir: Path) -> list[int]:
    """Processes running a tab's projector of this sets folder."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--served" in words and str(sets_dir.resolve()).encode() in words:
            found.append(int(entry.name))
    return found


@pytest.mark.browser
@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc to see processes")
async def test_ctrl_c_leaves_no_projector_behind(sets_dir: Path) -> None:
    with serving(sets_dir) as (server, url):
        socket_url = "ws" + url.removeprefix("http").rstrip("/") + "/ws?width=100&height=30"
        async with aiohttp.ClientSession() as client, client.ws_connect(socket_url) as tab:
            # A tab's terminal is open and its projector has drawn its first screen.
            async with asyncio.timeout(PAGE_SECONDS):
                async for message in tab:
                    if message.type == aiohttp.WSMsgType.BINARY and b"Waiting" in message.data:
                        break
            assert projectors(sets_dir), "the open tab has no projector"
            server.send_signal(signal.SIGINT)
            assert await asyncio.to_thread(server.wait, 15) == 0
    assert projectors(sets_dir) == []


# ---------------------------------------------------------------------------- a real browser


@pytest.mark.browser
@needs_chromium
def test_the_page_follows_the_console_in_every_tab(sets_dir: Path, tmp_path: Path) -> None:
    start_meeting_now(sets_dir)
    with serving(sets_dir, "--lan") as (_, url), chromium(1366, 768) as driver:
        open_page(driver, url)
        wait_for_status(driver, "Check-in and ground rules", PAGE_SECONDS)
        assert page_size(driver) == [1366, 768]
        # xterm's scroll bar drew a white bar down the right edge; the terminal never scrolls.
        overflow = driver.execute_script(
            "return getComputedStyle(document.querySelector('.xterm-viewport')).overflowY;"
        )
        assert overflow == "hidden"
        wait_for_title(driver, "Check-in and ground rules", FOLLOW_SECONDS)
        shot = keep_screenshot(driver, tmp_path, "projector-1366x768-check-in.png")
        assert lit_share(shot) > 0.02, "the screenshot is blank"
        first = driver.current_window_handle
        driver.switch_to.new_window("tab")
        open_page(driver, url)  # a second tab, with the address as printed
        wait_for_status(driver, "Check-in and ground rules", PAGE_SECONDS)

        phase = next_phase_from_the_console(sets_dir)
        assert phase.startswith("Report-back")
        wait_for_status(driver, phase, FOLLOW_SECONDS)
        driver.switch_to.window(first)
        wait_for_status(driver, phase, FOLLOW_SECONDS)
        shot = keep_screenshot(driver, tmp_path, "projector-1366x768-report-back.png")
        assert lit_share(shot) > 0.02, "the screenshot is blank"
        wait_for_title(driver, phase, 2 * FOLLOW_SECONDS)

        # F11 on a 1080p projector: the page starts again with letters to fill it.
        small = letters(driver)
        size_page(driver, 1920, 1080)
        WebDriverWait(driver, PAGE_SECONDS).until(lambda d: letters(d) > small)
        wait_for_status(driver, phase, PAGE_SECONDS)
        assert page_size(driver) == [1920, 1080]
        shot = keep_screenshot(driver, tmp_path, "projector-1920x1080-report-back.png")
        assert lit_share(shot) > 0.02, "the screenshot is blank"


def loopback_server(sets_dir: Path, set_name: str) -> ProjectorServer:
    """The demo set's projector server on loopback, as `project --serve` makes it."""
    store = disk.SetStore(sets_dir / "demo")
    return ProjectorServer(
        projector_command(store, today=TODAY, theme=None),
        set_store=store,
        today=TODAY,
        set_name=set_name,
    )


async def test_loopback_refuses_other_sites_and_escapes_the_name(sets_dir: Path) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    server = loopback_server(sets_dir, "<script>alert(1)</script> & co")
    async with TestClient(TestServer(await server._make_app())) as client:
        page = await client.get("/")
        assert page.status == 200
        text = await page.text()
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
        title = await client.get("/title")
        assert (await title.json())["title"].endswith(" · waiting for the meeting")
        # A page of another site, or a name rebound to this machine, gets nothing.
        assert (await client.get("/ws", headers={"Origin": "http://evil.test"})).status == 403
        assert (await client.get("/", headers={"Host": "evil.test"})).status == 403


@pytest.mark.browser
async def test_a_malformed_message_is_dropped_in_one_line(
    sets_dir: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """What no page of the server sends is dropped, said in one line, and the tab goes on."""
    from aiohttp.test_utils import TestClient, TestServer

    server = loopback_server(sets_dir, "Heads")
    malformed = [
        '{"stdin": "q"}',
        "[]",
        "[1, 2]",
        "not json \x1b]0;pwned\x07",
        '["stdin", 5]',
        '["resize", {"width": "wide", "height": 30}]',
        '["resize", [80, 24]]',
        '["ping"]',
        '["eject", null]',
    ]
    async with (
        TestClient(TestServer(await server._make_app())) as client,
        client.ws_connect("/ws?width=80&height=24") as tab,
    ):
        for text in malformed:
            await tab.send_str(text)
        await tab.send_json(["ping", "still here"])
        answer = None
        async with asyncio.timeout(PAGE_SECONDS):
            async for message in tab:
                if message.type == aiohttp.WSMsgType.TEXT:
                    answer = message.json()
                    break
    assert answer == ["pong", "still here"], "the tab was ended"
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "dropped it" in line]
    assert len(lines) == len(malformed), err
    assert "\x1b" not in err and "Traceback" not in err
    assert "'not json \\x1b]0;pwned\\x07'" in lines[3]
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
