"""Coach prompts: hints for the facilitator from the tags as they happen.

Each prompt kind is a pure rule over one `Moment` of the meeting (the contributions standing,
the phase, the slot's presenter, who counts and the clock) with thresholds a set may change in
`set.toml`:

    [coach]
    enabled = true            # false switches every prompt off
    off = ["dominating"]      # prompt kinds switched off one by one
    repeat_minutes = 5        # a prompt comes back in a slot only for a new cause, this long after

    [coach.advice-creeping]
    at_least = 3
    of_last = 5
    question = "What kind of questions are we asking {presenter}?"

`Coach` runs the rules after every tag and every second of the clock, and decides which
prompts are new: the same prompt does not repeat in the same slot unless its cause happens
again `repeat_minutes` after it was shown. The console logs each prompt shown, and its
dismissal, in the meeting's journal (`prompt_event`, `dismiss_event`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from actionset.model.agenda import is_placeholder
from actionset.model.coach_settings import CoachSettings, PromptKind
from actionset.model.coach_tally import SlotTally
from actionset.model.contributions import Contribution
from actionset.model.meeting import QUESTIONING as QUESTIONING  # its home is the meeting
from actionset.model.meeting import PhaseKind
from actionset.model.set import Code, CountsAs

OPEN_QUESTION = "open-question"
CLOSED_QUESTION = "closed-question"
"""The codebook's names for open and closed questions (a set's codebook keeps them to have the
prompts about them)."""


# ---------------------------------------------------------------------------- a moment


@dataclass(frozen=True)
class Moment:
    """What the prompts look at, at one moment of the meeting."""

    contributions: Sequence[Contribution]
    """The contributions standing, in the order made."""
    codebook: Sequence[Code]
    phase: PhaseKind | None
    phase_title: str = ""
    slot: int | None = None
    presenter: str = ""
    counting: Sequence[str] = ()
    """The members who count in this slot (`who_counts`): present, not presenting."""
    phase_elapsed: float = 0
    phase_left: float = 0
    questioning_elapsed: float = 0
    """Seconds spent so far in this slot's questioning phases."""
    questioning_planned: float = 0
    questioning: frozenset[str] | None = None
    """The titles of this slot's questioning phases, when known: the advice window counts only
    the contributions made in them (not a remark tagged while the presenter presented)."""
    actions_agreed: int = 0
    """The actions agreed so far in this slot."""
    tally: SlotTally | None = None
    """This slot's tally, when the caller keeps it up to date (`Tallies`); else counted."""

    @cached_property
    def in_slot(self) -> SlotTally:
        """This slot's contributions, counted (a tag from before tags had slots: by its
        presenter)."""
        if self.tally is not None:
            return self.tally
        if self.slot is None:
            return SlotTally()
        return SlotTally.of(
            c
            for c in self.contributions
            if c.slot == self.slot or (c.slot is None and c.presenter == self.presenter)
        )


@dataclass(frozen=True)
class Prompt:
    """A hint for the coach: what happened, and a question to put to the set."""

    kind: PromptKind
    said: str
    """What happened, in one line: "Advice creeping in: 3 of the last 5 were advice"."""
    question: str
    slot: int | None
    phase: str
    subject: str = ""
    """Who or what it is about, when a prompt can fire for several in a slot (a member)."""
    cause: str = ""
    """What caused it (the contributions it counted): a new cause may bring it back."""

    @property
    def key(self) -> tuple[PromptKind, int | None, str]:
        return self.kind, self.slot, self.subject

    def reworded(self, words: Prompt) -> Prompt:
        """This prompt in new `words` as it waits: still where it first fired (its phase and
        slot, though the meeting moved on) and for what caused it."""
        return replace(words, phase=self.phase, slot=self.slot, cause=self.cause)


Rule = Callable[[Moment, CoachSettings], list[Prompt]]


def _prompt(
    moment: Moment,
    settings: CoachSettings,
    kind: PromptKind,
    said: str,
    cause: Iterable[Contribution] = (),
    *,
    subject: str = "",
) -> Prompt:
    question = settings.question(kind).format_map(
        _Blanks(
            presenter=(
                "the presenter"
                if not moment.presenter or is_placeholder(moment.presenter)
                else moment.presenter
            ),
            member=subject,
        )
    )
    return Prompt(
        kind=kind,
        said=said,
        question=question,
        slot=moment.slot,
        phase=moment.phase_title,
        subject=subject,
        cause=",".join(str(c.id) for c in cause),
    )


class _Blanks(dict[str, str]):
    """A set's question may name a blank we do not fill: it is left as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _counts(codebook: Sequence[Code]) -> dict[str, CountsAs]:
    return {code.name: code.counts_as for code in codebook} | {
        code.key: code.counts_as for code in codebook
    }


def advice_creeping(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """In clarify or probe, at least 3 of the last 5 contributions are advice or leading.

    The window is full before it counts: the slot's questioning has had at least `of_last`
    contributions, so 3 advice of the first 3 or 4 questions is not yet "3 of the last 5"."""
    rule = settings.advice_creeping
    if moment.phase not in QUESTIONING:
        return []
    asked = moment.questioning
    tail = moment.in_slot.tail
    last = (tail if asked is None else [c for c in tail if c.phase in asked])[-rule.of_last :]
    kinds = _counts(moment.codebook)
    advice = [c for c in last if kinds.get(c.code) is CountsAs.advice]
    if len(last) < rule.of_last or len(advice) < rule.at_least:
        return []
    said = f"Advice creeping in: {len(advice)} of the last {len(last)} were advice"
    return [_prompt(moment, settings, PromptKind.advice_creeping, said, last[-1:])]


def silent_member(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """A member present has said nothing in this slot after half of its questioning time."""
    rule = settings.silent_member
    if moment.phase not in QUESTIONING or moment.questioning_planned <= 0:
        return []
    if moment.questioning_elapsed < rule.after_share * moment.questioning_planned:
        return []
    spoke = moment.in_slot.spoke()
    silent = [member for member in moment.counting if member.casefold() not in spoke]
    if not silent:
        return []
    minutes = int(moment.questioning_elapsed // 60)
    who = silent[0] if len(silent) == 1 else f"{', '.join(silent[:-1])} and {silent[-1]}"
    verb = "has" if len(silent) == 1 else "have"
    said = f"{who} {verb} said nothing in {minutes} min of questioning"
    called = silent[0] if len(silent) == 1 else f"{', '.join(silent[:-1])} or {silent[-1]}"
    prompt = _prompt(moment, settings, PromptKind.silent_member, said, subject=called)
    # one prompt for every member silent; a change in who is silent is a new cause
    return [replace(prompt, subject="", cause="|".join(silent))]


def dominating(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """One member made at least 40% of a slot's contributions, once it has 10."""
    rule = settings.dominating
    tally = moment.in_slot
    if moment.phase not in QUESTIONING or tally.total < rule.after:
        return []
    return [
        _prompt(
            moment,
            settings,
            PromptKind.dominating,
            f"{member} made {count} of the {tally.total} contributions "
            f"({count * 100 // tally.total}%)",
            tally.tail[-1:],
            subject=member,
        )
        for member, count in tally.members.items()
        if count >= rule.share * tally.total
    ]


def closed_run(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """Four closed questions in a row in probe."""
    rule = settings.closed_run
    if moment.phase is not PhaseKind.probe:
        return []
    last = moment.in_slot.tail[-rule.run :]
    if len(last) < rule.run or any(c.code != CLOSED_QUESTION for c in last):
        return []
    said = f"{rule.run} closed questions in a row"
    return [_prompt(moment, settings, PromptKind.closed_run, said, last[-1:])]


def no_open_question(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """No open question in the first five minutes of probe."""
    rule = settings.no_open_question
    if moment.phase is not PhaseKind.probe or moment.phase_elapsed < rule.minutes * 60:
        return []
    if moment.in_slot.codes.get((moment.phase_title, OPEN_QUESTION)):
        return []
    said = f"No open question in the first {rule.minutes:g} min of {moment.phase_title}"
    return [_prompt(moment, settings, PromptKind.no_open_question, said)]


def statements(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """Three statements in a slot's questioning."""
    rule = settings.statements
    if moment.phase not in QUESTIONING:
        return []
    kinds = _counts(moment.codebook)
    count = sum(
        n for (_, code), n in moment.in_slot.codes.items() if kinds.get(code) is CountsAs.other
    )
    if count < rule.count:
        return []
    prompt = _prompt(
        moment, settings, PromptKind.statements, f"{count} statements in this questioning"
    )
    return [replace(prompt, cause=str(count))]


def actions_without_time(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """The actions phase has less than three minutes left and no action is recorded."""
    rule = settings.actions_without_time
    if moment.phase is not PhaseKind.actions or moment.actions_agreed:
        return []
    if moment.phase_left >= rule.minutes * 60:
        return []
    left = max(0, int(moment.phase_left // 60))
    said = f"No action recorded yet, {left} min left for actions"
    return [_prompt(moment, settings, PromptKind.actions_without_time, said)]


RULES: dict[PromptKind, Rule] = {
    PromptKind.advice_creeping: advice_creeping,
    PromptKind.silent_member: silent_member,
    PromptKind.dominating: dominating,
    PromptKind.closed_run: closed_run,
    PromptKind.no_open_question: no_open_question,
    PromptKind.statements: statements,
    PromptKind.actions_without_time: actions_without_time,
}


def prompts_now(moment: Moment, settings: CoachSettings) -> list[Prompt]:
    """Every prompt whose cause holds at this moment, for the kinds switched on."""
    if not settings.enabled:
        return []
    return [
        prompt
        for kind, rule in RULES.items()
        if settings.is_on(kind)
        for prompt in rule(moment, settings)
    ]


# ---------------------------------------------------------------------------- the coach


@dataclass
class Shown:
    """A prompt the coach has been shown, for the log and for the repeat rule."""

    number: int
    prompt: Prompt
    at: float
    dismissed: bool = False
    holds: bool = True
    """Whether its cause still holds: a prompt read and then overtaken stops waiting."""
    seen: bool = False
    """Whether it has been on screen (a prompt restored from the journal counts as seen)."""
    kept: bool = False
    """Overtaken before it was ever on screen: it waits all the same, until dismissed."""

    @property
    def waiting(self) -> bool:
        return not self.dismissed and (self.holds or self.kept)


@dataclass
class Coach:
    """Which prompts are new: each is shown once per slot, and again only when its cause
    happens again `repeat_minutes` after it was last shown."""

    settings: CoachSettings
    shown: list[Shown] = field(default_factory=list)
    reworded: list[Shown] = field(default_factory=list)
    """The prompts waiting whose words the last `after` changed: logged again as shown."""

    def after(self, moment: Moment, at: float) -> list[Shown]:
        """The prompts new at `at` (seconds, any clock), recorded as shown.

        A prompt still waiting is kept up to date with what holds now rather than shown again,
        and when its words change it is in `reworded`, to be logged again: the words on screen
        are always words the journal has. A prompt overtaken before it was ever on screen
        still waits to be read, in its last words; one read and overtaken stops waiting. One
        dismissed or overtaken comes back for a new cause `repeat_minutes` after it showed.
        """
        now = {prompt.key: prompt for prompt in prompts_now(moment, self.settings)}
        self.reworded = []
        for entry in self.shown:
            holds = entry.prompt.key in now
            if entry.holds and not holds and not entry.seen and not entry.dismissed:
                entry.kept = True
            entry.holds = holds
            if holds and not entry.dismissed:
                fresh = entry.prompt.reworded(now[entry.prompt.key])
                if fresh != entry.prompt:
                    entry.prompt = fresh
                    self.reworded.append(entry)
        last = {entry.prompt.key: entry for entry in self.shown}
        new: list[Shown] = []
        for key, prompt in now.items():
            before = last.get(key)
            if before is not None and (
                before.waiting
                or not prompt.cause
                or prompt.cause == before.prompt.cause
                or at - before.at < self.settings.repeat_minutes * 60
            ):
                continue
            entry = Shown(len(self.shown) + 1, prompt, at)
            self.shown.append(entry)
            new.append(entry)
        return new

    def waiting(self) -> list[Shown]:
        """The prompts not dismissed whose cause still holds or which were never read, oldest
        first."""
        return [entry for entry in self.shown if entry.waiting]

    def on_screen(self, number: int) -> None:
        """The coach can read prompt `number` now."""
        for entry in self.shown:
            if entry.number == number:
                entry.seen = True

    def dismiss(self, number: int) -> Shown | None:
        for entry in self.shown:
            if entry.number == number and not entry.dismissed:
                entry.dismissed = True
                return entry
        return None

    def restore(self, events: Iterable[dict[str, Any]], at: Callable[[str], float]) -> None:
        """The prompts a journal logged (after a restart), in their last words: not shown again,
        dismissals kept."""
        numbered: dict[int, Shown] = {}
        for event in events:
            if event.get("op") == "prompt":
                prompt = logged_prompt(event)
                if prompt is not None and event["n"] in numbered:
                    entry = numbered[event["n"]]
                    entry.prompt = entry.prompt.reworded(prompt)  # while it waited
                elif prompt is not None:
                    number = event["n"]
                    when = at(str(event.get("at", "")))
                    numbered[number] = Shown(number, prompt, when, seen=True)
                    self.shown.append(numbered[number])
            elif event.get("op") == "dismiss" and type(event.get("n")) is int:
                self.dismiss(event["n"])


# ---------------------------------------------------------------------------- the log


def prompt_event(entry: Shown, at: dt.datetime) -> dict[str, Any]:
    """The journal line that logs a prompt shown."""
    prompt = entry.prompt
    return {
        "op": "prompt",
        "n": entry.number,
        "at": at.isoformat(timespec="seconds"),
        "kind": prompt.kind.value,
        "phase": prompt.phase,
        "slot": prompt.slot,
        "subject": prompt.subject,
        "said": prompt.said,
        "question": prompt.question,
        "cause": prompt.cause,
    }


def dismiss_event(entry: Shown, at: dt.datetime) -> dict[str, Any]:
    """The journal line that logs a prompt dismissed."""
    return {"op": "dismiss", "n": entry.number, "at": at.isoformat(timespec="seconds")}


def logged_prompt(event: dict[str, Any]) -> Prompt | None:
    """The prompt a journal line logged; None when the line is not a valid one."""
    try:
        kind = PromptKind(str(event.get("kind")))
    except ValueError:
        return None
    if type(event.get("n")) is not int:
        return None
    slot = event.get("slot")
    return Prompt(
        kind=kind,
        said=str(event.get("said", "")),
        question=str(event.get("question", "")),
        slot=slot if type(slot) is int else None,
        phase=str(event.get("phase", "")),
        subject=str(event.get("subject", "")),
        cause=str(event.get("cause", "")),
    )
