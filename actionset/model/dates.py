"""How a date is written for people: `21 November 2026`, the same on every system."""

from __future__ import annotations

import datetime as dt


def weeks_after(date: dt.date, weeks: int) -> dt.date | None:
    """The date `weeks` weeks after `date`; None past 31 December 9999, the last date there is."""
    try:
        return date + dt.timedelta(weeks=weeks)
    except OverflowError:
        return None


def long_date(date: dt.date, *, weekday: bool = False) -> str:
    """`21 November 2026` (`Saturday 21 November 2026` with the weekday).

    The day is written from the number, not with strftime's `%-d`, which only glibc and the BSDs
    know: Windows rejects it.
    """
    text = f"{date.day} {date:%B %Y}"
    return f"{date:%A} {text}" if weekday else text


def moment_words(moment: dt.datetime, today: dt.date) -> str:
    """A moment as a facilitator says it: `15:42 today`, `15:42 yesterday`, else
    `15:42 on 21 November 2026`; in the laptop's own time."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    day = local.date()
    if day == today:
        return f"{local:%H:%M} today"
    if day == today - dt.timedelta(days=1):
        return f"{local:%H:%M} yesterday"
    return f"{local:%H:%M} on {long_date(day)}"


def check_hh_mm(value: str, field: str) -> str:
    """A time of day written HH:MM (`09:30`), or empty for none; raises ValueError otherwise."""
    if value:
        hours, _, minutes = value.partition(":")
        if not (
            hours.isdigit()
            and minutes.isdigit()
            and int(hours) < 24
            and int(minutes) < 60
            and len(minutes) == 2
        ):
            raise ValueError(f"{field} must be HH:MM, e.g. 09:30")
    return value
