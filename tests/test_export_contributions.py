"""The contributions CSV: one writer for `report --format csv`."""

from __future__ import annotations

import csv
import datetime as dt
import io

from actionset.export.contributions import contributions_csv
from actionset.model.codebook import DEFAULT_CODEBOOK
from actionset.model.contributions import Contribution, Tagger, replay

BOOK = DEFAULT_CODEBOOK


def said(
    minute: int,
    member: str,
    code: str,
    phase: str = "Probe",
    presenter: str = "Priya Shah",
    note: str = "",
    ident: int = 0,
) -> Contribution:
    at = f"2026-09-14T10:{minute:02d}:30+01:00"
    return Contribution(ident or minute, at, phase, presenter, member, code, note)


def test_csv_export() -> None:
    contributions = [
        said(0, "Tom Reyes", "open-question", "Clarify", note="What else, though?"),
        said(5, "Ana Lopes", "a", note='Said "just ask finance", then laughed'),
        Contribution(9, "2026-09-14T23:59:59-05:00", "Probe", "Priya Shah", "Jo Kim", "statement"),
    ]
    text = contributions_csv([(dt.date(2026, 9, 14), contributions)], BOOK)
    assert text.splitlines()[0] == "date,time,phase,presenter,member,kind,note"
    assert list(csv.reader(io.StringIO(text)))[1:] == [
        [
            "2026-09-14",
            "10:00:30",
            "Clarify",
            "Priya Shah",
            "Tom Reyes",
            "open-question",
            "What else, though?",
        ],
        [
            "2026-09-14",
            "10:05:30",
            "Probe",
            "Priya Shah",
            "Ana Lopes",
            "advice",
            'Said "just ask finance", then laughed',
        ],
        ["2026-09-14", "23:59:59", "Probe", "Priya Shah", "Jo Kim", "statement", ""],
    ]
    assert '"What else, though?"' in text


def test_csv_leaves_out_what_was_undone() -> None:
    tagger = Tagger(clock=lambda: dt.datetime(2026, 9, 14, 10, 0, tzinfo=dt.UTC))
    events = [
        tagger.tag(member=m, code="open-question", phase="Probe", presenter="Priya Shah")
        for m in ("Tom Reyes", "Ana Lopes")
    ]
    events.append(tagger.delete(1))
    assert contributions_csv([(dt.date(2026, 9, 14), replay(events))], BOOK).splitlines() == [
        "date,time,phase,presenter,member,kind,note",
        "2026-09-14,10:00:00,Probe,Priya Shah,Ana Lopes,open-question,",
    ]


def test_csv_of_many_meetings_goes_in_date_then_time_order() -> None:
    late = said(30, "Tom Reyes", "open-question", ident=1)
    early = said(10, "Ana Lopes", "a", ident=2)  # tagged later, happened earlier
    text = contributions_csv(
        [(dt.date(2026, 10, 26), [late]), (dt.date(2026, 9, 14), [late, early])], BOOK
    )
    assert [row[:2] + row[4:6] for row in csv.reader(io.StringIO(text))][1:] == [
        ["2026-09-14", "10:10:30", "Ana Lopes", "advice"],
        ["2026-09-14", "10:30:30", "Tom Reyes", "open-question"],
        ["2026-10-26", "10:30:30", "Tom Reyes", "open-question"],
    ]
