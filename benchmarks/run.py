"""Every benchmark of actionset, each beside a baseline measured in the same run.

Run with `uv run python benchmarks/run.py` (about 15 minutes), `--quick` (about five),
`--only NAME` (repeatable) and
`--pairs N` (the names: startup, list, actions, report, check, idle, tags, key, memory, coach).
Needs Linux (/proc) and, for start-up, idle CPU and memory, tmux.

A figure and its baseline are measured in turn, A B A B ..., and each figure is the median of
the pairs (at least 5): pairing keeps the ratio meaningful while a shared machine's speed
drifts. Nothing here asserts; the last columns say whether the issue's target is met.

  startup   launch -> first painted status line ("15:00 left") of `actionset run demo` in a
            private tmux, against the bare Textual app (benchmarks/bare_app.py) started the same
            way and polled for the same status line
  list      `actionset list` on the demo against `python -c pass`; and on the 100-meeting set
            against the demo
  actions, report, check
            `actions`, `report --all` and `check` on the 100-meeting set against the demo
  idle      CPU of the console and of the projector, paused and running, as a share of one
            core (utime+stime from /proc/<pid>/stat), all running at once beside the bare app,
            over 30 s (10 s with --quick) cut into 5 windows: the median window
  tags      key -> fsync'd tag, p50 and p99, at 10 and 5,000 tags in the meeting, with the
            tagging pane shown and hidden: the real console driven in a Pilot with a real
            journal, timed from the code key's press until `TagJournal.append` returns
  key       CPU per key and key -> changed screen of the console in a private tmux, for `n`,
            `t` and a tag (a number then a code, the pane shown), against the bare Textual app
            (benchmarks/bare_app.py) updating its one Static on a key, in turn
  memory    peak RSS (VmHWM) of the console on the 100-meeting set, after its first paint
            and once it has settled, against the console on the demo
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_big_set import journal_bytes, write_big_set  # noqa: E402

TODAY = "2026-11-21"
BIG = "long-history"
STATUS_LINE = re.compile(r"\d+:\d\d (left|over)")
PROJECTED = re.compile(r"Phase \d+ of \d+")
NAMES = (
    "startup",
    "list",
    "actions",
    "report",
    "check",
    "idle",
    "tags",
    "key",
    "memory",
    "coach",
)


# ---------------------------------------------------------------------------- results


@dataclass
class Row:
    name: str
    figure: float
    baseline: float
    unit: str
    baseline_name: str
    target: str = ""
    met: bool | None = None  # None: no target in the issue
    paired: float | None = None  # the median of the pairwise ratios, when taken in pairs

    @property
    def ratio(self) -> float | None:
        """The ratio the target is judged on: the pairs' when there are pairs."""
        if self.paired is not None:
            return self.paired
        return self.figure / self.baseline if self.baseline else None


ROWS: list[Row] = []


def show(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value >= 0.1 else f"{value * 1000:.1f} ms"
    if unit == "%":
        return f"{value:.2f}%"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.3g} {unit}"


def record(row: Row) -> None:
    ROWS.append(row)
    ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
    verdict = "" if row.met is None else ("met" if row.met else "MISSED")
    print(
        f"  {row.name:<44} {show(row.figure, row.unit):>10}  vs {row.baseline_name} "
        f"{show(row.baseline, row.unit)}  = {ratio}  target {row.target or 'none'} {verdict}",
        file=sys.stderr,
        flush=True,
    )


def print_table() -> None:
    header = ("benchmark", "figure", "baseline", "", "ratio", "target", "met")
    lines = [header]
    for row in ROWS:
        lines.append(
            (
                row.name,
                show(row.figure, row.unit),
                show(row.baseline, row.unit),
                row.baseline_name,
                f"{row.ratio:.2f}x" if row.ratio is not None else "-",
                row.target or "-",
                "" if row.met is None else ("yes" if row.met else "NO"),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )


def alternate(
    a: Callable[[], float], b: Callable[[], float], pairs: int, warmup: int = 1
) -> tuple[float, float, float]:
    """Median of A, median of B and median of the pairwise ratio A/B; A and B taken in turn."""
    for _ in range(warmup):
        a()
        b()
    firsts, seconds, ratios = [], [], []
    for _ in range(pairs):
        first, second = a(), b()
        firsts.append(first)
        seconds.append(second)
        ratios.append(first / second if second else float("inf"))
    return statistics.median(firsts), statistics.median(seconds), statistics.median(ratios)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# ---------------------------------------------------------------------------- the sets


@dataclass
class Workspace:
    root: Path

    @property
    def demo_dir(self) -> Path:
        return self.root / "demo-sets"

    @property
    def big_dir(self) -> Path:
        return self.root / "big-sets"

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    def demo(self, name: str = "demo-sets") -> Path:
        """A sets folder holding a fresh copy of the demo set."""
        folder = self.root / name
        if not folder.exists():
            shutil.copytree(
                ROOT / "sets" / "demo", folder / "demo", ignore=shutil.ignore_patterns(".cache")
            )
        return folder

    def big(self) -> Path:
        if not self.big_dir.exists():
            started = time.perf_counter()
            write_big_set(self.big_dir)
            print(
                f"  (wrote the 100-meeting set in {time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
            # A report keeps no file changed in the last few seconds in its cache (a second
            # change within the file system's tick would go unseen): let them settle.
            from actionset.store.cache import SETTLED_NS

            time.sleep(SETTLED_NS / 1e9)
        return self.big_dir

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            # PYTHONDONTWRITEBYTECODE: as installed, Python runs from compiled bytecode
            if k
            not in ("ACTIONSET_SETS_DIR", "ACTIONSET_TODAY", "COLUMNS", "LINES", *AS_FROM_SOURCE)
        }
        env["ACTIONSET_CONFIG_DIR"] = str(self.config_dir)
        env["ACTIONSET_CACHE_DIR"] = str(self.cache_dir)
        return env


AS_FROM_SOURCE = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
"""Settings that make Python compile every module from source on every start, as no installed
program runs: they are left out of what the benchmarks run."""


def compile_bytecode() -> None:
    """Compile this environment's packages and actionset to bytecode, as installing them does
    (pip compiles at install; otherwise Python writes it on the first run), so that no figure
    pays for compiling."""
    import compileall
    import sysconfig

    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        compileall.compile_dir(folder, quiet=2, workers=0)
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "actionset", quiet=2)


def actionset_command() -> list[str]:
    """The `actionset` script of this environment, as a user runs it."""
    script = Path(sys.executable).with_name("actionset")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "actionset"]


# ---------------------------------------------------------------------------- commands


def timed_command(
    argv: list[str], env: dict[str, str], before: Callable[[], None] | None = None
) -> Callable[[], float]:
    def run() -> float:
        if before is not None:
            before()  # not timed
        started = time.perf_counter()
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
        )
        return time.perf_counter() - started

    return run


def bench_commands(ws: Workspace, only: set[str], pairs: int) -> None:
    env = ws.env()
    actionset = actionset_command()
    demo = ["--sets-dir", str(ws.demo()), "--today", TODAY]
    if "list" in only:
        a, b, r = alternate(
            timed_command([*actionset, "list", *demo], env),
            timed_command([sys.executable, "-c", "pass"], env),
            pairs,
        )
        record(
            Row("list (demo) vs python -c pass", a, b, "s", "python -c pass", "<= 5x", r <= 5, r)
        )
    if not only & {"list", "actions", "report", "check"}:
        return
    big = ["--sets-dir", str(ws.big()), "--today", TODAY]
    cases = [
        ("list", [], [], None),
        ("actions", [BIG], ["demo"], None),
        ("report", [BIG, "--all"], ["demo", "--all"], 1.5),
        ("check", [BIG], ["demo"], 1.5),
    ]
    for command, big_args, demo_args, target in cases:
        if command not in only:
            continue
        a, b, r = alternate(
            timed_command([*actionset, command, *big_args, *big], env),
            timed_command([*actionset, command, *demo_args, *demo], env),
            pairs,
        )
        label = " ".join([command, *big_args[1:]])
        record(
            Row(
                f"{label} (100 meetings) vs demo",
                a,
                b,
                "s",
                "demo",
                f"<= {target}x" if target else "",
                None if target is None else r <= target,
                r,
            )
        )
        if command == "report":
            # Every pair above but the first reads the meetings from the set's cache (filled by
            # the warm-up run); here each run starts without one, as the first
            # report after a copy, an upgrade or a change to every meeting does.
            a, b, r = alternate(
                timed_command(
                    [*actionset, command, *big_args, *big], env, forget_cache(ws, ws.big() / BIG)
                ),
                timed_command(
                    [*actionset, command, *demo_args, *demo],
                    env,
                    forget_cache(ws, ws.demo() / "demo"),
                ),
                pairs,
            )
            record(Row(f"{label} (100 meetings) vs demo, no cache", a, b, "s", "demo", paired=r))


def forget_cache(ws: Workspace, set_folder: Path) -> Callable[[], None]:
    from actionset.store.cache import set_cache_folder

    def forget() -> None:
        shutil.rmtree(set_cache_folder(set_folder, ws.cache_dir), ignore_errors=True)

    return forget


# ---------------------------------------------------------------------------- tmux


@dataclass
class Window:
    ident: str
    pid: int


class Tmux:
    """A private tmux server: each program in a window of its own, screens read as text."""

    def __init__(self, env: dict[str, str], width: int = 100, height: int = 30) -> None:
        if shutil.which("tmux") is None:
            raise SystemExit("tmux is needed for startup, idle and memory (apt install tmux)")
        self.env = env
        self.base = ["tmux", "-L", f"actionset-bench-{os.getpid()}", "-f", os.devnull]
        self._tmux(
            "new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 86400"
        )
        self._tmux("set-option", "-g", "default-size", f"{width}x{height}")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            [*self.base, *args], capture_output=True, text=True, check=True, env=self.env
        ).stdout

    def launch(self, argv: Sequence[str]) -> Window:
        """Start `argv` in a new window (its own process, not a shell's child)."""
        settings = " ".join(
            shlex.quote(f"{k}={v}")
            for k, v in (
                ("TERM", "xterm-256color"),
                ("ACTIONSET_CONFIG_DIR", self.env["ACTIONSET_CONFIG_DIR"]),
            )
        )
        out = self._tmux(
            "new-window",
            "-d",
            "-P",
            "-F",
            "#{window_id} #{pane_pid}",
            "-t",
            "bench",
            f"exec env {settings} {shlex.join(argv)}",
        )
        ident, pid = out.split()
        return Window(ident, int(pid))

    def screen(self, window: Window) -> str:
        return self._tmux("capture-pane", "-p", "-t", window.ident)

    def keys(self, window: Window, *keys: str) -> None:
        self._tmux("send-keys", "-t", window.ident, *keys)

    def wait_for(self, window: Window, pattern: re.Pattern[str], timeout: float = 60) -> float:
        """Poll the screen until it shows `pattern`; the moment it did (perf_counter)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if pattern.search(self.screen(window)):
                return time.perf_counter()
            time.sleep(0.01)
        raise RuntimeError(f"the screen never showed {pattern.pattern!r}:\n{self.screen(window)}")

    def kill(self, window: Window) -> None:
        with suppress(ProcessLookupError):
            os.kill(window.pid, signal.SIGKILL)
        for _ in range(1000):  # tmux reaps it; a console's set lock is free once it has gone
            if not Path(f"/proc/{window.pid}").exists():
                break
            time.sleep(0.005)
        subprocess.run(
            [*self.base, "kill-window", "-t", window.ident], capture_output=True, check=False
        )

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


@contextmanager
def tmux(ws: Workspace) -> Iterator[Tmux]:
    server = Tmux(ws.env())
    try:
        yield server
    finally:
        server.close()


def cpu_seconds(pid: int) -> float:
    """User and system time of the process and all its threads so far (/proc/<pid>/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def bare_app() -> list[str]:
    return [sys.executable, str(HERE / "bare_app.py")]


def bare_swap() -> list[str]:
    return [sys.executable, str(HERE / "bare_swap.py")]


def console(sets_dir: Path, slug: str = "demo") -> list[str]:
    return [*actionset_command(), "run", slug, "--sets-dir", str(sets_dir), "--today", TODAY]


def projector(sets_dir: Path) -> list[str]:
    return [*actionset_command(), "project", "demo", "--sets-dir", str(sets_dir), "--today", TODAY]


# ---------------------------------------------------------------------------- startup, memory


def bench_startup(ws: Workspace, pairs: int) -> None:
    with tmux(ws) as server:

        def first_paint(argv: list[str]) -> Callable[[], float]:
            def run() -> float:
                started = time.perf_counter()
                window = server.launch(argv)
                painted = server.wait_for(window, STATUS_LINE)
                server.kill(window)
                return painted - started

            return run

        a, b, r = alternate(first_paint(console(ws.demo())), first_paint(bare_app()), pairs)
    record(
        Row(
            "start-up: run demo -> status line painted",
            a,
            b,
            "s",
            "bare Textual app",
            "<= 1.2x",
            r <= 1.2,
            r,
        )
    )


def settled_peak(server: Tmux, window: Window, settle: float) -> float:
    """VmHWM once it has not grown for `settle` seconds (work after the first paint counts)."""
    peak = peak_rss_mb(window.pid)
    still = time.perf_counter()
    deadline = still + 30
    while time.perf_counter() - still < settle and time.perf_counter() < deadline:
        time.sleep(0.1)
        now = peak_rss_mb(window.pid)
        if now > peak:
            peak, still = now, time.perf_counter()
    return peak


def bench_memory(ws: Workspace, pairs: int, settle: float) -> None:
    big, demo = ws.big(), ws.demo()
    with tmux(ws) as server:

        def peak(argv: list[str]) -> Callable[[], float]:
            def run() -> float:
                window = server.launch(argv)
                server.wait_for(window, STATUS_LINE)
                value = settled_peak(server, window, settle)
                server.kill(window)
                return value

            return run

        a, b, _ = alternate(peak(console(big, BIG)), peak(console(demo)), pairs, warmup=0)
    record(
        Row(
            "peak memory: console on 100 meetings",
            a,
            b,
            "MB",
            "console on demo",
            "<= 60 MB",
            a <= 60,
        )
    )


# ---------------------------------------------------------------------------- idle CPU


def bench_idle(ws: Workspace, seconds: float) -> None:
    paused, running = ws.demo("idle-paused"), ws.demo("idle-running")
    windows = 5
    with tmux(ws) as server:
        consoles = {
            "paused": server.launch(console(paused)),
            "running": server.launch(console(running)),
        }
        for window in consoles.values():
            server.wait_for(window, STATUS_LINE)
        server.keys(consoles["running"], "Space")
        server.wait_for(consoles["running"], re.compile(r"\d+:\d\d left(?!.*paused)"))
        time.sleep(0.5)  # the started clock is saved: the projector follows it
        watched = {
            "console, paused": consoles["paused"],
            "console, clock running": consoles["running"],
            "projector, paused": server.launch(projector(paused)),
            "projector, clock running": server.launch(projector(running)),
            "bare Textual app": server.launch(bare_app()),
        }
        for name, window in watched.items():
            server.wait_for(window, PROJECTED if name.startswith("projector") else STATUS_LINE)
        time.sleep(2)  # past start-up's own work
        shares: dict[str, list[float]] = {name: [] for name in watched}
        before = {name: cpu_seconds(w.pid) for name, w in watched.items()}
        last = time.perf_counter()
        for _ in range(windows):
            time.sleep(seconds / windows)
            now = time.perf_counter()
            for name, window in watched.items():
                used = cpu_seconds(window.pid)
                shares[name].append(100 * (used - before[name]) / (now - last))
                before[name] = used
            last = now
        for window in watched.values():
            server.kill(window)
    bare = statistics.median(shares["bare Textual app"])
    for name, target in (
        ("console, paused", 1.0),
        ("projector, paused", 1.0),
        ("console, clock running", 1.5),
        ("projector, clock running", 1.5),
    ):
        share = statistics.median(shares[name])
        record(
            Row(
                f"idle CPU: {name}",
                share,
                bare,
                "%",
                "bare Textual app",
                f"<= {target}%",
                share <= target,
            )
        )


# ---------------------------------------------------------------------------- tag latency


def seed_journal(path: Path, count: int, members: list[str]) -> None:
    """`count` tags already in today's journal, written through the store."""
    from actionset.model.contributions import Tagger
    from actionset.store import atomic_write

    moment = dt.datetime(2026, 11, 21, 9, 40, tzinfo=dt.UTC)
    tagger = Tagger(clock=lambda: moment)
    codes = ["open-question", "closed-question", "leading-question", "advice", "statement"]
    events = [
        tagger.tag(
            member=members[i % len(members)],
            code=codes[i % len(codes)],
            phase="Check-in and ground rules",
            presenter="",
        )
        for i in range(count)
    ]
    atomic_write(path, journal_bytes(events))


async def tag_latencies(
    sets_dir: Path, count: int, presses: int
) -> tuple[dict[bool, list[float]], dict[bool, list[float]]]:
    """Seconds from each code key's press until its line is fsync'd in the journal, with the
    tagging pane shown (first, while the meeting is nearest `count` tags) and then hidden."""
    from actionset import store as disk
    from actionset.app import console_app

    set_store = disk.SetsFolder(sets_dir).find("demo")
    members = [m.name for m in set_store.load_set().current_members]
    today = dt.date.fromisoformat(TODAY)
    journal_path = set_store.tags_path(today)
    seed_journal(journal_path, count, members)

    appended: list[float] = []
    original = disk.TagJournal.append

    def timed_append(self: disk.TagJournal, event: dict[str, object]) -> None:
        original(self, event)
        appended.append(time.perf_counter())

    app = console_app(set_store, disk.SetsFolder(sets_dir), today=today, remember_theme=False)
    latencies: dict[bool, list[float]] = {True: [], False: []}
    handled: dict[bool, list[float]] = {True: [], False: []}  # until the key's work is done
    disk.TagJournal.append = timed_append  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            for pane in (True, False):
                await pilot.press("t")  # the pane starts hidden: show it, then hide it
                await pilot.pause()
                if app.screen.query_one("#tags").display != pane:
                    raise RuntimeError("the t key did not show or hide the tagging pane")
                for _ in range(12):  # with the pane hidden a phase's panel has the keys
                    if pane or getattr(app.screen, "panel", None) is None:
                        break
                    await pilot.press("n")
                    await pilot.pause()
                for i in range(presses + 2):  # the first two warm up
                    await pilot.press(str(1 + i % 3))  # a member, then the code that tags
                    await pilot.pause(0.02)
                    size, done = journal_path.stat().st_size, len(appended)
                    pressed = time.perf_counter()
                    await pilot.press("q")  # returns once the app has handled the key
                    finished = time.perf_counter()
                    await pilot.pause(0.05)  # the repaint, and a moment before the next key
                    if len(appended) != done + 1 or journal_path.stat().st_size <= size:
                        raise RuntimeError("the code key did not append one tag to the journal")
                    if i >= 2:
                        latencies[pane].append(appended[-1] - pressed)
                        handled[pane].append(finished - pressed)
    finally:
        disk.TagJournal.append = original  # type: ignore[method-assign]
    return latencies, handled


def bare_appends(folder: Path, count: int) -> list[float]:
    """Seconds each `TagJournal.append` (write and fsync) takes on its own: the disk's floor."""
    from actionset.store import TagJournal

    times = []
    with TagJournal(folder / "floor.tags.jsonl") as journal:
        for ident in range(count):
            started = time.perf_counter()
            journal.append({"op": "tag", "id": ident, "member": "Priya Shah", "code": "advice"})
            times.append(time.perf_counter() - started)
    return times


def bench_tags(ws: Workspace, rounds: int, presses: int) -> None:
    """Each round opens a fresh console on 10 tags, then one on 5,000 tags; and times the
    journal's append alone."""
    results: dict[tuple[int, bool], list[float]] = {}
    handled: dict[tuple[int, bool], list[float]] = {}
    floor: list[float] = []
    for number in range(rounds):
        floor += bare_appends(ws.demo(f"tags-{number}-floor"), 2 * presses)
        for count in (10, 5000):
            sets_dir = ws.demo(f"tags-{number}-{count}")
            latencies, done = asyncio.run(tag_latencies(sets_dir, count, presses))
            for pane, values in latencies.items():
                results.setdefault((count, pane), []).extend(values)
                handled.setdefault((count, pane), []).extend(done[pane])
    for pane in (True, False):
        shown = "shown" if pane else "hidden"
        small, large = results[(10, pane)], results[(5000, pane)]
        for label, share in (("p50", 0.5), ("p99", 0.99)):
            figure, baseline = percentile(large, share), percentile(small, share)
            target, met = "", None
            if label == "p99" and pane:
                target = "<= 10 ms and <= 1.5x"
                met = figure <= 0.010 and figure <= 1.5 * baseline
            record(
                Row(
                    f"key -> fsync'd tag {label}, 5,000 tags, pane {shown}",
                    figure,
                    baseline,
                    "s",
                    "10 tags",
                    target,
                    met,
                )
            )
    for label, share in (("p50", 0.5), ("p99", 0.99)):
        record(
            Row(
                f"key -> tag handled, pane repainted {label}, 5,000 tags, pane shown",
                percentile(handled[(5000, True)], share),
                percentile(handled[(10, True)], share),
                "s",
                "10 tags",
            )
        )
    for label, share in (("p50", 0.5), ("p99", 0.99)):
        record(
            Row(
                f"key -> fsync'd tag {label}, 10 tags, pane hidden",
                percentile(results[(10, False)], share),
                percentile(floor, share),
                "s",
                "append+fsync alone",
            )
        )


def coach_seconds(count: int, evaluations: int) -> list[float]:
    """The coach after a tag, as the console runs it: the slot's tally kept up to date, then
    every prompt's rule, in a probe with `count` contributions already made."""
    from actionset.model.coach import Coach, Moment
    from actionset.model.coach_settings import CoachSettings
    from actionset.model.coach_tally import Tallies
    from actionset.model.codebook import DEFAULT_CODEBOOK
    from actionset.model.contributions import Contribution
    from actionset.model.meeting import PhaseKind

    members = ["Tom Reyes", "Mei Lin Chen", "Gareth Lewis", "Helen Okafor", "Sam Whitaker"]
    codes = [code.name for code in DEFAULT_CODEBOOK]

    def made(n: int) -> Contribution:
        return Contribution(n, "", "Probe", "Priya Shah", members[n % 5], codes[n % 5], slot=0)

    contributions = [made(n) for n in range(count)]
    tallies = Tallies()
    tallies.update(contributions, appended=False)
    coach = Coach(CoachSettings())
    times: list[float] = []
    for n in range(evaluations):
        contributions.append(made(count + n))
        started = time.perf_counter()
        tallies.update(contributions, appended=True)
        moment = Moment(
            contributions,
            DEFAULT_CODEBOOK,
            PhaseKind.probe,
            phase_title="Probe",
            slot=0,
            presenter="Priya Shah",
            counting=members,
            phase_elapsed=400.0,
            questioning_elapsed=900.0,
            questioning_planned=1500.0,
            tally=tallies.of(0, "Priya Shah"),
        )
        coach.after(moment, float(n))
        times.append(time.perf_counter() - started)
    return times


def bench_coach(pairs: int) -> None:
    """The coach's rules after a tag: at 5,000 contributions against 10."""
    large: list[float] = []
    small: list[float] = []
    for _ in range(pairs):
        small += coach_seconds(10, 50)
        large += coach_seconds(5000, 50)
    record(
        Row(
            "coach prompts evaluated after a tag, 5,000 contributions (median)",
            statistics.median(large),
            statistics.median(small),
            "s",
            "10 contributions",
            "< 1 ms",
            statistics.median(large) < 0.001,
        )
    )


# ---------------------------------------------------------------------------- cost per key

KEY_SETTLE = 0.3
"""Seconds after the screen changed that a key's CPU is still counted: what it does after
its first paint (the rest of a panel, a notice)."""


def key_press(server: Tmux, window: Window, key: str) -> float:
    """Send `key` and wait until the screen changes; seconds from the key to the change."""
    before = server.screen(window)
    sent = time.perf_counter()
    server.keys(window, key)
    deadline = sent + 10
    while time.perf_counter() < deadline:
        if server.screen(window) != before:
            return time.perf_counter() - sent
        time.sleep(0.005)
    raise RuntimeError(f"the key {key!r} changed nothing on the screen:\n{before}")


def key_block(
    server: Tmux, window: Window, keys: Sequence[str], after: Sequence[str], presses: int
) -> tuple[float, list[float]]:
    """`presses` times: `keys` pressed one after another, each until the screen changed, then
    `after` (not counted: back to where the keys started). Returns the CPU seconds per press
    of `keys`, and each press's seconds from its last key to the changed screen."""
    cpu = 0.0
    latencies: list[float] = []
    for _ in range(presses):
        used = cpu_seconds(window.pid)
        for key in keys:
            latency = key_press(server, window, key)
        time.sleep(KEY_SETTLE)
        cpu += cpu_seconds(window.pid) - used
        latencies.append(latency)
        for key in after:
            key_press(server, window, key)
            time.sleep(KEY_SETTLE)
    return cpu / presses, latencies


def bench_key(ws: Workspace, pairs: int, presses: int) -> None:
    """The console's keys against the bare app's, a block of presses of each in turn: CPU per
    key (the process's, all threads) and key -> changed screen."""
    kinds: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
        "n": (("n",), ("p",)),  # each n from the check-in to the report-back, and p back
        "t": (("t",), ()),  # the pane shown, then hidden: an even number of presses
        "a tag": (("1", "q"), ()),  # the pane shown: a number, then a code
    }
    with tmux(ws) as server:
        window = server.launch(console(ws.demo("key")))
        bare = server.launch(bare_app())
        swap = server.launch(bare_swap())
        for each in (window, bare, swap):
            server.wait_for(each, STATUS_LINE)
        time.sleep(2)  # past start-up's own work
        for name, (keys, after) in kinds.items():
            if name == "a tag":
                key_press(server, window, "t")
                time.sleep(KEY_SETTLE)
            key_block(server, window, keys, after, 2)  # warm up
            cpu: list[tuple[float, float]] = []
            swapped: list[tuple[float, float]] = []
            latency: tuple[list[float], list[float]] = ([], [])
            for _ in range(pairs):
                console_cpu, console_latency = key_block(
                    server, window, keys, after, presses + presses % 2
                )
                bare_cpu, bare_latency = key_block(server, bare, ("n",) * len(keys), (), presses)
                cpu.append((console_cpu, bare_cpu))
                latency[0].extend(console_latency)
                latency[1].extend(bare_latency)
                if name == "t":  # and against Textual's own cost of swapping a panel
                    swapped.append((console_cpu, key_block(server, swap, ("n",), (), presses)[0]))
            ratios = [a / b if b else float("inf") for a, b in cpu]
            figure = statistics.median(a for a, _ in cpu)
            record(
                Row(
                    f"key {name}: CPU per key" if name != "a tag" else "key a tag: CPU per tag",
                    figure,
                    statistics.median(b for _, b in cpu),
                    "s",
                    "bare Textual app",
                    "< 20 ms" if name != "n" else "",
                    figure < 0.020 if name != "n" else None,
                    statistics.median(ratios),
                )
            )
            if swapped:
                record(
                    Row(
                        "key t: CPU per key, against a bare swap",
                        statistics.median(a for a, _ in swapped),
                        statistics.median(b for _, b in swapped),
                        "s",
                        "bare app swapping a panel",
                        paired=statistics.median(a / b if b else float("inf") for a, b in swapped),
                    )
                )
            record(
                Row(
                    f"key {name}: key -> changed screen p50",
                    statistics.median(latency[0]),
                    statistics.median(latency[1]),
                    "s",
                    "bare Textual app",
                )
            )
        for each in (window, bare, swap):
            server.kill(each)


# ---------------------------------------------------------------------------- main


def machine() -> str:
    return (
        f"{dt.date.today()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="5 pairs, 10 s of idle CPU, fewer key presses"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}",
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=None,
        help="pairs per figure (default 11, or 5 with --quick; at least 5)",
    )
    args = parser.parse_args(argv)
    only = set(args.only or NAMES)
    pairs = max(5, args.pairs or (5 if args.quick else 11))
    print(f"# actionset benchmarks: {machine()}", file=sys.stderr, flush=True)
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="actionset-bench-") as tmp:
        ws = Workspace(Path(tmp))
        if "startup" in only:
            bench_startup(ws, pairs)
        bench_commands(ws, only, pairs)
        if "idle" in only:
            bench_idle(ws, 10 if args.quick else 30)
        if "tags" in only:
            bench_tags(ws, rounds=3 if args.quick else 5, presses=5 if args.quick else 20)
        if "key" in only:
            bench_key(ws, pairs, presses=5 if args.quick else 10)
        if "memory" in only:
            bench_memory(ws, 5, settle=0.5 if args.quick else 1.5)
        if "coach" in only:
            bench_coach(pairs)
    print(f"\nactionset benchmarks: {machine()}; medians of {pairs} alternating pairs")
    print_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
