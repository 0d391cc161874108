"""A set's history and a programme's evaluation as plain text, Markdown or CSV.

The figures come from `actionset.model.history`; this module only lays them out. Tables are
built once as rows and written either aligned for a terminal or as Markdown pipes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from actionset.model.history import (
    HOW,
    Growth,
    History,
    percent,
    points,
)
from actionset.model.programme import Programme

# ---------------------------------------------------------------------------- tables


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> list[str]:
    """Rows under their headers: Markdown pipes, or columns aligned with two spaces between."""
    numeric = [
        all(_looks_numeric(row[i]) for row in rows) and bool(rows) for i in range(len(headers))
    ]
    if markdown:
        out = ["| " + " | ".join(headers) + " |"]
        out.append("|" + "|".join("--:" if n else "---" for n in numeric) + "|")
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        return out
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(w) if n else cell.ljust(w)
            for cell, w, n in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return [line(headers), line(["─" * w for w in widths]), *(line(row) for row in rows)]


def _looks_numeric(cell: str) -> bool:
    stripped = cell.replace("%", "").replace("/", "").replace(" pts", "").lstrip("+-")
    return cell == "–" or stripped.replace(".", "").isdigit()


def _heading(text: str, level: int, markdown: bool) -> list[str]:
    if markdown:
        return [f"{'#' * level} {text}", ""]
    rule = "═" if level == 1 else "─"
    return [text, rule * len(text), ""]


table, heading = _table, _heading
"""The layout of a table and a heading, for a section another module writes
(`actionset.export.voice`)."""


def _bullets(lines: Sequence[str], markdown: bool) -> list[str]:
    return [f"- {line}" if markdown else f"  {line}" for line in lines]


def values_text(values: dict[str, float]) -> str:
    """Values per unit in words: "£4,000, 12 hours"; "none given" for none."""
    from actionset.model.action import value_text

    if not values:
        return "none given"
    return ", ".join(value_text(whole(v), unit) for unit, v in values.items())


def whole(value: float) -> float | int:
    """A value as a person writes it: 4000, not 4000.0; at most two decimals."""
    return int(value) if float(value).is_integer() else round(value, 2)


def _names(names: Sequence[str]) -> str:
    return ", ".join(names) or "–"


# ---------------------------------------------------------------------------- a set's history


def history_report(h: History, *, markdown: bool = False) -> str:
    """The set's history: per meeting, per member and for the set, then how each is computed."""
    out = _heading(f"{h.name}: history across {len(h.meetings)} meetings", 1, markdown)
    out += _heading("Per meeting", 2, markdown)
    out += _table(
        [
            "date",
            "present",
            "presenters",
            "facilitated by",
            "contributions",
            "questions",
            "advice",
            "actions agreed",
            "reported done",
            "coach prompts",
        ],
        [
            [
                f.date.isoformat(),
                f"{len(f.present)}/{f.expected}",
                _names(f.presenters),
                f.facilitator or "-",
                str(f.contributions),
                percent(f.question_share),
                str(f.advice),
                str(f.actions_agreed),
                str(f.actions_completed),
                str(f.prompts),
            ]
            for f in h.meetings
        ],
        markdown,
    )
    out.append("")
    out += _heading("Per member", 2, markdown)
    trend_header = "question share by meeting"
    out += _table(
        [
            "member",
            trend_header,
            "first 3",
            "last 3",
            "advice/mtg",
            "actions done/agreed",
            "attended",
            "last presented",
            "resolved",
            "share of talk",
        ],
        [
            [
                m.name,
                (f"`{m.trend}`" if markdown else m.trend).ljust(len(trend_header)),
                percent(m.growth.first_questions),
                percent(m.growth.last_questions),
                "–" if m.advice_per_meeting is None else f"{m.advice_per_meeting:.1f}",
                f"{m.actions_done}/{m.actions_agreed}",
                f"{m.attended}/{m.meetings}",
                m.last_presented.isoformat() if m.last_presented else "never",
                str(m.issues_resolved),
                percent(m.contribution_share),
            ]
            for m in h.members
        ],
        markdown,
    )
    out += [
        "",
        "Question share by meeting: one block a meeting, oldest first, from ▁ (none of their "
        "contributions a question) to █ (all); a gap where they said nothing tagged.",
        "",
    ]
    out += _heading("For the set", 2, markdown)
    out += _bullets(_set_lines(h), markdown)
    out.append("")
    if h.outcomes:
        out += _heading("Outcomes reported back", 2, markdown)
        out += _bullets(
            [
                f"{o.date}, {o.owner}: {o.outcome or o.action}"
                + (f" ({o.value_text})" if o.value_text else "")
                for o in h.outcomes
            ],
            markdown,
        )
        out.append("")
    out += _heading("How each figure is computed", 2, markdown)
    out += _bullets(
        [
            f"{name}: {HOW[name]}"
            for name in (
                "members",
                "attendance",
                "question share",
                "advice per meeting",
                "actions agreed",
                "actions completed",
                "action completion",
                "participation balance",
                "coach prompts",
                "growth",
                "issues",
                "outcomes",
            )
        ],
        markdown,
    )
    return "\n".join(out).rstrip() + "\n"


def _set_lines(h: History) -> list[str]:
    equal = percent(h.equal_share)
    balance = ", ".join(f"{m.name} {percent(m.contribution_share)}" for m in h.members)
    return [
        f"Meetings: {len(h.meetings)}, every {h.cadence_weeks} weeks",
        f"Attendance: {percent(h.attendance_rate)} ({h.attendance_present} of "
        f"{h.attendance_expected} places)",
        f"Action completion: {percent(h.completion_rate)} ({h.actions_done} of "
        f"{h.actions_due} actions agreed before the latest meeting are done)",
        f"Participation balance (equal share {equal}): {balance}",
        f"Question share: {_growth_text(h.growth, 'questions')}",
        f"Advice share: {_growth_text(h.growth, 'advice')}",
        f"Issues: {h.issues} raised, {h.issues_resolved} resolved, {h.issues_parked} parked",
        f"Outcomes reported back: {len(h.outcomes)}; value {values_text(h.values)}",
    ]


def _growth_text(growth: Growth, which: str) -> str:
    first = growth.first_questions if which == "questions" else growth.first_advice
    last = growth.last_questions if which == "questions" else growth.last_advice
    if growth.questions_change is None:
        return "– (fewer than two meetings)"
    return (
        f"{percent(first)} in the first three meetings, {percent(last)} in the last three "
        f"({points(first, last)})"
    )


# ---------------------------------------------------------------------------- the programme


def programme_markdown(p: Programme, today: dt.date) -> str:
    """The sponsor's evaluation of every set: per set and in total, then how each is computed."""
    count = f"{len(p.sets)} set{'s' * (len(p.sets) != 1)}"
    out = [f"# Programme evaluation: {count}, as of {today.isoformat()}", ""]
    cadence_rows = [
        [
            h.name,
            str(h.cadence_weeks),
            str(h.cadence.held),
            str(h.cadence.on_time),
            str(h.cadence.late),
            str(h.cadence.missed),
            percent(h.attendance_rate),
            f"{percent(h.completion_rate)} ({h.actions_done}/{h.actions_due})",
            f"{len(h.outcomes)}; {values_text(h.values)}",
        ]
        for h in p.sets
    ]
    total = p.cadence
    cadence_rows.append(
        [
            "**All sets**",
            "",
            str(total.held),
            str(total.on_time),
            str(total.late),
            str(total.missed),
            percent(p.attendance_rate),
            f"{percent(p.completion_rate)} ({p.total('actions_done')}/{p.total('actions_due')})",
            f"{len(p.outcomes)}; {values_text(p.values)}",
        ]
    )
    out += ["## Meetings, attendance, actions and outcomes", ""]
    out += _table(
        [
            "set",
            "cadence (weeks)",
            "held",
            "on time",
            "late",
            "missed",
            "attendance",
            "actions done",
            "outcomes; value",
        ],
        cadence_rows,
        markdown=True,
    )
    out += ["", "## Questioning: first three meetings against the last three", ""]
    growth_rows = []
    for h in p.sets:
        growth_rows.append(_growth_row(f"**{h.name}**", h.growth))
        growth_rows += [_growth_row(m.name, m.growth) for m in h.members]
    growth_rows.append(_growth_row("**All sets**", p.growth))
    out += _table(
        [
            "set or member",
            "questions first 3",
            "questions last 3",
            "change",
            "advice first 3",
            "advice last 3",
            "change",
        ],
        growth_rows,
        markdown=True,
    )
    if p.outcomes:
        out += ["", "## Outcomes reported back", ""]
        for h in p.sets:
            for o in h.outcomes:
                value = f" ({o.value_text})" if o.value_text else ""
                out.append(f"- {h.name}, {o.date}, {o.owner}: {o.outcome or o.action}{value}")
    from actionset.export.value import how_lines, value_markdown

    out += value_markdown(p)
    out += ["", "## How each figure is computed", ""]
    out += [
        f"- {name}: {HOW[name]}"
        for name in (
            "cadence",
            "attendance",
            "action completion",
            "outcomes",
            "question share",
            "advice share",
            "growth",
        )
    ]
    out += [f"- {line}" for line in how_lines()]
    return "\n".join(out) + "\n"


def _growth_row(label: str, g: Growth) -> list[str]:
    return [
        label,
        percent(g.first_questions),
        percent(g.last_questions),
        points(g.first_questions, g.last_questions),
        percent(g.first_advice),
        percent(g.last_advice),
        points(g.first_advice, g.last_advice),
    ]


PROGRAMME_CSV_HEADER = (
    "set",
    "member",
    "meetings",
    "on_time",
    "late",
    "missed",
    "attendance_present",
    "attendance_expected",
    "actions_due",
    "actions_done",
    "outcomes",
    "values",
    "questions_first3",
    "questions_last3",
    "advice_first3",
    "advice_last3",
)


def programme_csv(p: Programme) -> str:
    """One row per set (member empty), one per member, one for all sets: counts, and shares
    as fractions with four decimals (empty where there is none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PROGRAMME_CSV_HEADER)

    def fraction(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    def growth(g: Growth) -> list[str]:
        return [
            fraction(g.first_questions),
            fraction(g.last_questions),
            fraction(g.first_advice),
            fraction(g.last_advice),
        ]

    def values(totals: dict[str, float]) -> str:
        return "; ".join(f"{whole(v)} {unit}" for unit, v in totals.items())

    for h in p.sets:
        c = h.cadence
        writer.writerow(
            [
                h.slug or h.name,
                "",
                c.held,
                c.on_time,
                c.late,
                c.missed,
                h.attendance_present,
                h.attendance_expected,
                h.actions_due,
                h.actions_done,
                len(h.outcomes),
                values(h.values),
                *growth(h.growth),
            ]
        )
        for m in h.members:
            writer.writerow(
                [
                    h.slug or h.name,
                    m.name,
                    m.attended,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    *growth(m.growth),
                ]
            )
    c = p.cadence
    writer.writerow(
        [
            "all",
            "",
            c.held,
            c.on_time,
            c.late,
            c.missed,
            p.total("attendance_present"),
            p.total("attendance_expected"),
            p.total("actions_due"),
            p.total("actions_done"),
            len(p.outcomes),
            values(p.values),
            *growth(p.growth),
        ]
    )
    return out.getvalue()
