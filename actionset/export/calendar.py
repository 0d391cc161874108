"""The set's next meetings as an iCalendar file (RFC 5545), for `actionset calendar`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from actionset import __version__
from actionset.model.schedule import meetings_ahead
from actionset.model.set import Set

CALENDAR_COUNT = 6
DEFAULT_TIME = "09:30"
MEETING_HOURS = 3


def _ical_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545)."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


def calendar_text(
    the_set: Set,
    slug: str,
    dates: Sequence[dt.date],
    today: dt.date,
    now: dt.datetime | None = None,
) -> str:
    """An iCalendar of the set's next meetings; each meeting's UID stays the same on re-import."""
    now = now or dt.datetime.now(dt.UTC)
    hours, _, minutes = (the_set.usual_time or DEFAULT_TIME).partition(":")
    start_time = dt.time(int(hours), int(minutes))
    members = ", ".join(m.name for m in the_set.current_members)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//actionset//actionset {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ical_text(the_set.name)}",
    ]
    for date in meetings_ahead(the_set, dates, today, CALENDAR_COUNT):
        start = dt.datetime.combine(date, start_time)
        end = start + dt.timedelta(hours=MEETING_HOURS)
        description = f"Action learning set meeting. Members: {members}."
        if the_set.facilitator:
            description += f" Facilitator: {the_set.facilitator}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:{slug}-{date.isoformat()}@actionset",
            f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%S}",
            f"DTEND:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{_ical_text(the_set.name)}",
            f"DESCRIPTION:{_ical_text(description)}",
        ]
        if the_set.usual_place:
            lines.append(f"LOCATION:{_ical_text(the_set.usual_place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
