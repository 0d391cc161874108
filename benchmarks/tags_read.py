"""How long reading tag history takes: the JSON-lines journal against TOML through pydantic.

Run with `uv run python benchmarks/tags_read.py`. Generates, in a temporary folder:
  - a long history: 100 meetings x 300 tags (with re-codes, notes and deletes), as journals;
  - the same contributions as one TOML file per meeting (`[[tags]]`), read with tomllib and
    validated with one pydantic model per tag: the baseline;
  - a demo-sized set: set.toml, 3 meeting files with their agendas, 3 journals of ~40 tags,
    loaded the way the app loads a set's history.
Each reading is timed best-of-N with a warm file cache. Nothing here asserts on time.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w

from actionset.model import AgendaPhase, Meeting, Member, Set
from actionset.model.base import Record
from actionset.model.codebook import DEFAULT_CODEBOOK
from actionset.model.contributions import Tagger, replay
from actionset.model.meeting import PhaseKind
from actionset.store import SetStore, read_journal

ZONE = dt.timezone(dt.timedelta(hours=1))
MEMBERS = ["Priya Shah", "Tom Reyes", "Ana Lopes", "Jo Kim", "Sam Okafor", "Lena Berg"]
NOTES = [
    "",
    "",
    "",
    "What else is in the way?",
    "Have you tried asking finance?",
    "Who decides, in the end?",
    "You should put it in writing.",
]
CODES = [code.name for code in DEFAULT_CODEBOOK]


class TagRecord(Record):
    """One tag as a TOML design would keep it: the baseline's model."""

    id: int
    at: dt.datetime
    phase: str
    presenter: str
    member: str
    code: str
    note: str = ""


def meeting_events(rng: random.Random, day: dt.date, tags: int) -> list[dict[str, object]]:
    """A meeting's journal: `tags` tags and the re-codes, notes and deletes a coach makes."""
    moment = dt.datetime.combine(day, dt.time(10, 0), ZONE)

    def clock() -> dt.datetime:
        nonlocal moment
        moment += dt.timedelta(seconds=rng.randint(5, 40))
        return moment

    tagger = Tagger(clock=clock)
    events: list[dict[str, object]] = []
    presenters = rng.sample(MEMBERS, 2)
    for i in range(tags):
        presenter = presenters[i * 2 // tags]
        phase = "Clarify" if i % (tags // 2) < tags // 6 else "Probe"
        member = rng.choice([m for m in MEMBERS if m != presenter])
        events.append(
            tagger.tag(
                member=member,
                code=rng.choice(CODES),
                phase=phase,
                presenter=presenter,
                note=rng.choice(NOTES),
            )
        )
        roll = rng.random()
        if roll < 0.05:
            events.append(tagger.recode(tagger.next_id - 1, "leading-question"))
        elif roll < 0.15:
            events.append(tagger.note(tagger.next_id - 1, "Wouldn't it be better to wait?"))
        elif roll < 0.17:
            events.append(tagger.delete(tagger.next_id - 1))
    return events


def write_history(store: SetStore, toml_dir: Path, meetings: int, tags: int, seed: int) -> int:
    """Journals (written line by line, as the console appends) and the TOML baseline."""
    rng = random.Random(seed)
    store.meetings_dir.mkdir(parents=True, exist_ok=True)
    toml_dir.mkdir(parents=True, exist_ok=True)
    day = dt.date(2026, 1, 5)
    lines = 0
    for _ in range(meetings):
        events = meeting_events(rng, day, tags)
        lines += len(events)
        with open(store.tags_path(day), "w", encoding="utf-8") as out:
            for event in events:
                out.write(json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n")
        standing = [
            {
                "id": c.id,
                "at": dt.datetime.fromisoformat(c.at),
                "phase": c.phase,
                "presenter": c.presenter,
                "member": c.member,
                "code": c.code,
                "note": c.note,
            }
            for c in replay(events)
        ]
        (toml_dir / f"{day}.toml").write_text(
            tomli_w.dumps({"tags": standing}), encoding="utf-8", newline="\n"
        )
        day += dt.timedelta(weeks=1)
    return lines


def read_journals(store: SetStore) -> int:
    total = 0
    for day in store.meeting_dates():
        read = read_journal(store.tags_path(day))
        assert not read.problems and not read.warnings
        total += len(replay(read.events))
    return total


def read_toml(toml_dir: Path) -> int:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(list[TagRecord])
    total = 0
    for path in sorted(toml_dir.glob("*.toml")):
        with open(path, "rb") as f:
            total += len(adapter.validate_python(tomllib.load(f)["tags"]))
    return total


def demo_set(store: SetStore) -> None:
    """A small set as the app keeps it: set.toml and three meetings with agendas."""
    store.save_set(
        Set(
            name="Northern Leaders",
            facilitator="Ruth Adams",
            members=[Member(name=m) for m in MEMBERS],
        )
    )
    for day in store.meeting_dates():
        agenda = [
            AgendaPhase(title=t, kind=k, planned_minutes=m)
            for t, k, m in [
                ("Check-in", PhaseKind.check_in, 15),
                ("Report-back", PhaseKind.report_back, 25),
                ("Bids", PhaseKind.bids, 10),
                ("Present", PhaseKind.present, 5),
                ("Clarify", PhaseKind.clarify, 10),
                ("Probe", PhaseKind.probe, 15),
                ("Actions", PhaseKind.actions, 10),
                ("Reflect", PhaseKind.reflect, 5),
                ("Break", PhaseKind.break_, 15),
                ("Present", PhaseKind.present, 5),
                ("Clarify", PhaseKind.clarify, 10),
                ("Probe", PhaseKind.probe, 15),
                ("Actions", PhaseKind.actions, 10),
                ("Reflect", PhaseKind.reflect, 5),
                ("Process review", PhaseKind.process_review, 15),
                ("Close", PhaseKind.close, 10),
            ]
        ]
        store.save_meeting(Meeting(date=day, agenda=agenda))


def load_small_set(store: SetStore) -> int:
    store.load_set()
    store.load_meetings()
    return read_journals(store)


def best_of(runs: int, work: Callable[[], int]) -> tuple[float, int]:
    work()  # warm the file cache and the imports
    best = float("inf")
    result = 0
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        big, big_toml = SetStore(root / "long-history"), root / "long-history-toml"
        lines = write_history(big, big_toml, meetings=100, tags=300, seed=1)
        year, year_toml = SetStore(root / "a-year"), root / "a-year-toml"
        write_history(year, year_toml, meetings=9, tags=300, seed=2)
        small, small_toml = SetStore(root / "demo"), root / "demo-toml"
        write_history(small, small_toml, meetings=3, tags=40, seed=3)
        demo_set(small)
        size = sum(p.stat().st_size for p in big.meetings_dir.iterdir())

        timings = {
            "100 x 300, jsonl+replay": best_of(5, lambda: read_journals(big)),
            "100 x 300, tomllib+pydantic": best_of(5, lambda: read_toml(big_toml)),
            "9 x 300 (a year, 6-weekly), jsonl+replay": best_of(20, lambda: read_journals(year)),
            "9 x 300 (a year, 6-weekly), tomllib+pydantic": best_of(
                20, lambda: read_toml(year_toml)
            ),
            "3 x 40 (demo), jsonl+replay": best_of(50, lambda: read_journals(small)),
            "3 x 40 (demo), tomllib+pydantic": best_of(50, lambda: read_toml(small_toml)),
            "demo set's whole history (set, meetings, journals)": best_of(
                50, lambda: load_small_set(small)
            ),
        }

    print(
        f"python {sys.version.split()[0]}; 100 meetings, {lines} journal lines, "
        f"{size / 1e6:.1f} MB of journals"
    )
    for label, (seconds, count) in timings.items():
        print(f"  {label:<52} {seconds * 1000:9.2f} ms  ({count} contributions)")

    def ratio(a: str, b: str) -> float:
        return timings[a][0] / timings[b][0]

    for shape in ("100 x 300", "9 x 300 (a year, 6-weekly)", "3 x 40 (demo)"):
        print(
            f"jsonl+replay vs tomllib+pydantic, {shape}: "
            f"{ratio(f'{shape}, jsonl+replay', f'{shape}, tomllib+pydantic'):.2f}x"
        )
    small_history = "demo set's whole history (set, meetings, journals)"
    print(
        f"a year of tags vs loading the demo set's history: "
        f"{ratio('9 x 300 (a year, 6-weekly), jsonl+replay', small_history):.2f}x"
    )
    print(
        f"100 meetings of tags vs loading the demo set's history: "
        f"{ratio('100 x 300, jsonl+replay', small_history):.2f}x"
    )


if __name__ == "__main__":
    main()
