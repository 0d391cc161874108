"""One line about each set: members, last and next meeting, open actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actionset import store as disk
from actionset.model.schedule import NextDate, next_meeting


@dataclass(frozen=True)
class SetOverview:
    slug: str
    name: str
    members: int
    last_meeting: dt.date | None
    next_meeting: NextDate | None
    open_actions: int
    problem: str = ""  # the first line of `error`, for a line on the home screen
    error: str = ""  # a damaged file's whole report (path:line: field: message, one a line)


def overview(set_store: disk.SetStore) -> SetOverview:
    """What the home screen and `actionset list` show of a set; a damaged file is named."""
    try:
        the_set = set_store.load_set()
    except disk.StoreError as exc:
        return SetOverview(
            set_store.slug, set_store.slug, 0, None, None, 0, str(exc).splitlines()[0], str(exc)
        )
    problem = error = ""
    try:
        open_actions = sum(1 for a in set_store.load_actions() if a.is_open)
    except disk.StoreError as exc:
        open_actions, problem, error = 0, str(exc).splitlines()[0], str(exc)
    dates = set_store.meeting_dates()
    try:
        latest = set_store.load_meeting(dates[-1]) if dates else None
    except disk.StoreError as exc:
        latest = None
        problem = problem or str(exc).splitlines()[0]
        error = error or str(exc)
    return SetOverview(
        set_store.slug,
        the_set.name,
        len(the_set.current_members),
        dates[-1] if dates else None,
        next_meeting(the_set, dates, latest),
        open_actions,
        problem,
        error,
    )
