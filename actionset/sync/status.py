"""When a set last synced, in words for the home screen, from the set's own repository."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from actionset.sync.repository import has_repository, last_synced


def synced_words(folder: Path, today: dt.date) -> str:
    """ "synced today 14:02", "synced yesterday", "synced 2027-01-18", "not synced yet"; empty
    for a set that is not shared."""
    if not has_repository(folder):
        return ""
    when = last_synced(folder)
    if when is None:
        return "not synced yet"
    local = when.astimezone()
    if local.date() == today:
        return f"synced today {local:%H:%M}"
    if local.date() == today - dt.timedelta(days=1):
        return "synced yesterday"
    return f"synced {local.date().isoformat()}"
