"""Where a problem is: `path:line: field: message`, and the line of a key in a TOML text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
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


def validation_problems(
    path: Path, text: str, exc: Exception, base: tuple[str | int, ...] = ()
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
        if error["type"] == "extra_forbidden" and loc[-1:] == ("conflict",):
            from actionset.merge.conflicts import conflict_problems  # a merge left it

            if (disputed := conflict_problems(path, text, lines, loc)) is not None:
                problems.extend(disputed)
                continue
        line = nearest_line(lines, loc)
        dotted = ".".join(str(part) for part in loc) or "file"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key (check its spelling)"
        problems.append(Problem(path, line, dotted, message))
    return problems


def line_of(path: Path, loc: tuple[str | int, ...]) -> int:
    """The line a key (by its pydantic-style path) is on, or of its nearest enclosing table."""
    if not path.is_file():
        return 1  # never read a FIFO or a device: it could wait for ever
    try:
        lines = key_lines(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return 1
    return nearest_line(lines, loc)
