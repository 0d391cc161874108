"""The coach's settings: the `[coach]` table of `set.toml` (see `actionset.model.coach`)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import ConfigDict, Field

from actionset.model.base import Record


class PromptKind(StrEnum):
    """The prompt kinds, by the names `set.toml`, the journal and the minutes use."""

    advice_creeping = "advice-creeping"
    silent_member = "silent-member"
    dominating = "dominating"
    closed_run = "closed-run"
    no_open_question = "no-open-question"
    statements = "statements"
    actions_without_time = "actions-without-time"


class PromptSetting(Record):
    """What every prompt kind has: on or off, and the question it offers the coach."""

    on: bool = True
    question: str = ""
    """The question to put to the set; `{presenter}` and `{member}` are filled in."""


class AdviceCreeping(PromptSetting):
    at_least: int = Field(default=3, ge=1, le=100)
    of_last: int = Field(default=5, ge=1, le=100)


class SilentMember(PromptSetting):
    after_share: float = Field(default=0.5, ge=0, le=1)
    """The share of the slot's questioning time after which a silent member is named."""


class Dominating(PromptSetting):
    share: float = Field(default=0.4, gt=0, le=1)
    after: int = Field(default=10, ge=1, le=1000)
    """The slot's contributions before anyone can be said to dominate."""


class ClosedRun(PromptSetting):
    run: int = Field(default=4, ge=1, le=100)


class NoOpenQuestion(PromptSetting):
    minutes: float = Field(default=5, ge=0, le=600)


class Statements(PromptSetting):
    count: int = Field(default=3, ge=1, le=100)


class ActionsWithoutTime(PromptSetting):
    minutes: float = Field(default=3, ge=0, le=600)


QUESTIONS: dict[PromptKind, str] = {
    PromptKind.advice_creeping: "What kind of questions are we asking {presenter}?",
    PromptKind.silent_member: "{member}, is there a question you would like to ask {presenter}?",
    PromptKind.dominating: "Could we hear from those who have not asked yet?",
    PromptKind.closed_run: "What question might open this up for {presenter}?",
    PromptKind.no_open_question: "What have we not yet asked {presenter}?",
    PromptKind.statements: "Can we put that as a question to {presenter}?",
    PromptKind.actions_without_time: "What will {presenter} do before the set next meets?",
}
"""The question each prompt offers, in the spirit of the method; a set may replace any."""


class CoachSettings(Record):
    """The `[coach]` table of `set.toml`; every field may be left out."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, allow_inf_nan=False, populate_by_name=True
    )
    enabled: bool = True
    off: list[PromptKind] = Field(default_factory=list)
    repeat_minutes: float = Field(default=5, ge=0, le=600)
    advice_creeping: AdviceCreeping = Field(default_factory=AdviceCreeping, alias="advice-creeping")
    silent_member: SilentMember = Field(default_factory=SilentMember, alias="silent-member")
    dominating: Dominating = Field(default_factory=Dominating)
    closed_run: ClosedRun = Field(default_factory=ClosedRun, alias="closed-run")
    no_open_question: NoOpenQuestion = Field(
        default_factory=NoOpenQuestion, alias="no-open-question"
    )
    statements: Statements = Field(default_factory=Statements)
    actions_without_time: ActionsWithoutTime = Field(
        default_factory=ActionsWithoutTime, alias="actions-without-time"
    )

    def setting(self, kind: PromptKind) -> PromptSetting:
        setting: PromptSetting = getattr(self, kind.name)
        return setting

    def is_on(self, kind: PromptKind) -> bool:
        return self.enabled and kind not in self.off and self.setting(kind).on

    def question(self, kind: PromptKind) -> str:
        return self.setting(kind).question or QUESTIONS[kind]
