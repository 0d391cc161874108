"""The only door to the disk: sets folders, TOML records, the tag journal and the set lock.

Every write goes through `atomic_write`; every file a person damaged by hand is reported as
`path:line: field: message` and never written over.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import threading
import time
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from actionset.model import Action, Issue, Meeting, Set

    ModelT = TypeVar("ModelT", bound=BaseModel)

SET_FILE = "set.toml"
ISSUES_FILE = "issues.toml"
ACTIONS_FILE = "actions.toml"
MEETINGS_DIR = "meetings"
TAGS_SUFFIX = ".tags.jsonl"
LOCK_FILE = ".console.lock"
HOLDER_FILE = ".console.json"
ENV_SETS_DIR = "ACTIONSET_SETS_DIR"
MAX_SLUG = 60


# ---------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """Something wrong with a file, in the form a person can act on."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class StoreError(Exception):
    """A user-facing failure: one or more problems, or one plain sentence."""

    def __init__(self, message: str = "", problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message or "\n".join(str(p) for p in self.problems))


class SetLocked(StoreError):
    """Another facilitator console holds the set."""

    def __init__(self, slug: str, holder: str) -> None:
        self.holder = holder
        super().__init__(
            f"set {slug!r} is open in another console ({holder}); "
            f"`actionset project {slug}` shows the meeting read-only"
        )


# ---------------------------------------------------------------------------- paths


_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)


def slugify(name: str) -> str:
    """A safe folder name for a set: lowercase ASCII words joined by '-', never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-")
    if slug in _DEVICE_NAMES:
        return f"{slug}-set"  # Windows will not make a folder with a device's name
    if slug:
        return slug
    # A name with no Latin letters or digits still needs a distinct, stable folder.
    import hashlib

    return "set-" + hashlib.sha1(name.encode()).hexdigest()[:8]


def resolve_sets_dir(given: str | os.PathLike[str] | None = None) -> Path:
    """--sets-dir, else $ACTIONSET_SETS_DIR, else ./sets when it exists, else the data folder."""
    if given:
        return Path(given).expanduser()
    if env := os.environ.get(ENV_SETS_DIR):
        return Path(env).expanduser()
    local = Path.cwd() / "sets"
    if local.is_dir():
        return local
    from platformdirs import user_data_path

    return user_data_path("actionset", appauthor=False) / "sets"


def set_slugs(sets_dir: Path) -> list[str]:
    """Folders in the sets folder that hold a set, in name order (app folders `_*` excluded)."""
    if not sets_dir.is_dir():
        return []
    return sorted(
        p.name
        for p in sets_dir.iterdir()
        if p.is_dir() and not p.name.startswith(("_", ".")) and (p / SET_FILE).is_file()
    )


# ---------------------------------------------------------------------------- preferences

ENV_CONFIG_DIR = "ACTIONSET_CONFIG_DIR"
PREFERENCES_FILE = "preferences.toml"


def config_dir() -> Path:
    """Where the app remembers the facilitator's choices (theme), not the sets' records."""
    if env := os.environ.get(ENV_CONFIG_DIR):
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("actionset", appauthor=False)


def load_preferences() -> dict[str, Any]:
    """The remembered choices; a missing or damaged file means none (they are only comfort)."""
    try:
        return tomllib.loads((config_dir() / PREFERENCES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def save_preferences(preferences: dict[str, Any]) -> None:
    with suppress(OSError):
        atomic_write(config_dir() / PREFERENCES_FILE, dump_toml(preferences))


# ---------------------------------------------------------------------------- writing


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    # One temp file per process and thread: two threads saving the same file must not share it.
    tmp = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        with open(tmp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


# How long to wait before each new try when Windows refuses to replace a file because another
# process (the projector, a virus scanner, a backup tool) has it open for a moment.
REPLACE_WAITS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)


def _wait(seconds: float) -> None:
    time.sleep(seconds)


def _replace(tmp: Path, path: Path) -> None:
    """`os.replace`, tried again a few times while the target is briefly held open."""
    for seconds in REPLACE_WAITS:
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            _wait(seconds)
    os.replace(tmp, path)  # the last try: its error is the one reported


def _fsync_folder(folder: Path) -> None:
    """Make a new or replaced file's name durable by syncing its folder, where that is possible.

    POSIX systems need it and allow it. Windows cannot open a folder as a file (PermissionError)
    and makes a replaced name durable with the file's own flush, so there it is skipped. This is
    the one place that knows.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except PermissionError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def to_toml_data(value: Any) -> Any:
    """Plain TOML values from model dumps: enums as text, empty and unset values left out."""
    if isinstance(value, dict):
        return {
            k: to_toml_data(v)
            for k, v in value.items()
            if v is not None and v != "" and v != [] and v != {}
        }
    if isinstance(value, list):
        return [to_toml_data(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    return value


def dump_toml(data: dict[str, Any]) -> bytes:
    """TOML text with every list of records as `[[tables]]`, whatever the length of its lines.

    tomli_w on its own writes short records as one-line inline tables and switches the whole
    list to `[[tables]]` once one line grows long: the layout would change with the data, and
    inline tables cannot be extended by hand.
    """
    chunks: list[str] = []
    _dump_table(to_toml_data(data), (), chunks)
    return "".join(chunks).lstrip("\n").encode()


def _dump_table(table: dict[str, Any], path: tuple[str, ...], chunks: list[str]) -> None:
    import tomli_w

    def is_records(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(
            isinstance(v, dict) for v in value)

    plain = {k: v for k, v in table.items() if not isinstance(v, dict) and not is_records(v)}
    if plain:
        chunks.append(tomli_w.dumps(plain))
    for key, value in table.items():
        if isinstance(value, dict):
            chunks.append(f"\n[{'.'.join((*path, key))}]\n")
            _dump_table(value, (*path, key), chunks)
        elif is_records(value):
            for record in value:
                chunks.append(f"\n[[{'.'.join((*path, key))}]]\n")
                _dump_table(record, (*path, key), chunks)


# ---------------------------------------------------------------------------- reading


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\(at end of document\)")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors become a Problem with the line they are on."""
    return _parse_toml(path, _read_text(path))


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        if match := _TOML_LINE.search(message):
            line = int(match.group(1))
        elif _TOML_END.search(message):
            line = text.rstrip().count("\n") + 1  # the last line with anything on it
        else:
            line = 1
        clean = _TOML_END.sub("", _TOML_LINE.sub("", message)).strip()
        raise StoreError(problems=[Problem(path, line, "toml", clean)]) from None


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StoreError(problems=[Problem(path, 1, "file", exc.strerror or str(exc))]) from None
    try:
        # Newlines as written: tomllib and key_lines count "\n" only.
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StoreError(problems=[Problem(
            path, line, "file", f"not UTF-8 text (byte {raw[exc.start]:#04x}); save it as UTF-8"
        )]) from None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-\".]+)\s*=\s*(.*)$")
_INLINE_KEY = re.compile(r"(?:^|[{,])\s*([A-Za-z0-9_-]+)\s*=")


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Where each key and table of a TOML text starts, by the path pydantic reports errors at.

    Knows `[table]`, `[[array.of.tables]]` (indexed within their parent) and arrays written one
    inline table per line (as `dump_toml` writes `updates`); skips multi-line strings.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    counts: dict[tuple[str | int, ...], int] = {}  # array of tables -> how many so far
    table: tuple[str | int, ...] = ()
    array: tuple[str | int, ...] | None = None  # a multi-line array of inline tables
    items = 0
    string_end = ""  # the closing quotes of a multi-line string being skipped
    for number, line in enumerate(text.split("\n"), start=1):
        if string_end:
            if line.count(string_end) % 2:
                string_end = ""
            continue
        stripped = line.strip()
        if array is not None:
            if stripped.startswith("]"):
                array = None
            elif stripped.startswith("{"):
                item = (*array, items)
                items += 1
                lines.setdefault(item, number)
                for key in _INLINE_KEY.finditer(stripped):
                    lines.setdefault((*item, key.group(1)), number)
            elif stripped and not stripped.startswith("#"):
                array = None  # not one inline table per line: errors go to the array's key
        elif match := _HEADER.match(line):
            names = tuple(_unquote(part) for part in match.group(2).split("."))
            if match.group(1) == "[[":
                array_path = (*_with_indexes(names[:-1], counts), names[-1])
                index = counts.get(array_path, 0)
                counts[array_path] = index + 1
                lines.setdefault(array_path, number)
                table = (*array_path, index)
            else:
                table = _with_indexes(names, counts)
            lines.setdefault(table, number)
        elif match := _ASSIGN.match(line):
            keys = (*table, *(_unquote(part) for part in match.group(1).split(".")))
            lines.setdefault(keys, number)
            if match.group(2).strip() == "[":
                array, items = keys, 0
        for quotes in ('"""', "'''"):
            if line.count(quotes) % 2:
                string_end = quotes
    return lines


def nearest_line(lines: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int:
    """The line of the key at `loc`, or of its nearest enclosing table (1 when none is found)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _with_indexes(
    names: tuple[str, ...], counts: dict[tuple[str | int, ...], int]
) -> tuple[str | int, ...]:
    """A table path with the index of every enclosing array of tables (`actions.0.updates`)."""
    path: list[str | int] = []
    for name in names:
        path.append(name)
        if (seen := counts.get(tuple(path))) is not None:
            path.append(seen - 1)
    return tuple(path)


def _unquote(part: str) -> str:
    return part.strip().strip('"').strip("'")


def validation_problems(path: Path, text: str, exc: Exception, base: tuple[str | int, ...] = ()
                        ) -> list[Problem]:
    """pydantic errors as Problems: dotted field path, and the line of the key where found."""
    from pydantic import ValidationError

    assert isinstance(exc, ValidationError)
    lines = key_lines(text)
    problems = []
    for error in exc.errors():
        # Record-wide checks name the field they are about in the context (model.problem_at).
        at = error.get("ctx", {}).get("at", ()) if error["type"] == "record" else ()
        loc = (*base, *error["loc"], *at)
        line = nearest_line(lines, loc)
        dotted = ".".join(str(part) for part in loc) or "file"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (check its spelling)"
        problems.append(Problem(path, line, dotted, message))
    return problems


def load_model(path: Path, model: type[ModelT], key: str | None = None) -> ModelT | list[ModelT]:
    """Validate a TOML file as one model, or as the list of models under `key`."""
    from pydantic import TypeAdapter, ValidationError

    text = _read_text(path)  # read once: the data and the lines it reports come from one version
    data = _parse_toml(path, text)
    try:
        if key is None:
            return model.model_validate(data)
        unknown = sorted(set(data) - {key})
        if unknown:
            lines = key_lines(text)
            raise StoreError(problems=[
                Problem(path, lines.get((name,), lines.get((name, 0), 1)), name,
                        f"unknown key (this file holds only [[{key}]] tables)")
                for name in unknown
            ])
        items = TypeAdapter(list[model]).validate_python(data.get(key, []))  # type: ignore[valid-type]
        return items
    except ValidationError as exc:
        raise StoreError(problems=validation_problems(
            path, text, exc, base=(key,) if key else ())) from None


# ---------------------------------------------------------------------------- the lock


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
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        atomic_write(self.folder / HOLDER_FILE, json.dumps(info).encode())

    def holder(self) -> str:
        """Who holds the set, as a person would name the process."""
        try:
            info = json.loads((self.folder / HOLDER_FILE).read_bytes())
            return f"process {info['pid']} on {info['host']}, since {info['since']}"
        except (OSError, ValueError, KeyError, TypeError):
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


# ---------------------------------------------------------------------------- one set


@dataclass
class SetStore:
    """A set's folder: `set.toml`, `issues.toml`, `actions.toml` and `meetings/`."""

    folder: Path
    damaged: set[Path] = field(default_factory=set)

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def meetings_dir(self) -> Path:
        return self.folder / MEETINGS_DIR

    def meeting_path(self, date: dt.date) -> Path:
        return self.meetings_dir / f"{date.isoformat()}.toml"

    def tags_path(self, date: dt.date) -> Path:
        return self.meetings_dir / f"{date.isoformat()}{TAGS_SUFFIX}"

    def lock(self) -> SetLock:
        return SetLock(self.folder, self.slug)

    # -- reading

    def _load(self, path: Path, model: type[ModelT], key: str | None = None) -> Any:
        try:
            result = load_model(path, model, key)
        except StoreError:
            self.damaged.add(path)
            raise
        self.damaged.discard(path)  # mended by hand since it last failed
        return result

    def load_set(self) -> Set:
        from actionset.model import Set

        path = self.folder / SET_FILE
        if not path.is_file():
            raise StoreError(f"{path}: no set here (set.toml is missing)")
        result: Set = self._load(path, Set)
        return result

    def load_issues(self) -> list[Issue]:
        from actionset.model import Issue

        path = self.folder / ISSUES_FILE
        return self._load(path, Issue, "issues") if path.is_file() else []

    def load_actions(self) -> list[Action]:
        from actionset.model import Action

        path = self.folder / ACTIONS_FILE
        return self._load(path, Action, "actions") if path.is_file() else []

    def meeting_dates(self) -> list[dt.date]:
        """Dates with anything on disk (a meeting file or a tag journal), oldest first."""
        dates: set[dt.date] = set()
        if self.meetings_dir.is_dir():
            for path in self.meetings_dir.iterdir():
                stem = path.name.removesuffix(TAGS_SUFFIX).removesuffix(".toml")
                if stem != path.name:
                    with suppress(ValueError):
                        dates.add(dt.date.fromisoformat(stem))
        return sorted(dates)

    def load_meeting(self, date: dt.date) -> Meeting | None:
        from actionset.model import Meeting

        path = self.meeting_path(date)
        if not path.is_file():
            return None
        meeting: Meeting = self._load(path, Meeting)
        if meeting.date != date:
            self.damaged.add(path)
            line = key_lines(_read_text(path)).get(("date",), 1)
            raise StoreError(problems=[Problem(
                path, line, "date", f"{meeting.date} does not match the file name {date}")])
        return meeting

    def load_meetings(self) -> list[Meeting]:
        """Every meeting file, oldest first."""
        meetings = [self.load_meeting(d) for d in self.meeting_dates()]
        return [m for m in meetings if m is not None]

    # -- writing

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        if path in self.damaged:
            raise StoreError(f"{path}: not saved, because the file has problems; "
                             "run `actionset check` and mend it first")
        atomic_write(path, dump_toml(data))

    def save_set(self, the_set: Set) -> None:
        self._write(self.folder / SET_FILE, the_set.model_dump())

    def save_issues(self, issues: list[Issue]) -> None:
        self._write(self.folder / ISSUES_FILE, {"issues": [i.model_dump() for i in issues]})

    def save_actions(self, actions: list[Action]) -> None:
        self._write(self.folder / ACTIONS_FILE, {"actions": [a.model_dump() for a in actions]})

    def save_meeting(self, meeting: Meeting) -> None:
        self._write(self.meeting_path(meeting.date), meeting.model_dump())

    def meeting_mtime(self, date: dt.date) -> float:
        """When the meeting's files last changed (0 when there are none): cheap to poll."""
        stamps = []
        for path in (self.meeting_path(date), self.tags_path(date)):
            with suppress(OSError):
                stamps.append(path.stat().st_mtime_ns)
        return max(stamps, default=0) / 1e9

    # -- the tag journal

    def journal(self, date: dt.date) -> TagJournal:
        return TagJournal(self.tags_path(date))

    def read_journal(self, date: dt.date) -> JournalRead:
        return read_journal(self.tags_path(date))


# ---------------------------------------------------------------------------- the journal


@dataclass
class JournalRead:
    """The events of a meeting's tag journal, and what had to be left out."""

    events: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_journal(path: Path) -> JournalRead:
    """Read a journal as plain dicts; a torn last line (power cut mid-write) is dropped."""
    result = JournalRead()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return result
    lines = raw.split(b"\n")
    torn = lines.pop()  # the text after the last newline: empty unless a write was cut
    loads = json.loads
    # One parse of the whole journal is several times quicker than one per line; it is
    # trusted only when it yields exactly one object per line, else each line is parsed
    # alone so that a damaged one is found and named.
    records = [line for line in lines if line.strip()]
    try:
        whole = loads(b"[" + b",".join(records) + b"]")
    except ValueError:
        whole = None
    if (isinstance(whole, list) and len(whole) == len(records)
            and all(type(event) is dict for event in whole)):
        result.events = whole
    for number, line in enumerate([] if result.events else lines, start=1):
        if not line.strip():
            continue
        try:
            event = loads(line)
        except ValueError as exc:
            result.problems.append(Problem(path, number, "line", f"not a JSON record ({exc})"))
            continue
        if not isinstance(event, dict):
            result.problems.append(Problem(path, number, "line", "not a JSON object"))
            continue
        result.events.append(event)
    if torn.strip():
        result.warnings.append(
            f"{path}:{len(lines) + 1}: the last tag was cut off mid-write and is left out")
    return result


_BINARY = getattr(os, "O_BINARY", 0)


class TagJournal:
    """Append-only: each event is one line, on disk (fsync'd) before `append` returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        # O_BINARY: on Windows a descriptor opened without it writes every \n as \r\n.
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _BINARY, 0o644)
        if not existed:
            _fsync_folder(path.parent)  # so the new file's name survives a power cut too
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
        atomic_write(self.path.with_name(self.path.name + ".torn"), tail[keep - start:])
        os.truncate(self.path, keep)
        os.fsync(self._fd)

    def append(self, event: dict[str, Any]) -> None:
        line = json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n"
        os.write(self._fd, line.encode())
        os.fsync(self._fd)

    def close(self) -> None:
        with suppress(OSError):
            os.close(self._fd)

    def __enter__(self) -> TagJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------- the folder


@dataclass
class SetsFolder:
    """The sets folder: finds sets by slug or name and creates new ones safely."""

    root: Path

    def slugs(self) -> list[str]:
        return set_slugs(self.root)

    def path_for(self, slug: str) -> Path:
        """The set's folder, checked to lie directly inside the sets folder."""
        folder = (self.root / slug).resolve()
        if folder.parent != self.root.resolve() or slug.startswith(("_", ".")):
            raise StoreError(f"{slug!r} is not a set folder name")
        return self.root / slug

    def find(self, key: str) -> SetStore:
        """The set whose slug or name is `key`; a clear error otherwise."""
        slugs = self.slugs()
        if key in slugs:
            return SetStore(self.path_for(key))
        wanted = slugify(key)
        if wanted in slugs:
            return SetStore(self.path_for(wanted))
        for slug in slugs:
            with suppress(StoreError):
                name = read_toml(self.root / slug / SET_FILE).get("name")
                if isinstance(name, str) and name.casefold() == key.casefold():
                    return SetStore(self.path_for(slug))
        known = ", ".join(slugs) if slugs else "none yet"
        raise StoreError(f"no set {key!r} in {self.root} (sets: {known})")

    def create(self, the_set: Set) -> SetStore:
        """A folder for a new set, refusing to overwrite one that exists."""
        slug = slugify(the_set.name)
        if slug in self.slugs():
            raise StoreError(f"a set already lives in {self.root / slug}")
        store = SetStore(self.path_for(slug))
        store.folder.mkdir(parents=True, exist_ok=True)
        store.meetings_dir.mkdir(exist_ok=True)
        store.save_set(the_set)
        return store

    @contextmanager
    def locked(self, key: str) -> Iterator[SetStore]:
        store = self.find(key)
        with store.lock():
            yield store


# ---------------------------------------------------------------------------- agenda templates

TEMPLATES_DIR = "_templates"  # in the sets folder, shared by every set
SET_TEMPLATES_DIR = "templates"  # in a set's own folder

if TYPE_CHECKING:
    from actionset.model.agenda import Template


def load_templates(sets_dir: Path, set_folder: Path | None
                   ) -> tuple[dict[str, Template], list[Problem]]:
    """The built-in templates, then the sets folder's, then the set's own, each overriding the
    one before by name. A file with problems is reported and left out, never raised."""
    from actionset.model.agenda import BUILTIN_TEMPLATES

    templates = dict(BUILTIN_TEMPLATES)
    problems: list[Problem] = []
    folders = [sets_dir / TEMPLATES_DIR]
    if set_folder is not None:
        folders.append(set_folder / SET_TEMPLATES_DIR)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                template = load_template(path)
            except StoreError as exc:
                problems.extend(exc.problems or [Problem(path, 1, "file", str(exc))])
                continue
            templates[template.name] = template
    return templates, problems


def load_template(path: Path) -> Template:
    """One template file; `name` defaults to the file's name without `.toml`."""
    from pydantic import ValidationError

    from actionset.model.agenda import Template

    text = _read_text(path)
    data = _parse_toml(path, text)
    data.setdefault("name", path.stem)
    try:
        return Template.model_validate(data)
    except ValidationError as exc:
        raise StoreError(problems=validation_problems(path, text, exc)) from None


# ---------------------------------------------------------------------------- for the command line
# Small readers `actionset check` and `actionset report` need, kept here so that store.py stays
# the only module that opens files.


def journal_events_with_lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The journal's readable events, each with the line it is on (damaged lines left out)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    events: list[tuple[int, dict[str, Any]]] = []
    lines = raw.split(b"\n")
    lines.pop()  # a torn tail is reported by read_journal
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        with suppress(ValueError):
            event = json.loads(line)
            if isinstance(event, dict):
                events.append((number, event))
    return events


def problems_in(path: Path, exc: Exception) -> list[Problem]:
    """A pydantic error about a record read from `path`, as Problems at their lines."""
    return validation_problems(path, _read_text(path), exc)


def line_of(path: Path, loc: tuple[str | int, ...]) -> int:
    """The line a key (by its pydantic-style path) is on, or of its nearest enclosing table."""
    try:
        lines = key_lines(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return 1
    return nearest_line(lines, loc)
