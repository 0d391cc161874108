"""Reading and writing one file: the atomic write, TOML written and read, models validated."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import time
from _thread import get_ident  # threading's, without importing threading
from contextlib import suppress
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tomli  # tomllib's origin, compiled: four times faster on a year of actions

from actionset.store.locate import Problem, StoreError, key_lines, validation_problems

if TYPE_CHECKING:
    from pydantic import BaseModel

    ModelT = TypeVar("ModelT", bound=BaseModel)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    # One temp file per process and thread: two threads saving the same file must not share it.
    tmp = folder / f".{path.name}.{os.getpid()}.{get_ident()}.tmp"
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
    fsync_folder(folder)


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


def fsync_folder(folder: Path) -> None:
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
        # A table left empty once its empty values are out goes too: written as a bare header,
        # it would read back as a table that writing leaves out, and the file as actionset
        # writes it would look edited by hand.
        items = ((k, to_toml_data(v)) for k, v in value.items())
        return {k: v for k, v in items if v is not None and v != "" and v != [] and v != {}}
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
    dump_table(to_toml_data(data), (), chunks)
    return "".join(chunks).lstrip("\n").encode()


_written: dict[Path, bytes] = {}
"""What this process last wrote to each file: when the file still holds it, nobody has edited
it since, and the new data is written afresh without reading it as a document."""


def write_toml(path: Path, data: dict[str, Any]) -> None:
    """Save `data` as TOML in `path` atomically, keeping what a person wrote in the file there:
    its comments, blank lines and key order (`actionset.store.keep`). A file just as actionset
    writes it, or no file, is written afresh from the data, in its stable order."""
    fresh = dump_toml(data)
    written = fresh
    try:
        old = read_bytes(path, missing_ok=True)
    except StoreError:
        old = None  # not a file: the write names the problem
    if old is not None and old != fresh and old != _written.get(path):
        with suppress(UnicodeDecodeError):  # not text: written afresh, as before
            text = old.decode("utf-8").replace("\r\n", "\n")
            if _is_edited(text):
                from actionset.store.keep import kept_toml

                written = kept_toml(text, to_toml_data(data), fresh.decode()).encode()
    atomic_write(path, written)
    if written is fresh:
        _written[path] = fresh
    else:
        _written.pop(path, None)


def _is_edited(text: str) -> bool:
    """Whether the text holds anything actionset would not write: comments, blank lines or keys
    in another order, other spacing."""
    try:
        return dump_toml(tomli.loads(text)).decode() != text
    except (tomli.TOMLDecodeError, ValueError, RecursionError):
        return False  # damaged since it was read: written afresh, as before


def dump_table(table: dict[str, Any], path: tuple[str, ...], chunks: list[str]) -> None:
    import tomli_w

    def is_records(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)

    plain = {k: v for k, v in table.items() if not isinstance(v, dict) and not is_records(v)}
    if plain:
        chunks.append(tomli_w.dumps(plain))
    for key, value in table.items():
        if isinstance(value, dict):
            chunks.append(f"\n[{'.'.join((*path, key))}]\n")
            dump_table(value, (*path, key), chunks)
        elif is_records(value):
            for record in value:
                chunks.append(f"\n[[{'.'.join((*path, key))}]]\n")
                dump_table(record, (*path, key), chunks)


# ---------------------------------------------------------------------------- reading


_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_TOML_END = re.compile(r"\(at end of document\)")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; syntax errors become a Problem with the line they are on."""
    return parse_toml(path, read_text(path))


_DIGITS = re.compile(r"[0-9_]{4000,}")


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        if match := _TOML_LINE.search(message):
            line = int(match.group(1))
        elif _TOML_END.search(message):
            line = text.rstrip().count("\n") + 1  # the last line with anything on it
        else:
            line = 1
        clean = _TOML_END.sub("", _TOML_LINE.sub("", message)).strip()
        raise StoreError(problems=[Problem(path, line, "toml", clean)]) from None
    except RecursionError:
        lines = text.split("\n")
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
        raise StoreError(
            problems=[Problem(path, deepest + 1, "toml", "values nested too deep to read")]
        ) from None
    except ValueError:  # an integer of thousands of digits
        match = _DIGITS.search(text)
        line = text[: match.start()].count("\n") + 1 if match else 1
        raise StoreError(
            problems=[
                Problem(path, line, "toml", "a number too long to read (thousands of digits)")
            ]
        ) from None


MAX_FILE_BYTES = 256 * 2**20
"""Far more than a year of a set's files: anything larger is not one of them, and is refused
rather than read into memory."""

_BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # so that opening a FIFO never waits for a writer


def _file_problem(path: Path, message: str) -> StoreError:
    return StoreError(problems=[Problem(path, 1, "file", message)])


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def read_bytes(path: Path, *, missing_ok: bool = False) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or a StoreError naming the path.

    The one way the store reads a file: a folder, a FIFO, a device (`/dev/zero`), a link to
    nothing or a loop of links is one problem on the file's line 1, never a hang or a
    traceback. With `missing_ok`, a file that is not there at all (not even as a broken link)
    is None.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY | _NONBLOCK)
    except FileNotFoundError:
        if not os.path.lexists(path):
            if missing_ok:
                return None
            raise _file_problem(path, "the file is missing") from None
        raise _file_problem(path, "a link to a file that does not exist") from None
    except OSError as exc:
        if os.path.isdir(path):  # Windows cannot open a folder as a file
            raise _file_problem(path, "a folder, not a file") from None
        raise _file_problem(path, exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _file_problem(path, f"{_kind(info.st_mode)}, not a file")
        if info.st_size > MAX_FILE_BYTES:
            raise _file_problem(
                path, f"{info.st_size:,} bytes: too large to be one of a set's files"
            )
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 2**20))):
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise _file_problem(path, "too large to be one of a set's files")
        return b"".join(chunks)
    except OSError as exc:
        raise _file_problem(path, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_text(path: Path) -> str:
    raw = read_bytes(path)
    assert raw is not None
    return decode_text(path, raw)


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 text as written (newlines kept: the TOML parser and key_lines count "\\n" only)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StoreError(
            problems=[
                Problem(
                    path,
                    line,
                    "file",
                    f"not UTF-8 text (byte {raw[exc.start]:#04x}); save it as UTF-8",
                )
            ]
        ) from None


def load_model(path: Path, model: type[ModelT], key: str | None = None) -> ModelT | list[ModelT]:
    """Validate a TOML file as one model, or as the list of models under `key`."""
    from pydantic import TypeAdapter, ValidationError

    text = read_text(path)  # read once: the data and the lines it reports come from one version
    data = parse_toml(path, text)
    try:
        if key is None:
            return model.model_validate(data)
        unknown = sorted(set(data) - {key})
        if unknown:
            lines = key_lines(text)
            raise StoreError(
                problems=[
                    Problem(
                        path,
                        lines.get((name,), lines.get((name, 0), 1)),
                        name,
                        f"unknown key (this file holds only [[{key}]] tables)",
                    )
                    for name in unknown
                ]
            )
        items = TypeAdapter(list[model]).validate_python(data.get(key, []))  # type: ignore[valid-type]
        return items
    except ValidationError as exc:
        raise StoreError(
            problems=validation_problems(path, text, exc, base=(key,) if key else ())
        ) from None


def problems_in(path: Path, exc: Exception) -> list[Problem]:
    """A pydantic error about a record read from `path`, as Problems at their lines."""
    return validation_problems(path, read_text(path), exc)
