"""A TOML file saved again with what a person wrote in it kept: comments, blank lines, key order.

A file as actionset writes it is written afresh from the data, in its stable order. A file a
person has edited (anything that is not exactly what actionset would write) is saved by
applying the new data onto its text, section by section: a value that changed is replaced where
it stands (a comment after it stays), a key that went is removed, a new key goes at the end of
its table, a new table or `[[record]]` at the end of its list. Records are matched by what
names them (an id, a member's name, a meeting's date), not by their place, so that the comment
above an action stays above that action when another is added or removed before it. The text
written is read back and must give exactly the data saved; anything this cannot follow (a
header inside a multi-line string, a key written quoted with a dot in it) is written afresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import tomli

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([^\[\]#]+?)[ \t]*\]\]?[ \t]*(#.*)?$")
_TRIVIA = re.compile(r"^[ \t]*(#.*)?$")
IDENTITIES = (
    ("id",),
    ("name",),
    ("member",),
    ("key",),
    ("meeting",),
    ("date",),
    ("title", "presenter"),
)
"""What names a record in a list of them, in the order tried: the first that every record, old
and new, has lines up the records of the file with those of the data."""


class _CannotKeep(Exception):
    """The file is not one this can follow: it is written afresh."""


@dataclass
class _Section:
    """A table or a record of the file: the comments and blank lines above its header, the
    header line, its own keys (as written), and the tables and records under it."""

    key: tuple[str, ...]  # its path below its parent's
    records: bool  # a `[[record]]`, not a `[table]`
    leading: list[str]
    header: str
    body: list[str]
    children: list[_Section] = field(default_factory=list)


def kept_toml(old: str, data: dict[str, Any], fresh: str) -> str:
    """`data` written onto the text `old` (already in `\\n` lines), or `fresh` (how the data
    is written afresh) when `old` cannot be followed."""
    try:
        root, tail = _sections(old)
        old_data = tomli.loads(old)
        text = _render(root, data, old_data, ()) + "".join(tail)
        if not old.startswith("\n"):
            text = text.lstrip("\n")  # the first table's blank line, when what was above it went
        if tomli.loads(text) != data:
            raise _CannotKeep
    except Exception:  # a file this cannot follow never costs a save: it is written afresh
        return fresh
    return text


def _split_key(text: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in text.split("."))
    if not all(re.fullmatch(r"[A-Za-z0-9_-]+", part) for part in parts):
        raise _CannotKeep  # a quoted key: followed by writing afresh
    return parts


def _sections(text: str) -> tuple[_Section, list[str]]:
    """The file's tree of sections, and the comments and blank lines at its end."""
    lines = text.splitlines(keepends=True)
    root = _Section((), False, [], "", [])
    opened: dict[tuple[str, ...], _Section] = {(): root}
    current = root
    for line in lines:
        match = _HEADER.match(line.rstrip("\n"))
        if not match:
            current.body.append(line)
            continue
        path = _split_key(match.group(2))
        parent_path = max((p for p in opened if path[: len(p)] == p and p != path), key=len)
        # The comments and blank lines at the end of the section before belong to this one.
        leading: list[str] = []
        while current.body and _TRIVIA.match(current.body[-1].rstrip("\n")):
            leading.insert(0, current.body.pop())
        section = _Section(path[len(parent_path) :], match.group(1) == "[[", leading, line, [])
        opened[parent_path].children.append(section)
        opened = {p: s for p, s in opened.items() if path[: len(p)] == p and p != path}
        opened[path] = section
        current = section
    tail: list[str] = []
    while current.body and _TRIVIA.match(current.body[-1].rstrip("\n")):
        tail.insert(0, current.body.pop())
    return root, tail


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _at(data: Any, key: tuple[str, ...]) -> Any:
    for part in key:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _same(a: Any, b: Any) -> bool:
    """Equal as TOML values: of one type (a bool is not 1), the same in every part."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _value_item(key: str, value: Any) -> Any:
    """A value as actionset writes it (a list one item to a line), as a tomlkit item."""
    import tomlkit

    from actionset.store.files import dump_toml

    return tomlkit.parse(dump_toml({key: value}).decode())[key]


def _body(
    section: _Section, table: dict[str, Any], old_table: dict[str, Any], own: set[str]
) -> str:
    """The section's own keys with `table`'s values for the keys in `own`: as they were when
    none changed (read as a document only when one did: a running meeting changes one table)."""
    import tomlkit

    text = "".join(section.body)
    if own == set(old_table) - {c.key[0] for c in section.children} and all(
        _same(old_table[k], table[k]) for k in own
    ):
        return text
    doc: TOMLDocument = tomlkit.parse(text)
    values = doc.unwrap()
    changed = False
    for key in list(doc.keys()):
        if key not in own:
            del doc[key]
            changed = True
    for key in (k for k in table if k in own):
        if key in doc:
            if not _same(values[key], table[key]):
                doc[key] = _value_item(key, table[key])
                changed = True
        else:
            doc[key] = _value_item(key, table[key])
            changed = True
    return doc.as_string() if changed else text


def _fresh(value: Any, path: tuple[str, ...], records: bool) -> str:
    """A new table or record, as actionset writes one."""
    from actionset.store.files import dump_table

    chunks: list[str] = [f"\n[[{'.'.join(path)}]]\n" if records else f"\n[{'.'.join(path)}]\n"]
    dump_table(value, path, chunks)
    return "".join(chunks)


def _names(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """What names each record, old and new: the first of IDENTITIES that every one of them
    has (a phase of the agenda by its title and presenter)."""
    for fields in IDENTITIES:
        if all(any(f in r for f in fields) for r in (*old, *new)):
            return [repr([r.get(f) for f in fields]) for r in old], [
                repr([r.get(f) for f in fields]) for r in new
            ]
    return [""] * len(old), [""] * len(new)


def _matched(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[int | None]:
    """For each new record, the old one it is (its index), or None for a new record: lined up
    by what names them, then by place where the old one at that place is no other's (a member
    renamed is the same member)."""
    from difflib import SequenceMatcher

    old_names, new_names = _names(old, new)
    taken: list[int | None] = [None] * len(new)
    if len(set(old_names)) == len(old_names) and len(set(new_names)) == len(new_names):
        where = {name: i for i, name in enumerate(old_names)}
        taken = [where.get(name) for name in new_names]  # each its own, wherever it went
    else:
        lined_up = SequenceMatcher(None, old_names, new_names, autojunk=False)
        for block in lined_up.get_matching_blocks():
            for n in range(block.size):
                taken[block.b + n] = block.a + n
    used = set(taken)
    for j in range(min(len(old), len(new))):
        if taken[j] is None and j not in used and old_names[j] not in new_names:
            taken[j] = j
            used.add(j)
    return taken


def _kept_above(section: _Section) -> list[str]:
    """What stays of a removed section's leading lines: those above a blank line, which are
    about what follows, not about it alone."""
    blanks = [i for i, line in enumerate(section.leading) if not line.strip()]
    return section.leading[: blanks[-1] + 1] if blanks else []


def _render(
    section: _Section, table: dict[str, Any], old_table: dict[str, Any], path: tuple[str, ...]
) -> str:
    children_keys = {child.key[0] for child in section.children}
    written = set(old_table) - children_keys  # the keys under its own header
    own = {
        k
        for k, v in table.items()
        if k in written
        or (k not in children_keys and not isinstance(v, dict) and not _is_records(v))
    }
    out = ["".join(section.leading), section.header, _body(section, table, old_table, own)]
    carried: list[str] = []

    def emit(text: str) -> None:
        if carried:
            if carried[-1].strip() == "" and text.startswith("\n"):
                text = text[1:]
            out.append("".join(carried))
            carried.clear()
        out.append(text)

    done: set[str] = set()
    for child in section.children:
        head = child.key[0]
        if head in done:
            continue
        value, old_value = _at(table, child.key), _at(old_table, child.key)
        if not child.records:
            done_key = child.key
            if isinstance(value, dict) and isinstance(old_value, dict):
                emit(_render(child, value, old_value, (*path, *done_key)))
            else:
                carried.extend(_kept_above(child))
            continue
        if len(child.key) != 1:
            raise _CannotKeep
        done.add(head)
        entries = [c for c in section.children if c.key == child.key and c.records]
        new_records = value if _is_records(value) else []
        old_records = old_value if isinstance(old_value, list) else []
        if len(old_records) != len(entries):
            raise _CannotKeep
        matched = _matched(old_records, new_records)
        for entry_index, entry in enumerate(entries):
            if entry_index not in matched:
                carried.extend(_kept_above(entry))
        for record, index in zip(new_records, matched, strict=True):
            if index is None:
                emit(_fresh(record, (*path, head), records=True))
            else:
                emit(_render(entries[index], record, old_records[index], (*path, head)))
    # Tables and lists of records the file does not have yet, at the end.
    for key, value in table.items():
        if key in own or key in children_keys:
            continue
        if isinstance(value, dict):
            emit(_fresh(value, (*path, key), records=False))
        elif _is_records(value):
            for record in value:
                emit(_fresh(record, (*path, key), records=True))
    if carried:
        out.append("".join(carried))
    return "".join(out)
