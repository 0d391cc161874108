"""When a set meets next: one rule for `list`, the home screen and `calendar`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionset.model.dates import weeks_after
from actionset.model.set import Set


def next_meeting(the_set: Set, dates: Sequence[dt.date]) -> dt.date | None:
    """The latest meeting's date plus the set's cadence; None before the first meeting.

    `dates` are the set's meeting dates, oldest first. The date may be past: the meeting is
    then overdue, and stays the next one until it is held.
    """
    return weeks_after(dates[-1], the_set.cadence_weeks) if dates else None


def meetings_ahead(
    the_set: Set, dates: Sequence[dt.date], today: dt.date, count: int
) -> list[dt.date]:
    """`count` meeting dates at the set's cadence, none of them before today.

    The series is the one `next_meeting` starts; when that date has passed, its first date
    not before today comes first. Before the first meeting the series starts one cadence
    from today. Fewer near the end of the year 9999, the last there is.
    """
    weeks = the_set.cadence_weeks
    date = next_meeting(the_set, dates) if dates else weeks_after(today, weeks)
    while date is not None and date < today:
        date = weeks_after(date, weeks)
    ahead: list[dt.date] = []
    while date is not None and len(ahead) < count:
        ahead.append(date)
        date = weeks_after(date, weeks)
    return ahead
