"""The one rule of what each audience may see (`actionset.model.audience`), and the set's
consent to it in set.toml (`share_names`, a member's `share`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from actionset import cli
from actionset.model.action import Action, ReportBack
from actionset.model.audience import (
    RULES,
    SMALLEST_GROUP,
    TOO_FEW,
    Audience,
    Shown,
    figure,
    individual,
    individuals,
    may_name,
    may_show,
    set_label,
    shown,
    too_few,
)
from actionset.model.coach import Prompt
from actionset.model.coach_log import LoggedPrompt
from actionset.model.contributions import Contribution
from actionset.model.issue import Issue, StatusChange
from actionset.model.meeting import (
    AgendaPhase,
    Attendance,
    Bid,
    ClockState,
    Meeting,
    NextMeeting,
    PlanChange,
    Presentation,
)
from actionset.model.set import Member, Set
from actionset.model.voice import Answer, Round, Statement

RECORDS = (
    Set,
    Member,
    Meeting,
    Attendance,
    Bid,
    Presentation,
    NextMeeting,
    AgendaPhase,
    ClockState,
    PlanChange,
    Issue,
    StatusChange,
    Action,
    ReportBack,
)
JOURNAL = (Contribution, LoggedPrompt, Prompt, Round, Statement, Answer)


def every_field() -> set[str]:
    fields = {f"{model.__name__}.{name}" for model in RECORDS for name in model.model_fields}
    fields |= {f"{kind.__name__}.{f.name}" for kind in JOURNAL for f in dataclasses.fields(kind)}
    return fields


def test_every_field_of_every_record_has_one_rule_and_the_rule_no_other() -> None:
    assert set(RULES) == every_field()


def test_the_set_sees_everything_and_research_no_name_nor_free_text() -> None:
    for field in RULES:
        assert shown(Audience.set, field) is not Shown.hidden, field
    for field in (
        "Member.name",
        "Action.owner",
        "Action.text",
        "ReportBack.outcome",
        "Issue.title",
        "Contribution.member",
        "Set.name",
        "Meeting.place",
    ):
        assert not may_show(Audience.research, field), field


@pytest.mark.parametrize(
    "field",
    [
        "Presentation.reflections",
        "Meeting.reflections",
        "ReportBack.note",
        "Issue.title",
        "Issue.description",
        "StatusChange.note",
        "Contribution.member",
        "Contribution.note",
        "Prompt.said",
        "Bid.new_issue",
    ],
)
def test_a_sponsor_sees_no_reflection_note_issue_nor_tag_detail(field: str) -> None:
    assert not may_show(Audience.sponsor, field)


def test_a_sponsor_sees_the_actions_and_their_outcomes() -> None:
    for field in ("Action.text", "Action.status", "Action.due", "ReportBack.outcome"):
        assert shown(Audience.sponsor, field) is Shown.written
    assert shown(Audience.sponsor, "Contribution.code") is Shown.figure


def _set(share_names: bool = False, *withheld: str) -> Set:
    names = ["Ann Bell", "Bo Chan", "Cy Diaz", "Di Eze", "Ed Fox"]
    return Set(
        name="A set",
        facilitator="Val Adviser",
        share_names=share_names,
        members=[Member(name=n, share=n not in withheld) for n in names],
    )


def test_names_reach_a_sponsor_only_when_the_set_agreed_and_the_member_shares() -> None:
    assert may_name(Audience.set, _set(), "Ann Bell")
    assert not may_name(Audience.sponsor, _set(), "Ann Bell")
    assert may_name(Audience.sponsor, _set(True), "Ann Bell")
    assert not may_name(Audience.sponsor, _set(True, "Ann Bell"), "Ann Bell")
    assert may_name(Audience.sponsor, _set(True), "Val Adviser"), "an adviser is no member"
    assert not may_name(Audience.research, _set(True), "Ann Bell")


def test_a_member_who_does_not_share_has_no_line_of_their_own_outside_the_set() -> None:
    the_set = _set(True, "Bo Chan")
    assert individual(Audience.set, the_set, "Bo Chan")
    assert not individual(Audience.sponsor, the_set, "Bo Chan")
    assert not individual(Audience.research, the_set, "Bo Chan")
    assert individual(Audience.sponsor, the_set, "Ann Bell")


def test_per_member_rows_never_show_by_difference_one_who_does_not_share() -> None:
    names = [m.name for m in _set().members]
    assert individuals(Audience.set, _set(), names) == names
    assert individuals(Audience.sponsor, _set(), names) == [], "names not shared"
    assert individuals(Audience.sponsor, _set(True), names) == names
    # One or two left out: the set's total less the others' rows would be theirs.
    assert individuals(Audience.sponsor, _set(True, "Bo Chan"), names) == []
    assert individuals(Audience.sponsor, _set(True, "Ann Bell", "Bo Chan"), names) == []
    three = _set(True, "Ann Bell", "Bo Chan", "Cy Diaz")
    assert individuals(Audience.sponsor, three, names) == ["Di Eze", "Ed Fox"]
    assert individuals(Audience.research, _set(True), names) == []


def test_a_figure_about_fewer_than_three_people_is_too_few_to_show_outside_the_set() -> None:
    assert SMALLEST_GROUP == 3 and TOO_FEW == "too few to show"
    assert figure(Audience.set, 1, "100%") == "100%"
    assert figure(Audience.sponsor, 2, "100%") == TOO_FEW
    assert figure(Audience.research, 3, "67%") == "67%"
    assert too_few(Audience.sponsor, ["Ann Bell", "ann  bell", "Bo Chan"]), "each person once"
    assert not too_few(Audience.sponsor, ["Ann Bell", "Bo Chan", "Cy Diaz"])
    assert figure(Audience.research, 0, "0 outcomes") == "0 outcomes", "about nobody"


def test_research_knows_a_set_by_its_kind_and_number_only() -> None:
    assert set_label(Audience.set, _set()) == "A set"
    assert set_label(Audience.sponsor, _set(), 2) == "A set"
    assert set_label(Audience.research, _set(), 2) == "Set 2 (horizontal)"
    assert set_label(Audience.research, _set()) == "A horizontal set"


# ---------------------------------------------------------------------------- set.toml


def test_share_and_share_names_are_checked_like_every_field(
    capsys: pytest.CaptureFixture[str], sets_dir: Path
) -> None:
    path = sets_dir / "demo" / "set.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("cadence_weeks = 6\n", 'cadence_weeks = 6\nshare_names = "perhaps"\n')
    text = text.replace("retired = false\n", 'retired = false\nshare = "never"\n', 1)
    path.write_text(text, encoding="utf-8")
    assert cli.main(["check", "demo", "--sets-dir", str(sets_dir)]) == 1
    out = capsys.readouterr().out
    lines = text.splitlines()
    share_names_line = lines.index('share_names = "perhaps"') + 1
    share_line = lines.index('share = "never"') + 1
    assert f"set.toml:{share_names_line}: share_names:" in out
    assert f"set.toml:{share_line}: members.0.share:" in out


def test_a_set_saved_without_sharing_reads_as_it_did_and_with_it_keeps_it(
    sets_dir: Path,
) -> None:
    from actionset.store import SetStore

    store = SetStore(sets_dir / "demo")
    before = (store.folder / "set.toml").read_text(encoding="utf-8")
    the_set = store.load_set()
    assert not the_set.share_names and all(m.share for m in the_set.members)
    store.save_set(the_set)
    after = (store.folder / "set.toml").read_text(encoding="utf-8")
    assert "share =" not in after and "share_names" not in after and after == before
    the_set.share_names = True
    the_set.members[1].share = False
    store.save_set(the_set)
    again = store.load_set()
    assert again.share_names and [m.share for m in again.members][:3] == [True, False, True]


def test_a_list_of_names_is_given_only_when_no_member_is_held_back() -> None:
    from actionset.model.audience import Reader

    assert Reader(Audience.sponsor, _set(True)).may_list(["Ann Bell", "Bo Chan"])
    held = Reader(Audience.sponsor, _set(True, "Ed Fox"))
    assert not held.may_list(["Ann Bell", "Bo Chan"]), "a count, at every meeting alike"
    assert not Reader(Audience.sponsor, _set()).may_list(["Ann Bell"])
    assert Reader(Audience.set, _set(False, "Ed Fox")).may_list(["Ed Fox"])
