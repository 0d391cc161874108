"""A set's record for its history, read through the store: each journal once, and each
meeting that has not changed since a report last read it taken from the set's cache."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from actionset.model.history import SetRecord
from actionset.model.meeting_record import (
    MeetingRecord,
    meeting_record,
    record_data,
    record_from_data,
)
from actionset.safe_text import safe

if TYPE_CHECKING:
    from actionset.store import JournalRead, SetStore


def read_events(store: SetStore, date: dt.date, *, warn: bool) -> list[dict[str, Any]]:
    """A meeting's journal events (its tags and its coach prompts), read once; with `warn`,
    what had to be left out goes to stderr."""
    return _read_journal(store, date, warn=warn).events


def _read_journal(store: SetStore, date: dt.date, *, warn: bool) -> JournalRead:
    journal = store.read_journal(date)
    if warn:
        for note in [*journal.warnings, *(str(p) for p in journal.problems)]:
            print(safe(f"actionset: warning: {note}"), file=sys.stderr)
    return journal


def read_set_record(store: SetStore, *, warn: bool = True, cache: bool = True) -> SetRecord:
    """Everything a set's history is computed from, read through the store (each journal
    once: its tags, and the coach prompts it logged).

    With `cache`, a meeting whose file and journal have not changed since a report last read
    them is taken from the set's cache instead (`actionset.store.HistoryCache`), and what was
    read again is kept there, unless something read was damaged: then nothing is written."""
    kept = store.history_cache.load() if cache else {}
    fresh: dict[str, tuple[str, object]] = {}
    damaged = False
    meetings = []
    for date in store.meeting_dates():
        key = date.isoformat()
        stamp = store.meeting_stamp(date) if cache else None
        # The stamp is taken before the files are read: a change made while they are read
        # leaves the entry out of date, never the files' new state under their old stamp.
        record = _kept_record(date, stamp, kept.get(key))
        if record is not None:
            fresh[key] = kept[key]
        else:
            meeting = store.load_meeting(date)
            journal = _read_journal(store, date, warn=warn)
            damaged = damaged or bool(journal.warnings or journal.problems)
            record = meeting_record(date, meeting, journal.events)
            if stamp is not None:
                fresh[key] = (stamp, record_data(record))
        meetings.append(record)
    the_record = SetRecord(
        the_set=store.load_set(),
        meetings=meetings,
        issues=store.load_issues(),
        actions=store.load_actions(),
        slug=store.slug,
    )
    if cache and not damaged and fresh != kept:
        store.history_cache.save(fresh)
    return the_record


def _kept_record(
    date: dt.date, stamp: str | None, entry: tuple[str, object] | None
) -> MeetingRecord | None:
    """The cache's record of the meeting, if its files still have the stamp it was kept under."""
    if stamp is None or entry is None or entry[0] != stamp:
        return None
    try:
        return record_from_data(date, entry[1])
    except ValueError:
        return None
