"""Two laptops' copies of a set's files merged record by record (`actionset.merge`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomli

from actionset.merge import Merged, merge_file
from actionset.store import dump_toml

DEMO = Path(__file__).parent.parent / "sets" / "demo"


def demo(name: str) -> str:
    return (DEMO / name).read_text(encoding="utf-8")


def records(merged: Merged, key: str) -> dict[str, dict[str, Any]]:
    data = tomli.loads(merged.text)
    return {r.get("id", r.get("name")): r for r in data[key]}


NEW_ACTION = """
[[actions]]
id = "{id}"
owner = "Tom Reyes"
text = "{text}"
agreed_at = 2026-09-21
"""


def changed(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


WALK = "Walk one empty home end to end with repairs and lettings and time each hand-off"


def test_different_actions_changed_and_added_on_both_laptops_merge_with_no_conflict() -> None:
    base = demo("actions.toml")
    ours = changed(base, WALK, "Walk two empty homes") + NEW_ACTION.format(id="ours", text="a")
    theirs = changed(base, 'due = 2026-11-02\nstatus = "open"', 'due = 2026-12-14\nstatus = "open"')
    theirs += NEW_ACTION.format(id="theirs", text="b")

    merged = merge_file("actions.toml", base, ours, theirs)

    assert merged.conflicts == []
    actions = records(merged, "actions")
    assert actions["void-walk-through"]["text"] == "Walk two empty homes"
    assert actions["backlog-board"]["due"] == dt.date(2026, 12, 14)
    assert {"ours", "theirs"} <= set(actions)
    assert len(actions) == len(records(Merged(base), "actions")) + 2
    # As the store writes it: saving the merged data again changes nothing.
    assert dump_toml(tomli.loads(merged.text)).decode() == merged.text


def test_a_record_deleted_on_one_side_goes_unless_the_other_changed_it() -> None:
    base = demo("issues.toml")
    start = base.index('[[issues]]\nid = "recruiting-social-workers"')
    ours = base[:start].rstrip("\n") + "\n"  # the last issue deleted here
    unchanged = merge_file("issues.toml", base, ours, base)
    assert "recruiting-social-workers" not in records(unchanged, "issues")

    theirs = changed(base, "Bid at the September meeting; not yet worked.", "Worked in January.")
    kept = merge_file("issues.toml", base, ours, theirs)
    assert kept.conflicts == []
    assert records(kept, "issues")["recruiting-social-workers"]["description"] == (
        "Worked in January."
    )


def test_the_same_field_changed_on_both_laptops_is_a_conflict_in_words_with_both_kept() -> None:
    base = demo("actions.toml")
    ours = changed(base, WALK, "A")
    theirs = changed(base, WALK, "B")

    merged = merge_file("actions.toml", base, ours, theirs)

    assert [str(c) for c in merged.conflicts] == [
        "action 'void-walk-through': text changed on both laptops: 'A' here, 'B' there"
    ]
    action = records(merged, "actions")["void-walk-through"]
    assert action["text"] == "A"
    assert action["conflict"] == {"text": "B"}
    assert '[actions.conflict]\ntext = "B"\n' in merged.text
    # The other side merging sees the same conflict the other way round.
    mirrored = merge_file("actions.toml", base, theirs, ours)
    assert [(c.here, c.there) for c in mirrored.conflicts] == [("B", "A")]


def test_a_field_changed_on_one_side_and_cleared_on_the_other_keeps_the_change() -> None:
    base = demo("actions.toml")
    note = 'note = "eleven days lost waiting for the gas safety certificate"\n'
    ours = changed(base, note, 'note = "twelve days"\n')
    theirs = changed(base, note, "")
    merged = merge_file("actions.toml", base, ours, theirs)
    assert merged.conflicts == []
    assert records(merged, "actions")["void-walk-through"]["updates"] == [
        {"meeting": dt.date(2026, 6, 29), "progress": "done", "note": "twelve days"}
    ]


def test_report_backs_of_different_meetings_added_to_one_action_are_both_kept() -> None:
    base = demo("actions.toml")
    assert "\n\n" not in base[base.index('id = "depot-find-others"') :]  # the file's last
    ours = base + '\n[[actions.updates]]\nmeeting = 2026-11-02\nprogress = "partly"\n'
    theirs = base + '\n[[actions.updates]]\nmeeting = 2026-12-14\nprogress = "done"\n'
    merged = merge_file("actions.toml", base, ours, theirs)
    assert merged.conflicts == []
    updates = records(merged, "actions")["depot-find-others"]["updates"]
    assert [u["meeting"] for u in updates] == [dt.date(2026, 11, 2), dt.date(2026, 12, 14)]


def test_members_added_on_both_laptops_and_the_sets_own_fields_merge() -> None:
    base = demo("set.toml")
    member = '\n[[members]]\nname = "{}"\nretired = false\n'
    ours = changed(base, "cadence_weeks = 6", "cadence_weeks = 8") + member.format("Ann Ode")
    theirs = changed(base, 'usual_time = "09:30"', 'usual_time = "10:00"') + member.format("Bo Li")
    merged = merge_file("set.toml", base, ours, theirs)
    assert merged.conflicts == []
    data = tomli.loads(merged.text)
    assert (data["cadence_weeks"], data["usual_time"]) == (8, "10:00")
    assert [m["name"] for m in data["members"]][-2:] == ["Ann Ode", "Bo Li"]

    clash = merge_file(
        "set.toml",
        base,
        changed(base, "cadence_weeks = 6", "cadence_weeks = 8"),
        changed(base, "cadence_weeks = 6", "cadence_weeks = 4"),
    )
    assert [str(c) for c in clash.conflicts] == [
        "the set: cadence_weeks changed on both laptops: 8 here, 4 there"
    ]
    assert tomli.loads(clash.text)["conflict"] == {"cadence_weeks": 4}


def test_a_meeting_merges_by_its_tables_and_names_its_records_in_conflicts() -> None:
    base = demo("meetings/2026-09-21.toml")
    ours = changed(base, "elapsed_seconds = 659.0", "elapsed_seconds = 700.0")
    ours = changed(ours, "actual_seconds = 383", "actual_seconds = 390")
    theirs = changed(base, 'place = "Committee Room 2', 'place = "Room 3')
    theirs = changed(theirs, "actual_seconds = 383", "actual_seconds = 400")
    merged = merge_file("meetings/2026-09-21.toml", base, ours, theirs)
    data = tomli.loads(merged.text)
    assert data["clock"]["elapsed_seconds"] == 700.0
    assert data["place"].startswith("Room 3")
    assert [str(c) for c in merged.conflicts] == [
        "meeting 2026-09-21, agenda phase 'Present' (Gareth Lewis): actual_seconds changed on "
        "both laptops: 390 here, 400 there"
    ]
    assert data["agenda"][3]["conflict"] == {"actual_seconds": 400}


def test_comments_a_person_wrote_are_kept_where_nothing_changed() -> None:
    base = demo("actions.toml")
    commented = changed(
        base,
        '[[actions]]\nid = "rangers-chairs"',
        '# asked in May\n[[actions]]\nid = "rangers-chairs"',
    )
    theirs = changed(base, WALK, "Walk two empty homes")
    merged = merge_file("actions.toml", base, commented, theirs)
    assert merged.conflicts == []
    assert '# asked in May\n[[actions]]\nid = "rangers-chairs"' in merged.text
    assert 'text = "Walk two empty homes"' in merged.text


def test_a_file_added_on_both_sides_merges_with_nothing_in_common() -> None:
    ours = 'date = 2027-01-18\nplace = "Room 1"\n'
    theirs = 'date = 2027-01-18\ntime = "09:30"\n'
    merged = merge_file("meetings/2027-01-18.toml", None, ours, theirs)
    assert merged.conflicts == []
    assert tomli.loads(merged.text) == {
        "date": dt.date(2027, 1, 18),
        "place": "Room 1",
        "time": "09:30",
    }


def test_a_file_that_is_not_toml_on_one_side_keeps_both_whole() -> None:
    base = demo("issues.toml")
    merged = merge_file("issues.toml", base, base + "[[broken\n", base + "# theirs\n")
    assert len(merged.conflicts) == 1
    assert "not TOML" in str(merged.conflicts[0])
    assert merged.text.startswith("<<<<<<< ")
    assert "[[broken" in merged.text and "# theirs" in merged.text


def tag(n: int, at: str) -> str:
    return (
        f'{{"op":"tag","id":{n},"at":"2027-01-18T{at}+00:00","phase":"Probe",'
        f'"member":"Tom Reyes","code":"open-question","note":""}}'
    )


def test_a_journal_keeps_both_sides_lines_once_each_in_time_order() -> None:
    base = tag(1, "10:00:00") + "\n"
    note = '{"op":"note","id":2,"note":"asked twice"}'
    ours = base + tag(2, "10:01:00") + "\n" + note + "\n" + tag(4, "10:05:00") + "\n"
    theirs = base + tag(3, "10:03:00") + "\n"
    merged = merge_file("meetings/2027-01-18.tags.jsonl", base, ours, theirs)
    assert merged.conflicts == []
    assert merged.text.splitlines() == [
        tag(1, "10:00:00"),
        tag(2, "10:01:00"),
        note,
        tag(3, "10:03:00"),
        tag(4, "10:05:00"),
    ]
    assert merge_file("x.tags.jsonl", base, ours, ours).text == ours
    assert merge_file("x.tags.jsonl", base, base, ours).text == ours
    assert merge_file("x.tags.jsonl", None, ours, base).text == ours


@pytest.mark.parametrize(
    "name", ["set.toml", "actions.toml", "issues.toml", "meetings/2026-09-21.toml"]
)
def test_each_demo_file_merged_with_itself_or_its_base_is_given_back(name: str) -> None:
    text = demo(name)
    assert merge_file(name, text, text, text).text == text
    assert merge_file(name, None, text, text).text == text


def test_merging_imports_neither_pydantic_nor_textual() -> None:
    """git runs the driver once for each file: it must start quickly."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from actionset.merge import merge_file\n"
        "merge_file('actions.toml', 'a = 1\\n', 'a = 2\\n', 'a = 1\\nb = 3\\n')\n"
        "merge_file('x.tags.jsonl', '', '{}\\n', '[]\\n')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'textual')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, encoding="utf-8", check=True
    )
    assert out.stdout.strip() == "[]"


def test_a_rotation_reordered_on_one_side_keeps_its_order_and_the_others_addition() -> None:
    base = 'name = "S"\nrotation = ["Ann", "Bo", "Cy"]\n'
    moved = 'name = "S"\nrotation = ["Cy", "Ann", "Bo"]\n'
    added = 'name = "S"\nrotation = ["Ann", "Bo", "Cy", "Di"]\n'
    for ours, theirs in ((moved, added), (added, moved)):
        merged = merge_file("set.toml", base, ours, theirs)
        assert merged.conflicts == []
        assert tomli.loads(merged.text)["rotation"] == ["Cy", "Ann", "Bo", "Di"]
    other = 'name = "S"\nrotation = ["Bo", "Ann", "Cy"]\n'
    clash = merge_file("set.toml", base, moved, other)
    assert [str(c) for c in clash.conflicts] == [
        "the set: rotation changed on both laptops: ['Cy', 'Ann', 'Bo'] here, "
        "['Bo', 'Ann', 'Cy'] there"
    ]


def test_a_journal_rewritten_by_a_rename_on_one_laptop_keeps_only_the_new_names() -> None:
    """A member renamed on one laptop rewrites their name in every journal (`store.sets`): the
    old lines go, on whichever side they stayed."""
    old = tag(1, "10:00:00") + "\n" + tag(2, "10:01:00") + "\n"
    renamed = old.replace("Tom Reyes", "Tom Reyes-Smith")
    later = old + tag(3, "10:03:00") + "\n"
    name = "meetings/2027-01-18.tags.jsonl"
    assert merge_file(name, old, renamed, old).text == renamed
    assert merge_file(name, old, old, renamed).text == renamed
    both = merge_file(name, old, renamed, later).text.splitlines()
    assert both == [*renamed.splitlines(), tag(3, "10:03:00")]


def test_a_voice_file_merges_as_a_journal_does() -> None:
    def answer(device: str, at: str) -> str:
        return (
            f'{{"type":"answer","round":"r1","device":"{device}",'
            f'"at":"2027-01-18T{at}+00:00","ratings":{{"useful":4}},"line":""}}'
        )

    opened = '{"type":"round","round":"r1","kind":"pulse","at":"2027-01-18T11:00:00+00:00"}\n'
    here = opened + answer("a", "11:01:00") + "\n"
    there = opened + answer("b", "11:00:30") + "\n"
    merged = merge_file("meetings/2027-01-18.voice.jsonl", opened, here, there)
    assert merged.text == opened + answer("b", "11:00:30") + "\n" + answer("a", "11:01:00") + "\n"


@pytest.mark.parametrize("by_hand", [False, True])
def test_a_merged_file_saved_again_by_the_store_is_unchanged(sets_dir: Path, by_hand: bool) -> None:
    from actionset.store import SetsFolder

    path = sets_dir / "demo" / "actions.toml"
    base = path.read_text(encoding="utf-8")
    ours = changed(base, WALK, "Walk two empty homes")
    if by_hand:
        ours = changed(
            ours, '[[actions]]\nid = "rangers-chairs"', '# May\n[[actions]]\nid = "rangers-chairs"'
        )
    theirs = changed(base, 'due = 2026-11-02\nstatus = "open"', 'due = 2026-12-14\nstatus = "open"')
    merged = merge_file("actions.toml", base, ours, theirs)
    path.write_text(merged.text, encoding="utf-8")

    store = SetsFolder(sets_dir).find("demo")
    store.save_actions(store.load_actions())

    assert path.read_text(encoding="utf-8") == merged.text
    assert ("# May\n" in merged.text) is by_hand
