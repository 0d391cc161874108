"""The real `actionset run demo`, started as a facilitator starts it, in a pseudo-terminal."""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEMO, TODAY, copy_set

from actionset import store as disk
from actionset.model.keyboard import TYPING_INTERVAL

pty = pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")
fcntl = pytest.importorskip("fcntl", reason="pseudo-terminals are POSIX only")
termios = pytest.importorskip("termios", reason="pseudo-terminals are POSIX only")

ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")
WAIT_SECONDS = 30.0
ALONE = 2 * TYPING_INTERVAL
"""Seconds between keys a person presses one at a time: each stands alone, never typing."""


class Terminal:
    """A program in a pseudo-terminal of a fixed size: keys in, plain screen text out."""

    def __init__(
        self, argv: list[str], env: dict[str, str], columns: int = 100, rows: int = 30
    ) -> None:
        import struct

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):  # the program has closed the terminal
                self.seen += os.read(self.master, 65536)

    def text(self) -> str:
        return ESCAPES.sub(b"", self.seen).decode("utf-8", "replace")

    def wait_for(self, pattern: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while not re.search(pattern, self.text()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(
                    f"never saw {pattern!r}; the screen said:\n{self.text()[-2000:]}"
                )
            self.read(0.1)

    def press(self, keys: str) -> None:
        """Keys as a person presses them: after the keys before have stood alone. Keys
        given together (a member's number and a code) go at once, as tags may."""
        deadline = time.monotonic() + ALONE
        while (left := deadline - time.monotonic()) > 0:
            self.read(left)
        os.write(self.master, keys.encode())
        self.read(0.3)  # let the program take the key before the next one

    def close(self) -> int:
        deadline = time.monotonic() + WAIT_SECONDS
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        if self.process.poll() is None:
            self.process.kill()
        os.close(self.master)
        return self.process.wait()


def demo_sets(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the example set, and the environment a facilitator's terminal gives."""
    sets_dir = tmp_path / "sets"
    sets_dir.mkdir()
    copy_set(DEMO, sets_dir / "demo")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "ACTIONSET_CONFIG_DIR": str(tmp_path / "c"),
        "ACTIONSET_TODAY": TODAY.isoformat(),
        "COLUMNS": "100",
        "LINES": "30",
    }
    return sets_dir, env


def actionset(*args: str) -> list[str]:
    return [sys.executable, "-m", "actionset", *args]


def assert_the_set_is_free(sets_dir: Path) -> None:
    lock = disk.SetStore(sets_dir / "demo").lock()
    lock.acquire()  # the console let go of the set
    lock.release()
    assert not (sets_dir / "demo" / disk.HOLDER_FILE).exists()


def second_console(sets_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        actionset("run", "demo", "--sets-dir", str(sets_dir)),
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=WAIT_SECONDS,
    )


def test_a_facilitator_runs_the_demo_and_quits(tmp_path: Path) -> None:
    sets_dir, env = demo_sets(tmp_path)
    terminal = Terminal(actionset("run", "demo", "--sets-dir", str(sets_dir)), env)
    try:
        terminal.wait_for(r"15:00\s+left")
        terminal.press(" ")  # start the check-in
        terminal.press("n")  # on to the report-back
        terminal.wait_for(r"Report-back")
        terminal.press("t")  # the tag pane over the report-back's panel
        terminal.press("2q")  # Tom Reyes asks an open question, tagged at once
        terminal.press("\x11")  # ctrl+q
    finally:
        code = terminal.close()
    assert code == 0, terminal.text()[-2000:]

    store = disk.SetStore(sets_dir / "demo")
    meeting = store.load_meeting(TODAY)
    assert meeting is not None
    assert meeting.clock.phase == 1 and meeting.clock.running
    assert meeting.agenda[0].status == "done"
    journal = (
        (sets_dir / "demo" / "meetings" / f"{TODAY}.tags.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    [tag] = [json.loads(line) for line in journal]
    assert (tag["op"], tag["member"], tag["code"]) == ("tag", "Tom Reyes", "open-question")
    assert_the_set_is_free(sets_dir)


def test_a_second_console_is_refused_and_the_projector_follows(tmp_path: Path) -> None:
    sets_dir, env = demo_sets(tmp_path)
    console = Terminal(actionset("run", "demo", "--sets-dir", str(sets_dir)), env)
    projector: Terminal | None = None
    try:
        console.wait_for(r"15:00\s+left")
        refused = second_console(sets_dir, env)
        assert refused.returncode == 1, refused.stderr
        assert refused.stderr.startswith(
            f"actionset: set 'demo' is open in another console (process {console.process.pid} on "
        )
        assert "`actionset project demo` shows the meeting read-only" in refused.stderr
        assert refused.stdout == ""

        projector = Terminal(
            actionset("project", "demo", "--sets-dir", str(sets_dir), "--theme", "projector-light"),
            env,
        )
        projector.wait_for(r"Heads of Service")
        projector.wait_for(r"15:00")  # the console's meeting, read from its files
        assert b"48;2;255;255;255m" in projector.seen  # the light theme asked for: white
        console.press(" ")  # the console starts the check-in
        projector.wait_for(r"1[45]:[0-5]\d")  # and the room sees the clock run
        projector.press("\x11")
        assert projector.close() == 0, projector.text()[-2000:]
        projector = None
        console.press("\x11")
    finally:
        if projector is not None:
            projector.close()
        code = console.close()
    assert code == 0, console.text()[-2000:]
    assert_the_set_is_free(sets_dir)


def test_the_home_screen_opens_the_console_and_holds_the_set(tmp_path: Path) -> None:
    sets_dir, env = demo_sets(tmp_path)
    terminal = Terminal(actionset("--sets-dir", str(sets_dir)), env)
    try:
        terminal.wait_for(r"Action learning sets in")
        terminal.wait_for(r"next 2026-11-02")
        terminal.press("\r")  # open the highlighted set: the example
        terminal.wait_for(r"Past meetings")
        terminal.press("r")  # and run today's meeting from the set screen
        terminal.wait_for(r"15:00\s+left")
        refused = second_console(sets_dir, env)
        assert refused.returncode == 1
        assert "is open in another console" in refused.stderr
        terminal.press("\x11")
    finally:
        code = terminal.close()
    assert code == 0, terminal.text()[-2000:]
    assert disk.SetStore(sets_dir / "demo").load_meeting(TODAY) is not None
    assert_the_set_is_free(sets_dir)
