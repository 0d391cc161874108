"""Agenda templates: the built-ins' shapes and sums, expansion, and custom template files."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionset.model.agenda import (
    BUILTIN_TEMPLATES,
    DEFAULT_RULES,
    Template,
    build_agenda,
)
from actionset.model.meeting import PhaseKind
from actionset.store import load_templates

MEMBERS = ["Priya Shah", "Tom Reyes", "Ana Costa", "Ben Okafor", "Lena Vogel"]


def minutes(
    template: Template, presenters: list[str] | None = None, present: list[str] | None = None
) -> int:
    agenda = build_agenda(template, presenters or [], present or MEMBERS)
    return sum(p.planned_minutes for p in agenda)


def test_half_day_is_exactly_the_three_hour_table() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], [], MEMBERS)
    assert [(p.title, p.presenter, p.planned_minutes) for p in agenda] == [
        ("Check-in and ground rules", "", 15),
        ("Report-back on last meeting's actions", "", 25),
        ("Bids and running order", "", 10),
        ("Present", "Presenter 1", 5),
        ("Clarify", "Presenter 1", 10),
        ("Probe", "Presenter 1", 15),
        ("Actions", "Presenter 1", 10),
        ("Reflect", "Presenter 1", 5),
        ("Break", "", 15),
        ("Present", "Presenter 2", 5),
        ("Clarify", "Presenter 2", 10),
        ("Probe", "Presenter 2", 15),
        ("Actions", "Presenter 2", 10),
        ("Reflect", "Presenter 2", 5),
        ("Process review", "", 15),
        ("Close and next date", "", 10),
    ]
    assert sum(p.planned_minutes for p in agenda) == 180
    assert BUILTIN_TEMPLATES["half-day"].total_minutes() == 180


@pytest.mark.parametrize("name", sorted(BUILTIN_TEMPLATES))
def test_every_template_has_its_structure(name: str) -> None:
    template = BUILTIN_TEMPLATES[name]
    agenda = build_agenda(template, ["Priya Shah"], MEMBERS)
    kinds = [p.kind for p in agenda]
    assert PhaseKind.process_review in kinds
    assert kinds[-1] == PhaseKind.close
    review = next(p for p in agenda if p.kind == PhaseKind.process_review)
    assert review.planned_minutes >= 10
    assert all(p.rule for p in agenda), "every phase has a rule for the room"
    assert all(p.status == "pending" and p.actual_seconds == 0 for p in agenda)
    reports = [i for i, p in enumerate(agenda) if p.title.startswith("Report")]
    assert all(i < 3 for i in reports)
    assert sum(p.planned_minutes for p in agenda) == template.total_minutes(
        len(template.slots(["Priya Shah"], MEMBERS))
    )


def test_half_day_reports_back_within_the_first_three_phases() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], [], MEMBERS)
    assert any(p.title.startswith("Report") for p in agenda[:3])
    assert agenda[1].kind == PhaseKind.report_back


def test_quick_is_ninety_minutes_for_one_presenter_without_bids() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["quick"], [], MEMBERS)
    assert sum(p.planned_minutes for p in agenda) == 90
    assert PhaseKind.bids not in {p.kind for p in agenda}
    assert {p.presenter for p in agenda if p.presenter} == {"Presenter 1"}
    check_in = agenda[0]
    assert check_in.kind == PhaseKind.check_in and check_in.planned_minutes <= 5
    presenter_time = sum(p.planned_minutes for p in agenda if p.presenter)
    assert presenter_time >= 45


def test_single_problem_is_wial_shaped_with_protected_reflection() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["single-problem"], ["Priya Shah"], MEMBERS)
    kinds = [p.kind for p in agenda]
    for kind in (
        PhaseKind.present,
        PhaseKind.questions,
        PhaseKind.reframe,
        PhaseKind.actions,
        PhaseKind.process_review,
    ):
        assert kind in kinds
    assert (
        kinds.index(PhaseKind.questions)
        < kinds.index(PhaseKind.reframe)
        < kinds.index(PhaseKind.actions)
    )
    assert 60 <= sum(p.planned_minutes for p in agenda) <= 90
    review = agenda[kinds.index(PhaseKind.process_review)]
    assert review.planned_minutes == 15
    assert "Protected" in review.rule


def test_equal_time_gives_every_member_present_a_slot() -> None:
    template = BUILTIN_TEMPLATES["equal-time"]
    present = MEMBERS[:4]
    agenda = build_agenda(template, ["Ana Costa"], present)
    presenters = list(dict.fromkeys(p.presenter for p in agenda if p.presenter))
    assert presenters == ["Ana Costa", "Priya Shah", "Tom Reyes", "Ben Okafor"]
    slot = sum(p.planned_minutes for p in agenda if p.presenter == "Ana Costa")
    assert 20 <= slot <= 25
    assert PhaseKind.bids not in {p.kind for p in agenda}
    assert agenda[0].kind == PhaseKind.check_in and agenda[0].planned_minutes <= 10
    assert PhaseKind.report_back in {p.kind for p in agenda}
    assert minutes(template, present=present) == 5 + 20 + 4 * 22 + 15 + 5


def test_equal_time_with_no_attendance_yet_has_a_placeholder_slot() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["equal-time"], [], [])
    assert {p.presenter for p in agenda if p.presenter} == {"Presenter 1"}


def test_presenters_fill_slots_in_order_and_placeholders_name_the_rest() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], ["Tom Reyes"], MEMBERS)
    assert [p.presenter for p in agenda if p.title == "Probe"] == ["Tom Reyes", "Presenter 2"]


def test_more_presenters_than_planned_still_all_get_a_slot() -> None:
    names = ["Tom Reyes", "Ana Costa", "Lena Vogel"]
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], names, MEMBERS)
    assert [p.presenter for p in agenda if p.title == "Probe"] == names
    assert sum(1 for p in agenda if p.kind == PhaseKind.break_) == 2


def test_phase_rules_remind_the_room() -> None:
    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], [], MEMBERS)
    rules = {p.kind: p.rule for p in agenda}
    assert rules[PhaseKind.clarify] == "Clarifying questions only: no advice"
    assert rules[PhaseKind.probe] == "Open questions that help the presenter think: no advice"
    assert rules[PhaseKind.report_back] == (
        "Each member reports on their actions: done, partly, not done, dropped"
    )
    assert rules[PhaseKind.process_review] == "How did we question today? Protected time"
    assert all("\n" not in rule for rule in DEFAULT_RULES.values())


def test_template_rejects_unknown_keys_and_empty_shapes() -> None:
    with pytest.raises(ValueError, match="extra"):
        Template.model_validate({"name": "x", "before": [], "colour": "red"})
    with pytest.raises(ValueError, match="at least one phase"):
        Template.model_validate({"name": "x"})
    with pytest.raises(ValueError):
        Template.model_validate(
            {"name": "x", "presenters": "some", "after": [{"title": "Close", "minutes": 5}]}
        )


# ---------------------------------------------------------------------------- custom files

TWILIGHT = """\
name = "twilight"
description = "An evening set: one presenter, short"
presenters = 1

[[before]]
title = "Check-in"
kind = "check-in"
minutes = 5

[[presenter]]
title = "Present"
kind = "present"
minutes = 5

[[presenter]]
title = "Probe"
kind = "probe"
minutes = 30
rule = "Only questions that start with What or How"

[[after]]
title = "Process review"
kind = "process-review"
minutes = 15
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_built_ins_without_custom_folders(tmp_path: Path) -> None:
    templates, problems = load_templates(tmp_path, tmp_path / "no-set")
    assert problems == []
    assert set(templates) == {"half-day", "equal-time", "single-problem", "quick"}


def test_custom_templates_load_and_override_in_order(tmp_path: Path) -> None:
    set_folder = tmp_path / "north"
    write(tmp_path / "_templates" / "twilight.toml", TWILIGHT)
    write(
        tmp_path / "_templates" / "half-day.toml",
        TWILIGHT.replace('name = "twilight"', 'name = "half-day"'),
    )
    write(
        set_folder / "templates" / "twilight.toml", TWILIGHT.replace("minutes = 30", "minutes = 40")
    )
    templates, problems = load_templates(tmp_path, set_folder)
    assert problems == []
    assert templates["half-day"].total_minutes() == 55  # the folder's overrides the built-in
    assert templates["twilight"].total_minutes() == 65  # the set's overrides the folder's
    agenda = build_agenda(templates["twilight"], [], [])
    assert agenda[2].rule == "Only questions that start with What or How"
    assert agenda[1].rule == DEFAULT_RULES[PhaseKind.present]

    only_folder, _ = load_templates(tmp_path, None)
    assert only_folder["twilight"].total_minutes() == 55


def test_name_defaults_to_the_file_name(tmp_path: Path) -> None:
    write(tmp_path / "_templates" / "evening.toml", TWILIGHT.replace('name = "twilight"\n', ""))
    templates, problems = load_templates(tmp_path, None)
    assert problems == []
    assert templates["evening"].name == "evening"


def test_bad_template_files_are_reported_with_path_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "_templates"
    bad_kind = write(folder / "a.toml", TWILIGHT.replace('kind = "probe"', 'kind = "debate"'))
    unknown = write(folder / "b.toml", TWILIGHT.replace("minutes = 15", "minutes = 15\ncolor = 1"))
    broken = write(folder / "c.toml", 'name = "c"\n[[before]\n')
    negative = write(folder / "d.toml", TWILIGHT.replace("minutes = 5\n", "minutes = -5\n", 1))
    templates, problems = load_templates(tmp_path, None)
    assert "twilight" not in templates and "c" not in templates
    text = [str(p) for p in problems]
    assert text[0].startswith(f"{bad_kind}:17: presenter.1.kind: Input should be")
    assert text[1] == f"{unknown}:25: after.0.color: unknown key (check its spelling)"
    assert text[2].startswith(f"{broken}:2: toml: ")
    assert text[3].startswith(f"{negative}:8: before.0.minutes: ")
    assert len(problems) == 4


def test_assign_presenters_fills_slots_in_running_order() -> None:
    from actionset.model.agenda import BUILTIN_TEMPLATES, assign_presenters, build_agenda

    agenda = build_agenda(BUILTIN_TEMPLATES["half-day"], [], ["Ann", "Bo", "Cy", "Di"])
    assign_presenters(agenda, ["Cy", "Ann"])
    names = [phase.presenter for phase in agenda if phase.presenter]
    assert names == ["Cy"] * 5 + ["Ann"] * 5
    assign_presenters(agenda, ["Bo"])  # a change of mind renames the first slot only
    assert [p.presenter for p in agenda if p.presenter][:6] == ["Bo"] * 5 + ["Ann"]
