"""`actionset sync` between laptops through a shared copy in a folder (a bare repository, as
on a shared drive or a USB stick): meetings held in turn, the lock, the words of a commit."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from sync_harness import SLUG, Laptop, files, with_demo

from actionset import store as disk
from actionset.sync import repository as git
from actionset.sync.steps import SyncFailed, sync_set

FIRST = dt.date(2026, 11, 2)
SECOND = dt.date(2026, 12, 14)
THIRD = dt.date(2027, 1, 25)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    return tmp_path / "usb" / "demo.git"


@pytest.fixture
def a(tmp_path: Path) -> Laptop:
    (tmp_path / "usb").mkdir()
    return with_demo(Laptop(tmp_path, "a"))


@pytest.fixture
def b(tmp_path: Path) -> Laptop:
    return Laptop(tmp_path, "b")


def log(folder: Path) -> list[str]:
    """main's commit messages, newest first."""
    with git.opened(folder) as repo:
        return [
            entry.commit.message.decode().strip()
            for entry in repo.get_walker(include=[repo.refs[git.BRANCH]])
        ]


def test_two_laptops_take_turns_and_end_with_identical_files(
    a: Laptop, b: Laptop, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = a.sync(capsys, SLUG, "--remote", str(shared))
    assert status == 0, said
    assert said.startswith(f"demo: synced with {shared} · sent: set 'Heads of Service")
    status, said = b.sync(capsys, SLUG, "--remote", str(shared))  # the next facilitator's
    assert status == 0, said
    assert files(b.folder) == files(a.folder)

    a.hold_meeting(FIRST, tags=3, action="first-step")
    status, said = a.sync(capsys, SLUG)  # the remote was remembered
    assert status == 0, said
    assert log(a.folder)[0] == "meeting 2026-11-02 closed; 3 tags recorded; 1 action agreed"

    status, said = b.sync(capsys, SLUG)
    assert "received: meeting 2026-11-02 closed; 3 tags recorded; 1 action agreed" in said
    b.hold_meeting(SECOND, tags=2, action="second-step")
    assert b.sync(capsys, SLUG)[0] == 0
    a.hold_meeting(THIRD, tags=4, action="third-step")  # before hearing of the second
    status, said = a.sync(capsys, SLUG)
    assert status == 0, said
    assert "received: meeting 2026-12-14 closed; 2 tags recorded; 1 action agreed" in said
    assert b.sync(capsys, SLUG)[0] == 0

    assert files(b.folder) == files(a.folder)
    ids = {action.id for action in a.store.load_actions()}
    assert {"first-step", "second-step", "third-step"} <= ids
    for laptop in (a, b):
        assert laptop.check(capsys)[0] == 0
    assert (shared / "HEAD").is_file()  # the shared copy was made in the new folder


def test_a_set_open_in_a_console_is_not_synced(
    a: Laptop, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    a.hold_meeting(FIRST)
    before = files(a.folder)
    with a.store.lock(FIRST):
        status, said = a.sync(capsys, SLUG)
    assert status == 1
    assert said.count("\n") == 1
    assert said.startswith("demo: not synced: it is open in a console (process ")
    assert "close the meeting there, then sync" in said
    assert re.search(r", since \d\d:\d\d (today|yesterday)\); close", said), said
    assert "+00:00" not in said and "T" not in said.split("since")[1]
    assert files(a.folder) == before
    assert len(log(a.folder)) == 1  # nothing committed underneath the console


def test_what_the_app_writes_for_itself_is_never_committed(
    a: Laptop, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (a.folder / "meetings" / ".2026-11-02.toml.123.456.tmp").write_bytes(b"half a save")
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    with git.opened(a.folder) as repo:
        committed = set(git.files_at(repo, git.head(repo)))
    assert ".gitignore" in committed
    assert not [p for p in committed if ".console." in p or p.endswith(".tmp")]


def test_a_set_with_a_damaged_file_is_not_synced(
    a: Laptop, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (a.folder / "actions.toml").write_text("[[actions]\n", encoding="utf-8")
    before = files(a.folder)
    status, said = a.sync(capsys, SLUG, "--remote", str(shared))
    assert status == 1
    assert said.startswith(f"demo: not synced: {a.folder / 'actions.toml'}:1: toml:")
    assert said.count("\n") == 1
    assert files(a.folder) == before
    assert not (a.folder / ".git").exists()


def test_sync_all_syncs_every_shared_set_one_line_each(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import ROOT, copy_set

    copy_set(ROOT / "sets" / "ward-to-board", a.sets / "ward-to-board")
    copy_set(ROOT / "sets" / "demo", a.sets / "not-shared")
    assert a.sync(capsys, SLUG, "--remote", str(tmp_path / "usb" / "demo.git"))[0] == 0
    remote = str(tmp_path / "usb" / "ward.git")
    assert a.sync(capsys, "ward-to-board", "--remote", remote)[0] == 0

    lead = Laptop(tmp_path, "lead")  # a programme lead gathers both sets
    assert lead.sync(capsys, SLUG, "--remote", str(tmp_path / "usb" / "demo.git"))[0] == 0
    assert lead.sync(capsys, "ward-to-board", "--remote", remote)[0] == 0
    a.hold_meeting(FIRST)
    status, said = a.sync(capsys, "--all")
    assert status == 0
    lines = said.splitlines()
    assert [line.split(":")[0] for line in lines] == ["demo", "not-shared", "ward-to-board"]
    assert lines[1] == "not-shared: not shared yet (sync it once with --remote PATH|URL)"
    assert "sent: meeting 2026-11-02 closed" in lines[0]
    assert "nothing new either side" in lines[2]

    status, said = lead.sync(capsys, "--all")
    assert status == 0, said
    assert "received: meeting 2026-11-02 closed" in said.splitlines()[0]
    assert files(lead.sets / SLUG) == files(a.folder)

    from actionset import cli

    assert cli.main(["--sets-dir", str(lead.sets), "report", "--programme"]) == 0
    report = capsys.readouterr().out
    for the_set in (a.store, disk.SetStore(a.sets / "ward-to-board")):
        assert the_set.load_set().name in report
    assert git.last_synced(lead.sets / SLUG) is not None


async def test_a_set_run_in_the_console_is_not_synced_until_it_closes(
    a: Laptop, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import TODAY, FakeClock
    from textual.widgets import OptionList

    from actionset.app import home_app
    from actionset.screens.meeting import MeetingScreen

    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    app = home_app(disk.SetsFolder(a.sets), today=TODAY, now=FakeClock(), remember_theme=False)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("r")  # today's meeting in the facilitator console
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        with pytest.raises(SyncFailed) as refused:  # the app holds print while it runs
            sync_set(a.folder, None)
        assert str(refused.value).startswith(
            f"demo: not synced: it is open in a console (process {os.getpid()} on "
        )
        assert len(log(a.folder)) == 1
        await pilot.press("ctrl+q")
    status, said = a.sync(capsys, SLUG)
    assert status == 0, said
    assert "sent: meeting 2026-11-21 planned" in said


def test_every_file_the_app_keeps_for_itself_is_ignored() -> None:
    from dulwich.ignore import IgnoreFilter

    ignored = IgnoreFilter([line.encode() for line in git.GITIGNORE.splitlines()])
    for name in (disk.LOCK_FILE, disk.HOLDER_FILE, disk.VOICE_LOCK, ".actions.toml.12.34.tmp"):
        assert ignored.is_ignored(name), name
        assert ignored.is_ignored(f"meetings/{name}"), name
    for name in ("set.toml", "meetings/2027-01-18.tags.jsonl", "meetings/2027-01-18.voice.jsonl"):
        assert not ignored.is_ignored(name), name


def test_a_console_opened_while_the_set_syncs_says_so(a: Laptop) -> None:
    with disk.SetLock(a.folder, SLUG, syncing=True), pytest.raises(disk.SetLocked) as refused:
        a.store.lock(FIRST).acquire()
    assert str(refused.value).startswith(f"set 'demo' is being synced (process {os.getpid()} on ")
    assert str(refused.value).endswith("; open it once that is done")
    with disk.SetLock(a.folder, SLUG, syncing=True), pytest.raises(SyncFailed) as again:
        sync_set(a.folder, None)
    assert str(again.value).startswith("demo: not synced: another sync of it is under way (")
