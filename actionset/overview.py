"""One line about each set: members, last and next meeting, open actions."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from actionset import store as disk
from actionset.model.glance import Doubt, open_count
from actionset.model.schedule import Held, NextDate, SetRhythm, next_meeting

NEEDS_CHECK = "(a file to mend or a conflict to choose: run `actionset check`)"
"""Said of a set whose files do not read as a set, in place of its line."""


class SetOverview(NamedTuple):
    slug: str
    name: str
    members: int
    last_meeting: dt.date | None
    next_meeting: NextDate | None
    open_actions: int
    problem: str = ""  # the first line of `error`, for a line on the home screen
    error: str = ""  # a damaged file's whole report (path:line: field: message, one a line)


def overview(set_store: disk.SetStore, today: dt.date) -> SetOverview:
    """What the home screen and `actionset list` show of a set on `today`; a damaged file is
    named. A meeting dated after `today` (planned on another laptop) has not met: it is the
    next meeting, never the last one met.

    The files are read at a glance, without the models; only a set whose files the glance
    cannot vouch for is read through them, to name what is wrong.
    """
    try:
        return _at_a_glance(set_store, today)
    except (Doubt, disk.StoreError):
        return _read_through_the_models(set_store, today)


def _met(set_store: disk.SetStore, today: dt.date) -> tuple[list[dt.date], dt.date | None]:
    """The dates of the meetings up to `today`, oldest first, and the first one after it."""
    dates = set_store.meeting_dates()
    met = [d for d in dates if d <= today]
    return met, dates[len(met)] if len(met) < len(dates) else None


def _at_a_glance(set_store: disk.SetStore, today: dt.date) -> SetOverview:
    the_set = set_store.glance_set()
    open_actions = open_count(set_store.glance_actions())
    dates, later = _met(set_store, today)
    latest = set_store.glance_meeting(dates[-1]) if dates else None
    return _overview(set_store.slug, the_set, (dates, later), latest, open_actions)


def _read_through_the_models(set_store: disk.SetStore, today: dt.date) -> SetOverview:
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
    dates, later = _met(set_store, today)
    try:
        latest = set_store.load_meeting(dates[-1]) if dates else None
    except disk.StoreError as exc:
        latest = None
        problem = problem or str(exc).splitlines()[0]
        error = error or str(exc)
    return _overview(set_store.slug, the_set, (dates, later), latest, open_actions, problem, error)


def _overview(
    slug: str,
    the_set: SetRhythm,
    met: tuple[list[dt.date], dt.date | None],
    latest: Held | None,
    open_actions: int,
    problem: str = "",
    error: str = "",
) -> SetOverview:
    """The line of a set, however its files were read: `met` is the dates met and the first
    meeting planned after today, which is then the next one."""
    dates, later = met
    last = dates[-1] if dates else None
    if later is not None:
        time, place = the_set.usual_time, the_set.usual_place
        upcoming: NextDate | None = NextDate(later, time, place, the_set.facilitator)
    else:
        upcoming = next_meeting(the_set, dates, latest)
    members = len(the_set.current_members)
    return SetOverview(slug, the_set.name, members, last, upcoming, open_actions, problem, error)
