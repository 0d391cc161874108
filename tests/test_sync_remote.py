"""Where a set syncs to: a folder is a folder whatever it is named (a colon, a drive letter),
a remote is remembered only once a sync reached it and changed only when asked, and the shared
copy is one git reads by hand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sync_harness import SLUG, Laptop, record, with_demo

from actionset.sync import repository as git

GIT = shutil.which("git")


@pytest.fixture
def a(tmp_path: Path) -> Laptop:
    return with_demo(Laptop(tmp_path, "a"))


@pytest.mark.parametrize(
    "remote",
    [
        r"E:\sets\demo.git",
        "E:/sets/demo.git",
        "e:\\demo.git",
        "/media/stick/a:b/demo.git",
        "a:b/demo.git",
        r"\\fileserver\programme\demo.git",
        "demo.git",
    ],
)
def test_a_folder_is_a_folder_whatever_its_name(remote: str) -> None:
    assert not git.is_url(remote)


@pytest.mark.parametrize(
    "remote",
    [
        "https://git.example.org/programme/demo.git",
        "ssh://git@git.example.org/demo.git",
        "git@git.example.org:programme/demo.git",
        "file:///srv/sets/demo.git",
    ],
)
def test_an_address_is_an_address(remote: str) -> None:
    assert git.is_url(remote)


def test_a_folder_with_a_colon_in_its_name_is_synced_as_a_folder(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "usb" / "sets:2027" / "demo.git"
    shared.parent.mkdir(parents=True)
    status, said = a.sync(capsys, SLUG, "--remote", str(shared))
    assert status == 0, said
    assert said.startswith(f"demo: synced with {shared} · ")
    status, said = a.sync(capsys, SLUG)
    assert status == 0, said
    assert "nothing new either side" in said
    b = Laptop(tmp_path, "b")
    status, said = b.sync(capsys, SLUG, "--remote", str(shared))
    assert status == 0, said
    assert record(b.folder) == record(a.folder)


def test_a_windows_drive_on_this_laptop_is_refused_and_nothing_is_made(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, said = a.sync(capsys, SLUG, "--remote", r"E:\sets\demo.git")
    assert status == 1
    assert "is a folder on a Windows drive" in said
    assert not any(p.name.startswith("E:") for p in tmp_path.iterdir())
    with git.opened(a.folder) as repo:
        assert git.remembered_remote(repo) is None


def test_a_first_sync_that_fails_remembers_nothing(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = a.sync(capsys, SLUG, "--remote", "http://127.0.0.1:9/sets/demo.git")
    assert status == 1, said
    status, said = a.sync(capsys, SLUG)
    assert "no shared copy yet: give --remote PATH|URL once" in said, said
    shared = tmp_path / "demo.git"
    status, said = a.sync(capsys, SLUG, "--remote", str(shared))
    assert status == 0, said
    assert a.sync(capsys, SLUG)[1].startswith(f"demo: synced with {shared} · ")


def test_another_remote_replaces_the_remembered_one_when_asked(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old.git", tmp_path / "new.git"
    assert a.sync(capsys, SLUG, "--remote", str(old))[0] == 0
    status, said = a.sync(capsys, SLUG, "--remote", str(new))
    assert status == 0, said
    assert said.rstrip().endswith(
        f"(this once: the set still syncs with {old}; add --remember to sync with {new} "
        "from now on)"
    )
    assert a.sync(capsys, SLUG)[1].startswith(f"demo: synced with {old} · ")
    status, said = a.sync(capsys, SLUG, "--remote", str(new), "--remember")
    assert status == 0, said
    assert said.rstrip().endswith(f"(from now on the set syncs with {new})")
    assert a.sync(capsys, SLUG)[1].startswith(f"demo: synced with {new} · ")


def test_remember_without_a_remote_is_a_usage_error(
    a: Laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    status, said = a.sync(capsys, SLUG, "--remember")
    assert status == 2, said
    assert "--remember keeps the --remote given" in said


def test_the_shared_copy_names_main_as_its_head(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "demo.git"
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    assert (shared / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"


def test_a_shared_copy_made_before_gets_its_head_at_the_next_sync(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "demo.git"
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    (shared / "HEAD").write_text("ref: refs/heads/master\n", encoding="utf-8")
    assert a.sync(capsys, SLUG)[0] == 0
    assert (shared / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"


@pytest.mark.skipif(GIT is None, reason="git is not installed here")
def test_git_clones_and_reads_the_shared_copy_by_hand(
    a: Laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert GIT is not None
    shared = tmp_path / "usb" / "demo.git"
    shared.parent.mkdir()
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    clone = tmp_path / "by-hand"
    cloned = subprocess.run(
        [GIT, "clone", str(shared), str(clone)], capture_output=True, encoding="utf-8", check=False
    )
    assert cloned.returncode == 0, cloned.stderr
    assert "nonexistent ref" not in cloned.stderr
    assert (clone / "set.toml").read_bytes() == (a.folder / "set.toml").read_bytes()
    logged = subprocess.run(
        [GIT, f"--git-dir={shared}", "log", "--oneline"],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.strip()
