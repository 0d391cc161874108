"""The codebook, the tag stats and the process review."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from actionset.model import AgendaPhase
from actionset.model.codebook import DEFAULT_CODEBOOK, code_for_key, codebook_for
from actionset.model.contributions import Contribution, Tagger, replay, slot, slots
from actionset.model.set import CodebookMode, Set
from actionset.model.stats import (
    not_yet_asked,
    per_minute,
    phase_mix,
    process_review,
    ratio_text,
    running_counts,
    tally,
    tally_by_member,
)
from actionset.store import SetStore, StoreError

BOOK = DEFAULT_CODEBOOK
ROSTER = ["Priya Shah", "Tom Reyes", "Ana Lopes", "Jo Kim"]


def said(
    minute: int,
    member: str,
    code: str,
    phase: str = "Probe",
    presenter: str = "Priya Shah",
    note: str = "",
    ident: int = 0,
) -> Contribution:
    at = f"2026-09-14T10:{minute:02d}:30+01:00"
    return Contribution(ident or minute, at, phase, presenter, member, code, note)


MEETING = [
    said(0, "Tom Reyes", "open-question", "Clarify"),
    said(1, "Ana Lopes", "closed-question", "Clarify"),
    said(2, "Tom Reyes", "open-question", "Clarify"),
    said(5, "Tom Reyes", "leading-question"),
    said(6, "Ana Lopes", "advice"),
    said(7, "Tom Reyes", "open-question"),
    said(8, "Ana Lopes", "statement"),
    said(40, "Priya Shah", "open-question", presenter="Tom Reyes"),
    said(41, "jo kim", "advice", presenter="Tom Reyes"),
]


# ---------------------------------------------------------------------------- codebook


def a_set(**codebook: object) -> Set:
    return Set.model_validate({"name": "Northern Leaders", **codebook})


def test_without_a_codebook_the_defaults_apply() -> None:
    assert codebook_for(a_set()) == DEFAULT_CODEBOOK
    assert codebook_for(None) == DEFAULT_CODEBOOK
    assert [c.key for c in DEFAULT_CODEBOOK] == ["q", "c", "l", "a", "s"]


def test_extend_replaces_by_key_and_adds_new_keys() -> None:
    book = codebook_for(
        a_set(
            codebook=[
                {"key": "a", "name": "suggestion", "counts_as": "advice"},
                {"key": "f", "name": "reflective-question", "counts_as": "question"},
            ]
        )
    )
    assert [(c.key, c.name) for c in book] == [
        ("q", "open-question"),
        ("c", "closed-question"),
        ("l", "leading-question"),
        ("a", "suggestion"),
        ("s", "statement"),
        ("f", "reflective-question"),
    ]
    assert code_for_key(book, "f") is book[-1]
    assert code_for_key(book, "z") is None


def test_replace_keeps_only_the_sets_codes() -> None:
    the_set = a_set(
        codebook_mode="replace",
        codebook=[
            {"key": "q", "name": "question", "counts_as": "question"},
            {"key": "a", "name": "advice", "counts_as": "advice"},
        ],
    )
    assert the_set.codebook_mode is CodebookMode.replace
    assert [c.name for c in codebook_for(the_set)] == ["question", "advice"]


SET_TOML = """\
name = "Northern Leaders"
{mode}
[[codebook]]
key = "f"
name = "reflective-question"
counts_as = "question"

[[codebook]]
key = "{key}"
name = "{name}"
counts_as = "advice"
"""


@pytest.mark.parametrize(
    ("key", "name", "problem"),
    [
        (
            "n",
            "suggestion",
            "9: codebook.1.key: key 'n' is reserved for the console; choose another letter",
        ),
        (
            "G",
            "suggestion",
            "9: codebook.1.key: key 'G' is reserved for the console; choose another letter",
        ),
        ("f", "suggestion", "9: codebook.1.key: key 'f' is already used by codebook.0"),
        (
            "k",
            "reflective-question",
            "10: codebook.1.name: name 'reflective-question' is already used by codebook.0",
        ),
        (
            "k",
            "advice",
            "10: codebook.1.name: 'advice' is the default code on key 'a'; "
            "use key 'a' to replace it, or another name",
        ),
    ],
)
def test_codebook_problems_name_the_file_line_and_entry(
    tmp_path: Path, key: str, name: str, problem: str
) -> None:
    store = SetStore(tmp_path / "northern-leaders")
    store.folder.mkdir()
    path = store.folder / "set.toml"
    path.write_text(SET_TOML.format(mode="", key=key, name=name), encoding="utf-8", newline="\n")
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert [str(p) for p in caught.value.problems] == [f"{path}:{problem}"]


def test_in_replace_mode_a_default_name_may_take_any_key() -> None:
    the_set = a_set(
        codebook_mode="replace", codebook=[{"key": "k", "name": "advice", "counts_as": "advice"}]
    )
    assert [c.key for c in codebook_for(the_set)] == ["k"]


def test_the_default_name_may_move_when_its_key_is_replaced_too() -> None:
    book = codebook_for(
        a_set(
            codebook=[
                {"key": "a", "name": "suggestion", "counts_as": "advice"},
                {"key": "k", "name": "advice", "counts_as": "advice"},
            ]
        )
    )
    assert [c.name for c in book].count("advice") == 1


def test_replace_without_codes_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "set.toml"
    path.write_text(
        'name = "Northern Leaders"\ncodebook_mode = "replace"\n', encoding="utf-8", newline="\n"
    )
    store = SetStore(tmp_path)
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert str(caught.value).startswith(f'{path}:2: codebook_mode: codebook_mode = "replace"')


def test_a_set_round_trips_without_a_mode_line(tmp_path: Path) -> None:
    store = SetStore(tmp_path)
    store.save_set(a_set())
    assert "codebook" not in (tmp_path / "set.toml").read_text(encoding="utf-8")
    assert store.load_set().codebook_mode is None


# ---------------------------------------------------------------------------- stats


def test_per_member_counts_include_silent_members_and_match_names_loosely() -> None:
    members = tally_by_member(MEETING, BOOK, ROSTER)
    assert list(members) == ROSTER
    tom = members["Tom Reyes"]
    assert tom.counts == {
        "open-question": 3,
        "closed-question": 0,
        "leading-question": 1,
        "advice": 0,
        "statement": 0,
    }
    assert (tom.questions, tom.advice, tom.other, tom.total) == (3, 1, 0, 4)
    assert tom.question_share == 0.75
    assert tom.ratio == 3.0 and tom.ratio_text == "3 : 1"
    assert members["Jo Kim"].advice == 1  # tagged as "jo kim"
    assert members["Ana Lopes"].ratio_text == "1 : 1"


@pytest.mark.parametrize(
    ("questions", "advice", "shown"),
    [
        (7, 2, "7 : 2"),
        (4, 6, "2 : 3"),
        (7, 0, "7 : 0"),
        (0, 0, "–"),
        (0, 3, "0 : 3"),
        (10, 3, "10 : 3"),
        (5, 5, "1 : 1"),
    ],
)
def test_ratio_text(questions: int, advice: int, shown: str) -> None:
    assert ratio_text(questions, advice) == shown


def test_no_advice_has_no_ratio_number() -> None:
    only_questions = tally([said(0, "Tom Reyes", "open-question")], BOOK)
    assert only_questions.ratio is None and only_questions.ratio_text == "1 : 0"
    assert tally([], BOOK).question_share == 0.0


def test_slot_and_meeting_totals() -> None:
    assert list(slots(MEETING)) == ["Priya Shah", "Tom Reyes"]
    priya = tally(slot(MEETING, "priya shah"), BOOK)
    assert (priya.questions, priya.advice, priya.other) == (4, 2, 1)
    whole = tally(MEETING, BOOK)
    assert (whole.questions, whole.advice, whole.other, whole.total) == (5, 3, 1, 9)


def test_who_has_not_asked_in_this_slot() -> None:
    others = [name for name in ROSTER if name != "Priya Shah"]
    assert not_yet_asked(slot(MEETING, "Priya Shah"), BOOK, others) == ["Jo Kim"]
    others = [name for name in ROSTER if name != "Tom Reyes"]
    assert not_yet_asked(slot(MEETING, "Tom Reyes"), BOOK, others) == ["Ana Lopes", "Jo Kim"]
    assert not_yet_asked(MEETING, BOOK, ROSTER) == ["Jo Kim"]  # the whole meeting
    assert not_yet_asked([], BOOK, ["Priya Shah"]) == ["Priya Shah"]


def test_mix_per_phase() -> None:
    mix = phase_mix(slot(MEETING, "Priya Shah"), BOOK)
    assert list(mix) == ["Clarify", "Probe"]
    assert (mix["Clarify"].questions, mix["Clarify"].advice) == (3, 0)
    assert (mix["Probe"].questions, mix["Probe"].advice, mix["Probe"].other) == (1, 2, 1)


def test_running_counts_one_point_per_contribution() -> None:
    assert running_counts(slot(MEETING, "Priya Shah"), BOOK) == [
        (1, 0),
        (2, 0),
        (3, 0),
        (3, 1),
        (3, 2),
        (4, 2),
        (4, 2),
    ]


def test_per_minute_series_for_sparklines() -> None:
    timeline = per_minute(slot(MEETING, "Priya Shah"), BOOK)
    assert timeline.start == dt.datetime.fromisoformat("2026-09-14T10:00:30+01:00")
    assert timeline.questions == [1, 1, 1, 0, 0, 0, 0, 1, 0]
    assert timeline.advice == [0, 0, 0, 0, 0, 1, 1, 0, 0]


def test_per_minute_from_the_phase_start_until_now() -> None:
    start = dt.datetime.fromisoformat("2026-09-14T10:00:00+01:00")
    until = dt.datetime.fromisoformat("2026-09-14T10:12:00+01:00")
    timeline = per_minute(slot(MEETING, "Priya Shah"), BOOK, start, until)
    assert len(timeline.questions) == len(timeline.advice) == 13
    assert sum(timeline.questions) == 4 and sum(timeline.advice) == 2
    assert per_minute([], BOOK).questions == []


def test_codes_no_longer_in_the_codebook_count_as_other() -> None:
    result = tally([said(0, "Tom Reyes", "reframe")], BOOK)
    assert (result.other, result.counts["reframe"]) == (1, 1)


# ---------------------------------------------------------------------------- review


def test_named_process_review_in_plain_english() -> None:
    review = process_review(MEETING, BOOK, ROSTER)
    assert [row.label for row in review.rows] == ROSTER
    assert review.not_asked == ["Jo Kim"]
    lines = review.lines()
    assert lines[0] == "Whole meeting: 5 questions, 3 pieces of advice, 1 other (5 : 3)"
    assert "  Tom Reyes: 3 questions, 1 piece of advice (3 : 1)" in lines
    assert "  Priya Shah: 1 question" in lines
    assert "  Jo Kim: 0 questions, 1 piece of advice" in lines
    assert "  Clarify: 3 questions" in lines
    assert "  Probe: 2 questions, 3 pieces of advice, 1 other (2 : 3)" in lines
    assert lines[-1] == "Jo Kim has not asked a question yet."
    two = process_review(MEETING[:3], BOOK, ROSTER)
    assert two.lines()[-1] == "Priya Shah and Jo Kim have not asked a question yet."


@pytest.mark.parametrize(
    ("questions", "advice", "other", "text"),
    [
        (1, 0, 0, "1 question"),
        (0, 0, 0, "0 questions"),
        (4, 6, 0, "4 questions, 6 pieces of advice"),
        (2, 1, 3, "2 questions, 1 piece of advice, 3 other"),
    ],
)
def test_counts_in_plain_english(questions: int, advice: int, other: int, text: str) -> None:
    from actionset.model.stats import counts_text

    assert counts_text(questions, advice, other) == text


def test_anonymous_process_review_names_nobody() -> None:
    review = process_review(MEETING, BOOK, ROSTER, anonymous=True, seed="2026-09-14")
    text = "\n".join(review.lines())
    for name in ROSTER:
        assert name not in text and name.split()[0] not in text
    assert [row.label for row in review.rows] == ["Member A", "Member B", "Member C", "Member D"]
    assert sorted(row.questions for row in review.rows) == [0, 1, 1, 3]
    assert review.not_asked == [] and review.silent_count == 1
    assert review.lines()[-1] == "1 member has not asked a question yet."


def test_anonymous_order_is_a_shuffle_fixed_by_the_meeting_not_the_counts() -> None:
    """Letters follow a shuffle seeded by the meeting: the same each time the review is shown,
    different from one meeting to the next, and never the ranking by questions."""
    roster = [f"Member {n}" for n in range(8)]
    spoken = [
        said(n, name, "open-question", ident=n + 1)
        for n, name in enumerate(roster)
        for _ in range(n)
    ]

    def order(seed: str) -> list[int]:
        return [
            row.questions
            for row in process_review(spoken, BOOK, roster, anonymous=True, seed=seed).rows
        ]

    assert order("2026-09-14") == order("2026-09-14")
    assert order("2026-09-14") != order("2026-10-26")
    for seed in ("2026-09-14", "2026-10-26"):
        assert order(seed) not in (sorted(order(seed)), sorted(order(seed), reverse=True))
    many = process_review(spoken, BOOK, roster, anonymous=True, seed="2026-09-14")
    assert "7 questions" in "\n".join(many.lines())
    assert many.lines()[-1] == "1 member has not asked a question yet."


def test_the_review_has_a_row_for_each_member_who_counts_only() -> None:
    """The facilitator's tags count in the totals but give them no row (and no letter)."""
    spoken = [*MEETING, said(50, "Ruth Adeyemi", "statement", presenter="")]
    review = process_review(spoken, BOOK, ROSTER[:3], anonymous=True, seed="x")
    assert len(review.rows) == 3 and review.totals.total == len(MEETING) + 1


# ---------------------------------------------------------------------------- tagger and CSV


def test_tagger_builds_events_that_replay() -> None:
    moments = iter(
        [dt.datetime(2026, 9, 14, 10, 0, 5, 123, tzinfo=dt.timezone(dt.timedelta(hours=1)))]
    )
    tagger = Tagger(
        [{"op": "tag", "id": 41}, {"op": "delete", "id": 41}], clock=lambda: next(moments)
    )
    event = tagger.tag(
        member="Tom Reyes", code="advice", phase="Probe", presenter="Priya Shah", slot=0
    )
    assert event == {
        "op": "tag",
        "id": 42,
        "at": "2026-09-14T10:00:05+01:00",
        "phase": "Probe",
        "slot": 0,
        "presenter": "Priya Shah",
        "member": "Tom Reyes",
        "code": "advice",
        "note": "",
    }
    assert tagger.next_id == 43
    standing = replay(
        [event, tagger.recode(42, "leading-question"), tagger.note(42, "Have you tried finance?")]
    )
    assert (standing[0].code, standing[0].note) == ("leading-question", "Have you tried finance?")
    assert replay([event, tagger.delete(42)]) == []


def test_the_tagging_model_does_not_import_textual() -> None:
    code = textwrap.dedent("""
        import sys
        import actionset.model.contributions, actionset.model.advice
        import actionset.model.codebook, actionset.model.stats, actionset.model.tag_session
        assert "textual" not in sys.modules, "the model imported textual"
    """)
    subprocess.run([sys.executable, "-c", code], check=True)


def test_applying_events_one_by_one_matches_replaying_them_all() -> None:
    from actionset.model.contributions import apply, replay

    events = [
        {"op": "tag", "id": 1, "member": "Ann", "code": "open-question"},
        {"op": "tag", "id": 2, "member": "Bo", "code": "advice"},
        {"op": "recode", "id": 1, "code": "leading-question"},
        {"op": "note", "id": 2, "note": "You should ask finance."},
        {"op": "delete", "id": 2},
        {"op": "delete", "id": 9},  # unknown ids are ignored
    ]
    standing: dict[int, Contribution] = {}
    for event in events:
        apply(standing, event)
    assert list(standing.values()) == replay(events)
    assert [(c.member, c.code) for c in standing.values()] == [("Ann", "leading-question")]


# ---------------------------------------------------------------------------- slots


def _agenda(*presenters: str) -> list[AgendaPhase]:
    from actionset.model.meeting import AgendaPhase

    return [
        AgendaPhase(title=f"Phase {n}", planned_minutes=5, presenter=name)
        for n, name in enumerate(presenters)
    ]


def test_a_slot_runs_from_its_first_phase_to_its_last() -> None:
    from actionset.model.contributions import slot_at, slot_presenters

    # check-in, Tom's slot with a break inside it, a break between slots, Mei's slot, review
    agenda = _agenda("", "Tom", "Tom", "", "Tom", "", "Mei", "Mei", "")
    assert slot_presenters(agenda) == ["Tom", "Mei"]
    assert [slot_at(agenda, n) for n in range(len(agenda))] == [None, 0, 0, 0, 0, None, 1, 1, None]


def test_tags_made_before_the_presenters_were_chosen_follow_the_slot() -> None:
    """Tagged in Present under the placeholder; `w` then puts Mei Lin in the first slot."""
    tagger = Tagger(clock=lambda: dt.datetime(2026, 9, 14, 10, 0, tzinfo=dt.UTC))
    events = [
        tagger.tag(
            member="Tom", code="open-question", phase="Present", presenter="Presenter 1", slot=0
        ),
        tagger.tag(member="Ann", code="advice", phase="Check-in", presenter=""),
        # written before tags had a slot number: keeps the presenter it recorded
        {
            "op": "tag",
            "id": 9,
            "phase": "Probe",
            "presenter": "Sam",
            "member": "Tom",
            "code": "advice",
        },
    ]
    agenda = _agenda("", "Mei Lin", "Mei Lin", "", "Presenter 2")
    standing = replay(events, agenda)
    assert [(c.member, c.presenter, c.slot) for c in standing] == [
        ("Tom", "Mei Lin", 0),
        ("Ann", "", None),
        ("Tom", "Sam", None),
    ]
    assert slot(standing, "Mei Lin") == standing[:1]
    assert [c.presenter for c in replay(events)] == ["Presenter 1", "", "Sam"]
