"""What can still be read of a file with problems, for `actionset check` to compare with the
set's other files: each record with what was wrong in it left out.

pydantic names every field that is wrong in one pass, but checks a record as a whole (two
members of one name, a bid twice) only once each of its fields holds, and `check` compares
a file with the others (an action's owner, a tag's member) only once the file reads: one bad
status would hide every unknown owner of the file. The file is never changed.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from actionset.store.files import parse_toml, read_text
from actionset.store.locate import Problem, StoreError, validation_problems

if TYPE_CHECKING:
    from pydantic import BaseModel

Location = tuple[str | int, ...]
ROUNDS = 20  # each round leaves out at least one more part; a record has far fewer


class Salvaged(NamedTuple):
    """A record read with its faulty parts left out (None: it cannot stand without them); its
    problems: those of the first reading, and those that showed only once the faulty parts
    were out of the way; and the parts left out because they could not be read, so that what
    the record says there is not taken as what the file says (not a member left out because
    another of that name comes first: that one stands)."""

    record: Any
    problems: list[Problem]
    unread: frozenset[Location] = frozenset()


def salvage(path: Path, model: type[BaseModel], key: str | None = None) -> list[Salvaged] | None:
    """The file's one record, or (under `key`) each of its records in the file's order, read
    with what is wrong left out; None for a file that cannot be read or parsed, or whose `key`
    is not a list of records."""
    try:
        text = read_text(path)
        data = parse_toml(path, text)
    except StoreError:
        return None
    if key is None:
        return [_salvage(path, text, model, data, ())]
    items = data.get(key, [])
    if not isinstance(items, list):
        return None
    return [_salvage(path, text, model, item, (key, i)) for i, item in enumerate(items)]


def _salvage(path: Path, text: str, model: type[BaseModel], data: Any, base: Location) -> Salvaged:
    """Validate, leave out what was wrong, and again, until the record holds.

    Left out: a key that is wrong (its default takes its place), a list's item that is wrong,
    and the item that holds a required key that is wrong. A record-wide problem found on a
    later round is kept unless a default put in place of a part left out may have caused it
    (`_judged_by_default`), or an item was left out of a list (the record's lists are no
    longer the file's)."""
    from pydantic import ValidationError

    try:
        current = copy.deepcopy(data)
    except RecursionError:  # values nested past what can be copied: read as they were
        return Salvaged(None, [])
    left_out: list[Location] = []
    found: list[Problem] = []
    unread: set[Location] = set()
    for _ in range(ROUNDS):
        try:
            return Salvaged(model.model_validate(current), found, frozenset(unread))
        except ValidationError as exc:
            errors = exc.errors()
            problems = validation_problems(path, text, exc, base)
        if not left_out:
            found += problems
        elif not any(isinstance(loc[-1], int) for loc in left_out):
            found += [
                problem
                for problem, error in zip(problems, errors, strict=True)
                if error["type"] == "record" and not _judged_by_default(_location(error), left_out)
            ]
        wrong: dict[Location, bool] = {}  # each part to leave out: whether it could be read
        for error in errors:
            loc = _location(error)
            read = error["type"] == "record"  # it reads, but does not agree with the rest
            if error["type"] == "missing":  # what holds the required key is left out
                if len(loc) < 2:
                    return Salvaged(None, found)  # a required key of the record itself
                # A key this left out: its record as readable as the key was.
                read = loc in left_out and loc not in unread
                loc = loc[:-1]
            if loc:
                wrong[loc] = wrong.get(loc, True) and read
        # The last first: leaving out a list's item moves the items after it.
        gone = []
        for loc in sorted(wrong, key=_order, reverse=True):
            if part := _leave_out(current, loc):
                gone.append(part)
                if not wrong[loc]:
                    unread.add(part)
        if not gone:
            return Salvaged(None, found)
        left_out += gone
    return Salvaged(None, found)


def _judged_by_default(loc: Location, left_out: list[Location]) -> bool:
    """Whether a record-wide problem at `loc` may stem from a default put in place of a part
    left out: anything left out under the same key of the record (a running clock whose
    `since` was left out; a number that clashes only if a member whose `retired` was left
    out is taken as current). Not a part beside it: a wrong cadence is no judge of members."""
    return any(loc[:1] == part[:1] for part in left_out)


def _order(loc: Location) -> tuple[tuple[int, int, str], ...]:
    return tuple((1, part, "") if isinstance(part, int) else (0, 0, part) for part in loc)


def _location(error: Any) -> Location:
    """Where an error is, with the part of the record a record-wide check names (`problem_at`)."""
    at = error.get("ctx", {}).get("at", ()) if error["type"] == "record" else ()
    return (*error["loc"], *at)


def _leave_out(data: Any, loc: Location) -> Location:
    """Remove the key or the list's item at `loc`, or the deepest part of it that is there
    (pydantic names the branch of a union it tried: `value.int`); () when none is."""
    holder: Any = None
    key: str | int = ""
    depth = 0
    parent = data
    for part in loc:
        is_key = isinstance(parent, dict) and isinstance(part, str) and part in parent
        is_item = isinstance(parent, list) and isinstance(part, int) and 0 <= part < len(parent)
        if not (is_key or is_item):
            break
        holder, key, parent = parent, part, parent[part]
        depth += 1
    if holder is None:
        return ()
    del holder[key]
    return loc[:depth]
