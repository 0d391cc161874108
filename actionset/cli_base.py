"""What every command of the command line is given, and how it refuses a bad argument."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from actionset.store import SetsFolder


class UsageError(Exception):
    """A bad argument: reported in one line, exit status 2."""


class Context(NamedTuple):
    """What every command is given besides its own arguments."""

    sets_dir: str | None
    today: dt.date

    def folder(self) -> SetsFolder:
        from actionset.store import SetsFolder, resolve_sets_dir

        return SetsFolder(resolve_sets_dir(self.sets_dir))


def date_argument(option: str, text: str) -> dt.date:
    """A date given on the command line as YYYY-MM-DD, or a usage error naming the option."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (use YYYY-MM-DD)") from None
