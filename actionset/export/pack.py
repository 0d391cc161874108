"""The sponsor's pack: a programme's (or one set's) evaluation by Kirkpatrick's four levels and
Phillips' fifth, as one self-contained HTML page with charts, to read in a browser or print.

Per level it gives each figure and where it comes from, or "not collected", so that a gap
stays visible; then attendance and the meetings held against the cadence, and the sets whose
attendance, action completion or questioning is falling. The figures are computed in
`actionset.model` (history, programme, value, pack); each set's part is written as its
`Reader` may read it (`actionset.model.audience`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionset.export import pack_charts as charts
from actionset.export.pack_page import bullets, chart, html_table, page, paragraph, text, tiles
from actionset.export.value import (
    LEDGER_HEADERS,
    how_lines,
    ledger_rows,
    money,
    return_lines,
    signed,
)
from actionset.model.audience import Audience, leaves_out
from actionset.model.dates import long_date
from actionset.model.history import HOW, percent, points
from actionset.model.ledger import KIND_WORDS
from actionset.model.pack import (
    HOW as PACK_HOW,
)
from actionset.model.pack import (
    NONE_REPORTED,
    NOT_COLLECTED,
    days_to_complete,
    median_days,
    statements_share,
)
from actionset.model.value import HOW as VALUE_HOW
from actionset.model.value import by_kind
from actionset.model.voice_report import HOW as VOICE_HOW
from actionset.model.voice_report import Reaction, SelfAssessment

if TYPE_CHECKING:
    from actionset.model.audience import Reader
    from actionset.model.history import History, SetRecord
    from actionset.model.programme import Programme

from actionset.export.pack_scope import GAPS, Scope, counted, source
from actionset.export.pack_voice import reaction_rows, self_assessment_rows
from actionset.export.pack_watch import attendance_section, warnings_section


def _level(number: int, name: str, question: str, rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        f'<section id="level-{number}">',
        f'<h2><span class="level">Level {number}</span>{text(name)}</h2>',
        paragraph(question, "question"),
        html_table(["what", "figure", "source"], rows, marked=GAPS),
    ]


# ---------------------------------------------------------------------------- the levels


def _reaction(scope: Scope) -> list[str]:
    rows = reaction_rows(scope.reaction, scope.readers[0])
    out = _level(1, "Reaction", "How did the members find their meetings?", rows)
    return [*out, "</section>"]


def _learning(scope: Scope) -> list[str]:
    p = scope.p
    g = p.growth
    tags = source(scope, "tagged contributions (meetings/*.tags.jsonl)")
    first_said, last_said = statements_share(p.sets)
    rows = [
        [
            "Question share, first 3 meetings → last 3",
            scope.total(scope.everyone, _change(g.first_questions, g.last_questions)),
            tags,
        ],
        [
            "Advice share, first 3 meetings → last 3",
            scope.total(scope.everyone, _change(g.first_advice, g.last_advice)),
            tags,
        ],
        [
            "Statements share, first 3 meetings → last 3",
            scope.total(scope.everyone, _change(first_said, last_said)),
            tags,
        ],
        *self_assessment_rows(scope),
    ]
    out = _level(2, "Learning", "Did the members grow as questioners?", rows)
    growths = [
        None if scope.readers[i].too_few([m.name for m in h.members]) else h.growth
        for i, h in enumerate(p.sets)
    ]
    if len(p.sets) > 1:
        growths.append(None if scope.readers[0].too_few(scope.everyone) else g)
    labels = [*scope.labels, "All sets"][: len(growths)]
    series = [
        (label, [None if g is None else g.first_questions, None if g is None else g.last_questions])
        for label, g in zip(labels, growths, strict=True)
    ]
    out.append(
        chart(
            charts.percent_bars(
                "pack-learning",
                "Question share: first three meetings against the last three",
                ["first 3 meetings", "last 3 meetings"],
                series,
            )
        )
    )
    return [*out, "</section>"]


def _change(first: float | None, last: float | None) -> str:
    if first is None or last is None:
        return NOT_COLLECTED
    return f"{percent(first)} → {percent(last)} ({points(first, last)})"


def _behaviour(scope: Scope) -> list[str]:
    p = scope.p
    days = [d for record in scope.records for d in days_to_complete(record.actions)]
    middle = median_days(days)
    done, due = p.total("actions_done"), p.total("actions_due")
    resolved, raised = p.total("issues_resolved"), p.total("issues")
    rows = [
        [
            "Actions completed",
            scope.total(scope.everyone, f"{percent(p.completion_rate)} ({done} of {due})"),
            source(scope, "actions.toml"),
        ],
        [
            "Time to complete an action",
            scope.total(
                scope.everyone,
                NOT_COLLECTED if middle is None else f"median {middle:g} days (n={len(days)})",
            ),
            "actions.toml: agreed_at and the first report-back that said done",
        ],
        [
            "Issues resolved",
            scope.total(
                scope.everyone,
                f"{resolved} of {raised} ({percent(resolved / raised if raised else None)})",
            ),
            "issues.toml",
        ],
    ]
    out = _level(3, "Behaviour", "Did the members act on what they agreed?", rows)
    rates = [
        None if scope.readers[i].too_few([m.name for m in h.members]) else h.completion_rate
        for i, h in enumerate(p.sets)
    ]
    out.append(
        chart(
            charts.percent_bars(
                "pack-behaviour",
                "Actions completed, by set",
                ["actions completed"],
                [(label, [rate]) for label, rate in zip(scope.labels, rates, strict=True)],
            )
        )
    )
    return [*out, "</section>"]


def _results(scope: Scope) -> list[str]:
    p = scope.p
    kinds = by_kind(p.outcomes)
    valued = sum(1 for o in p.outcomes if o.value is not None)
    rows = [
        [
            "Outcomes reported back",
            scope.total(
                scope.owners,
                f"{len(p.outcomes)}, {valued} with a value" if p.outcomes else NONE_REPORTED,
            ),
            source(scope, "actions.toml: the report-backs' outcome and value"),
        ],
        *(
            [
                f"Of kind {KIND_WORDS[k.kind]}",
                scope.total(scope.owners, _kind_words(k.outcomes, k.adjusted, p)),
                "actions.toml: kind, attribution and confidence",
            ]
            for k in kinds
        ),
    ]
    out = _level(4, "Results", "What changed at work, and what was it worth?", rows)
    if kinds and not scope.readers[0].too_few(scope.owners):
        out.append(
            chart(
                charts.count_bars(
                    "pack-results",
                    "Outcomes reported back, by kind",
                    [KIND_WORDS[k.kind] for k in kinds],
                    [("outcomes", [k.outcomes for k in kinds])],
                )
            )
        )
    if not scope.readers[0].too_few(scope.owners):
        out += _ledger(scope)
    return [*out, "</section>"]


def _ledger(scope: Scope) -> list[str]:
    """Every outcome with its ledger's figures, set by set (`export.value.ledger_rows`): the
    owner's column only where one may be named."""
    out = []
    for h, reader, label in zip(scope.p.sets, scope.readers, scope.labels, strict=True):
        rows = [row[1:] for row in ledger_rows([h], [reader])]
        if not rows:
            continue
        headers = list(LEDGER_HEADERS[1:])
        if not any(reader.may_name(o.owner) for o in h.outcomes):
            headers.pop(1)
            rows = [[row[0], *row[2:]] for row in rows]
        numeric = [headers.index(name) for name in ("attribution", "confidence")]
        out += [
            f"<h3>The value ledger: {text(label)}</h3>",
            html_table(headers, rows, numeric, whole=[0], css="ledger"),
        ]
    return out


def _kind_words(count: int, adjusted: dict[str, float], p: Programme) -> str:
    from actionset.export.history import values_text

    value = f"; adjusted {values_text(adjusted)}" if adjusted else ""
    return f"{counted(count, 'outcome', 'outcomes')}{value}"


def _roi(scope: Scope) -> list[str]:
    value = scope.p.value
    lines = return_lines(value)
    rows = []
    for line in lines:
        name, _, said = line.partition(": ")
        rows.append([name, scope.total(scope.owners, said), _roisource(name)])
    out = _level(5, "Return on investment", "Was it worth what it cost?", rows)
    return [*out, "</section>"]


def _roisource(name: str) -> str:
    if name.startswith("Cost"):
        return "programme.toml [cost]; members' hours from the meetings' attendance"
    if name.startswith(("ROI", "Benefit")):
        return "the adjusted benefit and the cost above"
    return "actions.toml: value, attribution, confidence and evidence"


def _headline(scope: Scope) -> str:
    p = scope.p
    value = p.value
    roi = None if not value.totals.claimed else value.roi_percent
    benefit = money(value.benefit(value.totals.adjusted), value.currency)
    return tiles(
        [
            *([(str(len(p.sets)), "sets")] if len(p.sets) > 1 else []),
            (str(p.cadence.held), "meetings held"),
            (scope.total(scope.everyone, percent(p.attendance_rate)), "attendance"),
            (scope.total(scope.everyone, percent(p.completion_rate)), "actions completed"),
            (
                scope.total(scope.owners, str(len(p.outcomes)) if p.outcomes else NONE_REPORTED),
                "outcomes reported",
            ),
            (
                scope.total(
                    scope.owners,
                    NOT_COLLECTED
                    if roi is None or not value.totals.claimed
                    else f"{signed(round(roi))}%",
                ),
                "return on investment",
            ),
            (scope.total(scope.owners, benefit), "adjusted benefit"),
        ],
        GAPS,
    )


def _how(scope: Scope) -> list[str]:
    names = (
        "attendance",
        "cadence",
        "question share",
        "advice share",
        "growth",
        "action completion",
        "outcomes",
    )
    lines = [f"{name}: {HOW[name]}" for name in names]
    lines += [f"{name}: {how}" for name, how in VOICE_HOW.items()]
    lines += [f"{name}: {how}" for name, how in PACK_HOW.items()]
    lines += how_lines()
    if len(scope.p.sets) == 1 and scope.p.file is not None and scope.p.file.cost is not None:
        name = "a set's cost"
        lines.append(f"{name}: {VALUE_HOW[name]}")
    return [
        '<section id="how">',
        "<h2>How each figure is computed</h2>",
        bullets(lines, "how"),
        "</section>",
    ]


def pack_html(
    p: Programme,
    records: Sequence[SetRecord],
    readers: Sequence[Reader],
    today: dt.date,
    *,
    title: str,
    reaction: Reaction | None = None,
    assessment: SelfAssessment | None = None,
) -> str:
    """The pack as one HTML page: headline figures, the five levels, attendance and cadence,
    early warning, and how each figure is computed. The members' voice (`reaction`, their
    pulses, and `assessment`, their self-assessment) is not collected when not given."""
    scope = Scope(
        p, records, readers, today, reaction or Reaction(), assessment or SelfAssessment()
    )
    one = readers[0] if len(readers) == 1 else None
    told = one.leaves_out() if one is not None else leaves_out(scope.audience)
    body = [
        "<header>",
        f"<h1>{text(title)}</h1>",
        paragraph(
            f"As of {long_date(today)} · {counted(len(p.sets), 'set', 'sets')} · "
            f"{counted(scope.meetings, 'meeting', 'meetings')} held"
        ),
        paragraph(told, "told") if told else "",
        "</header>",
        _headline(scope),
        *_reaction(scope),
        *_learning(scope),
        *_behaviour(scope),
        *_results(scope),
        *_roi(scope),
        *attendance_section(scope),
        *warnings_section(scope),
        *_how(scope),
        "<footer>Written by actionset from the sets' own files; every figure can be rebuilt "
        "by hand from them, as the lines above say.</footer>",
    ]
    return page(title, body)


def pack_title(
    p: Programme, scope_set: History | None, label: str, audience: Audience = Audience.set
) -> str:
    """The pack's title: the programme's name (or how many sets), or the set's. Research's
    names nothing anyone typed, not the programme: how many sets, as its Markdown does."""
    pack = "the research pack" if audience is Audience.research else "the sponsor's pack"
    if scope_set is not None:
        return f"{label}: {pack}"
    if audience is Audience.research:
        return f"Programme evaluation: {counted(len(p.sets), 'set', 'sets')}"
    name = p.file.name if p.file is not None and p.file.name else "Programme evaluation"
    return f"{name}: {pack}"
