"""A field changed on both laptops: how it is said in words, kept in the file, and named by `check`.

A merged record keeps this laptop's value in its field, and the other laptop's value under the
same name in a `conflict` table beside the record's fields:

    [[actions]]
    id = "void-walk-through"
    text = "Walk one empty home end to end"

    [actions.conflict]
    text = "Walk two empty homes end to end"

The file stays valid TOML; the record cannot be loaded (nor the set run) until a person keeps
the value they want in the field and deletes the `conflict` table, and `check` names each field
at its line until then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from actionset.store.locate import Problem

CONFLICT = "conflict"
"""The table beside a record's fields that holds the other laptop's values."""

_LONGEST = 80
"""A value longer than this is cut in the words that report it (the file keeps it whole)."""


def in_words(value: Any) -> str:
    """A value as a person reads it in a report: text quoted, dates as written, lists by item."""
    if isinstance(value, str):
        text = value if len(value) <= _LONGEST else value[: _LONGEST - 1] + "…"
        return repr(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(in_words(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {in_words(v)}" for k, v in value.items()) + "}"
    return str(value)


@dataclass(frozen=True)
class Conflict:
    """One field changed differently on both laptops: which record, which field, both values."""

    record: str
    """The record in words: "action 'void-walk-through'", "meeting 2027-01-18"."""
    field: str
    here: Any
    """This laptop's value: the one the merged file keeps in the field."""
    there: Any
    """The other laptop's value: kept in the record's `conflict` table."""
    said: str = ""
    """What is wrong, when it is not two values of one field (a file that cannot be read)."""

    def __str__(self) -> str:
        if self.said:
            return f"{self.record}: {self.said}"
        return (
            f"{self.record}: {self.field} changed on both laptops: "
            f"{in_words(self.here)} here, {in_words(self.there)} there"
        )


def conflict_problems(
    path: Path, text: str, lines: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]
) -> list[Problem] | None:
    """Each field of the `conflict` table at `loc` (its place in the file's data, ending in
    "conflict") as a Problem at the line of its value there, with both values and what to do;
    None when `loc` holds no such table (a key of that name a person wrote)."""
    import tomli

    from actionset.store.locate import Problem, nearest_line

    try:
        record: Any = tomli.loads(text)
        for part in loc[:-1]:
            record = record[part]
        disputed = record[CONFLICT]
    except (tomli.TOMLDecodeError, LookupError, TypeError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or not isinstance(disputed, dict):
        return None
    names = ".".join(str(p) for p in loc[:-1])
    dotted = f"{names}." if names else ""
    table = "[" + ".".join(p for p in (*loc[:-1], CONFLICT) if isinstance(p, str)) + "]"
    if not disputed:
        return [Problem(path, nearest_line(lines, loc), f"{dotted}{CONFLICT}", f"delete {table}")]
    return [
        Problem(
            path,
            nearest_line(lines, (*loc, name)),
            f"{dotted}{name}",
            f"changed on both laptops: "
            f"{in_words(record[name]) if name in record else 'not set'} in the record, "
            f"{in_words(there)} in {table}; keep the one you want in the record and "
            f"delete {table}",
        )
        for name, there in disputed.items()
    ]
