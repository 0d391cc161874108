"""How long a facilitator waits for a set's whole record: the demo set against a long history.

Run with `uv run python benchmarks/history_open.py`. Each measurement is a fresh process running
`actionset report SET --all` (every meeting file, every tag journal, replayed and summed), as a
facilitator would at the end of a programme; best of N, warm file cache. The long history is
the demo set with 100 meetings of 300 tags each (meeting files copied from the demo's latest,
journals generated as the console appends them). The baseline is the demo set, measured in the
same run, so the ratio is what to read on a noisy machine. Nothing here asserts on time.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tags_read import meeting_events

from actionset.store import SetStore, dump_toml, read_toml

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def make_long_history(sets_dir: Path, meetings: int, tags: int) -> None:
    """A copy of the demo set, as `long`, with `meetings` more meetings of `tags` tags each."""
    folder = sets_dir / "long"
    shutil.copytree(ROOT / "sets" / "demo", folder)
    store = SetStore(folder)
    template = read_toml(store.meeting_path(store.meeting_dates()[-1]))
    rng = random.Random(7)
    day = dt.date(2020, 1, 6)
    for _ in range(meetings):
        store.meeting_path(day).write_bytes(dump_toml({**template, "date": day}))
        with open(store.tags_path(day), "w", encoding="utf-8") as out:
            for event in meeting_events(rng, day, tags):
                out.write(json.dumps(event, separators=(",", ":")) + "\n")
        day += dt.timedelta(weeks=2)


def best(slug: str, sets_dir: Path) -> float:
    command = [sys.executable, "-m", "actionset", "report", slug, "--all",
               "--sets-dir", str(sets_dir), "--today", "2026-11-21"]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sets_dir = Path(tmp)
        shutil.copytree(ROOT / "sets" / "demo", sets_dir / "demo")
        make_long_history(sets_dir, meetings=100, tags=300)
        demo = best("demo", sets_dir)
        long = best("long", sets_dir)
    print(f"demo set's whole record (4 meetings)          {demo * 1000:8.1f} ms")
    print(f"100 more meetings of 300 tags each            {long * 1000:8.1f} ms")
    print(f"long history vs demo set: {long / demo:.2f}x (target: at most 2x)")


if __name__ == "__main__":
    main()
