"""Reading and writing one file: the atomic write, TOML written and read, models validated."""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
import tomllib
from contextlib import suppress
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from actionset.store.locate import Problem, StoreError, key_lines, validation_problems

if TYPE_CHECKING:
    from pydantic import BaseModel

    ModelT = TypeVar("ModelT", bound=BaseModel)


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
    return parse_toml(path, read_text(path))


def parse_toml(path: Path, text: str) -> dict[str, Any]:
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


def read_text(path: Path) -> str:
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



def problems_in(path: Path, exc: Exception) -> list[Problem]:
    """A pydantic error about a record read from `path`, as Problems at their lines."""
    return validation_problems(path, read_text(path), exc)

