"""A set at a glance: the few fields `list`, `actions` and `calendar` show, read from the TOML
data without pydantic, so that those commands answer at once.

Each reader checks every field it shows, and every key beside them, as strictly as the models
do; anything it cannot vouch for raises `Doubt`, and the caller then reads the file through the
full models, which name the damage at its line. The price of the shortcut: a file damaged in a
value these readers do not show (a member's roster number out of range, say) is listed as it
reads; `actionset check` still names it.

`tests/test_glance.py` holds these readers to the models: the same defaults, the same keys,
the same answers on the demo set.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from actionset.model.action_status import ActionStatus, Progress
from actionset.model.dates import check_hh_mm

DEFAULT_CADENCE_WEEKS = 6  # a set that does not say meets every six weeks
MAX_CADENCE_WEEKS = 52
MAX_USUAL_HOURS = 12  # a meeting is at most a day
ID_PATTERN = r"[a-z0-9][a-z0-9-]*"  # an action's, an issue's or a template's: `void-turnaround`

SET_KEYS = frozenset(
    {
        "name",
        "facilitator",
        "facilitators",
        "rotation",
        "cadence_weeks",
        "kind",
        "organisations",
        "agenda_template",
        "usual_time",
        "usual_place",
        "usual_hours",
        "first_date",
        "ground_rules",
        "summary",
        "share_names",
        "codebook_mode",
        "codebook",
        "members",
        "coach",
        "guidance",
        "scales",
    }
)
"""Every key set.toml may hold (`Set`'s fields): another is damage the models name."""

ACTION_KEYS = frozenset({"id", "owner", "text", "issue", "agreed_at", "due", "status", "updates"})
"""Every key an action in actions.toml may hold (`Action`'s fields)."""

NEXT_MEETING_KEYS = frozenset({"date", "time", "place", "facilitator"})


class Doubt(Exception):
    """The data is not plainly what the glance shows: read the file through the models."""


class MemberGlance(NamedTuple):
    name: str


class SetGlance(NamedTuple):
    """What `list` and `calendar` show of set.toml (and what the next-date rule reads)."""

    name: str
    facilitator: str
    cadence_weeks: int
    usual_time: str
    usual_place: str
    usual_hours: float | None
    first_date: dt.date | None
    current_members: tuple[MemberGlance, ...]
    """Members in roster order, without those who have retired (as `Set.current_members`)."""


class ConfirmedGlance(NamedTuple):
    date: dt.date
    time: str = ""
    place: str = ""
    facilitator: str = ""


class MeetingGlance(NamedTuple):
    """What the next-date rule reads of the latest meeting."""

    date: dt.date
    next_meeting: ConfirmedGlance | None


class ActionGlance(NamedTuple):
    """One line of `actions`."""

    owner: str
    text: str
    due: dt.date | None
    status: ActionStatus
    latest_progress: Progress | None = None  # what the latest report-back said

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.open


def _text(data: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value):
        raise Doubt(key)
    return value


def _date(data: Mapping[str, Any], key: str) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if type(value) is not dt.date:  # a datetime is a date too, and the models refuse it
        raise Doubt(key)
    return value


def _time(data: Mapping[str, Any], key: str) -> str:
    try:
        return check_hh_mm(_text(data, key), key)
    except ValueError:
        raise Doubt(key) from None


def glance_set(data: Mapping[str, Any]) -> SetGlance:
    """set.toml's name, rhythm and number of current members; `Doubt` when unsure."""
    if not SET_KEYS.issuperset(data):
        raise Doubt("unknown key")
    if "rotation" in data:  # who facilitates next is the rotation's rule, on the models
        raise Doubt("rotation")
    cadence = data.get("cadence_weeks", DEFAULT_CADENCE_WEEKS)
    if type(cadence) is not int or not 1 <= cadence <= MAX_CADENCE_WEEKS:
        raise Doubt("cadence_weeks")
    members = data.get("members", [])
    if not isinstance(members, list):
        raise Doubt("members")
    names: set[str] = set()
    current: list[MemberGlance] = []
    for member in members:
        if not isinstance(member, dict):
            raise Doubt("members")
        name = _text(member, "name", required=True)
        retired = member.get("retired", False)
        if name.casefold() in names or type(retired) is not bool:
            raise Doubt("members")
        names.add(name.casefold())
        if not retired:
            current.append(MemberGlance(name))
    hours = data.get("usual_hours")
    if hours is not None and (
        type(hours) not in (int, float) or not 0 < hours <= MAX_USUAL_HOURS
    ):  # nan fails the comparison: the models refuse it too
        raise Doubt("usual_hours")
    return SetGlance(
        name=_text(data, "name", required=True),
        facilitator=_text(data, "facilitator"),
        cadence_weeks=cadence,
        usual_time=_time(data, "usual_time"),
        usual_place=_text(data, "usual_place"),
        usual_hours=hours,
        first_date=_date(data, "first_date"),
        current_members=tuple(current),
    )


def glance_meeting(data: Mapping[str, Any], date: dt.date) -> MeetingGlance:
    """A meeting file's date (which must be its name's) and the next date it confirmed."""
    if _date(data, "date") != date:
        raise Doubt("date")
    following = data.get("next_meeting")
    if following is None:
        return MeetingGlance(date, None)
    if not isinstance(following, dict) or not NEXT_MEETING_KEYS.issuperset(following):
        raise Doubt("next_meeting")
    confirmed = _date(following, "date")
    if confirmed is None:
        raise Doubt("next_meeting.date")
    return MeetingGlance(
        date,
        ConfirmedGlance(
            confirmed,
            _time(following, "time"),
            _text(following, "place"),
            _text(following, "facilitator"),
        ),
    )


def glance_actions(data: Mapping[str, Any]) -> list[ActionGlance]:
    """actions.toml's actions, as `actions` lists them."""
    if not {"actions"}.issuperset(data):
        raise Doubt("unknown key")
    actions = data.get("actions", [])
    if not isinstance(actions, list):
        raise Doubt("actions")
    return [_action(action) for action in actions]


def _action(data: Any) -> ActionGlance:
    if not isinstance(data, dict):
        raise Doubt("actions")
    status = data.get("status", ActionStatus.open.value)
    if not ACTION_KEYS.issuperset(data):
        raise Doubt("unknown key")
    if not isinstance(status, str) or status not in {s.value for s in ActionStatus}:
        raise Doubt("status")
    due = _date(data, "due")
    agreed = _date(data, "agreed_at")
    if agreed is None or (due is not None and due < agreed):
        raise Doubt("due")
    if not re.fullmatch(ID_PATTERN, _text(data, "id", required=True)):
        raise Doubt("id")
    return ActionGlance(
        owner=_text(data, "owner", required=True),
        text=_text(data, "text", required=True),
        due=due,
        status=ActionStatus(status),
        latest_progress=_latest_progress(data.get("updates", [])),
    )


def _latest_progress(updates: Any) -> Progress | None:
    """What the latest of an action's report-backs said (the meeting's dates decide)."""
    if not isinstance(updates, list):
        raise Doubt("updates")
    said: list[tuple[dt.date, Progress]] = []
    for update in updates:
        if not isinstance(update, dict):
            raise Doubt("updates")
        meeting, progress = _date(update, "meeting"), update.get("progress")
        if meeting is None or progress not in {p.value for p in Progress}:
            raise Doubt("updates")
        said.append((meeting, Progress(progress)))
    return max(said, key=lambda pair: pair[0])[1] if said else None


def open_count(actions: Sequence[ActionGlance]) -> int:
    return sum(1 for action in actions if action.is_open)
