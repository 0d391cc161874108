"""A three-way merge of a set's TOML data, record by record and field by field.

Records in a list are matched by what names them (an action by its id, a member by their name,
a report-back by its meeting), never by their place: two laptops that each added or changed
different records get both. A field one side changed and the other did not takes the change; a
record or a value removed on one side and untouched on the other goes; one removed on one side
and changed on the other is kept, so that nothing is lost. Only a field changed differently on
both sides is a `Conflict`: the record keeps this laptop's value and its `conflict` table the
other's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from actionset.merge.conflicts import CONFLICT, Conflict, in_words

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""A value one side does not have: a field not set, a record not there."""

Path = tuple[str, ...]
"""Where a value is in a file's data, by its keys and without list indexes: ("actions",
"updates") is every action's report-backs."""

Namer = Callable[[list[dict[str, Any]]], list[Hashable]]


def _by(key: str) -> Namer:
    return lambda records: [record.get(key, MISSING) for record in records]


def _by_name(records: list[dict[str, Any]]) -> list[Hashable]:
    # A member is the same member whatever the case of their name (`members._same`).
    return [str(r.get("name", "")).casefold() for r in records]


def _by_phase(records: list[dict[str, Any]]) -> list[Hashable]:
    """An agenda phase by its kind, title and presenter, and which of such phases it is."""
    seen: dict[tuple[str, str, str], int] = {}
    names: list[Hashable] = []
    for r in records:
        what = (str(r.get("kind", "")), str(r.get("title", "")), str(r.get("presenter", "")))
        seen[what] = seen.get(what, 0) + 1
        names.append((*what, seen[what]))
    return names


def _by_content(records: list[dict[str, Any]]) -> list[Hashable]:
    """A record only ever added, never edited (a change of plan): named by all it says."""
    return [json.dumps(r, sort_keys=True, default=str) for r in records]


NAMES: dict[Path, Namer] = {
    ("members",): _by_name,
    ("codebook",): _by("key"),
    ("actions",): _by("id"),
    ("actions", "updates"): _by("meeting"),
    ("issues",): _by("id"),
    ("issues", "history"): _by("meeting"),
    ("bids",): _by("member"),
    ("presenters",): _by("member"),
    ("agenda",): _by_phase,
    ("changes",): _by_content,
}
"""What names a record in each list of records of a set's files. A list not named here is
matched by the first of IDENTITIES every one of its records has."""

IDENTITIES = ("id", "name", "member", "key", "meeting", "date")

WORDS: dict[Path, Callable[[dict[str, Any]], str]] = {
    ("members",): lambda r: f"member {in_words(r.get('name', ''))}",
    ("codebook",): lambda r: f"code {in_words(r.get('key', ''))}",
    ("actions",): lambda r: f"action {in_words(r.get('id', ''))}",
    ("actions", "updates"): lambda r: f"report-back at {in_words(r.get('meeting', ''))}",
    ("issues",): lambda r: f"issue {in_words(r.get('id', ''))}",
    ("issues", "history"): lambda r: f"status at {in_words(r.get('meeting', ''))}",
    ("bids",): lambda r: f"bid of {in_words(r.get('member', ''))}",
    ("presenters",): lambda r: f"presenter {in_words(r.get('member', ''))}",
    ("agenda",): lambda r: (
        "agenda phase "
        + in_words(r.get("title", ""))
        + (f" ({r['presenter']})" if r.get("presenter") else "")
    ),
}
"""A record in words, for the report of a conflict in it."""


@dataclass
class Merge:
    """One file's merge: what it found, as it goes."""

    prefix: str = ""
    """The words before a record of the file's own lists: "meeting 2027-01-18" for its bids,
    nothing for the set's members or the actions."""
    conflicts: list[Conflict] = field(default_factory=list)

    def value(self, base: Any, ours: Any, theirs: Any, path: Path, record: str, name: str) -> Any:
        """The merged value of one field (`name`, in `record`); MISSING when it goes."""
        if any(isinstance(side, list) for side in (base, ours, theirs)):
            # A list left empty is not written at all: a list that is not there is empty.
            base, ours, theirs = ([] if side is MISSING else side for side in (base, ours, theirs))
            merged = self._value(base, ours, theirs, path, record, name)
            return MISSING if merged == [] else merged
        return self._value(base, ours, theirs, path, record, name)

    def _value(self, base: Any, ours: Any, theirs: Any, path: Path, record: str, name: str) -> Any:
        if _same(ours, theirs):
            return ours
        if _same(base, ours):
            return theirs
        if _same(base, theirs):
            return ours
        if ours is MISSING or theirs is MISSING:
            return theirs if ours is MISSING else ours  # removed there, changed here: kept
        if isinstance(ours, dict) and isinstance(theirs, dict):
            return self.table(base if isinstance(base, dict) else {}, ours, theirs, path, record)
        if _records(ours) and _records(theirs) and (base is MISSING or _records(base)):
            merged = self.records(
                base if isinstance(base, list) else [], ours, theirs, path, record
            )
            if merged is not None:
                return merged
        elif _values(ours) and _values(theirs) and (base is MISSING or _values(base)):
            items = _sequence(base if isinstance(base, list) else [], ours, theirs)
            if items is not None:
                return items
        self.conflicts.append(Conflict(record, name, ours, theirs))
        return _Disputed(ours, theirs)

    def table(
        self,
        base: dict[str, Any],
        ours: dict[str, Any],
        theirs: dict[str, Any],
        path: Path,
        record: str,
    ) -> dict[str, Any]:
        """A table merged key by key; fields changed on both sides keep ours, and theirs go
        in its `conflict` table."""
        merged: dict[str, Any] = {}
        disputed: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            if key == CONFLICT:
                continue
            one = ours.get(key, theirs.get(key))
            value = self.value(
                base.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
                (*path, key),
                f"{record}, {key}" if isinstance(one, dict) else record,
                key,
            )
            if isinstance(value, _Disputed):
                merged[key] = value.ours
                disputed[key] = value.theirs
            elif value is not MISSING:
                merged[key] = value
        earlier = self.value(
            base.get(CONFLICT, MISSING),
            ours.get(CONFLICT, MISSING),
            theirs.get(CONFLICT, MISSING),
            (*path, CONFLICT),
            record,
            CONFLICT,
        )
        if isinstance(earlier, _Disputed):
            earlier = earlier.ours
        if isinstance(earlier, dict):
            disputed = {**earlier, **disputed}
        if disputed:
            merged = _before_tables(merged, CONFLICT, disputed)
        return merged

    def records(
        self,
        base: list[dict[str, Any]],
        ours: list[dict[str, Any]],
        theirs: list[dict[str, Any]],
        path: Path,
        record: str,
    ) -> list[dict[str, Any]] | None:
        """A list of records merged record by record; None when its records cannot be told
        apart (no name they all have, or two with the same name)."""
        namer = NAMES.get(path) or _identity(base, ours, theirs)
        if namer is None:
            return None
        try:
            named = [dict(zip(namer(side), side, strict=True)) for side in (base, ours, theirs)]
        except TypeError:  # a name that is a list or a table: not a name
            return None
        if any(len(n) != len(side) for n, side in zip(named, (base, ours, theirs), strict=True)):
            return None
        b, o, t = named
        words = WORDS.get(path) or _plain_words(path[-1], namer)
        merged = {}
        for name in [
            *o,
            *(n for n in t if n not in o),
            *(n for n in b if n not in o and n not in t),
        ]:
            words_of = words(o[name] if name in o else t[name] if name in t else b[name])
            prefix = self.prefix if len(path) == 1 else record
            label = f"{prefix}, {words_of}" if prefix else words_of
            value = self.value(
                b.get(name, MISSING), o.get(name, MISSING), t.get(name, MISSING), path, label, ""
            )
            if value is not MISSING:
                merged[name] = value
        order = _sequence(list(b), list(o), list(t), set(merged))
        assert order is not None  # names are unique on each side
        return [merged[name] for name in order]


@dataclass(frozen=True)
class _Disputed:
    ours: Any
    theirs: Any


def _plain_words(name: str, namer: Namer) -> Callable[[dict[str, Any]], str]:
    return lambda record: f"{name} {in_words(namer([record])[0])}"


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _records(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _values(value: Any) -> bool:
    return isinstance(value, list) and not any(isinstance(v, dict | list) for v in value)


def _identity(*sides: list[dict[str, Any]]) -> Namer | None:
    every = [r for side in sides for r in side]
    for key in IDENTITIES:
        if all(key in r for r in every):
            return _by(key)
    return None


def _sequence(
    base: list[Any], ours: list[Any], theirs: list[Any], kept: set[Any] | None = None
) -> list[Any] | None:
    """Items of a list merged as a set kept in order: those one side removed go, those each
    side added come in after the item they follow there (at the end, when they are at the end
    there). With `kept`, exactly those items. None when a side lists an item twice (a list of
    values that are not items, such as numbers in a row), or when both sides moved items
    differently in a list of values (the order of a rotation is its meaning)."""
    try:
        if any(len(set(side)) != len(side) for side in (base, ours, theirs)):
            return None
    except TypeError:
        return None
    if _moved(base, theirs):
        if not _moved(base, ours):
            ours, theirs = theirs, ours  # the side that moved items gives the order
        elif kept is None and _in_order(ours, theirs) != _in_order(theirs, ours):
            return None
    both = {*ours} & {*theirs}
    if kept is None:  # all either side has, but for what one side removed
        kept = ({*ours} | {*theirs}) - ({*base} - both)
    shared = [item for item in ours if item in both]
    runs: dict[Any, list[list[Any]]] = {}
    for side in (ours, theirs):
        for anchor, run in _runs(side, both, kept):
            runs.setdefault(anchor, []).append(run)
    merged: list[Any] = []
    for anchor in (_START, *shared, _END):
        if anchor in kept:
            merged.append(anchor)
        # What each side added after the same item, the two in the order of their first items,
        # so that either side's merge of the other is the same.
        for run in sorted(runs.get(anchor, []), key=lambda run: _order(run[0])):
            merged.extend(run)
    return merged


_START: Any = type("Start", (), {})()
_END: Any = type("End", (), {})()


def _runs(side: list[Any], shared: set[Any], kept: set[Any]) -> list[tuple[Any, list[Any]]]:
    """The items of `side` only it has, in runs, each after the shared item it follows: the
    start, or the end for those after the last shared item."""
    found: list[tuple[Any, list[Any]]] = []
    anchor: Any = _START
    run: list[Any] = []
    for item in side:
        if item in shared:
            if run:
                found.append((anchor, run))
            anchor, run = item, []
        elif item in kept:
            run.append(item)
    if run:
        found.append((_START if anchor is _START else _END, run))
    return found


def _in_order(side: list[Any], other: list[Any]) -> list[Any]:
    """The items of `side` that `other` has too, in the order of `side`."""
    there = {*other}
    return [item for item in side if item in there]


def _moved(base: list[Any], side: list[Any]) -> bool:
    """Whether `side` lists some of the items it shares with `base` in another order."""
    return _in_order(side, base) != _in_order(base, side)


def _order(item: Any) -> str:
    return repr(item)


def _before_tables(table: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    """`table` with `key` added before its first table or list of records: written just after
    the record's own fields."""
    out: dict[str, Any] = {}
    for k, v in table.items():
        if key not in out and (isinstance(v, dict) or (_records(v) and v)):
            out[key] = value
        out[k] = v
    out.setdefault(key, value)
    return out


def merge_data(
    base: dict[str, Any] | None,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    record: str,
    prefix: str = "",
) -> tuple[dict[str, Any], list[Conflict]]:
    """Two sides' data merged with their common base (None: the file was added on both);
    `record` is the file's own fields in words ("the set", "meeting 2027-01-18")."""
    merge = Merge(prefix)
    merged = merge.table(base or {}, ours, theirs, (), record)
    return merged, merge.conflicts
