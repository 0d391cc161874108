"""The console's session: the set's lock, today's meeting and its journal: one owner."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY

from actionset import store as disk
from actionset.session import ConsoleSession, open_console


def demo(sets_dir: Path) -> tuple[disk.SetStore, disk.SetsFolder]:
    return disk.SetStore(sets_dir / "demo"), disk.SetsFolder(sets_dir)


def assert_free(store: disk.SetStore) -> None:
    with store.lock():
        pass
    assert not (store.folder / disk.HOLDER_FILE).exists()


def test_a_session_holds_the_set_until_it_ends(sets_dir: Path) -> None:
    store, folder = demo(sets_dir)
    with open_console(store, folder, TODAY) as session:
        assert session.meeting.date == TODAY
        assert session.the_set.name.startswith("Heads of Service")
        assert session.template is not None and session.template.name == "half-day"
        assert store.load_meeting(TODAY) == session.meeting  # planned and saved
        with pytest.raises(disk.SetLocked, match="actionset project demo"):
            open_console(store, folder, TODAY)
        with pytest.raises(disk.SetLocked):
            store.lock().acquire()
    assert_free(store)


def test_the_session_opens_the_journal_with_the_tags_already_in_it(sets_dir: Path) -> None:
    store, folder = demo(sets_dir)
    with open_console(store, folder, TODAY) as session:
        assert session.events == [] and session.warnings == []
        session.journal.append({"op": "tag", "id": 1, "member": "Tom Reyes"})
    store.tags_path(TODAY).write_bytes(
        store.tags_path(TODAY).read_bytes() + b'{"op":"tag","id":2,"mem'
    )  # cut off mid-write
    with open_console(store, folder, TODAY) as session:
        assert session.events == [{"op": "tag", "id": 1, "member": "Tom Reyes"}]
        [warning] = session.warnings
        assert warning.endswith("the last tag was cut off mid-write and is left out")


def test_a_meeting_that_cannot_be_opened_lets_go_of_the_set(sets_dir: Path) -> None:
    store, folder = demo(sets_dir)
    path = store.meeting_path(TODAY)
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"date = {TODAY.isoformat()}\nplace = [\n", encoding="utf-8")
    with pytest.raises(disk.StoreError) as refused:
        open_console(store, folder, TODAY)
    assert str(refused.value).startswith(f"{path}:")
    assert_free(store)


def test_a_locked_set_is_refused_before_anything_is_read_or_written(sets_dir: Path) -> None:
    store, folder = demo(sets_dir)
    with store.lock(), pytest.raises(disk.SetLocked):
        open_console(store, folder, TODAY)
    assert store.load_meeting(TODAY) is None  # no meeting planned behind the holder's back


def test_closing_twice_does_nothing_more(sets_dir: Path) -> None:
    store, folder = demo(sets_dir)
    session = open_console(store, folder, TODAY)
    assert isinstance(session, ConsoleSession)
    session.close()
    with store.lock():  # held by someone else now: a second close must not free it
        session.close()
        with pytest.raises(disk.SetLocked):
            store.lock().acquire()
    assert_free(store)


def test_a_journal_closed_twice_leaves_other_files_alone(tmp_path: Path) -> None:
    journal = disk.TagJournal(tmp_path / "meetings" / "x.tags.jsonl")
    journal.close()
    with open(tmp_path / "other", "wb") as other:  # may be given the journal's old number
        journal.close()
        other.write(b"still open")
    assert (tmp_path / "other").read_bytes() == b"still open"


def test_the_session_reads_the_sets_record_once_and_saves_it_whole(sets_dir: Path) -> None:
    store, folder = demo(sets_dir)
    with open_console(store, folder, TODAY) as session:
        assert session.actions is session.actions  # read once, changed in place
        assert [m.date.isoformat() for m in session.past_meetings] == [
            "2026-05-18",
            "2026-06-29",
            "2026-08-10",
            "2026-09-21",
        ]
        first = session.actions[0]
        first.text = "Rewritten in the meeting"
        session.save_actions()
        session.issues[0].title = "Retitled in the meeting"
        session.save_issues()
        session.meeting.place = "Room 4"
        session.save_meeting()
    assert store.load_actions()[0].text == "Rewritten in the meeting"
    assert store.load_issues()[0].title == "Retitled in the meeting"
    meeting = store.load_meeting(TODAY)
    assert meeting is not None and meeting.place == "Room 4"


def test_opening_the_console_reads_set_toml_once(
    sets_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run` validates the set once before its first frame, not once per step."""
    reads: list[str] = []
    real = disk.SetStore.load_set

    def counted(self: disk.SetStore) -> object:
        reads.append(self.slug)
        return real(self)

    monkeypatch.setattr(disk.SetStore, "load_set", counted)
    folder = disk.SetsFolder(sets_dir)
    with open_console(folder.find("demo"), folder, TODAY):
        pass
    assert reads == ["demo"]
