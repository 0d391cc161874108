"""The contributions of one meeting or many as CSV: the one writer, for `report --format csv`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from actionset.model.codebook import code_name
from actionset.model.contributions import Contribution, moment_of
from actionset.model.set import Code

CSV_HEADER = ("date", "time", "phase", "presenter", "member", "kind", "note")
_NO_TIME = dt.datetime.min.replace(tzinfo=dt.UTC)


def contributions_csv(
    meetings: Iterable[tuple[dt.date, Iterable[Contribution]]], codebook: Sequence[Code]
) -> str:
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
        (date, moment_of(item.at), order, item)
        for date, contributions in meetings
        for order, item in enumerate(contributions)
    ]
    rows.sort(key=lambda row: (row[0], (row[1] is not None, row[1] or _NO_TIME), row[2]))
    for date, moment, _, item in rows:
        writer.writerow(
            (
                date.isoformat(),
                moment.strftime("%H:%M:%S") if moment else "",
                item.phase,
                item.presenter,
                item.member,
                code_name(codebook, item.code),
                item.note,
            )
        )
    return out.getvalue()
