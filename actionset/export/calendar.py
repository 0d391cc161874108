"""The set's next meetings as an iCalendar file (RFC 5545), for `actionset calendar`."""

from __future__ import annotations

import datetime as dt

from actionset import __version__
from actionset.model.schedule import (
    DEFAULT_HOURS,
    DEFAULT_TIME,
    NextDate,
    SetRhythm,
    meetings_ahead,
)
from actionset.safe_text import LINES, safe

CALENDAR_COUNT = 4


def _ical_text(value: str) -> str:
    """A TEXT value (RFC 5545), which may hold no control but a tab and a newline (written
    `\\n`): any other is shown escaped (`safe`)."""
    value = safe(value, LINES)
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
    the_set: SetRhythm,
    slug: str,
    following: NextDate | None,
    count: int = CALENDAR_COUNT,
    now: dt.datetime | None = None,
    *,
    in_turn: bool = False,
) -> str:
    """An iCalendar of the set's next meeting (`following`, overdue or not) and the `count - 1`
    after it at the set's cadence; each meeting's UID stays the same on re-import. No next
    meeting (past the year 9999): a calendar with no events. With `in_turn` (a set whose
    members facilitate in turn), the meetings after the next say "Facilitator: in turn"."""
    now = now or dt.datetime.now(dt.UTC)
    length = dt.timedelta(hours=the_set.usual_hours or DEFAULT_HOURS)
    members = ", ".join(m.name for m in the_set.current_members)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//actionset//actionset {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ical_text(the_set.name)}",
    ]
    for number, meeting in enumerate(meetings_ahead(following, the_set, count)):
        hours, _, minutes = (meeting.time or DEFAULT_TIME).partition(":")
        start = dt.datetime.combine(meeting.date, dt.time(int(hours), int(minutes)))
        end = start + length
        description = f"Action learning set meeting. Members: {members}."
        if in_turn and number:
            description += " Facilitator: in turn."
        elif meeting.facilitator:
            description += f" Facilitator: {meeting.facilitator}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:{slug}-{meeting.date.isoformat()}@actionset",
            f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%S}",
            f"DTEND:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{_ical_text(the_set.name)}",
            f"DESCRIPTION:{_ical_text(description)}",
        ]
        if meeting.place:
            lines.append(f"LOCATION:{_ical_text(meeting.place)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
