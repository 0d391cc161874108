"""The set's cache: what a report or a check took from each meeting's files, kept in the
user's cache folder, one folder per set keyed by the set's path (`history.json` for reports,
`check.json` for `check`).

Each entry is keyed by the stat stamps of the files it came from (times, size, inode: an
atomic replace makes a new inode), and the whole file by a format number and the stamps of
the code that read them. A cache that is missing, damaged, foreign or out of date is read as
empty and written again; one that cannot be written (a read-only folder) is left alone. It is
only ever a shortcut: every figure is the same with it or without it.

It is kept out of the set's folder, so that a set kept in git, OneDrive or Dropbox never carries
it, and a copy of a set never brings another's along: `$ACTIONSET_CACHE_DIR`, else the user
cache folder (`~/.cache/actionset` on Linux, `%LOCALAPPDATA%\\actionset\\Cache` on Windows,
`~/Library/Caches/actionset` on macOS), holds `sets/<folder name>-<hash of the set's full
path>/`. Each such folder holds a `CACHEDIR.TAG`, so that backup tools leave it out.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import stat
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from actionset.store.files import atomic_write, read_bytes
from actionset.store.locate import StoreError

ENV_CACHE_DIR = "ACTIONSET_CACHE_DIR"
HISTORY_CACHE = "history.json"
CHECK_CACHE = "check.json"
CACHE_FORMAT = 1
CACHE_KIND = "actionset history cache"
CHECK_KIND = "actionset check cache"
SETTLED_NS = 3 * 10**9
"""A file changed less than this long ago is not cached: a second change within the same tick
of the file system's clock (two seconds on FAT) would keep its stamp."""

# https://bford.info/cachedir/: backup tools that honour it leave the folder out.
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by actionset.\n"
)

Entries = dict[str, tuple[str, object]]
"""Key (a meeting's date) → (the stamp of its files, what was computed from them)."""


def cache_dir() -> Path:
    """Where every set's cache is kept: $ACTIONSET_CACHE_DIR, else the user cache folder."""
    if env := os.environ.get(ENV_CACHE_DIR):
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("actionset", appauthor=False)


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def set_cache_folder(set_folder: Path, root: Path | None = None) -> Path:
    """The cache folder of the set in `set_folder`: one per full path, so two sets of the same
    name in two sets folders (or a set and its copy) never share one. Its folder's name leads
    with the set's, for a person looking in."""
    try:
        resolved = str(set_folder.resolve())
    except (OSError, RuntimeError):  # a loop of links: the path as given still names one set
        resolved = str(set_folder.absolute())
    key = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = _UNSAFE.sub("-", set_folder.name)[:40].strip("-")
    return (cache_dir() if root is None else root) / "sets" / f"{name or 'set'}-{key}"


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
    """One file of a set's cache folder: an entry per meeting, keyed by its date."""

    NAME: ClassVar[str]
    KIND: ClassVar[str]

    set_folder: Path

    @property
    def folder(self) -> Path:
        return set_cache_folder(self.set_folder)

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
            self.folder.mkdir(parents=True, exist_ok=True)
            if not os.path.lexists(self.folder / "CACHEDIR.TAG"):
                atomic_write(self.folder / "CACHEDIR.TAG", _CACHEDIR_TAG)
            atomic_write(self.path, text.encode("ascii"))


class HistoryCache(MeetingCache):
    """`history.json`: each meeting's record for the set's history."""

    NAME = HISTORY_CACHE
    KIND = CACHE_KIND


class CheckCache(MeetingCache):
    """`check.json`: what `check` needs of each meeting found without a problem,
    to check it against the set's other files without reading it again."""

    NAME = CHECK_CACHE
    KIND = CHECK_KIND
