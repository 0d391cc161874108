"""One set synced with its shared copy: commit what changed here, fetch, merge record by
record, push.

The set's lock is held throughout, so a console never opens the set while it syncs and a set
being run in a console is never synced underneath it. Each step leaves the record whole:

- this laptop's changes are committed before anything is fetched, so a merge never has
  anything here that history lacks;
- before the merge writes a file it marks, in .git, the commit it merges in; every file is
  replaced atomically; the merge commit comes last, then the mark goes. A sync killed anywhere
  in between leaves files that are each either this laptop's or the merged one, which `check`
  accepts, and the next sync finds the mark and completes that merge, merging in whatever was
  changed here since, so that nothing is lost;
- a push refused because someone synced first is fetched, merged and pushed once more.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from actionset import store as disk
from actionset.sync import repository as git
from actionset.sync.changes import NOTHING, described
from actionset.sync.merging import merged_files

if TYPE_CHECKING:
    from dulwich.objects import ObjectID
    from dulwich.repo import Repo


class SyncFailed(Exception):
    """Why a set did not sync, in one line; the record here is left as it was."""


@dataclass
class Synced:
    """What a sync did, for its one line."""

    slug: str
    remote: str | None = None
    sent: str = NOTHING
    received: str = NOTHING
    conflicts: list[str] = field(default_factory=list)
    pushed: bool = False
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.remote is None:
            return (
                f"{self.slug}: committed here ({self.sent}); no shared copy yet: "
                f"give --remote PATH|URL once"
            )
        if self.conflicts:  # held back: nothing was sent, so say what waits
            count = len(self.conflicts)
            parts = [
                f"{self.slug}: brought in from {self.remote}",
                f"received: {self.received}",
                f"{count} conflict{'s' * (count != 1)} to choose between (`actionset check` "
                "names each)",
                "waiting to send until chosen: "
                + (self.sent if self.sent != NOTHING else "the merge"),
            ]
        elif self.sent == NOTHING and self.received == NOTHING:
            parts = [f"{self.slug}: synced with {self.remote}", "nothing new either side"]
        else:
            parts = [
                f"{self.slug}: synced with {self.remote}",
                f"sent: {self.sent}",
                f"received: {self.received}",
            ]
        return " · ".join([*parts, *self.notes])


def sync_set(
    folder: Path,
    remote: str | None,
    now: dt.datetime | None = None,
    *,
    clone: bool = False,
    remember: bool = False,
) -> Synced:
    """Sync the set in `folder` with `remote`, else the one it remembers. A set remembers the
    first remote it reached, and another one when told to (`remember`)."""
    slug = folder.name
    when = now or dt.datetime.now().astimezone()
    try:
        with disk.SetLock(folder, slug, syncing=True):
            return _sync(folder, Given(remote, remember), when, clone)
    except disk.SetLocked as exc:
        if exc.syncing:
            raise SyncFailed(
                f"{slug}: not synced: another sync of it is under way ({exc.holder})"
            ) from None
        raise SyncFailed(
            f"{slug}: not synced: it is open in a console ({exc.holder}); close the meeting "
            "there, then sync"
        ) from None


@dataclass(frozen=True)
class Given:
    """The remote given on the command line, and whether the set is to remember it."""

    remote: str | None
    remember: bool = False


def _sync(folder: Path, given: Given, now: dt.datetime, clone: bool) -> Synced:
    slug = folder.name
    unfinished = git.merging(folder)
    if not clone and unfinished is None:
        _refuse_problems(folder)
    with git.opened(folder) as repo:
        git.clear_stale_locks(repo)
        git.name_the_merge_driver(repo)
        result = Synced(slug)
        remembered = git.remembered_remote(repo)
        remote = _remote(repo, given.remote, remembered, may_make=not clone)
        remember = remote is not None and remote != remembered
        if remember and remembered is not None and not given.remember:
            remember = False
            result.notes.append(
                f"(this once: the set still syncs with {remembered}; add --remember to sync "
                f"with {remote} from now on)"
            )
        if unfinished is not None:  # a sync cut short: its merge first, then the check
            _complete_merge(repo, folder, unfinished, result)
            result.notes.append("(finished the merge a sync cut short)")
            if not clone:
                _refuse_problems(folder)
        if not clone:
            result.sent = _commit_here(repo, now)
        if remote is None:
            return result
        result.remote = remote
        received = []
        for attempt in (1, 2):
            theirs = _fetch(repo, remote, slug)
            if remember:  # reached, and a shared copy: from now on the set syncs with it
                git.remember_remote(repo, remote)
                if remembered is not None:
                    result.notes.append(f"(from now on the set syncs with {remote})")
                remember = False
            if (words := _merge(repo, folder, theirs, result)) != NOTHING:
                received.append(words)
            result.received = "; ".join(received) or NOTHING
            if result.conflicts:
                return result  # sent once a person has chosen
            try:
                _push(repo, remote, slug)
                break
            except git.PushRefused:
                # Someone synced between our fetch and our push: bring theirs in, once more.
                if attempt == 2:
                    raise SyncFailed(
                        f"{slug}: not sent: the shared copy at {remote} changed twice while "
                        "syncing; what it had is merged here: sync again"
                    ) from None
        # What the shared copy gained, this sync's commit and any a sync cut short left.
        result.sent = _words_between(repo, theirs, git.head(repo))
        result.pushed = True
        git.mark_synced(repo, now)
        return result


def _refuse_problems(folder: Path) -> None:
    """A set whose files have problems (a hand edit gone wrong, a conflict still to choose)
    is not synced: merging by record needs records."""
    from actionset.check import check_set

    problems = check_set(disk.SetStore(folder)).sorted_problems()
    if problems:
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        raise SyncFailed(
            f"{folder.name}: not synced: {problems[0]}{more}; mend it (`actionset check` "
            "names each), then sync"
        )


def _remote(repo: Repo, given: str | None, remembered: str | None, *, may_make: bool) -> str | None:
    """The remote to sync with: `given` (made when it is a new folder), else the remembered
    one."""
    if given is None:
        return remembered
    if git.is_url(given):
        return given
    if git.is_drive_path(given) and os.name != "nt":
        raise SyncFailed(
            f"{Path(repo.path).name}: not synced: {given} is a folder on a Windows drive; on "
            "this laptop give the folder as it is named here (where the drive or stick is)"
        )
    remote = str(Path(given).expanduser().absolute())
    if remote != remembered:
        _check_folder(Path(remote), repo, may_make)
    return remote


def _check_folder(path: Path, repo: Repo, may_make: bool) -> None:
    """A folder given as a shared copy: a repository, or new (or empty) and then made one
    when this laptop has a set to share."""
    slug = Path(repo.path).name
    if (path / ".git").exists():
        raise SyncFailed(
            f"{slug}: not synced: {path} is a set's own folder on a laptop, not a shared copy: "
            "give a new or empty folder for the shared copy"
        )
    if (path / "HEAD").is_file():
        return
    if not path.parent.is_dir():
        raise SyncFailed(
            f"{slug}: not synced: there is no folder {path.parent} (is the drive or stick "
            "plugged in?)"
        )
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise SyncFailed(
            f"{slug}: not synced: {path} is not a shared copy of a set (a git repository): "
            "give a new or empty folder, or the set's shared copy"
        )
    if not may_make:
        raise SyncFailed(f"{slug}: not brought in: there is no shared copy of a set at {path}")
    try:
        git.make_bare(path)
    except OSError as exc:
        raise SyncFailed(f"{slug}: not synced: cannot make {path}: {exc.strerror}") from None


def _commit_here(repo: Repo, now: dt.datetime) -> str:
    """Commit what changed in the folder since the last commit; what it was, in words."""
    ours = git.head(repo)
    tree = git.staged_tree(repo)
    if tree == git.tree_of(repo, ours):
        return NOTHING
    words = described(*git.changed_files(repo, git.tree_of(repo, ours), tree))
    git.commit(repo, words if words != NOTHING else "files tidied", tree)
    return words


def _fetch(repo: Repo, remote: str, slug: str) -> ObjectID | None:
    from dulwich.errors import GitProtocolError, HangupException, NotGitRepository

    try:
        return git.fetch(repo, remote)
    except NotGitRepository:
        raise SyncFailed(
            f"{slug}: not synced: {remote} is not a shared copy of a set (no git repository "
            "there); the record here is as it was"
        ) from None
    except (HangupException, GitProtocolError, OSError) as exc:
        raise SyncFailed(
            f"{slug}: not synced: cannot reach {remote} ({_reason(exc)}); the record here is "
            "committed and as it was: sync again once it can be reached"
        ) from None


def _push(repo: Repo, remote: str, slug: str) -> None:
    from dulwich.errors import GitProtocolError, HangupException
    from dulwich.file import FileLocked

    try:
        git.push(repo, remote)
    except FileLocked as exc:
        held = os.fsdecode(exc.lockfilename)
        raise SyncFailed(
            f"{slug}: not sent: another sync is writing to {remote} ({held}); "
            "sync again in a minute, and if it says so again, that sync was cut short: "
            "delete that file, then sync"
        ) from None
    except (HangupException, GitProtocolError, OSError) as exc:
        raise SyncFailed(
            f"{slug}: not sent: cannot write to {remote} ({_reason(exc)}); the record here is "
            "committed: sync again once it can be reached"
        ) from None


def _reason(exc: Exception) -> str:
    """Why the shared copy could not be reached, on one line, as the transport said it."""
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _merge(repo: Repo, folder: Path, theirs: ObjectID | None, result: Synced) -> str:
    """Bring `theirs` in: nothing when we have it, a fast-forward when we have nothing of
    our own since, else a merge record by record. What came in, in words."""
    ours = git.head(repo)
    if theirs is None or (ours is not None and git.is_ancestor(repo, theirs, ours)):
        return NOTHING
    git.mark_merging(repo, theirs)
    _complete_merge(repo, folder, theirs, result)
    return _words_between(repo, ours, git.head(repo))


def _words_between(repo: Repo, old: ObjectID | None, new: ObjectID | None) -> str:
    """What changed from one commit to another, in words."""
    return described(*git.changed_files(repo, git.tree_of(repo, old), git.tree_of(repo, new)))


def _complete_merge(repo: Repo, folder: Path, theirs: ObjectID, result: Synced) -> None:
    """Merge `theirs` into main, the files written first and the commit last. Run again after
    a crash, it merges the same commits to the same files, and keeps whatever changed in the
    folder since main's last commit (files the killed merge wrote, or edits made since)."""
    ours = git.head(repo)
    fast_forward = ours is None or git.is_ancestor(repo, ours, theirs)
    committed = git.files_at(repo, ours)
    if fast_forward:
        wanted, conflicts = git.files_at(repo, theirs), list[str]()
    else:
        assert ours is not None
        base = git.files_at(repo, git.merge_base(repo, ours, theirs))
        wanted, conflicts = merged_files(base, committed, git.files_at(repo, theirs))
    here = _folder_files(folder, committed.keys() | wanted.keys())
    if here != committed:  # changed since main's last commit: keep that too
        wanted, more = merged_files(committed, here, wanted)
        conflicts += more
    git.write_files(folder, here, wanted)
    tree = git.staged_tree(repo)
    if fast_forward and tree == git.tree_of(repo, theirs):
        repo.refs[git.BRANCH] = theirs  # their commit is ours now
    else:
        words = "merged with the shared copy"
        if conflicts:
            words += f": {len(conflicts)} conflict{'s' * (len(conflicts) != 1)} to choose"
        git.commit(repo, words, tree, merging=theirs)
    git.mark_merging(repo, None)
    result.conflicts += conflicts


def _folder_files(folder: Path, paths: set[str]) -> git.Files:
    """The files at `paths` as they are in the folder now (those missing left out)."""
    found = {}
    for path in paths:
        full = folder / path
        if os.path.isfile(full):
            with open(full, "rb") as data:
                found[path] = data.read()
    return found
