"""The set's cache: what a report or a check took from each meeting's files, kept in
`<set>/.cache/` (`history.json` for reports, `check.json` for `check`).

Each entry is keyed by the stat stamps of the files it came from (times, size, inode: an
atomic replace makes a new inode), and the whole file by a format number and the stamps of
the code that read them. A cache that is missing, damaged, foreign or out of date is read as
empty and written again; one that cannot be written (a read-only folder) is left alone. It is
only ever a shortcut: every figure is the same with it or without it. The folder holds a
`.gitignore` of `*`, so a set kept in git stays clean, and a `CACHEDIR.TAG` for backup tools.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from actionset.store.files import atomic_write, read_bytes
from actionset.store.locate import StoreError

CACHE_DIR = ".cache"
HISTORY_CACHE = "history.json"
CHECK_CACHE = "check.json"
CACHE_FORMAT = 1
CACHE_KIND = "actionset history cache"
CHECK_KIND = "actionset check cache"
SETTLED_NS = 3 * 10**9
"""A file changed less than this long ago is not cached: a second change within the same tick
of the file system's clock (two seconds on FAT) would keep its stamp."""

_GITIGNORE = b"# Made by actionset: what reports computed, kept to save reading it again.\n*\n"
# https://bford.info/cachedir/: backup tools that honour it leave the folder out.
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by actionset.\n"
)

Entries = dict[str, tuple[str, object]]
"""Key (a meeting's date) → (the stamp of its files, what was computed from them)."""


def file_stamp(path: Path, now_ns: int) -> str | None:
    """The file's stat stamp; "-" when there is no file at all; None when what is there may
    not be cached (not a regular file, unreadable, or changed a moment ago)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None if os.path.lexists(path) else "-"  # a broken link is read, and reported
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or now_ns - info.st_mtime_ns < SETTLED_NS:
        return None
    return f"{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_size}:{info.st_ino}:{info.st_dev}"


def files_stamp(paths: list[Path]) -> str | None:
    """The stamps of several files as one (None when one of them may not be cached)."""
    now = time.time_ns()
    stamps = [file_stamp(path, now) for path in paths]
    return None if None in stamps else "|".join(s for s in stamps if s is not None)


@functools.cache
def code_stamp() -> str:
    """The stamps of the code that reads a set's files and computes from them (`check.py`
    too): an upgrade or an edit of it makes every entry out of date."""
    package = Path(__file__).resolve().parent.parent
    lines = []
    for folder, pattern in (
        ("model", "*.py"),
        ("store", "*.py"),
        ("export", "*.py"),
        (".", "check.py"),
    ):
        for path in sorted((package / folder).glob(pattern)):
            with suppress(OSError):
                info = path.stat()
                lines.append(f"{folder}/{path.name}:{info.st_mtime_ns}:{info.st_size}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class MeetingCache:
    """One file of `<set>/.cache/`: an entry per meeting, keyed by its date."""

    NAME: ClassVar[str]
    KIND: ClassVar[str]

    set_folder: Path

    @property
    def folder(self) -> Path:
        return self.set_folder / CACHE_DIR

    @property
    def path(self) -> Path:
        return self.folder / self.NAME

    def load(self) -> Entries:
        """The entries kept, or none when the file is missing, damaged or not this version's."""
        try:
            raw = read_bytes(self.path, missing_ok=True)
            data = json.loads(raw) if raw is not None else None
        except (StoreError, ValueError, RecursionError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("kind") != self.KIND
            or data.get("format") != CACHE_FORMAT
            or data.get("code") != code_stamp()
            or not isinstance(meetings := data.get("meetings"), dict)
        ):
            return {}
        entries: Entries = {}
        for key, entry in meetings.items():
            if isinstance(entry, dict) and isinstance(stamp := entry.get("stamp"), str):
                entries[key] = (stamp, entry.get("record"))
        return entries

    def save(self, entries: Entries) -> None:
        """Keep these entries (atomically), or nothing if the folder cannot be written."""
        data = {
            "kind": self.KIND,
            "format": CACHE_FORMAT,
            "code": code_stamp(),
            "meetings": {
                key: {"stamp": stamp, "record": record} for key, (stamp, record) in entries.items()
            },
        }
        text = json.dumps(data, separators=(",", ":"), sort_keys=True)  # ASCII: always writable
        with suppress(OSError):
            if os.path.islink(self.folder):
                return  # not ours to write through
            self.folder.mkdir(exist_ok=True)
            for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
                if not os.path.lexists(self.folder / name):
                    atomic_write(self.folder / name, content)
            atomic_write(self.path, text.encode("ascii"))


class HistoryCache(MeetingCache):
    """`<set>/.cache/history.json`: each meeting's record for the set's history."""

    NAME = HISTORY_CACHE
    KIND = CACHE_KIND


class CheckCache(MeetingCache):
    """`<set>/.cache/check.json`: what `check` needs of each meeting found without a problem,
    to check it against the set's other files without reading it again."""

    NAME = CHECK_CACHE
    KIND = CHECK_KIND
