"""The codebook, the tag stats, the process review and the CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from actionset.model.set import CodebookMode, Set
from actionset.model.tags import (
    DEFAULT_CODEBOOK,
    Contribution,
    Tagger,
    code_for_key,
    codebook_for,
    contributions_csv,
    not_yet_asked,
    per_minute,
    phase_mix,
    process_review,
    ratio_text,
    replay,
    running_counts,
    slot,
    slots,
    tally,
    tally_by_member,
)
from actionset.store import SetStore, StoreError

BOOK = DEFAULT_CODEBOOK
ROSTER = ["Priya Shah", "Tom Reyes", "Ana Lopes", "Jo Kim"]


def said(minute: int, member: str, code: str, phase: str = "Probe",
         presenter: str = "Priya Shah", note: str = "", ident: int = 0) -> Contribution:
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
    book = codebook_for(a_set(codebook=[
        {"key": "a", "name": "suggestion", "counts_as": "advice"},
        {"key": "f", "name": "reflective-question", "counts_as": "question"},
    ]))
    assert [(c.key, c.name) for c in book] == [
        ("q", "open-question"), ("c", "closed-question"), ("l", "leading-question"),
        ("a", "suggestion"), ("s", "statement"), ("f", "reflective-question")]
    assert code_for_key(book, "f") is book[-1]
    assert code_for_key(book, "z") is None


def test_replace_keeps_only_the_sets_codes() -> None:
    the_set = a_set(codebook_mode="replace", codebook=[
        {"key": "q", "name": "question", "counts_as": "question"},
        {"key": "a", "name": "advice", "counts_as": "advice"},
    ])
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


@pytest.mark.parametrize(("key", "name", "problem"), [
    ("n", "suggestion", "9: codebook.1.key: key 'n' is reserved for the console; "
                        "choose another letter"),
    ("G", "suggestion", "9: codebook.1.key: key 'G' is reserved for the console; "
                        "choose another letter"),
    ("f", "suggestion", "9: codebook.1.key: key 'f' is already used by codebook.0"),
    ("k", "reflective-question",
     "10: codebook.1.name: name 'reflective-question' is already used by codebook.0"),
    ("k", "advice", "10: codebook.1.name: 'advice' is the default code on key 'a'; "
                    "use key 'a' to replace it, or another name"),
])
def test_codebook_problems_name_the_file_line_and_entry(
        tmp_path: Path, key: str, name: str, problem: str) -> None:
    store = SetStore(tmp_path / "northern-leaders")
    store.folder.mkdir()
    path = store.folder / "set.toml"
    path.write_text(SET_TOML.format(mode="", key=key, name=name), encoding="utf-8", newline="\n")
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert [str(p) for p in caught.value.problems] == [f"{path}:{problem}"]


def test_in_replace_mode_a_default_name_may_take_any_key() -> None:
    the_set = a_set(codebook_mode="replace", codebook=[
        {"key": "k", "name": "advice", "counts_as": "advice"}])
    assert [c.key for c in codebook_for(the_set)] == ["k"]


def test_the_default_name_may_move_when_its_key_is_replaced_too() -> None:
    book = codebook_for(a_set(codebook=[
        {"key": "a", "name": "suggestion", "counts_as": "advice"},
        {"key": "k", "name": "advice", "counts_as": "advice"},
    ]))
    assert [c.name for c in book].count("advice") == 1


def test_replace_without_codes_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "set.toml"
    path.write_text('name = "Northern Leaders"\ncodebook_mode = "replace"\n',
                    encoding="utf-8", newline="\n")
    store = SetStore(tmp_path)
    with pytest.raises(StoreError) as caught:
        store.load_set()
    assert str(caught.value).startswith(f"{path}:2: codebook_mode: codebook_mode = \"replace\"")


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
    assert tom.counts == {"open-question": 3, "closed-question": 0, "leading-question": 1,
                          "advice": 0, "statement": 0}
    assert (tom.questions, tom.advice, tom.other, tom.total) == (3, 1, 0, 4)
    assert tom.question_share == 0.75
    assert tom.ratio == 3.0 and tom.ratio_text == "3 : 1"
    assert members["Jo Kim"].advice == 1  # tagged as "jo kim"
    assert members["Ana Lopes"].ratio_text == "1 : 1"


@pytest.mark.parametrize(("questions", "advice", "shown"), [
    (7, 2, "3.5 : 1"), (7, 0, "7 : 0"), (0, 0, "–"), (0, 3, "0 : 1"), (10, 3, "3.33 : 1")])
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
    assert not_yet_asked(MEETING, BOOK, ROSTER, "Priya Shah") == ["Jo Kim"]
    assert not_yet_asked(MEETING, BOOK, ROSTER, "Tom Reyes") == ["Ana Lopes", "Jo Kim"]
    assert not_yet_asked([], BOOK, ROSTER, "Ana Lopes") == ["Priya Shah", "Tom Reyes", "Jo Kim"]


def test_mix_per_phase() -> None:
    mix = phase_mix(slot(MEETING, "Priya Shah"), BOOK)
    assert list(mix) == ["Clarify", "Probe"]
    assert (mix["Clarify"].questions, mix["Clarify"].advice) == (3, 0)
    assert (mix["Probe"].questions, mix["Probe"].advice, mix["Probe"].other) == (1, 2, 1)


def test_running_counts_one_point_per_contribution() -> None:
    assert running_counts(slot(MEETING, "Priya Shah"), BOOK) == [
        (1, 0), (2, 0), (3, 0), (3, 1), (3, 2), (4, 2), (4, 2)]


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


def test_named_process_review() -> None:
    review = process_review(MEETING, BOOK, ROSTER)
    assert [row.label for row in review.rows] == ROSTER
    assert review.not_asked == ["Jo Kim"]
    text = "\n".join(review.lines())
    assert text.startswith("The set asked 5 questions and gave 3 pieces of advice (1.67 : 1)")
    assert "Tom Reyes: 3 questions, 1 advice, 0 other (3 : 1)" in text
    assert "Not yet asked a question: Jo Kim" in text


def test_anonymous_process_review_names_nobody() -> None:
    review = process_review(MEETING, BOOK, ROSTER, anonymous=True)
    text = "\n".join(review.lines())
    for name in ROSTER:
        assert name not in text and name.split()[0] not in text
    assert [row.label for row in review.rows] == [
        "Member A", "Member B", "Member C", "Member D"]
    assert [row.questions for row in review.rows] == [3, 1, 1, 0]  # most questions first
    assert review.not_asked == [] and review.silent_count == 1
    assert "1 member(s) have not asked a question yet." in text


# ---------------------------------------------------------------------------- tagger and CSV


def test_tagger_builds_events_that_replay() -> None:
    moments = iter([dt.datetime(2026, 9, 14, 10, 0, 5, 123,
                                tzinfo=dt.timezone(dt.timedelta(hours=1)))])
    tagger = Tagger([{"op": "tag", "id": 41}, {"op": "delete", "id": 41}],
                    clock=lambda: next(moments))
    event = tagger.tag(member="Tom Reyes", code="advice", phase="Probe",
                       presenter="Priya Shah")
    assert event == {"op": "tag", "id": 42, "at": "2026-09-14T10:00:05+01:00",
                     "phase": "Probe", "presenter": "Priya Shah", "member": "Tom Reyes",
                     "code": "advice", "note": ""}
    assert tagger.next_id == 43
    standing = replay([event, tagger.recode(42, "leading-question"),
                       tagger.note(42, "Have you tried finance?")])
    assert (standing[0].code, standing[0].note) == ("leading-question", "Have you tried finance?")
    assert replay([event, tagger.delete(42)]) == []


def test_csv_export() -> None:
    contributions = [
        said(0, "Tom Reyes", "open-question", "Clarify", note="What else, though?"),
        said(5, "Ana Lopes", "a", note='Said "just ask finance", then laughed'),
        Contribution(9, "2026-09-14T23:59:59-05:00", "Probe", "Priya Shah", "Jo Kim",
                     "statement"),
    ]
    text = contributions_csv(contributions, BOOK)
    assert text.splitlines()[0] == "time,phase,member,kind,note"
    assert list(csv.reader(io.StringIO(text))) == [
        ["time", "phase", "member", "kind", "note"],
        ["10:00:30", "Clarify", "Tom Reyes", "open-question", "What else, though?"],
        ["10:05:30", "Probe", "Ana Lopes", "advice", 'Said "just ask finance", then laughed'],
        ["23:59:59", "Probe", "Jo Kim", "statement", ""],
    ]
    assert '"What else, though?"' in text


def test_csv_leaves_out_what_was_undone() -> None:
    tagger = Tagger(clock=lambda: dt.datetime(2026, 9, 14, 10, 0, tzinfo=dt.UTC))
    events = [tagger.tag(member=m, code="open-question", phase="Probe", presenter="Priya Shah")
              for m in ("Tom Reyes", "Ana Lopes")]
    events.append(tagger.delete(1))
    assert contributions_csv(replay(events), BOOK).splitlines() == [
        "time,phase,member,kind,note", "10:00:00,Probe,Ana Lopes,open-question,"]


def test_the_tagging_model_does_not_import_textual() -> None:
    code = textwrap.dedent("""
        import sys
        import actionset.model.tags, actionset.model.advice
        assert "textual" not in sys.modules, "the model imported textual"
    """)
    subprocess.run([sys.executable, "-c", code], check=True)


def test_applying_events_one_by_one_matches_replaying_them_all() -> None:
    from actionset.model.tags import apply, replay

    events = [
        {"op": "tag", "id": 1, "member": "Ann", "code": "open-question"},
        {"op": "tag", "id": 2, "member": "Bo", "code": "advice"},
        {"op": "recode", "id": 1, "code": "leading-question"},
        {"op": "note", "id": 2, "note": "You should ask finance."},
        {"op": "delete", "id": 2},
        {"op": "delete", "id": 9},  # unknown ids are ignored
    ]
    standing: dict = {}
    for event in events:
        apply(standing, event)
    assert list(standing.values()) == replay(events)
    assert [(c.member, c.code) for c in standing.values()] == [("Ann", "leading-question")]
