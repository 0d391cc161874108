"""The sponsor's pack's attendance, meetings held against the cadence, and early warning: the
sets whose attendance, action completion or questioning is falling."""

from __future__ import annotations

from collections.abc import Sequence

from actionset.export import pack_charts as charts
from actionset.export.pack_page import bullets, chart, html_table, paragraph
from actionset.export.pack_scope import GAPS, Scope, source
from actionset.model.dates import long_date
from actionset.model.history import percent
from actionset.model.pack import WARNING_MEETINGS, falling


def attendance_section(scope: Scope) -> list[str]:
    p = scope.p
    rows = [
        [
            label,
            str(h.cadence_weeks),
            str(h.cadence.held),
            str(h.cadence.on_time),
            str(h.cadence.late),
            str(h.cadence.missed),
            scope.of_set(i, percent(h.attendance_rate)),
        ]
        for i, (h, label) in enumerate(zip(p.sets, scope.labels, strict=True))
    ]
    out = [
        '<section id="attendance">',
        "<h2>Attendance and meetings held against the cadence</h2>",
        paragraph("Did the sets meet as planned, and did the members come?", "question"),
        html_table(
            ["set", "every (weeks)", "held", "on time", "late", "missed", "attendance"],
            rows,
            (1, 2, 3, 4, 5, 6),
            GAPS,
        ),
        paragraph(source(scope, "source: the meetings' files (meetings/*.toml)"), "source"),
    ]
    series = [
        (label, [share_of(f.present, f.expected) for f in h.meetings])
        for i, (h, label) in enumerate(zip(p.sets, scope.labels, strict=True))
        if not scope.readers[i].too_few([m.name for m in h.members])
    ]
    if series:
        out.append(
            chart(charts.percent_lines("pack-attendance", "Attendance, meeting by meeting", series))
        )
    out.append(
        chart(
            charts.count_bars(
                "pack-cadence",
                "Meetings against the cadence, after each set's first",
                ["held on time", "held late", "missed"],
                [
                    (label, [h.cadence.on_time, h.cadence.late, h.cadence.missed])
                    for label, h in zip(scope.labels, p.sets, strict=True)
                ],
            )
        )
    )
    return [*out, "</section>"]


def share_of(present: Sequence[str], expected: int) -> float | None:
    return len(present) / expected if expected else None


def warnings_section(scope: Scope) -> list[str]:
    lines = []
    for i, (h, label) in enumerate(zip(scope.p.sets, scope.labels, strict=True)):
        if scope.readers[i].too_few([m.name for m in h.members]):
            continue
        for f in falling(h):
            lines.append(
                f"{label}: {f.figure} {percent(f.before)} → {percent(f.after)} "
                f"({f.points:+d} pts) over the meetings since {long_date(f.since)}"
            )
    young = [
        label
        for h, label in zip(scope.p.sets, scope.labels, strict=True)
        if len(h.meetings) < WARNING_MEETINGS
    ]
    out = [
        '<section id="warnings">',
        "<h2>Early warning</h2>",
        paragraph(
            "Which sets' attendance, action completion or questioning is falling?", "question"
        ),
    ]
    out.append(
        bullets(lines, "warnings")
        if lines
        else paragraph("No set's attendance, action completion or questioning is falling.")
    )
    if young:
        met = f"fewer than {WARNING_MEETINGS} meetings"
        out.append(paragraph(f"Not yet watched ({met}): {', '.join(young)}.", "source"))
    return [*out, "</section>"]
