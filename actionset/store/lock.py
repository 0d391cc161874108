"""The set's lock: one facilitator console at a time, and who holds it."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actionset.store.files import atomic_write, read_bytes
from actionset.store.locate import StoreError

LOCK_FILE = ".console.lock"
HOLDER_FILE = ".console.json"


class SetLocked(StoreError):
    """Another facilitator console holds the set."""

    def __init__(self, slug: str, holder: str) -> None:
        self.holder = holder
        super().__init__(
            f"set {slug!r} is open in another console ({holder}); "
            f"`actionset project {slug}` shows the meeting read-only"
        )


@dataclass
class SetLock:
    """Held while a facilitator console has the set open; the kernel frees it if we die."""

    folder: Path
    slug: str
    _lock: Any = None

    def acquire(self) -> None:
        from filelock import FileLock, Timeout

        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.folder / LOCK_FILE, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise SetLocked(self.slug, self.holder()) from None
        self._lock = lock
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        atomic_write(self.folder / HOLDER_FILE, json.dumps(info).encode())

    def holder(self) -> str:
        """Who holds the set, as a person would name the process."""
        try:
            info = json.loads(read_bytes(self.folder / HOLDER_FILE) or b"")
            return f"process {info['pid']} on {info['host']}, since {info['since']}"
        except (StoreError, ValueError, RecursionError, KeyError, TypeError):
            return "another process"

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
