"""What `actionset sync` says, in one line, when it cannot sync, and that the record here is
left as it was: no network, a remote that is not a repository, a push refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sync_harness import SLUG, Laptop, edit_action, files, record, with_demo

from actionset.sync import repository as git

FIRST = dt.date(2026, 11, 2)
REAL_PUSH = git.push


@pytest.fixture
def a(tmp_path: Path) -> Laptop:
    return with_demo(Laptop(tmp_path, "a"))


def one_line(said: str) -> str:
    assert said.count("\n") == 1, said
    return said.strip()


def test_no_network(a: Laptop, capsys: pytest.CaptureFixture[str]) -> None:
    before = record(a.folder)
    status, said = a.sync(capsys, SLUG, "--remote", "http://127.0.0.1:9/sets/demo.git")
    assert status == 1
    line = one_line(said)
    assert line.startswith("demo: not synced: cannot reach http://127.0.0.1:9/sets/demo.git (")
    assert line.endswith("sync again once it can be reached")
    assert record(a.folder) == before


def test_a_remote_that_is_not_a_repository(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("Dear all", encoding="utf-8")
    before = record(a.folder)
    status, said = a.sync(capsys, SLUG, "--remote", str(documents))
    assert status == 1
    assert one_line(said) == (
        f"demo: not synced: {documents} is not a shared copy of a set (a git repository): "
        "give a new or empty folder, or the set's shared copy"
    )
    assert record(a.folder) == before
    assert sorted(p.name for p in documents.iterdir()) == ["letter.txt"]


def test_a_drive_not_plugged_in(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = a.sync(capsys, SLUG, "--remote", str(tmp_path / "media" / "stick" / "x.git"))
    assert status == 1
    assert "(is the drive or stick plugged in?)" in one_line(said)
    assert not (tmp_path / "media").exists()


def test_a_remembered_shared_copy_gone_is_not_made_again(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    shared = tmp_path / "demo.git"
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    shutil.rmtree(shared)  # the stick's folder is not there today
    edit_action(a.store, "void-walk-through", text="Walk two homes")
    status, said = a.sync(capsys, SLUG)
    assert status == 1
    assert one_line(said).startswith(f"demo: not synced: {shared} is not a shared copy of a set")
    assert not shared.exists()
    assert a.store.load_actions()[0].text == "Walk two homes"


def someone_syncs_first(
    a: Laptop,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    times: int,
) -> tuple[Laptop, list[str]]:
    """A and B share the set; A holds a meeting, and B syncs a meeting of its own just before
    each of A's next `times` pushes. B, and the pushes A tried."""
    shared = tmp_path / "demo.git"
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    b = Laptop(tmp_path, "b")
    assert b.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    a.hold_meeting(FIRST)
    pushes: list[str] = []

    def push(repo: object, url: str) -> None:
        pushes.append(url)
        if len(pushes) <= times:
            b.hold_meeting(dt.date(2026, 12, len(pushes)), tags=1)
            with monkeypatch.context() as inner:
                inner.setattr(git, "push", REAL_PUSH)
                assert b.sync(capsys, SLUG)[0] == 0
        REAL_PUSH(repo, url)  # type: ignore[arg-type]

    monkeypatch.setattr(git, "push", push)
    return b, pushes


def test_a_push_refused_is_fetched_merged_and_tried_once_more(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b, pushes = someone_syncs_first(a, tmp_path, capsys, monkeypatch, times=1)
    status, said = a.sync(capsys, SLUG)
    assert status == 0, said
    assert "received: meeting 2026-12-01 closed; 1 tag recorded" in said
    assert "sent: meeting 2026-11-02 closed; 3 tags recorded" in said
    assert len(pushes) == 2
    monkeypatch.setattr(git, "push", REAL_PUSH)
    assert b.sync(capsys, SLUG)[0] == 0
    assert files(a.folder) == files(b.folder)


def test_a_push_refused_twice_says_so(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    b, pushes = someone_syncs_first(a, tmp_path, capsys, monkeypatch, times=2)
    status, said = a.sync(capsys, SLUG)
    assert status == 1
    assert one_line(said) == (
        f"demo: not sent: the shared copy at {tmp_path / 'demo.git'} changed twice while "
        "syncing; what it had is merged here: sync again"
    )
    assert len(pushes) == 2
    assert a.check(capsys)[0] == 0
    monkeypatch.setattr(git, "push", REAL_PUSH)
    status, said = a.sync(capsys, SLUG)  # the next sync sends it
    assert status == 0, said
    assert "sent: meeting 2026-11-02 closed; 3 tags recorded" in said
    assert b.sync(capsys, SLUG)[0] == 0
    assert files(a.folder) == files(b.folder)


def test_gathering_a_set_from_nowhere_leaves_nothing_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = Laptop(tmp_path, "lead")
    status, said = lead.sync(capsys, SLUG, "--remote", str(tmp_path / "nothing-here.git"))
    assert status == 1
    assert one_line(said).startswith("demo: not brought in: there is no shared copy of a set at")
    assert list(lead.sets.iterdir()) == []


def test_a_shared_copy_left_locked_by_a_sync_cut_short(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "demo.git"
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    stale = shared / "refs" / "heads" / "main.lock"
    stale.write_bytes(b"")
    edit_action(a.store, "void-walk-through", text="Walk two homes")
    status, said = a.sync(capsys, SLUG)
    assert status == 1
    assert one_line(said).startswith(
        f"demo: not sent: another sync is writing to {shared} ({stale}); sync again in a minute"
    )
    assert a.store.load_actions()[0].text == "Walk two homes"
    stale.unlink()
    status, said = a.sync(capsys, SLUG)
    assert status == 0, said
    assert "sent: 1 action changed" in said


def test_another_laptops_set_folder_is_not_a_shared_copy(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = with_demo(Laptop(tmp_path, "b"))
    assert b.sync(capsys, SLUG, "--remote", str(tmp_path / "demo.git"))[0] == 0
    status, said = a.sync(capsys, SLUG, "--remote", str(b.folder))
    assert status == 1
    assert one_line(said) == (
        f"demo: not synced: {b.folder} is a set's own folder on a laptop, not a shared copy: "
        "give a new or empty folder for the shared copy"
    )


def test_a_set_gathered_halfway_is_gathered_again(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "demo.git"
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    lead = Laptop(tmp_path, "lead")
    half = lead.sets / SLUG
    from actionset.sync import repository

    with repository.opened(half):  # killed after the repository was made, before the files
        pass
    status, said = lead.sync(capsys, SLUG, "--remote", str(shared))
    assert status == 0, said
    assert record(half) == record(a.folder)
