"""Two laptops' copies of a set's file merged by record, not by line (`merge_file`).

`actionset sync` merges with it, and so does git itself, through the merge driver
(`actionset.merge.driver`), so that a plain `git pull` gives the same files. Importing this
package imports neither Textual nor pydantic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from actionset.merge.conflicts import CONFLICT, Conflict

__all__ = ["CONFLICT", "Conflict", "Merged", "merge_file"]


@dataclass
class Merged:
    """A merged file's text, and what could not be merged, in words."""

    text: str
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_file(path: str, base: str | None, ours: str, theirs: str) -> Merged:
    """`ours` and `theirs`, two versions of the set's file at `path` (inside the set's folder,
    or the repository: "actions.toml", "meetings/2027-01-18.toml", "…tags.jsonl"), merged with
    their common `base` (None when the file was added on both sides).

    A TOML file is merged record by record and written as the store writes it (keeping the
    comments and layout of `ours` where a person edited it); a journal (`.jsonl`) keeps every
    line of both sides once, in time order, but for those one side rewrote; any other file
    merges only when one side left it as it was.
    """
    ours, theirs = _lf(ours), _lf(theirs)
    base = None if base is None else _lf(base)
    name = PurePosixPath(path.replace("\\", "/"))
    if name.suffix == ".jsonl":
        from actionset.merge.lines import merge_lines

        return Merged(merge_lines(base, ours, theirs))
    if ours == theirs or base == theirs:
        return Merged(ours)
    if base == ours:
        return Merged(theirs)
    if name.suffix == ".toml":
        return _merge_toml(name, base, ours, theirs)
    return _whole(
        name,
        ours,
        theirs,
        "changed on both laptops, and it is not one of a set's records: both kept whole",
    )


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _merge_toml(name: PurePosixPath, base: str | None, ours: str, theirs: str) -> Merged:
    import tomli

    from actionset.merge.records import merge_data
    from actionset.store.files import to_toml_data

    try:
        sides = [
            None if text is None else to_toml_data(tomli.loads(text))
            for text in (base, ours, theirs)
        ]
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return _whole(
            name, ours, theirs, "not TOML on one laptop, so not merged by record: both kept whole"
        )
    old, mine, other = sides
    assert mine is not None and other is not None
    merged, conflicts = merge_data(old, mine, other, *_words(name))
    if merged == mine:
        return Merged(ours, conflicts)
    return Merged(_as_the_store_writes(ours, mine, merged), conflicts)


def _as_the_store_writes(old: str, old_data: dict[str, Any], data: dict[str, Any]) -> str:
    """What `store.files.write_toml` would write over `old` (which holds `old_data`): afresh
    when `old` is as actionset writes it, else onto its text, keeping what a person wrote."""
    from actionset.store.files import dump_toml
    from actionset.store.keep import kept_toml

    fresh = dump_toml(data).decode()
    edited = dump_toml(old_data).decode() != old
    return kept_toml(old, data, fresh) if edited else fresh


def _words(name: PurePosixPath) -> tuple[str, str]:
    """A file's own fields in words, and the words before the records of its lists."""
    if name.name == "set.toml":
        return "the set", ""
    if name.parent.name == "meetings":
        try:
            day = dt.date.fromisoformat(name.stem).isoformat()
        except ValueError:
            day = name.stem
        return f"meeting {day}", f"meeting {day}"
    return name.name, ""


def _whole(name: PurePosixPath, ours: str, theirs: str, why: str) -> Merged:
    """A file that cannot be merged by record: both versions kept whole between git's conflict
    markers, for a person to choose."""
    text = f"<<<<<<< this laptop\n{_ended(ours)}=======\n{_ended(theirs)}>>>>>>> the other laptop\n"
    return Merged(text, [Conflict(name.name, "", ours, theirs, said=why)])


def _ended(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
