"""The console's own work per tag key, at 10 and at 5,000 tags, with the pane shown.

`uv run python benchmarks/key_cost.py`: a number then a code, called as the keys call them
(the journal's append and fsync, the pane's repaint and the Footer), timed without Pilot's
own waits; the rendering Textual does afterwards is not in it. 20 keys each, after 2 to warm.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import run as bench

from actionset import store as disk
from actionset.app import console_app

DEMO = Path(__file__).resolve().parent.parent / "sets" / "demo"


async def key_times(count: int) -> list[float]:
    root = Path(tempfile.mkdtemp()) / "sets"
    shutil.copytree(DEMO, root / "demo", ignore=shutil.ignore_patterns(".cache"))
    set_store = disk.SetsFolder(root).find("demo")
    members = [m.name for m in set_store.load_set().current_members]
    today = dt.date.fromisoformat(bench.TODAY)
    bench.seed_journal(set_store.tags_path(today), count, members)
    app = console_app(set_store, disk.SetsFolder(root), today=today, remember_theme=False)
    times = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        for i in range(22):
            started = time.perf_counter()
            screen.action_pick(1 + i % 3)  # type: ignore[attr-defined]
            screen.action_code("q")  # type: ignore[attr-defined]
            times.append(time.perf_counter() - started)
            await pilot.pause(0.02)
    shutil.rmtree(root.parent)
    return sorted(times[2:])


def main() -> None:
    for count in (10, 5000):
        times = asyncio.run(key_times(count))
        print(
            f"{count:>5} tags: median {statistics.median(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
