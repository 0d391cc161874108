"""A programme's evaluation, every set side by side, as Markdown or CSV.

The figures come from `actionset.model.programme`; the tables and the words they share with a
set's history are `actionset.export.history`'s. Each set's part is written as its `Reader`
may read it (`actionset.model.audience`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionset.export.history import (
    outcome_lines,
    set_reader,
    table,
    values_text,
    whole,
)
from actionset.model.audience import figure, leaves_out
from actionset.model.history import HOW, Growth, percent, points
from actionset.model.programme import Programme

if TYPE_CHECKING:
    from actionset.model.audience import Audience, Reader
    from actionset.model.voice_report import Reaction


def _reaction(reaction: Reaction, reader: Reader) -> list[str]:
    """Level 1: the members' rating of their meetings, each statement beside its source."""
    from actionset.export.pack_voice import reaction_rows

    rows = reaction_rows(reaction, reader)
    out = ["", "## Level 1: the members' rating of their meetings", ""]
    return out + table(["what", "figure", "source"], rows, markdown=True)


def programme_readers(p: Programme, readers: Sequence[Reader] | None) -> list[Reader]:
    """Who reads each set's part of the programme (default: the sets themselves)."""
    return list(readers) if readers is not None else [set_reader(h, None) for h in p.sets]


def programme_markdown(
    p: Programme,
    today: dt.date,
    readers: Sequence[Reader] | None = None,
    reaction: Reaction | None = None,
) -> str:
    """The sponsor's evaluation of every set: per set and in total, then how each is computed;
    each set's part as its `readers` entry may read it (default: all of it). With `reaction`
    (every set's pulses, `voice_report.programme_reaction`), level 1 as the pack gives it."""
    readers = programme_readers(p, readers)
    count = f"{len(p.sets)} set{'s' * (len(p.sets) != 1)}"
    out = [f"# Programme evaluation: {count}, as of {today.isoformat()}", ""]
    if told := leaves_out(_whole_programme(readers)):
        out += [told, ""]
    cadence_rows = [
        [
            r.set_label(number),
            str(h.cadence_weeks),
            str(h.cadence.held),
            str(h.cadence.on_time),
            str(h.cadence.late),
            str(h.cadence.missed),
            *(
                r.figure([m.name for m in h.members], cell)
                for cell in (
                    percent(h.attendance_rate),
                    f"{percent(h.completion_rate)} ({h.actions_done}/{h.actions_due})",
                )
            ),
            r.figure({o.owner for o in h.outcomes}, f"{len(h.outcomes)}; {values_text(h.values)}"),
        ]
        for number, (h, r) in enumerate(zip(p.sets, readers, strict=True), start=1)
    ]
    total = p.cadence
    everyone = [f"{number} {m.name}" for number, h in enumerate(p.sets) for m in h.members]
    owners = {f"{number} {o.owner}" for number, h in enumerate(p.sets) for o in h.outcomes}
    every = _whole_programme(readers)
    cadence_rows.append(
        [
            "**All sets**",
            "",
            str(total.held),
            str(total.on_time),
            str(total.late),
            str(total.missed),
            *(
                figure(every, everyone, cell)
                for cell in (
                    percent(p.attendance_rate),
                    f"{percent(p.completion_rate)} "
                    f"({p.total('actions_done')}/{p.total('actions_due')})",
                )
            ),
            figure(every, owners, f"{len(p.outcomes)}; {values_text(p.values)}"),
        ]
    )
    out += ["## Meetings, attendance, actions and outcomes", ""]
    out += table(
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
    if reaction is not None and readers:
        out += _reaction(reaction, readers[0])
    out += ["", "## Questioning: first three meetings against the last three", ""]
    growth_rows = []
    for number, (h, r) in enumerate(zip(p.sets, readers, strict=True), start=1):
        members = [m.name for m in h.members]
        growth_rows.append(_growth_row(f"**{r.set_label(number)}**", h.growth, r, members))
        shown = r.individuals(members)
        growth_rows += [_growth_row(m.name, m.growth) for m in h.members if m.name in shown]
    growth_rows.append(
        _growth_row("**All sets**", p.growth, readers[0] if readers else None, everyone)
    )
    out += table(
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
    outcomes = [
        f"- {r.set_label(number)}, {line}"
        for number, (h, r) in enumerate(zip(p.sets, readers, strict=True), start=1)
        for line in outcome_lines(r, h)
    ]
    if outcomes:
        out += ["", "## Outcomes reported back", "", *outcomes]
    from actionset.export.value import how_lines, value_markdown

    out += value_markdown(p, readers)
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
    if reaction is not None:
        from actionset.model.voice_report import HOW as VOICE_HOW

        out.append(f"- reaction: {VOICE_HOW['reaction']}")
    out += [f"- {line}" for line in how_lines()]
    return "\n".join(out) + "\n"


def _whole_programme(readers: Sequence[Reader]) -> Audience:
    """Who reads the programme's totals: its sets' reader (one audience for them all)."""
    from actionset.model.audience import Audience

    return readers[0].audience if readers else Audience.set


def _growth_row(
    label: str, g: Growth, reader: Reader | None = None, people: Sequence[str] = ()
) -> list[str]:
    """A set's or a member's growth; a set's is a figure about its `people` (a member's row
    is given only to a reader who may have it: `Reader.individuals`)."""
    cells = [
        percent(g.first_questions),
        percent(g.last_questions),
        points(g.first_questions, g.last_questions),
        percent(g.first_advice),
        percent(g.last_advice),
        points(g.first_advice, g.last_advice),
    ]
    if reader is not None:
        cells = [reader.figure(people, cell) for cell in cells]
    return [label, *cells]


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


def programme_csv(p: Programme, readers: Sequence[Reader] | None = None) -> str:
    """One row per set (member empty), one per member, one for all sets: counts, and shares
    as fractions with four decimals (empty where there is none); each set's rows as its
    `readers` entry may read them (a figure about too few people says so, a member's row is
    given only where `Reader.individuals` lets)."""
    readers = programme_readers(p, readers)
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

    for number, (h, r) in enumerate(zip(p.sets, readers, strict=True), start=1):
        c = h.cadence
        label = (h.slug or h.name) if r.may_show("Set.name") else f"set-{number}"
        members = [m.name for m in h.members]
        writer.writerow(
            [
                label,
                "",
                c.held,
                c.on_time,
                c.late,
                c.missed,
                *(
                    r.figure(people, str(cell))
                    for people, cell in (
                        (members, h.attendance_present),
                        (members, h.attendance_expected),
                        (members, h.actions_due),
                        (members, h.actions_done),
                        ({o.owner for o in h.outcomes}, len(h.outcomes)),
                        ({o.owner for o in h.outcomes}, values(h.values)),
                    )
                ),
                *(r.figure(members, cell) for cell in growth(h.growth)),
            ]
        )
        shown = r.individuals(members)
        for m in h.members:
            if m.name not in shown:
                continue
            writer.writerow(
                [
                    label,
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
    every = _whole_programme(readers)
    everyone = [f"{number} {m.name}" for number, h in enumerate(p.sets) for m in h.members]
    owners = {f"{number} {o.owner}" for number, h in enumerate(p.sets) for o in h.outcomes}
    writer.writerow(
        [
            "all",
            "",
            c.held,
            c.on_time,
            c.late,
            c.missed,
            *(
                figure(every, people, str(cell))
                for people, cell in (
                    (everyone, p.total("attendance_present")),
                    (everyone, p.total("attendance_expected")),
                    (everyone, p.total("actions_due")),
                    (everyone, p.total("actions_done")),
                    (owners, len(p.outcomes)),
                    (owners, values(p.values)),
                )
            ),
            *(figure(every, everyone, cell) for cell in growth(p.growth)),
        ]
    )
    return out.getvalue()
