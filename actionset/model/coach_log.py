"""The coach's prompts as a meeting's journal logged them: for the minutes, the reports and
the room's list in the process review, which names no member."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from actionset.model.agenda import is_placeholder
from actionset.model.coach import Prompt, logged_prompt
from actionset.model.coach_settings import PromptKind


@dataclass(frozen=True)
class LoggedPrompt:
    """A prompt as the journal logged it, for the minutes and the reports."""

    at: str
    prompt: Prompt
    dismissed: bool


def prompts_logged(events: Iterable[dict[str, Any]]) -> list[LoggedPrompt]:
    """The prompts a meeting's journal logged, in the order shown: each at the time, phase and
    slot it first showed, in the last words it showed (a prompt reworded while it waited is
    logged again)."""
    shown: dict[int, tuple[str, Prompt]] = {}
    dismissed: set[int] = set()
    for event in events:
        if event.get("op") == "prompt":
            prompt = logged_prompt(event)
            if prompt is not None:
                at, first = shown.get(event["n"], (str(event.get("at", "")), prompt))
                shown[event["n"]] = (at, first.reworded(prompt))
        elif event.get("op") == "dismiss" and type(event.get("n")) is int:
            dismissed.add(event["n"])
    return [LoggedPrompt(at, prompt, number in dismissed) for number, (at, prompt) in shown.items()]


TIMELINE: dict[PromptKind, str] = {
    PromptKind.advice_creeping: "advice crept in",
    PromptKind.silent_member: "someone stayed silent",
    PromptKind.dominating: "one voice took over",
    PromptKind.closed_run: "a run of closed questions",
    PromptKind.no_open_question: "no open question early on",
    PromptKind.statements: "statements crept in",
    PromptKind.actions_without_time: "the actions ran short of time",
}
"""Each prompt kind as the room may hear it in the process review: naming no member."""


def timeline(prompts: Sequence[LoggedPrompt], presenters: Sequence[str]) -> list[str]:
    """The prompts of a meeting for the room ("10:43 advice crept in during Tom Reyes's
    probe"): a time, what happened and where, never who; `presenters` by slot. Prompts of one
    kind in one phase are one line, at the first one's time, saying how many there were ("(2
    prompts, about 2 members)"), as a list naming nobody would read the same line twice as a
    repeat."""
    alike: dict[tuple[PromptKind, int | None, str], list[LoggedPrompt]] = {}
    for logged in prompts:
        prompt = logged.prompt
        alike.setdefault((prompt.kind, prompt.slot, prompt.phase), []).append(logged)
    lines = []
    for (kind, slot, phase_title), group in alike.items():
        at = group[0].at[11:16] if len(group[0].at) >= 16 else "--:--"
        presenter = presenters[slot] if slot is not None and 0 <= slot < len(presenters) else ""
        phase = phase_title.lower()
        if not phase:
            where = "during the meeting"
        elif presenter and not is_placeholder(presenter):
            where = f"during {presenter}'s {phase}"
        else:
            where = f"during the {phase}"  # "crept in in clarify" read as a slip
        about = {logged.prompt.subject for logged in group if logged.prompt.subject}
        count = f"{len(group)} prompts" if len(group) > 1 else ""
        if count and len(about) > 1:
            count += f", about {len(about)} members"
        lines.append(f"{at} {TIMELINE[kind]} {where}" + (f" ({count})" if count else ""))
    return lines
