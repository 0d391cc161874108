"""The sponsor's pack's rows of the members' own voice: level 1, how they rated their
meetings (the pulse), and level 2 as they see it (their self-assessment, first against
latest). Each is a figure about the answers that gave it, too few to show below three."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionset.export.pack_scope import Scope, counted
from actionset.model.pack import NOT_COLLECTED
from actionset.model.voice import HIGHEST, Average, average_text

if TYPE_CHECKING:
    from actionset.model.audience import Reader
    from actionset.model.voice_report import Reaction

VOICE_FILES = "meetings/*.voice.jsonl"


def _statement(reader: Reader, average: Average, number: int) -> str:
    """The statement in its words, or by its place where they may not leave (`may_word`)."""
    if reader.may_word(average.text):
        return average.text
    return f"statement {number}"


def from_sets(answered: int, of_sets: int) -> str:
    """`, from 1 of 2 sets` when only some of a programme's sets gave the figure; else empty."""
    if of_sets < 2 or answered >= of_sets:
        return ""
    return f", from {answered} of {of_sets} sets"


def _rated(average: Average | None) -> str:
    if average is None or average.mean is None:
        return "not rated"
    return f"{average_text(average.mean)} of {HIGHEST} (n={average.n})"


def reaction_rows(r: Reaction, reader: Reader) -> list[list[str]]:
    """Each pulse statement's mean rating, with n, as `reader` may read it (the pack's, and the
    programme's Markdown); not collected without a pulse answered."""
    if not r.collected:
        return [["Members' rating of their meetings", NOT_COLLECTED, "no pulse round answered"]]
    answers = counted(r.answers, "answer", "answers")
    meetings = counted(r.meetings, "meeting", "meetings")
    source = f"pulse rounds ({VOICE_FILES}), {answers} at {meetings}"
    source += from_sets(r.sets, r.of_sets)
    return [
        [
            _statement(reader, average, number),
            reader.figure(average.n, _rated(average)),
            source,
        ]
        for number, average in enumerate(r.averages, start=1)
    ]


def self_assessment_rows(scope: Scope) -> list[list[str]]:
    """Each self-assessment statement at the first meeting that held one against the latest;
    not collected without one answered."""
    a = scope.assessment
    if not a.collected:
        return [["Members' self-assessment", NOT_COLLECTED, "no self-assessment round answered"]]
    source = f"self-assessment rounds ({VOICE_FILES}), first meeting against latest"
    source += from_sets(len(a.first_dates), a.of_sets)
    latest = {average.id: average for average in a.latest}
    rows = []
    for number, first in enumerate(a.first, start=1):
        then = scope.readers[0].figure(first.n, _rated(first))
        if not a.compared:
            words = f"{then} at the first; no later one yet"
        else:
            now = latest.get(first.id)
            reader = scope.readers[0]
            shown = reader.figure(now.n if now else 0, _rated(now))
            change = a.change(first.id)
            hidden = reader.too_few(first.n) or reader.too_few(now.n if now else 0)
            # A change beside a figure too few to show would give that figure away.
            moved = "" if change is None or hidden else f" ({average_text(change, signed=True)})"
            words = f"{then} → {shown}{moved}"
        rows.append(
            [f"Self-assessed: {_statement(scope.readers[0], first, number)}", words, source]
        )
    return rows
