"""A meeting's voice file: the members' rounds and answers, a JSON line each, appended by the
served members' page and by the console (two processes) under one lock, each line on disk
before the append returns."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionset.model.voice import Voice, replay
from actionset.store.files import fsync_folder, read_bytes
from actionset.store.journal import read_journal
from actionset.store.locate import Problem, StoreError

VOICE_SUFFIX = ".voice.jsonl"  # beside the meeting's file: 2026-11-02.voice.jsonl
VOICE_LOCK = ".voice.lock"
"""In the set's folder: held while a line is checked against the file and appended."""
LOCK_WAIT = 10.0
"""Seconds to wait for the other process's append (each takes a few milliseconds)."""

_BINARY = getattr(os, "O_BINARY", 0)


class VoiceRefused(StoreError):
    """A line the file may not take next (a round closed, a rating out of range, one device
    too many): the file is left as it was."""


@dataclass
class VoiceRead:
    """A meeting's voice as its file holds it, and what had to be left out."""

    voice: Voice
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refused: bool = False
    """The file could not be read as lines at all (not a file, not UTF-8): nothing may be
    appended to it."""


def read_voice(path: Path, limit: int | None = None) -> VoiceRead:
    """The voice file's rounds; a damaged line is a problem (`path:line: field: message`)
    and the rest are still read. `limit`: the devices a round may take (None: not checked)."""
    read = read_journal(path, entry="answer")
    voice = replay(read.with_lines(), limit)
    problems = [*read.problems, *(Problem(path, f.line, f.field, f.message) for f in voice.faults)]
    problems.sort(key=lambda p: p.line)
    return VoiceRead(voice, problems, read.warnings, read.refused)


def append_voice(
    path: Path, record: Mapping[str, Any], lock: Path, limit: int | None = None
) -> Voice:
    """Append `record` as the file's next line, if the file as it is now may take it
    (`Voice.refusal`: else `VoiceRefused`, naming why); the voice with it added. `lock` is
    held from the read to the fsync, so that two processes appending at once each see the
    other's line."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(lock, timeout=LOCK_WAIT):
            read = read_voice(path, limit)
            if read.refused:
                raise StoreError(problems=read.problems)
            why = read.voice.refusal(record)
            if why is not None:
                raise VoiceRefused(f"{path}: {why}")
            _append(path, json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    except Timeout:
        raise StoreError(f"{path}: another program is writing it; try again") from None
    read.voice.add(record)
    return read.voice


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = os.path.lexists(path)
    raw = read_bytes(path, missing_ok=True) or b""
    # A line cut off mid-write stays where it is, a damaged line `check` names: the new line
    # starts on a line of its own.
    data = (b"\n" if raw and not raw.endswith(b"\n") else b"") + text.encode() + b"\n"
    # O_BINARY: on Windows a descriptor opened without it writes every \n as \r\n.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _BINARY, 0o644)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(problems=[Problem(path, 1, "file", "not a file")])
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if not existed:
        fsync_folder(path.parent)  # so the new file's name survives a power cut too


def voice_dates(meetings_dir: Path) -> list[dt.date]:
    """The dates that have a voice file, oldest first."""
    if not meetings_dir.is_dir():
        return []
    dates = []
    for path in meetings_dir.glob(f"*{VOICE_SUFFIX}"):
        try:
            dates.append(dt.date.fromisoformat(path.name.removesuffix(VOICE_SUFFIX)))
        except ValueError:
            continue
    return sorted(dates)
