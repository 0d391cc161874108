"""A set's history as plain text or Markdown, and the tables and words it shares with the
programme's evaluation (`actionset.export.programme`).

The figures come from `actionset.model.history`; this module only lays them out. Tables are
built once as rows and written either aligned for a terminal or as Markdown pipes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionset.model.audience import TOO_FEW
from actionset.model.history import (
    HOW,
    Growth,
    History,
    MeetingFigures,
    percent,
    points,
)

if TYPE_CHECKING:
    from actionset.model.audience import Reader

# ---------------------------------------------------------------------------- tables


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> list[str]:
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


heading = _heading
"""The layout of a heading, for a section another module writes (`actionset.export.voice`)."""


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


def _names(names: Sequence[str], reader: Reader | None = None) -> str:
    """The names, or how many when the reader may not have every one of them."""
    if reader is not None and not reader.may_list(names):
        return str(len(names))
    return ", ".join(names) or "–"


def set_reader(h: History, reader: Reader | None) -> Reader:
    from actionset.model.audience import Audience, Reader
    from actionset.model.set import Set

    return reader or Reader(Audience.set, Set(name=h.name))


def _told(reader: Reader) -> list[str]:
    """What the report leaves out, under its title, when it leaves the set."""
    return [] if reader.is_set else [reader.leaves_out(), ""]


# ---------------------------------------------------------------------------- a set's history


def history_report(h: History, *, markdown: bool = False, reader: Reader | None = None) -> str:
    """The set's history: per meeting, per member and for the set, then how each is computed;
    as `reader` may read it (default: the set)."""
    reader = set_reader(h, reader)
    title = f"{reader.set_label()}: history across {len(h.meetings)} meetings"
    out = _heading(title, 1, markdown) + _told(reader)
    out += _heading("Per meeting", 2, markdown)
    out += table(
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
                reader.figure(f.expected, f"{len(f.present)}/{f.expected}"),
                _names(f.presenters, reader),
                _facilitator(f.facilitator, reader),
                *(
                    reader.figure(_tagged(f), cell)
                    for cell in (str(f.contributions), percent(f.question_share), str(f.advice))
                ),
                reader.figure(f.agreed_by, str(f.actions_agreed)),
                reader.figure(f.reported_by, str(f.actions_completed)),
                str(f.prompts),
            ]
            for f in h.meetings
        ],
        markdown,
    )
    out.append("")
    out += _heading("Per member", 2, markdown)
    shown = reader.individuals(m.name for m in h.members)
    if not shown:
        out += [_no_member_rows(reader), ""]
    out += _member_table(h, shown, markdown)
    out += _heading("For the set", 2, markdown)
    out += _bullets(_set_lines(h, reader), markdown)
    out.append("")
    outcomes = outcome_lines(reader, h)
    if outcomes:
        out += _heading("Outcomes reported back", 2, markdown)
        out += _bullets(outcomes, markdown)
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


def _tagged(f: MeetingFigures) -> list[str]:
    """Who the meeting's questioning figures are about: those tagged."""
    return [name for name, tally in f.by_member.items() if tally.total]


def _facilitator(name: str, reader: Reader) -> str:
    if not name:
        return "-"
    return name if reader.may_name(name) else "not named"


def _no_member_rows(reader: Reader) -> str:
    """Why a report that leaves the set gives no row per member."""
    if not reader.may_show("Set.name"):
        return "Not shown: a row per member is a figure about one person."
    if not reader.the_set.share_names:
        return (
            "Not shown: a row per member is a figure about one person, and the set has not "
            "agreed to share its members' names (share_names in set.toml)."
        )
    return (
        "Not shown: a member who does not share would show as the set's figures less the others'."
    )


def outcome_lines(reader: Reader, h: History) -> list[str]:
    """Each outcome reported back that the reader may read, its owner named where they may."""
    if not reader.may_show("ReportBack.outcome"):
        return []
    return [
        f"{o.date}, {o.owner + ': ' if reader.may_name(o.owner) else ''}{o.outcome or o.action}"
        + (f" ({o.value_text})" if o.value_text else "")
        for o in h.outcomes
        if reader.individual(o.owner)
    ]


def _member_table(h: History, shown: Sequence[str], markdown: bool) -> list[str]:
    """A row per member of `shown`, with a sparkline of their question share."""
    if not shown:
        return []
    trend_header = "question share by meeting"
    out = table(
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
            if m.name in shown
        ],
        markdown,
    )
    return [
        *out,
        "",
        "Question share by meeting: one block a meeting, oldest first, from ▁ (none of their "
        "contributions a question) to █ (all); a gap where they said nothing tagged.",
        "",
    ]


def _set_lines(h: History, reader: Reader) -> list[str]:
    """The set's figures, each about its members (and so too few to show below three)."""
    equal = percent(h.equal_share)
    everyone = [m.name for m in h.members]
    # A share per person, or their range, is a figure of each of one person (`of_each`).
    if reader.of_each(everyone):
        balance = ", ".join(f"{m.name} {percent(m.contribution_share)}" for m in h.members)
    else:
        balance = TOO_FEW
    owners = {o.owner for o in h.outcomes}
    figures = [
        (
            "Attendance",
            f"{percent(h.attendance_rate)} ({h.attendance_present} of "
            f"{h.attendance_expected} places)",
        ),
        (
            "Action completion",
            f"{percent(h.completion_rate)} ({h.actions_done} of "
            f"{h.actions_due} actions agreed before the latest meeting are done)",
        ),
        (f"Participation balance (equal share {equal})", balance),
        ("Question share", _growth_text(h.growth, "questions")),
        ("Advice share", _growth_text(h.growth, "advice")),
        (
            "Issues",
            f"{h.issues} raised, {h.issues_resolved} resolved, {h.issues_parked} parked",
        ),
    ]
    value = reader.figure(owners, f"{len(h.outcomes)}; value {values_text(h.values)}")
    return [
        f"Meetings: {len(h.meetings)}, every {h.cadence_weeks} weeks",
        *(f"{label}: {reader.figure(everyone, text)}" for label, text in figures),
        f"Outcomes reported back: {value}",
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
