"""The words of a sync for the members' voice: answers counted as the voice reads them."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from actionset.model import voice
from actionset.sync.changes import described

AT = dt.datetime(2027, 1, 18, 15, 0, tzinfo=dt.UTC)
PATH = "meetings/2027-01-18.voice.jsonl"


def jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def test_only_answers_are_counted_each_device_once() -> None:
    scale = next(iter(voice.scales_for().values()))
    ratings = {statement.id: 4 for statement in scale.statements}
    lines = [voice.round_line("r1", scale, AT)]
    lines += [voice.answer_line("r1", f"device-{n}", AT, ratings) for n in range(3)]
    lines.append(voice.answer_line("r1", "device-0", AT, ratings, "thought again"))
    lines += [voice.close_line("r1", AT), voice.release_line("r1", AT)]
    assert described({}, {PATH: jsonl(lines)}) == "3 answers from members recorded"
    more = [*lines, voice.round_line("r2", scale, AT)]
    more.append(voice.answer_line("r2", "device-9", AT, ratings))
    assert described({PATH: jsonl(lines)}, {PATH: jsonl(more)}) == "1 answer from members recorded"


def test_a_moment_in_a_facilitators_words() -> None:
    from actionset.model.dates import moment_words

    today = dt.date(2026, 12, 7)
    local = dt.datetime(2026, 12, 7, 15, 42).astimezone()
    assert moment_words(local, today) == "15:42 today"
    assert moment_words(local - dt.timedelta(days=1), today) == "15:42 yesterday"
    assert moment_words(local - dt.timedelta(days=3), today) == "15:42 on 4 December 2026"
