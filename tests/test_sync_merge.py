"""Two laptops that changed the set apart, synced: different records both kept, the same field
changed on both reported and both kept until a person chooses, and a `git pull` by hand
merging as sync does."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sync_harness import SLUG, Laptop, edit_action, files, with_demo

from actionset.model import Issue

ACTION = "void-walk-through"


@pytest.fixture
def laptops(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Laptop, Laptop, Path]:
    shared = tmp_path / "demo.git"
    a = with_demo(Laptop(tmp_path, "a"))
    b = Laptop(tmp_path, "b")
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    assert b.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    return a, b, shared


def test_different_records_changed_on_each_laptop_are_all_kept(
    laptops: tuple[Laptop, Laptop, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _ = laptops
    edit_action(a.store, ACTION, text="Walk two empty homes end to end")
    second = b.store.load_actions()[1].id
    edit_action(b.store, second, due=dt.date(2027, 2, 1))
    issues = b.store.load_issues()
    issues.append(Issue(id="new-rota", owner="Tom Reyes", title="The new rota"))
    b.store.save_issues(issues)
    b.hold_meeting(dt.date(2026, 12, 14), tags=2)
    assert a.sync(capsys, SLUG)[0] == 0
    status, said = b.sync(capsys, SLUG)
    assert status == 0, said
    assert (
        "sent: meeting 2026-12-14 closed; 2 tags recorded; 1 action changed; 1 issue added" in said
    )
    assert "received: 1 action changed" in said
    assert a.sync(capsys, SLUG)[0] == 0
    assert files(a.folder) == files(b.folder)
    actions = {action.id: action for action in a.store.load_actions()}
    assert actions[ACTION].text == "Walk two empty homes end to end"
    assert actions[second].due == dt.date(2027, 2, 1)
    assert "new-rota" in {issue.id for issue in a.store.load_issues()}


def test_the_same_field_changed_on_both_laptops_is_reported_and_nothing_is_lost(
    laptops: tuple[Laptop, Laptop, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, shared = laptops
    edit_action(a.store, ACTION, text="Walk two empty homes")
    edit_action(b.store, ACTION, text="Walk three empty homes")
    assert a.sync(capsys, SLUG)[0] == 0
    status, said = b.sync(capsys, SLUG)
    assert status == 1
    lines = said.splitlines()
    assert lines[0].startswith(f"demo: brought in from {shared} · received: 1 action changed")
    assert "1 conflict to choose between (`actionset check` names each)" in lines[0]
    assert "sent:" not in lines[0]  # the conflict held everything back
    assert lines[0].endswith(" · waiting to send until chosen: 1 action changed")
    assert lines[1] == (
        f"  action '{ACTION}': text changed on both laptops: "
        "'Walk three empty homes' here, 'Walk two empty homes' there"
    )
    text = (b.folder / "actions.toml").read_text(encoding="utf-8")
    assert "Walk three empty homes" in text and "Walk two empty homes" in text
    status, said = b.check(capsys)
    assert status == 1  # named at its line until a person chooses
    line = text[: text.index("[actions.conflict]")].count("\n") + 1
    # the table's line, or its value's below it
    assert re.search(rf"actions\.toml:({line}|{line + 1}): actions\.0\.", said), said

    assert a.sync(capsys, SLUG)[1].endswith("nothing new either side\n")  # nothing was sent
    status, said = b.sync(capsys, SLUG)  # not again until chosen
    assert status == 1
    assert said.startswith(f"demo: not synced: {b.folder / 'actions.toml'}:")

    # B's facilitator keeps A's wording and deletes the conflict table.
    chosen = text.replace('text = "Walk three empty homes"', 'text = "Walk two empty homes"')
    start = chosen.index("[actions.conflict]")
    end = chosen.index("\n\n", start)
    (b.folder / "actions.toml").write_text(chosen[:start] + chosen[end + 2 :], encoding="utf-8")
    assert b.check(capsys)[0] == 0
    assert b.sync(capsys, SLUG)[0] == 0
    assert a.sync(capsys, SLUG)[0] == 0
    assert files(a.folder) == files(b.folder)
    assert a.store.load_actions()[0].text == "Walk two empty homes"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git command")
def test_a_git_pull_by_hand_merges_record_by_record(
    laptops: tuple[Laptop, Laptop, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, _ = laptops
    # Lines next to each other: a merge by line would conflict; by record it does not.
    edit_action(a.store, ACTION, text="Walk two empty homes")
    edit_action(b.store, ACTION, owner="Tom Reyes")
    assert a.sync(capsys, SLUG)[0] == 0
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "B",
        "GIT_AUTHOR_EMAIL": "b@example.org",
        "GIT_COMMITTER_NAME": "B",
        "GIT_COMMITTER_EMAIL": "b@example.org",
    }

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args],
            cwd=b.folder,
            env=env,
            capture_output=True,
            encoding="utf-8",
            check=False,
        )

    assert git("commit", "-qam", "owner").returncode == 0
    pulled = git("pull", "--no-rebase", "-q", "origin", "main")
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    action = b.store.load_actions()[0]
    assert (action.text, action.owner) == ("Walk two empty homes", "Tom Reyes")
    assert b.check(capsys)[0] == 0
