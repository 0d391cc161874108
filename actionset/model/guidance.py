"""Guidance for a member new to facilitating: what to do now in each phase, and what to ask.

On the console only, under the clock. On by default for a set its members lead
(`kind = "member-led"`), off for a set with an external adviser; a set turns it on or off
and words any phase its own way in `set.toml`:

    [guidance]
    on = true                        # or false; unset: on for a member-led set
    [guidance.probe]
    do = "Open questions only: help them think, never tell them what to do."
    ask = ["What else?", "Whose questions haven't we heard yet?"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ConfigDict, Field

from actionset.model.base import Record
from actionset.model.meeting import PhaseKind

if TYPE_CHECKING:
    from actionset.model.set import Set

MAX_QUESTIONS = 2
"""One or two questions a phase: more would not be read in the room."""


class Guidance(Record):
    """One phase's guidance: what to do now, and the questions to put to the set."""

    do: str = Field(default="", max_length=200)
    ask: list[str] = Field(default_factory=list, max_length=MAX_QUESTIONS)


class PhaseGuidance(Record):
    """A phase's table in `[guidance]`: each key given replaces the default's, the others stay."""

    do: str | None = Field(default=None, min_length=1, max_length=200)
    ask: list[str] | None = Field(default=None, max_length=MAX_QUESTIONS)


class GuidanceSettings(Record):
    """The `[guidance]` table of `set.toml`: on or off, and a set's own words for any phase,
    each phase by its kind's name (`[guidance.check-in]`, `[guidance.process-review]`)."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, allow_inf_nan=False, populate_by_name=True
    )
    on: bool | None = None
    """Unset: on for a member-led set, off for one with an external adviser."""
    check_in: PhaseGuidance | None = Field(default=None, alias="check-in")
    report_back: PhaseGuidance | None = Field(default=None, alias="report-back")
    bids: PhaseGuidance | None = None
    present: PhaseGuidance | None = None
    clarify: PhaseGuidance | None = None
    probe: PhaseGuidance | None = None
    actions: PhaseGuidance | None = None
    reflect: PhaseGuidance | None = None
    questions: PhaseGuidance | None = None
    reframe: PhaseGuidance | None = None
    break_: PhaseGuidance | None = Field(default=None, alias="break")
    process_review: PhaseGuidance | None = Field(default=None, alias="process-review")
    close: PhaseGuidance | None = None
    other: PhaseGuidance | None = None

    def own(self, kind: PhaseKind) -> PhaseGuidance | None:
        """The set's own words for a kind of phase, if it gave any."""
        own: PhaseGuidance | None = getattr(self, kind.name)
        return own


DEFAULT_GUIDANCE: dict[PhaseKind, Guidance] = {
    PhaseKind.check_in: Guidance(
        do="Go round once: how each arrives today; read the ground rules together.",
        ask=["How are you arriving today?", "What do we need from each other this time?"],
    ),
    PhaseKind.report_back: Guidance(
        do="Each in turn, briefly: what they did, what happened, what they learnt.",
        ask=["What happened, and what did you learn from it?", "Keep it, change it or drop it?"],
    ),
    PhaseKind.bids: Guidance(
        do="Each says if they want time, how much, how pressing; who waited longest?",
        ask=["Who needs time today, and how much?", "Who has not had time for a while?"],
    ),
    PhaseKind.present: Guidance(
        do="The presenter has the floor; the set listens, questions come later.",
        ask=["What would you like from the set today?"],
    ),
    PhaseKind.clarify: Guidance(
        do="Help the set see the issue as the presenter does: what, who, since when.",
        ask=["What do we still need to know to understand it?", "Are we asking, or suggesting?"],
    ),
    PhaseKind.probe: Guidance(
        do="Go deeper, one open question at a time; let them find their own way.",
        ask=[
            "Which questions helped them think, which told them what to do?",
            "Whose questions haven't we heard yet?",
        ],
    ),
    PhaseKind.questions: Guidance(
        do="Questions only; a statement only to answer one. Anyone may ask anyone.",
        ask=[
            "What kind of questions have we been asking?",
            "What could we ask that opens this up?",
        ],
    ),
    PhaseKind.reframe: Guidance(
        do="A round: each says what the issue now is; the presenter picks what fits.",
        ask=["What is the issue now, as each of you sees it?"],
    ),
    PhaseKind.actions: Guidance(
        do="The presenter names their actions in their words; read each one back.",
        ask=["What will you do before we next meet?", "How will we know it is done?"],
    ),
    PhaseKind.reflect: Guidance(
        do="The presenter says what they take away; the set listens, adds nothing.",
        ask=["What are you taking away from this?", "What helped you most just now?"],
    ),
    PhaseKind.break_: Guidance(
        do="Say when the set starts again, and be back on time yourself.",
        ask=["Is everyone clear when we start again?"],
    ),
    PhaseKind.process_review: Guidance(
        do="How the set questioned and learnt today: keep this time whole.",
        ask=["How are we doing as a set? What went well?", "What could we do better next time?"],
    ),
    PhaseKind.close: Guidance(
        do="Agree the next date and who facilitates it; a last word from each.",
        ask=["When do we next meet, and who facilitates?", "One word on today, each of you?"],
    ),
    PhaseKind.other: Guidance(
        do="Keep the time and the ground rules; say what this part is for.",
        ask=["What does the set need from this time?"],
    ),
}
"""What to do now in each kind of phase, in the spirit of the method; a set may replace any."""


def guidance_on(the_set: Set) -> bool:
    """Whether the console shows the guidance: as the set says, else for a member-led set."""
    from actionset.model.set import SetKind

    settings = the_set.guidance
    if settings is not None and settings.on is not None:
        return settings.on
    return the_set.kind is SetKind.member_led


def guidance_for(the_set: Set, kind: PhaseKind) -> Guidance:
    """A phase's guidance: the set's own words where it gave them, else the default's."""
    default = DEFAULT_GUIDANCE[kind]
    own = the_set.guidance.own(kind) if the_set.guidance is not None else None
    if own is None:
        return default
    return Guidance(
        do=default.do if own.do is None else own.do,
        ask=default.ask if own.ask is None else own.ask,
    )


def guidance_lines(guidance: Guidance) -> list[str]:
    """The guidance as the console shows it: what to do now, then the questions."""
    lines = [f"Now: {guidance.do}"] if guidance.do else []
    if guidance.ask:
        lines.append("Ask: " + " · ".join(guidance.ask))
    return lines
