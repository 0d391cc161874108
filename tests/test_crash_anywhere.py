"""A console SIGKILLed at random points of a scripted meeting (tags, undo, re-code, clock keys,
the wall clock stepped both ways): every file still passes `check`, and every change the
console had acknowledged is on disk.

A few kills in the everyday run; ACTIONSET_LONG_TESTS=1 kills it 200 times.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEMO, TODAY, copy_set

from actionset import cli
from actionset import store as disk
from actionset.model.contributions import replay

LONG = os.environ.get("ACTIONSET_LONG_TESTS") == "1"
KILLS = 200 if LONG else 2

# Runs in the child: the real console in a Pilot, driven by a seeded script. After each step
# it prints what the console shows: the standing tags and the phase. Its keys come as a
# person presses them, by the key clock it gives the app: each key alone, more than the typing
# interval after the one before, and a tag's number and code as fast as a facilitator tags.
SCRIPT = """
import asyncio, datetime as dt, json, random, sys
from pathlib import Path
from actionset import store as disk
from actionset.app import console_app
from actionset.model.codebook import codebook_for
from actionset.model.keyboard import TYPING_INTERVAL

class KeyClock:
    # Moves on every time the console reads it: by `step`, more than the typing interval
    # unless a tag's keys are being pressed.
    def __init__(self):
        self.t, self.step = 0.0, 2 * TYPING_INTERVAL
    def __call__(self):
        self.t += self.step
        return self.t

sets_dir, today, seed = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
now = [dt.datetime.combine(today, dt.time(9, 30), dt.UTC).timestamp()]
keys = KeyClock()
set_store = disk.SetStore(sets_dir / "demo")

async def main():
    app = console_app(set_store, disk.SetsFolder(sets_dir), today=today, now=lambda: now[0],
                      remember_theme=False, key_clock=keys)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("space", "t")  # the meeting starts; the tag pane shown
        codes = codebook_for(screen.the_set)
        while True:
            r = rng.random()
            step = ("tag" if r < 0.5 else "undo" if r < 0.6 else
                    "recode" if r < 0.7 and screen.tags.contributions else "clock" if r < 0.85
                    else "wall clock")
            print(json.dumps({"doing": step}), flush=True)
            if step == "tag":
                keys.step = TYPING_INTERVAL / 10
                await pilot.press(str(rng.randint(1, 6)), rng.choice(codes).key)
                keys.step = 2 * TYPING_INTERVAL
            elif step == "undo":
                await pilot.press("u")
            elif step == "recode":
                chosen = rng.choice(screen.tags.contributions)
                screen.tags.recode(chosen.id, rng.choice(codes).name)
            elif step == "clock":
                await pilot.press(rng.choice(["space", "plus", "minus", "n"]))
            else:
                now[0] += rng.choice([-3600, -30, 5, 60, 600])  # the wall clock steps
            await pilot.pause()
            shown = sorted([c.id, c.code] for c in screen.tags.contributions)
            print(json.dumps({"tags": shown, "phase": screen.clock.index}), flush=True)

asyncio.run(main())
"""


def standing(sets_dir: Path) -> set[tuple[int, str]]:
    events = disk.read_journal(
        sets_dir / "demo" / "meetings" / f"{TODAY.isoformat()}.tags.jsonl"
    ).events
    return {(c.id, c.code) for c in replay(events)}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_console_killed_anywhere_loses_nothing_it_acknowledged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(int(os.environ.get("ACTIONSET_CRASH_SEED", "12")))
    env = {**os.environ, "ACTIONSET_CONFIG_DIR": str(tmp_path / "config")}
    tagged = 0
    for kill in range(KILLS):
        sets_dir = tmp_path / f"run{kill}" / "sets"
        copy_set(DEMO, sets_dir / "demo")
        seed = rng.randrange(10**6)
        child = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(sets_dir), TODAY.isoformat(), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert child.stdout is not None and child.stderr is not None
        try:
            seen = b""
            for _ in range(rng.randint(5, 80 if LONG else 25)):
                line = child.stdout.readline()
                if not line:
                    pytest.fail(child.stderr.read().decode(errors="replace"))
                seen += line
            time.sleep(rng.uniform(0, 0.05))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        lines = [
            json.loads(line)
            for line in (seen + child.stdout.read()).split(b"\n")
            if line.endswith(b"}")
        ]
        child.stdout.close()
        child.stderr.close()
        code = cli.main(["check", "--sets-dir", str(sets_dir)])
        out, _ = capsys.readouterr()
        assert code == 0, f"seed {seed}: {out}"
        # Everything the console had shown is on disk; the step in flight may have landed.
        acks = [line["tags"] for line in lines if "tags" in line]
        shown = {(ident, c) for ident, c in (acks[-1] if acks else [])}
        in_flight = lines[-1].get("doing") if lines else None
        on_disk = standing(sets_dir)
        tagged += len(shown)
        message = f"seed {seed}, in flight {in_flight}: shown {shown}, on disk {on_disk}"
        if in_flight == "tag":
            assert shown <= on_disk and len(on_disk - shown) <= 1, message
        elif in_flight == "undo":
            assert on_disk <= shown and len(shown - on_disk) <= 1, message
        elif in_flight == "recode":
            assert {i for i, _ in shown} == {i for i, _ in on_disk}, message
            assert len(shown - on_disk) <= 1, message
        else:
            assert on_disk == shown, message
        meeting = disk.SetStore(sets_dir / "demo").load_meeting(TODAY)
        assert meeting is not None and meeting.agenda
    assert tagged, "the script tagged nothing before the kills"
