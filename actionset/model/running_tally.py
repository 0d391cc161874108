"""The tag pane's figures kept up to date tag by tag, so a key costs the same at the 5,000th tag
as at the first.

`RunningTally` holds, for the whole meeting and for each slot (by its presenter as the agenda
has it now), the totals, a tally per member, who asked how many questions, the mix per phase
and the counts per moment: a tag, re-code, note or delete changes them by one contribution.
Each figure reads the same as its rule in `actionset.model.stats` computed afresh over the
same contributions (`tests/test_running_tally.py` checks this on random sequences).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from actionset.model.codebook import code_name, counts_as
from actionset.model.contributions import Contribution, moment_of, presenter_of, same_member
from actionset.model.set import Code, CountsAs
from actionset.model.stats import Tally, Timeline, empty_tally, minute_bins


class SlotFigures:
    """The figures of one slot, or of the whole meeting."""

    def __init__(self, codebook: Sequence[Code]) -> None:
        self._codebook = codebook
        self._names = {code.name for code in codebook}
        self.tally = empty_tally(codebook)
        """The totals: counts per code and what they add up to."""
        self._members: dict[str, Tally] = {}  # by `same_member`
        self._asked: Counter[str] = Counter()  # questions per `same_member`
        self._phases: dict[str, Tally] = {}
        self._phase_order: dict[str, dict[int, None]] = {}  # phase -> order numbers, made order
        self._moments: dict[dt.datetime, list[int]] = {}  # moment -> [questions, advice, count]

    def change(self, item: Contribution, order: int, code: str, kind: CountsAs, by: int) -> None:
        """Count `item` in (`by` 1) or out (`by` -1); `order` is its place in the meeting."""
        self._add(self.tally, code, kind, by)
        who = same_member(item.member)
        if who not in self._members:
            self._members[who] = empty_tally(self._codebook)
        self._add(self._members[who], code, kind, by)
        if kind is CountsAs.question:
            self._asked[who] += by
        if item.phase not in self._phases:
            self._phases[item.phase] = empty_tally(self._codebook)
            self._phase_order[item.phase] = {}
        self._add(self._phases[item.phase], code, kind, by)
        orders = self._phase_order[item.phase]
        if by > 0:
            orders[order] = None
        else:
            orders.pop(order, None)
            if not orders:
                del self._phases[item.phase], self._phase_order[item.phase]
        moment = moment_of(item.at)
        if moment is not None:
            counts = self._moments.setdefault(moment, [0, 0, 0])
            counts[0] += by * (kind is CountsAs.question)
            counts[1] += by * (kind is CountsAs.advice)
            counts[2] += by
            if not counts[2]:
                del self._moments[moment]

    def _add(self, tally: Tally, code: str, kind: CountsAs, by: int) -> None:
        tally.add(code, kind, by)
        if not tally.counts[code] and code not in self._names:
            del tally.counts[code]  # a code no longer in the codebook, no longer used

    def member(self, name: str) -> Tally:
        """The counts of one member (any spelling of their name): `stats.tally_by_member`."""
        return self._members.get(same_member(name)) or empty_tally(self._codebook)

    def not_yet_asked(self, members: Sequence[str]) -> list[str]:
        """Of `members`, those who asked no question: `stats.not_yet_asked`."""
        return [name for name in members if self._asked[same_member(name)] <= 0]

    def phase_mix(self) -> dict[str, Tally]:
        """The mix of codes in each phase, phases in order of use: `stats.phase_mix`."""
        first = {phase: min(orders) for phase, orders in self._phase_order.items()}
        return {phase: self._phases[phase] for phase in sorted(first, key=first.__getitem__)}

    def per_minute(self) -> Timeline:
        """Questions and advice per minute from the first contribution: `stats.per_minute`."""
        return minute_bins(
            ((moment, counts[0], counts[1]) for moment, counts in self._moments.items())
        )


class RunningTally:
    """The pane's figures for the contributions standing, changed one contribution at a time.

    `presenters` are the agenda's slot presenters when it was built (`slot_presenters`); when
    they change, the owner builds a new one (a contribution's slot may have a new presenter).
    """

    def __init__(
        self,
        codebook: Sequence[Code],
        presenters: Sequence[str],
        contributions: Iterable[Contribution] = (),
    ) -> None:
        self.codebook = list(codebook)
        self.presenters = tuple(presenters)
        self._kinds = counts_as(self.codebook)
        self.meeting = SlotFigures(self.codebook)
        """The whole meeting's figures."""
        self._slots: dict[str, SlotFigures] = {}  # by `same_member` of the presenter
        self._order: dict[int, int] = {}  # contribution id -> its place in the meeting
        self._next = 0
        for item in contributions:
            self.change(item.id, None, item)

    def slot(self, presenter: str) -> SlotFigures:
        """The figures of the slot of `presenter` (`stats`' `slot`), empty if none yet."""
        return self._slots.get(same_member(presenter)) or SlotFigures(self.codebook)

    def change(self, ident: int, old: Contribution | None, new: Contribution | None) -> None:
        """Contribution `ident` was `old` (None: not standing) and is now `new`."""
        if old is None and new is None:
            return
        if old is None:
            self._order[ident] = self._next
            self._next += 1
        order = self._order[ident]
        if old is not None:
            self._count(old, order, -1)
        if new is None:
            del self._order[ident]
        else:
            self._count(new, order, 1)

    def _count(self, item: Contribution, order: int, by: int) -> None:
        code = code_name(self.codebook, item.code)
        kind = self._kinds.get(item.code, CountsAs.other)
        key = same_member(presenter_of(item, self.presenters))
        if key not in self._slots:
            self._slots[key] = SlotFigures(self.codebook)
        for figures in (self.meeting, self._slots[key]):
            figures.change(item, order, code, kind, by)
