"""Shared fixtures: a copy of the demo set, a fake clock, and a fixed zone and day."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol

import pytest

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from actionset import store as disk
    from actionset.app import ActionSetApp
    from actionset.model import Meeting
    from actionset.model.clock import MeetingClock
    from actionset.model.meeting import PhaseKind

pytest_plugins = ["advice_report"]

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "sets" / "demo"
TODAY = dt.date(2026, 11, 21)
# 09:30 on TODAY, UTC: the fake wall clock starts here.
START = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC).timestamp()

# Times printed by the app are local: fix the zone so output is the same on every machine.
# Windows has no tzset; there the app's local times are only compared with themselves.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()


def pytest_configure(config: pytest.Config) -> None:
    """Run the suite with `-X warn_default_encoding`, so that `filterwarnings` in pyproject.toml
    turns every open without an encoding into a failure.

    Python emits EncodingWarning only when the flag was given as the interpreter started, and
    `uv run pytest` cannot pass it; so when the flag is missing the test run starts itself again
    with it (and with PYTHONWARNDEFAULTENCODING=1, for the commands the tests run in a child
    process). Only a run started from the command line is restarted, never a pytest.main() call.
    """
    if sys.flags.warn_default_encoding:
        _compile_before_the_workers(config)
        return
    if config.invocation_params.args != tuple(sys.argv[1:]):
        return
    capture = config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.stop_global_capturing()  # hand the real stdout and stderr to the new run
    sys.stdout.flush()
    sys.stderr.flush()
    os.environ["PYTHONWARNDEFAULTENCODING"] = "1"
    _bytecode_outside_the_tree(config.rootpath)
    argv = [sys.executable, "-X", "warn_default_encoding", *sys.orig_argv[1:]]
    if os.name == "nt":  # Windows has no exec: run it as a child and pass on how it ended
        os._exit(subprocess.call(argv))
    os.execv(sys.executable, argv)


def _compile_before_the_workers(config: pytest.Config) -> None:
    """With the compiled files kept under a prefix (`_bytecode_outside_the_tree`), a fresh
    checkout has none there yet, and every worker would compile the same libraries from source
    as they all start at once. The run's first process imports what the console's tests import
    before it starts them, so that it compiles them once."""
    if sys.pycache_prefix is None or hasattr(config, "workerinput"):
        return
    import importlib

    for name in ("textual.pilot", "pydantic", "actionset.app", "actionset.screens.meeting"):
        importlib.import_module(name)


def _bytecode_outside_the_tree(root: Path) -> None:
    """Where PYTHONDONTWRITEBYTECODE is set (to keep `__pycache__` folders out of the tree),
    every process of the run would compile Textual, pydantic and the app from source again:
    each xdist worker and each command a test starts, a second or more apiece. The run keeps
    the compiled files instead under `.pytest_cache/pycache` (PYTHONPYCACHEPREFIX, ignored by
    git), so the tree stays as clean as the setting asks. A prefix already chosen is kept."""
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and "PYTHONPYCACHEPREFIX" not in os.environ:
        del os.environ["PYTHONDONTWRITEBYTECODE"]
        os.environ["PYTHONPYCACHEPREFIX"] = str(root / ".pytest_cache" / "pycache")


# A console test allocates millions of short-lived objects, and each of the collector's full
# passes walks every object the worker holds: Textual, pydantic, the test modules and the caches
# the apps fill. Full passes a tenth as often, and the imports frozen out of them once the tests
# are collected, take a fifth to a third off the CPU time of the console's tests (the tag pane's
# and the console screens' tests in one process: 95 s of CPU before, 63 to 77 s after).
gc.set_threshold(20_000, 20, 100)


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` starts two workers per core. A console test spends much of its time asleep,
    in Pilot's waits for the app to go idle after each key; a second worker per core runs
    while the first sleeps (on two cores: two workers keep them 65% busy, four 90%).
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when it is set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return 2 * (os.cpu_count() or 1)


class SnapCompare(Protocol):
    """The `snap_compare` fixture of pytest-textual-snapshot, as the tests call it."""

    def __call__(
        self,
        app: str | PurePath | App[Any],
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None,
    ) -> bool: ...


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Text into the focused field as a terminal pastes it: one event, where typing it would be
    a key and two waits for the app per letter. Tests about the keys typed into a field (that a
    letter there is not also a console key) press them instead."""
    from textual import events

    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


class FakeClock:
    """Wall-clock seconds that only move when a test moves them."""

    def __init__(self, start: float = START) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


class DeliberateKeys:
    """A key clock on which every key stands alone: each reading is a second after the one
    before, so that keys pressed by a test are commands, as a facilitator's keys pressed one
    at a time are (a test of typing gives the app a typist's clock, `typist`)."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        self.t += 1.0
        return self.t


@pytest.fixture(autouse=True)
def _deliberate_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app a test builds times its keys by a clock on which each key stands alone,
    unless the test gives it a key clock of its own."""
    monkeypatch.setattr("actionset.app.KEY_CLOCK", DeliberateKeys())


async def typist(pilot: Pilot[Any], clock: FakeClock, *keys: str, every: float = 0.05) -> None:
    """Keys pressed one after another at a typist's speed, `every` seconds apart on the app's
    key clock (`clock`, given to the app as `key_clock`)."""
    for key in keys:
        clock.advance(every)
        await pilot.press(key)


@pytest.fixture(autouse=True)
def _private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembered preferences and the sets' caches go to throwaway folders, never the user's
    (the commands a test runs in a child process inherit them)."""
    monkeypatch.setenv("ACTIONSET_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("ACTIONSET_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def demo_console(
    sets_dir: Path, clock: FakeClock, *, keys: FakeClock | None = None, slug: str = "demo"
) -> ActionSetApp:
    """The console on a set of `sets_dir` on TODAY, on the fake wall clock, and with `keys`
    the key clock that times the keys (a typist's), else the tests' deliberate one."""
    from actionset import store as disk
    from actionset.app import console_app

    return console_app(
        disk.SetStore(sets_dir / slug),
        disk.SetsFolder(sets_dir),
        today=TODAY,
        now=clock,
        key_clock=keys,
        remember_theme=False,
    )


def copy_set(source: Path, target: Path) -> Path:
    """A copy of a set's folder without what a console or an older version left in it (its
    lock, a `.cache/`), which are no part of the set."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".console.*", ".cache"))
    return target


@pytest.fixture
def sets_dir(tmp_path: Path) -> Path:
    """A sets folder holding a fresh copy of the demo set."""
    folder = tmp_path / "sets"
    folder.mkdir()
    copy_set(DEMO, folder / "demo")
    return folder


MEMBERS = ["Amira Haddad", "Ben Osei", "Carla Jones", "Dev Patel", "Erin Walsh", "Femi Adeyemi"]


@pytest.fixture
def new_set_dir(tmp_path: Path) -> Path:
    """A sets folder with one new set (slug `demo`), no meetings yet: the console's own fixture,
    independent of how the shipped demo set evolves."""
    from actionset import store as disk
    from actionset.model import Member, Set

    folder = tmp_path / "sets"
    the_set = Set(
        name="demo", facilitator="Grace Liu", members=[Member(name=name) for name in MEMBERS]
    )
    disk.SetsFolder(folder).create(the_set)
    return folder


PRESENTERS = {"Presenter 1": "Tom Reyes", "Presenter 2": "Mei Lin Chen"}


def write_meeting(
    sets_dir: Path,
    clock: FakeClock,
    *,
    phases_done: int,
    minutes_in: float,
) -> tuple[disk.SetStore, MeetingClock]:
    """Today's meeting of the demo set as the console leaves it on disk: planned from the
    template with named presenters, started on `clock`, `phases_done` phases run on time,
    then `minutes_in` minutes into the next one. Returns the store and the MeetingClock."""
    from actionset import store as disk
    from actionset.model.clock import MeetingClock
    from actionset.session import open_meeting

    store = disk.SetStore(sets_dir / "demo")
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    for phase in meeting.agenda:
        phase.presenter = PRESENTERS.get(phase.presenter, phase.presenter)
    meeting_clock = MeetingClock(meeting, clock)
    meeting_clock.start()
    for _ in range(phases_done):
        clock.advance(meeting.agenda[meeting.clock.phase].allotted)
        meeting_clock.next()
    clock.advance(minutes_in * 60)
    store.save_meeting(meeting)
    return store, meeting_clock


def meeting_at(sets_dir: Path, clock: FakeClock, kind: PhaseKind, *, slug: str = "demo") -> None:
    """Today's meeting of a set saved as the console leaves it after `n` from the start to the
    first phase of `kind`, the clock not started: the console opens there. (Each `n` pressed in
    the console repaints it; a test about that phase need not walk the agenda.)"""
    from actionset import store as disk
    from actionset.model.clock import MeetingClock
    from actionset.session import open_meeting

    store = disk.SetStore(sets_dir / slug)
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY)
    meeting_clock = MeetingClock(meeting, clock)
    while meeting_clock.phase is not None and meeting_clock.phase.kind is not kind:
        meeting_clock.next()
    store.save_meeting(meeting)


def tagged_before(sets_dir: Path, clock: FakeClock, keys: str, *, slug: str = "demo") -> None:
    """Today's meeting with tags in its journal from `keys` (a member's number, then a code)
    pressed as the console takes them, before the console opens: the tags a test needs for
    what it shows, without a repaint of the console for each key."""
    import datetime as dt

    from actionset import store as disk
    from actionset.model.clock import MeetingClock
    from actionset.model.codebook import codebook_for
    from actionset.model.members import keyed_roster
    from actionset.model.tag_session import TagSession
    from actionset.session import open_meeting

    store = disk.SetStore(sets_dir / slug)
    the_set = store.load_set()
    meeting = open_meeting(store, disk.SetsFolder(sets_dir), TODAY, the_set=the_set)
    store.save_meeting(meeting)
    with store.journal(TODAY) as journal:
        tags = TagSession(
            MeetingClock(meeting, clock),
            keyed_roster(the_set, TODAY),
            the_set.facilitator,
            codebook_for(the_set),
            events=store.read_journal(TODAY).events,
            moment=lambda: dt.datetime.fromtimestamp(clock()).astimezone(),
            record=journal.append,
        )
        for key in keys:
            step = tags.pick(int(key)) if key.isdigit() else tags.code(key)
            assert not step.error, step


async def tick(pilot: Pilot[None]) -> None:
    """The clock ticks now (as the console's or the projector's timer would) and repaints."""
    from actionset.screens.meeting import MeetingScreen
    from actionset.screens.projector import ProjectorScreen

    screen = pilot.app.screen
    if isinstance(screen, ProjectorScreen):
        screen.follow()
    else:
        assert isinstance(screen, MeetingScreen)
        screen.tick()
    await pilot.pause()


async def on_disk(
    app: ActionSetApp, sets_dir: Path, *, slug: str = "demo", date: dt.date = TODAY
) -> Meeting:
    """The meeting as the console saved it, once the saves it asked for are written (it saves
    in a thread: a key's save may still be under way when the key has been handled, and when
    the app has stopped)."""
    from actionset import store as disk

    await app.saved()
    meeting = disk.SetStore(sets_dir / slug).load_meeting(date)
    assert meeting is not None
    return meeting


async def follow(pilot: Pilot[None], console: Pilot[None] | None = None) -> None:
    """The projector reads the meeting's files now, as its poll would: after the console's
    saves, if a console is running beside it, have landed."""
    from actionset.app import ActionSetApp
    from actionset.screens.projector import ProjectorScreen

    if console is not None:
        assert isinstance(console.app, ActionSetApp)
        await console.app.saved()
    screen = pilot.app.screen
    assert isinstance(screen, ProjectorScreen)
    screen.follow()
    await pilot.pause()
