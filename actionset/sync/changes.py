"""What changed in a set's record, in a facilitator's words, from its files before and after:
"meeting 2027-01-18 closed; 3 actions agreed; 1 issue added".

Read from the records themselves (each action and issue by its id, each meeting by its date),
never from a line diff, so that a file saved again in another order says nothing changed. A
file that cannot be read as TOML is named as changed.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import suppress
from typing import Any

import tomli

from actionset.store import ACTIONS_FILE, ISSUES_FILE, MEETINGS_DIR, SET_FILE, TAGS_SUFFIX
from actionset.sync.repository import Files

NOTHING = "nothing changed"
VOICE_SUFFIX = ".voice.jsonl"  # the members' answers to a meeting's rounds
Row = dict[str, Any]
Rows = list[Row]


def _records(data: bytes | None, key: str) -> dict[str, dict[str, Any]] | None:
    """The file's records by id; None when it cannot be read."""
    if data is None:
        return {}
    try:
        rows = tomli.loads(data.decode("utf-8")).get(key, [])
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        return None
    if not isinstance(rows, list):
        return None
    return {str(row.get("id")): row for row in rows if isinstance(row, dict)}


def _table(data: bytes | None) -> dict[str, Any] | None:
    if data is None:
        return {}
    try:
        return tomli.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError):
        return None


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _by_id(
    before: bytes | None, after: bytes | None, key: str
) -> tuple[Rows, Rows, list[tuple[Row, Row]]] | None:
    """Records added, removed, and (before, after) pairs changed; None when either side is
    unreadable."""
    old, new = _records(before, key), _records(after, key)
    if old is None or new is None:
        return None
    added = [new[i] for i in new.keys() - old.keys()]
    removed = [old[i] for i in old.keys() - new.keys()]
    changed = [(old[i], new[i]) for i in old.keys() & new.keys() if old[i] != new[i]]
    return added, removed, changed


def _actions(before: bytes | None, after: bytes | None) -> list[str]:
    found = _by_id(before, after, "actions")
    if found is None:
        return [f"{ACTIONS_FILE} changed"]
    added, removed, changed = found
    reported = [pair for pair in changed if pair[0].get("updates") != pair[1].get("updates")]
    status: dict[str, int] = {}
    for old, new in changed:
        if old.get("status") != new.get("status"):
            word = str(new.get("status", "open"))
            status[word] = status.get(word, 0) + 1
    others = [
        pair
        for pair in changed
        if pair not in reported and pair[0].get("status") == pair[1].get("status")
    ]
    words = []
    if added:
        words.append(f"{_count(len(added), 'action')} agreed")
    if reported:
        words.append(f"{_count(len(reported), 'action')} reported back on")
    for word in ("done", "dropped", "open"):
        if n := status.get(word):
            words.append(f"{_count(n, 'action')} {'reopened' if word == 'open' else word}")
    if others:
        words.append(f"{_count(len(others), 'action')} changed")
    if removed:
        words.append(f"{_count(len(removed), 'action')} removed")
    return words


def _issues(before: bytes | None, after: bytes | None) -> list[str]:
    found = _by_id(before, after, "issues")
    if found is None:
        return [f"{ISSUES_FILE} changed"]
    added, removed, changed = found
    worked = [pair for pair in changed if pair[0].get("history") != pair[1].get("history")]
    words = []
    if added:
        words.append(f"{_count(len(added), 'issue')} added")
    if worked:
        words.append(f"{_count(len(worked), 'issue')} worked on")
    if others := len(changed) - len(worked):
        words.append(f"{_count(others, 'issue')} changed")
    if removed:
        words.append(f"{_count(len(removed), 'issue')} removed")
    return words


def _the_set(before: bytes | None, after: bytes | None) -> list[str]:
    old, new = _table(before), _table(after)
    if old is None or new is None:
        return [f"{SET_FILE} changed"]
    if not old and new:
        return [f"set {new.get('name', '')!r} made"]

    def names(table: dict[str, Any]) -> list[str]:
        members = table.get("members", [])
        return (
            [m.get("name", "") for m in members if isinstance(m, dict)]
            if isinstance(members, list)
            else []
        )

    joined = [n for n in names(new) if n not in names(old)]
    left = [n for n in names(old) if n not in names(new)]
    words = [f"{name} joined" for name in joined] + [f"{name} left" for name in left]
    rest = {k: v for k, v in old.items() if k != "members"}
    if rest != {k: v for k, v in new.items() if k != "members"} or (not words and old != new):
        words.append("the set's settings changed")
    return words


def _meeting(before: bytes | None, after: bytes | None) -> str | None:
    """What happened to a meeting: closed, started (its clock), planned, changed or
    removed."""
    old, new = _table(before), _table(after)
    if old is None or new is None:
        return "changed"
    if not new:
        return "removed"
    if new.get("closed") and not old.get("closed"):
        return "closed"

    def started(table: dict[str, Any]) -> bool:
        clock = table.get("clock")
        return isinstance(clock, dict) and bool(clock.get("started_at"))

    if started(new) and not started(old):
        return "started"
    if not old:
        return "planned"
    return "changed" if old != new else None


def _meetings(done: dict[str, list[str]]) -> list[str]:
    """ "meeting 2027-01-18 closed", "meetings 2027-01-18 and 2027-03-01 closed", "4 meetings
    closed (2026-05-18 to 2026-09-21)"."""
    words = []
    for verb in ("closed", "started", "planned", "changed", "removed"):
        dates = sorted(done.get(verb, []))
        if len(dates) == 1:
            words.append(f"meeting {dates[0]} {verb}")
        elif len(dates) == 2:
            words.append(f"meetings {dates[0]} and {dates[1]} {verb}")
        elif dates:
            words.append(f"{len(dates)} meetings {verb} ({dates[0]} to {dates[-1]})")
    return words


def _tags(before: bytes | None, after: bytes | None) -> int:
    """Lines a tag journal gained."""
    old = set((before or b"").splitlines())
    return sum(1 for line in (after or b"").splitlines() if line.strip() and line not in old)


def _answers(before: bytes | None, after: bytes | None) -> int:
    """Answers a voice file gained, as the members' voice reads it: each device's last
    answer to a round (its rounds, closes and releases are not answers)."""
    return max(0, _answer_count(after) - _answer_count(before))


def _answer_count(data: bytes | None) -> int:
    from actionset.model.voice import replay

    records = []
    for number, line in enumerate((data or b"").splitlines(), start=1):
        with suppress(ValueError, RecursionError):
            if isinstance(record := json.loads(line), dict):
                records.append((number, record))
    return sum(the_round.count for the_round in replay(records).rounds.values())


def _meeting_date(path: str) -> str | None:
    if not path.startswith(MEETINGS_DIR + "/"):
        return None
    stem = path.removeprefix(MEETINGS_DIR + "/").removesuffix(TAGS_SUFFIX).removesuffix(".toml")
    try:
        return dt.date.fromisoformat(stem).isoformat()
    except ValueError:
        return None


def described(before: Files, after: Files) -> str:
    """The change from `before` to `after` in words, meetings first; `NOTHING` for none."""
    paths = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    meetings: dict[str, list[str]] = {}
    tags = answers = 0
    words: dict[str, list[str]] = {}
    others = []
    for path in paths:
        old, new = before.get(path), after.get(path)
        date = _meeting_date(path)
        if path.endswith(TAGS_SUFFIX):
            tags += _tags(old, new)
        elif path.endswith(VOICE_SUFFIX):
            answers += _answers(old, new)
        elif date and (verb := _meeting(old, new)):
            meetings.setdefault(verb, []).append(date)
        elif path == ACTIONS_FILE:
            words["actions"] = _actions(old, new)
        elif path == ISSUES_FILE:
            words["issues"] = _issues(old, new)
        elif path == SET_FILE:
            words["set"] = _the_set(old, new)
        elif not path.startswith("."):
            others.append(path)
    parts = [*words.get("set", []), *_meetings(meetings)]
    if tags:
        parts.append(f"{_count(tags, 'tag')} recorded")
    if answers:
        parts.append(f"{_count(answers, 'answer')} from members recorded")
    parts += [*words.get("actions", []), *words.get("issues", [])]
    if others:
        parts.append(
            f"{others[0]} changed" if len(others) == 1 else f"{len(others)} other files changed"
        )
    return "; ".join(parts) or NOTHING
