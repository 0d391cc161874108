"""A console killed mid-phase (SIGKILL: no cleanup at all) resumes as if the clock ran on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEMO, TODAY, copy_set

from actionset import store as disk
from actionset.model import clock_words as words
from actionset.model.clock import MeetingClock

# Runs in the child: the real console on the real wall clock, headless.
CONSOLE = """
import asyncio, datetime as dt, sys, time
from pathlib import Path
from actionset import store as disk
from actionset.app import console_app

sets_dir = Path(sys.argv[1])
today = dt.date.fromisoformat(sys.argv[2])
set_store = disk.SetStore(sets_dir / "demo")

async def main():
    app = console_app(set_store, disk.SetsFolder(sets_dir), today=today, now=time.time,
                      remember_theme=False)  # the set is locked from here on
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        while True:
            meeting = set_store.load_meeting(today)
            if meeting is not None and meeting.clock.running:
                break
            await pilot.pause(0.05)
        print("started", flush=True)
        time.sleep(600)  # the event loop stops too: as good as a hung laptop

asyncio.run(main())
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_console_resumes_from_the_wall_clock(tmp_path: Path) -> None:
    sets_dir = tmp_path / "sets"
    sets_dir.mkdir()
    copy_set(DEMO, sets_dir / "demo")
    env = {**os.environ, "ACTIONSET_CONFIG_DIR": str(tmp_path / "config")}
    spawned = time.time()  # the clock starts after this and before the child says so
    child = subprocess.Popen(
        [sys.executable, "-c", CONSOLE, str(sets_dir), TODAY.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        encoding="utf-8",
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()  # blocks until the child has saved a running clock
        assert line.strip() == "started", child.stderr.read() if child.stderr else line
        seen_started = time.time()  # the clock started a moment before this
        store = disk.SetStore(sets_dir / "demo")
        with pytest.raises(disk.SetLocked):
            store.lock().acquire()  # the console holds the set while it runs
        time.sleep(1.0)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        killed_at = time.time()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    meeting = store.load_meeting(TODAY)
    assert meeting is not None and meeting.clock.running
    assert meeting.clock.since is not None
    phase = meeting.agenda[meeting.clock.phase]
    later = killed_at + 125.0  # the facilitator reopens the console two minutes later
    resumed = MeetingClock(meeting, lambda: later)
    assert resumed.phase is phase and phase.allotted == 15 * 60
    # as if it had run on since it was started, some moment between spawning and hearing of it
    assert (
        phase.allotted - (later - spawned) - 0.5
        <= resumed.remaining()
        <= phase.allotted - (later - seen_started) + 0.5
    )
    assert words.status_line(resumed).startswith("Check-in and ground rules · ")

    lock = store.lock()
    lock.acquire()  # the kernel freed the dead console's lock
    lock.release()
