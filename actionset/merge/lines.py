"""An append-only journal merged: both sides' lines kept once each, in time order.

A tag journal (and a voice file) is only ever appended to, so a merge loses nothing by keeping
every line of either side. Each side's lines keep the order they were written in; where both
sides wrote lines the other has not, the two are interleaved by the time each line says (`at`),
a line with no time of its own (a re-code, a note, a delete) staying just after the line it
follows. A line both sides have is kept once. The store rewrites a journal in one case only,
a member renamed (their name in every line): a line of the common version that one side
rewrote goes from the other too.
"""

from __future__ import annotations

import datetime as dt
import json


def merge_lines(base: str | None, ours: str, theirs: str) -> str:
    """Every line of `ours` and `theirs` once, each side's in its own order, by time; but for
    a line of `base` that one side no longer has (rewritten there: a member renamed)."""
    mine, other = _lines(ours), _lines(theirs)
    if base:
        gone = set(_lines(base)) - ({*mine} & {*other})
        mine = [line for line in mine if line not in gone]
        other = [line for line in other if line not in gone]
    if _starts(other, mine):
        return _text(_once(other))
    if _starts(mine, other):
        return _text(_once(mine))
    timed_mine, timed_other = _timed(mine), _timed(other)
    merged: list[str] = []
    seen: set[str] = set()
    i = j = 0
    while i < len(mine) or j < len(other):
        if i < len(mine) and mine[i] in seen:
            i += 1
        elif j < len(other) and other[j] in seen:
            j += 1
        elif j >= len(other) or (
            i < len(mine) and (timed_mine[i], mine[i]) <= (timed_other[j], other[j])
        ):
            seen.add(mine[i])
            merged.append(mine[i])
            i += 1
        else:
            seen.add(other[j])
            merged.append(other[j])
            j += 1
    return _text(merged)


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n") if line.strip()]


def _starts(longer: list[str], shorter: list[str]) -> bool:
    return longer[: len(shorter)] == shorter


def _once(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))


def _text(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def _timed(lines: list[str]) -> list[dt.datetime]:
    """When each line was written: its own `at`, else that of the line before it."""
    times = []
    last = _EARLIEST
    for line in lines:
        last = _at(line) or last
        times.append(last)
    return times


def _at(line: str) -> dt.datetime | None:
    try:
        event = json.loads(line)
        when = dt.datetime.fromisoformat(str(event["at"]))
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when
