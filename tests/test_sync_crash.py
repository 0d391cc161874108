"""A sync SIGKILLed at points along the way (during the fetch, while the merge writes the
files, before the merge is committed, before its mark goes, in the push): the record left
passes `check`, and a second sync completes, with nothing of either laptop lost."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from sync_harness import SLUG, Laptop, edit_action, files, with_demo

from actionset.model import Action, Issue, Member

SECOND = dt.date(2026, 12, 14)

# Runs in the child: `actionset sync demo` in this laptop's folder, killed (SIGKILL, as kill -9
# does) at the point named.
SCRIPT = """
import os, signal, sys
from dulwich.client import LocalGitClient
from actionset import cli
from actionset.sync import repository as git

point, sets = sys.argv[1], sys.argv[2]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def after(module, name, when=lambda *a, **k: True):
    real = getattr(module, name)
    def wrapped(*args, **kwargs):
        result = real(*args, **kwargs)
        if when(*args, **kwargs):
            die()
        return result
    setattr(module, name, wrapped)

def before(module, name, when=lambda *a, **k: True):
    real = getattr(module, name)
    def wrapped(*args, **kwargs):
        if when(*args, **kwargs):
            die()
        return real(*args, **kwargs)
    setattr(module, name, wrapped)

if point == "fetched":
    after(git, "fetch")
elif point.startswith("written"):  # after the n-th file the merge wrote
    count, wanted = [0], int(point.removeprefix("written"))
    def nth(path, data):
        if path.name == git.MERGING:
            return False
        count[0] += 1
        return count[0] == wanted
    after(git, "atomic_write", nth)
elif point == "before commit":
    before(git, "commit", lambda *a, merging=None, **k: merging is not None)
elif point == "committed":
    before(git, "mark_merging", lambda repo, theirs: theirs is None)
elif point == "pushing":
    before(LocalGitClient, "send_pack")
sys.exit(cli.main(["--sets-dir", sets, "sync", "demo"]))
"""

POINTS = [
    "fetched",
    "written1",
    "written2",
    "written3",
    "written4",
    "before commit",
    "committed",
    "pushing",
]


@pytest.mark.parametrize("point", POINTS)
def test_a_sync_killed_leaves_a_record_check_accepts_and_the_next_sync_completes(
    point: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "demo.git"
    a = with_demo(Laptop(tmp_path, "a"))
    b = Laptop(tmp_path, "b")
    assert a.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    assert b.sync(capsys, SLUG, "--remote", str(shared))[0] == 0
    # B welcomes a member, who brings an issue and takes an action on it at a meeting B
    # holds, and syncs; A meanwhile changed an action. Each of B's files names what the one
    # before it holds: a merge cut short between two of them must leave none naming what the
    # others lack.
    the_set = b.store.load_set()
    the_set.members.append(Member(name="Zoe Park"))
    b.store.save_set(the_set)
    issues = b.store.load_issues()
    issues.append(Issue(id="new-rota", owner="Zoe Park", title="The new rota"))
    b.store.save_issues(issues)
    actions = b.store.load_actions()
    actions.append(
        Action(
            id="rota-draft",
            owner="Zoe Park",
            text="Draft the rota",
            issue="new-rota",
            agreed_at=SECOND,
        )
    )
    b.store.save_actions(actions)
    b.hold_meeting(SECOND, tags=3)
    assert b.sync(capsys, SLUG)[0] == 0
    edit_action(a.store, "void-walk-through", text="Walk two empty homes end to end")

    child = subprocess.run(
        [sys.executable, "-c", SCRIPT, point, str(a.sets)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr

    status, said = a.check(capsys)
    assert status == 0, said
    status, said = a.sync(capsys, SLUG)
    assert status == 0, said
    cut_short = point.startswith("written") or point in ("before commit", "committed")
    assert said.rstrip().endswith("(finished the merge a sync cut short)") == cut_short, said
    assert b.sync(capsys, SLUG)[0] == 0
    assert files(a.folder) == files(b.folder)
    for laptop in (a, b):
        store = laptop.store
        assert store.load_actions()[0].text == "Walk two empty homes end to end"
        assert "new-rota" in {issue.id for issue in store.load_issues()}
        assert "rota-draft" in {action.id for action in store.load_actions()}
        assert len(store.read_journal(SECOND).events) == 3
        assert not (laptop.folder / ".git" / "ACTIONSET_MERGE").exists()
