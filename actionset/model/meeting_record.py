"""One meeting as a set's history needs it: its roll, its presenters, who said what and the
coach's prompts, in plain values that the store can keep between reports.

Reading a meeting's file and replaying its journal is most of what a long history costs; what
they give is small (a few names, a count per member and code), so a report keeps it per
meeting (`actionset.store.HistoryCache`) and reads again only the meetings whose files changed.
`record_data` and `record_from_data` turn a record into JSON values and back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from actionset.model.stats import Said, said_counts

if TYPE_CHECKING:
    from actionset.model.meeting import Meeting


@dataclass(frozen=True)
class Roll:
    """The attendance a meeting's file lists, in its order."""

    present: tuple[str, ...] = ()
    apologies: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingRecord:
    """What a set's history needs of one meeting's file and tag journal."""

    date: dt.date
    roll: Roll | None = None
    """None when attendance was not taken, or the meeting has no file (only tags)."""
    presenters: tuple[str, ...] = ()
    """Who presented (`actionset.model.record.presenters_of`)."""
    said: tuple[Said, ...] = ()
    """The contributions standing, counted per member and code (`stats.said_counts`)."""
    prompts: tuple[str, ...] = ()
    """The kinds of the coach prompts shown at the meeting (`actionset.model.coach`)."""
    facilitator: str = ""
    """Who the meeting's file names as its facilitator; empty: the set's
    (`actionset.model.record.facilitator_of`)."""
    begun: bool = True
    """The meeting began: its clock started, a tag was made, its roll was taken, or it closed
    (`began`). A console opened and left without any of them began nothing."""


def began(meeting: Meeting | None, said: tuple[Said, ...]) -> bool:
    """Whether a meeting began: its clock started, its roll was taken or it closed (by its
    file), or a tag stands (by its journal)."""
    if said:
        return True
    if meeting is None:
        return False
    return meeting.clock.started_at is not None or meeting.attendance.taken or meeting.closed


def held(record: MeetingRecord, today: dt.date) -> bool:
    """The one rule of a meeting held, for every report and figure: one that began, on or
    before `today` (a meeting dated after it, planned on another laptop, is not held yet).
    A meeting that began and is still open counts as held: it is in progress."""
    return record.begun and record.date <= today


def meeting_record(
    date: dt.date, meeting: Meeting | None, events: Iterable[dict[str, Any]]
) -> MeetingRecord:
    """The record of the meeting of `date` from its file (None without one) and its journal's
    events (its tags and its coach prompts)."""
    from actionset.model.coach_log import prompts_logged
    from actionset.model.contributions import replay
    from actionset.model.record import presenters_of

    events = list(events)
    said = tuple(said_counts(replay(events)))
    roll = None
    if meeting is not None and meeting.attendance.taken:
        a = meeting.attendance
        roll = Roll(tuple(a.present), tuple(a.apologies), tuple(a.absent))
    return MeetingRecord(
        date=date,
        roll=roll,
        presenters=tuple(presenters_of(meeting)) if meeting is not None else (),
        # Who said what does not depend on the agenda (it only names each slot's presenter).
        said=said,
        prompts=tuple(p.prompt.kind.value for p in prompts_logged(events)),
        facilitator=meeting.facilitator if meeting is not None else "",
        begun=began(meeting, said),
    )


# ---------------------------------------------------------------------------- as JSON values


def record_data(record: MeetingRecord) -> dict[str, Any]:
    """The record as JSON values (its date is the cache's key, so it is left out)."""
    roll = record.roll
    return {
        "roll": None if roll is None else [list(names) for names in _lists(roll)],
        "presenters": list(record.presenters),
        "said": [list(said) for said in record.said],
        "prompts": list(record.prompts),
        "facilitator": record.facilitator,
        "begun": record.begun,
    }


def record_from_data(date: dt.date, data: object) -> MeetingRecord:
    """The record `record_data` gave; ValueError for anything else (a cache damaged or written
    by another version is read again from the files, never trusted)."""
    if not isinstance(data, dict) or set(data) != {
        "roll",
        "presenters",
        "said",
        "prompts",
        "facilitator",
        "begun",
    }:
        raise ValueError("not a meeting record")
    roll = data["roll"]
    if roll is not None:
        if not isinstance(roll, list) or len(roll) != 3:
            raise ValueError("roll")
        roll = Roll(*(_names(names) for names in roll))
    said = data["said"]
    if not isinstance(said, list):
        raise ValueError("said")
    counted: list[Said] = []
    for item in said:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], str)
            and isinstance(item[1], str)
            and type(item[2]) is int
            and item[2] > 0
        ):
            raise ValueError("said")
        counted.append((item[0], item[1], item[2]))
    return MeetingRecord(
        date=date,
        roll=roll,
        presenters=_names(data["presenters"]),
        said=tuple(counted),
        prompts=_names(data["prompts"]),
        facilitator=_text(data["facilitator"]),
        begun=_flag(data["begun"]),
    )


def _lists(roll: Roll) -> tuple[tuple[str, ...], ...]:
    return roll.present, roll.apologies, roll.absent


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not true or false")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not a list of text")
    return tuple(value)
