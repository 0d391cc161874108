"""What the tags add up to: tallies, the per-minute timeline and the process review.

The question-to-advice ratio is shown in whole numbers at their smallest, "2 : 3" for 4
questions and 6 pieces of advice, "7 : 0" with no advice (never infinity), "–" with neither.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from actionset.model.codebook import code_name, counts_as
from actionset.model.contributions import Contribution, moment_of, same_member
from actionset.model.set import Code, CountsAs


def ratio_text(questions: int, advice: int) -> str:
    """Questions to advice in whole numbers at their smallest: "2 : 3" (for 4 and 6), "7 : 0"
    with no advice, "0 : 3" with no questions, "–" with neither."""
    if not questions and not advice:
        return "–"
    if questions and advice:
        common = math.gcd(questions, advice)
        questions, advice = questions // common, advice // common
    return f"{questions} : {advice}"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def counts_text(questions: int, advice: int, other: int = 0) -> str:
    """Counts in plain English: "1 question", "4 questions, 6 pieces of advice, 1 other"."""
    parts = [_plural(questions, "question", "questions")]
    if advice:
        parts.append(_plural(advice, "piece of advice", "pieces of advice"))
    if other:
        parts.append(f"{other} other")
    return ", ".join(parts)


@dataclass(slots=True)
class Tally:
    """Counts per code (every code of the codebook, zeros included) and what they add up to."""

    counts: dict[str, int] = field(default_factory=dict)
    questions: int = 0
    advice: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.questions + self.advice + self.other

    @property
    def question_share(self) -> float:
        """Questions as a share of all contributions, 0.0 when there are none."""
        return self.questions / self.total if self.total else 0.0

    @property
    def ratio(self) -> float | None:
        """Questions per piece of advice; None when there was no advice."""
        return self.questions / self.advice if self.advice else None

    @property
    def ratio_text(self) -> str:
        return ratio_text(self.questions, self.advice)

    def add(self, code: str, counts_as: CountsAs, by: int = 1) -> None:
        """Count one contribution in (`by` 1) or, when it stops standing, out (`by` -1)."""
        self.counts[code] = self.counts.get(code, 0) + by
        if counts_as is CountsAs.question:
            self.questions += by
        elif counts_as is CountsAs.advice:
            self.advice += by
        else:
            self.other += by


def empty_tally(codebook: Sequence[Code]) -> Tally:
    """Every code of the codebook at zero."""
    return Tally(counts={code.name: 0 for code in codebook})


Said = tuple[str, str, int]
"""(member, code, how many): a member's contributions under one code, both as tagged."""


def said_counts(contributions: Iterable[Contribution]) -> list[Said]:
    """Contributions counted per member and code, in the order each pair was first made: all
    that `tally` and `tally_by_member` need of them, small enough to keep per meeting."""
    counts: dict[tuple[str, str], int] = {}
    for item in contributions:
        pair = (item.member, item.code)
        counts[pair] = counts.get(pair, 0) + 1
    return [(member, code, count) for (member, code), count in counts.items()]


def tally(contributions: Iterable[Contribution], codebook: Sequence[Code]) -> Tally:
    """Totals for a slot or a meeting. A code no longer in the codebook counts as other."""
    return tally_said(((item.member, item.code, 1) for item in contributions), codebook)


def tally_said(said: Iterable[Said], codebook: Sequence[Code]) -> Tally:
    """`tally` of contributions already counted (`said_counts`)."""
    kinds = counts_as(codebook)
    result = empty_tally(codebook)
    for _, code, count in said:
        result.add(code_name(codebook, code), kinds.get(code, CountsAs.other), count)
    return result


def tally_by_member(
    contributions: Iterable[Contribution], codebook: Sequence[Code], roster: Sequence[str] = ()
) -> dict[str, Tally]:
    """Per member counts: the roster first (zeros included), then anyone else as they spoke."""
    return tally_said_by_member(
        ((item.member, item.code, 1) for item in contributions), codebook, roster
    )


def tally_said_by_member(
    said: Iterable[Said], codebook: Sequence[Code], roster: Sequence[str] = ()
) -> dict[str, Tally]:
    """`tally_by_member` of contributions already counted (`said_counts`)."""
    kinds = counts_as(codebook)
    by_member: dict[str, Tally] = {name: empty_tally(codebook) for name in roster}
    spelling = {same_member(name): name for name in roster}
    for member, code, count in said:
        name = spelling.setdefault(same_member(member), member)
        if name not in by_member:
            by_member[name] = empty_tally(codebook)
        by_member[name].add(code_name(codebook, code), kinds.get(code, CountsAs.other), count)
    return by_member


def not_yet_asked(
    contributions: Iterable[Contribution], codebook: Sequence[Code], members: Sequence[str]
) -> list[str]:
    """Of `members` (those who count: `actionset.model.meeting.who_counts`), the ones who
    asked no question in these contributions (a slot's, or the whole meeting's)."""
    kinds = counts_as(codebook)
    asked = {
        same_member(item.member)
        for item in contributions
        if kinds.get(item.code) is CountsAs.question
    }
    return [name for name in members if same_member(name) not in asked]


def phase_mix(contributions: Iterable[Contribution], codebook: Sequence[Code]) -> dict[str, Tally]:
    """The mix of codes in each phase (e.g. Clarify against Probe), phases in order of use."""
    kinds = counts_as(codebook)
    mix: dict[str, Tally] = {}
    for item in contributions:
        if item.phase not in mix:
            mix[item.phase] = empty_tally(codebook)
        mix[item.phase].add(code_name(codebook, item.code), kinds.get(item.code, CountsAs.other))
    return mix


def running_counts(
    contributions: Iterable[Contribution], codebook: Sequence[Code]
) -> list[tuple[int, int]]:
    """(questions so far, advice so far) after each contribution: one point per contribution."""
    kinds = counts_as(codebook)
    questions = advice = 0
    points: list[tuple[int, int]] = []
    for item in contributions:
        kind = kinds.get(item.code, CountsAs.other)
        questions += kind is CountsAs.question
        advice += kind is CountsAs.advice
        points.append((questions, advice))
    return points


@dataclass(slots=True)
class Timeline:
    """Questions and advice per minute through a slot, ready for two Sparklines."""

    start: dt.datetime | None
    questions: list[int] = field(default_factory=list)
    advice: list[int] = field(default_factory=list)


def per_minute(
    contributions: Iterable[Contribution],
    codebook: Sequence[Code],
    start: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> Timeline:
    """Counts per whole minute from `start` (default: the first contribution) to `until`.

    Contributions with an unreadable time, or before `start`, are left out.
    """
    kinds = counts_as(codebook)
    counted = []
    for item in contributions:
        moment = moment_of(item.at)
        if moment is not None:
            kind = kinds.get(item.code, CountsAs.other)
            counted.append((moment, int(kind is CountsAs.question), int(kind is CountsAs.advice)))
    return minute_bins(counted, start, until)


def minute_bins(
    counted: Iterable[tuple[dt.datetime, int, int]],
    start: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> Timeline:
    """The timeline of (moment, questions, advice) counts: minute n holds the moments from
    `start` + n minutes (default start: the first moment) up to the next minute."""
    timed = list(counted)
    if start is None:
        if not timed:
            return Timeline(start=None)
        start = min(moment for moment, _, _ in timed)
    elif start.tzinfo is None:
        start = start.astimezone()
    if until is not None and until.tzinfo is None:
        until = until.astimezone()
    last = max([moment for moment, _, _ in timed] + ([until] if until else []), default=start)
    minutes = max(0, int((last - start).total_seconds() // 60)) + 1
    timeline = Timeline(start=start, questions=[0] * minutes, advice=[0] * minutes)
    for moment, questions, advice in timed:
        index = int((moment - start).total_seconds() // 60)
        if 0 <= index < minutes:
            timeline.questions[index] += questions
            timeline.advice[index] += advice
    return timeline


# ---------------------------------------------------------------------------- process review


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One line of the process review: a member (or "Member B") and their counts."""

    label: str
    questions: int
    advice: int
    other: int
    ratio: str


@dataclass(slots=True)
class ProcessReview:
    """What the room sees in the process review, named or anonymous: the whole meeting."""

    anonymous: bool
    rows: list[ReviewRow]
    totals: Tally
    phases: dict[str, Tally]
    not_asked: list[str]  # named: who asked nothing all meeting; anonymous: always empty
    silent_count: int
    beyond: list[tuple[str, int]] = field(default_factory=list)
    """What the totals count beyond the rows: each one with no row (the facilitator who is no
    member, a member who presented in every slot) and their contributions, as first tagged."""

    def adds(self, whole: str = "All") -> str:
        """What the totals add to the rows' sum, in words; empty when they are its sum."""
        if not self.beyond:
            return ""
        count = sum(n for _, n in self.beyond)
        said = f"{whole} adds {_plural(count, 'contribution', 'contributions')} by"
        if len(self.beyond) == 1:
            return f"{said} {self.beyond[0][0]}, who has no row."
        return f"{said} those with no row: " + ", ".join(f"{w} {n}" for w, n in self.beyond) + "."

    def lines(self) -> list[str]:
        """Plain English for the projector or the meeting record."""
        totals = self.totals
        out = [f"Whole meeting: {_counts_and_ratio(totals.questions, totals.advice, totals.other)}"]
        out += [
            f"  {phase}: {_counts_and_ratio(mix.questions, mix.advice, mix.other)}"
            for phase, mix in self.phases.items()
        ]
        out += [
            f"  {row.label}: {_counts_and_ratio(row.questions, row.advice, row.other)}"
            for row in self.rows
        ]
        if self.beyond:
            out.append(f"  {self.adds('The whole meeting')}")
        if self.not_asked:
            names = self.not_asked
            who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            verb = "has" if len(names) == 1 else "have"
            out.append(f"{who} {verb} not asked a question yet.")
        elif self.anonymous and self.silent_count:
            out.append(
                f"{_plural(self.silent_count, 'member has', 'members have')} "
                "not asked a question yet."
            )
        return out


def _counts_and_ratio(questions: int, advice: int, other: int) -> str:
    """ "4 questions, 6 pieces of advice (2 : 3)": the ratio only when there are both."""
    ratio = f" ({ratio_text(questions, advice)})" if questions and advice else ""
    return counts_text(questions, advice, other) + ratio


def process_review(
    contributions: Sequence[Contribution],
    codebook: Sequence[Code],
    members: Sequence[str],
    *,
    anonymous: bool = False,
    seed: str = "",
    facilitating: str = "",
) -> ProcessReview:
    """The room's summary of the whole meeting for the process review.

    `members` are those who count (`actionset.model.meeting.who_counts` for the whole
    meeting): one row each, in roster order when named. Anonymous: the same rows labelled
    "Member A", "Member B", ... in a shuffled order fixed by `seed` (the meeting's date), so a
    letter says nothing about roster order or rank and is not kept from one meeting to the
    next; the list of who has not asked is replaced by a count. Totals and the phase mix
    count every contribution, the facilitator's included; `beyond` says what they add to
    the rows. The meeting's facilitator (`facilitating`), when one of `members`, keeps their
    row, marked, and is never among those who have not asked; anonymous, their row is a letter
    like any other and the count of the silent is of the rows with no question, so that
    nothing the room sees singles out the member everyone knows facilitates.
    """
    members = list(members)
    by_member = tally_by_member(contributions, codebook, members)
    facilitator = facilitating.casefold()

    def marked(label: str, name: str) -> str:
        return (
            f"{label} (facilitating)" if facilitator and name.casefold() == facilitator else label
        )

    named = [
        (name, ReviewRow(marked(name, name), t.questions, t.advice, t.other, t.ratio_text))
        for name, t in by_member.items()
        if name in members
    ]
    silent = [name for name, row in named if row.questions == 0 and row.label == name]
    if anonymous:  # everyone knows who facilitates: no letter is marked, no row left out
        random.Random(seed).shuffle(named)
        named = [
            (name, ReviewRow(f"Member {_letter(i)}", r.questions, r.advice, r.other, r.ratio))
            for i, (name, r) in enumerate(named)
        ]
        silent = [name for name, row in named if row.questions == 0]
    rows = [row for _, row in named]
    beyond: dict[str, int] = {}
    with_rows = {same_member(name) for name in members}
    for contribution in contributions:
        if same_member(contribution.member) not in with_rows:
            who = contribution.member  # the room's summary names no facilitator
            if facilitator and who.casefold() == facilitator:
                who = "the facilitator"
            elif anonymous:
                who = "a member"
            beyond[who] = beyond.get(who, 0) + 1
    return ProcessReview(
        anonymous=anonymous,
        rows=rows,
        totals=tally(contributions, codebook),
        phases=phase_mix(contributions, codebook),
        not_asked=[] if anonymous else silent,
        silent_count=len(silent),
        beyond=list(beyond.items()),
    )


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
