"""The set's lock: one facilitator console at a time, and who holds it."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionset.store.files import atomic_write, read_bytes
from actionset.store.locate import StoreError

LOCK_FILE = ".console.lock"
HOLDER_FILE = ".console.json"


class SetLocked(StoreError):
    """Another facilitator console holds the set."""

    def __init__(self, slug: str, holder: str, syncing: bool = False) -> None:
        self.holder = holder
        self.syncing = syncing
        if syncing:  # `actionset sync` holds it for a moment
            super().__init__(f"set {slug!r} is being synced ({holder}); open it once that is done")
            return
        super().__init__(
            f"set {slug!r} is open in another console ({holder}); "
            f"`actionset project {slug}` shows the meeting read-only"
        )


@dataclass
class SetLock:
    """Held while a facilitator console has the set open; the kernel frees it if we die."""

    folder: Path
    slug: str
    meeting: dt.date | None = None
    """The meeting the console holds the set for, written down for the projector to follow."""
    syncing: bool = False
    """Held by `actionset sync` rather than a console."""
    _lock: Any = None
    _info: dict[str, Any] = field(default_factory=dict)

    def acquire(self) -> None:
        from filelock import FileLock, Timeout

        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.folder / LOCK_FILE, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise SetLocked(self.slug, self.holder(), self._held_by_sync()) from None
        self._lock = lock
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        if self.meeting is not None:
            info["meeting"] = self.meeting.isoformat()
        if self.syncing:
            info["syncing"] = True
        self._info = info
        atomic_write(self.folder / HOLDER_FILE, json.dumps(info).encode())

    def tell_room(self, **shown: object) -> None:
        """What the console asks the projector to show now beyond the meeting (the members'
        page's address), written beside who holds the set: it goes when the console does."""
        self._info["room"] = shown
        atomic_write(self.folder / HOLDER_FILE, json.dumps(self._info).encode())

    def holder(self) -> str:
        """Who holds the set, as a person would name the process ("since 15:42 today")."""
        from actionset.model.dates import moment_words

        try:
            info = json.loads(read_bytes(self.folder / HOLDER_FILE) or b"")
            who = f"process {info['pid']} on {info['host']}"
        except (StoreError, ValueError, RecursionError, KeyError, TypeError):
            return "another process"
        try:
            since = dt.datetime.fromisoformat(info["since"])
        except (KeyError, TypeError, ValueError):
            return who
        return f"{who}, since {moment_words(since, dt.datetime.now().astimezone().date())}"

    def _held_by_sync(self) -> bool:
        try:
            return json.loads(read_bytes(self.folder / HOLDER_FILE) or b"").get("syncing") is True
        except (StoreError, ValueError, RecursionError, AttributeError):
            return False

    def release(self) -> None:
        if self._lock is not None:
            with suppress(OSError):
                (self.folder / HOLDER_FILE).unlink()
            self._lock.release()
            self._lock = None

    def __enter__(self) -> SetLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def held_meeting(folder: Path) -> dt.date | None:
    """The date of the meeting a console holds the set for; None when no console holds it
    (or the one that does names no meeting)."""
    try:
        info = json.loads(read_bytes(folder / HOLDER_FILE) or b"")
        return dt.date.fromisoformat(info["meeting"])
    except (StoreError, ValueError, RecursionError, KeyError, TypeError):
        return None


def held_room(folder: Path) -> dict[str, Any]:
    """What the console holding the set asks the room's screen to show (empty: nothing)."""
    try:
        room = json.loads(read_bytes(folder / HOLDER_FILE) or b"").get("room")
    except (StoreError, ValueError, RecursionError, AttributeError):
        return {}
    return room if isinstance(room, dict) else {}


@dataclass
class FollowedMeeting:
    """The meeting a projector follows: the one the set's console holds, whatever its date
    (`run --date`), else the last one a console held, else `date` (today's). The holder's
    file is read again only when its time changed, so following it is cheap to poll."""

    folder: Path
    date: dt.date
    _seen: int | None = None
    room: dict[str, Any] = field(default_factory=dict)
    """What the console asks the room's screen to show beyond the meeting (`SetLock.tell_room`);
    nothing once no console holds the set."""

    def follow(self) -> bool:
        """Look again at the console holding the set; whether the meeting followed changed."""
        try:
            stamp = (self.folder / HOLDER_FILE).stat().st_mtime_ns
        except OSError:
            self.room = {}
            return False  # no console now: the room keeps the meeting it had
        if stamp == self._seen:
            return False
        self._seen = stamp
        self.room = held_room(self.folder)
        held = held_meeting(self.folder)
        if held is None or held == self.date:
            return False
        self.date = held
        return True
