"""When a set meets next: one rule for `list`, the home screen, the set screen and `calendar`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from actionset.model.dates import weeks_after

DEFAULT_HOURS = 3.0  # how long a meeting lasts when the set does not say
DEFAULT_TIME = "09:30"  # when a meeting starts when neither it nor the set says


def booked_minutes(usual_hours: float | None) -> int:
    """The minutes a meeting is booked for: `hours` in set.toml, or the default."""
    return round((usual_hours or DEFAULT_HOURS) * 60)


class Rhythm(Protocol):
    """What the rule reads of a set: a `Set`, or the light record `list` reads (`SetGlance`)."""

    @property
    def facilitator(self) -> str: ...
    @property
    def cadence_weeks(self) -> int: ...
    @property
    def usual_time(self) -> str: ...
    @property
    def usual_place(self) -> str: ...
    @property
    def first_date(self) -> dt.date | None: ...


class Named(Protocol):
    @property
    def name(self) -> str: ...


class SetRhythm(Rhythm, Protocol):
    """What the calendar reads of a set besides its rhythm (`Set`, or `SetGlance`)."""

    @property
    def name(self) -> str: ...
    @property
    def usual_hours(self) -> float | None: ...
    @property
    def current_members(self) -> Sequence[Named]: ...


class Confirmed(Protocol):
    """The next meeting as confirmed at a meeting's close (`NextMeeting`)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def time(self) -> str: ...
    @property
    def place(self) -> str: ...
    @property
    def facilitator(self) -> str: ...


class Held(Protocol):
    """What the rule reads of the latest meeting: its date and the next date it confirmed."""

    @property
    def date(self) -> dt.date: ...
    @property
    def next_meeting(self) -> Confirmed | None: ...


class NextDate(NamedTuple):
    """The set's next meeting: its date, and the time, place and facilitator where known."""

    date: dt.date
    time: str = ""
    place: str = ""
    facilitator: str = ""
    confirmed: bool = False  # confirmed at the latest meeting's close

    def overdue(self, today: dt.date) -> bool:
        """The date has passed and the meeting has not been held: it stays the next one."""
        return self.date < today

    def label(self, today: dt.date) -> str:
        """`2026-11-02`, or `2026-11-02 (overdue)` once it has passed."""
        return self.date.isoformat() + (" (overdue)" if self.overdue(today) else "")


def cadence_after(the_set: Rhythm, date: dt.date) -> dt.date | None:
    """The date one cadence after `date`; None past the last date there is."""
    return weeks_after(date, the_set.cadence_weeks)


def next_meeting(
    the_set: Rhythm, dates: Sequence[dt.date], latest: Held | None = None
) -> NextDate | None:
    """The set's next meeting, in this order: the date confirmed at its latest meeting's close;
    else the set's first date, for a set that has not met; else the latest meeting's date plus
    the cadence. None for a set that has not met and has no first date.

    `dates` are the set's meeting dates, oldest first; `latest` is the meeting of the last of
    them, when it has a file. The date may be past: the meeting is then overdue, and stays the
    next one until it is held.
    """
    facilitator = the_set.facilitator
    time, place = the_set.usual_time, the_set.usual_place
    if not dates:
        if the_set.first_date is None:
            return None
        return NextDate(the_set.first_date, time, place, facilitator)
    confirmed = latest.next_meeting if latest is not None and latest.date == dates[-1] else None
    if confirmed is not None and confirmed.date > dates[-1]:
        return NextDate(
            confirmed.date,
            time=confirmed.time or the_set.usual_time,
            place=confirmed.place or the_set.usual_place,
            facilitator=confirmed.facilitator or facilitator,
            confirmed=True,
        )
    following = cadence_after(the_set, dates[-1])
    return None if following is None else NextDate(following, time, place, facilitator)


def meetings_ahead(first: NextDate | None, the_set: Rhythm, count: int) -> list[NextDate]:
    """`count` meetings: the next one (`first`, overdue or not), then one every cadence after it
    at the set's usual time and place. Fewer near the end of the year 9999, the last there is."""
    if first is None:
        return []
    ahead = [first]
    date = cadence_after(the_set, first.date)
    while date is not None and len(ahead) < count:
        ahead.append(NextDate(date, the_set.usual_time, the_set.usual_place, the_set.facilitator))
        date = cadence_after(the_set, date)
    return ahead
