"""What a person wrote by hand in a set's files (comments, blank lines, the order of keys)
survives every kind of save the app makes, a save that changes nothing changes no byte, and a
file as actionset writes it is written exactly as before."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import TODAY, FakeClock, write_meeting

from actionset import set_changes
from actionset import store as disk
from actionset.model import Action, Progress, ReportBack
from actionset.model.issue import IssueStatus
from actionset.model.members import add_member, retire_member
from actionset.model.record import capture_action, raise_issue

LATEST = dt.date(2026, 9, 21)

# Each file's hand edits: a comment put above a line (the first line that is exactly this), a
# comment put after a line, and two lines that swap places.
ABOVE = {
    "set.toml": {
        'name = "Heads of Service — Northfield Borough Council"': "# The set's own file.\n",
        "ground_rules = [": "\n# Agreed at the first meeting, May 2026.\n",
        'name = "Helen Okafor"': "# Helen chairs the adult social care board.\n",
        'name = "Sam Whitaker"': "# Sam: ask about the food hygiene backlog.\n",
    },
    "actions.toml": {
        'id = "void-walk-through"': "# Actions, as agreed in the room.\n\n",
        'id = "void-contractor"': "# The contractor's answer came by email.\n",
        'id = "backlog-board"': "# Gareth to bring photos.\n",
    },
    "issues.toml": {
        'id = "void-turnaround"': "# Issues the members brought.\n\n",
        'id = "volunteer-rangers"': "# Ranger service: see the July minutes.\n",
    },
    "meetings/2026-09-21.toml": {
        "date = 2026-09-21": "# The September meeting.\n\n",
        "[clock]": "# How the clock stood at the close.\n",
        'title = "Probe"': "# The best probing round yet.\n",
    },
}
AFTER = {
    "set.toml": {"cadence_weeks = 6": "  # every six weeks, agreed in May"},
    "actions.toml": {'progress = "partly"': "  # it was more than partly"},
    "issues.toml": {'status = "worked"': "  # first worked on in May"},
    "meetings/2026-09-21.toml": {"running = false": "  # paused at the close"},
}
SWAPPED = {
    "set.toml": (
        'role = "Head of Housing Services"',
        'organisation = "Northfield Borough Council"',
    ),
    "meetings/2026-09-21.toml": ("muted = false", 'view = "countdown"'),
}


def hand_edit(folder: Path) -> dict[str, str]:
    """The set's files as a person edits them, by name: what `ABOVE`, `AFTER` and `SWAPPED`
    say, the first of each, in a block of the file whose owner is named where that matters."""
    edited = {}
    for name in ABOVE:
        path = folder / name
        lines = path.read_text(encoding="utf-8").split("\n")
        for anchor, comment in ABOVE[name].items():
            i = _first(lines, anchor)
            header = i - 1 if lines[i - 1].startswith("[") else i
            lines[header:header] = comment.removesuffix("\n").split("\n")
        for anchor, comment in AFTER.get(name, {}).items():
            i = _first(lines, anchor)
            lines[i] += comment
        if name in SWAPPED:
            a, b = (_first(lines, line) for line in SWAPPED[name])
            lines[a], lines[b] = lines[b], lines[a]
        edited[name] = "\n".join(lines)
        path.write_text(edited[name], encoding="utf-8")
    return edited


def _first(lines: list[str], line: str) -> int:
    return lines.index(line)


def under(text: str, comment: str) -> str:
    """The two lines after a comment (its header and the line that names the record)."""
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.endswith(comment))
    return "\n".join(lines[i + 1 : i + 3])


def comments(text: str) -> list[str]:
    return [line for line in text.split("\n") if "#" in line]


@pytest.fixture
def edited(sets_dir: Path) -> tuple[disk.SetStore, dict[str, str]]:
    store = disk.SetStore(sets_dir / "demo")
    return store, hand_edit(store.folder)


def read(store: disk.SetStore, name: str) -> str:
    return (store.folder / name).read_text(encoding="utf-8")


def test_a_save_that_changes_nothing_changes_no_byte(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    store.save_set(store.load_set())
    store.save_actions(store.load_actions())
    store.save_issues(store.load_issues())
    meeting = store.load_meeting(LATEST)
    assert meeting is not None
    store.save_meeting(meeting)
    for name, text in before.items():
        assert read(store, name) == text, name


def test_set_toml_keeps_what_was_written_through_every_change_of_the_set_screen(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    set_changes.change_set(store, lambda s: add_member(s, "Ava Brooks", TODAY, latest=LATEST))
    set_changes.change_set(store, lambda s: retire_member(s, "Gareth Lewis", TODAY))
    set_changes.change_set(
        store, lambda s: s.model_copy(update={"usual_place": "Room 4", "cadence_weeks": 8})
    )
    after = read(store, "set.toml")
    assert after.startswith("# The set's own file.\nname = ")
    assert "\n\n# Agreed at the first meeting, May 2026.\nground_rules = [\n" in after
    assert under(after, "# Helen chairs the adult social care board.") == (
        '[[members]]\nname = "Helen Okafor"'
    )
    assert "cadence_weeks = 8  # every six weeks, agreed in May\n" in after
    assert 'role = "Head of Housing Services"\norganisation = "Northfield' in after  # its order
    assert 'usual_place = "Room 4"\n' in after
    assert after.endswith('name = "Ava Brooks"\nretired = false\njoined = 2026-11-21\nnumber = 7\n')
    assert "left = 2026-11-21" in after.split('name = "Gareth Lewis"')[1].split("[[")[0]
    assert comments(after) == [
        c.replace("cadence_weeks = 6", "cadence_weeks = 8") for c in comments(before["set.toml"])
    ]


def test_a_member_renamed_keeps_every_comment_in_every_file(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    set_changes.rename_member(store, "Helen Okafor", "Helen Okafor-Price")
    after = {name: read(store, name) for name in before}
    for name in before:
        assert comments(after[name]) == comments(before[name]), name
    assert under(after["set.toml"], "# Helen chairs the adult social care board.") == (
        '[[members]]\nname = "Helen Okafor-Price"'
    )


def test_actions_keep_their_comments_as_actions_are_added_reported_on_and_removed(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    the_set, actions = store.load_set(), store.load_actions()
    meeting = store.load_meeting(LATEST)
    assert meeting is not None
    actions.append(capture_action(actions, meeting, the_set, "Gareth Lewis", "Ring the union"))
    store.save_actions(actions)  # an action agreed
    contractor = next(a for a in actions if a.id == "void-contractor")
    contractor.report(ReportBack(meeting=TODAY, progress=Progress.done, note="started early"))
    store.save_actions(actions)  # reported back
    del actions[0]  # the action before the one commented, taken back
    store.save_actions(actions)
    after = read(store, "actions.toml")
    assert after.startswith(  # the comment above them all stays, though the first went
        "# Actions, as agreed in the room.\n\n# The contractor's answer came by email.\n"
    )
    assert under(after, "# The contractor's answer came by email.") == (
        '[[actions]]\nid = "void-contractor"'
    )
    assert under(after, "# Gareth to bring photos.") == '[[actions]]\nid = "backlog-board"'
    assert 'progress = "partly"  # it was more than partly\n' in after
    assert (
        'note = "started early"' in after.split('id = "void-contractor"')[1].split("[[actions]]")[0]
    )
    assert after.rstrip().endswith('status = "open"') and 'text = "Ring the union"' in after
    assert comments(after) == comments(before["actions.toml"])
    assert [a.id for a in store.load_actions()] == [a.id for a in actions]


def test_issues_keep_their_comments_as_issues_are_raised_and_settled(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    issues = store.load_issues()
    issues.append(raise_issue(issues, "Sam Whitaker", "Food hygiene backlog", TODAY))
    store.save_issues(issues)
    set_changes.settle(store, "void-turnaround", IssueStatus.resolved, TODAY, "four weeks now")
    after = read(store, "issues.toml")
    assert comments(after) == comments(before["issues.toml"])
    assert under(after, "# Ranger service: see the July minutes.") == (
        '[[issues]]\nid = "volunteer-rangers"'
    )
    assert 'title = "Food hygiene backlog"' in after
    assert len(store.load_issues()) == len(issues)


def test_records_put_in_another_order_take_their_comments_with_them(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    issues = store.load_issues()
    store.save_issues(issues[::-1])
    after = read(store, "issues.toml")
    assert under(after, "# Ranger service: see the July minutes.") == (
        '[[issues]]\nid = "volunteer-rangers"'
    )
    assert sorted(comments(after)) == sorted(comments(before["issues.toml"]))


def test_a_meeting_file_keeps_its_comments_while_the_clock_runs(
    edited: tuple[disk.SetStore, dict[str, str]], fake_clock: FakeClock
) -> None:
    from actionset.model.clock import MeetingClock

    store, before = edited
    meeting = store.load_meeting(LATEST)
    assert meeting is not None
    clock = MeetingClock(meeting, fake_clock)
    clock.reopen()
    for _ in range(3):  # saved every few seconds while the clock runs
        clock.start()
        fake_clock.advance(5)
        store.save_meeting(meeting)
    clock.pause()
    meeting.reflections.append("We ran over in the review.")
    store.save_meeting(meeting)
    after = read(store, "meetings/2026-09-21.toml")
    name = "meetings/2026-09-21.toml"
    assert [c.split("  #")[-1] for c in comments(after)] == [
        c.split("  #")[-1] for c in comments(before[name])
    ]
    assert under(after, "# How the clock stood at the close.").startswith("[clock]\nphase = ")
    assert under(after, "# The best probing round yet.") == '[[agenda]]\ntitle = "Probe"'
    assert "  # paused at the close\n" in after
    assert 'muted = false\nview = "countdown"' in after  # the order written by hand
    assert store.load_meeting(LATEST) == meeting


def test_a_hand_edited_file_saved_from_windows_keeps_its_comments_in_lf_lines(
    edited: tuple[disk.SetStore, dict[str, str]],
) -> None:
    store, before = edited
    path = store.folder / "issues.toml"
    path.write_bytes(before["issues.toml"].replace("\n", "\r\n").encode())
    store.save_issues(store.load_issues())
    assert path.read_bytes() == before["issues.toml"].encode()


def test_a_file_as_actionset_writes_it_is_written_as_before(sets_dir: Path) -> None:
    """No hand edit: the fresh form, byte for byte, whatever changed."""
    store = disk.SetStore(sets_dir / "demo")
    actions = store.load_actions()
    actions.append(Action(id="new-one", owner="Tom Reyes", text="Ask", agreed_at=LATEST, due=TODAY))
    store.save_actions(actions)
    expected = disk.dump_toml({"actions": [a.model_dump() for a in actions]})
    assert (store.folder / "actions.toml").read_bytes() == expected


def test_a_header_the_store_cannot_follow_is_written_afresh(sets_dir: Path) -> None:
    store = disk.SetStore(sets_dir / "demo")
    path = store.folder / "issues.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '[[issues]]\nid = "volunteer-rangers"', '[["issues"]]\nid = "volunteer-rangers"  # x'
        ),
        encoding="utf-8",
    )
    issues = store.load_issues()
    store.save_issues(issues)
    assert store.load_issues() == issues
    assert path.read_bytes() == disk.dump_toml({"issues": [i.model_dump() for i in issues]})


async def test_the_console_keeps_the_comments_of_todays_meeting_file(
    sets_dir: Path, fake_clock: FakeClock
) -> None:
    from actionset.app import console_app

    store, _ = write_meeting(sets_dir, fake_clock, phases_done=1, minutes_in=2)
    path = store.meeting_path(TODAY)
    text = path.read_text(encoding="utf-8").replace("[clock]", "# Started late: the room.\n[clock]")
    path.write_text("# Today's meeting.\n\n" + text, encoding="utf-8")
    app = console_app(
        store, disk.SetsFolder(sets_dir), today=TODAY, now=fake_clock, remember_theme=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space")
        fake_clock.advance(30)
        await pilot.press("n", "plus")
        await app.saved()
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# Today's meeting.\n\n")
    assert "# Started late: the room.\n[clock]\n" in after
    meeting = store.load_meeting(TODAY)
    assert meeting is not None and meeting.clock.phase == 2
