"""Laptops for the sync tests: sets folders of their own, a shared copy (a bare repository in
a folder, as on a shared drive or a USB stick), meetings held through the store, and the
files of a set compared between laptops."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import DEMO, copy_set

from actionset import cli
from actionset import store as disk
from actionset.model import Action
from actionset.model.codebook import codebook_for
from actionset.model.contributions import Tagger
from actionset.session import open_meeting

SLUG = "demo"


class Laptop:
    """One facilitator's laptop: its own sets folder."""

    def __init__(self, root: Path, name: str) -> None:
        self.sets = root / name / "sets"
        self.sets.mkdir(parents=True)

    @property
    def folder(self) -> Path:
        return self.sets / SLUG

    @property
    def store(self) -> disk.SetStore:
        return disk.SetStore(self.folder)

    def sync(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
        """`actionset sync ARGS` here: its status and what it said (out and err)."""
        status = cli.main(["--sets-dir", str(self.sets), "sync", *args])
        said = capsys.readouterr()
        return status, said.out + said.err

    def check(self, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
        status = cli.main(["--sets-dir", str(self.sets), "check"])
        said = capsys.readouterr()
        return status, said.out + said.err

    def hold_meeting(self, date: dt.date, tags: int = 3, action: str = "") -> None:
        """A meeting held and closed here, as the console leaves it: tags in its journal, an
        action agreed (when given), the meeting closed."""
        store = self.store
        meeting = open_meeting(store, disk.SetsFolder(self.sets), date)
        the_set = store.load_set()
        code = codebook_for(the_set)[0].name
        members = [m.name for m in the_set.current_members]
        tagger = Tagger(store.read_journal(date).events)
        with store.journal(date) as journal:
            for n in range(tags):
                journal.append(
                    tagger.tag(
                        member=members[n % len(members)], code=code, phase="Probe", presenter=""
                    )
                )
        if action:
            actions = store.load_actions()
            actions.append(Action(id=action, owner=members[0], text=f"Do {action}", agreed_at=date))
            store.save_actions(actions)
        meeting.closed = True
        store.save_meeting(meeting)


def with_demo(laptop: Laptop) -> Laptop:
    copy_set(DEMO, laptop.folder)
    return laptop


def files(folder: Path) -> dict[str, bytes]:
    """The set's files as a facilitator has them: without git's folder or the console's lock."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and ".git" not in path.relative_to(folder).parts
        and not path.name.startswith(".console.")
    }


def record(folder: Path) -> dict[str, bytes]:
    """The set's record: its files less the repository's own (.gitignore, .gitattributes)."""
    return {path: data for path, data in files(folder).items() if not path.startswith(".")}


def edit_action(store: disk.SetStore, action_id: str, **changes: object) -> None:
    actions = store.load_actions()
    for action in actions:
        if action.id == action_id:
            for key, value in changes.items():
                setattr(action, key, value)
    store.save_actions(actions)
