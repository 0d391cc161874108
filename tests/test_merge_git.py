"""git itself merging a set's files through the driver gives what `merge_file` gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actionset.merge import merge_file
from actionset.merge.driver import GITATTRIBUTES, driver_config

DEMO = Path(__file__).parent.parent / "sets" / "demo"
WALK = "Walk one empty home end to end with repairs and lettings and time each hand-off"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Ruth",
        "GIT_AUTHOR_EMAIL": "ruth@example.org",
        "GIT_COMMITTER_NAME": "Ruth",
        "GIT_COMMITTER_EMAIL": "ruth@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, encoding="utf-8", check=check
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The demo set as a git repository with the driver registered, on branch `main`."""
    shutil.copytree(DEMO, tmp_path / "demo")
    folder = tmp_path / "demo"
    git(folder, "init", "-q", "-b", "main")
    (folder / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
    for key, value in driver_config(sys.executable).items():
        git(folder, "config", key, value)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "the set")
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def two_laptops(
    folder: Path, name: str, here: tuple[str, str], there: tuple[str, str]
) -> tuple[str, str, str, subprocess.CompletedProcess[str]]:
    """`there` committed on a branch, `here` on main, then `git merge` of the branch."""
    base = (folder / name).read_text(encoding="utf-8")
    git(folder, "checkout", "-q", "-b", "there")
    edit(folder, name, *there)
    theirs = (folder / name).read_text(encoding="utf-8")
    git(folder, "commit", "-q", "-am", "there")
    git(folder, "checkout", "-q", "main")
    edit(folder, name, *here)
    ours = (folder / name).read_text(encoding="utf-8")
    git(folder, "commit", "-q", "-am", "here")
    return base, ours, theirs, git(folder, "merge", "--no-edit", "there", check=False)


def test_git_merges_different_actions_with_the_driver_as_merge_file_does(repo: Path) -> None:
    base, ours, theirs, merging = two_laptops(
        repo,
        "actions.toml",
        (WALK, "Walk two empty homes"),
        ('due = 2026-11-02\nstatus = "open"', 'due = 2026-12-14\nstatus = "open"'),
    )
    assert merging.returncode == 0, merging.stdout + merging.stderr
    merged = merge_file("actions.toml", base, ours, theirs)
    assert merged.conflicts == []
    assert (repo / "actions.toml").read_text(encoding="utf-8") == merged.text
    assert "Walk two empty homes" in merged.text and "due = 2026-12-14" in merged.text


def test_git_reports_the_same_field_changed_on_both_sides_and_keeps_both(repo: Path) -> None:
    base, ours, theirs, merging = two_laptops(repo, "actions.toml", (WALK, "A"), (WALK, "B"))
    assert merging.returncode != 0
    assert (
        "actions.toml: action 'void-walk-through': text changed on both laptops: "
        "'A' here, 'B' there" in merging.stderr
    )
    merged = merge_file("actions.toml", base, ours, theirs)
    written = (repo / "actions.toml").read_text(encoding="utf-8")
    assert written == merged.text
    assert 'text = "A"' in written and '[actions.conflict]\ntext = "B"' in written
    assert "<<<<<<<" not in written
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split() == ["actions.toml"]


def test_git_merges_a_tag_journal_keeping_both_sides_lines(repo: Path) -> None:
    name = "meetings/2026-09-21.tags.jsonl"
    lines = (repo / name).read_text(encoding="utf-8").splitlines()
    last = lines[-1]
    later = '{"op":"note","id":1,"note":"%s"}'
    base, ours, theirs, merging = two_laptops(
        repo, name, (last, last + "\n" + later % "here"), (last, last + "\n" + later % "there")
    )
    assert merging.returncode == 0, merging.stderr
    written = (repo / name).read_text(encoding="utf-8")
    assert written == merge_file(name, base, ours, theirs).text
    assert written.splitlines() == [*lines, later % "here", later % "there"]


def test_git_merges_a_meeting_added_on_both_laptops(repo: Path) -> None:
    name = "meetings/2027-01-18.toml"
    git(repo, "checkout", "-q", "-b", "there")
    (repo / name).write_text('date = 2027-01-18\ntime = "09:30"\n', encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", "there")
    git(repo, "checkout", "-q", "main")
    (repo / name).write_text('date = 2027-01-18\nplace = "Room 1"\n', encoding="utf-8")
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", "here")
    merging = git(repo, "merge", "--no-edit", "there", check=False)
    assert merging.returncode == 0, merging.stdout + merging.stderr
    assert (repo / name).read_text(encoding="utf-8") == merge_file(
        name, None, 'date = 2027-01-18\nplace = "Room 1"\n', 'date = 2027-01-18\ntime = "09:30"\n'
    ).text
