"""The sponsor's pack by Kirkpatrick's levels and Phillips' fifth: the figures the programme's
histories do not already give (statements' share, time to complete an action, the sets whose
attendance, action completion or questioning is falling), each with a line on how it is
computed. The rest comes from `history`, `programme` and `value`, computed there once.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actionset.model.action_status import Progress
from actionset.model.history import GROWTH_SPAN, History, MeetingFigures, pooled, share

if TYPE_CHECKING:
    from actionset.model.action import Action

NOT_COLLECTED = "not collected"
"""What the pack says of a figure nothing in the files gives, so that the gap stays visible."""
NONE_REPORTED = "none reported yet"
"""What the pack says of the outcomes while no report-back gave one: a true count, not a gap
(the app collects outcomes; none was given)."""
WARNING_POINTS = 10
"""A figure over a set's last three meetings this many points below the three before falls."""
WARNING_MEETINGS = GROWTH_SPAN + 1
"""A set is watched once it has met this often: its last three and at least one before."""

HOW: dict[str, str] = {
    "statements share": "contributions tagged as statements and other remarks not asked for "
    "(counted as other) ÷ all contributions tagged, pooled over each set's first "
    f"{GROWTH_SPAN} meetings against its last {GROWTH_SPAN}",
    "time to complete": "days from the meeting an action was agreed at to the first "
    "report-back that said it was done; the median over the actions done",
    "issues resolved": "issues whose latest status in issues.toml is resolved ÷ issues raised",
    "falling": f"a set's attendance, action completion (actions reported done ÷ reported on) "
    f"or question share over its last {GROWTH_SPAN} meetings at least {WARNING_POINTS} "
    f"points below the (up to) {GROWTH_SPAN} before them; sets that have met "
    f"{WARNING_MEETINGS} times or more",
}


# ---------------------------------------------------------------------------- L2: statements


def statements_share(sets: Iterable[History]) -> tuple[float | None, float | None]:
    """The share of statements (counted as other) over each set's first meetings and its
    last, pooled over the sets that have met twice or more."""
    grown = [h for h in sets if len(h.meetings) >= 2]
    first = [f.totals for h in grown for f in h.meetings[:GROWTH_SPAN]]
    last = [f.totals for h in grown for f in h.meetings[-GROWTH_SPAN:]]
    return (
        share(sum(t.other for t in first), sum(t.total for t in first)),
        share(sum(t.other for t in last), sum(t.total for t in last)),
    )


# ---------------------------------------------------------------------------- L3: behaviour


def days_to_complete(actions: Iterable[Action]) -> list[int]:
    """For each action reported done, the days from its agreement to that report-back."""
    days = []
    for action in actions:
        done = next((u for u in action.updates if u.progress is Progress.done), None)
        if done is not None:
            days.append((done.meeting - action.agreed_at).days)
    return days


def median_days(days: Sequence[int]) -> float | None:
    return statistics.median(days) if days else None


# ---------------------------------------------------------------------------- early warning


@dataclass(frozen=True)
class Falling:
    """A figure of one set falling: over the meetings `before` against its last ones."""

    set_name: str
    slug: str
    figure: str
    """"attendance", "action completion" or "question share"."""
    before: float
    after: float
    since: dt.date
    """The first of the last meetings."""

    @property
    def points(self) -> int:
        """The change in whole percentage points (negative: falling)."""
        return round(self.after * 100) - round(self.before * 100)


def _attendance(meetings: Sequence[MeetingFigures]) -> float | None:
    return share(sum(len(f.present) for f in meetings), sum(f.expected for f in meetings))


def _completion(meetings: Sequence[MeetingFigures]) -> float | None:
    return share(
        sum(f.actions_completed for f in meetings), sum(f.actions_reported for f in meetings)
    )


def _questioning(meetings: Sequence[MeetingFigures]) -> float | None:
    return pooled([f.totals for f in meetings])[0]


WATCHED = (
    ("attendance", _attendance),
    ("action completion", _completion),
    ("question share", _questioning),
)


def falling(h: History) -> list[Falling]:
    """The set's figures that fall (see `HOW["falling"]`), in the order watched."""
    if len(h.meetings) < WARNING_MEETINGS:
        return []
    last = h.meetings[-GROWTH_SPAN:]
    before = h.meetings[-2 * GROWTH_SPAN : -GROWTH_SPAN]
    found = []
    for name, rule in WATCHED:
        then, now = rule(before), rule(last)
        if then is None or now is None:
            continue
        warning = Falling(h.name, h.slug, name, then, now, last[0].date)
        if warning.points <= -WARNING_POINTS:
            found.append(warning)
    return found
