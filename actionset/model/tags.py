"""The contributions CSV, and the names this module had before it was split.

`actionset.model.contributions` (the journal replayed, slots, the tagger),
`actionset.model.codebook` and `actionset.model.stats` hold the rules; import from them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from actionset.model.codebook import (
    DEFAULT_CODEBOOK,
    code_for_key,
    code_name,
    codebook_for,
    counts_as,
)
from actionset.model.contributions import (
    Contribution,
    Tagger,
    apply,
    moment_of,
    replay,
    resolve_presenters,
    slot,
    slot_at,
    slot_presenters,
    slots,
)
from actionset.model.set import Code
from actionset.model.stats import (
    ProcessReview,
    ReviewRow,
    Tally,
    Timeline,
    counts_text,
    not_yet_asked,
    per_minute,
    phase_mix,
    process_review,
    ratio_text,
    running_counts,
    tally,
    tally_by_member,
)

_moment = moment_of
_code_name = code_name
_counts_as = counts_as

__all__ = [
    "DEFAULT_CODEBOOK",
    "Contribution",
    "ProcessReview",
    "ReviewRow",
    "Tagger",
    "Tally",
    "Timeline",
    "apply",
    "code_for_key",
    "codebook_for",
    "contributions_csv",
    "counts_text",
    "not_yet_asked",
    "per_minute",
    "phase_mix",
    "process_review",
    "ratio_text",
    "replay",
    "resolve_presenters",
    "running_counts",
    "slot",
    "slot_at",
    "slot_presenters",
    "slots",
    "tally",
    "tally_by_member",
]


CSV_HEADER = ("date", "time", "phase", "presenter", "member", "kind", "note")


def contributions_csv(meetings: Iterable[tuple[dt.date, Iterable[Contribution]]],
                      codebook: Sequence[Code]) -> str:
    """The standing contributions of one meeting or many as CSV, one per row, with the header
    `date,time,phase,presenter,member,kind,note`.

    Rows go in date, then time order. `date` is the meeting's (YYYY-MM-DD); `time` is the
    wall-clock time in the meeting's own zone (as written in `at`), HH:MM:SS; `presenter` is
    the slot's presenter (resolve it first: `replay(events, agenda)`), empty outside every
    slot; `kind` is the code's name, even for a journal written with keys. Lines end with
    "\\n".
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    rows: list[tuple[dt.date, dt.datetime | None, int, Contribution]] = [
        (date, _moment(item.at), order, item)
        for date, contributions in meetings
        for order, item in enumerate(contributions)]
    rows.sort(key=lambda row: (row[0], (row[1] is not None, row[1] or _NO_TIME), row[2]))
    for date, moment, _, item in rows:
        writer.writerow((date.isoformat(), moment.strftime("%H:%M:%S") if moment else "",
                         item.phase, item.presenter, item.member,
                         _code_name(codebook, item.code), item.note))
    return out.getvalue()


_NO_TIME = dt.datetime.min.replace(tzinfo=dt.UTC)
