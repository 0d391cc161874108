"""The tag journal: append-only JSON lines, each on disk before the tag is shown."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionset.store.files import atomic_write, fsync_folder, read_bytes
from actionset.store.locate import Problem, StoreError


@dataclass
class JournalRead:
    """The events of a meeting's tag journal, and what had to be left out."""

    events: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """The line each event is on, for `check` to name it."""
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False
    """The file could not be read as a journal at all (not a file, not UTF-8): nothing may be
    appended to it or set aside from it."""

    def with_lines(self) -> list[tuple[int, dict[str, Any]]]:
        """The readable events, each with the line it is on (damaged lines left out)."""
        return list(zip(self.lines, self.events, strict=True))


# A JSON escape of half a surrogate pair: the only way a journal line can hold text that is not
# Unicode (and that no terminal, file or report can write).
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def _parse_line(path: Path, number: int, line: bytes) -> dict[str, Any] | Problem:
    """One journal line as an event, or the Problem that says why it is not one."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(path, number, "line", f"not UTF-8 text (byte {line[exc.start]:#04x})")
    try:
        event = json.loads(line)
    except RecursionError:
        return Problem(path, number, "line", "not a JSON record (nested too deep)")
    except ValueError as exc:
        return Problem(path, number, "line", f"not a JSON record ({exc})")
    if not isinstance(event, dict):
        return Problem(path, number, "line", "not a JSON object")
    try:
        json.dumps(event, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return Problem(
            path, number, "line", "holds text that is not valid Unicode (half of a surrogate pair)"
        )
    return event


def _read(path: Path, result: JournalRead) -> bytes | None:
    """The journal's bytes from a regular file; None when there are no lines to read.

    A journal that is not UTF-8 throughout is `refused` for writing; its lines that do decode
    are still read, and each one that does not is a problem. One in UTF-16 (as an editor may
    save it) has no lines to read at all.
    """
    try:
        raw = read_bytes(path, missing_ok=True)
    except StoreError as exc:
        result.problems.extend(exc.problems)
        result.refused = True
        return None
    if raw is None:
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.problems.append(Problem(path, 1, "file", "UTF-16 text; save it as UTF-8"))
        result.refused = True
        return None
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        result.refused = True
    return raw


def read_journal(path: Path, entry: str = "tag") -> JournalRead:
    """Read a journal as plain dicts; a torn last line (power cut mid-write) is dropped, with
    a warning that names what it held (`entry`: a tag, an answer)."""
    result = JournalRead()
    raw = _read(path, result)
    if raw is None:
        return result
    lines = raw.split(b"\n")
    torn = lines.pop()  # the text after the last newline: empty unless a write was cut
    # One parse of the whole journal is several times quicker than one per line; it is
    # trusted only when it yields exactly one object per line, else each line is parsed
    # alone so that a damaged one is found and named.
    records = [line for line in lines if line.strip()]
    whole = None
    if not _SURROGATE.search(raw):
        try:
            whole = json.loads(b"[" + b",".join(records) + b"]")
        except (ValueError, RecursionError):
            whole = None
    if (
        isinstance(whole, list)
        and len(whole) == len(records)
        and all(type(event) is dict for event in whole)
    ):
        result.events = whole
        result.lines = [number for number, line in enumerate(lines, start=1) if line.strip()]
    for number, line in enumerate([] if result.events else lines, start=1):
        if not line.strip():
            continue
        event = _parse_line(path, number, line)
        if isinstance(event, Problem):
            result.problems.append(event)
        else:
            result.events.append(event)
            result.lines.append(number)
    if torn.strip():
        result.warnings.append(
            f"{path}:{len(lines) + 1}: the last {entry} was cut off mid-write and is left out"
        )
    return result


_BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class TagJournal:
    """Append-only: each event is one line, on disk (fsync'd) before `append` returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        # O_BINARY: on Windows a descriptor opened without it writes every \n as \r\n.
        self._fd = os.open(
            path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _BINARY | _NONBLOCK, 0o644
        )
        if not stat.S_ISREG(os.fstat(self._fd).st_mode):  # a FIFO, a device: never written to
            self.close()
            raise StoreError(problems=[Problem(path, 1, "file", "not a file")])
        if not existed:
            fsync_folder(path.parent)  # so the new file's name survives a power cut too
        self._drop_torn_tail()

    def _drop_torn_tail(self) -> None:
        """Set aside a line cut off mid-write, reading only the end of the file."""
        size = os.fstat(self._fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as f:
            f.seek(size - 1)
            if f.read(1) == b"\n":
                return
            start = size
            tail = b""
            while start > 0 and b"\n" not in tail:
                start = max(0, start - 4096)
                f.seek(start)
                tail = f.read(size - start)
        keep = start + tail.rfind(b"\n") + 1
        atomic_write(self.path.with_name(self.path.name + ".torn"), tail[keep - start :])
        os.truncate(self.path, keep)
        os.fsync(self._fd)

    def append(self, event: dict[str, Any]) -> None:
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
        os.write(self._fd, line.encode())
        os.fsync(self._fd)

    def close(self) -> None:
        """Close the file; closing it again does nothing (its number may be another file's)."""
        if self._fd >= 0:
            with suppress(OSError):
                os.close(self._fd)
            self._fd = -1

    def __enter__(self) -> TagJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def rewrite_journal(path: Path, change: Callable[[dict[str, Any]], bool]) -> bool:
    """Each readable event passed to `change`, which edits it in place and says whether it did;
    the journal is written again (atomically) only when one changed. Damaged lines and a torn
    tail are kept exactly as they were."""
    raw = _read(path, JournalRead())
    if raw is None:
        return False
    out: list[bytes] = []
    changed = False
    *lines, tail = raw.split(b"\n")
    for number, line in enumerate(lines, start=1):
        event = _parse_line(path, number, line) if line.strip() else None
        if isinstance(event, dict) and change(event):
            changed = True
            line = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()
        out.append(line)
    if changed:
        atomic_write(path, b"\n".join([*out, tail]))
    return changed
